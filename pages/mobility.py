"""Academic mobility: inbound and outbound by year, category and country, and the balance."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("mobility")
