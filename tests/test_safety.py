"""Formula injection: text that a spreadsheet would run is written as inert text, in every export;
bidi controls are removed, and no cell is longer than Excel allows."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from reports.safety import (
    FORMULA_PREFIXES, MAX_CELL_CHARS, frame_to_csv_bytes, frame_to_xlsx_bytes, safe_cell, safe_frame,
    safe_sheet_title, strip_bidi_in_figure,
)

ATTACK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_safe_cell_quotes_every_dangerous_prefix(prefix):
    assert safe_cell(prefix + "1+1") == "'" + prefix + "1+1"


@pytest.mark.parametrize("value", ["Tashkent", "", " =1", "'=already", "3,412", "<5", "India (38%)", "Ташкент"])
def test_safe_cell_leaves_harmless_text(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-5, -2.5, 0, 3, 1.5, None, True])
def test_safe_cell_leaves_numbers_and_none(value):
    assert safe_cell(value) is value


def test_safe_frame_returns_new_frame_and_keeps_input():
    df = pd.DataFrame({"partner": [ATTACK, "Ok", "-x", None], "n": [1, -2, 3, 4],
                       "=head": ["a", "b", "c", "d"]})
    before = df.copy()
    out = safe_frame(df)
    pd.testing.assert_frame_equal(df, before)
    assert out is not df
    assert out["partner"].tolist()[:3] == ["'" + ATTACK, "Ok", "'-x"]
    assert pd.isna(out["partner"].iloc[3])
    assert out["n"].tolist() == [1, -2, 3, 4]  # negative numbers are numbers, not text
    assert "'=head" in out.columns


def test_safe_frame_handles_categorical_and_object_columns():
    df = pd.DataFrame({"c": pd.Categorical(["+a", "b"]), "o": pd.Series(["@x", 5], dtype=object)})
    out = safe_frame(df)
    assert out["c"].tolist() == ["'+a", "b"]
    assert out["o"].tolist() == ["'@x", 5]


def test_xlsx_text_is_never_a_formula():
    df = pd.DataFrame({"partner": [ATTACK, "+7 clinic", "@home", "\tTab", "\rCR", "Plain", "Ташкент"],
                       "count": [1, -2, 3, 4, 5, 6, 7], "share": [0.5, -1.25, 1.0, 2.0, 3.0, 4.0, 5.0]})
    data = frame_to_xlsx_bytes({"Partners": df})
    ws = openpyxl.load_workbook(io.BytesIO(data))["Partners"]
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    for cell, original in zip(cells, df["partner"]):
        assert cell.data_type == "s", (original, cell.data_type)
        if original.startswith(FORMULA_PREFIXES):
            assert cell.value == "'" + original
        else:
            assert cell.value == original
    # numbers stay numbers, negative ones included
    counts = [row[1] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in counts] == df["count"].tolist()
    assert all(c.data_type == "n" for c in counts)
    assert ws.cell(3, 3).value == -1.25
    # nothing in the sheet is a formula
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)


def test_xlsx_layout_header_frozen_and_widths():
    df = pd.DataFrame({"Partner institution": ["A very long partner name " * 2, "B"], "n": [1, 2]})
    ws = openpyxl.load_workbook(io.BytesIO(frame_to_xlsx_bytes({"S": df})))["S"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert ws.column_dimensions["A"].width > 30
    assert ws["B2"].number_format == "#,##0"


def test_xlsx_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [safe_sheet_title(name, taken) for name in ("a/b?", "A/B?", "x" * 40, "[data]")]
    assert len(set(n.lower() for n in names)) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    data = frame_to_xlsx_bytes({"a/b": pd.DataFrame({"x": [1]}), "a:b": pd.DataFrame({"x": [2]})})
    assert len(openpyxl.load_workbook(io.BytesIO(data)).sheetnames) == 2


def test_csv_bytes_have_bom_and_inert_text():
    df = pd.DataFrame({"partner": [ATTACK, "Ташкентская медицинская академия", "-1"], "n": [1, -2, 3]})
    data = frame_to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["partner", "n"]
    assert rows[1][0] == "'" + ATTACK
    assert rows[2][0] == "Ташкентская медицинская академия"
    assert rows[3] == ["'-1", "3"]  # the text "-1" is quoted; the number 3 is not
    assert rows[2][1] == "-2"  # a negative number stays a number
    for row in rows[1:]:
        assert not row[0].startswith(FORMULA_PREFIXES)


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_safe_cell_removes_every_bidi_control():
    assert safe_cell(f"gpj{BIDI}.exe") == "gpj.exe"


def test_safe_cell_quotes_formula_hidden_behind_a_bidi_control():
    assert safe_cell("\u202e" + ATTACK) == "'" + ATTACK


def test_xlsx_and_csv_have_no_bidi_controls():
    df = pd.DataFrame({f"part{BIDI}ner": [f"Cha\u202erité", "\u2066=1+1"], "n": [1, 2]})
    ws = openpyxl.load_workbook(io.BytesIO(frame_to_xlsx_bytes({f"S\u202e": df})))["S"]
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert rows == [["partner", "n"], ["Charité", 1], ["'=1+1", 2]]
    rows = list(csv.reader(io.StringIO(frame_to_csv_bytes(df).decode("utf-8-sig"))))
    assert rows == [["partner", "n"], ["Charité", "1"], ["'=1+1", "2"]]


def test_xlsx_cell_is_cut_at_excels_limit():
    df = pd.DataFrame({"partner": ["x" * 200_000, "=" + "y" * 40_000, "z" * MAX_CELL_CHARS]})
    ws = openpyxl.load_workbook(io.BytesIO(frame_to_xlsx_bytes({"S": df})))["S"]
    long_text, long_formula, at_limit = (ws.cell(row, 1).value for row in (2, 3, 4))
    assert len(long_text) <= MAX_CELL_CHARS and long_text.endswith("…") and long_text.startswith("xxx")
    assert len(long_formula) <= MAX_CELL_CHARS and long_formula.startswith("'=yyy")
    assert len(at_limit) <= MAX_CELL_CHARS


def test_figure_without_bidi_controls_is_returned_as_it_is():
    figure = go.Figure(go.Bar(x=["Charité", "Tashkent"], y=[1, 2]))
    assert strip_bidi_in_figure(figure) is figure


def test_figure_loses_bidi_controls_in_labels_and_titles():
    figure = go.Figure(go.Bar(x=[f"Cha{BIDI}rité", "Tashkent"], y=[1, 2], hovertext=["\u202eabc", "d"]),
                       layout={"title": {"text": "Top\u2067 partners"}})
    cleaned = strip_bidi_in_figure(figure)
    assert list(cleaned.data[0].x) == ["Charité", "Tashkent"]
    assert list(cleaned.data[0].hovertext) == ["abc", "d"]
    assert cleaned.layout.title.text == "Top partners"
    assert list(cleaned.data[0].y) == [1, 2]
    assert list(figure.data[0].x)[0] == f"Cha{BIDI}rité"  # the given figure is unchanged
