"""Dependence and what-if: concentration of foreign students by source country, and a scenario (a source
country's intake changed by −100 % … +100 %) against the target, shareable in the URL."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("dependence")
