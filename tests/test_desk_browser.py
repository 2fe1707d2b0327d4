"""The Data desk in a real browser: sign in, upload, map, publish, see the Overview change, roll back.

Headless Debian Chromium through Playwright (tests/_server.py); the server runs on a copy of
the sample data with its own accounts folder. Who sees what: a visitor who is not signed in
sees only the sign-in form (a direct URL too); a viewer has no Data desk in the navigation and
no uploader at /desk; an editor uploads a Windows-1251 students export with Russian headers
(tests/test_desk.py makes it), maps its unknown header and country, sees the KPI diff,
publishes, sees the Overview change, rolls back on History and sees the old value again.
Screenshots go to test-output/screenshots/desk_*.png.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests._server import CHROMIUM, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-output" / "screenshots"
DRAW_TIMEOUT = 60_000  # ms
MISSING = [name for name in ("metrics/store.py", "app/auth.py", "metrics/accounts.py") if not (ROOT / name).exists()]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.skipif(bool(MISSING), reason=f"the Data desk needs {', '.join(MISSING)} (another helper's work)"),
]

SCRIPT_DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }")


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory):
    """The dashboard on a copy of the sample data, with an editor and a viewer account."""
    from metrics import accounts
    from tests.test_desk import EDITOR, PASSWORD, VIEWER, copy_sample

    folder = tmp_path_factory.mktemp("desk")
    data_dir = copy_sample(folder / "data")
    auth_dir = folder / "auth"
    auth_dir.mkdir()
    accounts.add_user(EDITOR, PASSWORD, "editor", folder=auth_dir)
    accounts.add_user(VIEWER, PASSWORD, "viewer", folder=auth_dir)
    env = dict(os.environ, IC_DATA_DIR=str(data_dir), IC_AUTH_DIR=str(auth_dir))
    (ROOT / "test-output").mkdir(exist_ok=True)
    with open(ROOT / "test-output" / "streamlit_desk.log", "w") as log:
        running = start_server(output=log, env=env)
        try:
            yield running.url, data_dir
        finally:
            stop_server(running.process)


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 2000})
    page = context.new_page()
    yield page
    context.close()


def settled(page) -> None:
    """Until the script run has finished (twice: a run may start another)."""
    page.wait_for_timeout(300)
    page.wait_for_function(SCRIPT_DONE, timeout=DRAW_TIMEOUT)
    page.wait_for_timeout(300)
    page.wait_for_function(SCRIPT_DONE, timeout=DRAW_TIMEOUT)


def dismiss_dialog(page) -> str:
    """Close Streamlit's modal (e.g. "Page not found" for an address outside the navigation); its text, or ""."""
    dialog = page.locator("[role='dialog']")
    if not dialog.count():
        return ""
    text = dialog.first.inner_text()
    page.keyboard.press("Escape")
    dialog.first.wait_for(state="detached", timeout=DRAW_TIMEOUT)
    return text


def sign_in(page, url: str, name: str) -> None:
    from tests.test_desk import PASSWORD

    page.goto(url)
    page.get_by_label("User name").wait_for(timeout=DRAW_TIMEOUT)
    settled(page)
    dismiss_dialog(page)
    page.get_by_label("User name").fill(name, timeout=DRAW_TIMEOUT)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=DRAW_TIMEOUT)
    settled(page)


def navigate(page, title: str) -> None:
    """Click a page in the sidebar navigation (the session, and so the sign-in, is kept); a long navigation
    is shown collapsed ("View 5 more"): open it first."""
    nav = page.locator("[data-testid='stSidebarNav']")
    more = nav.locator("[data-testid='stSidebarNavViewButton']")
    if not nav.get_by_role("link", name=title).is_visible() and more.count() and "more" in more.inner_text():
        more.click()
    nav.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=DRAW_TIMEOUT)
    settled(page)


def choose(page, label: str, search: str, option: str) -> None:
    """Pick `option` in the select box whose label matches the regular expression `label` (typing `search` first)."""
    name = page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(label))
    box = page.locator("[data-testid='stSelectbox']").filter(has=name)
    box.locator("input").click()
    page.keyboard.type(search)
    page.get_by_role("option", name=option).first.click()
    settled(page)


