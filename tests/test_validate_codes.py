"""Code sheets on disk: write_code_sheet (XLSX, CSV) and read_codes with its checks."""

from __future__ import annotations

import codecs
import csv
import io
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import Corpus
from framing._errors import FramingError, FramingWarning
from framing.validate import read_codes, sample_for_coding, write_code_sheet

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).parent / "data" / "validate"
AGENCE = "Bakou a lancé une offensive contre le Karabakh."
SPORT = "Le club a lancé une offensive en seconde période."


@pytest.fixture(scope="module")
def lexicon():
    return framing.read_lexicon(DATA / "demo-lexicon.yaml")


@pytest.fixture(scope="module")
def corpus():
    rows = [{"doc_id": f"agence-{i}", "text": AGENCE, "outlet": "Agence"} for i in range(1, 4)]
    rows += [{"doc_id": f"sport-{i}", "text": SPORT, "outlet": "Sport"} for i in range(1, 3)]
    return Corpus(pd.DataFrame(rows), name="codes-demo")


@pytest.fixture(scope="module")
def sheet(corpus, lexicon):
    hits = framing.match_lexicon(corpus, lexicon)
    return sample_for_coding(
        hits, corpus=corpus, n=100, coders=["A", "B"], lexicon=lexicon, random_state=0
    )


