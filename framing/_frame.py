"""The frame behind a Corpus: building and validating it, selecting and counting its rows.

:func:`build_frame` turns a DataFrame into the frame a :class:`framing.Corpus` wraps:
``doc_id`` (unique strings), ``text`` (strings), then the metadata columns, dates parsed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._dates import parse_dates, parse_dates_detail
from framing._errors import CorpusError, suggest
from framing._readers import (
    DEFAULT_DATE,
    DEFAULT_DOC_ID,
    TEXT_COLUMNS,
    generated_ids,
    isna,
    logger,
    repeated,
    shown,
    warn,
)

MISSING_GROUP = "(missing)"
_SHOWN_ROWS = 5  # ids whose rows a duplicate-id error lists


def missing_column(name: str, columns: list[str], *, role: str, fix: str) -> CorpusError:
    common = [c for c in columns if str(c).lower() in TEXT_COLUMNS] if role == "text" else []
    if common:  # a column with a usual name for texts beats a merely similar spelling
        hint = " Did you mean " + " or ".join(repr(c) for c in common) + "?"
    else:
        hint = suggest(name, columns)
    present = shown([repr(c) for c in columns], n=20) or "none"
    return CorpusError(
        f"No {role} column {name!r} in the data. Columns present: {present}.{hint} {fix}"
    )


def ids_to_str(ids: pd.Series, *, column: str) -> pd.Series:
    """Cast ids to strings; integral floats (ids read next to missing values) lose '.0'."""
    missing = ids.isna()
    if missing.any():
        rows = [str(i) for i in np.flatnonzero(missing.to_numpy())]
        raise CorpusError(
            f"{int(missing.sum())} document(s) have no id in column {column!r} (rows "
            f"{shown(rows)}, counting from 0). Every document needs an id: fill "
            "them in, or drop the column so that ids are generated."
        )
    if pd.api.types.is_float_dtype(ids.dtype) and (ids % 1 == 0).all():
        ids = ids.astype("int64")
    return ids.astype(str)


def texts_to_str(texts: pd.Series) -> pd.Series:
    """Missing texts become ''; other non-strings are converted with str()."""
    values = texts.astype(object).tolist()
    cleaned = [
        v if isinstance(v, str) else ("" if v is None or isna(v) else str(v)) for v in values
    ]
    return pd.Series(cleaned, index=texts.index, dtype=str)


def empty_mask(texts: list[str]) -> np.ndarray:
    return np.fromiter((not t.strip() for t in texts), dtype=bool, count=len(texts))


def check_unique_ids(ids: pd.Series) -> None:
    """Raise when an id occurs more than once, naming the ids, their counts and rows."""
    listed = repeated(ids)
    if not listed:
        return
    counts = ids.value_counts()
    values = ids.to_numpy()
    rows = "; ".join(
        f"{i!r} at {shown([str(r) for r in np.flatnonzero(values == i)])}"
        for i in counts[counts > 1].index[:_SHOWN_ROWS].tolist()
    )
    raise CorpusError(
        f"doc_id must be unique; {len(listed)} id(s) appear more than once: "
        f"{shown(listed)}. Rows (counting from 0): {rows}. Deduplicate the rows, choose "
        "another id column (doc_id=...), or drop the id column so that ids are generated."
    )


def empty_warning(n_empty: int, n_docs: int, first_ids: list[str]) -> str:
    """The message about empty texts; ``first_ids`` are the first few empty documents."""
    return (
        f"{n_empty} of {n_docs} document(s) have empty or whitespace-only text; they are "
        f"kept (describe() counts them as n_empty): {shown(first_ids, total=n_empty)}."
    )


def _unique_name(base: str, columns: pd.Index) -> str:
    name, n = base, 2
    while name in columns:
        name, n = f"{base}{n}", n + 1
    return name


def parse_date_column(
    frame: pd.DataFrame, column: str, *, raw_name: str | None = None
) -> pd.DataFrame:
    """Parse one column in place of itself; originals not read as written go to ``_raw``.

    ``raw_name`` names that column (default: ``<column>_raw``, made unique among the
    frame's columns); it is inserted after ``column`` only when some value needs it.
    """
    raw = frame[column]
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return frame
    result = parse_dates_detail(raw)
    frame[column] = result.parsed
    kept = result.failed | result.completed
    if not kept.any():
        return frame
    if raw_name is None:
        raw_name = raw_column_name(column, frame.columns)
    originals = raw.astype(object).tolist()
    values = [str(v) if keep else None for v, keep in zip(originals, kept.tolist(), strict=True)]
    frame.insert(frame.columns.get_loc(column) + 1, raw_name, pd.Series(values, index=frame.index))
    ids = frame["doc_id"].to_numpy()
    if result.completed.any():
        pairs = dict.fromkeys(
            f"{originals[i]!r} → {result.parsed[i].astype('datetime64[D]')}"
            for i in np.flatnonzero(result.completed)
        )
        warn(
            f"{int(result.completed.sum())} of {len(frame)} value(s) in date column "
            f"{column!r} lack a year (or a month and a year) and were completed from the "
            f"column's other dates (the only day that fits near them): "
            f"{shown(list(pairs), n=5)}. The original "
            f"values are kept in column {raw_name!r}."
        )
    if result.failed.any():
        failed = np.flatnonzero(result.failed)
        examples = [f"{ids[i]}={originals[i]!r}" for i in failed[:5]]
        warn(
            f"{len(failed)} of {len(frame)} value(s) in date column {column!r} could not be "
            f"parsed and are NaT; the original values are kept in column {raw_name!r}. "
            f"First: {', '.join(examples)}. Accepted forms include 2023-09-19, 19/09/2023, "
            "'mardi 29 janvier 2013' and 'September 19, 2023'; correct the values, or pass "
            "date=None to keep the column as text."
        )
    return frame


def raw_column_name(column: str, columns: pd.Index | list[str]) -> str:
    """The column keeping a date column's unparsed values: ``<column>_raw``, made unique."""
    return _unique_name(f"{column}_raw", pd.Index(columns))


def id_column(frame: pd.DataFrame, doc_id: str | None) -> pd.DataFrame:
    """Move an index level named like the id column into the columns; a fresh RangeIndex."""
    id_name = doc_id if doc_id is not None else DEFAULT_DOC_ID
    if id_name not in frame.columns and id_name in (frame.index.names or []):
        frame = frame.reset_index(level=id_name)
    return frame.reset_index(drop=True)


def resolve_columns(columns: pd.Index, *, text: str, doc_id: str | None) -> tuple[str, bool]:
    """The id column, and whether ids must be generated; raises on missing or clashing columns.

    ``columns`` are the data's columns (after :func:`id_column`).
    """
    names = [str(c) for c in columns]
    id_name = doc_id if doc_id is not None else DEFAULT_DOC_ID
    if text not in columns:
        raise missing_column(
            text,
            names,
            role="text",
            fix="Pass text=<name of the column that holds the documents>.",
        )
    generate = id_name not in columns
    if generate:
        if doc_id is not None and doc_id != DEFAULT_DOC_ID:
            raise missing_column(
                doc_id,
                names,
                role="doc_id",
                fix="Pass doc_id=<name of the id column>, or doc_id=None to generate ids.",
            )
        id_name = DEFAULT_DOC_ID
    for given, fixed in ((text, "text"), (id_name, "doc_id")):
        if given != fixed and fixed in columns:
            raise CorpusError(
                f"The data has a column {fixed!r} besides the chosen {given!r}; rename or "
                f"drop one of them so that {given!r} can become {fixed!r}."
            )
    return id_name, generate


def check_date_column(columns: pd.Index, date: str | None) -> bool:
    """Whether the date column is there to parse; raises when a named one is missing."""
    if date is None:
        return False
    if date in columns:
        return True
    if date != DEFAULT_DATE:
        raise missing_column(
            date,
            [str(c) for c in columns],
            role="date",
            fix="Pass date=<name of the date column>, or date=None to parse no dates.",
        )
    return False


def build_frame(
    data: pd.DataFrame, *, text: str, doc_id: str | None, date: str | None
) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise CorpusError(
            f"A Corpus is built from a pandas DataFrame, got {type(data).__name__}. Build "
            "one first (pandas.DataFrame(...)) or read files with framing.read_corpus()."
        )
    frame = id_column(data.copy(), doc_id)
    id_name, generate = resolve_columns(frame.columns, text=text, doc_id=doc_id)
    if generate:
        frame.insert(0, DEFAULT_DOC_ID, generated_ids("doc", len(frame)))
        logger.info("No doc_id column: ids generated as 'doc00001', 'doc00002', … in row order.")
    frame = frame.rename(columns={text: "text", id_name: "doc_id"})
    frame["doc_id"] = ids_to_str(frame["doc_id"], column=id_name)
    frame["text"] = texts_to_str(frame["text"])
    rest = [c for c in frame.columns if c not in ("doc_id", "text")]
    frame = frame[["doc_id", "text", *rest]]
    check_unique_ids(frame["doc_id"])
    if check_date_column(frame.columns, date):
        frame = parse_date_column(frame, date)
    empty = empty_mask(frame["text"].tolist())
    if empty.any():
        ids = frame["doc_id"][empty].tolist()
        warn(empty_warning(len(ids), len(frame), ids[:10]))
    return frame


def find_text_column(frame: pd.DataFrame, text: str | None) -> str:
    if text is not None:
        return text
    lowered = {str(c).lower(): str(c) for c in frame.columns}
    for candidate in TEXT_COLUMNS:
        if candidate in lowered:
            if lowered[candidate] != "text":
                logger.info("Using column %r as the text.", lowered[candidate])
            return lowered[candidate]
    raise missing_column(
        "text",
        [str(c) for c in frame.columns],
        role="text",
        fix=f"None of {', '.join(TEXT_COLUMNS)} is present: pass text=<column name>.",
    )


def select_mask(values: pd.Series, column: str, wanted: Any) -> np.ndarray:
    """Rows whose ``values`` are among ``wanted`` (None: missing), for ``Corpus.subset``."""
    if isinstance(wanted, (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index)):
        wanted = list(wanted)
    else:
        wanted = [wanted]
    want_missing = any(w is None or isna(w) for w in wanted)
    present = [w for w in wanted if not (w is None or isna(w))]
    if pd.api.types.is_datetime64_any_dtype(values.dtype) and present:
        parsed, failed = parse_dates(present)
        if not failed.any():
            present = list(parsed)
    hit = values.isin(present).to_numpy()
    missing = values.isna().to_numpy()
    absent = [w for w in present if not values.isin([w]).any()]
    if want_missing and not missing.any():
        absent.append(None)
    if absent:
        uniques = values.dropna().unique().tolist()
        listed = sorted(str(u) for u in uniques)
        if missing.any():
            listed.append(MISSING_GROUP)
        raise CorpusError(
            f"No document has {column}={absent[0]!r}. Values present in {column!r}: "
            f"{shown([repr(v) for v in listed], n=20)}."
            f"{suggest(str(absent[0]), listed)}"
        )
    return hit | (missing if want_missing else False)


def describe_frame(frame: pd.DataFrame, columns: list[str], *, language: str) -> pd.DataFrame:
    """The counts of ``Corpus.describe``, grouped by ``columns`` (no ``attrs``)."""
    from framing.text import count_words, sentence_spans

    candidates = [c for c in frame.columns if c != "text"]
    for column in columns:
        if column not in candidates:
            raise CorpusError(
                f"Cannot group by {column!r}: no such metadata column. Columns: "
                f"{shown([repr(c) for c in candidates], n=20)}."
                f"{suggest(column, candidates)}"
            )
    texts = frame["text"].tolist()
    n = len(texts)
    counts = pd.DataFrame(
        {
            "n_docs": np.ones(n, dtype=np.int64),
            "n_empty": empty_mask(texts).astype(np.int64),
            "n_tokens": np.fromiter((count_words(t) for t in texts), np.int64, count=n),
            "n_sentences": np.fromiter(
                (len(sentence_spans(t, language=language)) for t in texts), np.int64, count=n
            ),
            "n_chars": np.fromiter((len(t) for t in texts), np.int64, count=n),
        }
    )
    if columns:
        keys = [frame[c].rename(c) for c in columns]
        table = counts.groupby(keys, dropna=False, sort=True).sum().reset_index()
        for column in columns:
            values = table[column]
            if values.isna().any():
                table[column] = values.astype(object).where(values.notna(), MISSING_GROUP)
    else:
        table = counts.sum().to_frame().T.astype(np.int64)
        table.insert(0, "group", "all")
    table["mean_tokens"] = table["n_tokens"] / table["n_docs"]
    return table
