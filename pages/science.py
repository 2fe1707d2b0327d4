"""Science and events: events, international participants, grants, honorary doctorates."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("science")
