"""DataFrames to figures: every picture a lesson shows, built from an article's tables.

Each public function takes an article (``conflictkit.load()``) and returns a :class:`View`:
a plotly figure (or an HTML table) together with a one-sentence summary computed from the
same data, for readers who cannot see the figure. A view displays itself in Jupyter
without plotly's renderer machinery (which imports nbformat and jsonschema, ~1.2 s on the
first ``fig.show()``): it emits the ``application/vnd.plotly.v1+json`` bundle directly.

Seed text is untrusted. Everything taken from it is passed through :func:`esc` before it
reaches a hover label, a title, a tick label or an HTML table, so ``<script>`` in a seed
shows as text. When a table is empty the view says "not reported in this article".

plotly is imported inside functions only: ``import conflictkit`` stays plotly-free.

The code is split by lesson: ``_common`` (escaping, number formats, sides, source
sentences, :class:`View`, notices, HTML tables, the layout), then ``source`` (00),
``chronology`` (01), ``forces`` (02), ``casualties`` (03) and ``claimants`` (04). Every
public name is re-exported here, so ``figures.timeline(art)`` is the way to call them.
"""

from __future__ import annotations

from ._common import (
    AXIS,
    NOT_REPORTED,
    PLOTLY_CONFIG,
    PLOTLY_MIME,
    WRAP,
    Article,
    Spec,
    View,
    esc,
    esc_attr,
    fmt_date,
    fmt_interval,
    fmt_num,
    fmt_span,
    html_table,
    line_text,
    notice,
    objective,
    sentence_for,
    side_label,
    side_names,
    source_hover,
    to_json_compatible,
    wrap,
)
from .casualties import (
    READINGS,
    casualty_periods,
    civilian_share,
    civilians,
    conclusions,
    coverage,
    fmt_bounds,
    fmt_share,
    infobox_losses,
    loss_totals,
    losses,
    text_coverage,
    text_losses,
)
from .chronology import AREA_KINDS, control, front_distance, holder_on, holders, phases, place_map, timeline
from .claimants import (
    GENERIC_SOURCES,
    attributed_claims,
    claimant_colours,
    claims,
    claims_table,
    conflicting_claims,
    conflicts,
    is_named_source,
    named_claims,
    unattributed_claims,
)
from .daybyday import day_by_day, day_map, days, events_on, front_on, front_sentence, last_reported
from .forces import (
    COMPARE,
    FATES,
    commanders,
    compare_sides,
    order_of_battle,
    side_facts,
    side_table,
    strengths,
)
from .source import (
    PROVENANCE_COLUMNS,
    PROVENANCE_TABLES,
    TABLES,
    provenance,
    richest_sentence,
    rows_from_line,
    sentence_rows,
    source_card,
    table_overview,
)

__all__ = [
    # _common
    "AXIS", "NOT_REPORTED", "PLOTLY_CONFIG", "PLOTLY_MIME", "WRAP", "Article", "Spec", "View",
    "esc", "esc_attr", "fmt_date", "fmt_interval", "fmt_num", "fmt_span", "html_table",
    "line_text", "notice", "objective", "sentence_for", "side_label", "side_names",
    "source_hover", "to_json_compatible", "wrap",
    # source
    "PROVENANCE_COLUMNS", "PROVENANCE_TABLES", "TABLES", "provenance", "richest_sentence",
    "rows_from_line", "sentence_rows", "source_card", "table_overview",
    # chronology
    "AREA_KINDS", "control", "front_distance", "holder_on", "holders", "phases", "place_map",
    "timeline",
    # daybyday
    "day_by_day", "day_map", "days", "events_on", "front_on", "front_sentence", "last_reported",
    # forces
    "COMPARE", "FATES", "commanders", "compare_sides", "order_of_battle", "side_facts",
    "side_table", "strengths",
    # casualties
    "READINGS", "casualty_periods", "civilian_share", "conclusions", "coverage", "fmt_bounds",
    "fmt_share", "infobox_losses", "loss_totals", "losses", "text_coverage", "text_losses",
    # claimants
    "GENERIC_SOURCES", "attributed_claims", "civilians", "claimant_colours", "claims", "claims_table",
    "conflicting_claims", "conflicts", "is_named_source", "named_claims", "unattributed_claims",
]
