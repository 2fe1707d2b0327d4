"""Sidebar filters and language, kept in the URL query string so a link reproduces the view.

Flow on every run (called from dashboard.py, before the page):
1. the first run of a session copies the query string into the widgets' session state;
2. the sidebar draws the widgets (explicit keys, values from session state);
3. the query string is rewritten from the widgets, so the address bar always shows the view.
Map clicks add countries through :func:`select_countries_callback`, which runs before the
next run draws the sidebar (a widget's state can only be changed before it is drawn).
"""

from __future__ import annotations

import re

import streamlit as st

from app import state
from metrics.vocabulary import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, region_label, t
from app.text import escape_markdown
from charts.text import strip_bidi

# Session-state keys of the widgets (also used by tests to set them).
LANG_KEY = "lang"
YEARS_KEY = "f_years"
FACULTY_KEY = "f_faculties"
LEVEL_KEY = "f_levels"
REGION_KEY = "f_regions"
COUNTRY_KEY = "f_countries"
UNIVERSITY_KEY = "universities"  # issue 12: shown only when the data holds more than one university
COMPARISON_KPI_KEY = "comparison_kpi"  # the Universities page's KPI (a catalogue id), URL parameter `kpi`
COMPARISON_KPI_PARAM = "kpi"
DEFAULT_COMPARISON_KPI = "foreign_students"
_LOADED_KEY = "_query_loaded"
IGNORED_KEY = "_query_ignored"  # link parameters ignored on the first run, for the notice
PRESENT_THEME_KEY = "present_theme"  # the presentation page's light/dark switch
# The dependence page's what-if: a source country (ISO alpha-3) and a change of its students in %.
WHATIF_COUNTRY_KEY = "whatif_country"
WHATIF_CHANGE_KEY = "whatif_change"
WHATIF_QUERY = {WHATIF_COUNTRY_KEY: "whatif_country", WHATIF_CHANGE_KEY: "whatif_change"}
WHATIF_CHANGE_RANGE = (-100, 100)
WHATIF_CHANGE_STEP = 5

# Query-string parameter of each widget; list values are comma-separated.
QUERY = {LANG_KEY: "lang", FACULTY_KEY: "faculty", LEVEL_KEY: "level", REGION_KEY: "region",
         COUNTRY_KEY: "country", UNIVERSITY_KEY: "university"}
LIST_KEYS = (FACULTY_KEY, LEVEL_KEY, REGION_KEY, COUNTRY_KEY, UNIVERSITY_KEY)  # multiselects kept in the URL
YEAR_FROM_PARAM, YEAR_TO_PARAM = "from", "to"

ISO3 = re.compile("[A-Z]{3}")
CONTINENTS = ("Africa", "Asia", "Europe", "North America", "South America", "Oceania")
CIS = "CIS"
REGIONS = CONTINENTS + (CIS,)


def _split(value: str) -> list[str]:
    return [part for part in (p.strip() for p in str(value).split(",")) if part]


def _known_country(code: str) -> bool:
    """An ISO alpha-3 code the country module knows (upper case, exactly three letters)."""
    from metrics.countries import resolve

    return bool(ISO3.fullmatch(code)) and resolve(code) == code


def _valid_year(text, years: list[int]) -> int | None:
    """A year of the URL when it is a whole number inside the data's range, else None."""
    try:
        year = int(str(text).strip())
    except ValueError:
        return None
    return year if years and years[0] <= year <= years[-1] else None


def _valid_change(text) -> int | None:
    """A what-if change of the URL when it is a whole number of percent in range on the slider's step, else None."""
    try:
        change = int(str(text).strip())
    except ValueError:
        return None
    low, high = WHATIF_CHANGE_RANGE
    return change if low <= change <= high and change % WHATIF_CHANGE_STEP == 0 else None


@st.cache_data(show_spinner=False, max_entries=32)
def _universities(key: tuple) -> list[str]:
    from metrics.filters import universities

    return universities(state._load(key))


