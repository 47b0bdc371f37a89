"""Decks for the back of the room and handouts for paper, measured in Chromium at
1280×720 (issue 8 §6): → walks every slide, the slide number shows, no slide more than
two-thirds empty, plot text ≥ 18 px, links between lessons work, a title slide, one
PDF page per slide with figures across it, handouts that print whole on A4 and Letter,
no notebook scaffolding or teacher material where students see it, speaker notes on
every chart, tables for reading, no toolbar button that needs the internet, and no
slide shown twice."""

from __future__ import annotations

import re
import typing as t
from pathlib import Path

import pytest
from figure_layout import FIGURE_LAYOUT_JS, describe  # tests/browser, on sys.path under pytest

from tools.export.build import lessons
from tools.export.preprocessors import BARE_CALL, BASIC_TRACE_TYPES

DEMO = Path(__file__).resolve().parent / "fixtures" / "demo.ipynb"
LESSONS = [p.stem for p in lessons()]
SLIDE_W, SLIDE_H = 1280, 720
MIN_FILL = 1 / 3  # no slide more than two-thirds empty
MIN_PLOT_PX = 18
#: Printable width at 12 mm margins (the handout's @page) in CSS px: A4 and Letter.
PAPER = {"A4": round((210 - 24) / 25.4 * 96), "Letter": round((215.9 - 24) / 25.4 * 96)}

MEASURE = """() => {
  const slide = Reveal.getCurrentSlide();
  const scale = Reveal.getScale();
  const top = slide.getBoundingClientRect().top;
  let bottom = 0;
  slide.querySelectorAll(':scope > *:not(aside), .jp-Cell, .ck-figure, table, h1, h2, h3, p, li').forEach(el => {
    if (el.closest('aside.notes')) return;
    const r = el.getBoundingClientRect();
    if (r.height > 0) bottom = Math.max(bottom, (r.bottom - top) / scale);
  });
  const fonts = [...slide.querySelectorAll('.js-plotly-plot svg text')]
    .filter(tx => tx.textContent.trim() && tx.getBoundingClientRect().width > 0)
    .map(tx => ({px: parseFloat(getComputedStyle(tx).fontSize) * scale, text: tx.textContent.trim().slice(0, 30)}));
  const clone = slide.cloneNode(true);
  clone.querySelectorAll('aside.notes').forEach(n => n.remove());
  return {
    title: (slide.querySelector('h1, h2, h3') || {textContent: ''}).textContent.trim(),
    fill: bottom / 720,
    plots: slide.querySelectorAll('.js-plotly-plot').length,
    fonts: fonts,
    notes: (Reveal.getSlideNotes(slide) || '').trim(),
    text: clone.innerText.trim(),
    code: [...slide.querySelectorAll('.jp-InputArea .highlight, .jp-InputArea pre')].filter(e => !e.closest('aside.notes')).map(e => e.innerText.trim()),
    cells: [...slide.querySelectorAll('td')].filter(e => !e.closest('aside.notes')).map(e => e.innerText.trim()),
  };
}"""


@pytest.fixture(scope="module")
def decks(built: dict[str, t.Any], chromium: t.Any) -> dict[str, dict[str, t.Any]]:
    """Every deck stepped through with → alone, each slide measured once."""
    context = chromium.new_context(viewport={"width": SLIDE_W, "height": SLIDE_H})
    page = context.new_page()
    found: dict[str, dict[str, t.Any]] = {}
    for name in [*LESSONS, "demo"]:
        page.goto(built[name].outputs["slides"].as_uri())
        page.wait_for_selector(".reveal.ready", timeout=20_000)
        total = page.evaluate("Reveal.getTotalSlides()")
        slides, seen = [], []
        for _ in range(total + 5):
            page.wait_for_timeout(120)  # the figure is fitted to its slide when shown
            where = page.evaluate("(() => { const i = Reveal.getIndices(); return i.h + '/' + (i.v || 0); })()")
            if where in seen:
                break
            seen.append(where)
            slide = page.evaluate(MEASURE)
            slide["layout"] = page.evaluate(
                f"(() => ({FIGURE_LAYOUT_JS})(Reveal.getCurrentSlide()))()"
            )
            slides.append(slide)
            page.keyboard.press("ArrowRight")
        number = page.evaluate("""() => {
            const n = document.querySelector('.reveal .slide-number');
            if (!n || getComputedStyle(n).display === 'none') return null;
            const r = n.getBoundingClientRect();
            const hit = [...document.querySelectorAll('.reveal .controls button')].filter(b => {
                const c = b.getBoundingClientRect();
                return getComputedStyle(b).opacity !== '0' && c.width > 0 &&
                       !(c.right < r.left || c.left > r.right || c.bottom < r.top || c.top > r.bottom);
            });
            return {text: n.innerText.trim(), overlaps: hit.length};
        }""")
        found[name] = {"total": total, "visited": seen, "slides": slides, "number": number}
    context.close()
    return found


