"""The one error a seed can raise, positioned like a compiler message."""

from __future__ import annotations

from pathlib import Path


class SeedError(ValueError):
    """A seed that cannot be read: ``seeds/x.txt:14:22: unclosed parenthesis in Commander2``.

    Like ``tomllib.TOMLDecodeError`` it carries its position so callers (the CLI, a
    notebook) can show one line instead of a traceback.
    """

    def __init__(self, path: str | Path | None, line: int, column: int, message: str) -> None:
        self.path = str(path) if path is not None else "<text>"
        self.line = line
        self.column = column
        self.message = message
        where = f"{self.path}:{line}:{column}" if line > 0 else self.path
        super().__init__(f"{where}: {message}")


class ExportRefused(FileExistsError):
    """``export`` was asked to write into a folder it did not write itself.

    Only a folder holding an ``article.json`` that conflictkit wrote (or a new or empty
    one) is written to: the output folder may be any path a user types, and replacing
    someone's files there would lose them.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = str(folder)
        super().__init__(
            f"{self.folder}: not replaced: it is not empty and holds no article.json written by conflictkit export; "
            "choose a new or empty folder"
        )

    def __str__(self) -> str:
        return str(self.args[0])


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
