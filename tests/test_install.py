"""``pip install .`` (not editable) gives a conflictkit that works anywhere.

The gazetteer, the map lines and the bundled seed ship inside the package
(lib/conflictkit/data/, read through importlib.resources); ``data/`` and ``seeds/`` at
the top of the repository hold copies for readers, which must stay identical.

The slow test builds the wheel from a copy of the sources without network
(``--no-build-isolation``: setuptools comes from the test extra), installs it with
``--no-deps`` into a fresh venv that borrows the project venv's packages (pandas,
plotly, ...) through a .pth file, and runs the CLI, the API and every lesson from a
folder outside the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = ROOT / "lib" / "conflictkit" / "data"
COPIES = {
    PACKAGE_DATA / "places.csv": ROOT / "data" / "places.csv",
    PACKAGE_DATA / "geography.csv": ROOT / "data" / "geography.csv",
    PACKAGE_DATA / "seeds" / "2017_abu_kamal_offensive.txt": ROOT / "seeds" / "2017_abu_kamal_offensive.txt",
}
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("canonical", list(COPIES), ids=lambda p: p.name)
def test_the_readers_copy_is_the_package_file(canonical: Path) -> None:
    copy = COPIES[canonical]
    assert canonical.read_bytes() == copy.read_bytes(), (
        f"{copy.relative_to(ROOT)} differs from {canonical.relative_to(ROOT)}, the file the library reads: "
        "edit one, then copy it over the other"
    )


def test_the_library_reads_its_data_from_the_package() -> None:
    from conflictkit import article, places

    assert places.GAZETTEER_PATH == PACKAGE_DATA / "places.csv"
    assert places.GEOGRAPHY_PATH == PACKAGE_DATA / "geography.csv"
    assert article.BUNDLED_SEEDS == PACKAGE_DATA / "seeds"
    source = (ROOT / "lib" / "conflictkit" / "article.py").read_text(encoding="utf-8")
    source += (ROOT / "lib" / "conflictkit" / "places.py").read_text(encoding="utf-8")
    assert "parents[2]" not in source


def test_outside_a_checkout_load_falls_back_to_the_bundled_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import conflictkit

    monkeypatch.chdir(tmp_path)
    assert conflictkit.load().path == PACKAGE_DATA / "seeds" / "2017_abu_kamal_offensive.txt"
    assert [p.name for p in conflictkit.seeds()] == ["2017_abu_kamal_offensive.txt"]


CHECK_API = """
import sys
from pathlib import Path
import conflictkit
from conflictkit import figures, places
here = Path(conflictkit.__file__).resolve()
assert "site-packages" in here.parts, here
art = conflictkit.load()
assert art.title == "2017 Abu Kamal offensive", art.title
assert len(places.load_gazetteer()) > 10 and len(places.load_geography()) > 1
assert art.places["lat"].notna().sum() > 5  # the gazetteer was found
out = conflictkit.export(art, Path("exported"))
again = conflictkit.load(out)
assert again.tables["events"].equals(art.tables["events"])
print("api ok")
"""

RUN_LESSONS = """
import sys
import nbformat
from nbclient import NotebookClient
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3").execute()
    print("ran", path, flush=True)
"""


def _sources_copy(dest: Path) -> Path:
    """What a wheel is built from: pyproject, README, LICENSE and lib/ (no build leftovers)."""
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "lib" / "conflictkit", dest / "lib" / "conflictkit",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))  # fmt: skip
    return dest


@pytest.mark.slow
def test_pip_install_dot_gives_a_working_conflictkit(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    src = _sources_copy(tmp_path / "src")
    wheels = tmp_path / "wheels"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "CONFLICTKIT_SEED", "CONFLICTKIT_SEEDS")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(src)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = wheels.glob("conflictkit-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()  # fmt: skip
    # the project venv's packages, but not its editable conflictkit (a .pth in a .pth'd
    # folder is not read, so __editable__.conflictkit*.pth there does not apply)
    Path(site, "project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", str(wheel)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"  # no seeds/ or data/ here or above
    elsewhere.mkdir()
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(py), *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600)

    bundled = Path(site) / "conflictkit" / "data" / "seeds" / "2017_abu_kamal_offensive.txt"
    assert bundled.is_file(), "the bundled seed is not in the wheel"
    check = run("-m", "conflictkit", "check", str(bundled))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "2017 Abu Kamal offensive" in check.stdout
    default = run("-m", "conflictkit", "check")
    assert default.returncode == 0 and "2017 Abu Kamal offensive" in default.stdout, default.stdout + default.stderr
    exported = run("-m", "conflictkit", "export", "--out", "cli-export")  # no seed: the bundled one
    assert exported.returncode == 0 and (elsewhere / "cli-export" / "events.csv").exists(), exported.stderr
    api = run("-c", CHECK_API)
    assert api.returncode == 0 and "api ok" in api.stdout, api.stdout + api.stderr

    if LESSONS:  # the lessons run against the installed library, from a folder of their own
        lessons = elsewhere / "lessons"
        lessons.mkdir()
        for lesson in LESSONS:
            shutil.copy2(lesson, lessons / lesson.name)
        env["JUPYTER_PREFER_ENV_PATH"] = "1"
        env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter-data")
        ran = run("-c", RUN_LESSONS, *(str(lessons / p.name) for p in LESSONS))
        assert ran.returncode == 0, (ran.stdout + ran.stderr)[-6000:]
        assert ran.stdout.count("ran ") == len(LESSONS)


def _make_n(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is missing: apt-get install make")
    return subprocess.run(["make", "-n", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def test_make_lab_passes_allow_root_only_as_root_and_says_why() -> None:
    as_root = _make_n("lab", "AS_ROOT=0")
    assert "--allow-root" in as_root and "running as root" in as_root
    assert "jupyter lab --allow-root notebooks/00-start-here.ipynb" in as_root
    as_user = _make_n("lab", "AS_ROOT=")
    assert "--allow-root" not in as_user and "notebooks/00-start-here.ipynb" in as_user
    install = _make_n("lab", "-W", "pyproject.toml")
    assert "pip install" in install and " -q" not in install, "installing must show progress"


def test_make_test_installs_npm_packages_before_pytest() -> None:
    if shutil.which("npm") is None:
        pytest.skip("npm is missing: apt-get install npm")
    commands = _make_n("test", "-W", "package-lock.json").splitlines()
    npm = next(i for i, c in enumerate(commands) if c.startswith("npm ci"))
    pytest_run = next(i for i, c in enumerate(commands) if "-m pytest" in c)
    assert npm < pytest_run