@pytest.mark.parametrize("name", [*LESSONS, "demo"])
def test_right_arrow_reaches_every_slide(decks: dict[str, t.Any], name: str) -> None:
    deck = decks[name]
    assert len(deck["visited"]) == deck["total"], f"→ reached {len(deck['visited'])} of {deck['total']} slides"
    assert all(v.endswith("/0") for v in deck["visited"]), "vertical stacks left in the deck"


@pytest.mark.parametrize("name", LESSONS)
def test_slide_number_visible(decks: dict[str, t.Any], name: str) -> None:
    number = decks[name]["number"]
    assert number and re.search(r"\d", number["text"]), "no slide number"
    assert number["overlaps"] == 0, "the slide number is behind the controls"


@pytest.mark.parametrize("name", LESSONS)
def test_slides_are_filled(decks: dict[str, t.Any], name: str) -> None:
    empty = [(i + 1, s["title"][:40], round(s["fill"], 2)) for i, s in enumerate(decks[name]["slides"])
             if s["fill"] < MIN_FILL]  # fmt: skip
    assert empty == [], f"slides more than two-thirds empty (number, title, fill): {empty}"


@pytest.mark.parametrize("name", LESSONS)
def test_plot_text_reads_from_the_back(decks: dict[str, t.Any], name: str) -> None:
    small = [(i + 1, f["text"], round(f["px"], 1)) for i, s in enumerate(decks[name]["slides"])
             for f in s["fonts"] if f["px"] < MIN_PLOT_PX - 0.05]  # fmt: skip
    assert small == [], f"plot text under {MIN_PLOT_PX} px: {small[:10]}"
    assert any(s["fonts"] for s in decks[name]["slides"]) or not any(s["plots"] for s in decks[name]["slides"])


@pytest.mark.parametrize("name", LESSONS)
def test_title_slide(decks: dict[str, t.Any], name: str) -> None:
    first = decks[name]["slides"][0]["text"]
    assert re.search(r"\b\d\d\b", first), first  # the lesson's number and title
    assert "Article:" in first and re.search(r"\d{4}-\d\d-\d\d", first) and "Licence" in first, first


@pytest.mark.parametrize("name", LESSONS)
def test_no_scaffolding_on_slides(decks: dict[str, t.Any], name: str) -> None:
    for i, s in enumerate(decks[name]["slides"], start=1):
        for bad in ("Not yet", "double-click", "Teacher note", "Hint "):
            assert bad not in s["text"], f"slide {i} ({s['title']}) shows {bad!r}"
        for code in s["code"]:
            assert not re.search(r"my_answer\s*=|lesson\.check\(", code), f"slide {i} shows {code!r}"
        bare = [c for c in s["code"] if BARE_CALL.match(c)]
        assert bare == [], f"slide {i} shows a bare call: {bare}"
        assert s["title"], f"slide {i} has no title"


@pytest.mark.parametrize("name", LESSONS)
def test_speaker_notes_on_every_chart(decks: dict[str, t.Any], name: str) -> None:
    bare = [(i + 1, s["title"]) for i, s in enumerate(decks[name]["slides"]) if s["plots"] and not s["notes"]]
    assert bare == [], f"chart slides without speaker notes: {bare}"


@pytest.mark.parametrize("name", LESSONS)
def test_tables_read_well(decks: dict[str, t.Any], name: str) -> None:
    raw = re.compile(r"^(NaN|nan|<NA>|None|NaT|True|False|-?\d+\.0|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$")
    bad = [c for s in decks[name]["slides"] for c in s["cells"] if raw.match(c)]
    assert bad == [], f"table cells as pandas prints them: {bad[:10]}"


@pytest.mark.parametrize("name", LESSONS)
def test_no_slide_repeats_another(decks: dict[str, t.Any], name: str) -> None:
    texts = [re.sub(r"\s+", " ", s["text"]) for s in decks[name]["slides"]]
    repeats = [i + 1 for i, txt in enumerate(texts) if txt and txt in texts[:i]]
    assert repeats == [], f"slides repeating an earlier one: {repeats}"


@pytest.mark.parametrize("fmt", ["slides", "html"])
def test_links_between_lessons_work(built: dict[str, t.Any], chromium: t.Any, fmt: str) -> None:
    page = chromium.new_page()
    broken, followed = [], 0
    for name in LESSONS:
        url = built[name].outputs[fmt].as_uri()
        page.goto(url)
        hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        for href in hrefs:
            if not href.startswith("file:") or href.split("#")[0] == url:
                continue
            followed += 1
            target = Path(href.split("#")[0][len("file://"):])
            if not target.is_file() or target.suffix == ".ipynb":
                broken.append((name, href))
    page.close()
    assert followed >= len(LESSONS) and broken == [], broken


