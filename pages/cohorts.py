"""Outcomes: cohorts of new foreign students (still enrolled, graduated, dropped out after 1, 2, 3 years), by
country and faculty, with home students for comparison; drop-out and retention over the years."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("cohorts")
