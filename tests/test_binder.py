"""Binder installs from binder/requirements.txt alone and every lesson runs there.

No docker engine runs here, so the repo2docker install is reproduced the way it
matters: a fresh venv, ``pip install -r binder/requirements.txt`` from a copy of the
checkout (the file's ``-e .`` line installs the library from that copy), ``pip check``,
then every lesson executed in that venv's own kernel. pip's cache makes a rerun take
~30-60 s. Skip with ``CONFLICTKIT_SKIP_BINDER=1``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))

import pin_binder  # noqa: E402

SKIP = os.environ.get("CONFLICTKIT_SKIP_BINDER", "") not in ("", "0")


def test_pins_are_exact_and_cover_pyproject() -> None:
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    assert pin_binder.problems(text) == []
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    loose = [ln for ln in lines if ln != "-e ." and not re.fullmatch(r"[\w.-]+==[\w.+!-]+", ln)]
    assert loose == [], "every requirement must be pinned with =="


def test_runtime_and_start_page() -> None:
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert badge, "README has no Binder badge link"
    target = re.search(r"urlpath=(?:lab/tree/|lab%2Ftree%2F)([^&)\s]+)", badge.group(0))
    assert target, "the Binder link must open a lesson (urlpath=lab/tree/...)"
    # the class link opens the student edition (no teacher notes, no answers)
    assert target.group(1).replace("%2F", "/") == "notebooks/student/00-start-here.ipynb"
    assert (ROOT / "notebooks" / "student" / "00-start-here.ipynb").exists()
    hub = re.search(r"https://HUB\.EXAMPLE\.EDU/hub/user-redirect/git-pull\?\S+", readme)
    assert hub, "README has no nbgitpuller link for a JupyterHub"
    assert "urlpath=lab%2Ftree%2Fconflictkit%2Fnotebooks%2Fstudent%2F00-start-here.ipynb" in hub.group(0)


def _checkout_copy(dest: Path) -> Path:
    """The files a Binder build would see: tracked plus untracked-but-not-ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


RUNNER = """
import sys
from pathlib import Path
import conflictkit
here = Path.cwd().resolve()
assert Path(conflictkit.__file__).resolve().is_relative_to(here), conflictkit.__file__
from tools.nbexec import execute_notebook
for path in sys.argv[1:]:
    execute_notebook(path, timeout=120)
    print("ran", path, flush=True)
"""


@pytest.mark.slow
@pytest.mark.network
@pytest.mark.skipif(SKIP, reason="CONFLICTKIT_SKIP_BINDER is set")
@pytest.mark.skipif(not LESSONS, reason="no lessons in notebooks/ yet")
def test_fresh_venv_from_pins_runs_every_lesson(tmp_path: Path) -> None:
    repo = _checkout_copy(tmp_path / "repo")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),  # no user kernelspec overrides
        JUPYTER_PREFER_ENV_PATH="1",
    )
    pip = [str(py), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"]
    result = subprocess.run(pip, cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    check = subprocess.run([str(py), "-m", "pip", "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr

    lessons = [str(p.relative_to(ROOT)) for p in LESSONS]
    run = subprocess.run(
        [str(py), "-c", RUNNER, *lessons], cwd=repo, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]
    assert run.stdout.count("ran ") == len(lessons)
