"""Overview: the KPI scorecard (value, change vs last year, target, status) and headline trends."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from metrics.vocabulary import academic_year_label  # noqa: E402

# Scorecard columns per row on a laptop screen.
SCORECARD_COLUMNS = 4

lang = filters.language()
st.title(t("page.overview", lang))
if ui.no_data_guard(lang):
    st.stop()
data = state.dataset()
st.caption(f"{escape_markdown(data.university_name(lang))} · {t('app.subtitle', lang)}")
ui.active_filter_note(lang)
selection = filters.current_filters()
year = filters.scorecard_year()
result = state.section("overview", selection, year, lang)
ui.export_notice(result.exports, lang)
table = state.kpi_table(year, selection, lang)
rows = {row.kpi: row for row in table.itertuples(index=False)}

st.html(ui.WRAP_METRIC_LABELS)
st.header(t("overview.scorecard", lang) + " — " + t("common.scorecard_year", lang, year=academic_year_label(year)))
for group, group_name, kpi_ids in state.kpi_groups(lang):
    shown = [rows[k] for k in kpi_ids if k in rows]
    if not shown:
        continue
    st.subheader(group_name)
    for start in range(0, len(shown), SCORECARD_COLUMNS):
        columns = st.columns(SCORECARD_COLUMNS)
        for column, row in zip(columns, shown[start:start + SCORECARD_COLUMNS]):
            with column:
                ui.kpi_card(row, lang)

kpis = result.block("kpi_table")
ui.lazy_table(kpis.table, key=kpis.key, lang=lang, file_stem=kpis.file_stem, label=kpis.title)
st.header(t("overview.headlines", lang))
ui.section(result, lang, skip=(kpis.key,))
