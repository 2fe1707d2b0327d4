"""Shared test fixtures."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests never read or write the deployment's accounts and audit log (<repo>/auth): unless a test
# sets its own, the whole run (and every server it starts) uses an empty folder: demo mode.
os.environ["IC_AUTH_DIR"] = tempfile.mkdtemp(prefix="ic-auth-")


def _pages_directory_off(patch: pytest.MonkeyPatch) -> None:
    """Make AppTest run dashboard.py on every run, as the server does after its first run.

    Streamlit treats a `pages/` folder as an old-style multipage app until `st.navigation`
    is first called; AppTest resets that switch before every run, so from the second run on
    it would run the current page file alone (see app/shell.py). The server keeps the switch
    off for the life of the process; this does the same for AppTest.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    patch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def streamlit_v2_pages(monkeypatch):
    """`_pages_directory_off` for one test."""
    _pages_directory_off(monkeypatch)
    yield


@pytest.fixture(scope="module")
def v2_pages():
    """`_pages_directory_off` for a whole test module, run from the repository root (page paths are relative)."""
    with pytest.MonkeyPatch.context() as patch:
        _pages_directory_off(patch)
        patch.chdir(ROOT)
        yield


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session, shared by every real-browser test.

    Playwright's sync API allows one running instance per thread: a second `sync_playwright()`
    while this one lives fails, so every browser test takes this fixture instead of starting its own.
    """
    from tests._server import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def dashboard_pages() -> list[str]:
    """The page files of the navigation everyone sees (dashboard.PAGES, then TOOL_PAGES), read from
    dashboard.py without running it."""
    import ast

    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    specs = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and getattr(node.targets[0], "id", "") in (
                "PAGES", "TOOL_PAGES"):
            specs[node.targets[0].id] = ast.literal_eval(node.value)
    return [spec[0] for spec in specs["PAGES"] + specs["TOOL_PAGES"]]


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """A small UTF-8 CSV export written by hand for a test."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def tab_groups(at) -> dict[str, list[str]]:
    """{key: labels} of the page's tab groups (app.ui.tab_group: only the open tab is built), as last run."""
    keys = [str(key) for key in at.session_state if str(key).endswith("_tabs")]
    groups: dict[str, list[str]] = {}

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "tab_container":
                key = next((key for key in keys if child.proto.id.endswith("-" + key)), None)
                if key is not None:
                    groups[key] = [tab.label for tab in child.children.values()]
            walk(child)

    walk(at._tree)
    return groups


def each_tab(at):
    """The page run once per tab position: yields the app with the first tab of every group open (as run),
    then the second of every group that has one, and so on; leaves the first tabs open."""
    groups = tab_groups(at)
    yield at
    for position in range(1, max((len(labels) for labels in groups.values()), default=0)):
        for key, labels in groups.items():
            if position < len(labels):
                at.session_state[key] = labels[position]
        yield at.run()
    if groups:
        for key, labels in groups.items():
            at.session_state[key] = labels[0]
        at.run()
