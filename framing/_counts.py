"""Group × term counts: the table every ``compare_*`` function stands on.

:func:`term_table` turns either a :class:`~framing.Corpus` (tokenised once, here) or a long
count table (one row per group and term) into a :class:`TermTable`: a sparse
``terms × groups`` matrix of counts, the group labels, and lazily built term labels.

Decisions (the docstrings of the ``compare_*`` functions repeat what users need):

- Tokens are :func:`framing.text.words` (lower-cased, apostrophes and hyphens unified),
  the same words as the corpus token count. One pass per document; n-grams are built from
  integer ids with numpy, never word by word in Python.
- N-grams never cross a sentence end (:func:`framing.text.sentence_spans`, the rule the
  matcher follows for multiword entries) nor a document end. Unigrams need no sentence
  pass. An n-gram's label is its words joined by a space, without a space after an elided
  form (``"l'armée"``, ``"mariage pour tous"``).
- Stopwords: a term is dropped when every word in it is a stopword; counts and group sizes
  are then computed without it.
- Missing group values form their own group, ``"(missing)"`` (as in
  :meth:`framing.Corpus.describe`), listed last; other groups are sorted.
- A count table's duplicate (group, term) rows are added; terms whose total count is zero
  are dropped (no statistic is defined for them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from framing._errors import CorpusError, FramingError, suggest
from framing._resources import RESOURCES_DIR

MISSING_GROUP = "(missing)"
STOPWORD_LISTS = ("fr", "en")
MAX_NGRAM = 5
_STOPWORD_DIR = RESOURCES_DIR / "stopwords"

if TYPE_CHECKING:  # scipy.sparse is imported where used: it costs ~0.3 s at import
    import scipy.sparse as sp


def shown(items: Sequence[Any], n: int = 8) -> str:
    """``a, b, c`` or ``a, b, c, … (12 in all)`` for messages."""
    head = ", ".join(str(item) for item in items[:n])
    return head if len(items) <= n else f"{head}, … ({len(items)} in all)"


# --- parameters ----------------------------------------------------------------------------


def check_ngram(ngram: object, func: str) -> tuple[int, int]:
    """``(smallest, largest)`` n-gram order from ``1``, ``3`` or ``(1, 3)``, or raise."""
    orders: tuple[object, ...]
    if isinstance(ngram, (int, np.integer)) and not isinstance(ngram, bool):
        orders = (int(ngram), int(ngram))
    elif isinstance(ngram, (tuple, list)) and len(ngram) == 2:
        orders = tuple(ngram)
    else:
        orders = ()
    ok = len(orders) == 2 and all(
        isinstance(o, (int, np.integer)) and not isinstance(o, bool) and 1 <= o <= MAX_NGRAM
        for o in orders
    )
    if not ok or orders[0] > orders[1]:  # type: ignore[operator]
        raise FramingError(
            f"{func}(): ngram={ngram!r} is not valid; expected an n-gram order from 1 to "
            f"{MAX_NGRAM} (ngram=2) or a range (ngram=(1, 3): unigrams, bigrams and trigrams)."
        )
    return int(orders[0]), int(orders[1])  # type: ignore[arg-type]


def _shipped_stopwords(name: str, language: str) -> tuple[frozenset[str], str]:
    """(words, version) of a shipped list, normalised like the tokens."""
    path = _STOPWORD_DIR / f"{name}.txt"
    version = name
    entries: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            if "version" in line:
                version = line.rsplit("version", 1)[1].strip(" :")
            continue
        if line:
            entries.append(line)
    return frozenset(_normalise_words(entries, language)), version


def _normalise_words(entries: Iterable[str], language: str) -> list[str]:
    from framing.text import words

    out: list[str] = []
    for entry in entries:
        out.extend(words(entry, lower=True, language=language))
    return out


def resolve_stopwords(
    stopwords: object, language: str, func: str
) -> tuple[frozenset[str], str | None]:
    """(set of normalised stopwords, description for attrs) from the ``stopwords`` argument."""
    if stopwords is None:
        return frozenset(), None
    if isinstance(stopwords, str):
        name = stopwords.strip().lower()
        if name not in STOPWORD_LISTS:
            raise FramingError(
                f"{func}(): stopwords={stopwords!r} is not a shipped list; expected one of "
                f"{', '.join(map(repr, STOPWORD_LISTS))}, a list of words, or None."
                + suggest(stopwords, STOPWORD_LISTS)
            )
        found, version = _shipped_stopwords(name, language)
        return found, f"{name} (framing list {version}, {len(found)} words)"
    if isinstance(stopwords, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        items = list(stopwords)
        bad = [w for w in items if not isinstance(w, str)]
        if bad:
            raise FramingError(
                f"{func}(): stopwords must be strings; got {shown([repr(b) for b in bad])}."
            )
        found = frozenset(_normalise_words(items, language))
        return found, f"user list ({len(found)} words)"
    raise FramingError(
        f"{func}(): stopwords={stopwords!r} is not valid; expected 'fr', 'en', a list of "
        "words, or None."
    )


# --- the table -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Labels:
    """Term labels, built only for the rows asked for.

    A corpus table keeps, per n-gram order, the unigram ids of each n-gram; a count table
    keeps the labels themselves.
    """

    vocab: np.ndarray  # unigram strings (object), or the labels of a count table
    parts: tuple[tuple[int, np.ndarray], ...] = ()  # (row offset, ids (k × n)) per order

    def __call__(self, rows: np.ndarray | None = None, size: int | None = None) -> np.ndarray:
        if not self.parts:
            return self.vocab if rows is None else self.vocab[rows]
        if rows is None:
            rows = np.arange(size if size is not None else 0)
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty(len(rows), dtype=object)
        bounds = [offset for offset, _ in self.parts] + [np.iinfo(np.int64).max]
        for (offset, ids), end in zip(self.parts, bounds[1:], strict=True):
            mine = (rows >= offset) & (rows < end)
            if mine.any():
                out[mine] = self._join(ids[rows[mine] - offset])
        return out

    def _join(self, ids: np.ndarray) -> np.ndarray:
        words = pa.array(self.vocab[ids[:, 0]], type=pa.string())
        for j in range(1, ids.shape[1]):
            sep = pc.if_else(pc.ends_with(words, "'"), "", " ")
            nxt = pa.array(self.vocab[ids[:, j]], type=pa.string())
            words = pc.binary_join_element_wise(words, nxt, sep)
        return np.asarray(words.to_pylist(), dtype=object)


@dataclass(frozen=True, eq=False)
class TermTable:
    """Counts of every term in every group.

    Attributes
    ----------
    counts : scipy.sparse.csr_matrix
        ``terms × groups``, int64. Every term has a positive total.
    groups : tuple
        Group labels, in column order (sorted; ``"(missing)"`` last).
    by : str
        The grouping column.
    doc_counts : scipy.sparse.csr_matrix or None
        ``terms × documents`` counts (a Corpus, when asked for), for document ranges.
    doc_groups : numpy.ndarray or None
        Column index of each document's group.
    settings : dict
        What produced the table, for ``df.attrs``.
    """

    counts: sp.csr_matrix
    groups: tuple[Any, ...]
    by: str
    labels: _Labels
    doc_counts: sp.csr_matrix | None = None
    doc_groups: np.ndarray | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def n_terms(self) -> int:
        return self.counts.shape[0]

    @property
    def group_totals(self) -> np.ndarray:
        """Tokens (term occurrences) per group."""
        return np.asarray(self.counts.sum(axis=0)).ravel().astype(np.int64)

    def column(self, cols: Sequence[int]) -> np.ndarray:
        """Per-term counts summed over the given group columns (int64, dense)."""
        sub = self.counts[:, list(cols)]
        return np.asarray(sub.sum(axis=1)).ravel().astype(np.int64)

    def term_labels(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Labels (object array of str) of the given rows, or of every term."""
        return self.labels(rows, size=self.n_terms)

    def doc_range(self, cols: Sequence[int]) -> np.ndarray:
        """Number of documents of the given groups that contain each term."""
        if self.doc_counts is None or self.doc_groups is None:
            raise RuntimeError("document counts were not kept")  # internal misuse
        in_groups = np.isin(self.doc_groups, list(cols)).astype(np.int64)
        present = self.doc_counts.copy()
        present.data = np.ones_like(present.data)
        return np.asarray(present @ in_groups).ravel().astype(np.int64)

    def to_frame(self, *, term: str = "term", count: str = "n") -> pd.DataFrame:
        """The long table ``by, term, n`` (nonzero cells), groups then terms in table order."""
        coo = self.counts.tocoo()
        order = np.lexsort((coo.row, coo.col))
        rows, cols, data = coo.row[order], coo.col[order], coo.data[order]
        groups = np.asarray(self.groups, dtype=object)
        return pd.DataFrame(
            {self.by: groups[cols], term: self.term_labels(rows), count: data.astype(np.int64)}
        )


