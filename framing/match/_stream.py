"""Matching a corpus read in chunks: :func:`match_chunks` and :func:`write_matches`.

A corpus too large for memory is read with ``read_corpus(path, chunksize=N)`` and matched
chunk by chunk. :func:`match_chunks` joins the chunks' tables into the table
:func:`~framing.match.match_lexicon` gives for the whole corpus, ``attrs`` included (the
corpus fingerprint is computed from each document's digest, see
:meth:`Corpus.fingerprint <framing.corpus.Corpus.fingerprint>`). :func:`write_matches`
writes each chunk's table as soon as it is computed, so that memory holds one chunk and its
hits, whatever the size of the corpus.

Lemma and stem entries are expanded against the vocabulary of the *whole* corpus, as in
memory: with such entries the chunks are read twice (a first pass collects the word types
that share a lemma or stem with an entry word), so ``chunks`` must then be re-iterable (a
:class:`~framing.corpus.CorpusChunks` or a list, not a generator).

With ``n_jobs`` above 1, chunks are matched by worker processes, up to ``n_jobs`` chunks at
a time, and their tables taken back in corpus order: memory holds about ``2 * n_jobs``
chunks.
"""

from __future__ import annotations

import collections
import hashlib
import json
import multiprocessing
import os
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import CorpusError, FramingError, FramingWarning
from framing._fingerprint import PREFIX, document_digest
from framing._frame import empty_mask
from framing._progress import progress_bar
from framing.corpus import Corpus, CorpusChunks, as_corpus
from framing.lexicon import Lexicon
from framing.match._combine import combine_matches

__all__ = ["WriteSummary", "match_chunks", "write_matches"]

#: Output formats of :func:`write_matches`, by file extension.
OUT_SUFFIXES: tuple[str, ...] = (".parquet", ".csv", ".tsv", ".jsonl")
#: Rows gathered before a Parquet row group is written …
ROW_GROUP_ROWS = 100_000
#: … or sooner, when they take this many bytes (many kept metadata columns).
ROW_GROUP_BYTES = 32 * 2**20
#: Suffix of the provenance file written beside a CSV, TSV or JSONL output.
PROVENANCE_SUFFIX = ".provenance.json"
#: Key of the provenance (JSON) in a Parquet output's key-value metadata.
PARQUET_KEY = b"framing"
_PANDAS_ATTRS = b"PANDAS_ATTRS"  # where pandas.to_parquet keeps attrs; read_parquet restores


# --- the run -------------------------------------------------------------------------------


