"""Bar, line and number figures built from tidy frames. They return figures and never render.

Every builder takes the frame exactly as metrics returns it and the translated labels from
the caller, so what a chart plots is what its table below it shows.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.style import (
    BAR_ROW_HEIGHT, DEFAULT_LANG, FONT_SIZE, HEIGHT, MISSING_TEXT, PALETTE, PRIMARY, TARGET_COLOUR, TEMPLATE,
    academic_year, apply_layout, check_unit, separators, value_axis, value_format, year_axis,
)
from charts.text import plotly_labels, plotly_text


# `meta` of traces drawn for reference (targets): a chart with only these has no data of its own.
REFERENCE_META = "reference"
# `meta` of the '—' marks drawn where a value is missing: they are not data either.
MISSING_META = "missing"
MISSING_COLOUR = "#888888"
# Private column carrying the reason of a missing value through sorting and grouping.
_REASON = "__missing_reason__"


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
        if getattr(trace, "meta", None) in (REFERENCE_META, MISSING_META):
            continue
        if trace.type == "indicator":
            values = [trace.value]
        elif trace.type == "choropleth":
            values = trace.z
        elif trace.type == "funnel" or (trace.type == "bar" and trace.orientation == "h"):
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


def _is_missing(value) -> bool:
    try:
        return value is None or not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def _plain(value):
    """A plain Python number for a trace, None when missing (never NaN or pd.NA in a figure)."""
    if _is_missing(value):
        return None
    value = value.item() if hasattr(value, "item") else value
    return int(value) if isinstance(value, bool) else value


def _x_labels(values, years: bool) -> list[str]:
    """The x values as shown in hover labels: academic years, or the (already escaped) category text."""
    out = []
    for value in values:
        if value is None or (not isinstance(value, str) and _is_missing(value)):
            out.append(MISSING_TEXT)
        elif years:
            out.append(academic_year(value))
        else:
            out.append(value if isinstance(value, str) else plotly_text(value))
    return out


def _with_reasons(frame: pd.DataFrame, missing_reason) -> pd.DataFrame:
    """The frame with a column of escaped reasons for missing values (a text, or one per row)."""
    data = frame.copy()
    if missing_reason is None or isinstance(missing_reason, str):
        data[_REASON] = plotly_text(missing_reason) if missing_reason else ""
    else:
        reasons = missing_reason.reindex(data.index) if isinstance(missing_reason, pd.Series) else list(missing_reason)
        data[_REASON] = [plotly_text(r) if isinstance(r, str) else "" for r in reasons]
    return data


def _missing_marks(fig: go.Figure, part: pd.DataFrame, x: str, y: str, *, name: str, years: bool,
                   horizontal: bool = False, font_size: int = FONT_SIZE) -> None:
    """A grey '—' on the baseline for each missing value, its hover saying why (if known)."""
    gone = part[[_is_missing(v) for v in part[y]]]
    if not len(gone):
        return
    labels = _x_labels(gone[x], years)
    custom = [[label, f"<br>{reason}" if reason else ""] for label, reason in zip(labels, gone[_REASON])]
    where = list(gone[x])
    fig.add_scatter(x=[0] * len(where) if horizontal else where, y=where if horizontal else [0] * len(where),
                    mode="text", text=[MISSING_TEXT] * len(where),
                    textposition="middle right" if horizontal else "top center",
                    textfont={"color": MISSING_COLOUR, "size": round(font_size * 1.5)}, customdata=custom, showlegend=False, meta=MISSING_META,
                    name=name, cliponaxis=False,
                    hovertemplate="<b>%{customdata[0]}</b><br>" + name + ": " + MISSING_TEXT
                                  + "%{customdata[1]}<extra></extra>")


def _stacked_heights(data: pd.DataFrame, x: str, y: str) -> list[float]:
    values = pd.to_numeric(data[y], errors="coerce")
    positive = values.clip(lower=0).groupby(data[x], dropna=False).sum()
    negative = values.clip(upper=0).groupby(data[x], dropna=False).sum()
    return list(positive) + list(negative)


def bar(frame: pd.DataFrame, x: str, y: str, *, color: str | None = None, title: str = "",
        x_label: str = "", y_label: str = "", horizontal: bool = False, years: bool = False,
        colour_map: dict | None = None, series_names: dict | None = None, barmode: str = "group",
        template=TEMPLATE, height: int | None = None, font_size: int = FONT_SIZE,
        text: bool = True, max_bars: int | None = None, unit: str = "count", lang: str = DEFAULT_LANG,
        width_hint: str = "half", missing_reason=None) -> go.Figure:
    """Bars of ``y`` by ``x`` (one series per value of ``color``).

    Horizontal bars (categories on the y axis) are sorted largest first and capped at
    ``max_bars``; ``years`` labels integer years as academic years (every year shown, slanted
    to fit a ``width_hint`` 'half' or 'full' chart). ``unit`` ('count', 'percent', 'ratio',
    'index') sets the value axis and labels: whole ticks for counts, '%' and one decimal for
    percentages; ``lang`` the decimal and thousands separators. A missing value is drawn as a
    grey '—' whose hover gives ``missing_reason`` (a text, or one per row of ``frame``).
    ``series_names`` translates the values of ``color`` for the legend. Text categories and
    series names are data: they are escaped for Plotly (see `charts.text`).
    """
    check_unit(unit)
    fig = go.Figure()
    data = _with_reasons(frame, missing_reason)
    if len(data) and not pd.api.types.is_numeric_dtype(data[x]):
        data[x] = plotly_labels(data[x])
    if horizontal and not color:
        data = data.sort_values(y, ascending=False)
        if max_bars:
            data = data.head(max_bars)
        data = data.iloc[::-1]  # plotly draws the first category at the bottom
    groups = [(None, data)] if not color else list(data.groupby(color, sort=False))
    colours = _colours([key for key, _ in groups], colour_map)
    all_values = [_plain(v) for v in data[y]] if len(data) else []
    number, suffix = value_format(unit, all_values)
    value_ref = "%{x:" if horizontal else "%{y:"
    shown = value_ref + number + "}" + suffix
    for key, part in groups:
        name = plotly_text((series_names or {}).get(key, key) if key is not None else (y_label or y))
        values = [_plain(v) for v in part[y]]
        kwargs = dict(name=name, marker_color=colours.get(key, PRIMARY) if key is not None else PRIMARY,
                      showlegend=color is not None,
                      customdata=[[label] for label in _x_labels(part[x], years and not horizontal)],
                      hovertemplate="<b>%{customdata[0]}</b><br>" + name + ": " + shown + "<extra></extra>")
        if text:
            kwargs.update(texttemplate=[shown if v is not None else MISSING_TEXT for v in values],
                          textposition="auto")
        if horizontal:
            fig.add_bar(x=values, y=list(part[x]), orientation="h", **kwargs)
        else:
            fig.add_bar(x=list(part[x]), y=values, **kwargs)
    for key, part in groups:
        name = plotly_text((series_names or {}).get(key, key) if key is not None else (y_label or y))
        _missing_marks(fig, part, x, y, name=name, years=years and not horizontal, horizontal=horizontal,
                       font_size=font_size)
    n_categories = data[x].nunique() if len(data) else 0
    if height is None:
        height = max(HEIGHT, 80 + BAR_ROW_HEIGHT * n_categories) if horizontal else HEIGHT
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size, lang=lang)
    fig.update_layout(barmode=barmode)
    heights = _stacked_heights(data, x, y) if barmode in ("stack", "relative") and len(data) else all_values
    if horizontal:
        fig.update_xaxes(title=y_label or None)
        fig.update_yaxes(title=None, type="category", automargin=True)
        value_axis(fig, unit, heights, axis="x")
    else:
        fig.update_xaxes(title=x_label or None)
        fig.update_yaxes(title=y_label or None)
        value_axis(fig, unit, heights, axis="y")
        if years and len(data):
            year_axis(fig, data[x], width_hint=width_hint, font_size=font_size)
        elif not years:
            fig.update_xaxes(type="category")
    return fig


def line(frame: pd.DataFrame, x: str, y: str, *, color: str | None = None, title: str = "",
         x_label: str = "", y_label: str = "", years: bool = True, colour_map: dict | None = None,
         series_names: dict | None = None, template=TEMPLATE, height: int = HEIGHT,
         font_size: int = FONT_SIZE, target: pd.DataFrame | None = None, target_label: str = "",
         markers: bool = True, unit: str = "count", lang: str = DEFAULT_LANG, width_hint: str = "half",
         missing_reason=None, band: pd.DataFrame | None = None, band_label: str = "interval",
         projection_label: str = "projection") -> go.Figure:
    """Lines of ``y`` over ``x`` (years by default), one per value of ``color``.

    ``target`` (columns ``x`` and ``target``) is drawn as dashed markers. ``band`` (columns
    year, value, low, high, as `metrics.targets.projection_band` returns it) is drawn as a
    light area between low and high named ``band_label`` and a dashed line through value
    named ``projection_label`` (both already translated by the caller). Target and band are
    reference traces: a chart with only these has no data (`has_data`). ``unit``, ``lang``,
    ``width_hint`` and ``missing_reason`` as for :func:`bar`: a missing value leaves a gap in
    its line and a grey '—' on the baseline whose hover gives the reason.
    """
    check_unit(unit)
    fig = go.Figure()
    data = _with_reasons(frame, missing_reason).sort_values(x)
    groups = [(None, data)] if not color else list(data.groupby(color, sort=False))
    colours = _colours([key for key, _ in groups], colour_map)
    mode = "lines+markers" if markers else "lines"
    has_target = target is not None and len(target) > 0
    all_values = [_plain(v) for v in data[y]] if len(data) else []
    target_values = [_plain(v) for v in target["target"]] if has_target else []
    has_band = band is not None and len(band) > 0
    band_values = [_plain(v) for column in ("value", "low", "high") for v in band[column]] if has_band else []
    number, suffix = value_format(unit, all_values + target_values)
    shown = "%{y:" + number + "}" + suffix
    x_shown = "<b>%{customdata[0]}</b><br>"
    for key, part in groups:
        name = plotly_text((series_names or {}).get(key, key) if key is not None else (y_label or y))
        fig.add_scatter(x=list(part[x]), y=[_plain(v) for v in part[y]], mode=mode, name=name,
                        line={"width": 3, "color": colours.get(key, PRIMARY) if key is not None else PRIMARY},
                        marker={"size": 8}, showlegend=color is not None or has_target or has_band,
                        customdata=[[label] for label in _x_labels(part[x], years)],
                        hovertemplate=x_shown + shown + "<extra>" + str(name) + "</extra>")
    for key, part in groups:
        name = plotly_text((series_names or {}).get(key, key) if key is not None else (y_label or y))
        _missing_marks(fig, part, x, y, name=name, years=years, font_size=font_size)
    if has_band:
        _projection_band(fig, band, band_label=band_label, projection_label=projection_label,
                         colour=colours.get(groups[0][0], PRIMARY) if color and groups else PRIMARY,
                         shown="%{y:,.0f}" if unit == "count" else shown, years=years)  # a projected count is whole
    if has_target:
        label = plotly_text(target_label or "target")
        fig.add_scatter(x=list(target[x]), y=target_values, mode="lines+markers", name=label,
                        line={"dash": "dash", "color": TARGET_COLOUR, "width": 2}, marker={"symbol": "x", "size": 9},
                        meta=REFERENCE_META, customdata=[[lab] for lab in _x_labels(target[x], years)],
                        hovertemplate=x_shown + shown + "<extra>" + label + "</extra>")
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size, lang=lang)
    fig.update_xaxes(title=x_label or None)
    fig.update_yaxes(title=y_label or None, rangemode="tozero")
    value_axis(fig, unit, all_values + target_values + band_values, axis="y")
    if years and len(data):
        shown_years = list(data[x]) + (list(target[x]) if has_target else []) + (list(band["year"]) if has_band else [])
        year_axis(fig, shown_years, width_hint=width_hint, font_size=font_size)
    return fig


BAND_OPACITY = 0.18  # the projection interval's fill: light enough for the lines to read through


def _translucent(colour: str, opacity: float) -> str:
    """'#rrggbb' as an rgba() colour of the given opacity."""
    code = colour.lstrip("#")
    red, green, blue = (int(code[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{opacity})"


def _projection_band(fig: go.Figure, band: pd.DataFrame, *, band_label: str, projection_label: str, colour: str,
                     shown: str, years: bool) -> None:
    """The interval as a filled area between low and high, and the projection as a dashed line (reference traces)."""
    band = band.sort_values("year")
    where = list(band["year"])
    low, high, value = ([_plain(v) for v in band[column]] for column in ("low", "high", "value"))
    area = plotly_text(band_label or "interval")
    fig.add_scatter(x=where + where[::-1], y=high + low[::-1], mode="lines", fill="toself",
                    fillcolor=_translucent(colour, BAND_OPACITY), line={"width": 0, "color": colour},
                    name=area, meta=REFERENCE_META, hoverinfo="skip")
    label = plotly_text(projection_label or "projection")
    ranges = [[mark, lo, hi] for mark, lo, hi in zip(_x_labels(where, years), low, high)]
    range_shown = shown.replace("%{y:", "%{customdata[1]:") + " – " + shown.replace("%{y:", "%{customdata[2]:")
    fig.add_scatter(x=where, y=value, mode="lines", name=label, meta=REFERENCE_META,
                    line={"dash": "dash", "color": colour, "width": 2}, customdata=ranges,
                    hovertemplate="<b>%{customdata[0]}</b><br>" + shown + " (" + range_shown + ")<extra>"
                                  + label + "</extra>")


# The number on a KPI slide is this many times the slide's font size (readable across a room).
BIG_NUMBER_SCALE = 6
THIN_SPACE = "\u202f"  # thousands separator, as on the scorecard (3 680)


def big_number(value, *, title: str = "", previous=None, unit: str = "", template=TEMPLATE,
               height: int = 420, font_size: int = 28, higher_is_better: bool = True,
               target=None, target_label: str = "", lang: str = DEFAULT_LANG) -> go.Figure:
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
    apply_layout(fig, template=template, height=height, font_size=font_size, lang=lang)
    if target is not None and target == target:
        shown = f"{target:,.1f}" if is_pct else f"{target:,.0f}"
        shown = shown.replace(",", THIN_SPACE).replace(".", separators(lang)[0]) + ("%" if is_pct else "")
        fig.add_annotation(text=f"{target_label}: {shown}", x=0.5, y=0.08, xref="paper",
                           yref="paper", showarrow=False, font={"size": font_size * 1.2}, xanchor="center")
    return fig
