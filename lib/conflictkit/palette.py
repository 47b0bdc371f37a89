"""Colours and marks shared by every figure, so that a side looks the same in every lesson.

The colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
distinguishable with the common colour-vision deficiencies. Each infobox side keeps one
colour in all lessons; colour is never the only cue (symbols and labels carry it too).
"""

from __future__ import annotations

import typing as t

OKABE_ITO: t.Final = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

# side 1 (usually the attacker) blue, side 2 vermillion, side 3 (often civilians in the
# casualty rows) reddish purple; "both/none" grey. Yellow is kept for highlights only:
# it is too light for thin lines on white.
SIDE_COLOURS: t.Final[dict[int, str]] = {
    1: OKABE_ITO["blue"],
    2: OKABE_ITO["vermillion"],
    3: OKABE_ITO["reddish_purple"],
    4: OKABE_ITO["bluish_green"],
    5: OKABE_ITO["orange"],
}
NO_SIDE: t.Final = OKABE_ITO["grey"]
CIVILIAN: t.Final = OKABE_ITO["reddish_purple"]
HIGHLIGHT: t.Final = OKABE_ITO["yellow"]
RIVER: t.Final = OKABE_ITO["sky_blue"]
BORDER: t.Final = "#555555"

# a second cue beside colour, one per side
SIDE_SYMBOLS: t.Final[dict[int, str]] = {1: "circle", 2: "square", 3: "diamond", 4: "cross", 5: "x"}

# UCDP-style geo precision -> marker symbol: filled is exact, open is less sure
PRECISION_SYMBOLS: t.Final[dict[str, str]] = {
    "exact": "circle",
    "near": "circle-open",
    "approximate": "diamond-open",
}

# claimants get colours from what is left after the sides, in order of appearance
CLAIMANT_COLOURS: t.Final = (
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["black"],
    OKABE_ITO["grey"],
)

STANCE_SYMBOLS: t.Final[dict[str, str]] = {
    "asserts": "circle",
    "confirms": "star",
    "denies": "x-thin-open",
}

FONT: t.Final = "Atkinson Hyperlegible, Verdana, Arial, sans-serif"


def side_colour(side: object) -> str:
    """The colour of infobox side ``side`` (1, 2, 3 ...); grey for none or both."""
    try:
        n = int(side)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return NO_SIDE
    return SIDE_COLOURS.get(n, NO_SIDE)


def side_symbol(side: object) -> str:
    try:
        n = int(side)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "circle-open"
    return SIDE_SYMBOLS.get(n, "circle-open")
