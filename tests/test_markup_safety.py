"""Markup stays text: hostile query strings and data strings reach the page and its charts escaped.

A link such as ``/?country=![x](http://evil.example/a.png)`` must not make a viewer's
browser fetch from that host, and a partner called ``<a href="http://evil.example">x</a>``
must not become a live link in a chart. :func:`build_hostile_folder` writes the sample
exports with such names; tests/test_browser.py serves the same folder to a real browser.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import dashboard_pages, each_tab


from app.text import escape_markdown, markdown_code
from charts.text import plotly_labels, plotly_text, strip_bidi

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180
PAGES = dashboard_pages()  # the navigation of dashboard.py

EVIL_LINK = '<a href="http://evil.example">x</a>'
EVIL_SPAN = '<span style="font-size:400px">X</span>'
EVIL_MARKDOWN_LINK = "[click](http://evil.example)"
EVIL_IMAGE = "![x](http://evil.example/a.png)"
RLO = "\u202e"
SPOOFED = f"Medical {RLO}exe.fdp Academy"
# Query strings that tried to inject markup (tests/test_browser.py opens the same).
HOSTILE_QUERY = {"country": EVIL_IMAGE, "faculty": '<a href="http://evil.example">f</a>', "region": EVIL_MARKDOWN_LINK}

pytestmark = pytest.mark.skipif(not (ROOT / "data" / "students.csv").exists(), reason="sample data not generated")


def _rewrite(path: Path, change) -> None:
    """Rewrite a CSV file row by row: change(row: dict, index) edits the row in place."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for index, row in enumerate(rows):
        change(row, index)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def build_hostile_folder(folder: Path) -> Path:
    """The sample exports with markup, markdown and a right-to-left override in names, and a hostile settings.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "data").glob("*.csv"):
        shutil.copy(path, folder / path.name)

    open_ended = []

    def partners(row, index):
        if not row["expires"] and row["country"] not in ("Uzbekistan", "Kazakhstan"):
            open_ended.append(index)
        if index == 0:  # an open-ended agreement: active in every year, on the map and in its hover
            row["partner"] = EVIL_LINK
        elif open_ended == [index]:  # another country's first open-ended agreement
            row["partner"] = SPOOFED
        if index < 12:  # enough rows for the partners-by-type chart to show the type
            row["type"] = EVIL_SPAN

    def students(row, index):
        if index % 3 == 0:
            row["faculty"] = EVIL_SPAN
        if index % 7 == 0:
            row["level"] = EVIL_LINK
        if index % 50 == 0:
            row["citizenship"] = EVIL_IMAGE  # not a country: listed on the Data page as unresolved

    def programs(row, index):
        if index == 0:
            row["program"] = f"{EVIL_MARKDOWN_LINK} {EVIL_LINK}"
        if index == 1:
            row["partner"] = SPOOFED

    def events(row, index):
        if index < 5:
            row["event"] = f"{EVIL_IMAGE} {EVIL_SPAN}"
            row["type"] = EVIL_LINK

    def mobility(row, index):
        if index < 20:
            row["partner"] = EVIL_LINK
            row["program"] = EVIL_MARKDOWN_LINK

    for name, change in (("partners", partners), ("students", students), ("programs", programs),
                         ("events", events), ("mobility", mobility)):
        _rewrite(folder / f"{name}.csv", change)
    (folder / "settings.toml").write_text(
        "[university]\n"
        f"name = {json.dumps(EVIL_MARKDOWN_LINK)}\n"
        f"name_ru = {json.dumps(EVIL_IMAGE + ' ' + RLO + 'ru')}\n"
        f"name_uz = {json.dumps(EVIL_LINK)}\n"
        'home_country = "UZB"\n', encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------------------ helpers, unit
def test_escape_markdown_leaves_no_link_image_or_shortcode():
    text = escape_markdown(f"{EVIL_IMAGE} {EVIL_MARKDOWN_LINK} :material/home: :smile: $x$ # h | <b> _i_ *b*")
    assert unescaped_markup(text) == []
    assert ":material/home:" not in text and ":smile:" not in text
    assert "$x$" not in text and "_i_" not in text


def test_escape_markdown_strips_bidi_controls():
    assert RLO not in escape_markdown(SPOOFED)
    assert escape_markdown("a\u2066b\u200fc\u061cd") == "abcd"


def test_markdown_code_shows_names_verbatim():
    assert markdown_code("students_2019.xlsx") == "`students_2019.xlsx`"
    assert markdown_code("a`b") == "``a`b``"


def test_plotly_text_escapes_markup_and_strips_bidi():
    assert plotly_text(EVIL_LINK) == '&lt;a href="http://evil.example"&gt;x&lt;/a&gt;'
    assert plotly_text("R&D") == "R&amp;D"
    assert strip_bidi(SPOOFED) == "Medical exe.fdp Academy"
    assert plotly_labels([EVIL_SPAN, 3, None]) == ["&lt;span style=\"font-size:400px\"&gt;X&lt;/span&gt;", 3, None]


# ------------------------------------------------------------------------------------------------ page checks
MARKUP = (
    re.compile(r"(?<!\\)\]\("),  # [text](url) or ![alt](url)
    re.compile(r"(?<!\\)<(?:a|span|img|b)[\s>]", re.IGNORECASE),
    re.compile(r"(?<![\\/])https?:(?!\u2060)"),  # a bare autolink
)


def unescaped_markup(body: str) -> list[str]:
    """Pieces of a markdown body that Streamlit would render as a link, image, HTML or autolink."""
    found = [match.group(0) for pattern in MARKUP for match in pattern.finditer(body)]
    if RLO in body:
        found.append("U+202E")
    return found


# Markup in a figure string that did not come from the chart code itself (a slide's subtitle is a small span).
FIGURE_MARKUP = re.compile(r"<a\s|<span(?! style='font-size:0\.6em'>)|<img|\]\(http")
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")


def markdown_bodies(at) -> list[str]:
    bodies = [str(element.value) for kind in MARKDOWN_ELEMENTS for element in getattr(at, kind)]
    bodies += [str(metric.label) for metric in at.metric]
    bodies += [str(block.label) for kind in ("tabs", "expander") for block in getattr(at, kind)]  # labels read markdown
    return bodies


def figure_strings(at) -> list[str]:
    """Every string of every Plotly figure on the page (trace text, hovers, names, categories, ticks, titles)."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "template":  # plotly's own theme
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return out


