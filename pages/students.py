"""Foreign students: world map by citizenship, trend, faculty and level, top and new source countries."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("students")
