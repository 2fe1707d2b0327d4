"""World maps: choropleths keyed on ISO alpha-3 codes, drawn from vendored world shapes.

Plotly fetches its world shapes (topojson) at draw time from ``topojsonURL + name + '.json'``
(``name`` is ``world_110m`` for ``scope='world'``, ``resolution=110``; small states' centroids come
from ``world_50m``), by default from
cdn.plot.ly. The dashboard runs on closed networks, so the shapes are vendored in
``static/topojson`` and served by Streamlit (``server.enableStaticServing``) at
``/app/static/topojson/``; :data:`PLOTLY_CONFIG` points plotly.js there. Static exports
(kaleido, for the reports) read the same files through a ``file://`` URL:
call :func:`use_offline_topojson` once before exporting.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from charts.style import (
    DEFAULT_LANG, FONT_FAMILY, FONT_SIZE, TALL_HEIGHT, TEMPLATE, apply_layout, format_number, is_dark, value_format,
)
from charts.text import plotly_text

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = ROOT / "static" / "topojson"

# Relative to the page (no leading slash) so it also works behind a reverse proxy that serves
# the app under a sub-path; Streamlit serves ./static at <app>/app/static/.
TOPOJSON_URL = "app/static/topojson/"

# 1:110m shapes: drawn in ~70 ms where the 1:50m ones take ~170 ms, on every (re)draw of a map. At
# 1:110m small states (Singapore, Malta, Bahrain, the Maldives) have no shape at all: they are drawn as
# markers at their centroid instead (`small_states`), same colour scale and hover, so no country
# silently vanishes from the map. (Only a click on a marker does not narrow the view: plotly's selection
# event names no country for a marker; at 1:50m those shapes were a pixel or two wide anyway.)
MAP_RESOLUTION = 110
# The shapes the small states' centroids come from (they have a shape there).
DETAILED_RESOLUTION = 50
# Size in px of a small state's marker, and half the side in degrees of the square it is located by.
SMALL_STATE_MARKER = 8
SMALL_STATE_HALF_SIDE = 0.05

# Natural Earth projection: whole world, little distortion of Central Asia.
PROJECTION = "natural earth"
# Cut Antarctica (no partners there) so the inhabited world gets the space.
LATITUDE_RANGE = [-58, 85]
MAP_HEIGHT = TALL_HEIGHT

# Counts: blues that start mid-light, so the smallest count is clearly darker than land without
# data (plotly's "Blues" starts at near-white: one student in a country was invisible).
COLORSCALE = [[0.0, "#9ecae1"], [0.35, "#6baed6"], [0.7, "#2171b5"], [1.0, "#08306b"]]
# On the dark presentation theme pale blues glare: Viridis from its teal part (its darkest
# blues and purples are as dark as the land), low values dark, high values bright.
DARK_COLORSCALE = [[0.0, "#2a788e"], [0.33, "#22a884"], [0.66, "#7ad151"], [1.0, "#fde725"]]
# Diverging scale for balances (inbound − outbound): blue = more inbound, orange = more outbound.
DIVERGING_COLORSCALE = [[0.0, "#E69F00"], [0.5, "#f7f7f7"], [1.0, "#0072B2"]]

# Counts are coloured by log10(count) by default: the largest source country (1 249 students)
# no longer turns every country with a handful into the palest shade. Colour bar ticks at 1, 2, 5, 10, …
SCALES = ("log", "linear")
LOG_TICK_STEPS = (1, 2, 5)
# The largest value gets its own tick unless it is this close (in log10) to the one below.
LOG_TOP_TICK_GAP = 0.15

LAND_COLOUR = {"light": "#ececec", "dark": "#3a3a3a"}
BORDER_COLOUR = {"light": "#ffffff", "dark": "#1e1e1e"}
OCEAN_COLOUR = {"light": "rgba(0,0,0,0)", "dark": "rgba(0,0,0,0)"}

# Passed to st.plotly_chart(config=...): shapes from our own server, no plotly logo link.
PLOTLY_CONFIG = {
    "topojsonURL": TOPOJSON_URL,
    "displaylogo": False,
    "scrollZoom": False,  # the page scrolls past the map instead of zooming it
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
}

# Colour bars of small counts get one tick per whole number.
SMALL_COUNT_RANGE = 12

# At most this many partner names are listed in a country's hover label.
MAX_NAMES_IN_HOVER = 12


@lru_cache(maxsize=1)
def small_states() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 -> (lon, lat) of the countries with a 1:50m shape and none at :data:`MAP_RESOLUTION`."""
    def countries(resolution: int) -> list[dict]:
        shapes = json.loads((TOPOJSON_DIR / f"world_{resolution}m.json").read_text(encoding="utf-8"))
        return shapes["objects"]["countries"]["geometries"]

    if MAP_RESOLUTION == DETAILED_RESOLUTION:
        return {}
    drawn = {shape.get("id") for shape in countries(MAP_RESOLUTION)}
    return {shape["id"]: tuple(shape["properties"]["ct"]) for shape in countries(DETAILED_RESOLUTION)
            if shape.get("id") and shape["id"] not in drawn and "ct" in shape.get("properties", {})}


