"""``read_codes``: a coded sheet back into a table, checked row by row."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing.validate._common import (
    CODE_PREFIX,
    HIT_COLUMNS,
    ID_COLUMNS,
    check_codebook,
    check_coders,
    code_column,
    normalize_code,
    note_column,
    shown,
)
from framing.validate._sheets import column_letter, read_sheet_file

CALLER = "read_codes()"
_MAX_SHOWN = 25


def _rows(numbers: Sequence[int], n: int = 12) -> str:
    numbers = [int(r) for r in numbers]
    text = ", ".join(str(r) for r in numbers[:n])
    return text + (f" … ({len(numbers)} rows)" if len(numbers) > n else "")


class _Problems:
    """Problems found in one file, reported together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown_items = self.items[:_MAX_SHOWN]
        more = len(self.items) - len(shown_items)
        text = "\n  ".join(shown_items) + (f"\n  … and {more} more." if more > 0 else "")
        raise FramingError(
            f"{CALLER}: the code sheet {self.path.name} has {len(self.items)} problem(s):\n  "
            f"{text}\nFix the cells named (row numbers as the spreadsheet shows them, header "
            "= row 1), then read the file again."
        )


def _where(frame: pd.DataFrame, column: str) -> str:
    return f"column {column_letter(list(frame.columns).index(column))} ({column})"


def _read_one(
    path: Path,
    *,
    codebook: dict[str, str] | None,
    coders: list[str] | None,
    require_complete: bool,
    warn_missing: bool = True,
) -> pd.DataFrame:
    frame, meta, rows = read_sheet_file(path, caller=CALLER)
    attrs: dict[str, Any] = dict(meta["attrs"]) if meta else {}
    problems = _Problems(path)
    columns = list(frame.columns)

    names = coders or attrs.get("coders")
    if not names:
        names = [c[len(CODE_PREFIX) :] for c in columns if c.startswith(CODE_PREFIX)]
    if not names:
        raise FramingError(
            f"{CALLER}: {path.name} has no 'code_<coder>' column (columns: "
            f"{shown(columns, 20)}). Restore the coders' columns, or pass coders=[...]."
        )
    names = [str(n) for n in names]
    book = codebook if codebook is not None else attrs.get("codebook")
    if book is not None:
        book = check_codebook(book, caller=CALLER)

    unit = attrs.get("unit")
    required = list(ID_COLUMNS) + list(HIT_COLUMNS if unit in (None, "hit") else ())
    if unit is None and "unit" in frame.columns:
        kinds = {str(v).strip() for v in frame["unit"].dropna()}
        if kinds and "hit" not in kinds:
            required = list(ID_COLUMNS)
    original = list(meta.get("columns") or []) if meta else []
    unexpected = [c for c in columns if original and c not in original]
    for column in required + [code_column(c) for c in names]:
        if column not in frame.columns:
            owner = (
                f" (the codes of coder {column[len(CODE_PREFIX) :]!r})"
                if column.startswith(CODE_PREFIX)
                else ""
            )
            if unexpected:
                hint = suggest(column, unexpected) or (
                    f" Columns that were not in the sheet as written: {shown(unexpected)}; "
                    "was one of them renamed?"
                )
            else:
                hint = suggest(column, columns)
            problems.add(
                f"column {column!r}{owner} is missing (columns: {shown(columns, 8)})."
                + hint
                + " Restore the original column name."
            )
    problems.raise_if_any()

    # unit ids
    ids = [None if v is None else str(v).strip() or None for v in frame["unit_id"].tolist()]
    where = _where(frame, "unit_id")
    for r, uid in zip(rows, ids, strict=True):
        if uid is None:
            problems.add(f"row {r}, {where}: the unit_id is empty.")
    seen: dict[str, list[int]] = {}
    for r, uid in zip(rows, ids, strict=True):
        if uid is not None:
            seen.setdefault(uid, []).append(int(r))
    for uid, where_rows in seen.items():
        if len(where_rows) > 1:
            problems.add(
                f"rows {_rows(where_rows)}, {where}: the unit_id {uid!r} appears "
                f"{len(where_rows)} times (a row was copied?). Keep one row per unit."
            )
    known = set(meta["unit_ids"]) if meta and meta.get("unit_ids") else None
    if known is not None:
        for r, uid in zip(rows, ids, strict=True):
            if uid is not None and uid not in known:
                hint = suggest(uid, sorted(known))
                problems.add(
                    f"row {r}, {where}: unknown unit_id {uid!r}: it is not one of the units "
                    f"sampled for this sheet.{hint}"
                )

    # offsets
    parsed: dict[str, list[int | None]] = {}
    for column in ("start", "end", "sentence"):
        if column not in frame.columns:
            continue
        values: list[int | None] = []
        for r, value, uid in zip(rows, frame[column].tolist(), ids, strict=True):
            code = normalize_code(value)
            if code is None:
                values.append(None)
                if column in HIT_COLUMNS and column in required and uid is not None:
                    problems.add(
                        f"row {r}, {_where(frame, column)}: the {column} offset is empty."
                    )
                continue
            try:
                values.append(int(code))
            except ValueError:
                values.append(None)
                problems.add(f"row {r}, {_where(frame, column)}: {value!r} is not a whole number.")
        parsed[column] = values

    # codes
    codes: dict[str, list[str | None]] = {}
    missing: dict[str, list[int]] = {}
    for coder in names:
        column = code_column(coder)
        values = [normalize_code(v) for v in frame[column].tolist()]
        codes[column] = values
        if book is not None:
            allowed = " or ".join(repr(c) for c in book)
            for r, raw, code in zip(rows, frame[column].tolist(), values, strict=True):
                if code is not None and code not in book:
                    problems.add(
                        f"row {r}, {_where(frame, column)}: {raw!r} is not a code of the "
                        f"codebook (expected {allowed}, or an empty cell)."
                        + suggest(code, list(book))
                    )
        missing[coder] = [int(r) for r, v in zip(rows, values, strict=True) if v is None]
    if require_complete:
        for coder, where_rows in missing.items():
            if where_rows:
                problems.add(
                    f"rows {_rows(where_rows)}, {_where(frame, code_column(coder))}: coder "
                    f"{coder!r} left {len(where_rows)} unit(s) uncoded."
                )
    problems.raise_if_any()

    if warn_missing and not require_complete:
        _warn_missing(path.name, missing, len(frame))
    if known is not None:
        absent = [u for u in meta["unit_ids"] if u not in seen]
        if absent:
            warnings.warn(
                f"{CALLER}: {path.name}: {len(absent)} sampled unit(s) are not in the file "
                f"(rows deleted?): {shown(absent, 5)}. They count as not coded.",
                FramingWarning,
                stacklevel=4,
            )

    out = frame.copy()
    out["unit_id"] = pd.Series(ids, dtype=object)
    for column, values in parsed.items():
        out[column] = pd.array(values, dtype="Int64")
    for column, values in codes.items():
        out[column] = pd.Series(values, dtype=object)
    for coder in names:
        note = note_column(coder)
        if note in out.columns:
            out[note] = pd.Series(
                [None if v is None else str(v).strip() or None for v in out[note]], dtype=object
            )
    if "weight" in out.columns:
        out["weight"] = pd.to_numeric(out["weight"], errors="coerce").astype(float)
    if "distanced" in out.columns:
        flags = {"true": True, "1": True, "false": False, "0": False}
        out["distanced"] = pd.Series(
            [flags.get(str(normalize_code(v)).lower()) for v in out["distanced"]], dtype=object
        )
    for column in ("unit", "doc_id", "item"):
        out[column] = pd.Series(
            [None if v is None else str(v) for v in out[column].tolist()], dtype=object
        )
    attrs.update(
        coders=names,
        codebook=book,
        sources=[path.name],
        rows=[int(r) for r in rows],
        n_missing={c: len(v) for c, v in missing.items()},
    )
    if "unit" not in attrs or attrs["unit"] is None:
        kinds = sorted({u for u in out["unit"] if u})
        attrs["unit"] = kinds[0] if len(kinds) == 1 else None
    out.attrs = attrs
    return out