# --- building the table --------------------------------------------------------------------


def term_table(
    data: Any,
    *,
    by: str,
    ngram: object = 1,
    stopwords: object = None,
    language: str = "fr",
    term: str = "term",
    count: str = "n",
    keep_docs: bool = False,
    func: str = "term_table",
) -> TermTable:
    """A :class:`TermTable` from a Corpus or a long count table.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        A corpus, or a long table with columns ``by``, ``term`` and ``count``.
    by : str
        Metadata column (Corpus) or table column holding the groups.
    ngram : int or (int, int)
        N-gram order(s), Corpus only.
    stopwords : {"fr", "en"}, list of str, or None
        Terms made only of these words are dropped.
    language : {"fr", "en"}
        Tokeniser and stopword normalisation language.
    term, count : str
        Column names of a count table.
    keep_docs : bool
        Keep ``terms × documents`` counts (Corpus only), for document ranges.
    func : str
        Name of the public function, for messages.

    Raises
    ------
    FramingError
        On a bad argument, column or value (see the messages).
    """
    from framing.corpus import Corpus

    if not isinstance(by, str):
        raise FramingError(
            f"{func}(): by must be the name of one column (a str); got {by!r}. To compare "
            "combinations of columns, make a column that joins them first."
        )
    stopset, stop_note = resolve_stopwords(stopwords, language, func)
    if isinstance(data, Corpus):
        orders = check_ngram(ngram, func)
        table = _cached_from_corpus(data, by, orders, stopset, language, keep_docs, func)
        source = {"source": "corpus", "corpus": data.name, "fingerprint": data.fingerprint()}
        ngram_note: object = orders[0] if orders[0] == orders[1] else list(orders)
    elif isinstance(data, pd.DataFrame):
        if not (isinstance(ngram, int) and ngram == 1):
            raise FramingError(
                f"{func}(): ngram={ngram!r} needs a Corpus; a count table already holds its "
                "terms. Count n-grams into the table instead, or pass the Corpus."
            )
        table = _from_table(data, by, term, count, stopset, language, func)
        source = {"source": "count table"}
        ngram_note = None
    else:
        raise FramingError(
            f"{func}(): data must be a framing.Corpus or a pandas DataFrame of counts (columns "
            f"{by!r}, {term!r}, {count!r}); got {type(data).__name__}."
        )
    settings = {
        **source,
        "by": by,
        "ngram": ngram_note,
        "stopwords": stop_note,
        "language": language,
        "tokens": "framing.text.words (lower-cased)" if ngram_note is not None else None,
    }
    return TermTable(
        counts=table.counts,
        groups=table.groups,
        by=by,
        labels=table.labels,
        doc_counts=table.doc_counts,
        doc_groups=table.doc_groups,
        settings=settings,
    )


