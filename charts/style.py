"""Shared look of every figure: template, colours, heights, fonts.

Figures always carry an explicit template: importing streamlit installs its own default
plotly template, and an image exported with that one comes out on a black background.
"""

from __future__ import annotations

import plotly.graph_objects as go

# Light figures for laptops and reports; the presentation page switches to the dark one.
TEMPLATE = "plotly_white"
DARK_TEMPLATE = "plotly_dark"

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


def academic_year(year: int) -> str:
    """2024 -> '2024/25' (an academic year is stored as its first calendar year)."""
    year = int(year)
    return f"{year}/{(year + 1) % 100:02d}"


def apply_layout(fig: go.Figure, *, title: str = "", template: str = TEMPLATE, height: int = HEIGHT,
                 font_size: int = FONT_SIZE) -> go.Figure:
    """Template, title, font and margins shared by every chart."""
    fig.update_layout(
        template=template,
        title={"text": title, "x": 0.0, "xanchor": "left"} if title else None,
        height=height,
        font={"family": FONT_FAMILY, "size": font_size},
        margin=MARGIN if title else dict(MARGIN, t=20),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1.0, "title": None},
        separators=". ",  # decimal point, thin space for thousands: 1 234 reads the same in en/ru/uz
    )
    return fig


def year_axis(fig: go.Figure, years) -> go.Figure:
    """Label integer years as academic years (2024 -> 2024/25) without changing the data."""
    years = sorted({int(y) for y in years if y == y})
    if years:
        fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[academic_year(y) for y in years])
    return fig
