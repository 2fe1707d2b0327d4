"""The dashboard in Russian and Uzbek, read as a person reads it: no English word of ours, no "None" or "nan".

Every page is opened in headless Chromium with ``?lang=ru`` / ``?lang=uz``; the visible text of the page
(headings, tables, captions and the charts' SVG text) is scanned for the English words of the vocabulary
(`metrics.vocabulary`) that the language translates. Text that comes from the data itself (partner names,
event titles, programme names, faculties: the university's own words) is not ours to translate and is
removed first.
"""

from __future__ import annotations

import re

import pytest

from metrics import vocabulary as V
from tests._server import CHROMIUM
from tests.test_browser import CHARTLESS_PAGES, PAGES, page, server, wait_drawn  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")

WORD = re.compile(r"[A-Za-z][A-Za-z'’ʻʼ-]{3,}")
# Names that are the same in every language (formats, standards, products).
SHARED = {"excel", "word", "csv", "pdf", "iso", "sha-256", "utf-8", "english"}


def english_words() -> set[str]:
    """Words of the English labels that neither the Russian nor the Uzbek label of the same key uses."""
    out: set[str] = set()
    for labels in V.LABELS.values():
        others = (labels["ru"] + " " + labels["uz"]).lower()
        for word in WORD.findall(re.sub(r"\{[^}]*\}", " ", labels["en"])):
            if word.lower() not in others and word.lower() not in SHARED:
                out.add(word.lower())
    return out


def data_text() -> str:
    """Every text cell of the sample data (the university's own words), lower-cased."""
    from metrics.ingest import load_dataset
    from tests.test_browser import ROOT

    data = load_dataset(ROOT / "data")
    parts = []
    for frame in data.frames.values():
        for column in frame.columns:
            if frame[column].dtype == object or str(frame[column].dtype).startswith(("str", "string")):
                parts += [str(v) for v in frame[column].dropna().unique()]
    parts += [data.university_name("en"), (ROOT / "data").name]  # the data folder's name is shown as it is
    return "\n".join(parts).lower()


@pytest.fixture(scope="module")
def vocabulary():
    return english_words(), data_text()


@pytest.mark.parametrize("lang", ["ru", "uz"])
@pytest.mark.parametrize("path,has_map", [p for p in PAGES if p[0] not in ("presentation",)])
def test_no_english_and_no_missing_markers_on_the_page(server, page, vocabulary, lang, path, has_map):
    english, own_words = vocabulary
    page.goto(f"{server}/{path}?lang={lang}")
    wait_drawn(page, has_map, charts=0 if path in CHARTLESS_PAGES else 1)
    # Material icons are drawn from ligature names ("download", "check_circle"): not words a reader sees
    page.add_style_tag(content="[data-testid='stIconMaterial'], [data-testid='stAlertDynamicIcon'] {display: none !important}")
    main = page.locator("[data-testid='stMainBlockContainer']")
    text = main.inner_text() + "\n" + "\n".join(page.locator("svg.main-svg text").all_text_contents())
    assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b|<NA>", text), re.findall(r".{0,40}(?:None|nan|NaN|<NA>).{0,40}", text)
    found = sorted({word for word in WORD.findall(text) if word.lower() in english
                    and word.lower() not in own_words})
    context = {word: re.findall(rf".{{0,30}}\b{word}\b.{{0,30}}", text) for word in found}
    assert found == [], f"English on the {lang} {path} page: {context}"
