"""Reviewed mappings: what a person decided about headers, countries and values the reader did not know.

A registry keeps writing the same unknown header (`Страна рождения`), the same local country
spelling (`Жанубий Корея`) or the same word for a direction (`вх.`). Instead of guessing,
the Data desk asks once and keeps the answer in `mappings.toml` beside the exports, a small
human-readable file that travels with every published version and is applied to every later
load of that folder:

    [files]                       # a file name → the export it holds
    "Контингент иностранцев.xlsx" = "students"

    [headers.students]            # a header as written → a contract column of that export
    "Страна рождения" = "citizenship"

    [countries]                   # a name as written → ISO alpha-3 ("" keeps it unresolved on purpose)
    "Жанубий Корея" = "KOR"

    [values.direction]            # a value as written → in / out (values.category: student / staff)
    "вх." = "in"

Keys are matched as written, after folding case, spaces and punctuation (`metrics.text.fold`).
Every entry is checked when the file is read: an unknown export, column, ISO code or value
is a record naming the key, never applied.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from metrics import countries
from metrics.schema import EXPORTS
from metrics.text import fold
from metrics.validation import Issue

MAPPINGS_FILE = "mappings.toml"
VALUE_KINDS = {"direction": ("in", "out"), "category": ("student", "staff"),
               "study_form": ("full-time", "part-time", "evening", "distance"),
               "funding": ("budget", "contract", "grant"), "stage": ("applied", "admitted", "enrolled")}
MAX_MAPPINGS_BYTES = 1 << 20  # a reviewed file is small; a larger one is not read


@dataclass(frozen=True)
class Mappings:
    """Decisions about unknown headers, countries and values; keys are folded (`metrics.text.fold`)."""

    files: dict[str, str] = field(default_factory=dict)  # folded file name → export
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # export → folded header → column
    countries: dict[str, str] = field(default_factory=dict)  # folded name → ISO3 ("" = unresolved on purpose)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → folded value → canonical
    written: dict = field(default_factory=dict)  # the entries as a person wrote them, for writing back

    def export_for_file(self, name: str) -> str | None:
        return self.files.get(fold(name))

    def header(self, export: str, header: str) -> str | None:
        return self.headers.get(export, {}).get(fold(header))

    def country(self, name: str) -> str | None:
        """ISO3 for a mapped name, "" for a name kept unresolved on purpose, None when not mapped."""
        return self.countries.get(fold(name))

    def value(self, kind: str, text: str) -> str | None:
        return self.values.get(kind, {}).get(fold(text))

    def __bool__(self) -> bool:
        return bool(self.files or self.headers or self.countries or self.values)

    def with_entries(self, **sections: dict) -> "Mappings":
        """New mappings with entries added as written: files={name: export}, headers={export: {header: column}},
        countries={name: iso3}, values={kind: {text: canonical}}."""
        written = copy.deepcopy(self.written)
        for section, entries in sections.items():
            target = written.setdefault(section, {})
            for key, value in entries.items():
                if isinstance(value, dict):
                    target.setdefault(key, {}).update(value)
                else:
                    target[key] = value
        mappings, _ = from_dict(written)
        return mappings


def from_dict(written: dict, source: str = MAPPINGS_FILE) -> tuple[Mappings, list[Issue]]:
    """Mappings from their TOML form, with a record for every entry that cannot be applied."""
    issues: list[Issue] = []

    def bad(key: str, value, message: str) -> None:
        issues.append(Issue(source, None, key[:200], str(value)[:200], f"{source}: {message}; the entry is not used.",
                            "warning", "mapping_invalid", (("key", key[:200]),)))

    files, headers, country_map, values = {}, {}, {}, {}
    for name, export in _table(written.get("files"), "files", bad).items():
        if export in EXPORTS:
            files[fold(name)] = export
        else:
            bad(f"files.{name}", export, f"'{export}' is not an export name")
    for export, entries in _table(written.get("headers"), "headers", bad).items():
        if export not in EXPORTS:
            bad(f"headers.{export}", "", f"'{export}' is not an export name")
            continue
        names = {column.name for column in EXPORTS[export].columns}
        for header, column in _table(entries, f"headers.{export}", bad).items():
            if column in names:
                headers.setdefault(export, {})[fold(header)] = column
            else:
                bad(f"headers.{export}.{header}", column, f"'{column}' is not a column of {export}")
    for name, code in _table(written.get("countries"), "countries", bad).items():
        code = str(code).strip().upper()
        if code == "" or countries.resolve(code) == code:
            country_map[fold(name)] = code
        else:
            bad(f"countries.{name}", code, f"'{code}' is not an ISO alpha-3 country code")
    for kind, entries in _table(written.get("values"), "values", bad).items():
        allowed = VALUE_KINDS.get(kind)
        if allowed is None:
            bad(f"values.{kind}", "", f"'{kind}' is not one of {', '.join(VALUE_KINDS)}")
            continue
        for text, canonical in _table(entries, f"values.{kind}", bad).items():
            if canonical in allowed:
                values.setdefault(kind, {})[fold(text)] = canonical
            else:
                bad(f"values.{kind}.{text}", canonical, f"'{canonical}' is not one of {', '.join(allowed)}")
    return Mappings(files, headers, country_map, values, written), issues


def _table(value, key: str, bad) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        bad(key, value, f"[{key}] must be a table of \"as written\" = \"meaning\" entries")
        return {}
    return {str(name): entry if isinstance(entry, dict) else str(entry) for name, entry in value.items()}


def read_mappings(data_dir: str | Path) -> tuple[Mappings, list[Issue]]:
    """The mappings of a data folder (empty when it has none), with records for what cannot be used."""
    path = Path(data_dir) / MAPPINGS_FILE
    if not path.is_file():
        return Mappings(), []
    try:
        if path.stat().st_size > MAX_MAPPINGS_BYTES:
            raise ValueError(f"larger than {MAX_MAPPINGS_BYTES >> 10} KB")
        written = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, tomllib.TOMLDecodeError) as error:
        return Mappings(), [Issue(MAPPINGS_FILE, None, None, None,
                                  f"{MAPPINGS_FILE}: cannot be read ({str(error)[:200]}); no mapping is applied. "
                                  "Fix the file or remove it.", "warning", "mapping_invalid", (("key", ""),))]
    return from_dict(written)


def to_toml(mappings: Mappings) -> str:
    """The mappings as a reviewed, human-readable TOML file (what `read_mappings` reads back)."""
    written = mappings.written
    lines = ["# Mappings reviewed on the Data desk: how this registry's unknown headers, country names",
             "# and values are read. Applied to every load of this folder; edit with care.", ""]

    def quoted(text: str) -> str:
        escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in escaped)
        return f'"{escaped}"'

    def section(title: str, entries: dict) -> None:
        if entries:
            lines.append(f"[{title}]")
            lines.extend(f"{quoted(key)} = {quoted(value)}" for key, value in sorted(entries.items()))
            lines.append("")

    section("files", written.get("files", {}))
    for export, entries in sorted(written.get("headers", {}).items()):
        section(f"headers.{export}", entries)
    section("countries", written.get("countries", {}))
    for kind, entries in sorted(written.get("values", {}).items()):
        section(f"values.{kind}", entries)
    return "\n".join(lines)


def write_mappings(mappings: Mappings, data_dir: str | Path) -> Path:
    """Write `mappings.toml` into a folder (a new version's folder: nothing is overwritten in place)."""
    path = Path(data_dir) / MAPPINGS_FILE
    path.write_text(to_toml(mappings), encoding="utf-8")
    return path
