"""``match_lexicon``: the compiled lexicons, and the loop over a corpus' documents.

The arguments are checked in :mod:`~framing.match._options`, each document's hits kept
in :mod:`~framing.match._hits`, and the table built in :mod:`~framing.match._table`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import Corpus
from framing.lexicon import Entry, Lexicon, Term
from framing.match import _scan
from framing.match._compile import Item, Plan, build_plan
from framing.match._constraints import Constraint
from framing.match._documents import documents
from framing.match._expand import Expander, vocabulary
from framing.match._hits import Found, fill_voice, match_document, match_short_documents
from framing.match._options import (
    AUDIT_COLUMN,
    COLUMNS,
    LANGUAGES,
    OVERLAP_MODES,
    as_corpus_arg,
    as_lexicon,
    check_flag,
    check_keep,
    check_language,
    check_overlap,
)
from framing.match._table import Labels, Rows, rows_table, sorted_rows

__all__ = [
    "AUDIT_COLUMN",
    "COLUMNS",
    "LANGUAGES",
    "OVERLAP_MODES",
    "match_checked",
    "match_lexicon",
    "match_rows",
    "table_from_rows",
]

_INT = np.int64
# Options that make two anchors with the same pattern different targets.
_ANCHOR_OPTIONS = ("case_sensitive", "fold_accents", "compounds", "parts")


# --- compiled lexicons ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    """A lexicon prepared for matching in one language (cached per lexicon and language)."""

    entries: tuple[Entry, ...]
    items: tuple[Item, ...]  # exact entries and every anchor
    plan: Plan  # compiled from ``items``
    lemma_entries: tuple[int, ...]  # entries to expand against the corpus vocabulary
    constraints: dict[int, Constraint]
    groups: np.ndarray  # per entry: its frame's or contest's group id
    pattern: np.ndarray  # per entry, object arrays for the table
    frame: np.ndarray
    contest: np.ndarray
    variant: np.ndarray
    rank: np.ndarray  # per entry: its place in the table's order (frame, contest, variant, entry)


def _ranks(entries: Sequence[Entry]) -> np.ndarray:
    """Each entry's position when sorted by frame, contest, variant, pattern (None last)."""

    def key(e: Entry) -> tuple:
        return tuple((v is None, v or "") for v in (e.frame, e.contest, e.variant, e.pattern))

    order = sorted(range(len(entries)), key=lambda i: key(entries[i]))
    rank = np.empty(len(entries), dtype=_INT)
    rank[order] = np.arange(len(entries), dtype=_INT)
    return rank


def _item(target: int, term: Term, entry: Entry) -> Item:
    return Item(
        target,
        term.words,
        term.globs,
        entry.case_sensitive,
        entry.fold_accents,
        entry.compounds,
        entry.parts,
    )


@functools.lru_cache(maxsize=8)
def _compile(lexicon: Lexicon, language: str) -> _Compiled:
    entries = lexicon.entries
    n = len(entries)
    items: list[Item] = []
    lemma: list[int] = []
    anchors: dict[tuple, int] = {}
    constraints: dict[int, Constraint] = {}

    def anchor_ids(terms: Sequence[Term], entry: Entry) -> np.ndarray:
        ids = []
        for term in terms:
            key = (term.pattern, *(getattr(entry, o) for o in _ANCHOR_OPTIONS))
            if key not in anchors:
                anchors[key] = n + len(anchors)
                items.append(_item(anchors[key], term, entry))
            ids.append(anchors[key])
        return np.asarray(sorted(set(ids)), dtype=_INT)

    for i, entry in enumerate(entries):
        if entry.match == "exact":
            items.append(_item(i, entry.term, entry))
        else:
            lemma.append(i)
        if entry.near or entry.not_near:
            constraints[i] = Constraint(
                anchor_ids(entry.near_terms, entry),
                entry.window,
                anchor_ids(entry.not_near_terms, entry),
                entry.not_window,
            )
    group_of: dict[tuple[str, str], int] = {}
    groups = np.asarray(
        [
            group_of.setdefault(
                ("frame", e.frame) if e.frame is not None else ("contest", str(e.contest)),
                len(group_of),
            )
            for e in entries
        ],
        dtype=_INT,
    )

    def column(name: str) -> np.ndarray:
        out = np.empty(n, dtype=object)
        out[:] = [getattr(e, name) for e in entries]
        return out

    return _Compiled(
        entries,
        tuple(items),
        build_plan(items, language),
        tuple(lemma),
        constraints,
        groups,
        column("pattern"),
        column("frame"),
        column("contest"),
        column("variant"),
        _ranks(entries),
    )


