"""Page results: everything one page (and its report section) shows, built once, in one language.

A section builder takes a loaded Dataset, the filters, the academic year and the language,
and returns a frozen :class:`SectionResult`: the sentences that sum the year up and the
blocks (a chart's input with its table, or a table alone), every title and column heading
already in the reader's language. The dashboard page lays the result out; the report
section (`reports.content`) lays out the very same object, so the screen and the documents
cannot disagree. Nothing here draws: `charts.blocks.figure` turns a block into a figure.

Builders are found by name in :data:`SECTIONS`; an unknown name is a KeyError, never None.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from metrics import vocabulary as V

# Chart kinds a block can ask for (charts.blocks draws each of them).
CHART_KINDS = ("bar", "line", "map", "funnel")  # funnel: x the stage labels, y the counts, in order
# Where a block sits on the page: the whole width, or one of two side by side.
WIDTHS = ("full", "half")


@dataclass(frozen=True)
class Chart:
    """How to draw a block's ``data``: kind, columns and labels (no figure, no colours)."""

    kind: str  # one of CHART_KINDS
    x: str  # the category or year column (maps: the ISO alpha-3 column)
    y: str  # the value column
    color: str | None = None  # column of series ids ("in"/"out", "student"/"staff", or column ids)
    series_names: tuple[tuple[str, str], ...] = ()  # series id -> label in the language
    horizontal: bool = False
    stacked: bool = False
    unit: str = "count"  # count | percent | ratio: whole ticks for counts, % for shares
    years: bool = False  # x holds academic years (2024 -> 2024/25)
    value_label: str = ""  # the value axis / colour bar title
    target: pd.DataFrame | None = None  # year, target: drawn as a reference line
    target_label: str = ""
    band: pd.DataFrame | None = None  # year, value, low, high: the projection to the target year and its interval
    band_label: str = ""
    projection_label: str = ""
    diverging: bool = False  # maps: centred on 0 (balances)
    names: str | None = None  # maps: column of country display names
    hover: str | None = None  # maps: column of name lists listed in the hover (partner names)
    selectable: bool = False  # maps: a click narrows the dashboard to the country

    def __post_init__(self):
        if self.kind not in CHART_KINDS:
            raise ValueError(f"chart kind {self.kind!r} is not one of {CHART_KINDS}")

    @property
    def series(self) -> dict[str, str]:
        return dict(self.series_names)


@dataclass(frozen=True)
class Block:
    """One chart with its table, or one table: what a reader sees under one title."""

    key: str  # stable id: the widget key on the page, the chart's name in the report
    title: str
    table: pd.DataFrame | None  # the table as shown and downloaded: headings and names in the language
    data: pd.DataFrame | None = None  # the chart's input (ISO codes, series ids); None: a table alone
    chart: Chart | None = None
    reason: str | None = None  # why there is nothing to show (an export missing), in the language
    width: str = "full"
    report: bool = False  # printed in the report section as well
    total_row: bool = False  # the table's last row is a total (kept exact when small counts are hidden)
    count_columns: tuple[str, ...] = ()  # table columns holding counts of people (small-count suppression)
    file_stem: str = ""  # download file name

    def __post_init__(self):
        if self.width not in WIDTHS:
            raise ValueError(f"block width {self.width!r} is not one of {WIDTHS}")
        if self.chart is not None and self.data is None:
            raise ValueError(f"block {self.key!r} has a chart but no data")

    @property
    def empty(self) -> bool:
        """True when neither the chart nor the table has a row to show."""
        rows = self.data if self.chart is not None else self.table
        return rows is None or len(rows) == 0


@dataclass(frozen=True)
class SectionResult:
    """Everything one page shows: title, sentences and blocks, in one language."""

    id: str
    title: str
    year: int
    lang: str
    exports: tuple[str, ...]
    sentences: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    missing: tuple[str, ...] = field(default=())  # exports of the page that are absent or unreadable

    def block(self, key: str) -> Block:
        """The block with this key; KeyError when there is none (a misspelt key fails loudly)."""
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(f"section {self.id!r} has no block {key!r}; it has {[b.key for b in self.blocks]}")

    @property
    def keys(self) -> list[str]:
        return [block.key for block in self.blocks]


def _registry() -> dict[str, Callable[..., SectionResult]]:
    from metrics.sections import (
        accreditation, cohorts, comparison, dependence, mobility, overview, partners, programs, recruitment, science,
        students,
    )

    return {"overview": overview.build, "students": students.build, "partners": partners.build,
            "programs": programs.build, "mobility": mobility.build, "science": science.build,
            "accreditation": accreditation.build, "cohorts": cohorts.build, "recruitment": recruitment.build,
            "dependence": dependence.build, "comparison": comparison.build}


# Section ids in page order; the report prints every one but the overview (its KPI table is the report's own)
# and the dependence page (a scenario is not a fact).
SECTION_IDS = ("overview", "students", "partners", "programs", "mobility", "science", "comparison", "accreditation",
               "cohorts", "recruitment", "dependence")
REPORT_SECTION_IDS = ("students", "partners", "programs", "mobility", "science", "accreditation", "cohorts",
                      "recruitment")


def build_section(name: str, data: Any, year: int, lang: str = "en", filters: Any = None,
                  as_of=None, **options) -> SectionResult:
    """The result of section ``name`` for the year, language and filters; KeyError for an unknown name.

    ``options`` are the section's own settings (the dependence page's scenario: ``scenario=(country, change)``).
    """
    builders = _registry()
    if name not in builders:
        raise KeyError(f"no section {name!r}; sections are {list(builders)}")
    return builders[name](data, int(year), V.check_lang(lang), filters, as_of=as_of, **options)


def selectable_maps(name: str, data: Any, year: int, lang: str = "en", filters: Any = None) -> dict[str, Block]:
    """The maps a reader clicks to choose countries in section ``name`` (block key -> block), as
    `build_section` gives them; a section that can build its map alone does (students: ten million rows'
    other blocks are not built for it)."""
    from metrics.sections import students

    alone = {"students": students.map_block}
    if name in alone:
        block = alone[name](data, int(year), V.check_lang(lang), filters)
        return {block.key: block} if block is not None else {}
    result = build_section(name, data, year, lang, filters)
    return {block.key: block for block in result.blocks
            if block.chart is not None and block.chart.kind == "map" and block.chart.selectable}


def series_names(mapping: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """A frozen series id -> label mapping for :class:`Chart`."""
    return tuple((str(key), str(value)) for key, value in mapping.items())