def data_universities() -> list[str]:
    """The universities the data holds (the exports' ``university`` column; [] for a single university)."""
    try:
        return _universities(state.data_key())
    except Exception:  # noqa: BLE001 - the page shows the loading error itself
        return []


def _valid_kpi(value) -> str | None:
    from metrics.catalogue import CATALOGUE

    text = str(value).strip()
    return text if text in CATALOGUE else None


def load_query_params() -> None:
    """Once per session: widgets start from the query string (a shared link).

    Every value is checked against what it may be (a language, a faculty or level of the
    data, a region key, an ISO alpha-3 country code, a university of the data, a KPI id of the
    catalogue, a year in the data's range, a theme);
    a parameter with a value that is not is ignored, and :func:`ignored_params_notice` says so.
    """
    if st.session_state.get(_LOADED_KEY):
        return
    params = st.query_params
    ignored: list[str] = []
    lang = params.get("lang")
    if lang is not None and lang not in LANGUAGES:
        ignored.append("lang")
    st.session_state[LANG_KEY] = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    choices = state.choices()
    known = {FACULTY_KEY: set(choices.get("faculties", [])), LEVEL_KEY: set(choices.get("levels", [])),
             REGION_KEY: set(REGIONS), UNIVERSITY_KEY: set(data_universities())}
    for key in LIST_KEYS:
        raw = params.get(QUERY[key])
        if not raw:
            continue
        values = _split(raw)
        valid = [v for v in values if (_known_country(v) if key == COUNTRY_KEY else v in known[key])]
        if len(valid) != len(values):
            ignored.append(QUERY[key])
        if valid:
            st.session_state[key] = list(dict.fromkeys(valid))
    kpi = params.get(COMPARISON_KPI_PARAM)
    if kpi is not None:  # the Universities page's indicator: a catalogue id
        if _valid_kpi(kpi) is None:
            ignored.append(COMPARISON_KPI_PARAM)
        else:
            st.session_state[COMPARISON_KPI_KEY] = _valid_kpi(kpi)
    theme = params.get("theme")
    if theme in ("light", "dark"):  # presentation theme, for a meeting-room link
        st.session_state[PRESENT_THEME_KEY] = theme
    elif theme is not None:
        ignored.append("theme")
    country = params.get(WHATIF_QUERY[WHATIF_COUNTRY_KEY])
    if country is not None:  # the dependence page checks it is one of the data's source countries
        if _known_country(str(country).strip()):
            st.session_state[WHATIF_COUNTRY_KEY] = str(country).strip()
        else:
            ignored.append(WHATIF_QUERY[WHATIF_COUNTRY_KEY])
    change = params.get(WHATIF_QUERY[WHATIF_CHANGE_KEY])
    if change is not None:
        if _valid_change(change) is None:
            ignored.append(WHATIF_QUERY[WHATIF_CHANGE_KEY])
        else:
            st.session_state[WHATIF_CHANGE_KEY] = _valid_change(change)
    years = state.years()
    if years:
        lo, hi = years[0], years[-1]
        for name in (YEAR_FROM_PARAM, YEAR_TO_PARAM):
            if name not in params:
                continue
            year = _valid_year(params.get(name), years)
            if year is None:
                ignored.append(name)
            elif name == YEAR_FROM_PARAM:
                lo = year
            else:
                hi = year
        lo, hi = sorted((lo, hi))
        lo = min((y for y in years if y >= lo), default=years[0])
        hi = max((y for y in years if y <= hi), default=years[-1])
        st.session_state[YEARS_KEY] = (lo, hi)
    else:
        ignored += [name for name in (YEAR_FROM_PARAM, YEAR_TO_PARAM) if name in params]
    st.session_state[IGNORED_KEY] = ignored
    st.session_state[_LOADED_KEY] = True


def ignored_params_notice(lang: str) -> None:
    """Once, after a link was opened: which of its parameters were ignored (names only, never the values)."""
    ignored = st.session_state.pop(IGNORED_KEY, None)
    if ignored:
        names = ", ".join(f"«{name}»" for name in ignored)
        st.warning(t("filter.ignored_params", lang, params=escape_markdown(names)), icon=":material/link_off:")