def fill_xlsx(path: Path, values: dict[str, list]) -> None:
    """What a coder does: type codes into the workbook and save it."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook["codes"]
    header = [c.value for c in ws[1]]
    for name, column in values.items():
        j = header.index(name) + 1
        for i, value in enumerate(column, start=2):
            ws.cell(row=i, column=j).value = value
    workbook.save(path)


def set_cell(path: Path, row: int, column: str, value) -> None:
    workbook = openpyxl.load_workbook(path)
    ws = workbook["codes"]
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1).value = value
    workbook.save(path)


def rename_header(path: Path, old: str, new: str) -> None:
    workbook = openpyxl.load_workbook(path)
    ws = workbook["codes"]
    for cell in ws[1]:
        if cell.value == old:
            cell.value = new
    workbook.save(path)


def coded(tmp_path: Path, sheet: pd.DataFrame, name: str = "codes.xlsx") -> Path:
    path = write_code_sheet(sheet, tmp_path / name)
    n = len(sheet)
    fill_xlsx(path, {"code_A": ["1"] * n, "code_B": ["1"] * (n - 1) + ["0"]})
    return path


# --- writing ------------------------------------------------------------------------------


def test_xlsx_sheet_layout(tmp_path, sheet):
    path = write_code_sheet(sheet, tmp_path / "codes.xlsx")
    workbook = openpyxl.load_workbook(path, rich_text=True)
    assert workbook.sheetnames == ["codes", "instructions", "_meta"]
    assert workbook["_meta"].sheet_state == "hidden"
    ws = workbook["codes"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == [str(c) for c in sheet.columns]
    assert all(c.font.b for c in ws[1])
    context = ws.cell(row=2, column=header.index("context") + 1).value
    bold = [part for part in context if not isinstance(part, str)]
    assert len(bold) == 1 and bold[0].text == "[[offensive]]" and bold[0].font.b
    ranges = {str(r) for v in ws.data_validations.dataValidation for r in v.sqref.ranges}
    assert ranges == {"S2:S11", "U2:U11"}  # the code columns, restricted to 1 and 0
    assert ws.data_validations.dataValidation[0].formula1 == '"1,0"'
    guide = "\n".join(c.value or "" for c in workbook["instructions"]["A"])
    assert "Le vocabulaire militaire (combats, armes)." in guide
    assert (
        "contest:operation_name (naming contest): Comment l'opération est-elle nommée ?" in guide
    )
    assert "1 = correct" in guide and "'code_A', 'code_B'" in guide
    assert "validate-demo version 1.0.0" in guide


def test_csv_sheet_and_its_companions(tmp_path, sheet):
    path = write_code_sheet(sheet, tmp_path / "codes.csv")
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [str(c) for c in sheet.columns] and len(rows) == len(sheet) + 1
    meta = json.loads((tmp_path / "codes.meta.json").read_text(encoding="utf-8"))
    assert meta["unit_ids"] == sheet["unit_id"].tolist()
    assert meta["attrs"]["coders"] == ["A", "B"]
    guide = (tmp_path / "codes.instructions.md").read_text(encoding="utf-8")
    assert guide.startswith("Code sheet: 10 rows to code (hit units).")


@pytest.mark.parametrize("name", ["codes.xlsx", "codes.csv"])
def test_round_trip(tmp_path, sheet, name):
    path = write_code_sheet(sheet, tmp_path / name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codes = read_codes(path)
    messages = [str(w.message) for w in caught if issubclass(w.category, FramingWarning)]
    assert len(messages) == 2
    assert "coder 'A' left every unit uncoded (rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)" in messages[0]
    assert codes["unit_id"].tolist() == sheet["unit_id"].tolist()
    assert codes["context"].tolist() == sheet["context"].tolist()
    assert codes["start"].tolist() == sheet["start"].tolist()
    assert codes["weight"].tolist() == sheet["weight"].tolist()
    assert codes["distanced"].tolist() == sheet["distanced"].tolist()
    assert codes.attrs["codebook"] == sheet.attrs["codebook"]
    assert codes.attrs["sources"] == [name]
    assert codes.attrs["n_missing"] == {"A": len(sheet), "B": len(sheet)}


def test_existing_files_are_not_overwritten(tmp_path, sheet):
    path = write_code_sheet(sheet, tmp_path / "codes.csv")
    with pytest.raises(FramingError, match=r"codes\.csv exists \(it may hold codes\)"):
        write_code_sheet(sheet, path)
    write_code_sheet(sheet, path, overwrite=True)
    with pytest.raises(FramingError, match=r"a code sheet is a \.csv or an \.xlsx file"):
        write_code_sheet(sheet, tmp_path / "codes.ods")
    with pytest.raises(FramingError, match="has no 'code_<coder>' column"):
        write_code_sheet(sheet.drop(columns=["code_A", "code_B"]), tmp_path / "x.csv")


def test_text_that_looks_like_a_formula_stays_text(tmp_path, sheet):
    odd = sheet.copy()
    odd.attrs = dict(sheet.attrs)
    odd.loc[0, "note_A"] = "=SUM(A1:A2)"
    path = write_code_sheet(odd, tmp_path / "codes.xlsx")
    workbook = openpyxl.load_workbook(path)
    header = [c.value for c in workbook["codes"][1]]
    cell = workbook["codes"].cell(row=2, column=header.index("note_A") + 1)
    assert cell.data_type == "s" and cell.value == "=SUM(A1:A2)"


# --- reading coded sheets -------------------------------------------------------------------


def test_read_codes_of_filled_workbook(tmp_path, sheet):
    path = coded(tmp_path, sheet)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        codes = read_codes(path)
    assert codes["code_A"].tolist() == ["1"] * len(sheet)
    assert codes["code_B"].tolist()[-1] == "0"
    assert codes.attrs["n_missing"] == {"A": 0, "B": 0}


def test_numbers_typed_in_excel_are_codes(tmp_path, sheet):
    path = write_code_sheet(sheet, tmp_path / "codes.xlsx")
    fill_xlsx(path, {"code_A": [1] * 10, "code_B": [1.0] * 9 + [0]})
    codes = read_codes(path)
    assert set(codes["code_A"]) == {"1"} and codes["code_B"].tolist()[-1] == "0"


def test_renamed_columns_are_named_with_a_suggestion(tmp_path, sheet):
    path = coded(tmp_path, sheet)
    rename_header(path, "code_B", "code_b")
    rename_header(path, "unit_id", "id")
    with pytest.raises(FramingError) as error:
        read_codes(path)
    message = str(error.value)
    assert "the code sheet codes.xlsx has 2 problem(s)" in message
    assert "column 'unit_id' is missing" in message
    assert "column 'code_B' (the codes of coder 'B') is missing" in message
    assert "Did you mean 'code_b'?" in message


def test_unknown_ids_and_codes_outside_the_codebook_name_rows_and_columns(tmp_path, sheet):
    path = coded(tmp_path, sheet)
    set_cell(path, 5, "unit_id", "agence-9:18-27:frame:military")
    set_cell(path, 3, "code_A", "2")
    set_cell(path, 7, "code_B", "oui")
    with pytest.raises(FramingError) as error:
        read_codes(path)
    message = str(error.value)
    assert (
        "row 5, column A (unit_id): unknown unit_id 'agence-9:18-27:frame:military': it is not "
        "one of the units sampled for this sheet." in message
    )
    assert "row 3, column S (code_A): '2' is not a code of the codebook (expected '1' or '0'" in (
        message
    )
    assert "row 7, column U (code_B): 'oui' is not a code of the codebook" in message
    assert "header = row 1" in message


def test_duplicated_and_empty_ids(tmp_path, sheet):
    path = coded(tmp_path, sheet)
    first = sheet["unit_id"].iloc[0]
    set_cell(path, 4, "unit_id", first)
    set_cell(path, 6, "unit_id", None)
    with pytest.raises(FramingError) as error:
        read_codes(path)
    message = str(error.value)
    assert f"rows 2, 4, column A (unit_id): the unit_id {first!r} appears 2 times" in message
    assert "row 6, column A (unit_id): the unit_id is empty." in message


def test_missing_codes_warn_with_rows_or_fail_when_required(tmp_path, sheet):
    path = coded(tmp_path, sheet)
    set_cell(path, 4, "code_B", None)
    set_cell(path, 9, "code_B", " ")
    with pytest.warns(FramingWarning, match=r"coder 'B' left 2 unit\(s\) uncoded \(rows 4, 9\)"):
        codes = read_codes(path)
    assert codes["code_B"].isna().sum() == 2 and codes.attrs["n_missing"]["B"] == 2
    with pytest.raises(FramingError, match=r"rows 4, 9, column U \(code_B\): coder 'B' left 2"):
        read_codes(path, require_complete=True)


def test_deleted_rows_warn(tmp_path, sheet):
    path = write_code_sheet(sheet, tmp_path / "codes.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_codes(path, coders=["A", "B"], codebook=["1", "0"])
    messages = [str(w.message) for w in caught]
    assert any("2 sampled unit(s) are not in the file (rows deleted?)" in m for m in messages)


def test_csv_saved_by_a_french_excel(tmp_path, sheet):
    """Semicolons and Windows-1252, as Excel writes 'CSV (séparateur : point-virgule)'."""
    path = write_code_sheet(sheet, tmp_path / "codes.csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame["code_A"] = "1"
    frame["code_B"] = "0"
    frame["note_A"] = "période"
    text = frame.to_csv(sep=";", index=False, lineterminator="\r\n")
    path.write_bytes(text.encode("cp1252"))
    codes = read_codes(path)
    assert set(codes["code_B"]) == {"0"} and set(codes["note_A"]) == {"période"}
    assert codes["context"].tolist() == sheet["context"].tolist()


def test_copies_of_each_coder_are_merged(tmp_path, sheet):
    first = write_code_sheet(sheet, tmp_path / "anna.xlsx")
    second = write_code_sheet(sheet, tmp_path / "bob.xlsx")
    fill_xlsx(first, {"code_A": ["1"] * 10, "note_A": ["ok"] + [None] * 9})
    fill_xlsx(second, {"code_B": ["0"] * 10})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        codes = read_codes([first, second])
    assert set(codes["code_A"]) == {"1"} and set(codes["code_B"]) == {"0"}
    assert codes.loc[0, "note_A"] == "ok"
    assert codes.attrs["sources"] == ["anna.xlsx", "bob.xlsx"]
    assert codes.attrs["n_missing"] == {"A": 0, "B": 0}
    fill_xlsx(second, {"code_A": ["0"] + [None] * 9})
    with pytest.raises(FramingError, match=r"coder 'A' has different codes in anna\.xlsx and bob"):
        read_codes([first, second])


def test_read_errors(tmp_path, sheet):
    with pytest.raises(FramingError, match="does not exist"):
        read_codes(tmp_path / "nothing.xlsx")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(FramingError, match=r"empty\.csv is empty"):
        read_codes(empty)
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FramingError, match="has no 'code_<coder>' column"):
        read_codes(plain)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"not a workbook")
    with pytest.raises(FramingError, match="cannot be read as an Excel workbook"):
        read_codes(damaged)
    with pytest.raises(FramingError, match="path must be a file path"):
        read_codes(42)
    duplicated = tmp_path / "dup.csv"
    duplicated.write_text("unit_id,code_A,code_A\nx,1,1\n", encoding="utf-8")
    with pytest.raises(FramingError, match="names the column\\(s\\) 'code_A' more than once"):
        read_codes(duplicated)


def test_long_texts_are_cut_in_xlsx_only(tmp_path, lexicon):
    long_text = "Les mesures antiterroristes ont commencé. " + "Mot " * 9000  # ~36,000 chars
    corpus = Corpus(pd.DataFrame({"doc_id": ["long"], "text": [long_text]}), name="long")
    sheet = sample_for_coding(
        corpus, unit="document", n=1, items="military", lexicon=lexicon, random_state=0
    )
    with pytest.warns(FramingWarning, match=r"1 text\(s\) were longer than an Excel cell"):
        path = write_code_sheet(sheet, tmp_path / "long.xlsx")
    ws = openpyxl.load_workbook(path)["codes"]
    cell = ws.cell(row=2, column=[c.value for c in ws[1]].index("context") + 1).value
    assert len(cell) == 32_767 and cell.endswith(" […]")
    csv_path = write_code_sheet(sheet, tmp_path / "long.csv")
    with pytest.warns(FramingWarning, match="left every unit uncoded"):
        assert read_codes(csv_path).loc[0, "context"] == long_text.strip()


def test_instructions_say_when_descriptions_are_missing(tmp_path, corpus, lexicon):
    hits = framing.match_lexicon(corpus, lexicon)  # a lexicon file: not found by name later
    sheet = sample_for_coding(hits, corpus=corpus, n=4, stratify=None, random_state=0)
    write_code_sheet(sheet, tmp_path / "codes.csv")
    guide = (tmp_path / "codes.instructions.md").read_text(encoding="utf-8")
    assert "descriptions of its frames and variants were not available" in guide
    assert "frame:military (military)" in guide
