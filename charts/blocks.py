"""A section block (`metrics.sections.Block`) drawn as a figure: the one place a page's chart and the
report's chart are made, so both show the same thing.

The block says what to draw (kind, columns, labels in the reader's language); this module
chooses the builder, the colours of known series and the size. It returns figures and never renders.
"""

from __future__ import annotations

import plotly.graph_objects as go

from charts import basic, maps
from charts.style import (
    FONT_SIZE, HEIGHT, INBOUND_COLOUR, OUTBOUND_COLOUR, PALETTE, TEMPLATE, apply_layout, value_format,
)
from charts.text import plotly_labels, plotly_text
from metrics.vocabulary import t

# Colours of series that mean the same thing on every chart: inbound blue, outbound orange.
SERIES_COLOURS = {"in": INBOUND_COLOUR, "out": OUTBOUND_COLOUR}


def figure(block, lang: str = "en", *, template=TEMPLATE, font_size: int = FONT_SIZE,
           height: int | None = None, title: bool = True) -> go.Figure:
    """The block's chart; ValueError for a block without one."""
    chart = block.chart
    if chart is None:
        raise ValueError(f"block {block.key!r} has no chart")
    data = block.data
    heading = block.title if title else ""
    common = dict(title=heading, template=template, font_size=font_size, lang=lang)
    if chart.kind == "map":
        names = data[chart.names] if chart.names else None
        hover = maps.names_hover(data[chart.hover]) if chart.hover else None
        return maps.choropleth(data, value=chart.y, country=chart.x, names=names, value_label=chart.value_label,
                               diverging=chart.diverging, hover_extra=hover, scale="linear" if chart.diverging else "log",
                               scale_note=t("map.log_scale", lang), **common,
                               **({"height": height} if height else {}))
    if chart.kind == "funnel":
        return funnel(data, chart.x, chart.y, value_label=chart.value_label, **common,
                      **({"height": height} if height else {}))
    colours = {key: SERIES_COLOURS[key] for key in chart.series if key in SERIES_COLOURS} or None
    options = dict(color=chart.color, series_names=chart.series or None, colour_map=colours, unit=chart.unit,
                   width_hint=block.width, **common)
    if chart.kind == "line":
        return basic.line(data, chart.x, chart.y, y_label=chart.value_label, years=chart.years, target=chart.target,
                          target_label=chart.target_label, band=chart.band, band_label=chart.band_label or "interval",
                          projection_label=chart.projection_label or "projection", **options,
                          **({"height": height} if height else {}))
    return basic.bar(data, chart.x, chart.y, y_label=chart.value_label, horizontal=chart.horizontal,
                     years=chart.years, barmode="stack" if chart.stacked else "group", height=height, **options)


def funnel(frame, stage: str, value: str, *, title: str = "", value_label: str = "", template=TEMPLATE,
           font_size: int = FONT_SIZE, lang: str = "en", height: int = HEIGHT) -> go.Figure:
    """A funnel of ``value`` by ``stage`` (rows in funnel order, labels already in the language): each stage's
    number and its percentage of the first stage, in the language's number format (explicit template)."""
    labels = plotly_labels(list(frame[stage]))
    values = [None if v is None or v != v else float(v) for v in frame[value]]
    number, _ = value_format("count", values)
    name = plotly_text(value_label or value)
    fig = go.Figure(go.Funnel(
        y=labels, x=values, name=name,
        texttemplate="%{x:" + number + "}<br>%{percentInitial:.1%}",
        marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(labels))]},
        hovertemplate="<b>%{y}</b><br>" + name + ": %{x:" + number + "}<br>%{percentInitial:.1%}<extra></extra>",
        connector={"line": {"color": "#bbbbbb", "width": 1}},
    ))
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size, lang=lang)
    fig.update_yaxes(title=None, automargin=True, autorange="reversed")  # the first stage on top
    fig.update_xaxes(visible=False)  # the numbers are on the bars
    return fig
