"""Reports for accreditation and the rectorate: Excel, Word and PDF from one shared content.

    from reports import build_report
    pdf_bytes = build_report(dataset, 2024, "pdf", lang="ru", suppress_small=5)

- `build_report(data, year, fmt, *, year_from=None, lang='en', suppress_small=None) -> bytes`
  (``fmt``: 'xlsx', 'docx' or 'pdf');
- `reports.safety`: `safe_cell`, `safe_frame`, `frame_to_xlsx_bytes`, `frame_to_csv_bytes` for
  every other export (the dashboard's download buttons);
- `reports.cli.main(argv)`: ``python -m metrics report --year 2024 --out report.pdf``.
"""

from __future__ import annotations

import datetime as dt

from reports.model import CHART_SCALE
from reports.safety import frame_to_csv_bytes, frame_to_xlsx_bytes, safe_cell, safe_frame

FORMATS = ("xlsx", "docx", "pdf")
MIME_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

__all__ = ["FORMATS", "MIME_TYPES", "build_content", "build_report", "frame_to_csv_bytes", "frame_to_xlsx_bytes",
           "render", "safe_cell", "safe_frame"]


def build_content(data, year: int, *, year_from: int | None = None, lang: str = "en",
                  suppress_small: int | None = None, as_of: dt.date | None = None, filters=None):
    """The report's content (`reports.model.ReportContent`), shared by every format."""
    from reports.content import build_content as _build

    return _build(data, year, year_from=year_from, lang=lang, suppress_small=suppress_small, as_of=as_of,
                  filters=filters)


def render(content, fmt: str) -> bytes:
    """Lay out already-built content in one format."""
    fmt = _check_format(fmt)
    if fmt != "xlsx":
        prerender_charts(content)
    if fmt == "xlsx":
        from reports.excel import render as write
    elif fmt == "docx":
        from reports.word import render as write
    else:
        from reports.pdf import render as write
    return write(content)


def charts_of(content) -> list:
    """Every chart of a report's content, in order."""
    charts = [content.trend_chart] if content.trend_chart is not None else []
    for section in content.sections:
        charts.extend(section.charts)
    return charts


def prerender_charts(content) -> None:
    """Draw all charts of the content in one parallel batch (cached for the writers)."""
    from reports import images

    if not images.available():
        return
    images.render_many([(chart.figure, chart.width, chart.height, CHART_SCALE) for chart in charts_of(content)])


def build_report(data, year: int, fmt: str, *, year_from: int | None = None, lang: str = "en",
                 suppress_small: int | None = None, as_of: dt.date | None = None, filters=None) -> bytes:
    """The report of academic ``year`` as bytes in ``fmt`` ('xlsx', 'docx' or 'pdf').

    ``data`` is a `metrics.ingest.Dataset`; ``year_from`` adds the KPIs of every year from it
    to ``year``; ``lang`` is 'en', 'ru' or 'uz'; ``suppress_small=N`` shows counts 1..N−1 in
    breakdown tables as ``<N`` (totals stay exact). ``as_of`` fixes the date of snapshot KPIs
    (agreements expiring), default today. ``filters`` (`metrics.filters.Filters`) narrow every
    section as they narrow the dashboard's pages.
    """
    fmt = _check_format(fmt)
    if fmt != "xlsx":
        from reports import images

        try:
            images.start_server()  # the browser starts while the content is computed
        except images.ImageExportUnavailable:
            pass  # the report says where a chart could not be drawn
    content = build_content(data, year, year_from=year_from, lang=lang, suppress_small=suppress_small, as_of=as_of,
                            filters=filters)
    return render(content, fmt)


def _check_format(fmt: str) -> str:
    value = str(fmt or "").lower().lstrip(".")
    if value not in FORMATS:
        raise ValueError(f"Unknown report format {fmt!r}: use one of {', '.join(FORMATS)}.")
    return value
