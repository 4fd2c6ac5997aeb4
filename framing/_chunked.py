"""Reading a corpus in chunks with bounded memory: ``read_corpus(..., chunksize=N)``.

The files are read twice. The first pass (:func:`plan_chunks`) keeps no text: it finds the
columns and the types pandas gives them when the whole file is read, counts the documents,
checks the ids of the whole corpus (missing, duplicated) and parses its dates, so that every
error and warning an in-memory read would give about them comes before the first chunk.
The second pass (:meth:`ChunkPlan.frames`) yields the chunks, each normalised as
:func:`framing._frame.build_frame` normalises a whole corpus, so that concatenating them
gives the in-memory frame, dtypes included. Memory: one chunk, plus the ids (and the parsed
dates) of the whole corpus.

Formats: JSON Lines and CSV/TSV (gzipped or not; decoded block by block with the same
UTF-8 / cp1252 rule as :func:`framing._readers.decode`), Parquet (record batches), a folder
of ``.txt`` files with its ``metadata.csv``, and a folder of table files.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing import _readers
from framing._errors import CorpusError
from framing._frame import (
    check_date_column,
    check_unique_ids,
    empty_mask,
    empty_warning,
    find_text_column,
    id_column,
    ids_to_str,
    parse_date_column,
    raw_column_name,
    resolve_columns,
    texts_to_str,
)
from framing._readers import DEFAULT_DOC_ID, generated_ids, logger

_BLOCK = 1 << 20  # bytes decoded at a time
_SCAN_ROWS = 4096  # JSON records whose types are summarised at a time
_SCAN_CHARS = 1 << 22  # … unless their lines reach this many characters first
_PIECE_ROWS = 512  # most rows a reader hands over at a time
_PIECE_CHARS = 1 << 23  # most characters of text in a piece (where the reader can tell)
_GZIP_MAGIC = b"\x1f\x8b"


class _Missing:
    """A key absent from a JSON object (pandas makes it NaN, unlike an explicit null)."""


_MISSING = _Missing()


# --- decoding, block by block ----------------------------------------------------------------


class _Undecodable(Exception):
    """Bytes that the automatic encoding (UTF-8, then cp1252) cannot decode."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _gzipped(path: Path) -> bool:
    with open(path, "rb") as probe:
        return probe.read(2) == _GZIP_MAGIC


def _gzip_error(path: Path, exc: Exception) -> CorpusError:
    return CorpusError(
        f"{path}: the file starts like gzip but cannot be decompressed ({exc}). "
        "Re-create the archive or pass the uncompressed file."
    )


