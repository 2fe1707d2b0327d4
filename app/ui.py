"""Page building blocks: a chart with its table and downloads, translated tables, page header.

Pages call these; they hold no computation beyond presentation (labels, column names).
"""

from __future__ import annotations

import numbers
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import state
from app.text import escape_markdown, markdown_code
from charts.basic import has_data
from charts.maps import map_config
from charts.text import strip_bidi
from metrics.sections.common import display_table as sections_display_table
from metrics.vocabulary import MISSING, date_text, kpi_change, kpi_value, number, present, status_label, t
from reports.safety import frame_to_csv_bytes, frame_to_xlsx_bytes

# Modebar without the plotly logo link (it points to plotly.com).
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "table"


def display_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame as a reader sees it (metrics.sections.common.display_table), bidi controls stripped."""
    shown = sections_display_table(frame, lang)
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column]):
            # the grid shows text as text; bidi controls would still reorder it
            shown[column] = shown[column].map(lambda v: strip_bidi(v) if isinstance(v, str) else v)
    shown.columns = [strip_bidi(str(c)) for c in shown.columns]
    return shown


def screen_table(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A display table for the grid: dates as the language writes them (10.12.2026 in ru/uz), missing cells
    as "—" (never None, nan or NaT), bidi controls stripped."""
    import datetime as dt

    columns = {}
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if pd.api.types.is_datetime64_any_dtype(values) or any(isinstance(v, dt.date) for v in values.head(50)):
            values = values.map(lambda v: date_text(v, lang) if present(v) else MISSING)
        if values.isna().any():  # one type per column for the grid: numbers as the language writes them
            values = values.map(lambda v: MISSING if not present(v) else
                                number(v, lang, 0 if float(v).is_integer() else 1)
                                if isinstance(v, numbers.Real) and not isinstance(v, bool) else v)
        columns[strip_bidi(str(column))] = values.map(lambda v: strip_bidi(v) if isinstance(v, str) else v)
    return pd.DataFrame(columns, index=frame.index)