@dataclass
class _Run:
    """What a pass over the chunks accumulates besides the tables."""

    ids: list[Any] = field(default_factory=list)  # per chunk: its doc_ids (Arrow arrays)
    digests: list[bytes] = field(default_factory=list)  # per chunk: 32 bytes per document
    n_docs: int = 0
    n_empty: int = 0
    n_chunks: int = 0
    columns: list[str] | None = None

    def add(self, corpus: Corpus) -> None:
        import pyarrow as pa

        frame = corpus._frame
        columns = list(frame.columns)
        if self.columns is None:
            self.columns = columns
        elif columns != self.columns:
            raise CorpusError(
                f"Chunk {self.n_chunks} has the columns {columns}, but the first chunk had "
                f"{self.columns}. Every chunk of a corpus must have the same columns; read "
                "it with read_corpus(path, chunksize=N)."
            )
        ids = frame["doc_id"].tolist()
        texts = frame["text"].tolist()
        self.ids.append(pa.array(ids, type=pa.large_string()))
        self.digests.append(
            b"".join(document_digest(i, t) for i, t in zip(ids, texts, strict=True))
        )
        self.n_docs += len(ids)
        self.n_empty += int(empty_mask(texts).sum())
        self.n_chunks += 1

    def fingerprint(self) -> str:
        """The corpus fingerprint (the recipe of :mod:`framing._fingerprint`).

        Raises CorpusError when a doc_id occurs in two chunks (or twice in one).
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        ids = pa.chunked_array(self.ids, type=pa.large_string())
        order = pc.sort_indices(ids).to_numpy()  # UTF-8 byte order is code point order
        sorted_ids = ids.take(order)
        if len(order) > 1:
            same = pc.equal(sorted_ids[1:], sorted_ids[:-1]).to_numpy(zero_copy_only=False)
            if same.any():
                self._repeated(sorted_ids[int(np.flatnonzero(same)[0])].as_py())
        digests = np.frombuffer(b"".join(self.digests), dtype=np.uint8).reshape(-1, 32)
        total = hashlib.sha256(digests[order].tobytes())
        return PREFIX + total.hexdigest()

    def _repeated(self, doc_id: str) -> None:
        where = [str(i) for i, chunk in enumerate(self.ids) if doc_id in chunk.to_pylist()]
        raise CorpusError(
            f"doc_id must be unique; {doc_id!r} appears more than once (in chunk(s) "
            f"{', '.join(where)}, counting from 0). Deduplicate the documents, or read the "
            "corpus with read_corpus(path, chunksize=N), which checks the ids first."
        )


def _progress(progress: Any, total: int | None, desc: str):
    """A tqdm bar on stderr over documents; None follows tqdm (shown on a terminal only)."""
    if progress is not None and not isinstance(progress, (bool, np.bool_)):
        raise FramingError(
            f"progress must be True (always show), False (never) or None (on a terminal "
            f"only); got {progress!r}."
        )
    disable = None if progress is None else not bool(progress)
    return progress_bar(total=total, desc=desc, unit="doc", disable=disable)


def _corpora(chunks: Iterable[Any]) -> Iterator[Corpus]:
    for chunk in chunks:
        yield as_corpus(chunk, caller="match_chunks")


def _lexicon(lexicon: Any) -> Lexicon:
    from framing.match._options import as_lexicon

    return as_lexicon(lexicon)


def _expansions(
    chunks: Iterable[Any], lexicon: Lexicon, language: str, progress: Any, total: int | None
) -> Any:
    """The lemma/stem entries' forms over the whole corpus (a first pass), or None."""
    from framing.match._parallel import _expanded_entries, expand_entries, expansion_types

    if not _expanded_entries(lexicon):
        return None
    if iter(chunks) is chunks:
        raise FramingError(
            "The lexicon has lemma or stem entries, which are expanded against the whole "
            "corpus' vocabulary: the chunks are read twice, so they must be re-iterable. "
            "Pass read_corpus(path, chunksize=N) or a list of corpora, not a generator."
        )
    types: set[str] = set()
    with _progress(progress, total, "vocabulary") as bar, warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # the matching pass gives them
        for corpus in _corpora(chunks):
            types |= expansion_types(corpus, lexicon, language=language)
            bar.update(len(corpus))
    return expand_entries(types, lexicon, language=language)


def _tables(
    chunks: Iterable[Any],
    lexicon: Any,
    *,
    options: dict[str, Any],
    n_jobs: Any,
    progress: Any,
    run: _Run,
) -> Iterator[pd.DataFrame]:
    """Each chunk's matches table, in corpus order; ``run`` accumulates the rest."""
    from framing.match._parallel import (
        check_n_jobs,
        checked_options,
        match_part,
        match_part_rows,
        part_table,
    )
    from framing.match._table import Labels

    lex = _lexicon(lexicon)
    workers = check_n_jobs(n_jobs)
    total = chunks.n_docs if isinstance(chunks, CorpusChunks) else None
    corpora = _corpora(chunks)
    first = next(corpora, None)
    if first is None:
        raise CorpusError(
            "match_chunks(): no chunk to match. Pass read_corpus(path, chunksize=N) or an "
            "iterable of Corpus objects."
        )
    options = checked_options(first, lex, **options)
    expansions = _expansions(chunks, lex, options["language"], progress, total)
    stream = _chain(first, corpora)
    with _progress(progress, total, "matching") as bar:
        if workers == 1:
            for corpus in stream:
                run.add(corpus)
                yield match_part(corpus, lex, expansions=expansions, **options)
                bar.update(len(corpus))
            return
        from framing.match._parallel import START_METHOD

        context = multiprocessing.get_context(START_METHOD)
        # (a chunk's size and labels, and its rows, which its labels make into its table)
        pending: collections.deque[tuple[int, Labels, Future]] = collections.deque()
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            try:
                for corpus in stream:
                    run.add(corpus)
                    future = pool.submit(
                        match_part_rows, corpus, lex, expansions=expansions, **options
                    )
                    pending.append((len(corpus), Labels.of(corpus, options["keep"]), future))
                    del corpus  # its texts are not needed here any more
                    while len(pending) > workers:
                        size, labels, done = pending.popleft()
                        yield part_table(done.result(), labels, lex, options)
                        bar.update(size)
                while pending:
                    size, labels, done = pending.popleft()
                    yield part_table(done.result(), labels, lex, options)
                    bar.update(size)
            except BrokenProcessPool as exc:
                raise FramingError(
                    "A worker process stopped before finishing (n_jobs > 1). Workers are "
                    f"started with {START_METHOD!r}, which runs the calling script again in "
                    'each worker: call this under `if __name__ == "__main__":`. Otherwise '
                    "the machine may have run out of memory: use fewer workers, smaller "
                    "chunks, or n_jobs=1."
                ) from exc
            finally:
                for _, future in pending:
                    future.cancel()