def _text_blocks(path: Path, *, encoding: str | None, cp1252: bool = False) -> Iterator[str]:
    """The decoded text of a file, block by block, as :func:`_readers.decode` decodes it.

    With ``encoding=None``: a byte-order mark decides (UTF-8 or UTF-16), else UTF-8, or
    cp1252 when ``cp1252`` (the fallback). Bytes that do not decode raise
    :class:`_Undecodable` (automatic encoding) or :class:`CorpusError` (a named encoding),
    with offsets counted as :func:`_readers.decode` counts them.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CorpusError(
                f"Unknown encoding {encoding!r}. Use a Python codec name such as 'utf-8', "
                "'utf-8-sig', 'cp1252' or 'latin-1', or encoding=None to detect it."
            ) from None
    zipped = _gzipped(path)
    try:
        with gzip.open(path, "rb") if zipped else open(path, "rb") as raw:
            yield from _decoded(raw, path=path, encoding=encoding, cp1252=cp1252)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        if not zipped:  # pragma: no cover - only gzip raises these
            raise
        raise _gzip_error(path, exc) from None


def _decoded(raw: Any, *, path: Path, encoding: str | None, cp1252: bool) -> Iterator[str]:
    block = raw.read(_BLOCK)
    codec = encoding
    if encoding is None:
        codec = "cp1252" if cp1252 else "utf-8"
        if block.startswith(codecs.BOM_UTF8):
            block = block[len(codecs.BOM_UTF8) :]  # decode() counts offsets after it
        elif block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            codec = "utf-16"
    decoder = codecs.getincrementaldecoder(codec)()
    offset, first = 0, True
    while True:
        final = not block
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(block, final=final)
        except UnicodeDecodeError as exc:
            where = offset - pending + exc.start
            if encoding is None:
                raise _Undecodable(where) from None
            bad = exc.object[exc.start : exc.start + 1]
            raise CorpusError(
                f"{path}: byte {where} ({bad!r}) is not valid {encoding}. Pass the "
                "file's real encoding, or encoding=None to detect UTF-8 / cp1252."
            ) from None
        if first and encoding is not None:
            text = text.removeprefix("\ufeff")
        first = first and not text
        if text:
            yield text
        if final:
            return
        offset += len(block)
        block = raw.read(_BLOCK)


def _with_fallback(path: Path, encoding: str | None, scan):
    """Run ``scan(cp1252)``; on undecodable UTF-8 run it again with cp1252, like decode()."""
    try:
        return scan(False), False
    except _Undecodable as utf8_error:
        try:
            return scan(True), True
        except _Undecodable:
            raise CorpusError(
                f"{path}: not UTF-8 (invalid byte at offset {utf8_error.offset}) and not "
                "cp1252 either. Pass encoding= with the file's encoding, e.g. "
                "encoding='latin-1'."
            ) from None


class _TextStream(io.TextIOBase):
    """A read-only text file over decoded blocks (what pandas.read_csv reads from)."""

    def __init__(self, blocks: Iterator[str]) -> None:
        self._blocks = blocks
        self._buffer = ""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            text, self._buffer = self._buffer + "".join(self._blocks), ""
            return text
        while len(self._buffer) < size:
            block = next(self._blocks, None)
            if block is None:
                break
            self._buffer += block
        text, self._buffer = self._buffer[:size], self._buffer[size:]
        return text

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        while "\n" not in self._buffer:
            block = next(self._blocks, None)
            if block is None:
                break
            self._buffer += block
        end = self._buffer.find("\n") + 1 or len(self._buffer)
        line, self._buffer = self._buffer[:end], self._buffer[end:]
        return line


def _lines(blocks: Iterator[str]) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` split on ``\\n`` only, as ``text.split("\\n")`` numbers them."""
    number, rest = 0, ""
    for block in blocks:
        parts = (rest + block).split("\n")
        rest = parts.pop()
        for line in parts:
            number += 1
            yield number, line
    yield number + 1, rest


# --- readers: one file each ------------------------------------------------------------------


@dataclass
class _Source:
    """One file's rows: the schema of an in-memory read, and its rows piece by piece.

    ``schema`` has no rows, the file's columns and the dtypes pandas gives them when the
    whole file is read; ``values`` holds the whole columns asked for (ids, dates).
    """

    path: Path
    n_rows: int
    schema: pd.DataFrame
    values: dict[str, pd.Series]
    fallback: bool = False

    def pieces(self, rows: int, chars: int | None) -> Iterator[pd.DataFrame]:  # pragma: no cover
        raise NotImplementedError


def _shared(values: list[Any], shared: dict[str, str] | None) -> list[Any]:
    """The values with one object per distinct string (a date column repeats a few)."""
    if shared is None:
        return values
    return [shared.setdefault(v, v) if type(v) is str else v for v in values]


def _small(kind: Any) -> bool:
    """Arrow types whose pandas dtype depends on the whole column (nulls, dictionaries)."""
    import pyarrow as pa

    checks = (
        pa.types.is_integer,
        pa.types.is_boolean,
        pa.types.is_dictionary,
        pa.types.is_timestamp,
        pa.types.is_date,
        pa.types.is_null,
    )
    return any(check(kind) for check in checks)


def _dtype_of(values: list[Any], missing: bool) -> Any:
    """The dtype ``DataFrame.from_records`` infers for a column holding these kinds of value."""
    records: list[dict[str, Any]] = [{"x": v} for v in values]
    if missing:
        records.append({})
    return pd.DataFrame.from_records(records, columns=["x"])["x"].dtype


