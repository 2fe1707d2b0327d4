"""World maps: choropleths keyed on ISO alpha-3 codes, drawn from vendored world shapes.

Plotly fetches its world shapes (topojson) at draw time from ``topojsonURL + name + '.json'``
(``name`` is ``world_50m`` for ``scope='world'``, ``resolution=50``), by default from
cdn.plot.ly. The dashboard runs on closed networks, so the shapes are vendored in
``static/topojson`` and served by Streamlit (``server.enableStaticServing``) at
``/app/static/topojson/``; :data:`PLOTLY_CONFIG` points plotly.js there. Static exports
(kaleido, for the reports) read the same files through a ``file://`` URL:
call :func:`use_offline_topojson` once before exporting.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from charts.style import FONT_FAMILY, FONT_SIZE, TALL_HEIGHT, TEMPLATE, apply_layout
from charts.text import plotly_text

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = ROOT / "static" / "topojson"

# Relative to the page (no leading slash) so it also works behind a reverse proxy that serves
# the app under a sub-path; Streamlit serves ./static at <app>/app/static/.
TOPOJSON_URL = "app/static/topojson/"

# 1:50m shapes: at the default 1:110m, small states (Singapore, Malta, Bahrain) have no
# shape at all and their students would silently vanish from the map.
MAP_RESOLUTION = 50

# Natural Earth projection: whole world, little distortion of Central Asia.
PROJECTION = "natural earth"
# Cut Antarctica (no partners there) so the inhabited world gets the space.
LATITUDE_RANGE = [-58, 85]
MAP_HEIGHT = TALL_HEIGHT

COLORSCALE = "Blues"
# On the dark presentation theme pale blues glare: low values dark, high values bright.
DARK_COLORSCALE = "Viridis"
# Diverging scale for balances (inbound − outbound): blue = more inbound, orange = more outbound.
DIVERGING_COLORSCALE = [[0.0, "#E69F00"], [0.5, "#f7f7f7"], [1.0, "#0072B2"]]

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


def use_offline_topojson() -> str:
    """Point static exports (kaleido) at the vendored shapes; returns the ``file://`` URL used."""
    url = TOPOJSON_DIR.as_uri() + "/"
    pio.defaults.topojson = url
    return url


def map_config(**overrides) -> dict:
    """The plotly.js config for a map shown in Streamlit (offline shapes)."""
    return {**PLOTLY_CONFIG, **overrides}


def _mode(template: str) -> str:
    return "dark" if "dark" in str(template) else "light"


def style_geo(fig: go.Figure, *, template: str = TEMPLATE) -> go.Figure:
    """World view at 1:50m, no frame, light land for countries without data."""
    mode = _mode(template)
    fig.update_geos(
        scope="world",
        resolution=MAP_RESOLUTION,
        projection_type=PROJECTION,
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor=BORDER_COLOUR[mode],
        showland=True,
        landcolor=LAND_COLOUR[mode],
        showocean=False,
        bgcolor=OCEAN_COLOUR[mode],
        lataxis_range=LATITUDE_RANGE,
    )
    return fig


def choropleth(frame: pd.DataFrame, *, value: str = "value", country: str = "country",
               names: pd.Series | list | None = None, title: str = "", value_label: str = "",
               diverging: bool = False, template: str = TEMPLATE, height: int = MAP_HEIGHT,
               font_size: int = FONT_SIZE, hover_extra: pd.Series | list | None = None) -> go.Figure:
    """A world choropleth of ``frame[value]`` by ``frame[country]`` (ISO alpha-3).

    ``names`` are the countries' display names (same order as the frame) for the hover label,
    escaped here; ``hover_extra`` an optional line of Plotly markup per country, already
    escaped (`names_hover` builds it from partner names).
    ``diverging`` centres the colour scale on 0 (balances).
    """
    frame = frame[frame[country].notna()] if len(frame) else frame
    codes = list(frame[country]) if len(frame) else []
    values = list(frame[value]) if len(frame) else []
    names = [plotly_text(name) for name in (list(names) if names is not None else codes)]
    extra = list(hover_extra) if hover_extra is not None else [""] * len(codes)
    custom = [[n, e] for n, e in zip(names, extra)]
    trace = go.Choropleth(
        locations=codes,
        z=values,
        locationmode="ISO-3",
        customdata=custom,
        colorscale=DIVERGING_COLORSCALE if diverging else (DARK_COLORSCALE if _mode(template) == "dark" else COLORSCALE),
        zmid=0 if diverging else None,
        # Counts start at 0 so one selected country is not drawn as the palest colour of a 1 249–1 249 scale.
        zmin=None if diverging or not values else 0,
        zmax=None if diverging or not values else max(max(values), 1),
        marker_line_color=BORDER_COLOUR[_mode(template)],
        marker_line_width=0.5,
        colorbar={"title": {"text": value_label}, "thickness": 14, "len": 0.75},
        hovertemplate="<b>%{customdata[0]}</b><br>" + plotly_text(value_label or value) + ": %{z:,}"
                      + "%{customdata[1]}<extra></extra>",
    )
    fig = go.Figure(trace)
    numbers = [float(v) for v in values if v == v and v is not None]
    # (the scale runs from 0, so it is the largest value that decides; never one tick per unit up to 1 249)
    if (numbers and not diverging and all(v.is_integer() for v in numbers)
            and 0 <= min(numbers) and max(numbers) <= SMALL_COUNT_RANGE):
        fig.update_traces(colorbar_dtick=1, colorbar_tickformat="d")  # counts: no 1.5 partners on the scale
    apply_layout(fig, title=title, template=template, height=height, font_size=font_size)
    fig.update_layout(margin=dict(l=0, r=0, t=50 if title else 10, b=0), dragmode=False,
                      font={"family": FONT_FAMILY, "size": font_size})
    return style_geo(fig, template=template)


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