def overview_value(page, label: str) -> str:
    """The value of the Overview card whose label is exactly `label` (not a card that merely contains it)."""
    exact = page.locator("[data-testid='stMetricLabel']").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    card = page.locator("[data-testid='stMetric']").filter(has=exact).first
    return card.locator("[data-testid='stMetricValue']").inner_text().strip()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"desk_{name}.png"), full_page=True)


def test_visitor_sees_only_the_sign_in_form(desk_server, tab):
    url, _ = desk_server
    for path in ("", "/desk", "/history", "/overview"):
        tab.goto(url + path)
        tab.get_by_label("User name").wait_for(timeout=DRAW_TIMEOUT)
        settled(tab)
        assert tab.locator("[data-testid='stFileUploader']").count() == 0
        assert tab.locator("[data-testid='stMetric']").count() == 0
        links = tab.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
        assert [link.strip() for link in links] in ([], ["Sign in"]), links
    shot(tab, "visitor")


def test_viewer_has_no_desk(desk_server, tab):
    from tests.test_desk import VIEWER

    url, _ = desk_server
    sign_in(tab, url + "/desk", VIEWER)
    nav = tab.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Data desk" not in nav and "History" not in nav
    assert tab.locator("[data-testid='stFileUploader']").count() == 0
    shot(tab, "viewer")


def test_editor_uploads_maps_publishes_and_rolls_back(desk_server, tab):
    from metrics.vocabulary import kpi_value
    from metrics.catalogue import CATALOGUE
    from metrics.engine import available_years, kpi_table
    from metrics.store import current_version_id, load_version
    from tests.test_desk import (EDITOR, KOREAN_ROWS, UNKNOWN_COUNTRY, UNKNOWN_HEADER, UPLOAD_NAME,
                                 russian_students_export)

    url, data_dir = desk_server
    first = load_version(data_dir)
    latest = max(available_years(first))
    foreign = kpi_table(first, latest).set_index("kpi").loc["foreign_students", "value"]
    label = CATALOGUE["foreign_students"].label("en")
    before, after = kpi_value(foreign, "count"), kpi_value(foreign + KOREAN_ROWS, "count")

    sign_in(tab, url, EDITOR)
    assert overview_value(tab, label) == before
    navigate(tab, "Data desk")
    tab.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": UPLOAD_NAME, "mimeType": "text/csv", "buffer": russian_students_export()})
    tab.get_by_text("Taken for the export").wait_for(timeout=DRAW_TIMEOUT)
    settled(tab)
    choose(tab, "^Taken for the export$", "students", "students —")
    tab.get_by_text(f"Column “{UNKNOWN_HEADER}” (students) holds").wait_for(timeout=DRAW_TIMEOUT)
    choose(tab, re.escape(UNKNOWN_HEADER), "citizenship", "Citizenship (citizenship)")
    tab.get_by_text(f"“{UNKNOWN_COUNTRY}” is").wait_for(timeout=DRAW_TIMEOUT)
    assert "cp1251" in tab.locator("[data-testid='stMainBlockContainer']").inner_text()
    choose(tab, re.escape(UNKNOWN_COUNTRY), "South Korea", "South Korea (KOR)")
    diff = tab.locator("[data-testid='stTable']").filter(has_text=label).first
    row = diff.locator("tr").filter(has_text=label).filter(has_text=f"{latest}/").first.inner_text()
    assert before in row and after in row, row
    shot(tab, "preview")

    tab.get_by_label("Comment (required)").fill("Registry export with Russian headers")
    tab.get_by_role("button", name="Publish as a new version").click()
    tab.get_by_text("Published as version 000002").wait_for(timeout=DRAW_TIMEOUT)
    assert current_version_id(data_dir) == "000002"
    navigate(tab, "Overview")
    assert overview_value(tab, label) == after
    shot(tab, "overview_published")

    navigate(tab, "History")
    choose(tab, "^Version$", "000001", "000001")
    tab.get_by_label("Comment (required)").fill("Back to the registry's previous file")
    tab.get_by_text("Yes, make the data of version 000001 current again").click()
    tab.get_by_role("button", name="Roll back to version 000001").click()
    tab.get_by_text("Version 000003 restores version 000001").wait_for(timeout=DRAW_TIMEOUT)
    shot(tab, "history")
    navigate(tab, "Overview")
    assert overview_value(tab, label) == before