@dataclass
class _Kinds:
    """What one JSON key holds across the file: enough to infer its pandas dtype."""

    types: set[type] = field(default_factory=set)
    low: int | None = None
    high: int | None = None
    nan: bool = False
    real: bool = False  # a float that is not NaN

    def update(self, values: list[Any]) -> None:
        kinds = set(map(type, values))
        self.types |= kinds
        if int in kinds:
            ints = [v for v in values if type(v) is int]
            low, high = min(ints), max(ints)
            self.low = low if self.low is None else min(self.low, low)
            self.high = high if self.high is None else max(self.high, high)
        if float in kinds and not (self.nan and self.real):
            floats = [v for v in values if type(v) is float]
            self.nan = self.nan or any(v != v for v in floats)
            self.real = self.real or any(v == v for v in floats)

    def dtype(self) -> Any:
        examples: list[Any] = []
        for kind in self.types:
            if kind is int:
                examples += [self.low, self.high]
            elif kind is float:  # (NaN alone is a missing value: beside text, text)
                examples += ([0.5] if self.real else []) + ([math.nan] if self.nan else [])
            elif kind is not _Missing:
                examples.append({bool: True, str: "a", list: [], dict: {}}.get(kind))
        return _dtype_of(examples, _Missing in self.types)


class _JsonlSource(_Source):
    def __init__(self, path: Path, *, encoding: str | None, wanted: dict[str, bool]) -> None:
        self._path = path
        self._encoding = encoding

        def scan(cp1252: bool):
            return self._scan(cp1252=cp1252, wanted=wanted)

        (n_rows, kinds, values), fallback = _with_fallback(path, encoding, scan)
        self._cp1252 = fallback
        self._dtypes = {key: k.dtype() for key, k in kinds.items()}
        schema = pd.DataFrame(
            {key: pd.Series([], dtype=dtype) for key, dtype in self._dtypes.items()}
        )
        series = {
            key: pd.Series(column, dtype=self._dtypes[key])
            for key, column in values.items()
            if key in self._dtypes
        }
        super().__init__(path, n_rows, schema, series, fallback)

    def _records(self, cp1252: bool) -> Iterator[tuple[dict[str, Any], int]]:
        """Each JSON object with the length of its line."""
        blocks = _text_blocks(self._path, encoding=self._encoding, cp1252=cp1252)
        for number, line in _lines(blocks):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(
                    f"{self._path}, line {number}, column {exc.colno}: not valid JSON "
                    f"({exc.msg}). Each line of a .jsonl file must hold one complete JSON "
                    "object; fix or remove that line."
                ) from None
            if not isinstance(record, dict):
                raise CorpusError(
                    f"{self._path}, line {number}: expected a JSON object {{...}}, found "
                    f"{type(record).__name__}. Each line must hold one object whose keys are "
                    "the columns (text, doc_id, date, ...)."
                )
            yield record, len(line)

    def _scan(self, *, cp1252: bool, wanted: dict[str, bool]):
        kinds: dict[str, _Kinds] = {}
        values: dict[str, list[Any]] = {key: [] for key in wanted}
        shared = {key: {} if share else None for key, share in wanted.items()}
        n_rows = 0
        block: list[dict[str, Any]] = []

        def absorb() -> None:
            for key in dict.fromkeys(chain.from_iterable(block)):
                if key not in kinds:
                    kinds[key] = _Kinds({_Missing} if n_rows else set())
                kinds[key].update([r.get(key, _MISSING) for r in block])
            for key in kinds.keys() - set(chain.from_iterable(block)):
                kinds[key].types.add(_Missing)
            for key, column in values.items():
                column.extend(_shared([r.get(key, math.nan) for r in block], shared[key]))

        size = 0
        for record, length in self._records(cp1252):
            block.append(record)
            size += length
            if len(block) == _SCAN_ROWS or size >= _SCAN_CHARS:
                absorb()
                n_rows += len(block)
                block, size = [], 0
        if block:
            absorb()
            n_rows += len(block)
        return n_rows, kinds, values

    def pieces(self, rows: int, chars: int | None) -> Iterator[pd.DataFrame]:
        chars = min(chars or _PIECE_CHARS, _PIECE_CHARS)
        records: list[dict[str, Any]] = []
        size = 0
        for record, length in self._records(self._cp1252):
            records.append(record)
            size += length
            if len(records) >= rows or size >= chars:
                yield self._frame(records)
                records, size = [], 0
        if records:
            yield self._frame(records)

    def _frame(self, records: list[dict[str, Any]]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                key: pd.Series([r.get(key, math.nan) for r in records], dtype=dtype)
                for key, dtype in self._dtypes.items()
            }
        )


