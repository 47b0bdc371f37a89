"""Figures to widgets: the controls a lesson offers where the kernel must compute.

Each explorer is an object with its controls and its current view as attributes, so a
test (or a curious student) can drive it without a browser::

    ex = explorers.casualty_reading(art)
    ex.control.value = "point"
    ex.figure            # the new plotly figure
    ex.view.summary      # and its sentence

Rendering avoids two traps: no ``go.FigureWidget`` (it needs
anywidget and carries ~5 MB of state), and no ``with output:`` capture (nbclient's
Output-widget capture is what hangs headless runs). An explorer sets ``Output.outputs``
to ready-made plotly mimebundles instead; that is also what keeps a change fast.

Seed text shown in an ``HTML`` widget is escaped. ipywidgets and plotly are imported
here and in figures only, never by ``import conflictkit``.
"""

from __future__ import annotations

import typing as t
import weakref

import ipywidgets as widgets

from conflictkit import figures
from conflictkit.figures import Article, View, esc

_LIVE: weakref.WeakSet[Explorer] = weakref.WeakSet()


def _outputs(view: View) -> tuple[dict[str, t.Any], ...]:
    return tuple(
        {"output_type": "display_data", "data": bundle, "metadata": {}} for bundle in view.bundles()
    )


class Explorer:
    """A control, a view that follows it, and the widget box that shows both.

    Attributes: ``control`` (the main widget), ``controls`` (all of them by name),
    ``view`` (the current :class:`~conflictkit.figures.View`), ``figure`` (its plotly
    figure or None), ``output`` (where the view is drawn), ``notes`` (an HTML widget
    with text computed alongside), ``widget`` (the box to display), ``art``.
    """

    title: str = ""
    _quiet: bool = False

    def __init__(self, art: Article, control: widgets.Widget, **more: widgets.Widget) -> None:
        self.art = art
        self.control = control
        self.controls: dict[str, widgets.Widget] = {"control": control, **more}
        self.output = widgets.Output(layout={"min_height": "120px"})
        self.notes = widgets.HTML()
        self.view: View = figures.notice("Nothing yet")
        self.renders = 0
        for w in self.controls.values():
            w.observe(self._changed, names="value")
        head = widgets.HTML(f"<b>{esc(self.title)}</b>") if self.title else None
        row = widgets.HBox(list(self.controls.values()))
        self.widget = widgets.VBox(
            [w for w in (head, row, self.output, self.notes) if w is not None]
        )
        _LIVE.add(self)
        self.update()

    @property
    def figure(self) -> t.Any:
        return self.view.figure

    # subclasses compute the view (and may fill self.notes)
    def compute(self) -> View:  # pragma: no cover - abstract
        raise NotImplementedError

    def _changed(self, change: dict[str, t.Any]) -> None:
        if not self._quiet:
            self.update()

    def update(self) -> None:
        self.view = self.compute()
        self.output.outputs = _outputs(self.view)
        self.renders += 1

    def set_article(self, art: Article) -> None:
        """Follow a newly picked seed: rebuild the choices, then the view."""
        self.art = art
        self._quiet = True
        try:
            self.refresh_options()
        finally:
            self._quiet = False
        self.update()

    def refresh_options(self) -> None:
        pass

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]  # pandas-stubs/IPython typing

    def __repr__(self) -> str:
        value = getattr(self.control, "value", None)
        return f"<{type(self).__name__} value={value!r}: {self.view.summary}>"


def reload_all(art: Article) -> int:
    """Point every live explorer at ``art`` (the seed picker calls this); returns how many."""
    live = list(_LIVE)
    for ex in live:
        ex.set_article(art)
    return len(live)


# ---------------------------------------------------------------------------- 03


class CasualtyReading(Explorer):
    title = "How do you read a figure with a “+”?"

    def __init__(self, art: Article) -> None:
        control = widgets.ToggleButtons(
            options=[("at least (a floor)", "at least"), ("as a point (exactly)", "point")],
            value="at least",
            description="Read “+” as",
            style={"description_width": "initial"},
        )
        super().__init__(art, control)

    def compute(self) -> View:
        # the figure's "In words" is its summary; the notes list the conclusions only
        view = figures.losses(figures.infobox_losses(self.art), self.art, self.control.value)
        lines = view.details
        self.notes.value = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>"
        return view


