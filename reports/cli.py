"""Command line: ``python -m metrics report --year 2024 --out report.pdf``.

    python -m metrics report [--data DIR] [--version ID] --year YYYY --out PATH [--from YYYY]
                             [--lang en|ru|uz] [--suppress-small N] [--home ISO3]

``--version`` regenerates the report from a published version of the data folder (default:
the current one; see ``python -m metrics history``); its provenance sheet names the version
and its files' SHA-256. The format comes from the extension of ``--out``: .xlsx, .docx or .pdf. Exit codes:
0 written; 2 wrong arguments (unknown extension or language, unreadable data folder).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from metrics.vocabulary import LANGUAGES as LANGS

EXTENSIONS = {".xlsx": "xlsx", ".docx": "docx", ".pdf": "pdf"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m metrics report",
        description="Write the international cooperation report for accreditation and the rectorate "
                    "(Excel, Word or PDF, chosen by the extension of --out).")
    parser.add_argument("--data", default="data", help="folder with the exports (default: data)")
    parser.add_argument("--year", type=int, default=None,
                        help="academic year as its first calendar year (2024 = 2024/25); default: the latest in the data")
    parser.add_argument("--out", required=True, help="output file: .xlsx, .docx or .pdf")
    parser.add_argument("--from", dest="year_from", type=int, default=None,
                        help="first year of the KPI trend table (default: no trend)")
    parser.add_argument("--lang", default="en", choices=LANGS, help="language of the report (default: en)")
    parser.add_argument("--suppress-small", dest="suppress_small", type=int, default=None, metavar="N",
                        help="show counts from 1 to N-1 in breakdown tables as <N (totals stay exact)")
    parser.add_argument("--home", default=None, help="home country, ISO alpha-3 (default: settings.toml, else UZB)")
    parser.add_argument("--version", default=None, metavar="ID",
                        help="published version of the data to report on (default: the current one)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on errors, 0 on --help
        return int(exit_.code or 0)

    out = Path(args.out)
    fmt = EXTENSIONS.get(out.suffix.lower())
    if fmt is None:
        print(f"error: cannot tell the report format from '{out.name}': the file name must end in "
              f"{', '.join(EXTENSIONS)}", file=sys.stderr)
        return 2
    if args.suppress_small is not None and args.suppress_small < 1:
        print("error: --suppress-small must be a positive whole number", file=sys.stderr)
        return 2
    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"error: data folder '{data_dir}' does not exist", file=sys.stderr)
        return 2

    from metrics.engine import available_years
    from metrics.store import VersionNotFound, load_version

    from reports import build_report

    started = time.perf_counter()
    if fmt != "xlsx":
        from reports import images

        try:
            images.start_server()  # Chromium starts while the data loads
        except images.ImageExportUnavailable as error:
            print(f"warning: charts will be missing: {error}", file=sys.stderr)
    try:
        data = load_version(data_dir, args.version, home=args.home)
    except (ValueError, VersionNotFound) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    years = available_years(data)
    year = args.year if args.year is not None else (years[-1] if years else None)
    if year is None:
        print(f"error: no data with years in '{data_dir}'; give --year", file=sys.stderr)
        return 2
    if years and year not in years:
        print(f"warning: {year} is not a year of the data ({years[0]}–{years[-1]}); the report may be empty",
              file=sys.stderr)
    if args.year_from is not None and args.year_from > year:
        print(f"error: --from {args.year_from} is after --year {year}", file=sys.stderr)
        return 2
    content = build_report(data, year, fmt, year_from=args.year_from, lang=args.lang,
                           suppress_small=args.suppress_small)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(content)
    print(f"wrote {out} ({len(content):,} bytes, {fmt}, {year}/{(year + 1) % 100:02d}, "
          f"{args.lang}) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
