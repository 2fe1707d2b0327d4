"""Overview: the KPI scorecard (value, change vs last year, target, status) and headline trends."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters, state, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from charts import basic  # noqa: E402
from charts.style import INBOUND_COLOUR, OUTBOUND_COLOUR, academic_year  # noqa: E402

# Scorecard columns per row on a laptop screen.
SCORECARD_COLUMNS = 4
# Exports the headline trends are drawn from (the scorecard says why each missing KPI is missing).
EXPORTS = ("students", "partners", "mobility", "program_enrollment")

lang = filters.language()
st.title(t("page.overview", lang))
if ui.no_data_guard(lang):
    st.stop()
data = state.dataset()
st.caption(f"{escape_markdown(data.university_name(lang))} · {t('app.subtitle', lang)}")
ui.active_filter_note(lang)
ui.export_notice(EXPORTS, lang)

selection = filters.current_filters()
year = filters.scorecard_year()
table = state.kpi_table(year, selection, lang)
rows = {row.kpi: row for row in table.itertuples(index=False)}

st.html(ui.WRAP_METRIC_LABELS)
st.header(t("overview.scorecard", lang) + " — " + t("common.scorecard_year", lang, year=academic_year(year)))
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

ui.lazy_table(table.drop(columns=["higher_is_better"]), key="kpi_table", lang=lang, file_stem=f"kpis_{year}",
              label=t("overview.kpi_table", lang))

st.header(t("overview.headlines", lang))
reasons = {row.kpi: row.reason for row in rows.values()}  # why a trend has nothing to draw
names = {row.kpi: row.name for row in rows.values()}
left, right = st.columns(2)
with left:
    trend = state.kpi_trend("foreign_students", selection)
    fig = basic.line(trend, "year", "value", title=names.get("foreign_students", ""),
                     y_label=t("col.students", lang), target=state.targets_for("foreign_students", selection),
                     target_label=t("common.target", lang))
    ui.chart(fig, trend, key="ov_foreign_trend", lang=lang, title=names.get("foreign_students", ""),
             file_stem="foreign_students", reason=reasons.get("foreign_students"))
with right:
    both = state.kpi_trends({"inbound_mobility": "in", "outbound_mobility": "out"}, selection)
    fig = basic.line(both, "year", "value", color="series", title=t("mobility.by_year", lang),
                     y_label=t("col.count", lang),
                     colour_map={"in": INBOUND_COLOUR, "out": OUTBOUND_COLOUR},
                     series_names={"in": t("direction.in", lang), "out": t("direction.out", lang)})
    ui.chart(fig, both, key="ov_mobility_trend", lang=lang, title=t("mobility.by_year", lang), file_stem="mobility",
             reason=reasons.get("inbound_mobility"))
left, right = st.columns(2)
with left:
    trend = state.kpi_trend("active_partners", selection)
    fig = basic.line(trend, "year", "value", title=names.get("active_partners", ""),
                     y_label=t("col.partners", lang), target=state.targets_for("active_partners", selection),
                     target_label=t("common.target", lang))
    ui.chart(fig, trend, key="ov_partners_trend", lang=lang, title=names.get("active_partners", ""),
             file_stem="active_partners", reason=reasons.get("active_partners"))
with right:
    trend = state.kpi_trend("joint_program_students", selection)
    fig = basic.bar(trend, "year", "value", years=True,
                    title=names.get("joint_program_students", ""),
                    y_label=t("col.students", lang))
    ui.chart(fig, trend, key="ov_jp_trend", lang=lang, title=names.get("joint_program_students", ""),
             file_stem="joint_program_students", reason=reasons.get("joint_program_students"))