@pytest.mark.parametrize("name", LESSONS)
def test_print_pdf_one_page_per_slide(built: dict[str, t.Any], chromium: t.Any, name: str) -> None:
    context = chromium.new_context(viewport={"width": SLIDE_W, "height": SLIDE_H})
    page = context.new_page()
    page.goto(built[name].outputs["slides"].as_uri() + "?print-pdf")
    page.wait_for_selector(".reveal.ready", timeout=20_000)
    page.wait_for_timeout(500)
    total = page.evaluate("Reveal.getTotalSlides()")
    assert page.locator(".pdf-page").count() == total
    widths = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.getBoundingClientRect().width)")
    narrow = [round(w) for w in widths if w < 0.85 * SLIDE_W]
    assert narrow == [], f"printed figures narrower than the slide: {narrow}"
    pdf = page.pdf(width=f"{SLIDE_W}px", height=f"{SLIDE_H}px", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == total, f"{pages} PDF pages for {total} slides"
    context.close()


@pytest.mark.parametrize("paper", list(PAPER))
@pytest.mark.parametrize("name", LESSONS)
def test_handout_prints_whole(built: dict[str, t.Any], chromium: t.Any, name: str, paper: str) -> None:
    width = PAPER[paper]
    context = chromium.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(built[name].outputs["html"].as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    cut = page.evaluate("""(w) => [...document.querySelectorAll('.js-plotly-plot svg.main-svg')]
        .map(s => s.getBoundingClientRect()).filter(r => r.right > w + 1 || r.left < -1)
        .map(r => Math.round(r.right))""", width)
    assert cut == [], f"figures cut on {paper}: right edges {cut} > {width}"
    assert len(page.pdf(format=paper)) > 1000
    text = page.locator("body").inner_text()
    for bad in ("Teacher note", "Hint 1", "Not yet"):
        assert bad not in text, f"the {name} handout shows {bad!r}"
    context.close()


@pytest.mark.parametrize("name", LESSONS)
def test_no_toolbar_button_needs_the_internet(built: dict[str, t.Any], name: str) -> None:
    for fmt in ("slides", "html"):
        html = built[name].outputs[fmt].read_text(encoding="utf-8")
        assert not re.search(r'"(showLink|showSendToCloud|showEditInChartStudio)":\s*true', html)
        assert len(re.findall(r'"showSendToCloud":\s*false', html)) == built[name].figures


@pytest.mark.parametrize("name", LESSONS)
def test_only_basic_traces(built: dict[str, t.Any], name: str) -> None:
    """Decks stay near the basic plotly.js bundle's size: a trace type outside it would
    inline the full 4.5 MB plotly.js."""
    extra = sorted(set(built[name].trace_types) - BASIC_TRACE_TYPES)
    assert extra == [], f"lesson {name} draws {extra}: not in the basic plotly.js bundle {sorted(BASIC_TRACE_TYPES)}"
    if built[name].figures:
        assert built[name].plotly_bundle == "plotly.js-basic-dist-min"


#: The day map ("Who held what on <day>"): laid out for the slide by the library itself
#: (labels in a column, the day's news beside it), so it is also checked on its own.
DAY_MAP: t.Final = "Who held what on "


def _layout_problems(decks: dict[str, t.Any], name: str, day_map: bool) -> list[str]:
    return [f"slide {i + 1}: {line}" for i, s in enumerate(decks[name]["slides"])
            for p in s["layout"] if p["figure"].startswith(DAY_MAP) == day_map
            for line in describe([p])]  # fmt: skip


@pytest.mark.parametrize("name", LESSONS)
def test_figure_text_inside_and_apart(decks: dict[str, t.Any], name: str) -> None:
    """At 1280×720 every text of every figure lies inside the figure, and no two labels
    overlap (tests/browser/figure_layout.py)."""
    problems = _layout_problems(decks, name, day_map=False)
    assert problems == [], "\n".join(problems)


def test_day_map_fits_a_slide(decks: dict[str, t.Any]) -> None:
    slides = decks["01-chronology"]["slides"]
    maps = [s for s in slides if DAY_MAP in s["text"] and s["plots"]]
    assert len(maps) >= 2, "lesson 01's deck has lost its day map (one day) or its walk (every day)"
    problems = _layout_problems(decks, "01-chronology", day_map=True)
    assert problems == [], "\n".join(problems)
    small = [f for s in maps for f in s["fonts"] if f["px"] < 17.5]
    assert small == [], f"day map text under 18 px on a slide: {small[:5]}"