def _plan_for(compiled: _Compiled, texts: Sequence[str], language: str) -> Plan:
    """The compiled plan, plus the lemma/stem entries expanded against this corpus."""
    if not compiled.lemma_entries:
        return compiled.plan
    expander = Expander(vocabulary(texts, language), language)
    items = list(compiled.items)
    for i in compiled.lemma_entries:
        entry = compiled.entries[i]
        for words in expander.expand(entry.words, entry.globs, entry.match, entry.case_sensitive):
            items.append(_item(i, Term(entry.pattern, words, entry.globs), entry))
    return build_plan(items, language)


# --- the public function -------------------------------------------------------------------


def match_lexicon(
    corpus: Corpus | pd.DataFrame | str | os.PathLike[str],
    lexicon: Lexicon | str | os.PathLike[str],
    *,
    keep: bool | str | Sequence[str] | None = True,
    overlap: str = "longest",
    language: str | None = None,
    audit: bool = False,
    voice: bool = True,
    n_jobs: int | None = 1,
) -> pd.DataFrame:
    """Find every hit of a lexicon's entries in a corpus: the matches table.

    The matching rules (normalisation, elision, compounds, parts of compounds, globs,
    sentences, overlap, lemma/stem, proximity, voice) are described in
    :mod:`framing.match`.

    Parameters
    ----------
    corpus : Corpus, pandas.DataFrame, str or path
        The documents. A DataFrame is passed to :class:`~framing.corpus.Corpus` (a ``text``
        column, optionally ``doc_id``); a ``str`` is the text of one document, with id
        ``"doc1"``; a :class:`pathlib.Path` is read with :func:`~framing.corpus.read_corpus`
        (a ``str`` is never taken for a path: call ``read_corpus`` for that).
    lexicon : Lexicon, str or path
        A :class:`~framing.lexicon.Lexicon`, or a lexicon file or bundled lexicon name
        given to :func:`~framing.lexicon.read_lexicon`.
    keep : bool, str, list of str or None, default True
        Metadata columns to copy onto each hit: True for all (every corpus column except
        ``doc_id`` and ``text``), False or None for none, or the names to keep.
    overlap : {"longest", "all"}, default "longest"
        ``"longest"``: within one frame, and within one contest, the longest hit wins and a
        stretch of text is one hit (ties: the entry first in the lexicon); hits of
        different frames and contests are independent. ``"all"``: every entry's hit
        counts.
    language : str, optional
        ``"fr"`` or ``"en"`` (``"fr-FR"`` accepted): elision and possessive rules,
        compound prefixes, sentence rules and voice cues. Default: the lexicon's language.
    audit : bool, default False
        Also return the hits rejected by a ``near`` / ``not_near`` constraint, with the
        reason in an extra ``rejected`` column (None for counted hits).
    voice : bool, default True
        Fill ``voice``, ``distanced`` and ``cue`` with :func:`framing.voice.assign_voice`;
        False leaves them missing (faster).
    n_jobs : int or None, default 1
        Parts of the corpus matched at once: 1 (or None) matches in this process, -1
        uses every CPU. Counting each document as 4,000 characters more (its fixed cost),
        a corpus of less than 25 million characters is matched in this process whatever
        ``n_jobs`` says. A larger one is shared between this process and N - 1 worker
        processes kept from an earlier call, when they are waiting; otherwise it is
        matched in N threads of this process (N up to 2, from 40 million characters of
        text, documents not counted; below, in one thread; with more jobs, a corpus of 70
        million characters or more starts its workers and uses them at once), and workers
        are then started for the next calls: a worker costs a start-up of 1.5–2 s, and
        threads are held back by the interpreter lock (about 1.4× with two). Workers are
        kept for five minutes (:func:`framing.match.stop_workers` stops them now). The
        table is the same, row for row, whatever ``n_jobs``.

    Returns
    -------
    pandas.DataFrame
        One row per hit, sorted by document (corpus order), then ``start``, ``end``,
        ``frame``, ``contest``, ``variant``, ``entry`` (missing values last, so a span's
        frame hits come before its contest hits). Columns:

        - ``doc_id`` (str): the document.
        - ``start``, ``end`` (int64): half-open offsets in the original text;
          ``text[start:end] == surface`` always.
        - ``surface`` (str): the text as written.
        - ``entry`` (str): :attr:`Entry.pattern <framing.lexicon.Entry.pattern>` of the
          entry that matched.
        - ``frame`` (str or None): the frame id, None for a contest hit.
        - ``contest``, ``variant`` (str or None): None for a frame hit. A phrase listed in a
          frame and in a contest gives two rows.
        - ``sentence`` (int64): 0-based index of the hit's sentence in its document
          (:func:`framing.text.sentence_spans`).
        - ``voice`` (categorical: ``author``, ``quoted``, ``attributed``), ``distanced``
          (nullable boolean), ``cue`` (str or None): see :func:`framing.voice.assign_voice`;
          missing when ``voice=False``.
        - ``rejected`` (str or None), only with ``audit=True``: why the hit failed its
          proximity constraint (« not_near: 'Erevan' 6 tokens away »).
        - the kept metadata columns.

        String columns hold Python ``str`` / None (object dtype). ``attrs`` records the
        provenance: ``lexicon_name``, ``lexicon_version``, ``lexicon_fingerprint``,
        ``corpus_name``, ``corpus_fingerprint``, ``n_docs``, ``cues_version`` (None when
        ``voice=False``), the parameters (``keep`` as the list of kept columns,
        ``overlap``, ``language``, ``audit``, ``voice``), ``n_rejected`` (hits rejected by a
        constraint, shown or not) and ``framing_version``. No hit gives the same columns
        and no rows.

    Raises
    ------
    FramingError
        A wrong type for ``corpus``, ``lexicon``, ``keep``, ``audit`` or ``voice``; an
        unknown ``overlap`` value or language; a ``keep`` name that is not a metadata
        column (with a suggestion). :class:`~framing.CorpusError` and
        :class:`~framing.LexiconError` from reading.

    Examples
    --------
    >>> from framing.lexicon import Lexicon
    >>> lex = Lexicon.from_dict({"name": "demo", "version": "1.0.0", "language": "fr",
    ...     "contests": {"operation": {"variants": {
    ...         "counter_terrorism": ["mesures anti-terroristes"],
    ...         "offensive": ["offensive"]}}}})
    >>> hits = match_lexicon("Bakou parle de mesures antiterroristes, pas d’offensive.", lex)
    >>> hits[["surface", "variant", "voice"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['mesures antiterroristes', 'counter_terrorism', 'author'],
     ['offensive', 'offensive', 'author']]
    """
    lex = as_lexicon(lexicon)
    corp = as_corpus_arg(corpus)
    overlap = check_overlap(overlap)
    audit = check_flag(audit, "audit")
    voice = check_flag(voice, "voice")
    lang = check_language(language, lex)
    kept = check_keep(keep, corp)
    from framing.match._parallel import check_n_jobs

    workers = check_n_jobs(n_jobs)
    options = {"keep": kept, "overlap": overlap, "language": lang, "audit": audit, "voice": voice}
    if workers > 1:
        from framing.match import _parallel

        # decided here too, so that a small corpus pays nothing for asking for workers
        lengths = [len(t) for t in corp.texts]
        if len(corp) > 1 and _parallel.work(lengths) >= _parallel.min_chars():
            return _parallel.match_parallel(corp, lex, n_jobs=workers, **options)
    return match_checked(corp, lex, **options)


