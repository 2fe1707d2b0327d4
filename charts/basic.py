"""Bar, line and number figures built from tidy frames. They return figures and never render.

Every builder takes the frame exactly as metrics returns it and the translated labels from
the caller, so what a chart plots is what its table below it shows.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.style import (
    BAR_ROW_HEIGHT, FONT_SIZE, HEIGHT, PALETTE, PRIMARY, TARGET_COLOUR, TEMPLATE,
    apply_layout, year_axis,
)
from charts.text import plotly_labels, plotly_text


# `meta` of traces drawn for reference (targets): a chart with only these has no data of its own.
REFERENCE_META = "reference"


def _has_number(values) -> bool:
    for value in values if values is not None else ():
        try:
            if value is not None and math.isfinite(float(value)):
                return True
        except (TypeError, ValueError):
            continue
    return False


def has_data(fig: go.Figure) -> bool:
    """True when some trace (targets aside) has a value to draw: a page shows a notice instead of bare axes."""
    for trace in fig.data:
        if getattr(trace, "meta", None) == REFERENCE_META:
            continue
        if trace.type == "indicator":
            values = [trace.value]
        elif trace.type == "choropleth":
            values = trace.z
        elif trace.type == "bar" and trace.orientation == "h":
            values = trace.x
        else:
            values = trace.y
        if _has_number(values):
            return True
    return False


def _colours(keys, colour_map: dict | None) -> dict:
    colour_map = dict(colour_map or {})
    free = [c for c in PALETTE if c not in colour_map.values()] or PALETTE
    for i, key in enumerate(k for k in keys if k not in colour_map):
        colour_map[key] = free[i % len(free)]
    return colour_map


def bar(frame: pd.DataFrame, x: str, y: str, *, color: str | None = None, title: str = "",
        x_label: str = "", y_label: str = "", horizontal: bool = False, years: bool = False,
        colour_map: dict | None = None, series_names: dict | None = None, barmode: str = "group",
        template: str = TEMPLATE, height: int | None = None, font_size: int = FONT_SIZE,
        text: bool = True, max_bars: int | None = None) -> go.Figure:
    """Bars of ``y`` by ``x`` (one series per value of ``color``).

    Horizontal bars (categories on the y axis) are sorted largest first and capped at
    ``max_bars``; ``years`` labels integer years as academic years.
    ``series_names`` translates the values of ``color`` for the legend. Text categories and
    series names are data: they are escaped for Plotly (see `charts.text`).
    """
    fig = go.Figure()
    data = frame.copy()
    if len(data) and not pd.api.types.is_numeric_dtype(data[x]):
        data[x] = plotly_labels(data[x])
    if horizontal and not color:
        data = data.sort_values(y, ascending=False)
        if max_bars:
            data = data.head(max_bars)
        data = data.iloc[::-1]  # plotly draws the first category at the bottom
    groups = [(None, data)] if not color else list(data.groupby(color, sort=False))
    colours = _colours([key for key, _ in groups], colour_map)
    for key, part in groups:
        name = plotly_text((series_names or {}).get(key, key) if key is not None else (y_label or y))
        kwargs = dict(name=name, marker_color=colours.get(key, PRIMARY) if key is not None else PRIMARY,
                      showlegend=color is not None)
        if text:
            kwargs.update(text=part[y], texttemplate="%{text:,}", textposition="auto")
        if horizontal:
            fig.add_bar(x=part[y], y=part[x], orientation="h", **kwargs)
        else:
            fig.add_bar(x=part[x], y=part[y], **kwargs)
    n_categories = data[x].nunique() if len(data) else 0
    if height is None:
        height = max(HEIGHT, 80 + BAR_ROW_HEIGHT * n_categories) if horizontal else HEIGHT
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size)
    fig.update_layout(barmode=barmode)
    if horizontal:
        fig.update_xaxes(title=y_label or None)
        fig.update_yaxes(title=None, type="category", automargin=True)
    else:
        fig.update_xaxes(title=x_label or None)
        fig.update_yaxes(title=y_label or None)
        if years and len(data):
            year_axis(fig, data[x])
        elif not years:
            fig.update_xaxes(type="category")
    return fig


def line(frame: pd.DataFrame, x: str, y: str, *, color: str | None = None, title: str = "",
         x_label: str = "", y_label: str = "", years: bool = True, colour_map: dict | None = None,
         series_names: dict | None = None, template: str = TEMPLATE, height: int = HEIGHT,
         font_size: int = FONT_SIZE, target: pd.DataFrame | None = None, target_label: str = "",
         markers: bool = True) -> go.Figure:
    """Lines of ``y`` over ``x`` (years by default), one per value of ``color``.

    ``target`` (columns ``x`` and ``target``) is drawn as dashed markers.
    """
    fig = go.Figure()
    data = frame.sort_values(x)
    groups = [(None, data)] if not color else list(data.groupby(color, sort=False))
    colours = _colours([key for key, _ in groups], colour_map)
    mode = "lines+markers" if markers else "lines"
    for key, part in groups:
        name = plotly_text((series_names or {}).get(key, key) if key is not None else (y_label or y))
        fig.add_scatter(x=part[x], y=part[y], mode=mode, name=name,
                        line={"width": 3, "color": colours.get(key, PRIMARY) if key is not None else PRIMARY},
                        marker={"size": 8}, showlegend=color is not None or target is not None,
                        hovertemplate="%{y:,}<extra>" + str(name) + "</extra>")
    if target is not None and len(target):
        fig.add_scatter(x=target[x], y=target["target"], mode="lines+markers", name=plotly_text(target_label or "target"),
                        line={"dash": "dash", "color": TARGET_COLOUR, "width": 2}, marker={"symbol": "x", "size": 9},
                        meta=REFERENCE_META)
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size)
    fig.update_xaxes(title=x_label or None)
    fig.update_yaxes(title=y_label or None, rangemode="tozero")
    if years and len(data):
        year_axis(fig, list(data[x]) + (list(target[x]) if target is not None and len(target) else []))
    return fig


# The number on a KPI slide is this many times the slide's font size (readable across a room).
BIG_NUMBER_SCALE = 6
THIN_SPACE = "\u202f"  # thousands separator, as on the scorecard (3 680)


def big_number(value, *, title: str = "", previous=None, unit: str = "", template: str = TEMPLATE,
               height: int = 420, font_size: int = 28, higher_is_better: bool = True,
               target=None, target_label: str = "") -> go.Figure:
    """One KPI as a large number with its change against the previous year (presentation slides)."""
    number = None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    is_pct = unit.strip() == "%"
    indicator = go.Indicator(
        mode="number+delta" if previous is not None and previous == previous else "number",
        value=number,
        number={"valueformat": ",.1f" if is_pct or (number is not None and not float(number).is_integer()) else ",.0f",
                "suffix": "%" if is_pct else (f" {unit}" if unit and unit not in ("count", "number") else ""),
                "font": {"size": font_size * BIG_NUMBER_SCALE}},
        delta={"reference": float(previous) if previous is not None and previous == previous else None,
               "increasing": {"color": "#009E73" if higher_is_better else "#D55E00"},
               "decreasing": {"color": "#D55E00" if higher_is_better else "#009E73"},
               "font": {"size": font_size * 1.6}, "valueformat": ",.1f" if is_pct else ",.0f"},
        title={"text": title, "font": {"size": font_size * 1.4}},
    )
    fig = go.Figure(indicator)
    apply_layout(fig, template=template, height=height, font_size=font_size)
    if target is not None and target == target:
        shown = f"{target:,.1f}%" if is_pct else f"{target:,.0f}"
        fig.add_annotation(text=f"{target_label}: {shown.replace(',', THIN_SPACE)}", x=0.5, y=0.08, xref="paper",
                           yref="paper", showarrow=False, font={"size": font_size * 1.2}, xanchor="center")
    return fig