def _warn_missing(name: str, missing: dict[str, list[int]], n_rows: int) -> None:
    for coder, where_rows in missing.items():
        if not where_rows:
            continue
        what = "every unit" if len(where_rows) == n_rows else f"{len(where_rows)} unit(s)"
        warnings.warn(
            f"{CALLER}: {name}: coder {coder!r} left {what} uncoded (rows "
            f"{_rows(where_rows)}). Empty cells count as missing data: such units have fewer "
            "codes (a unit with one code is left out of reliability).",
            FramingWarning,
            stacklevel=4,
        )


def _merge(
    frames: list[pd.DataFrame], paths: list[Path], *, require_complete: bool
) -> pd.DataFrame:
    """Several coders' copies of one sheet, merged on unit_id."""
    base = frames[0].set_index("unit_id", drop=False)
    coders: list[str] = list(base.attrs.get("coders") or [])
    problems = _Problems(paths[0])
    for frame, path in zip(frames[1:], paths[1:], strict=True):
        other = frame.set_index("unit_id", drop=False)
        extra = [u for u in other.index if u not in base.index]
        if extra:
            problems.add(
                f"{path.name} has {len(extra)} unit(s) that {paths[0].name} does not have "
                f"({shown(extra, 5)}): the files are not copies of one code sheet."
            )
            continue
        for coder in other.attrs.get("coders") or []:
            if coder not in coders:
                coders.append(coder)
            for column in (code_column(coder), note_column(coder)):
                if column not in other.columns:
                    continue
                if column not in base.columns:
                    base[column] = pd.Series([None] * len(base), index=base.index, dtype=object)
                mine = base.loc[other.index, column]
                theirs = other[column]
                clash = mine.notna() & theirs.notna() & (mine != theirs)
                if column.startswith(CODE_PREFIX) and clash.any():
                    where = [int(other.attrs["rows"][i]) for i in np.flatnonzero(clash.to_numpy())]
                    problems.add(
                        f"coder {coder!r} has different codes in {paths[0].name} and "
                        f"{path.name} (rows {_rows(where)} of {path.name}). Keep one version."
                    )
                fill = mine.isna() & theirs.notna()
                base.loc[other.index[fill.to_numpy()], column] = theirs[fill].to_numpy()
    problems.raise_if_any()
    merged = base.reset_index(drop=True)
    merged.attrs = dict(frames[0].attrs)
    merged.attrs["coders"] = coders
    merged.attrs["sources"] = [p.name for p in paths]
    merged.attrs["n_missing"] = {
        c: int(merged[code_column(c)].isna().sum())
        for c in coders
        if code_column(c) in merged.columns
    }
    rows = merged.attrs.pop("rows", None) or list(range(2, len(merged) + 2))
    missing = {
        c: [int(r) for r, v in zip(rows, merged[code_column(c)], strict=True) if pd.isna(v)]
        for c in coders
        if code_column(c) in merged.columns
    }
    if require_complete:
        for coder, where_rows in missing.items():
            if where_rows:
                problems.add(
                    f"rows {_rows(where_rows)}: coder {coder!r} left {len(where_rows)} "
                    "unit(s) uncoded in every copy."
                )
        problems.raise_if_any()
        return merged
    _warn_missing(f"{paths[0].name} (merged with {len(paths) - 1} copies)", missing, len(merged))
    return merged