def write_query_params() -> None:
    """The query string mirrors the current widgets (only non-default values)."""
    wanted: dict[str, str] = {}
    lang = language()
    if lang != DEFAULT_LANGUAGE:
        wanted["lang"] = lang
    years = state.years()
    chosen = st.session_state.get(YEARS_KEY)
    if years and chosen and tuple(chosen) != (years[0], years[-1]):
        wanted[YEAR_FROM_PARAM], wanted[YEAR_TO_PARAM] = str(chosen[0]), str(chosen[1])
    for key in LIST_KEYS:
        values = st.session_state.get(key) or []
        if values:
            wanted[QUERY[key]] = ",".join(values)
    kpi = st.session_state.get(COMPARISON_KPI_KEY)  # set while the Universities page is on screen
    if kpi and kpi != DEFAULT_COMPARISON_KPI and _valid_kpi(kpi):
        wanted[COMPARISON_KPI_PARAM] = kpi
    if st.session_state.get(PRESENT_THEME_KEY) == "dark":
        wanted["theme"] = "dark"
    for key, name in WHATIF_QUERY.items():  # set while the dependence page's what-if is on screen
        value = st.session_state.get(key)
        if value is not None and value != "":
            wanted[name] = str(value)
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)


_LAST_LANG_KEY = "_lang_last"