def _csv_error(path: Path, fmt: str, exc: Exception) -> CorpusError:
    return CorpusError(
        f"{path}: cannot be read as {fmt.upper()} ({exc}). Check the delimiter "
        "(pass sep=...) and the quoting of fields that contain line breaks."
    )


class _CsvSource(_Source):
    def __init__(
        self, path: Path, *, fmt: str, encoding: str | None, wanted: dict[str, bool], **kwargs: Any
    ) -> None:
        self._fmt = fmt
        self._encoding = encoding

        def check(cp1252: bool) -> str:
            first = ""
            for block in _text_blocks(path, encoding=encoding, cp1252=cp1252):
                if "\n" not in first:
                    first += block
            return first.split("\n", 1)[0]

        first_line, fallback = _with_fallback(path, encoding, check)
        self._cp1252 = fallback
        if "sep" not in kwargs and "delimiter" not in kwargs:
            kwargs["sep"] = "\t" if fmt == "tsv" else _readers.sniff_sep(first_line)
        self._options: dict[str, Any] = {
            "dtype": str,
            "keep_default_na": False,
            "na_values": [""],
        }
        self._options.update(kwargs)
        self.path = path
        n_rows = 0
        schema: pd.DataFrame | None = None
        columns: dict[str, list[Any]] = {}
        shared = {key: {} if share else None for key, share in wanted.items()}
        for piece in self._read(_PIECE_ROWS * 8):
            if schema is None:
                schema = piece.iloc[:0].copy()
                columns = {key: [] for key in wanted if key in piece.columns}
            n_rows += len(piece)
            for key, column in columns.items():
                column.extend(_shared(piece[key].astype(object).tolist(), shared[key]))
        if schema is None:
            try:
                schema = pd.read_csv(self._stream(), **self._options)
            except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
                raise _csv_error(path, fmt, exc) from None
        values = {k: pd.Series(v, dtype=schema[k].dtype) for k, v in columns.items()}
        super().__init__(path, n_rows, schema, values, fallback)

    def _stream(self) -> _TextStream:
        return _TextStream(_text_blocks(self.path, encoding=self._encoding, cp1252=self._cp1252))

    def _read(self, rows: int) -> Iterator[pd.DataFrame]:
        try:
            with pd.read_csv(self._stream(), chunksize=rows, **self._options) as reader:
                for piece in reader:
                    yield piece.reset_index(drop=True)
        except pd.errors.EmptyDataError:
            return
        except (pd.errors.ParserError, ValueError) as exc:
            raise _csv_error(self.path, self._fmt, exc) from None

    def pieces(self, rows: int, chars: int | None) -> Iterator[pd.DataFrame]:
        yield from self._read(min(rows, 64) if chars is not None else rows)


class _ParquetSource(_Source):
    def __init__(self, path: Path, *, wanted: dict[str, bool], **kwargs: Any) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        unknown = sorted(set(kwargs) - {"columns"})
        if unknown:
            raise CorpusError(
                f"Reading a Parquet corpus in chunks accepts columns= only; got "
                f"{', '.join(unknown)}. Read it whole (chunksize=None) to pass them to "
                "pandas.read_parquet."
            )
        self._columns = kwargs.get("columns")
        try:
            self._file = pq.ParquetFile(path)
            empty = io.BytesIO()
            pq.write_table(self._file.schema_arrow.empty_table(), empty)
            schema = pd.read_parquet(empty, columns=self._columns)
            for name in self._file.schema_arrow.names:
                if name in schema.columns and _small(self._file.schema_arrow.field(name).type):
                    schema[name] = schema[name].astype(
                        pd.read_parquet(path, columns=[name])[name].dtype
                    )
            values = {}
            for key in wanted:
                if key in schema.columns or key in (schema.index.names or []):
                    column = id_column(pd.read_parquet(path, columns=[key]), key)
                    values[key] = column[key]
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise CorpusError(f"{path}: cannot be read as Parquet ({exc}).") from None
        super().__init__(path, self._file.metadata.num_rows, schema, values)

    def pieces(self, rows: int, chars: int | None) -> Iterator[pd.DataFrame]:
        import pyarrow as pa

        size = min(rows, 64) if chars is not None else rows
        batches = self._file.iter_batches(
            batch_size=size, columns=self._columns, use_pandas_metadata=True
        )
        for batch in batches:
            frame = pa.Table.from_batches([batch]).to_pandas()
            for name, dtype in self.schema.dtypes.items():
                if frame[name].dtype != dtype:
                    frame[name] = frame[name].astype(dtype)
            yield frame


