"""The house rules hold: ruff on everything, mypy --strict on the library (see pyproject)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff():
    result = subprocess.run([BIN / "ruff", "check", "lib", "tests", "tools", "notebooks"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict():
    result = subprocess.run([BIN / "mypy"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
