"""`python -m metrics kpis [--data DIR] [--version ID] [--year YYYY] [--home ISO3] [--as-of YYYY-MM-DD] [--lang en|ru|uz] [--json]`.

Prints every KPI of the catalogue for one academic year (default: the latest year in the
data) as an aligned table, or with ``--json`` one object::

    {"year": 2024, "home_country": "UZB", "kpis": {"foreign_students": 1234, "new_foreign_students": null, ...},
     "not_available": {"new_foreign_students": "the students export has no values in status or student_id", ...}}

with ``null`` for a KPI that is not available and the reason under ``not_available``. Exit status: 0 on success, 2 when the data
folder cannot be loaded or holds no yearly data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from metrics.catalogue import CATALOGUE
from metrics.engine import available_years, compute_kpis, kpi_unavailable_reasons, no_value_reason, round_kpi

NOT_AVAILABLE = "n/a"
UNIT_SUFFIX = {"percent": " %", "count": "", "ratio": "", "index": ""}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m metrics kpis",
                                     description="Print every KPI for one academic year.")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("--year", type=int, help="academic year, e.g. 2024 for 2024/25 (default: latest in the data)")
    parser.add_argument("--home", help="home country, ISO alpha-3 (default: data/settings.toml)")
    parser.add_argument("--as-of", dest="as_of", type=dt.date.fromisoformat,
                        help="date for agreements_expiring (default: today)")
    parser.add_argument("--lang", default="en", choices=("en", "ru", "uz"), help="language of KPI names")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--version", default=None, metavar="ID",
                        help="published version to read (default: the current one; see `history`)")
    return parser


def format_value(value: float | int | None, unit: str) -> str:
    """A KPI value for the table: counts with thousands separators, percents with 1 decimal, n/a for None."""
    rounded = round_kpi(value, unit)
    if rounded is None:
        return NOT_AVAILABLE
    if unit == "count":
        return f"{rounded:,}"
    if unit == "percent":
        return f"{rounded:.1f}{UNIT_SUFFIX[unit]}"
    return f"{rounded:.2f}"


def render_table(values: dict[str, float | int | None], lang: str = "en") -> str:
    """The KPIs as an aligned text table: id, name, value (right-aligned)."""
    rows = [(kpi_id, CATALOGUE[kpi_id].label(lang), format_value(value, CATALOGUE[kpi_id].unit))
            for kpi_id, value in values.items()]
    id_width = max(len(row[0]) for row in rows)
    name_width = max(len(row[1]) for row in rows)
    value_width = max(len(row[2]) for row in rows)
    return "\n".join(f"{kpi_id:<{id_width}}  {name:<{name_width}}  {text:>{value_width}}" for kpi_id, name, text in rows)


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    from metrics.store import VersionNotFound, load_version

    try:
        data = load_version(args.data, args.version, home=args.home)
    except (OSError, ValueError, VersionNotFound) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    years = available_years(data)
    if args.year is None and not years:
        print(f"error: no yearly data found in {args.data}", file=sys.stderr)
        return 2
    year = args.year if args.year is not None else years[-1]
    values = compute_kpis(data, year, as_of=args.as_of)
    if args.json:
        reasons = kpi_unavailable_reasons(data, as_of=args.as_of)
        not_available = {kpi_id: reasons.get(kpi_id, no_value_reason(kpi_id)).message
                         for kpi_id, value in values.items() if value is None}
        print(json.dumps({"year": year, "home_country": data.home, "kpis": values, "not_available": not_available},
                         ensure_ascii=False))
    else:
        print(f"{data.university}: KPIs for {year}/{str(year + 1)[-2:]} (home country {data.home})")
        print(render_table(values, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