class _TextFiles(_Source):
    """A folder of .txt files (or one file) joined to its metadata table, as one source."""

    def __init__(
        self, paths: list[Path], *, doc_id: str | None, encoding: str | None, meta: Path | None
    ) -> None:
        self._paths = sorted(paths, key=lambda p: p.stem)
        self._encoding = encoding
        self._meta = meta
        skeleton = pd.DataFrame(
            {"doc_id": [p.stem for p in self._paths], "text": ""}, dtype=object
        )
        self.meta_fallback = False
        if meta is not None:
            fmt = "tsv" if meta.suffix.lower() == ".tsv" else "csv"
            table, self.meta_fallback = _readers.read_delimited(meta, fmt=fmt, encoding=encoding)
            skeleton = _readers.join_metadata(
                skeleton, table, path=meta, doc_id=doc_id or "doc_id"
            )
        self._skeleton = skeleton
        values = {name: skeleton[name] for name in skeleton.columns if name != "text"}
        super().__init__(paths[0], len(self._paths), skeleton.iloc[:0], values)
        self.fallbacks: list[Path] = []

    def pieces(self, rows: int, chars: int | None) -> Iterator[pd.DataFrame]:
        chars = min(chars or _PIECE_CHARS, _PIECE_CHARS)
        self.fallbacks = []
        start, texts, size = 0, [], 0
        for i, path in enumerate(self._paths):
            text, fallback = _readers.decode(path.read_bytes(), path=path, encoding=self._encoding)
            if fallback:
                self.fallbacks.append(path)
            texts.append(text)
            size += len(text)
            if len(texts) >= rows or size >= chars:
                yield self._piece(start, texts)
                start, texts, size = i + 1, [], 0
        if texts:
            yield self._piece(start, texts)

    def _piece(self, start: int, texts: list[str]) -> pd.DataFrame:
        piece = self._skeleton.iloc[start : start + len(texts)].reset_index(drop=True)
        piece["text"] = pd.Series(texts, dtype=object)
        return piece

    def end_warnings(self) -> None:
        meta = [self._meta] if self.meta_fallback and self._meta is not None else []
        _readers.warn_fallback(self.fallbacks + meta)


# --- the plan --------------------------------------------------------------------------------


