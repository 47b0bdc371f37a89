"""One geometry check for every plotly figure on a page: in JupyterLab and in the decks.

A text of the plot (title, axis title, tick label, legend item, annotation, data label,
slider label) must lie inside the figure's own box, and no two labels may overlap:
annotations, data labels, legend items, titles and slider labels are compared with
each other, tick labels with the other tick labels of the same axis. Hover labels and
the toolbar are not checked (they appear on demand, above everything).
"""

from __future__ import annotations

import typing as t

#: Evaluated in the page with a root element (or null: the whole document); returns a
#: list of problems ``{figure, kind, a, b}``, ``b`` empty for a text outside its box.
FIGURE_LAYOUT_JS: t.Final = r"""(root) => {
  const TOL = 1.5;
  const problems = [];
  const scope = root || document;
  const textOf = el => (el.textContent || '').trim();
  const shown = el => {
    for (let e = el; e && e.tagName !== 'svg'; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0.5 && r.height > 0.5;
  };
  const group = el => {
    const tick = el.closest('.xtick, .ytick');
    if (tick) {
      const layer = tick.parentElement;  // one layer of ticks per axis
      const axis = layer ? (layer.getAttribute('class') || '') : '';
      const sub = el.closest('g.subplot, g.cartesianlayer > g');
      const key = (tick.classList.contains('xtick') ? 'x' : 'y') + ':' + axis + ':' +
        (sub ? (sub.getAttribute('class') || '') : '') + ':' + (layer && layer.parentElement ? [...layer.parentElement.children].indexOf(layer) : 0);
      return 'tick ' + key;
    }
    return 'label';
  };
  for (const plot of scope.querySelectorAll('.js-plotly-plot')) {
    const container = plot.querySelector('.svg-container') || plot;
    const box = container.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    const title = textOf(plot.querySelector('.gtitle') || {textContent: ''}).slice(0, 60);
    const texts = [...plot.querySelectorAll('svg text')].filter(el =>
      textOf(el) && !el.closest('.hoverlayer') && !el.closest('.modebar') && shown(el));
    const items = texts.map(el => ({el, r: el.getBoundingClientRect(), g: group(el), s: textOf(el).slice(0, 40)}));
    for (const it of items) {
      const r = it.r;
      if (r.left < box.left - TOL || r.right > box.right + TOL || r.top < box.top - TOL || r.bottom > box.bottom + TOL) {
        problems.push({figure: title, kind: 'outside', a: it.s, b: ''});
      }
    }
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        if (a.g !== b.g && (a.g !== 'label' || b.g !== 'label')) {
          if (a.g.startsWith('tick') && b.g.startsWith('tick')) continue;  // different axes
          if (a.g.startsWith('tick') || b.g.startsWith('tick')) continue;  // ticks vs labels: see the plot area instead
        }
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > TOL && h > TOL) problems.push({figure: title, kind: 'overlap', a: a.s, b: b.s});
      }
    }
  }
  return problems;
}"""


def describe(problems: t.Sequence[dict[str, str]]) -> list[str]:
    """``"“Title”: 'a' overlaps 'b'"`` lines, one per problem, for assertion messages."""
    out = []
    for p in problems:
        what = f"{p['a']!r} lies outside the figure" if p["kind"] == "outside" else f"{p['a']!r} overlaps {p['b']!r}"
        out.append(f"“{p['figure']}”: {what}")
    return out
