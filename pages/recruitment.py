"""Recruitment: the funnel from application to admission to enrolment by year and country, conversion
rates, and a map of applications."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("recruitment")
