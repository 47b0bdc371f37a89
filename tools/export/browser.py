"""Chromium and JupyterLab helpers shared by tests/browser and tools/screenshots.py.

What works on these machines: Debian's
``/usr/bin/chromium`` driven by Playwright (never ``playwright install``), JupyterLab
on loopback with its config, runtime, workspace and settings in a temp dir, and
"kernel idle" read from the kernel websocket rather than the toolbar.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import typing as t
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

if t.TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, WebSocket

CHROMIUM: t.Final = Path(os.environ.get("CONFLICTKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS: t.Final = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_SCHEMES: t.Final = ("file:", "data:", "blob:")


def launch(playwright: t.Any) -> Browser:
    """Debian's Chromium, headless, with nothing phoning home."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class PageLog:
    """Console errors, uncaught exceptions and requests a page made."""

    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def watch(page: Page, offline: bool = False, allow: tuple[str, ...] = ()) -> PageLog:
    """Record what ``page`` logs; with ``offline``, abort every request that is not
    ``file:``, ``data:``, ``blob:`` or starts with one of ``allow``."""
    log = PageLog()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: log.requests.append(r.url))
    if offline:

        def route(r: t.Any) -> None:
            url = r.request.url
            if url.startswith(LOCAL_SCHEMES + allow):
                r.continue_()
            else:
                log.blocked.append(url)
                r.abort()

        page.route("**/*", route)
    return log


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Lab:
    """A running JupyterLab: its base URL and the process to stop."""

    url: str
    process: subprocess.Popen[bytes]
    home: Path

    def open(self, page: Page, path: str) -> None:
        """Open ``path`` (relative to the server root) and wait for the kernel to be idle."""
        idle = _KernelIdle()
        page.on("websocket", idle.attach)
        page.goto(f"{self.url}lab/tree/{path}?reset")  # ?reset: no tabs from a previous open
        page.wait_for_selector(".jp-NotebookPanel", timeout=60_000)
        idle.wait(page, timeout=60)

    def run_all(self, page: Page) -> None:
        """Run ▸ Run All Cells, from the menu as a teacher would."""
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    def wait_done(self, page: Page, timeout: float = 120) -> None:
        """Wait until no cell is queued or running (``[*]``) and the kernel is idle."""
        deadline = time.monotonic() + timeout
        page.wait_for_timeout(300)
        while time.monotonic() < deadline:
            busy = page.evaluate(
                """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-InputPrompt')]
                       .some(p => p.textContent.includes('*'))"""
            )
            indicator = page.locator(".jp-NotebookPanel:visible .jp-Notebook-ExecutionIndicator")
            status = indicator.first.get_attribute("data-status") if indicator.count() else None
            if not busy and status in (None, "idle"):
                return
            page.wait_for_timeout(200)
        raise TimeoutError(f"cells still running after {timeout:.0f} s")


def move_control(box: t.Any) -> str:
    """Change the first control inside the widget ``box`` as a student would; returns
    what it did. Sliders: focus the handle, ArrowRight. Toggle buttons: click one that
    is not pressed. Dropdowns and lists: pick an option that is not selected."""
    page = box.page
    slider = box.locator(".widget-slider .noUi-handle")
    if slider.count():
        slider.first.focus()
        page.keyboard.press("ArrowRight")
        return "slider"
    toggle = box.locator(".widget-toggle-buttons button:not(.mod-active)")
    if toggle.count():
        toggle.first.click()
        return "toggle buttons"
    select = box.locator(".widget-dropdown select, .widget-select select")
    if select.count():
        options = select.first.evaluate("s => [...s.options].filter(o => !o.selected && !o.disabled).map(o => o.value)")
        if options:
            select.first.select_option(options[0])
            return "dropdown"
    raise LookupError("no slider, toggle button or dropdown to move in this widget")


class _KernelIdle:
    """Watches kernel websockets for an ``execution_state`` of ``idle``."""

    def __init__(self) -> None:
        self.seen = False

    def attach(self, ws: WebSocket) -> None:
        if "/api/kernels/" in ws.url:
            ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        if b'"execution_state"' in data and b'"idle"' in data:
            self.seen = True

    def wait(self, page: Page, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.seen:
            if time.monotonic() > deadline:
                raise TimeoutError("kernel never reported idle")
            page.wait_for_timeout(100)


def _write_settings(settings: Path) -> None:
    files = {
        # no "would you like to get news" popup over the notebook
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        # never write outputs into the committed lessons
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        # render every cell, not only those in view, so that tests can read the whole lesson
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for name, value in files.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


@contextlib.contextmanager
def jupyterlab(root: Path, timeout: float = 60) -> t.Iterator[Lab]:
    """Start JupyterLab on loopback, serving ``root``, and stop it (by its PID) after."""
    with tempfile.TemporaryDirectory(prefix="ck-lab-") as tmp:
        home = Path(tmp)
        port = free_port()
        settings = home / "settings"
        _write_settings(settings)
        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(home / "config"),
            JUPYTER_RUNTIME_DIR=str(home / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        )
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
            "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=", "--allow-root",
        ]  # fmt: skip
        log = open(home / "lab.log", "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(url + "api/status", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            "JupyterLab did not start:\n" + (home / "lab.log").read_text(errors="replace")[-3000:]
                        ) from None
                    time.sleep(0.2)
            yield Lab(url=url, process=proc, home=home)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            log.close()


#: WCAG 2.1 A and AA: what the issue asks the decks, pages and lessons to meet.
AXE_TAGS: t.Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
SEVERE: t.Final = ("serious", "critical")


def axe_script() -> str:
    """axe-core's source, from node_modules (pinned in package-lock.json)."""
    from .assets import node_modules

    path = node_modules() / "axe-core" / "axe.min.js"
    if not path.is_file():
        from .assets import MissingAssetError

        raise MissingAssetError(f"{path} is missing: run `npm ci` (make slides does it for you)")
    return path.read_text(encoding="utf-8")


def axe(page: Page, include: t.Sequence[str] = (), exclude: t.Sequence[str] = ()) -> list[dict[str, t.Any]]:
    """Run axe-core's WCAG 2.1 A/AA rules on ``page`` (within ``include``, minus
    ``exclude``) and return the violations: ``{id, impact, help, targets}``."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=axe_script())
    context: dict[str, t.Any] = {}
    if include:
        context["include"] = list(include)
    if exclude:
        context["exclude"] = list(exclude)
    return t.cast(
        list[dict[str, t.Any]],
        page.evaluate(
            """async ([context, tags]) => {
                const r = await axe.run(Object.keys(context).length ? context : document,
                    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n')[1])}));
            }""",
            [context, list(AXE_TAGS)],
        ),
    )