def casualty_reading(art: Article) -> CasualtyReading:
    """Switch between reading "376+" as "at least 376" and as "376"; see what moves."""
    return CasualtyReading(art)


# ---------------------------------------------------------------------------- 02


class SideComparison(Explorer):
    title = "Compare the sides"

    def __init__(self, art: Article) -> None:
        control = widgets.ToggleButtons(
            options=list(figures.COMPARE),
            value="strength",
            description="Compare",
        )
        sides = widgets.SelectMultiple(description="Sides", rows=3)
        self.sides = sides
        self._fill_sides(art)
        super().__init__(art, control, sides=sides)

    def _fill_sides(self, art: Article) -> None:
        facts = figures.side_facts(art)
        opts = (
            [(str(n), int(s)) for s, n in zip(facts["side"], facts["name"], strict=True)]
            if not facts.empty
            else []
        )
        self.sides.options = opts
        self.sides.value = tuple(v for _, v in opts)

    def refresh_options(self) -> None:
        self._fill_sides(self.art)

    def compute(self) -> View:
        measure = self.control.value
        table = figures.side_table(self.art, measure, list(self.sides.value))
        return figures.compare_sides(table, self.art, measure)  # its "In words" once


def side_comparison(art: Article) -> SideComparison:
    """Pick a measure (strength, losses, units, commanders) and the sides to compare."""
    return SideComparison(art)


# ---------------------------------------------------------------------------- 04


class ClaimsBySource(Explorer):
    title = "Follow one source"
    ALL = "(all sources)"

    def __init__(self, art: Article) -> None:
        control = widgets.Dropdown(description="Source", style={"description_width": "initial"})
        self._set_options(control, art)
        super().__init__(art, control)

    @classmethod
    def _set_options(cls, control: widgets.Dropdown, art: Article) -> None:
        cl = figures.attributed_claims(art)
        names = list(dict.fromkeys(cl["claimant"])) if not cl.empty else []
        control.options = [cls.ALL, *names]
        control.value = cls.ALL

    def refresh_options(self) -> None:
        self._set_options(self.control, self.art)

    def compute(self) -> View:
        who = None if self.control.value in (self.ALL, None) else self.control.value
        sourced = figures.attributed_claims(self.art)
        # the table under the chart without its own "In words": the chart's is enough
        self.notes.value = figures.claims_table(sourced, self.art, who, words=False).html or ""
        return figures.claims(sourced, self.art, highlight=who)


def claims_by_source(art: Article) -> ClaimsBySource:
    """Choose a claimant: their claims stand out on the timeline and are listed below."""
    return ClaimsBySource(art)


# ---------------------------------------------------------------------------- 00


class SentenceRows(Explorer):
    title = "From a sentence to rows"

    def __init__(self, art: Article) -> None:
        control = widgets.Dropdown(description="Line", layout={"width": "95%"})
        self._set_options(control, art)
        super().__init__(art, control)

    @staticmethod
    def _set_options(control: widgets.Dropdown, art: Article) -> None:
        sents = getattr(art, "sentences", None)
        opts: list[tuple[str, int]] = []
        if sents is not None and not sents.empty:
            for line, grp in sents.groupby("line", sort=True):
                first = str(grp["text"].iloc[0])
                # Dropdown labels are plain text (not HTML); still, keep them short
                opts.append((f"line {int(line)}: {first[:70]}…", int(line)))
        control.options = opts
        if opts:
            best = figures.richest_sentence(art)[0]
            control.value = best if best in {v for _, v in opts} else opts[0][1]

    def refresh_options(self) -> None:
        self._set_options(self.control, self.art)

    def compute(self) -> View:
        if self.control.value is None:
            return figures.notice("Sentences")
        return figures.sentence_rows(self.art, int(self.control.value))


def sentence_rows(art: Article) -> SentenceRows:
    """Pick a line of the seed and see the rows each of its sentences gave."""
    return SentenceRows(art)


