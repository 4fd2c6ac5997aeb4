"""XLSX files written byte-identically across runs: framing._xlsx and write_code_sheet."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import Corpus
from framing._xlsx import FIXED_TIME, normalise_archive, write_reproducible
from framing.validate import read_codes, sample_for_coding, write_code_sheet

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).parent / "data" / "validate"
AGENCE = "Bakou a lancé une offensive contre le Karabakh."
SPORT = "Le club a lancé une offensive en seconde période."
CORE = "docProps/core.xml"
_real_localtime = time.localtime


@pytest.fixture(scope="module")
def sheet():
    lexicon = framing.read_lexicon(DATA / "demo-lexicon.yaml")
    rows = [{"doc_id": f"agence-{i}", "text": AGENCE, "outlet": "Agence"} for i in range(1, 4)]
    rows += [{"doc_id": f"sport-{i}", "text": SPORT, "outlet": "Sport"} for i in range(1, 3)]
    corpus = Corpus(pd.DataFrame(rows), name="xlsx-demo")
    hits = framing.match_lexicon(corpus, lexicon)
    return sample_for_coding(
        hits, corpus=corpus, n=100, coders=["A", "B"], lexicon=lexicon, random_state=0
    )


class _Clock:
    """A wall clock that the test moves forward: time.time, time.localtime, datetime.now."""

    def __init__(self, start: float) -> None:
        self.now = start

    def time(self) -> float:
        return self.now

    def localtime(self, seconds: float | None = None) -> time.struct_time:
        return _real_localtime(self.now if seconds is None else seconds)


@pytest.fixture
def clock(monkeypatch):
    """Control the clock that openpyxl (datetime.now) and zipfile (time.localtime) read."""
    state = _Clock(dt.datetime(2023, 9, 19, 12, 0, 0, tzinfo=dt.timezone.utc).timestamp())

    class _Datetime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.fromtimestamp(state.now, tz)

        @classmethod
        def utcnow(cls):
            return dt.datetime.fromtimestamp(state.now, dt.timezone.utc).replace(tzinfo=None)

    monkeypatch.setattr(time, "time", state.time)
    monkeypatch.setattr(time, "localtime", state.localtime)
    monkeypatch.setattr(dt, "datetime", _Datetime)  # the module openpyxl reads the time from
    return state


def _entries(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist()


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


# --- the clock really moves: plain openpyxl saves differ -----------------------------------


def test_plain_openpyxl_saves_differ_when_the_clock_moves(clock):
    def save() -> bytes:
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = "offensive"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    first = save()
    clock.now += 3 * 86_400 + 7
    second = save()
    assert first != second  # else the tests below would prove nothing
    dates = [{e.date_time for e in _entries(data)} for data in (first, second)]
    assert dates[0] != dates[1] and (1980, 1, 1, 0, 0, 0) not in dates[0] | dates[1]
    assert "2023-09-19T12:00:00Z" in _part(first, CORE)
    assert "2023-09-22T12:00:07Z" in _part(second, CORE)


# --- write_code_sheet ----------------------------------------------------------------------


def test_code_sheet_is_byte_identical_across_runs(tmp_path, sheet, clock):
    first = write_code_sheet(sheet, tmp_path / "first.xlsx").read_bytes()
    clock.now += 3 * 86_400 + 7
    second = write_code_sheet(sheet, tmp_path / "second.xlsx").read_bytes()
    assert first == second


def test_code_sheet_is_byte_identical_with_a_real_pause(tmp_path, sheet):
    first = write_code_sheet(sheet, tmp_path / "first.xlsx").read_bytes()
    time.sleep(2.1)  # ZIP times have a two-second resolution
    second = write_code_sheet(sheet, tmp_path / "first.xlsx", overwrite=True).read_bytes()
    assert first == second


def test_code_sheet_carries_fixed_dates(tmp_path, sheet, clock):
    data = write_code_sheet(sheet, tmp_path / "codes.xlsx").read_bytes()
    core = _part(data, CORE)
    assert ">1980-01-01T00:00:00Z</dcterms:created>" in core
    assert ">1980-01-01T00:00:00Z</dcterms:modified>" in core
    assert "2023" not in core
    entries = _entries(data)
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert {e.external_attr for e in entries} == {0o100644 << 16}
    assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
    names = [e.filename for e in entries]
    assert "[Content_Types].xml" in names and "xl/worksheets/sheet3.xml" in names


def test_code_sheet_still_opens_and_reads_back(tmp_path, sheet):
    path = write_code_sheet(sheet, tmp_path / "codes.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["codes", "instructions", "_meta"]
    assert workbook["_meta"].sheet_state == "hidden"
    assert workbook["codes"].freeze_panes == "A2"
    assert (
        workbook["instructions"]["A1"].value
        == f"Code sheet: {len(sheet)} rows to code (hit units)."
    )
    assert workbook.properties.created == dt.datetime(1980, 1, 1)
    assert workbook.properties.modified == dt.datetime(1980, 1, 1)

    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    assert list(frames) == ["codes", "instructions", "_meta"]
    assert list(frames["codes"].columns) == [str(c) for c in sheet.columns]
    assert frames["codes"]["unit_id"].tolist() == sheet["unit_id"].tolist()

    # a coder fills the sheet in: read_codes reads it with the metadata from _meta
    header = [c.value for c in workbook["codes"][1]]
    for i in range(2, len(sheet) + 2):
        workbook["codes"].cell(row=i, column=header.index("code_A") + 1).value = "1"
        workbook["codes"].cell(row=i, column=header.index("code_B") + 1).value = "0"
    workbook.save(path)
    codes = read_codes(path)
    assert len(codes) == len(sheet)
    assert set(codes["code_A"]) == {"1"} and set(codes["code_B"]) == {"0"}  # text codes


def test_different_sheets_still_give_different_bytes(tmp_path, sheet):
    first = write_code_sheet(sheet, tmp_path / "all.xlsx").read_bytes()
    fewer = sheet.iloc[:-1].copy()
    fewer.attrs = dict(sheet.attrs, n_rows=len(fewer))
    second = write_code_sheet(fewer, tmp_path / "fewer.xlsx").read_bytes()
    assert first != second


# --- the helper ----------------------------------------------------------------------------


def _book(value: str = "mesures antiterroristes") -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = value
    workbook.create_sheet("autre")["B2"] = 3
    return workbook


def test_write_reproducible_keeps_entries_in_order(tmp_path, clock):
    buffer = io.BytesIO()
    _book().save(buffer)
    plain = _entries(buffer.getvalue())
    path = write_reproducible(_book(), tmp_path / "book.xlsx")
    fixed = _entries(path.read_bytes())
    assert [e.filename for e in fixed] == [e.filename for e in plain]
    assert [e.compress_type for e in fixed] == [e.compress_type for e in plain]
    with zipfile.ZipFile(path) as archive:
        source = zipfile.ZipFile(buffer)
        for entry in plain:
            if entry.filename != CORE:
                assert archive.read(entry.filename) == source.read(entry.filename)


def test_write_reproducible_takes_a_date_from_the_inputs(tmp_path, clock):
    when = dt.datetime(2023, 9, 20, 13, 0, 0, 123_456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    first = write_reproducible(_book(), tmp_path / "a.xlsx", when=when).read_bytes()
    clock.now += 60
    second = write_reproducible(_book(), tmp_path / "b.xlsx", when=when).read_bytes()
    assert first == second
    core = _part(first, CORE)
    assert ">2023-09-20T11:00:00Z</dcterms:created>" in core
    assert ">2023-09-20T11:00:00Z</dcterms:modified>" in core
    assert {e.date_time for e in _entries(first)} == {FIXED_TIME.timetuple()[:6]}
    workbook = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert workbook.properties.modified == dt.datetime(2023, 9, 20, 11, 0, 0)
    assert workbook.active["A1"].value == "mesures antiterroristes"


def test_write_reproducible_replaces_an_existing_file(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old")
    write_reproducible(_book("offensive"), path)
    assert openpyxl.load_workbook(path).active["A1"].value == "offensive"


def test_normalise_archive_is_idempotent_and_fixes_directories():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("xl/", date_time=(2023, 9, 19, 8, 0, 0)), b"")
        stored = zipfile.ZipInfo("xl/a.xml", date_time=(2023, 9, 19, 8, 0, 0))
        stored.external_attr = 0o600 << 16
        archive.writestr(stored, b"<a/>", compress_type=zipfile.ZIP_STORED)
    once = normalise_archive(buffer.getvalue())
    assert normalise_archive(once) == once
    directory, stored = _entries(once)
    assert directory.is_dir() and directory.external_attr == (0o040755 << 16) | 0x10
    assert stored.compress_type == zipfile.ZIP_STORED
    assert {directory.date_time, stored.date_time} == {(1980, 1, 1, 0, 0, 0)}
    assert zipfile.ZipFile(io.BytesIO(once)).read("xl/a.xml") == b"<a/>"