def _group_codes(values: pd.Series) -> tuple[np.ndarray, tuple[Any, ...]]:
    """(group index per row, group labels): sorted values, ``"(missing)"`` last."""
    missing = values.isna().to_numpy()
    present = values[~missing]
    uniques = pd.unique(present)
    try:
        uniques = np.asarray(sorted(uniques), dtype=object)
    except TypeError:  # mixed types: sort by their text
        uniques = np.asarray(sorted(uniques, key=str), dtype=object)
    codes = np.full(len(values), -1, dtype=np.int64)
    if len(uniques):
        codes[~missing] = pd.Index(uniques).get_indexer(present)
    labels = [u.item() if isinstance(u, np.generic) else u for u in uniques]
    if missing.any():
        codes[missing] = len(labels)
        labels.append(MISSING_GROUP)
    return codes, tuple(labels)


def _tokens(texts: list[str], orders: tuple[int, int], language: str):
    """Flat token list, tokens per document, and tokens per sentence (n-grams only)."""
    from framing.text import sentence_spans, words

    flat: list[str] = []
    per_doc = np.zeros(len(texts), dtype=np.int64)
    if orders[1] == 1:
        for i, text in enumerate(texts):
            found = words(text, lower=True, language=language)
            flat.extend(found)
            per_doc[i] = len(found)
        return flat, per_doc, None
    per_sentence: list[int] = []
    for i, text in enumerate(texts):
        before = len(flat)
        for start, end in sentence_spans(text, language=language):
            found = words(text[start:end], lower=True, language=language)
            if found:
                flat.extend(found)
                per_sentence.append(len(found))
        per_doc[i] = len(flat) - before
    return flat, per_doc, np.asarray(per_sentence, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class _Built:
    counts: sp.csr_matrix
    groups: tuple[Any, ...]
    labels: _Labels
    doc_counts: sp.csr_matrix | None = None
    doc_groups: np.ndarray | None = None


def _check_by_column(columns: Sequence[str], by: str, func: str, error: type) -> None:
    if by not in columns:
        raise error(
            f"{func}(): cannot group by {by!r}: no such column. Columns: "
            f"{shown([repr(c) for c in columns], n=20)}.{suggest(by, columns)}"
        )


#: Document-term counts kept per Corpus object (the most recent settings), so that comparing
#: the same corpus with several statistics, or grouped several ways, tokenises it once.
_CACHE_SIZE = 4


@dataclass(frozen=True, eq=False)
class _DocTerms:
    """Counts of every term in every document (terms x documents), and the term labels."""

    doc_counts: sp.csr_matrix
    labels: _Labels


def _cached_from_corpus(
    corpus: Any,
    by: str,
    orders: tuple[int, int],
    stopset: frozenset[str],
    language: str,
    keep_docs: bool,
    func: str,
) -> _Built:
    """The counts of a Corpus by one of its columns, from its remembered document counts.

    A Corpus never changes once built (filtering makes a new one), so its document-term
    counts for one n-gram range, stopword set and language are computed once per object;
    any grouping sums them over its documents.
    """
    frame = corpus.docs
    _check_by_column([c for c in frame.columns if c != "text"], by, func, CorpusError)
    doc_groups, groups = _group_codes(frame[by])
    cache: dict[tuple, _DocTerms] = corpus.__dict__.setdefault("_term_tables", {})
    key = (tuple(orders), frozenset(stopset), language)
    terms = cache.get(key)
    if terms is None:
        terms = _doc_terms(frame["text"].tolist(), orders, stopset, language)
        while len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = terms
    import scipy.sparse as sp

    n_docs = len(doc_groups)
    membership = sp.csr_matrix(
        (np.ones(n_docs, dtype=np.int64), (np.arange(n_docs), doc_groups)),
        shape=(n_docs, len(groups)),
        dtype=np.int64,
    )
    counts = sp.csr_matrix(terms.doc_counts @ membership, dtype=np.int64)
    counts.sum_duplicates()
    if not keep_docs:
        return _Built(counts, groups, terms.labels)
    return _Built(counts, groups, terms.labels, terms.doc_counts, doc_groups)


def _factorize_strings(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize`` of many strings: int64 codes in order of first appearance, and the
    distinct strings (object array).

    Arrow's dictionary encoding does it about twice as fast as pandas' hash table on
    millions of short strings (8.5 M tokens of the benchmark novels: 0.5 s against 1.2 s);
    strings Arrow cannot hold (a lone surrogate) go to pandas.
    """
    try:
        array = pa.array(tokens, type=pa.large_string())
    except (pa.ArrowException, UnicodeEncodeError):
        array = None
    if isinstance(array, pa.Array):
        encoded = array.dictionary_encode()
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        return codes, np.asarray(encoded.dictionary.to_pylist(), dtype=object).reshape(-1)
    codes, vocab = pd.factorize(np.asarray(tokens, dtype=object))
    return codes.astype(np.int64), np.asarray(vocab, dtype=object)


def _doc_terms(
    texts: list[str], orders: tuple[int, int], stopset: frozenset[str], language: str
) -> _DocTerms:
    """Tokenise the texts once and count every n-gram in every document."""
    flat, per_doc, per_sentence = _tokens(texts, orders, language)
    n_tokens = len(flat)
    codes, vocab = _factorize_strings(flat)
    n_vocab = len(vocab)
    token_doc = np.repeat(np.arange(len(per_doc), dtype=np.int64), per_doc)
    is_stop = np.fromiter((w in stopset for w in vocab), dtype=bool, count=n_vocab)
    if per_sentence is None:
        sentence = token_doc  # unigrams only: no n-gram to keep inside a sentence
    else:
        sentence = np.repeat(np.arange(len(per_sentence), dtype=np.int64), per_sentence)

    rows: list[np.ndarray] = []
    docs: list[np.ndarray] = []
    parts: list[tuple[int, np.ndarray]] = []
    offset = 0
    chain = codes  # id of the n-gram starting at each position (all positions)
    for n in range(1, orders[1] + 1):
        if n > 1:
            if n_tokens < n:
                break
            keys = chain[:-1] * n_vocab + codes[n - 1 :]
            chain = pd.factorize(keys)[0].astype(np.int64)
        if n < orders[0]:
            continue
        length = n_tokens - n + 1
        if length <= 0:
            break
        keep = sentence[:length] == sentence[n - 1 :]
        if stopset:
            all_stop = is_stop[codes[:length]].copy()
            for j in range(1, n):
                all_stop &= is_stop[codes[j : j + length]]
            keep &= ~all_stop
        starts = np.flatnonzero(keep)
        if not len(starts):
            continue
        if n == 1:  # every word kept or none of its tokens: its rank among the kept words
            rank = np.cumsum(~is_stop) - 1 if stopset else np.arange(n_vocab)
            ids = rank[codes[starts]]
        else:
            ids = pd.factorize(chain[starts])[0].astype(np.int64)
        first = np.r_[True, ids[1:] > np.maximum.accumulate(ids)[:-1]]
        first_starts = starts[first]
        parts.append((offset, codes[first_starts[:, None] + np.arange(n)]))
        rows.append(ids + offset)
        docs.append(token_doc[starts])
        offset += int(ids.max()) + 1

    all_rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    all_docs = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
    import scipy.sparse as sp

    doc_counts = sp.csr_matrix(
        (np.ones(len(all_rows), dtype=np.int64), (all_rows, all_docs)),
        shape=(offset, len(per_doc)),
        dtype=np.int64,
    )
    doc_counts.sum_duplicates()
    if orders == (1, 1):  # plain array of labels, in row order
        labels = _Labels(vocab[parts[0][1][:, 0]] if parts else vocab[:0])
    else:
        labels = _Labels(vocab, tuple(parts))
    return _DocTerms(doc_counts, labels)


def _from_table(
    frame: pd.DataFrame,
    by: str,
    term: str,
    count: str,
    stopset: frozenset[str],
    language: str,
    func: str,
) -> _Built:
    columns = [str(c) for c in frame.columns]
    for name, role in ((by, "by"), (term, "term"), (count, "count")):
        if name not in frame.columns:
            raise FramingError(
                f"{func}(): the count table has no {role} column {name!r}. Columns: "
                f"{shown([repr(c) for c in columns], n=20)}.{suggest(name, columns)} A count "
                f"table has one row per group and term: pass by=, term= and count= to name "
                "its columns."
            )
    if len({by, term, count}) < 3:
        raise FramingError(
            f"{func}(): by={by!r}, term={term!r} and count={count!r} must be three different "
            "columns."
        )
    terms = frame[term]
    if terms.isna().any():
        rows = np.flatnonzero(terms.isna().to_numpy())[:5].tolist()
        raise FramingError(
            f"{func}(): the {term!r} column has missing values (rows {rows}); every row needs "
            "a term. Drop those rows first."
        )
    values = pd.to_numeric(frame[count], errors="coerce")
    bad = values.isna() | ~np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))
    if bad.any():
        rows = np.flatnonzero(bad.to_numpy())[:5].tolist()
        raise FramingError(
            f"{func}(): the {count!r} column must hold counts (numbers); rows {rows} do not "
            f"(e.g. {frame[count].iloc[rows[0]]!r})."
        )
    numbers = values.to_numpy(dtype=float)
    if (numbers < 0).any() or (numbers != np.round(numbers)).any():
        rows = np.flatnonzero((numbers < 0) | (numbers != np.round(numbers)))[:5].tolist()
        raise FramingError(
            f"{func}(): the {count!r} column must hold whole, non-negative counts; rows "
            f"{rows} do not (e.g. {numbers[rows[0]]!r})."
        )
    labels_in = terms.astype(str).to_numpy(dtype=object)
    numbers_int = numbers.astype(np.int64)
    if stopset:
        keep = np.fromiter(
            (not all(w in stopset for w in _normalise_words([t], language)) for t in labels_in),
            dtype=bool,
            count=len(labels_in),
        )
        labels_in, numbers_int = labels_in[keep], numbers_int[keep]
        group_values = frame[by][keep]
    else:
        group_values = frame[by]
    group_codes, groups = _group_codes(group_values.reset_index(drop=True))
    term_codes, vocab = pd.factorize(labels_in)
    import scipy.sparse as sp

    counts = sp.csr_matrix(
        (numbers_int, (term_codes.astype(np.int64), group_codes)),
        shape=(len(vocab), len(groups)),
        dtype=np.int64,
    )
    counts.sum_duplicates()
    totals = np.asarray(counts.sum(axis=1)).ravel()
    nonzero = np.flatnonzero(totals > 0)
    if len(nonzero) < len(totals):
        counts = counts[nonzero]
        vocab = np.asarray(vocab, dtype=object)[nonzero]
    counts.eliminate_zeros()
    return _Built(counts.tocsr(), groups, _Labels(np.asarray(vocab, dtype=object)))