@dataclass
class ChunkPlan:
    """What the first pass found; :meth:`frames` is the second pass."""

    sources: list[_Source]
    columns: pd.DataFrame  # no rows: the raw columns and dtypes of the whole corpus
    n_docs: int
    ids: pd.Series  # every final doc_id, in corpus order
    text: str  # the raw text column
    id_name: str | None  # the raw id column (dropped), None when ids are generated
    rest: list[str]  # metadata columns, in output order (the date's raw column included)
    date: str | None = None  # the parsed date column
    parsed: np.ndarray | None = None
    raw_name: str | None = None
    raw: pd.Series | None = None
    several: bool = False  # a folder of several tables: a source_file column

    def _conform(self, piece: pd.DataFrame, source: _Source) -> pd.DataFrame:
        """A piece of one file with the whole corpus' raw columns and dtypes."""
        if self.several:
            piece = piece.assign(source_file=source.path.name)
        piece = id_column(piece, self.id_name)
        names = [c for c in self.columns.columns if c != self.id_name]
        if list(piece.columns) != names:
            piece = piece.reindex(columns=names)
        for name in names:
            dtype = self.columns[name].dtype
            if piece[name].dtype != dtype:
                piece[name] = piece[name].astype(dtype)
        return piece

    def _normalise(self, piece: pd.DataFrame, offset: int) -> pd.DataFrame:
        n = len(piece)
        columns: dict[str, Any] = {
            "doc_id": self.ids.iloc[offset : offset + n].reset_index(drop=True),
            "text": texts_to_str(piece[self.text]),
        }
        for name in self.rest:
            if name == self.date and self.parsed is not None:
                columns[name] = pd.Series(self.parsed[offset : offset + n])
            elif name == self.raw_name and self.raw is not None:
                columns[name] = self.raw.iloc[offset : offset + n].reset_index(drop=True)
            else:
                columns[name] = piece[name]
        return pd.DataFrame(columns)

    def frames(self, chunksize: int, chars: int | None) -> Iterator[pd.DataFrame]:
        """The normalised chunks: ``chunksize`` documents at most, and at most ``chars``
        characters of text unless one document alone has more."""
        offset, held, held_rows, held_chars = 0, [], 0, 0
        rows = _PIECE_ROWS
        empty_ids: list[str] = []
        n_empty = 0
        for source in self.sources:
            for raw in source.pieces(rows, chars):
                piece = self._normalise(self._conform(raw, source), offset)
                offset += len(piece)
                empty = empty_mask(piece["text"].tolist())
                if empty.any():
                    n_empty += int(empty.sum())
                    if len(empty_ids) < 10:
                        empty_ids += piece["doc_id"][empty].tolist()[: 10 - len(empty_ids)]
                lengths = piece["text"].str.len().to_numpy()
                start = 0
                while start < len(piece):
                    room = chunksize - held_rows
                    stop = min(len(piece), start + room)
                    if chars is not None:
                        sizes = held_chars + np.cumsum(lengths[start:stop])
                        fits = int(np.searchsorted(sizes, chars, side="right"))
                        stop = start + max(fits, 0 if held_rows else 1)
                    if stop > start:
                        held.append(piece.iloc[start:stop])
                        held_rows += stop - start
                        held_chars += int(lengths[start:stop].sum())
                        start = stop
                    if held_rows == chunksize or (start < len(piece) and held_rows):
                        yield _joined(held)
                        held, held_rows, held_chars = [], 0, 0
        if held or offset == 0:
            yield _joined(held) if held else self._empty()
        for source in self.sources:
            if isinstance(source, _TextFiles):
                source.end_warnings()
        if n_empty:
            _readers.warn(empty_warning(n_empty, self.n_docs, empty_ids))

    def _empty(self) -> pd.DataFrame:
        return self._normalise(self._conform(self.columns.copy(), self.sources[0]), 0)


def _joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


# --- building the plan -----------------------------------------------------------------------


def _table_source(
    path: Path, fmt: str, *, encoding: str | None, wanted: dict[str, bool], kwargs: dict[str, Any]
) -> _Source:
    if fmt in ("csv", "tsv"):
        return _CsvSource(path, fmt=fmt, encoding=encoding, wanted=wanted, **kwargs)
    if fmt == "jsonl":
        _readers.no_kwargs(kwargs, fmt)
        return _JsonlSource(path, encoding=encoding, wanted=wanted)
    if fmt == "parquet":
        return _ParquetSource(path, wanted=wanted, **kwargs)
    raise CorpusError(  # pragma: no cover - callers pass a checked format
        f"Unknown format {fmt!r}; expected one of {', '.join(_readers.FORMATS)}."
    )


_STR_DTYPE = pd.Series(["x"]).dtype  # what pandas infers for strings (str with pandas >= 3)


def _tables(
    paths: list[Path],
    fmt: str | None,
    *,
    doc_id: str | None,
    encoding: str | None,
    wanted: dict[str, bool],
    kwargs: dict[str, Any],
) -> tuple[list[_Source], pd.DataFrame, dict[str, pd.Series]]:
    """Sources for table files, their joint raw columns, and the whole id / date columns."""
    sources: list[_Source] = []
    schemas: list[pd.DataFrame] = []
    per_file: list[dict[str, pd.Series]] = []
    fallbacks: list[Path] = []
    for path in paths:
        source = _table_source(
            path,
            fmt or _readers.format_of(path) or "",
            encoding=encoding,
            wanted=wanted,
            kwargs=dict(kwargs),
        )
        schema, values = source.schema, dict(source.values)
        if doc_id is None and not _readers.has_id_column(schema):  # as _readers._with_ids
            stem = _readers.stem_of(path)
            schema = schema.copy()
            schema.insert(0, DEFAULT_DOC_ID, pd.Series([], dtype=_STR_DTYPE))
            values[DEFAULT_DOC_ID] = pd.Series(generated_ids(f"{stem}-", source.n_rows))
            logger.info(
                "%s has no doc_id column: ids generated as '%s-00001', '%s-00002', … (row order).",
                stem,
                stem,
                stem,
            )
        if len(paths) > 1:
            schema = schema.assign(source_file=path.name)
        sources.append(source)
        schemas.append(schema)
        per_file.append(values)
        if source.fallback:
            fallbacks.append(path)
    _readers.warn_fallback(fallbacks)
    if len(paths) == 1:
        return sources, schemas[0], per_file[0]
    columns = pd.concat(schemas, ignore_index=True, sort=False)
    joined: dict[str, pd.Series] = {}
    for key in wanted:
        if key not in columns.columns:
            continue
        dtype = columns[key].dtype
        parts = [
            values[key].astype(dtype)
            if key in values
            else pd.Series(np.nan, index=range(source.n_rows)).astype(dtype)
            for source, values in zip(sources, per_file, strict=True)
        ]
        joined[key] = pd.concat(parts, ignore_index=True)
    return sources, columns, joined


