"""Shared look of every figure: template, colours, heights, fonts.

Figures always carry an explicit template: importing streamlit installs its own default
plotly template, and an image exported with that one comes out on a black background.
"""

from __future__ import annotations

import plotly.graph_objects as go

# academic_year: 2024 -> '2024/25' (an academic year is stored as its first calendar year);
# one wording for charts, tables and reports, kept in the shared vocabulary (re-exported here).
from metrics.vocabulary import academic_year_label as academic_year

# Colour-blind-safe qualitative palette (Okabe-Ito), readable on a projector.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PRIMARY = PALETTE[0]
SECONDARY = PALETTE[1]
INBOUND_COLOUR = "#0072B2"
OUTBOUND_COLOUR = "#E69F00"
TARGET_COLOUR = "#D55E00"

# Heights in px: tall enough for labels of 15 bars, short enough for two charts per laptop screen.
HEIGHT = 380
TALL_HEIGHT = 520
# Horizontal bar charts grow with the number of bars so labels never overlap.
BAR_ROW_HEIGHT = 26
MAX_BARS = 20

# System font stack: no web font is ever fetched (closed networks).
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
FONT_SIZE = 13
# Presentation slides are read across a meeting room.
PRESENTATION_FONT_SIZE = 24

MARGIN = dict(l=10, r=10, t=50, b=10)


# ------------------------------------------------------------------------------------------ templates

def _template(*, paper: str, text: str, grid: str, line: str, bar_line: str) -> go.layout.Template:
    """A small explicit template: only what our figures use (fonts, colours, axes, colour bars, colorway).

    Plotly's own 'plotly_white' carries defaults for every trace type (3-D scenes, polar, ternary, …):
    deep-copying and validating it took ~18 ms a figure, a third of building one. This one takes ~1 ms,
    and it travels with the figure, so an exported image never falls back to a black default.
    """
    axis = dict(gridcolor=grid, linecolor=line, zerolinecolor=grid, zerolinewidth=2, ticks="",
                automargin=True, title={"standoff": 15})
    colorbar = {"outlinewidth": 0, "ticks": ""}
    return go.layout.Template(
        layout=dict(
            font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": text},
            paper_bgcolor=paper, plot_bgcolor=paper, colorway=PALETTE,
            hovermode="closest", hoverlabel={"align": "left"}, title={"x": 0.05},
            xaxis=axis, yaxis=axis, coloraxis={"colorbar": colorbar},
            geo={"bgcolor": paper, "lakecolor": paper, "showlakes": True},
            annotationdefaults={"arrowcolor": text, "arrowhead": 0, "arrowwidth": 1},
            shapedefaults={"line": {"color": text}},
        ),
        data=dict(
            bar=[go.Bar(marker={"line": {"color": bar_line, "width": 0.5}})],
            choropleth=[go.Choropleth(colorbar=colorbar)],
        ),
    )


# Light figures for laptops and reports; the presentation page switches to the dark one. Built once;
# every builder passes the object itself (never a name to look up and copy). The colours are plotly's
# 'plotly_white' and 'plotly_dark' ones, so the figures look as before.
TEMPLATE = _template(paper="white", text="#2a3f5f", grid="#EBF0F8", line="#EBF0F8", bar_line="white")
DARK_TEMPLATE = _template(paper="rgb(17,17,17)", text="#f2f5fa", grid="#283442", line="#506784",
                          bar_line="rgb(17,17,17)")
# Plotly's names still work where a caller passes one (older callers, reports): they mean ours.
TEMPLATE_NAMES = {"plotly_white": TEMPLATE, "plotly_dark": DARK_TEMPLATE}


def template_object(template) -> go.layout.Template | str:
    """The template object for ``template`` (ours for plotly's light/dark names, an object as given)."""
    if template is None:
        return TEMPLATE
    if isinstance(template, str):
        return TEMPLATE_NAMES.get(template, template)
    return template


def is_dark(template) -> bool:
    """True for the dark template (ours, plotly's name, or any template with a dark paper)."""
    template = template_object(template)
    if template is DARK_TEMPLATE:
        return True
    if isinstance(template, str):
        return "dark" in template
    try:
        return str(template.layout.paper_bgcolor or "").replace(" ", "") == "rgb(17,17,17)"
    except AttributeError:
        return False


# ---------------------------------------------------------------------------- numbers per language

NARROW_NBSP = "\u202f"  # narrow no-break space: the thousands separator of ru/uz (3 027)
# Plotly's ``separators``: decimal mark then thousands separator (applied to ticks, hover and text).
SEPARATORS = {
    "en": "." + NARROW_NBSP,  # 1 234.5 (the thousands separator of metrics.vocabulary in every language)
    "ru": "," + NARROW_NBSP,  # 1 234,5
    "uz": "," + NARROW_NBSP,  # 1 234,5
}
DEFAULT_LANG = "en"
# Shown for a missing value in hover labels and bar labels (never 'nan' or 'None').
MISSING_TEXT = "\u2014"

# What a value measures: counts get whole ticks, percentages a '%' and one decimal.
UNITS = ("count", "percent", "ratio", "index")
# A count axis aims at no more than this many intervals (steps of 1, 2, 5, 10, 20, 50, …).
COUNT_AXIS_TICKS = 8