# ---------------------------------------------------------------------------- seed picker


class SeedPicker:
    """A dropdown over ``conflictkit.seeds()`` that reloads the lesson's article.

    ``control`` is the Dropdown, ``status`` an HTML widget saying what was loaded,
    ``widget`` the box. ``on_pick(path)`` is called with the chosen path.
    """

    def __init__(
        self, current: str, choices: list[tuple[str, str]], on_pick: t.Callable[[str], str]
    ) -> None:
        self.on_pick = on_pick
        self.control = widgets.Dropdown(
            options=choices,
            value=current,
            description="Article",
            style={"description_width": "initial"},
            layout={"width": "95%"},
        )
        self.status = widgets.HTML()
        self.control.observe(self._changed, names="value")
        self.widget = widgets.VBox([self.control, self.status])

    def _changed(self, change: dict[str, t.Any]) -> None:
        try:
            title = self.on_pick(change["new"])
        except Exception as exc:  # noqa: BLE001 - a broken seed must not break the lesson
            self.status.value = f'<p class="ck-error">Could not load this seed: {esc(exc)}</p>'
            return
        self.status.value = (
            f"<p>Loaded <b>{esc(title)}</b>. The controls below have followed; "
            "to redraw every figure, choose <i>Run ▸ Run Selected Cell and All Below</i>.</p>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]  # pandas-stubs/IPython typing


# ---------------------------------------------------------------------------- 01 (daybyday)


class DayByDay(Explorer):
    """A date slider with a play button: the map of last reported holders on the chosen day,
    the front's last reported distance and that day's events with their sentences."""

    title = "Day by day: who held what, as last reported"

    def __init__(self, art: Article) -> None:
        self.days = figures.days(art)
        control = widgets.SelectionSlider(
            options=self._options(),
            description="Day",
            continuous_update=False,
            layout={"width": "560px"},
        )
        # Play drives the slider's index (linked in the kernel, so a test without a
        # browser sees the same thing as a class pressing play); it is not observed itself
        self.play = widgets.Play(
            min=0, max=max(len(self.days) - 1, 0), step=1, interval=900, description="Play"
        )
        self._link = widgets.link((self.play, "value"), (control, "index"))
        super().__init__(art, control)
        row = self.widget.children[1]
        row.children = (self.play, *row.children)

    def _options(self) -> list[tuple[str, t.Any]]:
        return [(f"{d.day} {d:%b %Y}", d) for d in self.days] or [("no dates", None)]

    def refresh_options(self) -> None:
        self.days = figures.days(self.art)
        self.play.max = max(len(self.days) - 1, 0)
        self.control.options = self._options()
        self.control.index = len(self.days) - 1 if self.days else 0

    def compute(self) -> View:
        day = self.control.value
        if day is None:
            self.notes.value = ""
            return figures.notice("Day by day", "The article gives no dates.")
        control = getattr(self.art, "control", None)
        holders = figures.last_reported(control if control is not None else _empty(), day)
        ev = figures.events_on(getattr(self.art, "events", _empty()), day)
        items = "".join(
            f"<li>{esc(e['text'])} <small>(line {esc(e['line'])}: "
            f"<i>{esc(_sentence(self.art, e))}</i>)"
            "</small></li>"
            for e in ev.to_dict("records")
        )
        self.notes.value = (
            f"<p><b>{esc(figures.front_sentence(self.art, day))}</b></p>"
            f"<p><b>Events on {esc(figures.fmt_date(day))}</b> ({len(ev)})</p>"
            + (f"<ol>{items}</ol>" if items else "<p>No event dated this day.</p>")
        )
        return figures.day_map(self.art, holders, day)


def _sentence(art: Article, e: t.Any) -> str:
    from conflictkit.figures.daybyday import _key, cached_source

    return cached_source(art, _key(e["line"]), _key(e.get("start")), str(e["text"]), True)


def _empty() -> t.Any:
    import pandas as pd

    return pd.DataFrame()


def day_by_day(art: Article) -> DayByDay:
    """Walk through the offensive day by day: slider + play over the map of last reported
    holders, the front's last reported distance and the day's events with their sentences."""
    return DayByDay(art)