def _chain(first: Corpus, rest: Iterator[Corpus]) -> Iterator[Corpus]:
    yield first
    yield from rest


# --- match_chunks --------------------------------------------------------------------------


def match_chunks(
    chunks: Iterable[Corpus | pd.DataFrame],
    lexicon: Lexicon | str | os.PathLike[str],
    *,
    keep: bool | str | list[str] | None = True,
    overlap: str = "longest",
    language: str | None = None,
    audit: bool = False,
    voice: bool = True,
    n_jobs: int | None = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Match a lexicon over a corpus given in chunks: the whole corpus' matches table.

    The table equals :func:`~framing.match.match_lexicon` on the whole corpus, row for row,
    with the same dtypes and ``attrs``: the chunks' tables are joined in order, the
    corpus fingerprint is computed from every document's digest and ``n_docs`` and
    ``n_rejected`` are summed. Use it when the corpus does not fit in memory but its hits
    do; :func:`write_matches` writes them to a file instead.

    Parameters
    ----------
    chunks : iterable of Corpus or DataFrame
        Consecutive parts of one corpus, with the same columns: typically
        ``read_corpus(path, chunksize=N)``. Must be re-iterable (not a generator) when
        the lexicon has lemma or stem entries.
    lexicon : Lexicon, str or path
        As for :func:`~framing.match.match_lexicon`.
    keep : bool, str, list of str or None, default True
        Metadata columns to copy onto each hit, as for :func:`~framing.match.match_lexicon`.
    overlap : {"longest", "all"}, default "longest"
        As for :func:`~framing.match.match_lexicon`.
    language : str, optional
        As for :func:`~framing.match.match_lexicon` (default: the lexicon's language).
    audit : bool, default False
        As for :func:`~framing.match.match_lexicon`.
    voice : bool, default True
        As for :func:`~framing.match.match_lexicon`.
    n_jobs : int or None, default 1
        Worker processes (-1: every CPU). With more than 1, chunks are matched by a pool
        of processes, ``n_jobs`` chunks at a time; the table is the same.
    progress : bool or None, default None
        A progress bar over documents on stderr (tqdm): None shows it on a terminal only
        (tqdm's rule), True always, False never.

    Returns
    -------
    pandas.DataFrame
        The matches table (see :func:`~framing.match.match_lexicon`).

    Raises
    ------
    CorpusError
        When there is no chunk, chunks have different columns, or a doc_id occurs in two
        chunks (naming it and the chunks).
    FramingError
        What :func:`~framing.match.match_lexicon` raises for bad options.

    Examples
    --------
    >>> from framing.corpus import read_corpus
    >>> hits = match_chunks(read_corpus("karabakh-2023-fr", chunksize=2), "karabakh-2023-fr",
    ...                     progress=False)
    >>> hits.attrs["n_docs"]
    5
    """
    run = _Run()
    tables = list(
        _tables(
            chunks,
            lexicon,
            options={
                "keep": keep,
                "overlap": overlap,
                "language": language,
                "audit": audit,
                "voice": voice,
            },
            n_jobs=n_jobs,
            progress=progress,
            run=run,
        )
    )
    return combine_matches(tables, corpus_fingerprint=run.fingerprint(), n_docs=run.n_docs)


# --- write_matches -------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteSummary:
    """What :func:`write_matches` wrote.

    Attributes
    ----------
    path : pathlib.Path
        The matches file.
    provenance : pathlib.Path or None
        The provenance JSON beside a CSV, TSV or JSONL file; None for Parquet (the
        provenance is in the file's metadata).
    n_docs, n_empty : int
        Documents matched, and those with an empty or whitespace-only text.
    n_hits : int
        Rows written.
    n_docs_with_hits : int
        Documents with at least one row.
    n_rejected : int
        Hits rejected by a proximity constraint (``attrs["n_rejected"]``).
    attrs : dict
        The provenance: the ``attrs`` :func:`~framing.match.match_lexicon` gives the whole
        corpus' table.
    """

    path: Path
    provenance: Path | None
    n_docs: int
    n_empty: int
    n_hits: int
    n_docs_with_hits: int
    n_rejected: int
    attrs: dict[str, Any]


def _suffix(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in OUT_SUFFIXES:
        names = ", ".join(OUT_SUFFIXES[:-1]) + " or " + OUT_SUFFIXES[-1]
        raise FramingError(
            f"write_matches(): cannot write {str(out)!r}: unknown extension "
            f"{suffix or '(none)'!r}. Use {names}."
        )
    return suffix


def provenance_json(attrs: dict[str, Any]) -> str:
    """The run's provenance as JSON (keys sorted, UTF-8, one trailing newline)."""
    return json.dumps(attrs, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


class _ParquetOut:
    """Writes matches tables into one Parquet file with one schema fixed up front.

    The provenance is known only at the end, and pandas restores ``attrs`` only from the
    schema's metadata, which a Parquet writer fixes when it opens. So the rows wait in
    memory up to :data:`ROW_GROUP_ROWS` rows or :data:`ROW_GROUP_BYTES`; a run with more
    writes them to a temporary file, copied row group by row group into the final file
    once the provenance is known.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._spill = path.with_name(path.name + ".rows")
        self._writer: Any = None  # on the spill file, once a row group is full
        self._schema: Any = None
        self._waiting: list[pd.DataFrame] = []  # tables held until every type is known
        self._held: list[Any] = []  # Arrow tables not yet written as a row group
        self._held_rows = self._held_bytes = 0

    def _types(self, tables: list[pd.DataFrame], *, final: bool = False) -> Any:
        """The schema, from the dtypes; object columns from their first values.

        None while an object column (a kept metadata column) has only missing values,
        unless ``final``: then pyarrow's null type.
        """
        import pyarrow as pa

        first = tables[0]
        fields = []
        for name, dtype in first.dtypes.items():
            if name == "voice":
                kind = pa.dictionary(pa.int8(), pa.string())
            elif pd.api.types.is_object_dtype(dtype):
                kind = pa.null()
                for table in tables:
                    if table[name].notna().any():
                        kind = pa.array(table[name], from_pandas=True).type
                        break
                if kind == pa.null() and name in _STRING_COLUMNS:
                    kind = pa.string()
                if kind == pa.null() and not final:
                    return None
            else:
                frame = first[[name]]
                kind = pa.Schema.from_pandas(frame, preserve_index=False).field(name).type
            fields.append(pa.field(name, kind))
        schema = pa.schema(fields)
        pandas_meta = pa.Table.from_pandas(first, schema=schema, preserve_index=False)
        return schema.with_metadata(pandas_meta.schema.metadata)

    def write(self, table: pd.DataFrame) -> None:
        if self._schema is None:
            self._waiting.append(table)
            self._schema = self._types(self._waiting)
            if self._schema is None:
                return
            waiting, self._waiting = self._waiting, []
            for held in waiting:
                self._add(held)
            return
        self._add(table)

    def _add(self, table: pd.DataFrame) -> None:
        import pyarrow as pa

        try:
            arrow = pa.Table.from_pandas(
                table, schema=self._schema, preserve_index=False, nthreads=1
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise FramingError(
                f"write_matches(): a chunk's matches do not fit the Parquet schema fixed by "
                f"the first chunk ({exc}). A kept metadata column holds values of different "
                "types; convert it, leave it out with keep=, or write .csv."
            ) from None
        self._held.append(arrow)
        self._held_rows += arrow.num_rows
        self._held_bytes += arrow.nbytes
        if self._held_rows >= ROW_GROUP_ROWS or self._held_bytes >= ROW_GROUP_BYTES:
            import pyarrow.parquet as pq

            if self._writer is None:
                self._writer = pq.ParquetWriter(self._spill, self._schema)
            self._writer.write_table(pa.concat_tables(self._held))
            self._held, self._held_rows, self._held_bytes = [], 0, 0

    def close(self, attrs: dict[str, Any]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._schema is None:  # a kept column missing everywhere: pyarrow's null type
            self._schema = self._types(self._waiting, final=True)
            for held in self._waiting:
                self._add(held)
        text = json.dumps(attrs, ensure_ascii=False, default=str).encode("utf-8")
        metadata = {**self._schema.metadata, PARQUET_KEY: text, _PANDAS_ATTRS: text}
        schema = self._schema.with_metadata(metadata)
        with pq.ParquetWriter(self.path, schema) as final:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
                spilled = pq.ParquetFile(self._spill)
                for group in range(spilled.num_row_groups):
                    final.write_table(spilled.read_row_group(group).cast(schema))
                spilled.close()
                self._spill.unlink()
            if self._held:
                final.write_table(pa.concat_tables(self._held).cast(schema))

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._spill.unlink(missing_ok=True)


_STRING_COLUMNS = ("doc_id", "surface", "entry", "frame", "contest", "variant", "cue", "rejected")


class _TextOut:
    """Appends matches tables to a CSV, TSV or JSON Lines file."""

    def __init__(self, path: Path, suffix: str) -> None:
        self.path = path
        self._suffix = suffix
        self._handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()/abort()
        self._header = True
        self._empty: pd.DataFrame | None = None

    def write(self, table: pd.DataFrame) -> None:
        if self._suffix == ".jsonl":
            if len(table):
                text = table.to_json(
                    orient="records", lines=True, force_ascii=False, date_format="iso"
                )
                self._handle.write(text)
                self._header = False
            elif self._empty is None:
                self._empty = table
            return
        sep = "\t" if self._suffix == ".tsv" else ","
        if len(table) or self._header:
            table.to_csv(
                self._handle, index=False, sep=sep, lineterminator="\n", header=self._header
            )
            self._header = False

    def close(self, attrs: dict[str, Any]) -> None:
        if self._suffix == ".jsonl" and self._header and self._empty is not None:
            self._handle.write(
                self._empty.to_json(orient="records", lines=True, date_format="iso")
            )
        self._handle.close()

    def abort(self) -> None:
        self._handle.close()


def write_matches(
    chunks: Iterable[Corpus | pd.DataFrame],
    lexicon: Lexicon | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    keep: bool | str | list[str] | None = True,
    overlap: str = "longest",
    language: str | None = None,
    audit: bool = False,
    voice: bool = True,
    n_jobs: int | None = 1,
    progress: bool | None = None,
) -> WriteSummary:
    """Match a lexicon over a corpus given in chunks, writing the hits as they are found.

    Memory holds one chunk and its hits (and 32 bytes and the id of every document, for
    the corpus fingerprint), whatever the size of the corpus. The file holds the rows of
    :func:`match_chunks`' table, in order:

    - ``.parquet``: one schema fixed up front (``voice`` a dictionary with the categories
      ``author``, ``quoted``, ``attributed``; ``distanced`` a nullable boolean; string
      columns as strings; kept metadata with the corpus' types); the provenance (the
      table's ``attrs``) is stored as JSON in the file's key-value metadata under
      ``framing`` and under ``PANDAS_ATTRS``, so that :func:`pandas.read_parquet` gives
      the table back with its ``attrs``.
    - ``.csv``, ``.tsv``, ``.jsonl``: appended chunk by chunk, as
      :meth:`pandas.DataFrame.to_csv` (UTF-8, ``\\n`` line ends) and
      :meth:`pandas.DataFrame.to_json` (``orient="records", lines=True``) write them, with
      the provenance in ``<out>.provenance.json``. A datetime column is formatted chunk
      by chunk (pandas writes ``2023-09-19`` for a chunk of dates at midnight, with the
      time otherwise).

    The file is written under a temporary name and renamed at the end, so an error
    leaves no partial file.

    Parameters
    ----------
    chunks : iterable of Corpus or DataFrame
        As for :func:`match_chunks`, typically ``read_corpus(path, chunksize=N)``.
    lexicon : Lexicon, str or path
        As for :func:`~framing.match.match_lexicon`.
    out : str or path
        The file to write; the extension chooses the format.
    keep : bool, str, list of str or None, default True
        Metadata columns to copy onto each hit, as for :func:`~framing.match.match_lexicon`.
    overlap : {"longest", "all"}, default "longest"
        As for :func:`~framing.match.match_lexicon`.
    language : str, optional
        As for :func:`~framing.match.match_lexicon` (default: the lexicon's language).
    audit : bool, default False
        As for :func:`~framing.match.match_lexicon`.
    voice : bool, default True
        As for :func:`~framing.match.match_lexicon`.
    n_jobs : int or None, default 1
        Worker processes (-1: every CPU). With more than 1, chunks are matched by a pool
        of processes, ``n_jobs`` chunks at a time; the table is the same.
    progress : bool or None, default None
        A progress bar over documents on stderr (tqdm): None shows it on a terminal only
        (tqdm's rule), True always, False never.

    Returns
    -------
    WriteSummary
        The paths, counts (documents, empty documents, hits, documents with hits,
        rejected hits) and provenance.

    Raises
    ------
    FramingError
        An unknown extension (before anything is read); what :func:`match_chunks` raises.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from framing.corpus import read_corpus
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "matches.parquet"
    >>> summary = write_matches(read_corpus("karabakh-2023-fr", chunksize=2),
    ...                         "karabakh-2023-fr", out, progress=False)
    >>> len(pd.read_parquet(out)) == summary.n_hits
    True
    """
    path = Path(out)
    suffix = _suffix(path)
    partial = path.with_name(path.name + ".part")
    writer: _ParquetOut | _TextOut = (
        _ParquetOut(partial) if suffix == ".parquet" else _TextOut(partial, suffix)
    )
    run = _Run()
    n_hits = n_with = 0
    parts_attrs: list[dict[str, Any]] = []
    try:
        for table in _tables(
            chunks,
            lexicon,
            options={
                "keep": keep,
                "overlap": overlap,
                "language": language,
                "audit": audit,
                "voice": voice,
            },
            n_jobs=n_jobs,
            progress=progress,
            run=run,
        ):
            parts_attrs.append(dict(table.attrs))
            n_hits += len(table)
            n_with += int(table["doc_id"].nunique())
            table.attrs = {}
            writer.write(table)
        attrs = _whole_attrs(parts_attrs, run)
        writer.close(attrs)
    except BaseException:
        writer.abort()
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    sidecar = None
    if suffix != ".parquet":
        sidecar = path.with_name(path.name + PROVENANCE_SUFFIX)
        sidecar.write_text(provenance_json(attrs), encoding="utf-8")
    return WriteSummary(
        path=path,
        provenance=sidecar,
        n_docs=run.n_docs,
        n_empty=run.n_empty,
        n_hits=n_hits,
        n_docs_with_hits=n_with,
        n_rejected=int(attrs.get("n_rejected", 0)),
        attrs=attrs,
    )


def _whole_attrs(parts: list[dict[str, Any]], run: _Run) -> dict[str, Any]:
    from framing.match._combine import combine_attrs

    return combine_attrs(parts, corpus_fingerprint=run.fingerprint(), n_docs=run.n_docs)
