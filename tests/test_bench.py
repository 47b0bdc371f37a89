"""tools/bench.py's hub sizing: the arithmetic from measured memory to students per GB."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402


def test_sizing_follows_from_the_measured_figures() -> None:
    rows = [
        bench.Memory("empty kernel", 50, 36),
        bench.Memory("bare kernel: `from conflictkit import figures`", 98, 84),
        bench.Memory("after lesson 00-start-here", 104, 90, baseline=84),
        bench.Memory("after lesson 01-chronology", 106, 92, baseline=84),
    ]
    server = bench.Memory("JupyterLab server, idle", 83, 70)
    text = bench.sizing(rows, server)
    one = 70 + 92  # the server and the largest kernel, own memory only
    assert f"about **{one} MiB** with one lesson open (**{1024 / one:.0f} students per GB**)" in text
    assert f"{70 + 5 * 92} MiB with all five lessons open" in text
    assert f"about **{83 + 106} MiB** with one lesson open" in text  # a container: RSS
    assert "Binder" in text and "1–2 GB" in text
    for row in [*rows, server]:
        assert f"| {row.name} | {row.rss:.0f} | {row.uss:.0f} |" in text
    (figure,) = bench.memory_figures(rows)
    assert figure.value == 92 - 84 and "01-chronology" in figure.note


def test_a_median_says_how_noisy_it_is() -> None:
    note = bench._spread([10.0, 11.0, 12.0, 13.0, 40.0])
    assert note.startswith("median of 5, middle half ")
    low, high = note.rsplit(" ", 2)[1].split("–")
    assert float(low) <= 12.0 <= float(high)  # the quartiles bracket the median
    assert bench._spread([7.0]) == "median of 1, middle half 7.0–7.0 ms"


def test_a_figure_that_does_not_gate_still_shows_its_verdict() -> None:
    shown = bench.Figure("new seed", 30.0, 20.0, "ms", gate=False)
    assert not shown.ok and "MISSED" in shown.row()  # the table tells the truth
    assert bench.Figure("cold", 30.0, 20.0, "ms").gate  # figures gate unless told
