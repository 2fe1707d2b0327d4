"""Data strings made safe to show: bidi controls removed, and text escaped for Plotly labels.

Plotly renders a subset of HTML in every piece of text it draws (titles, tick labels,
legend names, bar labels, hover labels): ``<a href>``, ``<b>``, ``<span style>``, ``<br>``.
A partner or faculty name taken from an export must therefore reach a figure with ``<``,
``>`` and ``&`` escaped, or ``<a href="http://…">`` becomes a live link in the chart.
plotly.js turns the entities back into the characters when it draws, so the reader sees
the name exactly as written. This module has no Streamlit import: charts and the app share it.
"""

from __future__ import annotations

import re

# Right-to-left and left-to-right embeddings, overrides, isolates and marks (U+202A–U+202E,
# U+2066–U+2069, U+200E/U+200F, U+061C): invisible, and they reorder the text around them,
# so "gpj.exe" can be shown as "exe.jpg". Removed from every displayed data string.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

# What plotly.js reads as markup in text; & first, so the entities written are not escaped twice.
PLOTLY_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def strip_bidi(text) -> str:
    """The text without bidi control characters (None becomes '')."""
    return BIDI_CONTROLS.sub("", "" if text is None else str(text))


def plotly_text(text) -> str:
    """A data string for a Plotly label or hover: bidi controls removed, ``&``, ``<`` and ``>`` escaped."""
    out = strip_bidi(text)
    for raw, entity in PLOTLY_ESCAPES:
        out = out.replace(raw, entity)
    return out


def plotly_labels(values) -> list:
    """`plotly_text` for each text value of a column or list; numbers and missing values unchanged."""
    return [plotly_text(value) if isinstance(value, str) else value for value in values]