def table_with_downloads(frame: pd.DataFrame, *, key: str, lang: str, file_stem: str | None = None,
                         height: int | str = "auto", translated: bool = False) -> None:
    """A table and its CSV / Excel downloads (downloads don't rerun the page).

    ``translated``: the frame is already as the reader sees it (a section block's table); else it is
    translated here (display_table)."""
    shown = screen_table(frame if translated else display_table(frame, lang), lang)
    if not len(shown):
        st.info(t("common.no_data", lang), icon=":material/info:")
        return
    st.dataframe(shown, hide_index=True, key=f"{key}_df", height=height)
    stem = _slug(file_stem or key)
    left, right = st.columns(2)
    left.download_button(t("common.download_csv", lang), data=lambda: frame_to_csv_bytes(shown),
                         file_name=f"{stem}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
                         icon=":material/download:")
    right.download_button(t("common.download_xlsx", lang), data=lambda: frame_to_xlsx_bytes({stem[:31]: shown}),
                          file_name=f"{stem}.xlsx", key=f"{key}_xlsx", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/table_view:")


def issues_table(issues: pd.DataFrame, *, key: str, lang: str, file_stem: str) -> None:
    """Validation records (file, row, column, value, message, severity) with a severity filter and downloads;
    a success note when there are none."""
    if not len(issues):
        st.success(t("data.no_issues", lang), icon=":material/check_circle:")
        return
    severities = [s for s in ("error", "warning", "info") if s in set(issues["severity"])]
    chosen = st.pills(t("data.severity", lang), severities, selection_mode="multi", default=severities,
                      format_func=lambda severity: t(f"severity.{severity}", lang), key=f"{key}_severity")
    shown = issues[issues["severity"].isin(chosen or severities)]
    # the reader's words, not its codes: severities in the page's language, no "None" where a record has no cell
    shown = shown.assign(severity=shown["severity"].map(lambda severity: t(f"severity.{severity}", lang)),
                         **{column: shown[column].astype("object").where(shown[column].notna(), "")
                            for column in ("row", "column", "value") if column in shown})
    table_with_downloads(shown, key=key, lang=lang, file_stem=file_stem)


def comparison_tables(comparison, *, key: str, lang: str) -> None:
    """What changes between two datasets (metrics.compare): rows added/removed/changed per export and year,
    then the KPIs before → after (only those that change, unless the toggle says otherwise)."""
    from app.desk import kpi_changes_table, row_changes_table

    st.subheader(t("desk.rows_changed", lang), anchor=False)
    rows = row_changes_table(comparison, lang)
    if len(rows):
        st.table(rows, hide_index=True)
    else:
        st.info(t("desk.no_rows_change", lang), icon=":material/info:")
    st.subheader(t("desk.kpis_changed", lang), anchor=False)
    only_changed = st.toggle(t("desk.only_changed", lang), value=True, key=f"{key}_only_changed")
    kpis = kpi_changes_table(comparison, lang, changed_only=only_changed)
    if len(kpis):
        st.table(kpis, hide_index=True)
    else:
        st.info(t("desk.no_kpis_change", lang), icon=":material/info:")


def chart(fig: go.Figure, table: pd.DataFrame | None, *, key: str, lang: str, title: str = "",
          is_map: bool = False, selectable: bool = False, file_stem: str | None = None,
          reason: str | None = None) -> None:
    """A figure with its table (in an expander) and downloads.

    Maps get the offline topojson config; ``selectable`` maps narrow the dashboard to a
    clicked country (the click adds it to the sidebar's country filter). A figure with
    nothing to draw is not shown as bare axes: its title and a notice (``reason``, else
    "no data for this selection") take its place.
    """
    if (table is not None and len(table) == 0) or not has_data(fig):
        if title:
            st.markdown(f"**{escape_markdown(title)}**")
        st.info(escape_markdown(reason) if reason else t("common.no_data", lang), icon=":material/info:")
        return
    config = map_config() if is_map else CHART_CONFIG
    # Streamlit 1.67 derives a plotly chart's element id from its key *and* its figure (a key alone does
    # not keep it: key_as_main_identity=False). Figures come from state.block_figure, so a chart whose
    # data did not change sends the same figure, keeps its element and is not drawn again; a changed one
    # is drawn anew.
    if selectable:
        from app.filters import select_countries_callback

        st.plotly_chart(fig, key=key, config=config, theme=None, on_select=select_countries_callback(key),
                        selection_mode="points")
        st.caption(t("map.click_hint", lang))
    else:
        st.plotly_chart(fig, key=key, config=config, theme=None)
    if table is not None:
        lazy_table(table, key=key, lang=lang, file_stem=file_stem or title or key)


def section(result, lang: str, *, skip: tuple[str, ...] = (), open_tables: bool = False) -> None:
    """Lay out a page result (metrics.sections.SectionResult): its sentences, then its blocks in order.

    Two half-width blocks in a row stand side by side; three or more become tabs (`tab_group`). On a page
    with charts, a block that is a table alone is a closed expander under its title, built once opened,
    like every chart's table; a page of tables alone (Accreditation), or one whose table is its point
    (``open_tables``: the comparison's ranking), shows them open. So a page draws its
    map, its trend and one breakdown, not every chart and grid at once: a click on the map redraws what
    changed and no more (issue 12)."""
    if result.sentences:
        st.markdown("  \n".join(escape_markdown(sentence) for sentence in result.sentences))
    blocks = [block for block in result.blocks if block.key not in skip]
    closed_tables = not open_tables and any(block.chart is not None for block in blocks)
    row: list = []
    for block in blocks:
        if block.width == "half":
            row.append(block)
            continue
        if row:
            _half_width(row, lang)
            row = []
        show_block(block, lang, closed_table=closed_tables)
    if row:
        _half_width(row, lang)


def _half_width(blocks: list, lang: str) -> None:
    if len(blocks) >= 3:
        tab_group(blocks, lang)
        return
    for column, block in zip(st.columns(2), blocks):
        with column:
            show_block(block, lang)


def tab_labels(blocks: list) -> list[str]:
    """The tabs' labels: the blocks' titles as text (tabs read markdown), made unique (a tab's label is its
    state)."""
    labels: list[str] = []
    for block in blocks:
        label = escape_markdown(block.title) or block.key
        while label in labels:
            label += " ·"
        labels.append(label)
    return labels


def tab_group(blocks: list, lang: str) -> None:
    """Blocks as tabs of which only the open one is built and drawn (switching tabs reruns the page). The
    group is keyed by its first block; it opens on the first tab."""
    tabs = st.tabs(tab_labels(blocks), key=f"{blocks[0].key}_tabs", on_change="rerun")
    for tab, block in zip(tabs, blocks):
        if tab.open:
            with tab:
                show_block(block, lang)


def show_block(block, lang: str, *, closed_table: bool = False) -> None:
    """One block: its chart (charts.blocks, through the figure cache) with the table in an expander, or its
    table with downloads (``closed_table``: in a closed expander under the block's title, built once opened)."""
    if block.chart is None:
        if closed_table and not block.empty:
            lazy_table(block.table, key=block.key, lang=lang, file_stem=block.file_stem or block.key,
                       label=escape_markdown(block.title))
            return
        st.subheader(block.title, anchor=False)
        if block.empty:
            st.info(escape_markdown(block.reason) if block.reason else t("common.no_data", lang), icon=":material/info:")
            return
        table_with_downloads(block.table, key=block.key, lang=lang, file_stem=block.file_stem or block.key,
                             translated=True)
        return
    selectable = block.chart.kind == "map" and block.chart.selectable
    selected = map_selection(block) if selectable else ()
    fig = state.block_figure(block, lang, selected)
    chart(fig, block.table, key=block.key, lang=lang, title=block.title, is_map=block.chart.kind == "map",
          selectable=block.chart.selectable, file_stem=block.file_stem or None, reason=block.reason)


# A selectable map shows every country (the other filters apply) and marks the chosen ones. A click on it
# must not redraw it: Plotly has already marked the clicked country in the browser, and redrawing a 1:50m
# world is most of a click's cost. So the countries the figure marks (its "anchor") change only when the
# map is drawn anew anyway (other data, another page) or when the country filter changed elsewhere (sidebar).
MAP_ANCHORS = "_map_anchors"  # session state: {block key: (fingerprint, countries marked, countries seen)}
MAP_PAGE = "_map_page"  # session state: the page the anchors belong to


def map_selection(block) -> tuple[str, ...]:
    """The countries a selectable map's figure marks as selected (see MAP_ANCHORS)."""
    from app.filters import COUNTRY_KEY, set_by_click

    countries = tuple(st.session_state.get(COUNTRY_KEY) or ())
    anchors = st.session_state.setdefault(MAP_ANCHORS, {})
    fingerprint = state.block_fingerprint(block)
    previous = anchors.get(block.key)
    # the same map, and the filter as it was or as this map's click set it (the browser shows that): kept;
    # else (new data, the sidebar changed the filter) drawn anew with the filter as it is
    kept = (previous is not None and previous[0] == fingerprint
            and (previous[2] == countries or set_by_click(block.key, countries)))
    marked = previous[1] if kept else countries
    anchors[block.key] = (fingerprint, marked, countries)
    return marked


def whole_maps(result, name: str, filters, year: int, lang: str):
    """``result`` with its selectable maps taken from the same section without the country filter: a map
    narrowed to the clicked country would leave nothing else to click, and would be drawn anew."""
    import dataclasses

    if filters is None or not filters.countries:
        return result
    maps = state.selectable_maps(name, dataclasses.replace(filters, countries=()), year, lang)
    if not maps:
        return result
    return dataclasses.replace(result, blocks=tuple(maps.get(block.key, block) for block in result.blocks))


def lazy_table(table: pd.DataFrame, *, key: str, lang: str, file_stem: str | None = None,
               label: str | None = None) -> None:
    """A closed expander whose table and downloads are built only once it is opened.

    A page has a table under every chart; drawing them all (data grids, download buttons)
    while closed would double the time to first view. Opening one reruns the page (as an
    `st.fragment` it was no faster: 0.35 s either way, the unchanged charts stay mounted).
    """
    expander = st.expander(label or t("common.table", lang), icon=":material/table:", key=f"{key}_table",
                           on_change="rerun")
    if expander.open:
        with expander:
            table_with_downloads(table, key=key, lang=lang, file_stem=file_stem, translated=True)


def no_data_guard(lang: str) -> bool:
    """True (and a message) when no dataset could be loaded; pages then stop."""
    try:
        data = state.dataset()
    except Exception as error:  # noqa: BLE001 - shown to the user, not swallowed
        st.error(escape_markdown(error))
        return True
    if not data.frames:
        # the folder's name only: viewers never see the server's paths
        st.warning(t("common.no_dataset", lang, path=markdown_code(state.data_dir().name)))
        return True
    return False


def export_notice(exports, lang: str) -> list[str]:
    """A short notice for the page's exports that are missing or unreadable, with a link to the Data page.

    Returns the exports concerned (the page leaves their parts out, rather than drawing empty charts).
    """
    problems = [problem for problem in (state.export_problem(export) for export in exports) if problem]
    if not problems:
        return []
    lines = []
    for problem in problems:
        key = "notice.export_unreadable" if problem.code == "export_unreadable" else "notice.export_missing"
        lines.append(t(key, lang, export=markdown_code(problem.export), file=markdown_code(problem.file)))
    st.info("  \n".join(lines), icon=":material/info:")
    st.page_link("pages/data.py", label=t("notice.see_data_page", lang), icon=":material/database:")
    return [problem.export for problem in problems]


def active_filter_note(lang: str) -> None:
    """A line under the page title when the view is narrowed to some universities or countries."""
    from app.filters import COUNTRY_KEY, UNIVERSITY_KEY

    universities = st.session_state.get(UNIVERSITY_KEY) or []
    if universities:
        st.caption(t("filter.active_universities", lang, universities=escape_markdown(", ".join(universities))))
    countries = st.session_state.get(COUNTRY_KEY) or []
    if countries:
        names = state.country_names(countries, lang)
        shown = escape_markdown(", ".join(names.get(c, c) for c in countries))
        st.caption(t("filter.active_countries", lang, countries=shown))


# Status badge colours: met = green, on track = blue, at risk = orange, off track = red.
STATUS_COLOURS = {"met": "green", "on track": "blue", "at risk": "orange", "off track": "red"}
# KPI names are long ("Countries of origin of foreign students"): let card labels wrap, not truncate.
WRAP_METRIC_LABELS = """<style>
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricLabel"] {min-height: 2.6em; align-items: flex-start;}
</style>"""


def kpi_card(row, lang: str) -> None:
    """One scorecard card: name, value, change vs previous year, target and status."""
    change = kpi_change(row.change, row.unit, lang)
    with st.container(border=True):
        st.metric(row.name, kpi_value(row.value, row.unit, lang), delta=change,
                  delta_color="normal" if row.higher_is_better else "inverse",
                  delta_description=t("common.vs_previous", lang) if change else None, help=row.definition)
        if not present(row.value):
            reason = getattr(row, "reason", None)
            text = t("kpi.not_available", lang) + (f": {reason}" if isinstance(reason, str) and reason else "")
            st.caption(escape_markdown(text))
        if present(row.target):
            status = row.status if isinstance(row.status, str) else None
            text = f"{t('common.target', lang)}: {kpi_value(row.target, row.unit, lang)}"
            if status:
                st.badge(f"{text} · {status_label(status, lang)}", color=STATUS_COLOURS.get(status, "gray"))
            else:
                st.caption(text)


def page_header(name: str) -> tuple[str, int]:
    """A page's title and, under it, what narrows the view; stops the page when no data is loaded.
    Returns (language, the academic year shown)."""
    from app import filters

    lang = filters.language()
    if st.session_state.get(MAP_PAGE) != name:  # another page: its maps are drawn anew
        st.session_state[MAP_PAGE] = name
        st.session_state[MAP_ANCHORS] = {}
    st.title(t(f"page.{name}", lang))
    if no_data_guard(lang):
        st.stop()
    active_filter_note(lang)
    return lang, filters.scorecard_year()


def section_page(name: str) -> None:
    """A whole section page: title, notices, the year, then the section's result laid out."""
    from app import filters
    from metrics.vocabulary import academic_year_label

    lang, year = page_header(name)
    chosen = filters.current_filters()
    result = whole_maps(state.section(name, chosen, year, lang), name, chosen, year, lang)
    export_notice(result.exports, lang)
    st.caption(t("common.scorecard_year", lang, year=academic_year_label(year)))
    section(result, lang)
