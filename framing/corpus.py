"""Corpora: documents with ids, texts and metadata, read from files or built from a DataFrame.

A :class:`Corpus` wraps one pandas DataFrame whose first two columns are ``doc_id`` (unique
strings) and ``text`` (strings), followed by any metadata columns (``outlet``, ``date``,
``title``, …). It never drops a document: empty texts are kept and reported, dates that
cannot be parsed are kept as NaT with their original value in a ``<date>_raw`` column.

:func:`read_corpus` reads a folder of ``.txt`` files (with an optional ``metadata.csv``),
a CSV/TSV, JSON Lines (optionally gzipped) or Parquet file, a folder of such tables, or a
corpus bundled with the package, by name. With ``chunksize`` it reads a corpus too large
for memory as a :class:`CorpusChunks`, whose chunks, concatenated, are the corpus.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple, overload

import numpy as np
import pandas as pd

from framing import _readers
from framing._errors import CorpusError, suggest
from framing._fingerprint import corpus_fingerprint
from framing._frame import build_frame, describe_frame, find_text_column, select_mask
from framing._writers import html_preview, write_csv, write_jsonl, write_parquet

__all__ = ["Corpus", "CorpusChunks", "Document", "read_corpus"]

# pandas >= 3 always copies on write, so a shallow copy is a safe, cheap snapshot
_SHALLOW_COPY_IS_SAFE = int(pd.__version__.split(".")[0]) >= 3
_SUGGEST_IDS = 5_000  # above this many documents, unknown ids get no "Did you mean"
_REPR_COLUMNS = 8  # metadata columns named in repr before "…"

PathLike = str | os.PathLike


class Document(NamedTuple):
    """One document of a corpus, as yielded by iterating over a :class:`Corpus`."""

    doc_id: str
    text: str
    meta: dict[str, Any]


# --- the Corpus ----------------------------------------------------------------------------


class Corpus:
    """Documents with unique ids, their texts and metadata: one pandas DataFrame inside.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document. It is copied; the caller's frame is never modified.
    text : str, default "text"
        Column holding the texts; renamed ``text``. Missing values become ``""``; other
        non-strings are converted with ``str``.
    doc_id : str or None, default "doc_id"
        Column (or index level) holding unique document ids; renamed ``doc_id`` and cast to
        ``str``. When there is no such column and ``doc_id`` is ``"doc_id"`` or None, ids are
        generated in row order as ``doc00001``, ``doc00002``, … (zero-padded to at least five
        digits; an info-level log message says so).
    date : str or None, default None
        Column to parse into ``datetime64`` (see :func:`framing._dates.parse_dates` for the
        accepted forms). Values that cannot be parsed become NaT and are kept, as written,
        in a ``<date>_raw`` column, with one warning. None parses nothing.
    name : str, optional
        A short name shown in ``repr`` and provenance.
    source : str or path, optional
        Where the data came from (set by :func:`read_corpus`).

    Raises
    ------
    CorpusError
        If the text (or a named id / date) column is missing (the message lists the columns
        and suggests close names), ids are missing, or ids are not unique (the duplicated
        ids are listed with their counts).

    Warns
    -----
    FramingWarning
        Once, when some texts are empty or whitespace-only (they are kept), naming how many
        and the first ids; once when dates could not be parsed.

    Notes
    -----
    The columns are ``doc_id``, ``text``, then the metadata columns in their original order;
    the index is a fresh RangeIndex. A Corpus is treated as immutable: :attr:`docs` returns a
    copy-on-write copy, so changing it never changes the corpus. Build a new Corpus from the
    changed frame instead.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = Corpus(
    ...     pd.DataFrame({"id": ["a", "b"], "body": ["Une offensive.", "Des mesures."],
    ...                   "outlet": ["X", "Y"]}),
    ...     text="body", doc_id="id", name="demo")
    >>> corpus
    <Corpus 'demo': 2 documents, metadata: outlet>
    >>> corpus.subset(outlet="Y").doc_ids
    ['b']
    """

    def __init__(
        self,
        data: pd.DataFrame,
        *,
        text: str = "text",
        doc_id: str | None = _readers.DEFAULT_DOC_ID,
        date: str | None = None,
        name: str | None = None,
        source: PathLike | None = None,
    ) -> None:
        self._frame = build_frame(data, text=text, doc_id=doc_id, date=date)
        self._name = name
        self._source = None if source is None else str(source)
        self._fingerprint: str | None = None

    @classmethod
    def from_frame(
        cls,
        data: pd.DataFrame,
        *,
        text: str = "text",
        doc_id: str | None = _readers.DEFAULT_DOC_ID,
        date: str | None = None,
        name: str | None = None,
        source: PathLike | None = None,
    ) -> Corpus:
        """Build a Corpus from a DataFrame; the same as ``Corpus(data, ...)``.

        See :class:`Corpus` for the parameters.

        Examples
        --------
        >>> import pandas as pd
        >>> len(Corpus.from_frame(pd.DataFrame({"text": ["Un texte."]})))
        1
        """
        return cls(data, text=text, doc_id=doc_id, date=date, name=name, source=source)

    @classmethod
    def _trusted(cls, frame: pd.DataFrame, *, name: str | None, source: str | None) -> Corpus:
        """A Corpus around an already validated frame (filtering keeps validity)."""
        corpus = cls.__new__(cls)
        corpus._frame = frame.reset_index(drop=True)
        corpus._name = name
        corpus._source = source
        corpus._fingerprint = None
        return corpus

    # --- accessors ---------------------------------------------------------------------------

    @property
    def name(self) -> str | None:
        """The corpus name (a bundled corpus' name, the file or folder name), or None."""
        return self._name

    @property
    def source(self) -> str | None:
        """The path the corpus was read from, or None when built from a DataFrame."""
        return self._source

    @property
    def docs(self) -> pd.DataFrame:
        """The documents as a DataFrame: ``doc_id``, ``text``, metadata columns.

        A copy (copy-on-write with pandas 3, so cheap): changing it leaves the corpus
        untouched.
        """
        return self._frame.copy(deep=not _SHALLOW_COPY_IS_SAFE)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without what is kept to save time (texts read out, term tables)."""
        state = self.__dict__.copy()
        for key in ("_texts", "_term_tables"):
            state.pop(key, None)
        return state

    @property
    def texts(self) -> list[str]:
        """The texts, in document order (a new list each time; the strings are shared)."""
        cached = self.__dict__.get("_texts")
        if cached is None:  # a Corpus never changes: its texts are read out once
            cached = self.__dict__["_texts"] = tuple(self._frame["text"].tolist())
        return list(cached)

    @property
    def doc_ids(self) -> list[str]:
        """The document ids, in document order."""
        return self._frame["doc_id"].tolist()

    @property
    def metadata(self) -> pd.DataFrame:
        """Every column except ``text`` (``doc_id`` first), one row per document."""
        return self._frame.drop(columns="text")  # drop() returns a new frame

    @property
    def _meta_columns(self) -> list[str]:
        return [c for c in self._frame.columns if c not in ("doc_id", "text")]

    def __len__(self) -> int:
        return len(self._frame)

    def __iter__(self) -> Iterator[Document]:
        meta_columns = self._meta_columns
        ids = self._frame["doc_id"].tolist()
        texts = self._frame["text"].tolist()
        if meta_columns:
            records = self._frame[meta_columns].to_dict("records")
        else:
            records = [{} for _ in ids]
        for doc_id, text, meta in zip(ids, texts, records, strict=True):
            yield Document(doc_id, text, meta)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in set(self._frame["doc_id"])

    def __getitem__(self, key: Any) -> Corpus | Document:
        """Select documents.

        ``corpus["id"]`` returns one :class:`Document`; ``corpus[["id1", "id2"]]`` a Corpus
        of those documents in that order; ``corpus[mask]`` (a boolean Series, array or
        list, one value per document) a Corpus of the documents where it is True. A boolean
        Series indexed by doc_id is aligned on the ids.
        """
        frame = self._frame
        if isinstance(key, str):
            position = self._positions([key])[0]
            meta = frame[self._meta_columns].iloc[position].to_dict()
            return Document(key, frame["text"].iat[position], meta)
        if isinstance(key, pd.Series) and pd.api.types.is_bool_dtype(key.dtype):
            key = self._align_mask(key)
        if isinstance(key, (pd.Series, pd.Index)):
            values = key.to_numpy()
        elif isinstance(key, np.ndarray):
            values = key
        elif pd.api.types.is_list_like(key):
            values = np.asarray(list(key))
        else:
            raise CorpusError(
                "Select documents with a doc_id, a list of doc_ids, or a boolean mask with "
                f"one True/False per document; got {type(key).__name__}."
            )
        if values.dtype == bool:
            if len(values) != len(frame):
                raise CorpusError(
                    f"A boolean mask must have one value per document: the corpus has "
                    f"{len(frame)} documents, the mask {len(values)} values."
                )
            return self._subcorpus(frame[values])
        if values.size == 0 or all(isinstance(v, str) for v in values.tolist()):
            return self._subcorpus(frame.iloc[self._positions(values.tolist())])
        raise CorpusError(
            "Select documents with a doc_id, a list of doc_ids, or a boolean mask with one "
            f"True/False per document; got {type(key).__name__} of {values.dtype}."
        )

    def _align_mask(self, mask: pd.Series) -> pd.Series:
        if mask.isna().any():
            raise CorpusError(
                "The boolean mask has missing values (NA); fill them (mask.fillna(False)) "
                "before selecting."
            )
        if mask.index.equals(self._frame.index) or len(mask) != len(self._frame):
            return mask.astype(bool)
        ids = self._frame["doc_id"]
        if mask.index.is_unique and set(mask.index) == set(ids):
            return mask.reindex(ids.to_numpy()).astype(bool)
        raise CorpusError(
            "The boolean Series' index matches neither the corpus rows (corpus.docs.index) "
            "nor its doc_ids; pass mask.to_numpy() to select by position."
        )

    def _positions(self, ids: list[str]) -> list[int]:
        index = pd.Index(self._frame["doc_id"])
        positions = index.get_indexer(ids)
        unknown = [i for i, p in zip(ids, positions, strict=True) if p < 0]
        if unknown:
            hint = suggest(unknown[0], index) if len(index) <= _SUGGEST_IDS else ""
            raise CorpusError(
                f"Unknown doc_id(s): {_readers.shown([repr(u) for u in unknown])}.{hint}"
            )
        if len(set(ids)) < len(ids):
            repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
            listed = _readers.shown([repr(r) for r in repeated])
            raise CorpusError(
                f"doc_id(s) asked for more than once: {listed}; a corpus holds each document once."
            )
        return positions.tolist()

    def _subcorpus(self, frame: pd.DataFrame) -> Corpus:
        return Corpus._trusted(frame, name=self._name, source=self._source)

    def _rows(self, start: int, stop: int) -> Corpus:
        """Documents ``start:stop``, sharing the texts this corpus has read out already
        (the parts of a corpus matched in parallel: reading 25 MB of texts out of the
        frame again takes ~25 ms)."""
        part = self._subcorpus(self._frame.iloc[start:stop])
        cached = self.__dict__.get("_texts")
        if cached is not None:
            part.__dict__["_texts"] = cached[start:stop]
        return part

    # --- selection ---------------------------------------------------------------------------

    def subset(self, **metadata: Any) -> Corpus:
        """The documents whose metadata have the given values.

        Parameters
        ----------
        **metadata
            ``column=value``: keep documents where the column equals the value; a list
            (tuple, set, array) keeps any of its values; None keeps missing values. Several
            columns combine with AND. Values for a datetime column may be strings
            (``date="2023-09-19"``).

        Returns
        -------
        Corpus
            A new corpus with the same name and source.

        Raises
        ------
        CorpusError
            If a column does not exist (with a suggestion), or a value occurs in no
            document (the message lists the values present).

        Examples
        --------
        >>> import pandas as pd
        >>> corpus = Corpus(pd.DataFrame({"text": ["a", "b", "c"], "outlet": ["X", "Y", "Z"]}))
        >>> len(corpus.subset(outlet=["X", "Z"]))
        2
        """
        frame = self._frame
        keep = np.ones(len(frame), dtype=bool)
        for column, wanted in metadata.items():
            if column not in frame.columns or column == "text":
                candidates = [c for c in frame.columns if c != "text"]
                raise CorpusError(
                    f"No metadata column {column!r}. Columns: "
                    f"{_readers.shown([repr(c) for c in candidates], n=20)}."
                    f"{suggest(column, candidates)}"
                )
            keep &= select_mask(frame[column], column, wanted)
        return self._subcorpus(frame[keep])

    # --- summaries ---------------------------------------------------------------------------

    def describe(self, by: str | list[str] | None = None, *, language: str = "fr") -> pd.DataFrame:
        """Count documents, empty documents, tokens, sentences and characters.

        Parameters
        ----------
        by : str or list of str, optional
            Metadata column(s) to group by. Documents whose group value is missing form a
            group labelled ``"(missing)"``; nothing is dropped. None gives one row for the
            whole corpus.
        language : str, default "fr"
            Language of the sentence splitter.

        Returns
        -------
        pandas.DataFrame
            One row per group, sorted by group (``"(missing)"`` last), with columns:

            - the ``by`` columns, or ``group`` (value ``"all"``) when ``by`` is None;
            - ``n_docs``: documents;
            - ``n_empty``: documents whose text is empty or whitespace only;
            - ``n_tokens``: words and numbers (:func:`framing.text.count_words`);
            - ``n_sentences``: sentences (:func:`framing.text.sentence_spans`);
            - ``n_chars``: characters of the texts as stored;
            - ``mean_tokens``: ``n_tokens / n_docs``.

            ``attrs`` records ``by``, ``language``, the corpus name and fingerprint.

        Raises
        ------
        CorpusError
            If a ``by`` column does not exist (with a suggestion).

        Examples
        --------
        >>> table = read_corpus("karabakh-2023-fr").describe(by="outlet")
        >>> table[["outlet", "n_docs"]].values.tolist()
        [['La Gazette', 1], ['(missing)', 4]]
        """
        columns = [] if by is None else [by] if isinstance(by, str) else list(by)
        table = describe_frame(self._frame, columns, language=language)
        table.attrs = {
            "function": "describe",
            "by": columns or None,
            "language": language,
            "tokens": "framing.text.count_words (words and numbers)",
            "sentences": "framing.text.sentence_spans",
            "corpus": self._name,
            "fingerprint": self.fingerprint(),
        }
        return table

    def fingerprint(self) -> str:
        """A content hash of the ids and texts, for provenance: ``"sha256:<64 hex digits>"``.

        Each document gets a digest: SHA-256 over its id and then its text, each encoded
        as UTF-8 and fed as an 8-byte big-endian length followed by the bytes (so
        ``("ab", "c")`` and ``("a", "bc")`` differ). The fingerprint is SHA-256 over these
        32-byte digests taken in ``doc_id`` order (Python string order, i.e. by Unicode code
        points), so row order does not matter and metadata do not count. The value is the
        same on every machine and run, is computed once per corpus, and is the same whether
        the corpus is held in memory, read in chunks or split over processes.

        Examples
        --------
        >>> import pandas as pd
        >>> a = Corpus(pd.DataFrame({"doc_id": ["1", "2"], "text": ["x", "y"]}))
        >>> b = Corpus(pd.DataFrame({"doc_id": ["2", "1"], "text": ["y", "x"]}))
        >>> a.fingerprint() == b.fingerprint()
        True
        """
        if self._fingerprint is None:
            self._fingerprint = corpus_fingerprint(self.doc_ids, self.texts)
        return self._fingerprint

    def __repr__(self) -> str:
        label = f"<Corpus {self._name!r}" if self._name else "<Corpus"
        n = len(self._frame)
        meta = self._meta_columns
        listed = ", ".join(str(c) for c in meta[:_REPR_COLUMNS])
        if len(meta) > _REPR_COLUMNS:
            listed += f", … (+{len(meta) - _REPR_COLUMNS})"
        return f"{label}: {n} document{'s' if n != 1 else ''}, metadata: {listed or 'none'}>"

    def _repr_html_(self, rows: int = 5, width: int = 80) -> str:
        return html_preview(self._frame, title=repr(self), rows=rows, width=width)

    # --- writers -----------------------------------------------------------------------------

    def to_jsonl(self, path: PathLike) -> Path:
        """Write one JSON object per document; gzip-compressed when ``path`` ends in ``.gz``.

        Dates are written as ISO strings, missing values as ``null``; the gzip header
        carries no timestamp, so writing the same corpus twice gives identical bytes.
        Read back with :func:`read_corpus`.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        return write_jsonl(self._frame, Path(path))

    def to_csv(self, path: PathLike, *, encoding: str = "utf-8") -> Path:
        """Write a CSV file (tab-separated when ``path`` ends in ``.tsv``; gzip with ``.gz``).

        Dates are written as ISO strings, missing values as empty cells, line breaks inside
        texts are kept (in quoted fields). Pass ``encoding="utf-8-sig"`` for Excel. The gzip
        header carries no timestamp or file name, so the output is byte-identical across runs.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        return write_csv(self._frame, Path(path), encoding=encoding)

    def to_parquet(self, path: PathLike) -> Path:
        """Write a Parquet file (column types, dates included, are kept).

        Returns
        -------
        pathlib.Path
            The file written.
        """
        return write_parquet(self._frame, Path(path))


# --- a corpus read in chunks ----------------------------------------------------------------


class CorpusChunks:
    """A corpus read in chunks: iterating gives :class:`Corpus` objects of a few documents.

    Returned by :func:`read_corpus` when ``chunksize`` is given; not built directly. The
    files were read once already, without keeping the texts, so the number of documents,
    the columns, the ids and the dates of the whole corpus are known, and every error and
    warning of an in-memory read about them has been raised. Each iteration reads the
    files again and yields the chunks in corpus order; it can be repeated.

    Every chunk is normalised as the whole corpus would be: concatenating the chunks'
    :attr:`Corpus.docs` gives ``read_corpus(path).docs`` (same columns, values and dtypes;
    a date column is ``datetime64`` in every chunk, generated ids count across chunks).
    Each chunk has the corpus' name and source. The warning about empty texts counts them
    over the whole corpus and comes once the last chunk has been read (so does the
    warning about cp1252 files in a folder of ``.txt`` files).

    Attributes
    ----------
    name, source : str or None
        As :attr:`Corpus.name` and :attr:`Corpus.source`.
    n_docs : int
        Documents in the whole corpus.
    chunksize : int
        Most documents in a chunk.
    chunk_chars : int or None
        Most characters of text in a chunk (a longer document is a chunk of its own).

    Examples
    --------
    >>> chunks = read_corpus("an-mariage-2013", chunksize=5000)
    >>> chunks
    <CorpusChunks 'an-mariage-2013': 19240 documents in chunks of 5000>
    >>> [len(chunk) for chunk in chunks]
    [5000, 5000, 5000, 4240]
    """

    def __init__(
        self,
        plan: Any,
        *,
        chunksize: int,
        chunk_chars: int | None,
        name: str | None,
        source: str | None,
    ) -> None:
        self._plan = plan
        self.chunksize = chunksize
        self.chunk_chars = chunk_chars
        self.name = name
        self.source = source

    @property
    def n_docs(self) -> int:
        """Documents in the whole corpus."""
        return int(self._plan.n_docs)

    @property
    def columns(self) -> list[str]:
        """The columns of every chunk's :attr:`Corpus.docs`."""
        return ["doc_id", "text", *self._plan.rest]

    def __iter__(self) -> Iterator[Corpus]:
        for frame in self._plan.frames(self.chunksize, self.chunk_chars):
            yield Corpus._trusted(frame, name=self.name, source=self.source)

    def __repr__(self) -> str:
        label = f"<CorpusChunks {self.name!r}" if self.name else "<CorpusChunks"
        return f"{label}: {self.n_docs} documents in chunks of {self.chunksize}>"


def _check_chunking(chunksize: Any, chunk_chars: Any) -> None:
    checks = [("chunksize", chunksize, "documents")]
    if chunk_chars is not None:
        checks.append(("chunk_chars", chunk_chars, "characters of text"))
    for name, value, unit in checks:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            hint = " (chunk_chars needs chunksize)" if value is None else ""
            raise CorpusError(
                f"{name} must be a positive whole number of {unit} per chunk; got {value!r}{hint}."
            )


# --- reading -------------------------------------------------------------------------------


@overload
def read_corpus(
    path: PathLike,
    *,
    text: str | None = ...,
    doc_id: str | None = ...,
    date: str | None = ...,
    format: str | None = ...,
    encoding: str | None = ...,
    name: str | None = ...,
    chunksize: None = ...,
    chunk_chars: int | None = ...,
    **reader_kwargs: Any,
) -> Corpus: ...


@overload
def read_corpus(
    path: PathLike,
    *,
    text: str | None = ...,
    doc_id: str | None = ...,
    date: str | None = ...,
    format: str | None = ...,
    encoding: str | None = ...,
    name: str | None = ...,
    chunksize: int,
    chunk_chars: int | None = ...,
    **reader_kwargs: Any,
) -> CorpusChunks: ...


def read_corpus(
    path: PathLike,
    *,
    text: str | None = None,
    doc_id: str | None = None,
    date: str | None = "date",
    format: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
    chunksize: int | None = None,
    chunk_chars: int | None = None,
    **reader_kwargs: Any,
) -> Corpus | CorpusChunks:
    """Read a corpus from files, or a bundled corpus by name, whole or in chunks.

    Parameters
    ----------
    path : str or path
        One of:

        - a folder of ``.txt`` files: one document per file, ``doc_id`` = file name without
          ``.txt``, sorted by doc_id; an optional ``metadata.csv`` (or ``.tsv``) with a
          ``doc_id`` column is joined on it. Files are read as bytes and decoded, so every
          character (``\\r\\n`` included) is kept and offsets map to the file's text.
        - a ``.csv``/``.tsv`` file (all columns read as strings, so ids like ``007``
          survive; only empty cells are missing; the delimiter of a ``.csv`` is ``,``, or
          ``;`` / tab when the header line has more of those), a ``.jsonl`` or
          ``.jsonl.gz`` file (one JSON object per line), or a ``.parquet`` file.
          A single ``.txt`` file is a corpus of one document.
        - a folder without ``.txt`` files: every table file in it is read and the tables
          are concatenated (with a ``source_file`` column when there are several);
          ``*.md``, ``README*`` and ``LICENSE*`` files are ignored.
        - the name of a corpus bundled with the package (``"karabakh-2023-fr"``), when no
          file or folder of that name exists.
    text : str, optional
        Column holding the texts. By default the first of ``text``, ``texte``,
        ``content``, ``body``, ``article``, ``contenu`` (case-insensitive) present.
        Ignored for ``.txt`` files, whose content is the text.
    doc_id : str, optional
        Column holding unique ids (in ``metadata.csv`` for a text folder). By default a
        ``doc_id`` column if present; otherwise ids are generated from the file name and
        the 1-based row number, zero-padded to at least 5 digits: ``interventions-00001``,
        ``interventions-00002``, … for ``interventions.jsonl.gz`` (an info-level log
        message says so).
    date : str or None, default "date"
        Column to parse as dates (ISO, ``19/09/2023``, ``mardi 29 janvier 2013``,
        ``September 19, 2023`` …; see :mod:`framing._dates`). Unparseable values become NaT
        and are kept, as written, in a ``<date>_raw`` column (one warning). Ignored when
        the default ``"date"`` column is absent; None parses nothing.
    format : {"txt", "csv", "tsv", "jsonl", "parquet"}, optional
        Overrides detection by extension (gzip is detected from the bytes).
    encoding : str, optional
        Text encoding. By default UTF-8 (a byte-order mark is removed) with a fallback to
        Windows-1252 that warns, naming the files.
    name : str, optional
        The corpus name; by default the bundled name, or the file or folder name.
    chunksize : int, optional
        Read the corpus in chunks of at most this many documents, for corpora too large
        for memory: a :class:`CorpusChunks` is returned instead of a Corpus (as
        :func:`pandas.read_csv` returns a reader when given ``chunksize``). Iterating over
        it yields Corpus objects whose frames, concatenated, are the in-memory corpus'
        frame. The files are read twice: a first pass keeps no text but checks the ids
        (a repeated id raises the same error, with the rows where it occurs), parses the
        dates and counts the documents, so errors come before the first chunk; each
        iteration is a second pass. Memory: one chunk plus the ids of the whole corpus.
        Parquet accepts ``columns=`` only among ``reader_kwargs``; with CSV, keep the
        default ``dtype`` (strings) so that every chunk has the whole file's types.
    chunk_chars : int, optional
        With ``chunksize``: also end a chunk before its texts exceed this many
        characters (a longer document forms a chunk of its own), so that memory stays
        bounded whatever the length of the documents.
    **reader_kwargs
        Passed to :func:`pandas.read_csv` or :func:`pandas.read_parquet` (e.g. ``sep=";"``).

    Returns
    -------
    Corpus or CorpusChunks
        A Corpus; a :class:`CorpusChunks` when ``chunksize`` is given.

    Raises
    ------
    CorpusError
        If the path exists nowhere and names no bundled corpus (bundled names listed, with
        a suggestion); the text column is missing; ids are duplicated; a JSONL line is
        malformed (file and line number); a ``metadata.csv`` row matches no text file; a
        file cannot be decoded or parsed; ``chunksize`` or ``chunk_chars`` is not a
        positive whole number.

    Warns
    -----
    FramingWarning
        Files decoded as cp1252; text files without a metadata row; empty texts;
        unparseable dates. Each problem gives one warning, which counts and lists.

    Examples
    --------
    >>> corpus = read_corpus("karabakh-2023-fr")
    >>> corpus
    <Corpus 'karabakh-2023-fr': 5 documents, metadata: outlet, title, date, language, source_note>
    >>> corpus.doc_ids[0]
    '000_9e5079871ae24380'
    >>> str(corpus.source).endswith("karabakh-2023-fr")
    True
    >>> chunks = read_corpus("karabakh-2023-fr", chunksize=2)
    >>> [chunk.doc_ids for chunk in chunks][-1]
    ['004_f2b60a6b7852c7d8']
    """
    if format is not None and format not in _readers.FORMATS:
        raise CorpusError(
            f"Unknown format {format!r}; expected one of "
            f"{', '.join(repr(f) for f in _readers.FORMATS)}.{suggest(format, _readers.FORMATS)}"
        )
    resolved, bundled = _readers.resolve_path(path)
    if chunksize is not None or chunk_chars is not None:
        return _read_chunks(
            resolved,
            bundled=bundled,
            original=path,
            text=text,
            doc_id=doc_id,
            date=date,
            format=format,
            encoding=encoding,
            name=name,
            chunksize=chunksize,
            chunk_chars=chunk_chars,
            **reader_kwargs,
        )
    if resolved.is_dir():
        read = _readers.read_folder(
            resolved, fmt=format, doc_id=doc_id, encoding=encoding, **reader_kwargs
        )
        default_name = resolved.name
    else:
        read = _readers.read_file(
            resolved, fmt=format, doc_id=doc_id, encoding=encoding, **reader_kwargs
        )
        default_name = _readers.stem_of(resolved)
    return Corpus(
        read.frame,
        text=read.text or find_text_column(read.frame, text),
        doc_id=read.doc_id,
        date=date,
        name=name or bundled or default_name,
        source=resolved if bundled else path,
    )


def _read_chunks(
    resolved: Path,
    *,
    bundled: str | None,
    original: PathLike,
    name: str | None,
    chunksize: Any,
    chunk_chars: Any,
    **options: Any,
) -> CorpusChunks:
    from framing._chunked import plan_chunks

    _check_chunking(chunksize, chunk_chars)
    plan = plan_chunks(
        resolved,
        text=options.pop("text"),
        doc_id=options.pop("doc_id"),
        date=options.pop("date"),
        fmt=options.pop("format"),
        encoding=options.pop("encoding"),
        **options,
    )
    default_name = resolved.name if resolved.is_dir() else _readers.stem_of(resolved)
    return CorpusChunks(
        plan,
        chunksize=int(chunksize),
        chunk_chars=None if chunk_chars is None else int(chunk_chars),
        name=name or bundled or default_name,
        source=str(resolved if bundled else original),
    )


SINGLE_DOC_ID = "doc1"
"""The ``doc_id`` given to a text passed on its own (a ``str``) where a corpus is expected."""


def as_corpus(data: Any, *, caller: str) -> Corpus:
    """Accept what the public functions accept as a corpus, or raise naming ``caller``.

    A :class:`Corpus` is returned as it is; a DataFrame (``text`` column, optional
    ``doc_id``) is wrapped; a ``str`` is ONE document's text (id :data:`SINGLE_DOC_ID`),
    never a path; a :class:`pathlib.Path` is read with :func:`read_corpus`.
    """
    if isinstance(data, Corpus):
        return data
    if isinstance(data, pd.DataFrame):
        return Corpus(data)
    if isinstance(data, str):
        return Corpus(pd.DataFrame({"doc_id": [SINGLE_DOC_ID], "text": [data]}))
    if isinstance(data, os.PathLike):
        return read_corpus(data)
    raise CorpusError(
        f"{caller}(): corpus must be a Corpus, a DataFrame with a 'text' column (and "
        "optionally 'doc_id'), a str (one document) or a pathlib.Path to read with "
        f"read_corpus; got {type(data).__name__}."
    )