def language() -> str:
    """The chosen language (the last one chosen while the switcher is momentarily empty)."""
    lang = st.session_state.get(LANG_KEY)
    if lang not in LANGUAGES:
        lang = st.session_state.get(_LAST_LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language_switcher() -> str:
    """The en/ru/uz switcher at the top of the sidebar."""
    if st.session_state.get(LANG_KEY) not in LANGUAGES:  # clicking the selected option empties it
        st.session_state[LANG_KEY] = language()
    st.sidebar.segmented_control(
        t("sidebar.language", language()), LANGUAGES, key=LANG_KEY,
        format_func=lambda code: LANGUAGE_NAMES[code], selection_mode="single", width="stretch",
    )
    st.session_state[_LAST_LANG_KEY] = language()
    return language()


def _keep_valid(key: str, options: list[str]) -> None:
    values = st.session_state.get(key)
    if values:
        st.session_state[key] = [v for v in values if v in options]


CLICKED_MAP = "_clicked_map"  # session state: (the map whose click set the country filter, the countries set)


def select_countries_callback(chart_key: str):
    """on_select callback for a map: the country filter becomes the map's selection (a click: that country;
    Shift+click: one more). An empty selection changes nothing (the sidebar clears the filter)."""
    def callback() -> None:
        event = st.session_state.get(chart_key)
        selection = getattr(event, "selection", None) or (event or {}).get("selection", {})
        points = selection.get("points", []) if isinstance(selection, dict) else getattr(selection, "points", [])
        codes = [p.get("location") for p in points if isinstance(p, dict) and isinstance(p.get("location"), str)
                 and _known_country(p.get("location"))]
        if codes:
            st.session_state[COUNTRY_KEY] = list(dict.fromkeys(codes))
            st.session_state[CLICKED_MAP] = (chart_key, tuple(st.session_state[COUNTRY_KEY]))
    return callback


def set_by_click(chart_key: str, countries: tuple[str, ...]) -> bool:
    """Whether the country filter ``countries`` is what a click on the map ``chart_key`` set."""
    return st.session_state.get(CLICKED_MAP) == (chart_key, tuple(countries))


def clear_countries() -> None:
    st.session_state[COUNTRY_KEY] = []


def reset_filters() -> None:
    for key in LIST_KEYS:
        st.session_state[key] = []
    years = state.years()
    if years:
        st.session_state[YEARS_KEY] = (years[0], years[-1])


def sidebar_filters(lang: str):
    """Draw the filter widgets; returns a metrics.filters.Filters (None when no data)."""
    years = state.years()
    choices = state.choices()
    sidebar = st.sidebar
    sidebar.subheader(t("sidebar.filters", lang))
    if len(years) > 1:
        chosen = st.session_state.get(YEARS_KEY)
        if not isinstance(chosen, (tuple, list)) or len(chosen) != 2 or not set(chosen) <= set(years):
            st.session_state[YEARS_KEY] = (years[0], years[-1])
        # value= makes it a range slider; the state set above (from the URL) wins over it.
        sidebar.select_slider(t("sidebar.years", lang), options=years, key=YEARS_KEY, value=(years[0], years[-1]),
                              format_func=lambda y: f"{y}/{(y + 1) % 100:02d}")
    elif years:
        st.session_state[YEARS_KEY] = (years[0], years[0])
    _keep_valid(FACULTY_KEY, choices.get("faculties", []))
    _keep_valid(LEVEL_KEY, choices.get("levels", []))
    _keep_valid(REGION_KEY, list(REGIONS))
    universities = data_universities()
    _keep_valid(UNIVERSITY_KEY, universities)
    if len(universities) > 1:  # a ministry's folder: one data set, many universities
        sidebar.multiselect(t("sidebar.university", lang), universities, key=UNIVERSITY_KEY,
                            placeholder=t("sidebar.all", lang), format_func=strip_bidi)
    else:
        st.session_state[UNIVERSITY_KEY] = []
    if choices.get("faculties"):
        sidebar.multiselect(t("sidebar.faculty", lang), choices["faculties"], key=FACULTY_KEY,
                            placeholder=t("sidebar.all", lang), format_func=strip_bidi)
    if choices.get("levels"):
        sidebar.multiselect(t("sidebar.level", lang), choices["levels"], key=LEVEL_KEY,
                            placeholder=t("sidebar.all", lang), format_func=strip_bidi)
    sidebar.multiselect(t("sidebar.region", lang), list(REGIONS), key=REGION_KEY,
                        format_func=lambda r: region_label(r, lang), placeholder=t("sidebar.all", lang))
    countries = [c for c in st.session_state.get(COUNTRY_KEY) or [] if isinstance(c, str) and _known_country(c)]
    if countries:
        st.session_state[COUNTRY_KEY] = countries
        names = state.country_names(countries, lang)
        sidebar.multiselect(t("sidebar.countries", lang), countries, key=COUNTRY_KEY,
                            format_func=lambda c: names.get(c, c))
        sidebar.button(t("sidebar.clear_countries", lang), key="clear_countries", on_click=clear_countries,
                       icon=":material/close:")
    else:
        st.session_state[COUNTRY_KEY] = []
    sidebar.button(t("sidebar.reset", lang), key="reset_filters", on_click=reset_filters, type="tertiary",
                   icon=":material/restart_alt:")
    sidebar.caption(t("sidebar.link_hint", lang))
    return current_filters()


def current_filters():
    """Filters from the widgets' session state (pages call this; no widget is drawn)."""
    years = state.years()
    chosen = st.session_state.get(YEARS_KEY)
    if not isinstance(chosen, (tuple, list)) or len(chosen) != 2:
        chosen = (years[0], years[-1]) if years else (None, None)
    try:
        from metrics.filters import Filters
    except ImportError:  # KPI library not there yet
        return None
    if years and tuple(chosen) == (years[0], years[-1]):
        chosen = (None, None)  # the whole range: no year filter at all (same view, cheaper, cache-friendly)
    return Filters(
        year_from=chosen[0], year_to=chosen[1],
        faculties=tuple(st.session_state.get(FACULTY_KEY) or ()),
        levels=tuple(st.session_state.get(LEVEL_KEY) or ()),
        regions=tuple(st.session_state.get(REGION_KEY) or ()),
        countries=tuple(st.session_state.get(COUNTRY_KEY) or ()),
        universities=tuple(st.session_state.get(UNIVERSITY_KEY) or ()),
    )


def scorecard_year() -> int | None:
    """The year the scorecard describes: the last year of the selected range."""
    years = state.years()
    chosen = st.session_state.get(YEARS_KEY)
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        return int(chosen[1])
    return years[-1] if years else None
