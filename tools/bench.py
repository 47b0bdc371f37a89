"""``make bench``: every performance figure beside its goal, in one run.

Exits non-zero when a figure misses its goal by more than 20 %. ``--readme`` also writes
the table into README.md between the bench markers, and the hub sizing between the
sizing markers. Memory: the RSS and USS (psutil) of a kernel that ran each lesson to the
end, of a bare kernel that ran only the lesson's imports, of an empty kernel and of an
idle JupyterLab server; the sizing (students per GB, Binder) is computed from them.
``--only-memory`` measures just that. Timings are medians of repeated
runs on this machine; the comparison figures (import pandas, a bare kernel) are measured
in the same run so that the ratios mean something on any machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
TOLERANCE = 1.20


@dataclass
class Figure:
    name: str
    value: float
    goal: float
    unit: str
    note: str = ""
    gate: bool = True  # False: shown with its verdict, but a miss does not fail `make bench`

    @property
    def ok(self) -> bool:
        return self.value <= self.goal * TOLERANCE

    def row(self) -> str:
        verdict = "ok" if self.value <= self.goal else ("within 20 %" if self.ok else "MISSED")
        return f"| {self.name} | {self.value:,.2f} {self.unit} | ≤ {self.goal:,.2f} {self.unit} | {verdict} | {self.note} |"


def _spread(times_ms: list[float]) -> str:
    """How noisy a median is: the middle half of the runs (this machine is shared)."""
    q = statistics.quantiles(times_ms, n=4) if len(times_ms) > 1 else [times_ms[0]] * 3
    return f"median of {len(times_ms)}, middle half {q[0]:.1f}–{q[2]:.1f} ms"


def _median_subprocess(code: str, runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_import(runs: int) -> list[Figure]:
    load = "import conflictkit; conflictkit.load()"
    # Bytecode cached as on any install (pip compiles it; an editable install writes it on
    # first import): with PYTHONDONTWRITEBYTECODE set, as on some CI and agent machines, every
    # run recompiled conflictkit's source (~50 ms) while pandas' came precompiled. The cache
    # goes to a temporary prefix, not into the checkout.
    pycache = tempfile.mkdtemp(prefix="bench-pycache-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": pycache}
    off = dict(env, CONFLICTKIT_CACHE="off")
    subprocess.run([sys.executable, "-c", load], check=True, cwd=ROOT, env=env)  # fill the parse and bytecode caches
    subprocess.run([sys.executable, "-c", load], check=True, cwd=ROOT, env=off)
    pandas_runs, warm_runs, cold_runs = [], [], []
    for _ in range(runs):  # interleaved, so that machine load affects all three alike
        pandas_runs.append(_median_subprocess("import pandas", 1, env))
        warm_runs.append(_median_subprocess(load, 1, env))
        cold_runs.append(_median_subprocess(load, 1, off))
    shutil.rmtree(pycache, ignore_errors=True)
    pandas_ms, warm, cold = (statistics.median(r) for r in (pandas_runs, warm_runs, cold_runs))
    return [
        Figure("import conflictkit + load() ÷ import pandas", warm / pandas_ms, 1.15, "×",
               f"{warm:.0f} ms vs {pandas_ms:.0f} ms (parse cache warm; {_spread(warm_runs)},"
               f" pandas {_spread(pandas_runs)})"),
        Figure("same, parse cache off ÷ import pandas", cold / pandas_ms, 1.5, "×",
               f"{cold:.0f} ms: first load of a new seed (informative goal; {_spread(cold_runs)})"),
    ]


def bench_parse(runs: int, generated: int) -> list[Figure]:
    from conflictkit import places
    from conflictkit.article import parse, parse_records, to_article
    from conflictkit.seed import decode

    text = decode((ROOT / "seeds" / "2017_abu_kamal_offensive.txt").read_bytes())
    parse(text)
    times, frame_times = [], []
    for _ in range(runs):
        places.clear_cache()
        start = time.perf_counter()
        records = parse_records(text)
        middle = time.perf_counter()
        to_article(records)
        times.append(middle - start)
        frame_times.append(time.perf_counter() - middle)
    seed_ms = statistics.median(times) * 1000
    frames_ms = statistics.median(frame_times) * 1000
    # A seed never seen also compiles its own patterns (the side names' alternation, the
    # gazetteer's additions); the loop above reuses Python's pattern cache from the first parse.
    new_seed_times = []
    for _ in range(runs):
        places.clear_cache()
        re.purge()
        start = time.perf_counter()
        parse_records(text)
        new_seed_times.append(time.perf_counter() - start)
    new_seed_ms = statistics.median(new_seed_times) * 1000
    seed_spread = _spread([t * 1000 for t in times])
    frames_spread = _spread([t * 1000 for t in frame_times])

    # generated seeds: the infobox plus a random choice of the narrative paragraphs,
    # repeated 1–8 times, so sizes span ~1–40 KB
    lines = text.split("\n")
    head_end = next(i for i, line in enumerate(lines) if line.startswith("=="))
    head, body = lines[:head_end], lines[head_end:]
    paragraphs = [line for line in body if line and not line.startswith(("=", "-"))]
    rng = random.Random(7)
    # The per-KB goal is the 20 ms text → records goal spread over the seed's size, so it is
    # measured on the same step; building the DataFrames is timed beside it (informative).
    sizes, costs, table_costs = [], [], []
    for _ in range(generated):
        chosen = rng.sample(paragraphs, rng.randint(1, len(paragraphs))) * rng.randint(1, 8)
        seed = "\n".join(head + ["== Narrative ==", ""] + [p + "\n" for p in chosen])
        places.clear_cache()
        start = time.perf_counter()
        records = parse_records(seed)
        middle = time.perf_counter()
        to_article(records)
        costs.append(middle - start)
        table_costs.append(time.perf_counter() - middle)
        sizes.append(len(seed))
    per_seed = statistics.mean(costs) * 1000
    per_kb = sum(costs) * 1000 / (sum(sizes) / 1000)
    tables_per_kb = sum(table_costs) * 1000 / (sum(sizes) / 1000)
    # linearity: cost per KB of the largest quarter vs the smallest quarter
    ranked = sorted(zip(sizes, costs, strict=True))
    quarter = max(1, len(ranked) // 4)
    small = sum(c for _, c in ranked[:quarter]) / sum(s for s, _ in ranked[:quarter])
    large = sum(c for _, c in ranked[-quarter:]) / sum(s for s, _ in ranked[-quarter:])
    return [
        Figure("parse the bundled seed: text → records (cold)", seed_ms, 20.0, "ms",
               f"place cache cleared; {seed_spread}"),
        Figure("same, as a seed never seen (pattern cache cleared too)", new_seed_ms, 20.0, "ms",
               f"informative, not gating: what a student's first load of a new seed pays; re.purge() before each;"
               f" {_spread([t * 1000 for t in new_seed_times])}", gate=False),
        Figure("records → DataFrames (14 tables)", frames_ms, 20.0, "ms",
               f"informative goal; paid once, then cached; {frames_spread}"),
        Figure(f"parse cost per KB over {generated} generated seeds (text → records)", per_kb, 2.5, "ms",
               f"{per_seed:.1f} ms per seed on average; sizes {min(sizes) // 1000}–{max(sizes) // 1000} KB;"
               f" goal = the bundled seed's 20 ms ÷ its {len(text) // 1000} KB"),
        Figure("records → DataFrames, per KB of the same seeds", tables_per_kb, 2.5, "ms",
               "informative goal; paid once, then cached"),
        Figure("cost per KB, largest ÷ smallest quarter", large / small, 1.5, "×", "1.0 = linear"),
    ]


def bench_widgets(repeats: int) -> list[Figure]:
    import conflictkit
    from conflictkit import explorers

    article = conflictkit.load()
    timings = []
    for name in dir(explorers):
        factory = getattr(explorers, name)
        if name.startswith("_") or not callable(factory) or name[0].isupper():
            continue
        try:
            explorer = factory(article)
        except TypeError:
            continue
        control = getattr(explorer, "control", None)
        options = list(getattr(control, "options", []) or [])
        if control is None or len(options) < 2:
            continue
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        for i in range(repeats):
            value = values[(i + 1) % len(values)]
            start = time.perf_counter()
            control.value = value
            _ = explorer.figure
            timings.append(time.perf_counter() - start)
    if not timings:
        return [Figure("widget change → new figure", float("inf"), 30, "ms", "no explorer found")]
    timings.sort()
    median = statistics.median(timings) * 1000
    p95 = timings[int(0.95 * (len(timings) - 1))] * 1000
    return [
        Figure("widget change → new figure, median", median, 30.0, "ms", f"{len(timings)} changes"),
        Figure("widget change → new figure, p95", p95, 80.0, "ms", ""),
    ]


def bench_notebooks() -> list[Figure]:
    import nbformat
    from nbexec import execute_notebook

    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("import pandas, plotly.graph_objects, ipywidgets")]
        nbformat.write(nb, bare)
        start = time.perf_counter()
        execute_notebook(bare)
        bare_s = time.perf_counter() - start
    start = time.perf_counter()
    for lesson in lessons:
        execute_notebook(lesson, timeout=120)
    total = time.perf_counter() - start
    budget = 1.5 * len(lessons) * bare_s
    return [
        Figure(f"all {len(lessons)} lessons executed headless", total, budget, "s",
               f"goal 1.5 × {len(lessons)} × bare kernel ({bare_s:.2f} s)"),
    ]


# The last cell run in each measured kernel: its own memory, after a garbage collection.
MEMORY_CELL = """\
import gc as _gc, json as _json, psutil as _psutil
_gc.collect()
_m = _psutil.Process().memory_full_info()
print("CK-MEMORY " + _json.dumps({"rss": _m.rss, "uss": _m.uss, "pss": getattr(_m, "pss", 0)}))
"""
MIB = 1024 * 1024


@dataclass
class Memory:
    name: str
    rss: float  # MiB: everything mapped, shared libraries included
    uss: float  # MiB: memory only this process holds (what one more kernel adds)
    baseline: float | None = None  # USS of a bare kernel with the same imports (lessons only)


def _kernel_memory(cells: list[str], cwd: Path) -> Memory:
    """Run ``cells`` in a fresh python3 kernel (cwd as a lesson would have), then measure it."""
    import json

    import nbformat
    from nbclient import NotebookClient
    from nbexec import patch_nbclient_hang

    patch_nbclient_hang()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in [*cells, MEMORY_CELL]]
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings are not results
    for output in nb.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if "CK-MEMORY " in text:
            m = json.loads(text.split("CK-MEMORY ", 1)[1])
            return Memory("", m["rss"] / MIB, m["uss"] / MIB)
    raise RuntimeError("the memory cell printed nothing")


def _lesson_cells(lesson: Path) -> tuple[list[str], list[str]]:
    """(every code cell, the lesson's import lines only)."""
    import nbformat

    nb = nbformat.read(lesson, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    imports = [line for cell in code for line in cell.splitlines() if line.startswith(("import ", "from "))]
    return code, imports


def _server_memory() -> Memory:
    """A student's JupyterLab server, idle after start (its RSS/USS, without kernels)."""
    import psutil

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tools.export import browser

    with browser.jupyterlab(ROOT) as lab:
        time.sleep(2)  # let the server finish loading its extensions
        info = psutil.Process(lab.process.pid).memory_full_info()
    return Memory("JupyterLab server, idle", info.rss / MIB, info.uss / MIB)


def bench_memory() -> tuple[list[Memory], Memory | None]:
    """Kernels: empty, each lesson's imports only, and after each lesson ran to the end."""
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    rows = [dataclasses.replace(_kernel_memory([], ROOT / "notebooks"), name="empty kernel")]
    bare: dict[tuple[str, ...], Memory] = {}
    for lesson in lessons:
        code, imports = _lesson_cells(lesson)
        key = tuple(imports)
        if key not in bare:  # the lessons share their imports: measure each set once
            bare[key] = dataclasses.replace(_kernel_memory(imports, lesson.parent), name="bare kernel: `" + "; ".join(imports) + "`")
            rows.append(bare[key])
        after = _kernel_memory(code, lesson.parent)
        rows.append(dataclasses.replace(after, name=f"after lesson {lesson.stem}", baseline=bare[key].uss))
    try:
        server: Memory | None = _server_memory()
    except Exception as error:  # no JupyterLab here: the kernels are still measured
        print(f"server memory not measured: {error}", file=sys.stderr)
        server = None
    return rows, server


def memory_figures(rows: list[Memory]) -> list[Figure]:
    lessons = [r for r in rows if r.baseline is not None]
    if not lessons:
        return []
    worst = max(lessons, key=lambda r: r.uss - (r.baseline or 0.0))
    base = worst.baseline or 0.0
    return [
        Figure("kernel after a lesson − bare kernel with its imports (USS, largest)", worst.uss - base, 64.0, "MiB",
               f"{worst.name}: {worst.uss:.0f} MiB vs {base:.0f} MiB (informative goal)"),
    ]


def sizing(rows: list[Memory], server: Memory | None) -> str:
    """The README's hub sizing, from the measured figures."""
    lessons = [r for r in rows if r.baseline is not None]
    if not lessons:
        return "No lessons to measure."
    worst = max(lessons, key=lambda r: r.uss)
    worst_rss = max(r.rss for r in lessons)
    server_uss = server.uss if server else 0.0
    server_rss = server.rss if server else 0.0
    one = server_uss + worst.uss  # one machine: shared libraries counted once
    five = server_uss + 5 * worst.uss
    container_one = server_rss + worst_rss  # one container per user: its own copy of everything
    container_five = server_rss + worst_rss + 4 * worst.uss
    table = ["| process | RSS (MiB) | USS (MiB) |", "|---|---|---|"]
    table += [f"| {r.name} | {r.rss:.0f} | {r.uss:.0f} |" for r in [*rows, *([server] if server else [])]]
    server_note = "" if server else " (JupyterLab server not measured: add its memory)"
    lines = [
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}: each process's memory after the lesson ran to the "
        "end (RSS counts shared libraries, USS only what that process alone holds).",
        "",
        *table,
        "",
        f"- **One machine** (The Littlest JupyterHub, a lab server): the libraries are shared, so each student "
        f"adds their server and kernel's own memory, about **{one:.0f} MiB** with one lesson open "
        f"(**{1024 / one:.0f} students per GB**), {five:.0f} MiB with all five lessons open "
        f"(**{1024 / five:.1f} per GB**){server_note}: a class of 30 needs about {30 * one / 1024:.1f} GB, "
        f"or {30 * five / 1024:.1f} GB if nobody closes a lesson. Ask students to shut down a finished lesson's kernel "
        "(*Kernel ▸ Shut Down Kernel*), and leave 1–2 GB for the system and the hub.",
        f"- **One container per student** (Zero to JupyterHub on Kubernetes, Binder): each counts its own copy of "
        f"everything, about **{container_one:.0f} MiB** with one lesson open and {container_five:.0f} MiB with five; "
        f"a guarantee of {_round_up(container_one)} MiB and a limit of {_round_up(container_five)} MiB per user "
        f"(`c.Spawner.mem_guarantee` / `mem_limit`) gives **{1024 / _round_up(container_one):.1f} students per GB** "
        "guaranteed.",
        f"- **Binder** (mybinder.org) gives each user 1–2 GB of RAM: {container_five:.0f} MiB with every lesson "
        f"open fits {'well within 1 GB' if container_five < 900 else 'within 2 GB' if container_five < 1900 else 'only with kernels shut down'}; "
        "a Binder session still stops after about ten minutes without activity.",
    ]
    return "\n".join(lines)


def _round_up(mib: float, step: int = 64) -> int:
    return int(-(-mib // step) * step)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for a smoke run)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--skip-notebooks", action="store_true", help="no lesson runs (no timing, no memory)")
    parser.add_argument("--only-memory", action="store_true", help="only the kernel memory and hub sizing")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    figures: list[Figure] = []
    if not args.only_memory:
        figures += bench_import(runs)
        figures += bench_parse(runs * 3, 100 if args.quick else 1000)
        figures += bench_widgets(10 if args.quick else 40)
        if not args.skip_notebooks:
            figures += bench_notebooks()
    hub = None
    if not args.skip_notebooks:
        rows, server = bench_memory()
        figures += memory_figures(rows)
        hub = sizing(rows, server)
    header = "| figure | measured | goal | verdict | note |\n|---|---|---|---|---|"
    table = "\n".join([header, *(f.row() for f in figures)])
    print(table)
    if hub:
        print("\n" + hub)
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        if not args.only_memory:
            stamp = f"Measured by `make bench` on {time.strftime('%Y-%m-%d')} ({os.cpu_count()} cores):\n\n"
            block = f"<!-- bench:begin -->\n{stamp}{table}\n<!-- bench:end -->"
            text = re.sub(r"<!-- bench:begin -->.*?<!-- bench:end -->", lambda _: block, text, flags=re.S)
        if hub:
            block = f"<!-- sizing:begin -->\n{hub}\n<!-- sizing:end -->"
            text = re.sub(r"<!-- sizing:begin -->.*?<!-- sizing:end -->", lambda _: block, text, flags=re.S)
        readme.write_text(text, encoding="utf-8")
    missed = [f for f in figures if not f.ok and f.gate]
    for figure in missed:
        print(f"MISSED by more than 20 %: {figure.name}: {figure.value:.2f} {figure.unit} (goal {figure.goal})", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