def plan_chunks(
    path: Path,
    *,
    text: str | None,
    doc_id: str | None,
    date: str | None,
    fmt: str | None,
    encoding: str | None,
    **kwargs: Any,
) -> ChunkPlan:
    """The first pass over a corpus to read in chunks (see the module docstring)."""
    # the whole columns the plan needs: ids, and dates (whose strings are shared)
    wanted = {doc_id or DEFAULT_DOC_ID: False}
    if date is not None:
        wanted[date] = True
    several = False
    if path.is_dir():
        found = _readers.folder_files(path, fmt=fmt, **kwargs)
        if found.kind == "txt":
            read_text, read_doc_id = "text", DEFAULT_DOC_ID
            source = _TextFiles(found.files, doc_id=doc_id, encoding=encoding, meta=found.metadata)
            sources, columns, values = [source], source.schema, source.values
        else:
            read_text, read_doc_id = None, doc_id or DEFAULT_DOC_ID
            several = len(found.files) > 1
            sources, columns, values = _tables(
                found.files,
                None,
                doc_id=doc_id,
                encoding=encoding,
                wanted=wanted,
                kwargs=kwargs,
            )
    else:
        fmt = fmt or _readers.format_of(path)
        if fmt is None:
            raise CorpusError(
                f"Cannot tell the format of {path.name!r} from its extension. Pass "
                f"format= one of {', '.join(repr(f) for f in _readers.FORMATS)}."
            )
        if fmt == "txt":
            _readers.no_kwargs(kwargs, "txt")
            read_text, read_doc_id = "text", DEFAULT_DOC_ID
            source = _TextFiles([path], doc_id=None, encoding=encoding, meta=None)
            sources, columns, values = [source], source.schema, source.values
        else:
            read_text, read_doc_id = None, doc_id or DEFAULT_DOC_ID
            sources, columns, values = _tables(
                [path], fmt, doc_id=doc_id, encoding=encoding, wanted=wanted, kwargs=kwargs
            )
    n_docs = sum(s.n_rows for s in sources)
    # what build_frame does to the whole frame, done to its columns and to the whole ids
    text_name = read_text or find_text_column(columns, text)
    columns = id_column(columns, read_doc_id)
    id_name, generate = resolve_columns(columns.columns, text=text_name, doc_id=read_doc_id)
    if generate:
        ids = pd.Series(generated_ids("doc", n_docs)).astype(str)
        logger.info("No doc_id column: ids generated as 'doc00001', 'doc00002', … in row order.")
    else:
        ids = ids_to_str(values[id_name].reset_index(drop=True), column=id_name)
    rest = [c for c in columns.columns if c not in (id_name, text_name)]
    output = ["doc_id", "text", *rest]
    check_unique_ids(ids)
    plan = ChunkPlan(
        sources,
        columns,
        n_docs,
        ids,
        text_name,
        None if generate else id_name,
        rest,
        several=several,
    )
    if check_date_column(pd.Index(output), date) and not pd.api.types.is_datetime64_any_dtype(
        columns[date].dtype
    ):
        raw_name = raw_column_name(date, output)
        whole = pd.DataFrame({"doc_id": ids, date: values[date].reset_index(drop=True)})
        whole = parse_date_column(whole, date, raw_name=raw_name)
        plan.date, plan.parsed = date, whole[date].to_numpy()
        if raw_name in whole.columns:
            plan.raw_name, plan.raw = raw_name, whole[raw_name]
            rest.insert(rest.index(date) + 1, raw_name)
    return plan


__all__ = ["ChunkPlan", "plan_chunks"]