def match_checked(
    corp: Corpus, lex: Lexicon, *, plan: Plan | None = None, part: bool = False, **options: Any
) -> pd.DataFrame:
    """The matches table of checked arguments (``options``: ``keep``, ``overlap``,
    ``language``, ``audit``, ``voice``), scanning with ``plan``: the table of
    :func:`match_rows`' rows, with its ``attrs``."""
    sent = match_rows(corp, lex, plan=plan, part=part, **options)
    return table_from_rows(sent, Labels.of(corp, options["keep"]), lex, options)


def table_from_rows(
    sent: tuple[Rows, dict[str, Any]], labels: Labels, lex: Lexicon, options: dict[str, Any]
) -> pd.DataFrame:
    """The matches table of :func:`match_rows`' rows and ``attrs``, with the ids and kept
    metadata of the corpus they come from (``Labels.of(corpus, options["keep"])``): in
    this process, or in the calling process for a worker's part."""
    rows, attrs = sent
    compiled = _compile(lex, options["language"])
    table = rows_table(rows, labels, compiled, options["audit"])
    table.attrs.update(attrs)
    return table


def match_rows(
    corp: Corpus,
    lex: Lexicon,
    *,
    plan: Plan | None = None,
    keep: list[str],
    overlap: str,
    language: str,
    audit: bool,
    voice: bool,
    part: bool = False,
) -> tuple[Rows, dict[str, Any]]:
    """The sorted rows of the matches table of checked arguments, scanning with ``plan``,
    and the table's ``attrs`` (:func:`~framing.match._table.rows_table` makes the table).

    ``plan`` None: the lexicon's plan with its lemma/stem entries expanded against this
    corpus (:func:`match_lexicon`); workers matching a part of a corpus with such entries
    pass the forms expanded against the whole corpus (:mod:`framing.match._parallel`).
    With ``part``, the corpus is one part of a corpus whose tables
    :func:`~framing.match._combine.combine_matches` joins, giving the whole corpus'
    fingerprint: the part's own is not computed (None in ``attrs``), which saves hashing
    every text once more (about 1.5 ms a million characters).
    """
    compiled = _compile(lex, language)
    if plan is None:
        plan = _plan_for(compiled, corp.texts, language)
    cues = None
    if voice:
        from framing.voice import load_cues

        cues = load_cues(language)
    found: list[Found] = []
    n_rejected = 0
    n_entries = len(compiled.entries)
    short: list[tuple[int, str, Any, Any]] = []  # short documents with hits, split already
    short_chars = 0

    def match_short() -> None:  # their hits, then their voice, in one batch
        nonlocal n_rejected
        got, rejected = match_short_documents(
            short, compiled, language=language, overlap=overlap, audit=audit
        )
        n_rejected += rejected
        found.extend(got)
        if cues is not None:
            split = {doc: (text, segmented) for doc, text, _, segmented in short}
            fill_voice([(f, *split[f.doc]) for f in got], cues)
        short.clear()

    for doc, text, scanned, segmented in documents(
        plan, corp.texts, n_entries=n_entries, language=language, paragraphs=cues is not None
    ):
        if not text:
            continue
        if segmented is not None:  # a short document with hits
            short.append((doc, text, scanned, segmented))
            short_chars += len(text)
            if short_chars >= _scan.BATCH_CHARS:
                match_short()
                short_chars = 0
            continue
        result, rejected = match_document(
            doc,
            text,
            plan,
            compiled,
            language=language,
            overlap=overlap,
            audit=audit,
            cues=cues,
            scanned=scanned,
        )
        n_rejected += rejected
        if result is not None:
            found.append(result)
    match_short()
    rows = sorted_rows(found, corp.texts, compiled.rank, audit=audit)
    from framing import __version__

    attrs = {
        "lexicon_name": lex.name,
        "lexicon_version": lex.version,
        "lexicon_fingerprint": lex.fingerprint(),
        "lexicon_language": lex.language,
        # the structure, so that measures report frames and variants without hits as zeros
        "lexicon_frames": [name for name, frame in lex.frames.items() if frame.entries],
        "lexicon_contests": {c: list(lex.variants(c)) for c in lex.contest_names},
        "corpus_name": corp.name,
        "corpus_fingerprint": None if part else corp.fingerprint(),
        "n_docs": len(corp),
        "cues_version": None if cues is None else cues.cues_version,
        "keep": keep,
        "overlap": overlap,
        "language": language,
        "audit": audit,
        "voice": voice,
        "n_rejected": n_rejected,
        "framing_version": __version__,
    }
    return rows, attrs
