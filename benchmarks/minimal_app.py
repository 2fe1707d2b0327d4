"""The framework's floor for benchmarks/bench_redraw.py: one 1:50m world choropleth and one line chart.

    streamlit run benchmarks/minimal_app.py   (from a folder whose ./static holds the vendored shapes)

Written the way a minimal Streamlit + Plotly app is written (plotly's own 'plotly_white' template,
figures built on every run, shapes at 1:50m from our own server). Both of the dashboard's redraws have
their counterpart here, and each changes both charts, as a filter does in such an app:
- the sidebar's year slider narrows the years of the line chart and scales the map's values;
- a click on a country of the map (``on_select="rerun"``) narrows the map to that country and the line
  chart to its numbers.
"""

import plotly.graph_objects as go
import streamlit as st

COUNTRIES = ["IND", "CHN", "KAZ", "UZB", "KGZ", "TJK", "TKM", "AFG", "PAK", "BGD", "NPL", "LKA", "IRN", "TUR",
             "RUS", "DEU", "FRA", "GBR", "ITA", "ESP", "USA", "CAN", "BRA", "EGY", "NGA", "KOR", "JPN", "MNG",
             "SGP", "MLT"]
YEARS = list(range(2016, 2026))

st.set_page_config(page_title="Minimal", layout="wide")
first, last = st.sidebar.select_slider("Academic years", options=YEARS, value=(YEARS[0], YEARS[-1]), key="years")
picked = st.session_state.get("picked") or []

st.title("Minimal")
codes = [c for c in COUNTRIES if not picked or c in picked]
values = [(len(COUNTRIES) - COUNTRIES.index(c)) * (last - first + 1) for c in codes]
world = go.Figure(go.Choropleth(locations=codes, z=values, locationmode="ISO-3", customdata=codes))
world.update_geos(resolution=50, showframe=False, projection_type="natural earth")
world.update_layout(template="plotly_white", height=520, margin=dict(l=0, r=0, t=10, b=0))


def pick() -> None:
    points = st.session_state["world"].selection.points
    st.session_state["picked"] = [p["location"] for p in points if p.get("location")] or picked


st.plotly_chart(world, key="world", config={"topojsonURL": "app/static/topojson/"}, theme=None,
                on_select=pick, selection_mode="points")

years = [y for y in YEARS if first <= y <= last]
trend = go.Figure(go.Scatter(x=years, y=[len(codes) * 10 + (y - first) * 7 for y in years], mode="lines+markers"))
trend.update_layout(template="plotly_white", height=380, title="Students by year")
st.plotly_chart(trend, key="trend", theme=None)
