"""The Outcomes, Recruitment and Dependence pages in headless Chromium: drawn with their charts in every
language, and the what-if read from the link (the scenario table shows the test's own least-squares numbers)."""

from __future__ import annotations

import re

import pytest

from metrics import vocabulary as V
from tests._server import CHROMIUM
from tests.test_browser import page, server, wait_drawn  # noqa: F401 - fixtures
from tests.test_issue11_pages import _sample_scenario

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")

# page -> (has a map, charts at least)
PAGES = {"cohorts": (False, 3), "recruitment": (True, 3), "dependence": (False, 3)}


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_with_charts(server, page, path, lang):
    has_map, charts = PAGES[path]
    response = page.goto(f"{server}/{path}?lang={lang}")
    assert response is not None and response.ok
    wait_drawn(page, has_map, charts=charts)
    assert not page.locator("[data-testid='stException']").all_inner_texts()
    assert page.locator("h1").first.inner_text().strip() == V.t(f"page.{path}", lang)
    assert page.locator("[data-testid='stPlotlyChart'] .main-svg").count() >= charts


def _digits(text: str) -> str:
    return re.sub(r"[\s\u202f\u00a0,]", "", text)


def test_dependence_link_shows_the_scenario(server, page):
    largest, future, expected = _sample_scenario(-100)
    page.goto(f"{server}/dependence?lang=ru&whatif_country={largest}&whatif_change=-100")
    wait_drawn(page, False, charts=3)
    table = page.locator("[data-testid='stTable']").last
    rows = table.locator("tbody tr").all_inner_texts()
    assert len(rows) == len(future)
    headers = [cell.strip() for cell in table.locator("thead th").all_inner_texts()]
    column = headers.index(V.column_label("scenario", "ru"))
    shown = [_digits(table.locator("tbody tr").nth(i).locator("th, td").nth(column).inner_text())
             for i in range(len(future))]
    assert shown == [str(value) for value in expected]
    assert "Сценарий:" in page.locator("[data-testid='stMainBlockContainer']").inner_text()
    assert "whatif_change=-100" in page.url and f"whatif_country={largest}" in page.url
