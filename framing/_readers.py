"""Reading the frame behind a Corpus from files.

Readers (text folders, CSV/TSV, JSONL, Parquet) return a plain DataFrame with the file's own
columns and a ``doc_id`` column (read or generated); :func:`framing._frame.build_frame`
validates it for :class:`framing.Corpus`, and :mod:`framing._writers` writes it back.
Decoding is done here, on bytes, so that every character of a text (``\\r\\n`` included) is
kept exactly.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from framing._errors import CorpusError, FramingWarning, suggest
from framing._resources import bundled_names, bundled_path

logger = logging.getLogger("framing.corpus")

_PACKAGE_DIR = str(Path(__file__).resolve().parent)

#: Formats ``read_corpus(format=...)`` accepts.
FORMATS = ("txt", "csv", "tsv", "jsonl", "parquet")

_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".csv": "csv",
    ".csv.gz": "csv",
    ".tsv": "tsv",
    ".tsv.gz": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson": "jsonl",
    ".ndjson.gz": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_METADATA_FILES = ("metadata.csv", "metadata.tsv")
_SHOWN = 10  # how many ids / files an error or warning lists
#: Column names tried, in order, when ``read_corpus(text=None)`` looks for the texts.
TEXT_COLUMNS = ("text", "texte", "content", "body", "article", "contenu")

DEFAULT_DOC_ID = "doc_id"
DEFAULT_DATE = "date"


def warn(message: str) -> None:
    """Issue a FramingWarning attributed to the first caller outside the package."""
    frame = sys._getframe(1)
    level = 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, FramingWarning, stacklevel=level)


def repeated(values: pd.Series) -> list[str]:
    """The values that occur more than once, as ``'id' ×count`` strings (empty if none)."""
    counts = values.value_counts()
    return [f"{k!r} ×{v}" for k, v in counts[counts > 1].items()]


def shown(items: Sequence[Any], n: int = _SHOWN, *, total: int | None = None) -> str:
    """``a, b, c`` or ``a, b, c, … (12 in all)`` for messages.

    ``total`` is the number of items when ``items`` holds only the first of them.
    """
    total = len(items) if total is None else total
    head = ", ".join(str(item) for item in items[:n])
    return head if total <= n else f"{head}, … ({total} in all)"


def isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_of(path: Path) -> str | None:
    """The format a file name implies, or None."""
    name = path.name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    return None


def stem_of(path: Path) -> str:
    """File name without its format suffixes: ``interventions.jsonl.gz`` → ``interventions``."""
    name = path.name
    lowered = name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _ignored(path: Path) -> bool:
    """Files that sit beside a corpus without being part of it."""
    name = path.name
    return (
        name.startswith((".", "~$"))
        or name.lower().endswith(".md")
        or name.upper().startswith(("README", "LICENSE", "LICENCE", "COPYING"))
    )


class Read(NamedTuple):
    """What a reader found: the frame, its id column, its text column (None: to be found)."""

    frame: pd.DataFrame
    doc_id: str
    text: str | None


# --- decoding ------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise CorpusError(
                f"{path}: the file starts like gzip but cannot be decompressed ({exc}). "
                "Re-create the archive or pass the uncompressed file."
            ) from None
    return data


def decode(data: bytes, *, path: Path, encoding: str | None) -> tuple[str, bool]:
    """Decode file bytes; returns the text and whether the cp1252 fallback was used.

    With ``encoding=None``: a UTF-8 or UTF-16 byte-order mark decides; otherwise UTF-8 is
    tried, then Windows-1252 (the caller warns). A leading BOM is never part of the text.
    """
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise CorpusError(
                f"Unknown encoding {encoding!r}. Use a Python codec name such as 'utf-8', "
                "'utf-8-sig', 'cp1252' or 'latin-1', or encoding=None to detect it."
            ) from None
        except UnicodeDecodeError as exc:
            raise CorpusError(
                f"{path}: byte {exc.start} ({data[exc.start : exc.start + 1]!r}) is not valid "
                f"{encoding}. Pass the file's real encoding, or encoding=None to detect "
                "UTF-8 / cp1252."
            ) from None
        return text.removeprefix("\ufeff"), False
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), False
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), True
        except UnicodeDecodeError:
            raise CorpusError(
                f"{path}: not UTF-8 (invalid byte at offset {utf8_error.start}) and not "
                "cp1252 either. Pass encoding= with the file's encoding, e.g. "
                "encoding='latin-1'."
            ) from None


def warn_fallback(paths: list[Path]) -> None:
    if paths:
        names = [p.name for p in paths]
        warn(
            f"{len(names)} file(s) are not valid UTF-8 and were decoded as cp1252 "
            f"(Windows-1252): {shown(names)}. Check that accented letters look right; pass "
            "encoding= to choose another encoding, or re-save the files as UTF-8."
        )


# --- ids -----------------------------------------------------------------------------------


def generated_ids(prefix: str, n: int) -> list[str]:
    """``prefix`` + a 1-based row number zero-padded to at least 5 digits."""
    width = max(5, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def has_id_column(frame: pd.DataFrame) -> bool:
    """Whether a table read from a file has ``doc_id`` as a column or an index level."""
    return DEFAULT_DOC_ID in frame.columns or DEFAULT_DOC_ID in (frame.index.names or [])


def _with_ids(frame: pd.DataFrame, *, doc_id: str | None, stem: str) -> pd.DataFrame:
    """Generate ``doc_id`` as ``<file stem>-00001`` … when the file has no id column.

    An index level named ``doc_id`` (a Parquet file written from a frame indexed by id)
    is an id column.
    """
    if doc_id is not None or has_id_column(frame):
        return frame
    frame = frame.copy()
    frame.insert(0, "doc_id", generated_ids(f"{stem}-", len(frame)))
    logger.info(
        "%s has no doc_id column: ids generated as '%s-00001', '%s-00002', … (row order).",
        stem,
        stem,
        stem,
    )
    return frame


# --- single files --------------------------------------------------------------------------


def sniff_sep(text: str) -> str:
    """The delimiter of a .csv file: the most frequent of , ; and tab on its first line."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def read_delimited(
    path: Path, *, fmt: str, encoding: str | None, **kwargs: Any
) -> tuple[pd.DataFrame, bool]:
    """Read a CSV/TSV file with every column as strings; empty cells are missing.

    Returns the frame and whether the cp1252 fallback was used.
    """
    text, fallback = decode(_read_bytes(path), path=path, encoding=encoding)
    if "sep" not in kwargs and "delimiter" not in kwargs:
        kwargs["sep"] = "\t" if fmt == "tsv" else sniff_sep(text)
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""]}
    options.update(kwargs)
    try:
        frame = pd.read_csv(io.StringIO(text), **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise CorpusError(
            f"{path}: cannot be read as {fmt.upper()} ({exc}). Check the delimiter "
            "(pass sep=...) and the quoting of fields that contain line breaks."
        ) from None
    return frame, fallback


def read_jsonl(path: Path, *, encoding: str | None) -> tuple[pd.DataFrame, bool]:
    """Read a JSON Lines file (one object per line; blank lines skipped)."""
    text, fallback = decode(_read_bytes(path), path=path, encoding=encoding)
    records: list[dict[str, Any]] = []
    # split on "\n" only: JSON strings may hold raw U+2028 etc., which splitlines() would cut
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(
                f"{path}, line {number}, column {exc.colno}: not valid JSON ({exc.msg}). "
                "Each line of a .jsonl file must hold one complete JSON object; fix or "
                "remove that line."
            ) from None
        if not isinstance(record, dict):
            raise CorpusError(
                f"{path}, line {number}: expected a JSON object {{...}}, found "
                f"{type(record).__name__}. Each line must hold one object whose keys are "
                "the columns (text, doc_id, date, ...)."
            )
        records.append(record)
    return pd.DataFrame.from_records(records) if records else pd.DataFrame(), fallback


def read_parquet(path: Path, **kwargs: Any) -> pd.DataFrame:
    """Read a Parquet file."""
    try:
        return pd.read_parquet(path, **kwargs)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: cannot be read as Parquet ({exc}).") from None


def read_table(
    path: Path, *, fmt: str, doc_id: str | None, encoding: str | None, **kwargs: Any
) -> tuple[pd.DataFrame, bool]:
    """Read one tabular file; generate ids from the file stem when it has none."""
    if fmt in ("csv", "tsv"):
        frame, fallback = read_delimited(path, fmt=fmt, encoding=encoding, **kwargs)
    elif fmt == "jsonl":
        no_kwargs(kwargs, fmt)
        frame, fallback = read_jsonl(path, encoding=encoding)
    elif fmt == "parquet":
        frame, fallback = read_parquet(path, **kwargs), False
    else:  # pragma: no cover - callers pass a checked format
        raise CorpusError(f"Unknown format {fmt!r}; expected one of {', '.join(FORMATS)}.")
    return _with_ids(frame, doc_id=doc_id, stem=stem_of(path)), fallback


def no_kwargs(kwargs: dict[str, Any], fmt: str) -> None:
    if kwargs:
        raise CorpusError(
            f"Unexpected keyword argument(s) for a {fmt} corpus: {', '.join(sorted(kwargs))}. "
            "Extra arguments are passed to pandas.read_csv / pandas.read_parquet only."
        )


# --- folders -------------------------------------------------------------------------------


def _txt_files(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() == ".txt" and not _ignored(p)
    ]


def read_text_files(
    paths: list[Path], *, doc_id: str | None, encoding: str | None, metadata: Path | None
) -> pd.DataFrame:
    """One document per .txt file (doc_id = file stem, sorted), joined to a metadata table."""
    paths = sorted(paths, key=lambda p: p.stem)
    texts: list[str] = []
    fallbacks: list[Path] = []
    for path in paths:
        text, fallback = decode(path.read_bytes(), path=path, encoding=encoding)
        texts.append(text)
        if fallback:
            fallbacks.append(path)
    frame = pd.DataFrame({"doc_id": [p.stem for p in paths], "text": texts}, dtype=object)
    meta_fallback = False
    if metadata is not None:
        fmt = "tsv" if metadata.suffix.lower() == ".tsv" else "csv"
        meta, meta_fallback = read_delimited(metadata, fmt=fmt, encoding=encoding)
        frame = join_metadata(frame, meta, path=metadata, doc_id=doc_id or "doc_id")
    warn_fallback(fallbacks + ([metadata] if meta_fallback and metadata else []))
    return frame


def join_metadata(
    frame: pd.DataFrame, meta: pd.DataFrame, *, path: Path, doc_id: str
) -> pd.DataFrame:
    if doc_id not in meta.columns:
        raise CorpusError(
            f"{path} has no {doc_id!r} column to join on the text files' names. Columns "
            f"present: {shown(list(meta.columns))}.{suggest(doc_id, meta.columns)} Add a "
            "column holding each file's name without .txt, or pass doc_id=<that column>."
        )
    if "text" in meta.columns:
        raise CorpusError(
            f"{path} has a 'text' column, but in a folder of .txt files the texts come from "
            "the files. Rename or drop that column."
        )
    meta = meta.rename(columns={doc_id: "doc_id"})
    ids = meta["doc_id"]
    if ids.isna().any():
        rows = [str(i + 2) for i in ids.index[ids.isna()]]
        raise CorpusError(
            f"{path}: {len(rows)} row(s) have an empty {doc_id!r} (file lines "
            f"{shown(rows)}). Fill in the file name of each row or delete the row."
        )
    listed = repeated(ids)
    if listed:
        raise CorpusError(
            f"{path}: {len(listed)} doc_id value(s) appear more than once: "
            f"{shown(listed)}. Each text file needs exactly one metadata row."
        )
    files = set(frame["doc_id"])
    orphans = [i for i in ids if i not in files]
    if orphans:
        raise CorpusError(
            f"{path} has {len(orphans)} row(s) whose doc_id matches no .txt file in "
            f"{path.parent}: {shown([repr(o) for o in orphans])}. Add the missing files, fix "
            "the ids (file name without .txt), or delete those rows."
        )
    described = set(ids)
    bare = [i for i in frame["doc_id"] if i not in described]
    if bare:
        warn(
            f"{len(bare)} text file(s) have no row in {path.name} and are kept with empty "
            f"metadata: {shown(bare)}."
        )
    return frame.merge(meta, on="doc_id", how="left", sort=False, validate="one_to_one")


class FolderFiles(NamedTuple):
    """What a folder holds: ``.txt`` documents (with their metadata table) or table files."""

    kind: str  # "txt" or "tables"
    files: list[Path]
    metadata: Path | None


def folder_files(folder: Path, *, fmt: str | None, **kwargs: Any) -> FolderFiles:
    """The files of a folder that make the corpus (``read_corpus`` on a folder)."""
    entries = sorted(p for p in folder.iterdir() if p.is_file())
    txt = _txt_files(folder)
    if (fmt is None and txt) or fmt == "txt":
        no_kwargs(kwargs, "txt")
        metas = [p for p in entries if p.name.lower() in _METADATA_FILES]
        if len(metas) > 1:
            raise CorpusError(
                f"{folder} holds both {metas[0].name} and {metas[1].name}; keep one "
                "metadata table."
            )
        skipped = [p.name for p in entries if p not in txt and p not in metas]
        if skipped:
            logger.info("Not part of the corpus in %s: %s", folder, shown(skipped))
        if not txt:
            raise CorpusError(f"{folder} holds no .txt files (format='txt' was asked for).")
        return FolderFiles("txt", txt, metas[0] if metas else None)
    tables = [
        p
        for p in entries
        if not _ignored(p) and format_of(p) not in (None, "txt") and fmt in (None, format_of(p))
    ]
    if not tables:
        found = [p.name for p in entries]
        wanted = f".{fmt}" if fmt else ".txt, .csv, .tsv, .jsonl(.gz) or .parquet"
        raise CorpusError(
            f"{folder} holds no {wanted} files to read (found: {shown(found) or 'nothing'}). "
            "Point read_corpus() at a folder of .txt files, a table file, or a folder of "
            "table files."
        )
    skipped = [p.name for p in entries if p not in tables]
    if skipped:
        logger.info("Not part of the corpus in %s: %s", folder, shown(skipped))
    return FolderFiles("tables", tables, None)


def read_folder(
    folder: Path,
    *,
    fmt: str | None,
    doc_id: str | None,
    encoding: str | None,
    **kwargs: Any,
) -> Read:
    """A folder of .txt files (+ metadata.csv), or of tabular files concatenated."""
    found = folder_files(folder, fmt=fmt, **kwargs)
    if found.kind == "txt":
        frame = read_text_files(
            found.files, doc_id=doc_id, encoding=encoding, metadata=found.metadata
        )
        return Read(frame, doc_id="doc_id", text="text")
    tables = found.files
    frames: list[pd.DataFrame] = []
    fallbacks: list[Path] = []
    for path in tables:
        frame, fallback = read_table(
            path, fmt=format_of(path) or "", doc_id=doc_id, encoding=encoding, **kwargs
        )
        if len(tables) > 1:
            frame = frame.assign(source_file=path.name)
        frames.append(frame)
        if fallback:
            fallbacks.append(path)
    warn_fallback(fallbacks)
    frame = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
    return Read(frame, doc_id=doc_id or "doc_id", text=None)


def read_file(
    path: Path,
    *,
    fmt: str | None,
    doc_id: str | None,
    encoding: str | None,
    **kwargs: Any,
) -> Read:
    """A single file: a table, or one .txt document."""
    fmt = fmt or format_of(path)
    if fmt is None:
        raise CorpusError(
            f"Cannot tell the format of {path.name!r} from its extension. Pass "
            f"format= one of {', '.join(repr(f) for f in FORMATS)}."
        )
    if fmt == "txt":
        no_kwargs(kwargs, "txt")
        frame = read_text_files([path], doc_id=None, encoding=encoding, metadata=None)
        return Read(frame, doc_id="doc_id", text="text")
    frame, fallback = read_table(path, fmt=fmt, doc_id=doc_id, encoding=encoding, **kwargs)
    warn_fallback([path] if fallback else [])
    return Read(frame, doc_id=doc_id or "doc_id", text=None)


# --- paths ---------------------------------------------------------------------------------


def resolve_path(path: str | os.PathLike) -> tuple[Path, str | None]:
    """The path to read, and the bundled corpus name when ``path`` named one."""
    candidate = Path(path)
    if candidate.exists():
        return candidate, None
    name = str(path)
    bundled = bundled_path("corpus", name) if os.sep not in name and "/" not in name else None
    if bundled is not None:
        return bundled, name
    available = bundled_names("corpus")
    nearby = []
    if candidate.parent.is_dir():
        nearby = [p.name for p in candidate.parent.iterdir() if not p.name.startswith(".")]
    hint = suggest(candidate.name, nearby + available)
    raise CorpusError(
        f"No file or folder {name!r} (from {Path.cwd()}), and no bundled corpus of that "
        f"name.{hint} Bundled corpora: {', '.join(available) or '(none)'}. Pass the path of "
        "a folder of .txt files, a .csv/.tsv/.jsonl(.gz)/.parquet file, or a bundled name."
    )
