"""(being written: issue 11)"""

from __future__ import annotations

from typing import Any

from metrics import vocabulary as V
from metrics.sections import SectionResult

EXPORTS = ("students",)


def build(data: Any, year: int, lang: str, filters: Any = None, as_of=None, **options) -> SectionResult:
    return SectionResult("dependence", V.t("page.dependence", lang), year, lang, EXPORTS)
