"""Partners: world map with partner names, by continent, type and field, agreements per year, expiring, dormant."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("partners")