def _small_state_places(codes: list[str]) -> dict:
    """A GeoJSON of tiny squares at the small states' centroids, ``id`` = ISO code (``ct`` = the centroid).

    The markers are located through ``locationmode='geojson-id'`` (by ISO code, like the shapes) rather than
    lon/lat, so that plotly's click event names the country as its ``location``.
    """
    places, half = small_states(), SMALL_STATE_HALF_SIDE
    features = []
    for code in codes:
        lon, lat = places[code]
        ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
                [lon - half, lat + half], [lon - half, lat - half]]
        features.append({"type": "Feature", "id": code, "properties": {"ct": [lon, lat]},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": features}


def use_offline_topojson() -> str:
    """Point static exports (kaleido) at the vendored shapes; returns the ``file://`` URL used."""
    url = TOPOJSON_DIR.as_uri() + "/"
    pio.defaults.topojson = url
    return url


def map_config(**overrides) -> dict:
    """The plotly.js config for a map shown in Streamlit (offline shapes)."""
    return {**PLOTLY_CONFIG, **overrides}


def _mode(template) -> str:
    return "dark" if is_dark(template) else "light"


def style_geo(fig: go.Figure, *, template=TEMPLATE) -> go.Figure:
    """World view at :data:`MAP_RESOLUTION`, no frame, light land for countries without data.

    No separate country-border layer: the choropleth's own marker lines outline every country with
    data, and a second layer of all 240 borders doubled the shapes the browser projects on each draw.
    """
    mode = _mode(template)
    fig.update_geos(
        scope="world",
        resolution=MAP_RESOLUTION,
        projection_type=PROJECTION,
        showframe=False,
        showcoastlines=False,
        showcountries=False,
        showland=True,
        landcolor=LAND_COLOUR[mode],
        showocean=False,
        bgcolor=OCEAN_COLOUR[mode],
        lataxis_range=LATITUDE_RANGE,
    )
    return fig


def log_ticks(maximum: float) -> list[float]:
    """Colour bar ticks of a log scale: 1, 2, 5, 10, 20, 50, … up to ``maximum`` (and ``maximum`` itself)."""
    top = max(float(maximum), 2.0)
    ticks, magnitude = [], 1
    while magnitude <= top:
        ticks += [step * magnitude for step in LOG_TICK_STEPS if step * magnitude <= top]
        magnitude *= 10
    if math.log10(top) - math.log10(ticks[-1]) > LOG_TOP_TICK_GAP:
        ticks.append(int(top) if float(top).is_integer() else top)
    return ticks


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _aligned(values, keep: list[bool]) -> list | None:
    """A per-row list (Series by position) reduced to the rows kept."""
    if values is None:
        return None
    values = list(values)
    return [v for v, k in zip(values, keep) if k] if len(values) == len(keep) else values


def choropleth(frame: pd.DataFrame, *, value: str = "value", country: str = "country",
               names: pd.Series | list | None = None, title: str = "", value_label: str = "",
               diverging: bool = False, template=TEMPLATE, height: int = MAP_HEIGHT,
               font_size: int = FONT_SIZE, hover_extra: pd.Series | list | None = None,
               scale: str = "log", scale_note: str = "log scale", lang: str = DEFAULT_LANG) -> go.Figure:
    """A world choropleth of ``frame[value]`` by ``frame[country]`` (ISO alpha-3).

    ``names`` are the countries' display names (same order as the frame) for the hover label,
    escaped here; ``hover_extra`` an optional line of Plotly markup per country, already
    escaped (`names_hover` builds it from partner names).
    ``diverging`` centres a linear colour scale on 0 (balances). Otherwise ``scale='log'``
    (the default) colours by log10(value) so that small counts stay visible next to a large
    one: the colour bar is labelled with the real numbers (1, 2, 5, 10, …) and its title
    gets ``scale_note`` (translated by the caller); the hover shows the real value
    (``customdata[2]``). Values that are not all 0 or ≥ 1 (negatives, fractions) fall back to
    ``scale='linear'``, a scale from 0. Rows without a value (and zeros on a log scale) are
    left as land without data. ``lang`` sets the decimal and thousands separators.
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, not {scale!r}")
    mode = _mode(template)
    rows = list(frame[value]) if len(frame) else []
    numbers = [_number(v) for v in rows]
    present = [v for v in numbers if v is not None]
    use_log = (scale == "log" and not diverging and bool(present) and max(present) >= 1
               and all(v == 0 or v >= 1 for v in present))
    keep = [bool(len(frame)) and c == c and c is not None and v is not None and (v > 0 or not use_log)
            for c, v in zip(list(frame[country]) if len(frame) else [], numbers)]
    codes = [c for c, k in zip(list(frame[country]) if len(frame) else [], keep) if k]
    values = [v for v, k in zip(numbers, keep) if k]
    values = [int(v) if v.is_integer() else v for v in values]
    names = [plotly_text(name) for name in (_aligned(names, keep) if names is not None else codes)]
    extra = _aligned(hover_extra, keep) if hover_extra is not None else [""] * len(codes)
    custom = [[n, e, v] for n, e, v in zip(names, extra, values)]
    number, suffix = value_format("count", values)
    label = plotly_text(value_label or value)
    colorbar = {"title": {"text": value_label}, "thickness": 14, "len": 0.75}
    if diverging:
        colorscale, z, zmin, zmax = DIVERGING_COLORSCALE, values, None, None
    else:
        colorscale = DARK_COLORSCALE if mode == "dark" else COLORSCALE
        top = max(values) if values else 1
        if use_log:
            z = [math.log10(v) for v in values]
            ticks = log_ticks(top)
            zmin, zmax = 0.0, math.log10(max(top, 2))
            colorbar.update(tickmode="array", tickvals=[math.log10(t) for t in ticks],
                            ticktext=[format_number(t, lang) for t in ticks])
            note = plotly_text(scale_note)
            if note:
                colorbar["title"]["text"] = f"{value_label}<br>({note})" if value_label else f"({note})"
        else:
            # Counts start at 0 so one selected country is not drawn as the palest colour of a 1 249–1 249 scale.
            z, zmin, zmax = values, (0 if values else None), (max(top, 1) if values else None)
    trace = go.Choropleth(
        locations=codes,
        z=z,
        locationmode="ISO-3",
        customdata=custom,
        colorscale=colorscale,
        zmid=0 if diverging else None,
        zmin=zmin,
        zmax=zmax,
        marker_line_color=BORDER_COLOUR[mode],
        marker_line_width=0.5,
        colorbar=colorbar,
        hovertemplate="<b>%{customdata[0]}</b><br>" + label + ": %{customdata[2]:" + number + "}" + suffix
                      + "%{customdata[1]}<extra></extra>",
    )
    fig = go.Figure(trace)
    small = [i for i, code in enumerate(codes) if code in small_states()]
    if small:  # no shape at this resolution: a marker of the same colour, hover and click
        marker = {"size": SMALL_STATE_MARKER, "color": [z[i] for i in small], "colorscale": colorscale,
                  "line": {"color": BORDER_COLOUR[mode], "width": 0.5}, "opacity": 1}
        # the choropleth's colour range: for a balance symmetric around 0 over all its values (zmid=0)
        extent = max((abs(v) for v in z), default=1) or 1
        marker.update({"cmin": -extent, "cmax": extent} if diverging else {"cmin": zmin, "cmax": zmax})
        fig.add_trace(go.Scattergeo(
            locations=[codes[i] for i in small], locationmode="geojson-id",
            geojson=_small_state_places([codes[i] for i in small]), mode="markers", marker=marker,
            customdata=[custom[i] for i in small], hovertemplate=trace.hovertemplate, showlegend=False, name="",
        ))
    # (a linear scale runs from 0, so it is the largest value that decides; never one tick per unit up to 1 249)
    if (values and not use_log and all(float(v).is_integer() for v in values)
            and max(values) - min(min(values), 0) <= SMALL_COUNT_RANGE):
        # counts: no 1.5 partners on the scale
        fig.update_traces(colorbar_dtick=1, colorbar_tickformat="d", selector={"type": "choropleth"})
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size, lang=lang)
    fig.update_layout(margin=dict(l=0, r=0, t=50 if title else 10, b=0), dragmode=False,
                      font={"family": FONT_FAMILY, "size": font_size})
    return style_geo(fig, template=template)


# Countries outside the selection stay on the map, paler (Plotly's own look for unselected points).
UNSELECTED_OPACITY = 0.3


def mark_selected(fig: go.Figure, codes) -> go.Figure:
    """A copy of a map (from `choropleth`) on which the countries ``codes`` (ISO alpha-3) are selected and
    the others drawn paler, as after a click on them; ``fig`` itself is not changed. No codes: ``fig``."""
    chosen = set(codes or ())
    if not chosen:
        return fig
    marked = go.Figure(fig)
    for trace in marked.data:
        if trace.type in ("choropleth", "scattergeo") and trace.locations is not None:
            trace.selectedpoints = [i for i, code in enumerate(trace.locations) if code in chosen]
            trace.unselected = {"marker": {"opacity": UNSELECTED_OPACITY}}
    return marked


def names_hover(names_per_country: list[list[str]] | pd.Series) -> list[str]:
    """'<br>• name' lines for each country (names escaped), at most :data:`MAX_NAMES_IN_HOVER` then '…'."""
    out = []
    for names in names_per_country:
        names = [plotly_text(n) for n in (names or []) if plotly_text(n)]
        shown = names[:MAX_NAMES_IN_HOVER]
        text = "".join(f"<br>• {n}" for n in shown)
        if len(names) > len(shown):
            text += f"<br>… +{len(names) - len(shown)}"
        out.append(text)
    return out
