"""Joint programs: growth over the years, students and graduates, partner countries."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("programs")
