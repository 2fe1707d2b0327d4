"""Accreditation tables: foreign students by country, level, form of study and funding with CIS / non-CIS
subtotals and women; foreign graduates; joint and foreign-language programmes; partners' agreements;
mobility by country, in the layout of the self-evaluation forms."""

from app.shell import require_entrypoint

require_entrypoint()

from app import ui  # noqa: E402

ui.section_page("accreditation")
