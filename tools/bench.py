"""``make bench``: every performance figure beside its goal, in one run.

Exits non-zero when a figure misses its goal by more than 20 %. ``--readme`` also writes
the table into README.md between the bench markers. Timings are medians of repeated
runs on this machine; the comparison figures (import pandas, a bare kernel) are measured
in the same run so that the ratios mean something on any machine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
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

    @property
    def ok(self) -> bool:
        return self.value <= self.goal * TOLERANCE

    def row(self) -> str:
        verdict = "ok" if self.value <= self.goal else ("within 20 %" if self.ok else "MISSED")
        return f"| {self.name} | {self.value:,.2f} {self.unit} | ≤ {self.goal:,.2f} {self.unit} | {verdict} | {self.note} |"


def _median_subprocess(code: str, runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_import(runs: int) -> list[Figure]:
    load = "import conflictkit; conflictkit.load()"
    subprocess.run([sys.executable, "-c", load], check=True, cwd=ROOT)  # fill the parse cache
    off = dict(os.environ, CONFLICTKIT_CACHE="off")
    pandas_runs, warm_runs, cold_runs = [], [], []
    for _ in range(runs):  # interleaved, so that machine load affects all three alike
        pandas_runs.append(_median_subprocess("import pandas", 1))
        warm_runs.append(_median_subprocess(load, 1))
        cold_runs.append(_median_subprocess(load, 1, off))
    pandas_ms, warm, cold = (statistics.median(r) for r in (pandas_runs, warm_runs, cold_runs))
    return [
        Figure("import conflictkit + load() ÷ import pandas", warm / pandas_ms, 1.15, "×",
               f"{warm:.0f} ms vs {pandas_ms:.0f} ms (parse cache warm)"),
        Figure("same, parse cache off ÷ import pandas", cold / pandas_ms, 1.5, "×",
               f"{cold:.0f} ms: first load of a new seed (informative goal)"),
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

    # generated seeds: the infobox plus a random choice of the narrative paragraphs,
    # repeated 1–8 times, so sizes span ~1–40 KB
    lines = text.split("\n")
    head_end = next(i for i, line in enumerate(lines) if line.startswith("=="))
    head, body = lines[:head_end], lines[head_end:]
    paragraphs = [line for line in body if line and not line.startswith(("=", "-"))]
    rng = random.Random(7)
    sizes, costs = [], []
    for _ in range(generated):
        chosen = rng.sample(paragraphs, rng.randint(1, len(paragraphs))) * rng.randint(1, 8)
        seed = "\n".join(head + ["== Narrative ==", ""] + [p + "\n" for p in chosen])
        places.clear_cache()
        start = time.perf_counter()
        parse(seed)
        costs.append(time.perf_counter() - start)
        sizes.append(len(seed))
    per_seed = statistics.mean(costs) * 1000
    per_kb = sum(costs) * 1000 / (sum(sizes) / 1000)
    # linearity: cost per KB of the largest quarter vs the smallest quarter
    ranked = sorted(zip(sizes, costs, strict=True))
    quarter = max(1, len(ranked) // 4)
    small = sum(c for _, c in ranked[:quarter]) / sum(s for s, _ in ranked[:quarter])
    large = sum(c for _, c in ranked[-quarter:]) / sum(s for s, _ in ranked[-quarter:])
    return [
        Figure("parse the bundled seed: text → records (cold)", seed_ms, 20.0, "ms", "median, place cache cleared"),
        Figure("records → DataFrames (14 tables)", frames_ms, 20.0, "ms", "informative goal; paid once, then cached"),
        Figure(f"parse cost per KB over {generated} generated seeds", per_kb, 2.5, "ms",
               f"{per_seed:.1f} ms per seed on average; sizes {min(sizes) // 1000}–{max(sizes) // 1000} KB;"
               f" goal = the bundled seed's 20 ms ÷ its {len(text) // 1000} KB"),
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for a smoke run)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    figures = bench_import(runs)
    figures += bench_parse(runs * 3, 100 if args.quick else 1000)
    figures += bench_widgets(10 if args.quick else 40)
    if not args.skip_notebooks:
        figures += bench_notebooks()
    header = "| figure | measured | goal | verdict | note |\n|---|---|---|---|---|"
    table = "\n".join([header, *(f.row() for f in figures)])
    print(table)
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        stamp = f"Measured by `make bench` on {time.strftime('%Y-%m-%d')} ({os.cpu_count()} cores):\n\n"
        block = f"<!-- bench:begin -->\n{stamp}{table}\n<!-- bench:end -->"
        text = re.sub(r"<!-- bench:begin -->.*?<!-- bench:end -->", lambda _: block, text, flags=re.S)
        readme.write_text(text, encoding="utf-8")
    missed = [f for f in figures if not f.ok]
    for figure in missed:
        print(f"MISSED by more than 20 %: {figure.name}: {figure.value:.2f} {figure.unit} (goal {figure.goal})", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
