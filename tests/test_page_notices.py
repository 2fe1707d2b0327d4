"""Say why where the number would be: a missing or unreadable export gives a notice, never a blank or a 0.

Every page runs with any one export removed or replaced by garbage; the pages drawn from
that export say which export is missing (linking to the Data page), the scorecard says
why a KPI is not available, and the Data page lists the file that could not be read.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import dashboard_pages, each_tab


ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180
PAGES = dashboard_pages()  # the navigation of dashboard.py
SAMPLE_EXPORTS = sorted(path.stem for path in (ROOT / "data").glob("*.csv"))
GARBAGE = bytes(range(256)) * 4 + b"\x00\xff\xfe garbage \r\r\n"

pytestmark = pytest.mark.skipif(not (ROOT / "data" / "students.csv").exists(), reason="sample data not generated")


def page_exports(page: str) -> tuple[str, ...]:
    """The exports a page says it is drawn from: its section's EXPORTS (metrics.sections), else the
    EXPORTS constant of the page file."""
    import importlib

    from metrics.sections import SECTION_IDS

    name = Path(page).stem
    if name in SECTION_IDS:
        return tuple(importlib.import_module(f"metrics.sections.{name}").EXPORTS)
    tree = ast.parse((ROOT / page).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXPORTS" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    return ()


def sample_folder(folder: Path) -> Path:
    for path in (ROOT / "data").iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    return folder


def notices(at) -> str:
    return " | ".join(str(e.value) for kind in ("info", "warning") for e in getattr(at, kind))


def test_every_page_declares_the_exports_it_is_drawn_from():
    for page in PAGES:
        if page != "pages/data.py":
            assert page_exports(page), page


@pytest.mark.parametrize("broken", ["removed", "garbage"])
@pytest.mark.parametrize("export", SAMPLE_EXPORTS)
def test_every_page_says_which_export_is_missing(v2_pages, tmp_path, monkeypatch, export, broken):
    from streamlit.testing.v1 import AppTest

    from metrics.catalogue import CATALOGUE

    folder = sample_folder(tmp_path)
    if broken == "removed":
        (folder / f"{export}.csv").unlink()
    else:
        (folder / f"{export}.csv").write_bytes(GARBAGE)
    monkeypatch.setenv("IC_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        if export in page_exports(page):
            said = notices(at)
            assert f"`{export}`" in said, (page, said)
            if broken == "garbage":
                assert f"`{export}.csv`" in said, (page, said)  # the file that could not be read
            assert [link.proto.page for link in at.get("page_link")] != [], page
        if page == "pages/overview.py" and any(export in kpi.sources for kpi in CATALOGUE.values()):
            captions = " | ".join(caption.value for caption in at.caption)
            assert "not available" in captions and f"{export} export" in captions.replace("\\_", "_"), captions
        if page == "pages/data.py" and broken == "garbage":
            not_loaded = [frame.value for frame in at.dataframe if "Reason" in frame.value.columns]
            assert not_loaded and f"{export}.csv" in set(not_loaded[0]["File"])
            shown = " ".join(str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())
            shown += " ".join(str(e.value) for kind in ("caption", "markdown", "info") for e in getattr(at, kind))
            assert str(folder) not in shown  # file names only, never the server's path


def test_new_foreign_students_not_available_without_status_or_student_id(v2_pages, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    folder = sample_folder(tmp_path)
    lines = (folder / "students.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    keep = [i for i, name in enumerate(header) if name not in ("status", "student_id")]
    (folder / "students.csv").write_text("\n".join(",".join(line.split(",")[i] for i in keep) for line in lines) + "\n",
                                         encoding="utf-8")
    monkeypatch.setenv("IC_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["New foreign students"] == "—"
    assert shown["Foreign students"] not in ("—", "0")
    captions = " | ".join(caption.value for caption in at.caption).replace("\\", "")
    assert "not available: the students export has no values in status, student_id" in captions


def test_an_empty_chart_shows_a_notice_not_bare_axes(v2_pages, tmp_path, monkeypatch):
    """Only an agreement registry: the overview's trends of students, mobility and programs have nothing to draw."""
    from streamlit.testing.v1 import AppTest

    shutil.copy(ROOT / "data" / "partners.csv", tmp_path / "partners.csv")
    shutil.copy(ROOT / "data" / "settings.toml", tmp_path / "settings.toml")
    monkeypatch.setenv("IC_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    charts, said = [], ""
    for run in each_tab(at):  # the headline trends are tabs: each drawn once opened
        charts += [json.loads(chart.proto.spec) for chart in run.get("plotly_chart")]
        said += notices(run).replace("\\_", "_")
    assert len(charts) == 1  # the partners trend; students, mobility and programs say why instead
    assert "no students export in the data folder" in said
    assert "no mobility export in the data folder" in said


def test_data_page_shows_file_names_exports_and_files_not_loaded(v2_pages, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    folder = sample_folder(tmp_path)
    (folder / "grants.csv").write_bytes(GARBAGE)
    (folder / "events.xls").write_bytes(b"old excel")
    (folder / "events.csv").unlink()
    monkeypatch.setenv("IC_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    files = at.dataframe[0].value
    assert {"File", "Export"} <= set(files.columns)
    assert "students.csv" in set(files["File"]) and "students" in set(files["Export"])
    assert all("/" not in name for name in files["File"])
    not_loaded = at.dataframe[1].value
    assert list(not_loaded.columns) == ["File", "Reason"]
    assert {"grants.csv", "events.xls"} <= set(not_loaded["File"])
    assert all(str(folder) not in reason for reason in not_loaded["Reason"])
    assert str(folder) not in " ".join(c.value for c in at.caption)
