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


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