def separators(lang: str = DEFAULT_LANG) -> str:
    """Plotly ``separators`` for a language (decimal mark + thousands separator); unknown -> English."""
    return SEPARATORS.get(str(lang or DEFAULT_LANG).lower(), SEPARATORS[DEFAULT_LANG])


def format_number(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A number as text with the language's separators (for ticktext and annotations); missing -> '—'."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return MISSING_TEXT
    if number != number or number in (float("inf"), float("-inf")):
        return MISSING_TEXT
    decimal, thousands = separators(lang)[0], separators(lang)[1:2] or ""
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def check_unit(unit: str) -> str:
    """``unit`` if it is one of :data:`UNITS` (a KPI's unit from the catalogue), else ValueError."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    return unit


def value_format(unit: str = "count", values=None) -> tuple[str, str]:
    """(d3 format, suffix) for hover and bar labels of ``unit``.

    Counts are whole (one decimal if some value is not), percentages one decimal and '%',
    ratios and indices two decimals.
    """
    check_unit(unit)
    if unit == "percent":
        return ",.1f", "%"
    if unit in ("ratio", "index"):
        return ",.2f", ""
    whole = all(float(v).is_integer() for v in (list(values) if values is not None else [])
                if v is not None and v == v)
    return (",d" if whole else ",.1f"), ""


def count_dtick(extent: float) -> int:
    """A whole tick step (1, 2, 5, 10, 20, 50, …) giving at most ~:data:`COUNT_AXIS_TICKS` intervals."""
    extent = abs(float(extent)) if extent == extent and extent is not None else 0.0
    rough = extent / COUNT_AXIS_TICKS
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= rough:
                return step * magnitude
        magnitude *= 10


def value_axis(fig: go.Figure, unit: str = "count", values=(), *, axis: str = "y") -> go.Figure:
    """Ticks of the value axis for ``unit``: whole steps for counts, a '%' suffix for percentages.

    ``values`` are the heights drawn (stacked totals for stacked bars): they decide the
    step of a count axis so that a 0–3 axis reads 0, 1, 2, 3 and never 0.5 students.
    """
    check_unit(unit)
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    numbers = [float(v) for v in values if v is not None and v == v]
    if unit == "count":
        extent = (max(numbers + [0.0]) - min(numbers + [0.0])) if numbers else 1.0
        update(tickmode="linear", tick0=0, dtick=count_dtick(extent), tickformat=",d", rangemode="tozero")
    elif unit == "percent":
        update(ticksuffix="%", rangemode="tozero")  # plotly's own steps: 2.5%, 5%, … with the decimal comma
    return fig


# ----------------------------------------------------------------------------------------- layout

def apply_layout(fig: go.Figure, *, title: str = "", template=TEMPLATE, height: int = HEIGHT,
                 font_size: int = FONT_SIZE, lang: str = DEFAULT_LANG) -> go.Figure:
    """Template, title, font, margins and the language's decimal and thousands separators."""
    fig.update_layout(
        template=template_object(template),
        title={"text": title, "x": 0.0, "xanchor": "left"} if title else None,
        height=height,
        font={"family": FONT_FAMILY, "size": font_size},
        margin=MARGIN if title else dict(MARGIN, t=20),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1.0, "title": None},
        separators=separators(lang),
    )
    return fig


# Width of the plotting area in px at a 1600 px wide window (sidebar open): a chart across the
# page, or one of two side by side. Used to decide whether year labels fit side by side.
PLOT_WIDTH = {"full": 1150, "half": 560}
# A label's width is about this many times the font size per character.
CHAR_WIDTH = 0.62
# Below this many px per label even slanted labels collide: they stand upright.
SLANTED_LABEL_SPACING = 1.7  # × font size
# An axis spanning more years than this labels only the years in the data (bad data guard).
MAX_FILLED_YEARS = 40


def year_tick_angle(n_labels: int, *, width_hint: str = "half", font_size: int = FONT_SIZE,
                    label_chars: int = 7) -> int:
    """0 when ``n_labels`` labels like '2024/25' fit side by side, else -45, or -90 when even those collide."""
    if width_hint not in PLOT_WIDTH:
        raise ValueError(f"width_hint must be one of {tuple(PLOT_WIDTH)}, not {width_hint!r}")
    if n_labels <= 1:
        return 0
    spacing = PLOT_WIDTH[width_hint] / n_labels
    if spacing >= CHAR_WIDTH * font_size * label_chars + font_size:
        return 0
    if spacing >= SLANTED_LABEL_SPACING * font_size:
        return -45
    return -90


def year_axis(fig: go.Figure, years, *, width_hint: str = "half", font_size: int | None = None) -> go.Figure:
    """Label integer years as academic years (2024 -> 2024/25) without changing the data.

    Every year from the first to the last gets its label (``tickmode='array'``), slanted
    or upright when they would not fit side by side on a ``width_hint`` ('full' or 'half')
    chart; labels are never hidden at the edge of the figure.
    """
    years = sorted({int(y) for y in years if y is not None and y == y})
    if not years:
        return fig
    if years[-1] - years[0] < MAX_FILLED_YEARS:
        years = list(range(years[0], years[-1] + 1))
    if font_size is None:
        font_size = fig.layout.font.size or FONT_SIZE
    labels = [academic_year(y) for y in years]
    angle = year_tick_angle(len(years), width_hint=width_hint, font_size=font_size,
                            label_chars=max(len(label) for label in labels))
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=labels, tickangle=angle,
                     automargin=True, ticklabeloverflow="allow")
    return fig