def read_codes(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    codebook: Mapping[Any, str] | Sequence[Any] | None = None,
    coders: Sequence[str] | None = None,
    require_complete: bool = False,
) -> pd.DataFrame:
    """Read a coded code sheet (or several coders' copies of it) and check it.

    Parameters
    ----------
    path : str, path or list of them
        The ``.xlsx`` or ``.csv`` sheet written by :func:`write_code_sheet` and filled in
        by coders. Several files are copies of the same sheet, typically one per coder:
        their code and note columns are merged on ``unit_id``.
    codebook : mapping or list, optional
        The allowed codes. Default: the codebook stored with the sheet. Without either,
        codes are not checked.
    coders : list of str, optional
        The coders whose ``code_<coder>`` columns to read. Default: those stored with the
        sheet, else every ``code_*`` column.
    require_complete : bool, default False
        Make an empty code an error instead of a warning.

    Returns
    -------
    pandas.DataFrame
        The sheet's rows and columns, with ``code_<coder>`` as text codes (None when
        empty), ``note_<coder>`` as text or None, ``start``, ``end``, ``sentence`` as
        Int64 and ``weight`` as float. ``attrs`` holds the sheet's stored metadata
        (unit, codebook, coders, lexicon and corpus provenance, strata) plus ``sources``
        (file names) and ``n_missing`` (empty codes per coder).

    Raises
    ------
    FramingError
        Listing every problem at once, with the row (as the spreadsheet numbers it,
        header = row 1) and the column (letter and name): a missing or renamed column
        (with the closest name), an empty, duplicated or unknown ``unit_id`` (unknown: not
        one of the sampled units), a code outside the codebook, an offset that is not a
        whole number; with ``require_complete``, empty codes. Also an unreadable file,
        copies that are not of the same sheet, or a coder with different codes in two
        copies.

    Warns
    -----
    FramingWarning
        A coder left units uncoded (rows listed); sampled units missing from the file.

    Examples
    --------
    >>> import framing, tempfile, pathlib
    >>> from framing.validate import sample_for_coding, write_code_sheet
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> hits = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> sheet = sample_for_coding(hits, corpus=corpus, n=4, coders=["A", "B"],
    ...                           stratify=None, random_state=0)
    >>> sheet["code_A"], sheet["code_B"] = "1", ["1", "1", "0", "1"]
    >>> path = write_code_sheet(sheet, pathlib.Path(tempfile.mkdtemp()) / "codes.csv")
    >>> codes = read_codes(path)
    >>> codes["code_B"].tolist()
    ['1', '1', '0', '1']
    """
    if isinstance(path, (str, os.PathLike)):
        paths = [Path(path)]
    elif (
        isinstance(path, Sequence)
        and path
        and all(isinstance(p, (str, os.PathLike)) for p in path)
    ):
        paths = [Path(p) for p in path]
    else:
        raise FramingError(
            f"{CALLER}: path must be a file path or a list of file paths; got {path!r}."
        )
    if not isinstance(require_complete, (bool, np.bool_)):
        raise FramingError(f"{CALLER}: require_complete must be True or False.")
    names = None if coders is None else check_coders(coders, caller=CALLER)
    book = None if codebook is None else check_codebook(codebook, caller=CALLER)
    frames = [
        _read_one(
            p,
            codebook=book,
            coders=names,
            require_complete=bool(require_complete) and len(paths) == 1,
            warn_missing=len(paths) == 1,
        )
        for p in paths
    ]
    if len(frames) == 1:
        frames[0].attrs.pop("rows", None)
        return frames[0]
    return _merge(frames, paths, require_complete=bool(require_complete))
