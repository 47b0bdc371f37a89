"""Sanitise HTML that came from a notebook before it goes into a deck or page.

Seed text is untrusted: a title such as ``<script>…</script>`` or a commander named
``<img src=x onerror=…>`` reaches markdown and HTML outputs through f-strings. Every
markdown cell, markdown output and HTML output is passed through :func:`clean_html`,
which keeps the tags that markdown and pandas tables produce and *escapes* every other
tag, so a hostile string is shown as the text it is instead of being run or dropped.

nbconvert's own ``clean_html`` is not used because its allow-list lacks ``p``, ``h1``,
``th``, ``thead``… (it would show ordinary markdown as literal tags). The one place raw
HTML goes through unsanitised is the output we generate ourselves (plotly's own HTML
and the widget note), marked with :data:`TRUSTED_HTML_MIMETYPE`.
"""

from __future__ import annotations

import re
import typing as t

import bleach

#: Outputs with this mimetype were written by tools/export itself, never by a notebook.
TRUSTED_HTML_MIMETYPE: t.Final = "application/vnd.conflictkit.trusted-html"

ALLOWED_TAGS: t.Final = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p",
        "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: t.Final = {
    "*": ["class", "id", "title", "lang", "dir"],
    "a": ["href", "title", "rel"],
    "td": ["colspan", "rowspan", "align"],
    "th": ["colspan", "rowspan", "align", "scope"],
    "ol": ["start"],
}
#: ``javascript:``, ``data:``, ``vbscript:`` links lose their href.
ALLOWED_PROTOCOLS: t.Final = frozenset({"http", "https", "mailto"})

# pandas puts a <style scoped> block before every table; escaped it would show as CSS
# text, so style elements are removed before cleaning (bleach escapes any that remain).
_STYLE_ELEMENT: t.Final = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)

_CLEANER: t.Final = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=False,
    strip_comments=True,
)


def clean_html(html: str | bytes) -> str:
    """Return ``html`` with only harmless tags and attributes left as markup.

    >>> clean_html('<p>Abu Kamal <script>alert(1)</script></p>')
    '<p>Abu Kamal &lt;script&gt;alert(1)&lt;/script&gt;</p>'
    >>> clean_html('<a href="javascript:alert(1)">x</a>')
    '<a>x</a>'
    """
    text = html.decode() if isinstance(html, bytes) else str(html)
    return _CLEANER.clean(_STYLE_ELEMENT.sub("", text))
