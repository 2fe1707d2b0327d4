"""The Data desk and History: staging and preview helpers on literal uploads, and the pages under AppTest.

An editor uploads a Windows-1251 students export with Russian headers, one header the reader
does not know (`Страна рождения`, the citizenship) and one country spelling it does not know
(`Жанубий Кореяси`, South Korea in Uzbek Cyrillic); maps both; publishes; the Overview changes;
a roll back on History restores it. In demo mode (no accounts) the desk has no uploader.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
TIMEOUT = 180
UPLOAD_NAME = "Контингент иностранцев.csv"
UNKNOWN_HEADER = "Страна рождения"  # the registry's word for the citizenship column
UNKNOWN_COUNTRY = "Жанубий Кореяси"  # South Korea, as the registry spells it
KOREAN_ROWS = 7  # rows of the unknown spelling added to the latest year
# The sample's headers as a Russian registry writes them.
RUSSIAN_HEADERS = {"year": "Учебный год", "citizenship": UNKNOWN_HEADER, "count": "Количество",
                   "faculty": "Факультет", "level": "Уровень обучения", "sex": "Пол", "status": "Статус",
                   "student_id": "Номер студента"}
# Names of the sample that Windows-1251 cannot write, as the registry would write them.
CP1251_NAMES = {"Türkiye": "Турция"}
EDITOR, VIEWER, PASSWORD = "editor1", "viewer1", "correct horse battery"

pytestmark = pytest.mark.skipif(not (SAMPLE / "students.csv").exists(), reason="sample data not generated")


def russian_students_export(sample: Path = SAMPLE) -> bytes:
    """The sample students export as a Windows-1251 CSV (';') with Russian headers and KOREAN_ROWS more rows
    for the latest year whose citizenship is UNKNOWN_COUNTRY."""
    with open(sample / "students.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    latest = max(int(row["year"]) for row in rows)
    rows += [dict(rows[-1], year=str(latest), citizenship=UNKNOWN_COUNTRY, count="1", status="new",
                  student_id=f"K{index:07d}") for index in range(KOREAN_ROWS)]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([RUSSIAN_HEADERS[name] for name in RUSSIAN_HEADERS])
    for row in rows:
        writer.writerow([CP1251_NAMES.get(row[name], row[name]) for name in RUSSIAN_HEADERS])
    return out.getvalue().encode("cp1251")


def copy_sample(target: Path) -> Path:
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".versions", "__pycache__"))
    return target


@pytest.fixture
def data_dir(tmp_path):
    return copy_sample(tmp_path / "data")


def kpi(comparison, kpi_id: str, year: int) -> tuple:
    row = comparison.kpis[(comparison.kpis["kpi"] == kpi_id) & (comparison.kpis["year"] == year)].iloc[0]
    return row["before"], row["after"]


# ----------------------------------------------------------------------------------------------
# The pure helpers
# ----------------------------------------------------------------------------------------------
def test_choices_build_mappings_and_take_decisions_back():
    from app.desk import Choices

    choices = Choices().with_export("a.csv", "students").with_header("students", "Страна рождения", "citizenship")
    choices = choices.with_country("Жанубий Кореяси", "KOR").with_value("direction", "вх.", "in")
    mappings = choices.mappings()
    assert mappings.export_for_file("a.csv") == "students"
    assert mappings.header("students", "страна  рождения") == "citizenship"
    assert mappings.country("Жанубий Кореяси") == "KOR"
    assert mappings.value("direction", "вх.") == "in"
    taken_back = choices.with_country("Жанубий Кореяси", None)
    assert taken_back.countries == {} and choices.countries == {"Жанубий Кореяси": "KOR"}  # no mutation
    assert choices.extends(Choices()) and not taken_back.extends(choices)
    assert choices.with_header("students", "Страна рождения", "year").extends(choices)  # a change, not a removal


def test_unmapped_headers_leave_out_known_personal_and_numbering_columns():
    from app.desk import unmapped_headers
    from metrics.mappings import Mappings

    headers = ["№ п/п", "Учебный год", "ФИО", UNKNOWN_HEADER, "Гражданство", "", UNKNOWN_HEADER]
    assert unmapped_headers(headers, "students", Mappings()) == [UNKNOWN_HEADER]
    mapped = Mappings().with_entries(headers={"students": {UNKNOWN_HEADER: "citizenship"}})
    assert unmapped_headers(headers, "students", mapped) == []


def test_unresolved_countries_counts_rows_per_name():
    import pandas as pd

    from app.desk import unresolved_countries
    from metrics.mappings import Mappings

    frame = pd.DataFrame({"citizenship": ["IND", None, None, None],
                          "citizenship_raw": ["Индия", UNKNOWN_COUNTRY, UNKNOWN_COUNTRY, "Атлантида"]})
    before = frame.copy()
    expected = pd.DataFrame({"column": ["citizenship", "citizenship"], "name": [UNKNOWN_COUNTRY, "Атлантида"],
                             "rows": [2, 1]})
    pd.testing.assert_frame_equal(unresolved_countries(frame, "students"), expected)
    pd.testing.assert_frame_equal(frame, before)
    kept_without = Mappings().with_entries(countries={"Атлантида": ""})
    assert list(unresolved_countries(frame, "students", mappings=kept_without)["name"]) == [UNKNOWN_COUNTRY]


def test_upload_preview_mapping_and_publish(data_dir):
    """Staged, previewed, mapped (header, then country), published: each step changes what the preview says."""
    from app.desk import Choices, apply_choices, build_preview, stage_uploads
    from metrics.engine import available_years
    from metrics.store import current_version_id, load_version, publish

    before = load_version(data_dir)
    latest = max(available_years(before))
    uploads = [(UPLOAD_NAME, russian_students_export())]
    draft = stage_uploads(data_dir, uploads)
    preview = build_preview(draft, before)
    upload = preview.uploads[0]
    assert upload.export != "students"  # without its citizenship column it is not a students export

    choices = Choices().with_export(UPLOAD_NAME, "students")
    draft = apply_choices(draft, uploads, Choices(), choices)
    preview = build_preview(draft, before)
    upload = preview.uploads[0]
    assert upload.export == "students" and upload.report is None  # the required column is still missing
    assert upload.unknown_headers == (UNKNOWN_HEADER,)
    assert preview.problems  # cannot be published like this

    mapped = choices.with_header("students", UNKNOWN_HEADER, "citizenship")
    draft = apply_choices(draft, uploads, choices, mapped)
    preview = build_preview(draft, before)
    upload = preview.uploads[0]
    assert upload.report.encoding == "cp1251" and upload.report.delimiter == ";"
    assert upload.unknown_headers == ()
    assert dict(zip(upload.unresolved["name"], upload.unresolved["rows"]))[UNKNOWN_COUNTRY] == KOREAN_ROWS
    assert not preview.problems
    foreign_before, foreign_after = kpi(preview.comparison, "foreign_students", latest)
    assert foreign_after == foreign_before + KOREAN_ROWS  # rows without a known country are still foreign students

    korea = mapped.with_country(UNKNOWN_COUNTRY, "KOR")
    draft = apply_choices(draft, uploads, mapped, korea)
    preview = build_preview(draft, before)
    assert UNKNOWN_COUNTRY not in set(preview.uploads[0].unresolved["name"])
    assert preview.unresolved_countries()["name"].tolist() == ["Stateless"]  # the sample's own aggregate
    assert kpi(preview.comparison, "foreign_students", latest) == (foreign_before, foreign_after)
    rows = preview.comparison.rows
    added = rows[(rows["export"] == "students") & (rows["year"] == latest)]["added"].sum()
    assert added == KOREAN_ROWS

    version = publish(data_dir, draft, EDITOR, "Russian registry export")
    assert current_version_id(data_dir) == version.id
    published = load_version(data_dir)
    students = published.get("students")
    assert int(students[students["year"] == latest]["count"].sum()) >= foreign_after
    assert "Жанубий Кореяси" in (data_dir / ".versions" / version.id / "files" / "mappings.toml").read_text("utf-8")
    assert published.get("students")["citizenship"].eq("KOR").sum() >= KOREAN_ROWS


def test_taking_a_mapping_back_stages_anew_and_removes_the_old_draft(data_dir):
    from app.desk import Choices, apply_choices, build_preview, stage_uploads
    from metrics.store import load_version

    uploads = [(UPLOAD_NAME, russian_students_export())]
    mapped = Choices().with_export(UPLOAD_NAME, "students").with_header("students", UNKNOWN_HEADER, "citizenship")
    draft = stage_uploads(data_dir, uploads, mapped)
    korea = mapped.with_country(UNKNOWN_COUNTRY, "KOR")
    draft = apply_choices(draft, uploads, mapped, korea)
    again = apply_choices(draft, uploads, korea, mapped)
    assert again.folder != draft.folder and not draft.folder.exists()
    preview = build_preview(again, load_version(data_dir))
    assert UNKNOWN_COUNTRY in set(preview.uploads[0].unresolved["name"])


def test_kpi_and_row_tables_are_translated(data_dir):
    from app.desk import Choices, build_preview, kpi_changes_table, row_changes_table, stage_uploads
    from metrics.store import load_version

    mapped = Choices().with_export(UPLOAD_NAME, "students").with_header("students", UNKNOWN_HEADER, "citizenship")
    preview = build_preview(stage_uploads(data_dir, [(UPLOAD_NAME, russian_students_export())], mapped),
                            load_version(data_dir))
    table = kpi_changes_table(preview.comparison, "ru")
    assert list(table.columns)[:4] == ["Показатель", "Год", "До", "После"]
    assert "Иностранные студенты" in set(table["Показатель"])
    changed = kpi_changes_table(preview.comparison, "en", changed_only=True)
    assert 0 < len(changed) < len(kpi_changes_table(preview.comparison, "en"))
    rows = row_changes_table(preview.comparison, "uz")
    assert list(rows.columns) == ["Eksport", "Yil", "Qoʻshilgan", "Olib tashlangan", "Oʻzgargan"]


def test_issue_messages_never_name_the_server_folder(data_dir):
    from app.desk import issue_table
    from metrics.validation import Issue

    issue = Issue("x.csv", None, None, None, f"x.csv: could not be read ({data_dir}/x.csv is broken).", "error",
                  "file_unreadable")
    message = issue_table([issue], "en", [data_dir])["message"].iloc[0]
    assert str(data_dir) not in message and "x.csv" in message


# ----------------------------------------------------------------------------------------------
# The pages under AppTest
# ----------------------------------------------------------------------------------------------
@pytest.fixture
def accounts_dir(tmp_path, monkeypatch):
    from metrics import accounts

    folder = tmp_path / "auth"
    folder.mkdir()
    accounts.add_user(EDITOR, PASSWORD, "editor", folder=folder)
    accounts.add_user(VIEWER, PASSWORD, "viewer", folder=folder)
    monkeypatch.setenv("IC_AUTH_DIR", str(folder))
    return folder


def signed_in_app(data_dir: Path, monkeypatch, name: str | None, role: str | None):
    from streamlit.testing.v1 import AppTest

    from app import auth

    monkeypatch.setenv("IC_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    if name is not None:
        at.session_state[auth.USER_KEY] = {"name": name, "role": role, "via": "local"}
    return at.run()


def metric_value(at, label: str) -> str:
    return next(metric.value for metric in at.metric if metric.label == label)


def test_demo_mode_desk_has_no_uploader(data_dir, tmp_path, monkeypatch, v2_pages):
    monkeypatch.setenv("IC_AUTH_DIR", str(tmp_path / "no_accounts"))
    at = signed_in_app(data_dir, monkeypatch, None, None)
    at.switch_page("pages/desk.py").run()
    assert not at.exception
    assert len(at.file_uploader) == 0
    assert "users add NAME --role editor" in at.code[0].value
    assert "read-only demo" in at.info[0].value


def test_viewer_gets_no_uploader_by_switching_to_the_desk(data_dir, accounts_dir, monkeypatch, v2_pages):
    at = signed_in_app(data_dir, monkeypatch, VIEWER, "viewer")
    with pytest.raises(Exception):  # the desk is not in a viewer's navigation at all
        at.switch_page("pages/desk.py").run()
    assert len(at.file_uploader) == 0


def test_editor_uploads_maps_publishes_and_rolls_back(data_dir, accounts_dir, monkeypatch, v2_pages):
    from app import desk
    from metrics.vocabulary import kpi_value
    from metrics.catalogue import CATALOGUE
    from metrics.engine import available_years, kpi_table
    from metrics.store import current_version_id, load_version

    first = load_version(data_dir)
    latest = max(available_years(first))
    label = CATALOGUE["foreign_students"].label("en")
    before_value = kpi_value(kpi_table(first, latest).set_index("kpi").loc["foreign_students", "value"], "count")

    at = signed_in_app(data_dir, monkeypatch, EDITOR, "editor")
    assert metric_value(at, label) == before_value
    at.switch_page("pages/desk.py").run()
    assert not at.exception
    at.file_uploader(key=desk.uploader_key()).set_value([(UPLOAD_NAME, russian_students_export(), "text/csv")])
    at.run()
    assert not at.exception, at.exception
    at.selectbox(key=desk.widget_key("export", UPLOAD_NAME)).select("students").run()
    header = at.selectbox(key=desk.widget_key("header", "students", UNKNOWN_HEADER))
    assert header.value is None  # nothing is guessed
    header.select("citizenship").run()
    country = at.selectbox(key=desk.widget_key("country", UNKNOWN_COUNTRY))
    assert country.value is None
    tables = " ".join(str(table.value.to_dict()) for table in at.table)
    assert "Foreign students" in tables  # the KPI diff is shown
    country.select("KOR").run()
    assert not at.exception, at.exception
    session = at.session_state[desk.SESSION_KEY]
    assert session.choices.countries == {UNKNOWN_COUNTRY: "KOR"}
    mapped_after = [row for row in session.preview.comparison.kpis.itertuples()
                    if row.kpi == "foreign_students" and row.year == latest][0].after

    at.button(key="desk_publish").click().run()  # no comment yet: refused, nothing published
    assert current_version_id(data_dir) == "000001"
    assert any("comment" in warning.value for warning in at.warning)
    at.text_area(key="desk_comment").input("Registry export, Russian headers")
    at.button(key="desk_publish").click().run()
    assert not at.exception, at.exception
    assert current_version_id(data_dir) == "000002"
    assert any("000002" in success.value for success in at.success)
    assert len(at.file_uploader) == 1 and desk.SESSION_KEY not in at.session_state

    at.switch_page("pages/overview.py").run()
    after_value = metric_value(at, label)
    assert after_value == kpi_value(mapped_after, "count") and after_value != before_value

    at.switch_page("pages/history.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="history_version").select("000001").run()
    at.text_input(key="history_rollback_comment").input("back to the registry's old file")
    at.checkbox(key="history_rollback_confirm").check()
    at.button(key="history_rollback").click().run()
    assert not at.exception, at.exception
    assert current_version_id(data_dir) == "000003"
    at.switch_page("pages/overview.py").run()
    assert metric_value(at, label) == before_value


def test_history_compares_versions_and_builds_a_report(data_dir, accounts_dir, monkeypatch, v2_pages):
    from app.desk import Choices, stage_uploads
    from metrics.store import publish

    mapped = Choices().with_export(UPLOAD_NAME, "students").with_header("students", UNKNOWN_HEADER, "citizenship")
    publish(data_dir, stage_uploads(data_dir, [(UPLOAD_NAME, russian_students_export())], mapped), EDITOR, "one")
    at = signed_in_app(data_dir, monkeypatch, EDITOR, "editor")
    at.switch_page("pages/history.py").run()
    assert not at.exception, at.exception
    versions = at.dataframe[0].value
    assert list(versions["Version"]) == ["000002", "000001"]
    assert any(table.value.shape[0] for table in at.table)  # rows added/removed between the two
    at.button(key="history_report_build").click().run()
    assert not at.exception, at.exception
    assert at.get("download_button")


@pytest.mark.parametrize("lang", ["ru", "uz"])
def test_desk_and_history_draw_in_every_language(data_dir, accounts_dir, monkeypatch, v2_pages, lang):
    from app import desk, filters
    from metrics.vocabulary import t

    at = signed_in_app(data_dir, monkeypatch, EDITOR, "editor")
    at.session_state[filters.LANG_KEY] = lang
    at.switch_page("pages/desk.py").run()
    at.file_uploader(key=desk.uploader_key()).set_value([(UPLOAD_NAME, russian_students_export(), "text/csv")])
    at.run()
    at.selectbox(key=desk.widget_key("export", UPLOAD_NAME)).select("students").run()
    assert not at.exception, at.exception
    assert at.title[0].value == t("page.desk", lang)
    labels = [box.label for box in at.selectbox]
    assert t("desk.map_header", lang, header=UNKNOWN_HEADER, export="students") in labels
    at.switch_page("pages/history.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == t("page.history", lang)


def test_data_page_says_which_version_is_read(data_dir, monkeypatch, v2_pages):
    from streamlit.testing.v1 import AppTest

    from metrics.store import publish, stage

    monkeypatch.setenv("IC_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert any("Not versioned yet" in caption.value for caption in at.caption)

    totals = (data_dir / "totals.csv").read_bytes()
    published = publish(data_dir, stage(data_dir, [("totals.csv", totals)]), "office", "same totals again")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.switch_page("pages/data.py").run()
    assert published.id == "000002"
    assert any("Published version" in caption.value and "000002" in caption.value for caption in at.caption)
