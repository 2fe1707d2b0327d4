"""Presentation mode for strategy meetings: full screen, one KPI or chart per slide, large type.

Advances on a timer (st.fragment(run_every=...)) or with the keyboard: → next, ← previous,
Esc back to the dashboard (button shortcuts). Light or dark theme.
"""

import time

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, slides, ui  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from charts.maps import map_config  # noqa: E402
from charts.style import DARK_TEMPLATE, TEMPLATE  # noqa: E402

SLIDE_KEY = "present_slide"
THEME_KEY = "present_theme"
AUTO_KEY = "present_auto"
SECONDS_KEY = "present_seconds"
LAST_KEY = "_present_last_change"
DEFAULT_SECONDS = 20
# Page colours of the two themes (the figures use the matching plotly templates).
THEMES = {"light": {"bg": "#ffffff", "fg": "#1d1d1f", "muted": "#5f6368", "button": "#ffffff", "border": "#d0d0d0"},
          "dark": {"bg": "#111111", "fg": "#f2f2f2", "muted": "#b0b0b0", "button": "#262626", "border": "#4a4a4a"}}

# The exports the slides are drawn from: a notice says when one is missing or unreadable.
EXPORTS = ("students", "partners", "mobility", "program_enrollment")

lang = filters.language()
if ui.no_data_guard(lang):
    st.stop()
ui.export_notice(EXPORTS, lang)

st.session_state.setdefault(THEME_KEY, "light")
st.session_state.setdefault(AUTO_KEY, True)
st.session_state.setdefault(SECONDS_KEY, DEFAULT_SECONDS)
st.session_state.setdefault(SLIDE_KEY, 0)
st.session_state.setdefault(LAST_KEY, time.time())
theme = st.session_state[THEME_KEY] if st.session_state[THEME_KEY] in THEMES else "light"
colours = THEMES[theme]

# Full screen: no sidebar, header or toolbar; large type; the chosen theme's colours.
st.html(f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {{display: none !important;}}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{background: {colours['bg']} !important;
  color: {colours['fg']} !important;}}
[data-testid="stMainBlockContainer"] {{padding: 0.75rem 2rem 0 2rem !important; max-width: 100% !important;}}
.stApp p, .stApp label, .stApp span, .stApp div[data-testid="stCaptionContainer"] {{color: {colours['fg']};}}
.stApp button {{background: {colours['button']} !important; border-color: {colours['border']} !important;}}
.stApp button p, .stApp button span {{font-size: 1.15rem; color: {colours['fg']} !important;}}
.stApp [data-testid="stCaptionContainer"] p {{color: {colours['muted']}; font-size: 1.1rem;}}
</style>""")


def _go(step: int, total: int) -> None:
    st.session_state[SLIDE_KEY] = (st.session_state.get(SLIDE_KEY, 0) + step) % max(total, 1)
    st.session_state[LAST_KEY] = time.time()


def _exit() -> None:
    st.session_state[LAST_KEY] = time.time()


selection = filters.current_filters()
year = filters.scorecard_year()
template = DARK_TEMPLATE if theme == "dark" else TEMPLATE
deck = slides.build(lang, selection, year, template)
seconds = int(st.session_state[SECONDS_KEY])
autoplay = bool(st.session_state[AUTO_KEY])


@st.fragment(run_every=seconds if autoplay else None)
def show_slides() -> None:
    total = len(deck)
    if not total:
        st.info(t("common.no_data", lang))
        return
    # A timer run advances only once the slide has been up for its time (a click restarts the clock).
    if autoplay and time.time() - st.session_state[LAST_KEY] >= seconds - 0.5:
        _go(1, total)
    index = st.session_state[SLIDE_KEY] % total
    controls = st.columns([1.3, 1.3, 5, 1.8, 1.1], vertical_alignment="center")
    controls[0].button(t("present.prev", lang), key="present_prev", on_click=_go, args=(-1, total), shortcut="Left",
                       icon=":material/arrow_back:", width="stretch")
    controls[1].button(t("present.next", lang), key="present_next", on_click=_go, args=(1, total), shortcut="Right",
                       icon=":material/arrow_forward:", width="stretch")
    controls[2].caption(t("present.slide_of", lang, n=index + 1, total=total) + " · " + t("present.keys", lang))
    with controls[3].popover(t("present.settings", lang), icon=":material/tune:", width="stretch"):
        st.segmented_control(t("present.theme", lang), list(THEMES), key=THEME_KEY,
                             format_func=lambda name: t(f"present.{name}", lang))
        st.toggle(t("present.autoplay", lang), key=AUTO_KEY)
        st.number_input(t("present.interval", lang), min_value=5, max_value=300, step=5, key=SECONDS_KEY)
    if controls[4].button(t("present.exit", lang), key="present_exit", on_click=_exit, shortcut="Esc",
                          icon=":material/close:", width="stretch"):
        st.switch_page("pages/overview.py")
    slide = deck[index]
    st.plotly_chart(slide.figure, key=f"slide_{slide.key}_{theme}", theme=None,
                    config=map_config(displayModeBar=False) if slide.is_map else {"displayModeBar": False,
                                                                                  "displaylogo": False})


show_slides()
