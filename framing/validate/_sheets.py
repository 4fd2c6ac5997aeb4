"""Code sheets on disk: ``write_code_sheet`` (CSV or XLSX) and reading the raw cells back."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning
from framing._xlsx import write_reproducible
from framing.validate._common import (
    CODE_PREFIX,
    CODES_SHEET,
    ID_COLUMNS,
    INSTRUCTIONS_SHEET,
    MARK_CLOSE,
    MARK_OPEN,
    META_SHEET,
    NOTE_PREFIX,
    SHEET_FORMAT,
    code_column,
    item_label,
    note_column,
    shown,
)

CALLER = "write_code_sheet()"
#: Suffixes of the two formats.
FORMATS: dict[str, str] = {".csv": "csv", ".xlsx": "xlsx"}
#: The most characters an Excel cell holds.
XLSX_CELL_LIMIT = 32_767
_TRUNCATED = " […]"
_META_CHUNK = 30_000


def meta_path(path: Path) -> Path:
    """The metadata file beside a CSV code sheet: ``codes.csv`` → ``codes.meta.json``."""
    return path.with_name(path.stem + ".meta.json")


def instructions_path(path: Path) -> Path:
    """The instructions beside a CSV code sheet: ``codes.csv`` → ``codes.instructions.md``."""
    return path.with_name(path.stem + ".instructions.md")


def format_of(path: Path, *, caller: str) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FramingError(
            f"{caller}: {path.name}: a code sheet is a .csv or an .xlsx file; got "
            f"{path.suffix or 'no suffix'!r}. Give the file name a .csv or .xlsx suffix."
        )
    return fmt


def _xlsx_module() -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise FramingError(
            "XLSX code sheets need the openpyxl package (pip install openpyxl); or write and "
            "read a .csv code sheet instead."
        ) from None
    return openpyxl


# --- instructions --------------------------------------------------------------------------


def instructions(attrs: dict[str, Any], items: Sequence[str] = ()) -> list[str]:
    """The instructions for coders, one line per list item, from the sheet's attrs.

    ``items`` are the items the sheet asks about (default: the sheet's ``items`` attr).
    """
    unit = attrs.get("unit", "hit")
    coders = attrs.get("coders") or []
    codebook = attrs.get("codebook") or {}
    lexicon = attrs.get("lexicon") or {}
    descriptions = attrs.get("item_descriptions") or {}
    lines = [f"Code sheet: {attrs.get('n_rows', '?')} rows to code ({unit} units)."]
    if lexicon.get("name"):
        lines.append(
            f"Lexicon: {lexicon['name']} version {lexicon.get('version')} "
            f"({lexicon.get('fingerprint')})."
        )
    if lexicon.get("description"):
        lines.append(f"About the lexicon: {lexicon['description']}")
    lines += ["", "WHAT TO DO"]
    if unit == "hit":
        lines += [
            "Each row is one hit of the lexicon: the words between [[ and ]] in the column "
            "'context' (in bold in Excel) were counted for the frame or naming variant in "
            "the column 'item'.",
            "Question: do the marked words signal this frame, or name this variant, the way "
            "its description below says? For a naming contest: do they refer to the event "
            "or referent the contest is about (and not to another war, another side's "
            "action, another sense of the word)?",
            "Judge the words in their context, whatever the voice: a quotation counts like "
            "the author's own words.",
        ]
    else:
        what = "text" if unit == "document" else "sentence"
        lines += [
            f"Each row asks about one item (a frame or a naming variant, column 'item') in "
            f"one {what} (column 'context').",
            f"Question: does this {what} use this frame, or name the referent with this "
            "variant, as its description below says (in any voice, quotations included)?",
            f"Read the whole {what}. The lexicon's own hits are not shown, on purpose: code "
            "what you read, not what a dictionary would find.",
        ]
    columns = ", ".join(f"'{code_column(c)}'" for c in coders) or "your 'code_<name>' column"
    lines += [
        f"Write one code from the codebook in your own column ({columns}); a comment, if "
        "useful, in the matching 'note_<name>' column.",
        "Leave a code empty only if you cannot decide: an empty cell is missing data, not a 0.",
        "Code independently: do not look at the other coders' columns. Ideally each coder "
        "works on a copy of this file; the copies are merged when read back.",
        "Do not edit, rename, insert or delete columns or rows. You may filter, and sort "
        "whole rows, but never sort a single column: the unit_id must stay on its row.",
        "",
        "CODEBOOK",
    ]
    lines += [
        f"{code} = {meaning}" if meaning else str(code) for code, meaning in codebook.items()
    ]
    if not descriptions:
        lines += [
            "",
            "(The lexicon's descriptions of its frames and variants were not available when "
            "this sheet was made: ask for them, or remake the sheet with "
            "sample_for_coding(..., lexicon=...).)",
        ]
    items = list(attrs.get("items") or items)
    items = [i for i in items if not (i.startswith("contest:") and "/" not in i)]
    if items:
        lines += ["", "ITEMS"]
        contests_shown: set[str] = set()
        for item in items:
            if item.startswith("contest:"):
                contest = item.split("/", 1)[0]
                if contest not in contests_shown:
                    contests_shown.add(contest)
                    about = descriptions.get(contest)
                    lines.append(f"{contest} (naming contest)" + (f": {about}" if about else ""))
            text = descriptions.get(item)
            lines.append(f"{item}: {text}" if text else f"{item} ({item_label(item)})")
    lines += ["", "ABOUT THIS SAMPLE"]
    strata = attrs.get("strata") or []
    lines.append(
        f"{attrs.get('n_units', '?')} units drawn at random from {attrs.get('population', '?')}"
        f" ({attrs.get('allocation', '?')} allocation over {len(strata)} strata of "
        f"{', '.join(attrs.get('stratify') or []) or 'nothing (simple random sample)'}; "
        f"seed {attrs.get('random_state')!r}). The columns 'stratum' and 'weight' are for "
        "the analysis; coders can ignore them."
    )
    return lines


# --- writing -------------------------------------------------------------------------------


def _record(sheet: pd.DataFrame) -> dict[str, Any]:
    """The metadata stored with the sheet: its attrs, columns and unit ids.

    Key order is kept (not sorted): the codebook's order is the scale's order.
    """
    return {
        "format": SHEET_FORMAT,
        "attrs": json.loads(json.dumps(sheet.attrs, default=str)),
        "columns": [str(c) for c in sheet.columns],
        "unit_ids": [str(u) for u in sheet["unit_id"]],
        "items": sorted({str(i) for i in sheet["item"].dropna()}),
    }


def _check_sheet(sheet: Any) -> pd.DataFrame:
    if not isinstance(sheet, pd.DataFrame):
        raise FramingError(
            f"{CALLER}: sheet must be the DataFrame returned by sample_for_coding(); got "
            f"{type(sheet).__name__}."
        )
    missing = [c for c in ID_COLUMNS if c not in sheet.columns]
    if missing:
        raise FramingError(
            f"{CALLER}: the sheet has no column {missing[0]!r}: it is not a code sheet from "
            "sample_for_coding()."
        )
    if not any(str(c).startswith(CODE_PREFIX) for c in sheet.columns):
        raise FramingError(
            f"{CALLER}: the sheet has no 'code_<coder>' column, so coders have nowhere to "
            "write. Make it with sample_for_coding(..., coders=[...])."
        )
    if not sheet["unit_id"].is_unique:
        raise FramingError(f"{CALLER}: the sheet's unit_id values are not unique.")
    return sheet


def _cell_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def write_code_sheet(
    sheet: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> Path:
    """Write a code sheet for coders: an XLSX workbook, or a CSV file with its companions.

    Parameters
    ----------
    sheet : pandas.DataFrame
        From :func:`~framing.validate.sample_for_coding` (its ``attrs`` carry the
        codebook, coders and provenance).
    path : str or path
        ``*.xlsx``: a workbook with a ``codes`` worksheet (header row frozen, filters on,
        the hit in bold inside ``context``, code columns highlighted and restricted to the
        codebook's codes), an ``instructions`` worksheet generated from the lexicon's
        descriptions and the codebook, and a hidden ``_meta`` worksheet (the sheet's
        metadata and unit ids, used by :func:`read_codes`). ``*.csv``: UTF-8 with a byte
        order mark (so that Excel shows accents), every text quoted, plus
        ``<name>.instructions.md`` and ``<name>.meta.json`` beside it. Either way the same
        sheet gives byte-identical files on every run: the workbook's created and modified
        properties and its ZIP entries carry a fixed date-time, 1980-01-01 00:00:00 UTC,
        rather than the time of writing: no input holds a date, and the sheet's
        provenance (lexicon, corpus, seed) is in its metadata.
    overwrite : bool, default False
        Replace existing files. Off by default: a coded sheet must not be lost by
        re-running a script.

    Returns
    -------
    pathlib.Path
        The sheet's path.

    Raises
    ------
    FramingError
        ``sheet`` is not a code sheet; the suffix is not ``.csv`` or ``.xlsx``; a file
        exists and ``overwrite`` is False.

    Warns
    -----
    FramingWarning
        When texts longer than an Excel cell (32,767 characters) are cut in an XLSX sheet.

    Examples
    --------
    >>> import framing, tempfile, pathlib
    >>> from framing.validate import sample_for_coding
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> hits = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> sheet = sample_for_coding(hits, corpus=corpus, n=10, stratify=None,
    ...                           random_state=0)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_code_sheet(sheet, folder / "codes.xlsx").name
    'codes.xlsx'
    """
    sheet = _check_sheet(sheet)
    target = Path(path)
    fmt = format_of(target, caller=CALLER)
    written = [target] + ([meta_path(target), instructions_path(target)] if fmt == "csv" else [])
    existing = [p for p in written if p.exists()]
    if existing and not overwrite:
        raise FramingError(
            f"{CALLER}: {existing[0]} exists (it may hold codes). Choose another file name, "
            "or pass overwrite=True to replace it."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    record = _record(sheet)
    lines = instructions(record["attrs"], record["items"])
    if fmt == "csv":
        _write_csv(sheet, target)
        meta_path(target).write_text(
            json.dumps(record, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        instructions_path(target).write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        _write_xlsx(sheet, target, lines, record)
    return target


def _write_csv(sheet: pd.DataFrame, path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow([str(c) for c in sheet.columns])
    for row in sheet.itertuples(index=False):
        values = [_cell_value(v) for v in row]
        writer.writerow(["" if v is None else v for v in values])
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _write_xlsx(sheet: pd.DataFrame, path: Path, lines: list[str], record: dict) -> None:
    """Write the workbook; the same sheet gives the same bytes (see ``write_code_sheet``)."""
    openpyxl = _xlsx_module()
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    try:
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
    except ImportError:  # pragma: no cover - openpyxl < 3.1
        CellRichText = None

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = CODES_SHEET
    columns = [str(c) for c in sheet.columns]
    header_font = Font(bold=True)
    code_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=name)
        cell.font = header_font
        if name.startswith((CODE_PREFIX, NOTE_PREFIX)):
            cell.fill = code_fill
    truncated = 0
    hit_sheet = record["attrs"].get("unit") == "hit"
    for i, row in enumerate(sheet.itertuples(index=False), start=2):
        for j, (name, raw) in enumerate(zip(columns, row, strict=True), start=1):
            value = _cell_value(raw)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if len(value) > XLSX_CELL_LIMIT:
                    value = value[: XLSX_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
                    truncated += 1
            shown_value: Any = value
            if (
                name == "context"
                and hit_sheet
                and CellRichText is not None
                and isinstance(value, str)
                and MARK_OPEN in value
                and MARK_CLOSE in value[value.index(MARK_OPEN) :]
            ):
                a = value.index(MARK_OPEN)
                b = value.index(MARK_CLOSE, a)
                bold = TextBlock(InlineFont(b=True), value[a : b + len(MARK_CLOSE)])
                before, after = value[:a], value[b + len(MARK_CLOSE) :]
                shown_value = CellRichText(
                    ([before] if before else []) + [bold] + ([after] if after else [])
                )
            cell = ws.cell(row=i, column=j, value=shown_value)
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # text that starts with "=" is text, not a formula
            if name == "context":
                cell.alignment = wrap
    n_rows = len(sheet)
    widths = {"context": 100, "unit_id": 30, "surface": 24, "item": 30}
    for j, name in enumerate(columns):
        letter = _letter(j)
        if name in widths:
            width = widths[name]
        elif name.startswith(NOTE_PREFIX):
            width = 30
        elif name.startswith(CODE_PREFIX):
            width = max(10, len(name) + 2)
        else:
            width = min(40, max(8, len(name) + 2))
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    if n_rows:
        ws.auto_filter.ref = f"A1:{_letter(len(columns) - 1)}{n_rows + 1}"
    codes = list((record["attrs"].get("codebook") or {}).keys())
    listed = ",".join(codes)
    if codes and len(listed) <= 250 and not any(("," in c or '"' in c) for c in codes):
        validation = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Not a code",
            error=f"Use one of the codebook's codes: {listed} (or leave the cell empty).",
        )
        ws.add_data_validation(validation)
        for j, name in enumerate(columns):
            if name.startswith(CODE_PREFIX) and n_rows:
                validation.add(f"{_letter(j)}2:{_letter(j)}{n_rows + 1}")

    guide = workbook.create_sheet(INSTRUCTIONS_SHEET)
    guide.column_dimensions["A"].width = 120
    for i, line in enumerate(lines, start=1):
        cell = guide.cell(row=i, column=1, value=ILLEGAL_CHARACTERS_RE.sub("", line) or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if line.isupper():
            cell.font = header_font
    meta = workbook.create_sheet(META_SHEET)
    text = json.dumps(record, ensure_ascii=False)
    for i, start in enumerate(range(0, len(text), _META_CHUNK), start=1):
        meta.cell(row=i, column=1, value=text[start : start + _META_CHUNK]).data_type = "s"
    meta.sheet_state = "hidden"
    write_reproducible(workbook, path)
    if truncated:
        warnings.warn(
            f"{CALLER}: {truncated} text(s) were longer than an Excel cell "
            f"({XLSX_CELL_LIMIT:,} characters) and were cut (marked '{_TRUNCATED.strip()}'). "
            "Write a .csv sheet to keep whole texts, or code sentences (unit='sentence').",
            FramingWarning,
            stacklevel=3,
        )


# --- reading raw cells ---------------------------------------------------------------------


def _decode(data: bytes, path: Path, caller: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise FramingError(
                f"{caller}: {path.name} is neither UTF-8 nor Windows-1252 text. Save it again "
                "as 'CSV UTF-8' (or as .xlsx)."
            ) from None


def _sniff(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _frame(header: list[Any], rows: list[list[Any]], path: Path, caller: str) -> pd.DataFrame:
    names = []
    for j, name in enumerate(header):
        text = "" if name is None else str(name).strip()
        names.append(text or f"(column {_letter(j)})")
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise FramingError(
            f"{caller}: {path.name}: the header names the column(s) {shown(duplicated)} more "
            "than once. Each column name must appear once; restore the original header."
        )
    width = len(names)
    padded = []
    for row in rows:
        row = list(row)[:width] + [None] * (width - len(row))
        padded.append(row)
    frame = pd.DataFrame(padded, columns=names, dtype=object)
    return frame


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet_file(path: Path, *, caller: str) -> tuple[pd.DataFrame, dict | None, np.ndarray]:
    """The cells of a code sheet (object values), its stored metadata, each row's number.

    Row numbers are those a spreadsheet shows: the header is row 1. Trailing blank rows
    are dropped.
    """
    if not path.is_file():
        raise FramingError(f"{caller}: {path} does not exist or is not a file.")
    fmt = format_of(path, caller=caller)
    meta: dict | None = None
    if fmt == "xlsx":
        openpyxl = _xlsx_module()
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types on a damaged file
            raise FramingError(
                f"{caller}: {path.name} cannot be read as an Excel workbook ({exc})."
            ) from None
        try:
            ws = (
                workbook[CODES_SHEET]
                if CODES_SHEET in workbook.sheetnames
                else workbook.worksheets[0]
            )
            cells = [list(r) for r in ws.iter_rows(values_only=True)]
            if META_SHEET in workbook.sheetnames:
                chunks = [r[0] for r in workbook[META_SHEET].iter_rows(values_only=True) if r]
                meta = _parse_meta("".join(str(c) for c in chunks if c is not None), path, caller)
        finally:
            workbook.close()
    else:
        text = _decode(path.read_bytes(), path, caller)
        try:
            cells = [list(r) for r in csv.reader(io.StringIO(text), delimiter=_sniff(text))]
        except csv.Error as exc:
            raise FramingError(f"{caller}: {path.name} is not valid CSV ({exc}).") from None
        cells = [[None if c == "" else c for c in row] for row in cells]
        side = meta_path(path)
        if side.is_file():
            meta = _parse_meta(side.read_text(encoding="utf-8"), side, caller)
    if not cells or all(_blank(v) for v in cells[0]):
        raise FramingError(f"{caller}: {path.name} is empty: it has no header row.")
    header, rows = cells[0], cells[1:]
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    numbers = np.arange(2, len(rows) + 2)
    keep = [i for i, row in enumerate(rows) if not all(_blank(v) for v in row)]
    frame = _frame(header, [rows[i] for i in keep], path, caller)
    return frame, meta, numbers[keep]


def _parse_meta(text: str, path: Path, caller: str) -> dict:
    try:
        meta = json.loads(text)
    except json.JSONDecodeError:
        raise FramingError(
            f"{caller}: the code sheet's metadata in {path.name} is damaged (not JSON). "
            "Restore it from the file written by write_code_sheet, or delete it and pass "
            "codebook= and coders= to read_codes."
        ) from None
    if not isinstance(meta, dict) or "attrs" not in meta:
        raise FramingError(f"{caller}: {path.name} does not hold code-sheet metadata.")
    return meta


def column_letter(index: int) -> str:
    return _letter(index)


def notes_of(coders: list[str]) -> list[str]:
    return [note_column(c) for c in coders]
