"""Execute notebooks headless, reliably: the one place tests, slides and bench run lessons.

nbclient sometimes loses the wake-up of a shell-channel read while an Output widget is
active and then waits out the whole cell timeout (jupyter/nbclient#312). Polling the
socket in short slices until the caller's deadline turns a lost wake-up into a
quarter-second delay instead of a hang.
"""

from __future__ import annotations

import os
import time
import typing as t
from pathlib import Path
from queue import Empty

import nbformat
from jupyter_client.channels import AsyncZMQSocketChannel
from nbclient import NotebookClient

SLICE_SECONDS: t.Final = 0.25
#: nbclient's message when a kernel exits before answering kernel_info (see execute_notebook)
KERNEL_START_FAILED: t.Final = "Kernel died before replying to kernel_info"
START_ATTEMPTS: t.Final = 3
_PATCHED = False


def patch_nbclient_hang() -> None:
    """Make ``AsyncZMQSocketChannel.get_msg`` wait in short slices (idempotent)."""
    global _PATCHED
    if _PATCHED:
        return

    async def get_msg(self: AsyncZMQSocketChannel, timeout: float | None = None) -> dict[str, t.Any]:
        assert self.socket is not None
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = SLICE_SECONDS if deadline is None else deadline - time.monotonic()
            if remaining <= 0:
                # one last non-blocking look, so that a zero timeout still reads a ready message
                if await self.socket.poll(0):
                    return await self._recv()
                raise Empty
            if await self.socket.poll(int(min(SLICE_SECONDS, remaining) * 1000)):
                return await self._recv()

    AsyncZMQSocketChannel.get_msg = get_msg  # type: ignore[method-assign,assignment]
    _PATCHED = True


def execute_notebook(
    path: str | os.PathLike[str],
    seed: str | os.PathLike[str] | None = None,
    timeout: int = 120,
    kernel_name: str = "python3",
) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder and return the executed copy.

    ``seed`` is passed to the kernel as ``CONFLICTKIT_SEED`` so a lesson can be run on
    any article. Raises ``nbclient.exceptions.CellExecutionError`` on the first error.
    """
    patch_nbclient_hang()
    path = Path(path)
    env = dict(os.environ)
    if seed is not None:
        env["CONFLICTKIT_SEED"] = str(Path(seed).resolve())
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name=kernel_name,
            resources={"metadata": {"path": str(path.parent.resolve())}},
        )
        try:
            # nbclient passes extra kwargs to the kernel manager's start_kernel
            client.execute(env=env)
        except RuntimeError as exc:
            # A kernel that dies before its first reply never ran a cell of the lesson:
            # with several kernels starting at once on a loaded machine, two can pick the
            # same free TCP port and one exits. Start it again; a lesson's own error is a
            # CellExecutionError and is never retried.
            if attempt == START_ATTEMPTS or KERNEL_START_FAILED not in str(exc):
                raise
            time.sleep(0.5 * attempt)
            continue
        return nb
    raise AssertionError("unreachable")  # pragma: no cover