def assert_page_is_safe(at, *, tabs: bool = False) -> None:
    """The page as run shows markup as text; with ``tabs``, also with each of its tabs open (only the open tab
    is built): that reruns the page, so notices said once are gone afterwards."""
    for run in (each_tab(at) if tabs else (at,)):
        _assert_run_is_safe(run)


def _assert_run_is_safe(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    bad = {body: unescaped_markup(body) for body in markdown_bodies(at) if unescaped_markup(body)}
    assert bad == {}
    strings = figure_strings(at)
    raw = [s for s in strings if FIGURE_MARKUP.search(s) or RLO in s]
    assert raw == []


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return build_hostile_folder(tmp_path_factory.mktemp("hostile"))


def open_app(data_dir: Path | None = None, query: dict | None = None, lang: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    if lang:
        at.query_params["lang"] = lang
    return at


@pytest.mark.parametrize("param,value", [("country", EVIL_IMAGE), ("country", EVIL_MARKDOWN_LINK),
                                         ("faculty", '<a href="http://evil.example">f</a>'),
                                         ("region", EVIL_MARKDOWN_LINK), ("level", EVIL_IMAGE),
                                         ("lang", EVIL_MARKDOWN_LINK), ("from", EVIL_IMAGE),
                                         ("theme", EVIL_LINK), ("country", "ZZZ")])
def test_an_unknown_query_value_is_ignored_with_a_notice(v2_pages, param, value):
    at = open_app(query={param: value}).run()
    assert_page_is_safe(at)
    notices = [w.value for w in at.warning]
    assert any(f"«{param}»" in notice.replace("\\", "") for notice in notices), notices
    assert all(value not in notice and "evil" not in notice for notice in notices)  # the value is never echoed
    assert not at.session_state["f_countries"]
    assert param not in at.query_params  # the address bar no longer carries it
    at.run()  # the notice is said once
    assert not [w for w in at.warning if f"«{param}»" in w.value.replace("\\", "")]


def test_known_query_values_are_kept_and_unknown_ones_dropped(v2_pages):
    at = open_app(query={"country": f"IND,{EVIL_IMAGE},KAZ", "region": "Asia,Mars"}).run()
    assert_page_is_safe(at)
    assert at.session_state["f_countries"] == ["IND", "KAZ"]
    assert at.session_state["f_regions"] == ["Asia"]
    assert any("«country»" in w.value.replace("\\", "") and "«region»" in w.value.replace("\\", "")
               for w in at.warning)


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_page_shows_hostile_data_as_text(v2_pages, hostile_dir, monkeypatch, lang):
    monkeypatch.setenv("IC_DATA_DIR", str(hostile_dir))
    at = open_app(query=HOSTILE_QUERY, lang=lang).run()
    assert_page_is_safe(at)
    for page in PAGES:
        at.switch_page(page).run()
        assert_page_is_safe(at, tabs=True)


def test_hostile_names_arrive_escaped(v2_pages, hostile_dir, monkeypatch):
    monkeypatch.setenv("IC_DATA_DIR", str(hostile_dir))
    at = open_app().run()
    assert_page_is_safe(at)
    assert any(escape_markdown(EVIL_MARKDOWN_LINK) in caption.value for caption in at.caption)  # the university
    at.switch_page("pages/partners.py").run()
    strings = [string for run in each_tab(at) for string in figure_strings(run)]  # the charts of every tab
    assert any(plotly_text(EVIL_LINK) in s for s in strings)  # the partner, in the map's hover
    assert any(plotly_text(EVIL_SPAN.lower()) in s for s in strings)  # the type (lower-cased), a bar category
    assert any("Medical exe.fdp Academy" in s for s in strings)  # the spoofed name, without its override
    at.switch_page("pages/students.py").run()
    assert any(plotly_text(EVIL_SPAN) in s for run in each_tab(at) for s in figure_strings(run))  # the faculty
    at.switch_page("pages/data.py").run()
    tables = " ".join(str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())
    assert EVIL_IMAGE in tables  # an unresolved citizenship, listed as written (a grid shows text as text)
    at.query_params["lang"] = "ru"
    at.session_state["lang"] = "ru"
    at.switch_page("pages/overview.py").run()
    assert_page_is_safe(at)
    assert any(escape_markdown(EVIL_IMAGE + " ru") in caption.value for caption in at.caption)  # name_ru


def test_map_click_accepts_only_country_codes(v2_pages):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.session_state["f_countries"] = ["IND", EVIL_IMAGE]
    at.run()
    assert_page_is_safe(at)
    assert at.session_state["f_countries"] == ["IND"]
