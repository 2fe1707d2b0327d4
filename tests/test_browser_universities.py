"""The Universities page (issue 12) in headless Chromium on examples/two_universities: both universities'
names and a chart are drawn, and the university selector sits in the sidebar."""

from __future__ import annotations

from pathlib import Path

import pytest

from metrics import vocabulary as V
from tests._server import CHROMIUM
from tests.test_browser import page, serve, wait_drawn  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "two_universities"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="module")
def ministry_server():
    with serve(EXAMPLE, "streamlit_universities.log") as url:
        yield url


def test_the_universities_page_shows_both_universities_and_a_chart(ministry_server, page):
    from metrics.filters import universities
    from metrics.ingest import load_dataset

    names = universities(load_dataset(EXAMPLE))
    response = page.goto(f"{ministry_server}/comparison")
    assert response is not None and response.ok
    wait_drawn(page, False, charts=1)
    assert not page.locator("[data-testid='stException']").all_inner_texts()
    assert page.locator("h1").first.inner_text().strip() == V.t("page.comparison", "en")
    assert page.locator("[data-testid='stPlotlyChart'] .main-svg").count() >= 1
    chart_text = page.locator("[data-testid='stPlotlyChart']").first.inner_text()
    main = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    for name in names:
        assert name in main or name in chart_text, name
    assert V.t("sidebar.university", "en") in page.locator("[data-testid='stSidebar']").inner_text()
