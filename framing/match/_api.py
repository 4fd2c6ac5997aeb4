"""``match_lexicon``: input checks, the per-document loop, and the matches table."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest
from framing._sort import lexsort_ints
from framing.corpus import Corpus, as_corpus
from framing.lexicon import Entry, Lexicon, Term, read_lexicon
from framing.match import _scan
from framing.match._compile import Item, Plan, build_plan
from framing.match._constraints import Constraint, Hits, check_constraints
from framing.match._documents import documents
from framing.match._expand import Expander, vocabulary
from framing.match._overlap import longest_hits
from framing.text import span_index, word_spans
from framing.text._segment import segment_arrays
from framing.voice import VOICES

#: The columns of the matches table, in order (kept metadata columns follow).
COLUMNS: tuple[str, ...] = (
    "doc_id",
    "start",
    "end",
    "surface",
    "entry",
    "frame",
    "contest",
    "variant",
    "sentence",
    "voice",
    "distanced",
    "cue",
)
#: The extra column of ``audit=True``, placed after ``cue``.
AUDIT_COLUMN = "rejected"
#: Accepted values of ``overlap``.
OVERLAP_MODES: tuple[str, ...] = ("longest", "all")
#: Languages the matcher has boundary rules, sentence rules and voice cues for.
LANGUAGES: tuple[str, ...] = ("fr", "en")

_VOICES = VOICES  # voice codes index this tuple
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


# --- input checks --------------------------------------------------------------------------


def _as_corpus(corpus: Any) -> Corpus:
    return as_corpus(corpus, caller="match_lexicon")


def _as_lexicon(lexicon: Any) -> Lexicon:
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, (str, os.PathLike)):
        return read_lexicon(lexicon)
    raise FramingError(
        "match_lexicon(): lexicon must be a Lexicon, a lexicon file path or the name of a "
        f"bundled lexicon (such as 'karabakh-2023-fr'); got {type(lexicon).__name__}."
    )


def _check_flag(value: Any, name: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise FramingError(f"match_lexicon(): {name} must be True or False; got {value!r}.")


def _check_overlap(overlap: Any) -> str:
    if isinstance(overlap, str) and overlap in OVERLAP_MODES:
        return overlap
    raise FramingError(
        f"match_lexicon(): overlap={overlap!r} is not valid; expected one of "
        f"{', '.join(map(repr, OVERLAP_MODES))} ('longest': within a frame or contest the "
        "longest hit wins; 'all': every entry's hit counts)."
        + suggest(str(overlap), OVERLAP_MODES)
    )


def _check_language(language: Any, lexicon: Lexicon) -> str:
    given = lexicon.language if language is None else language
    if isinstance(given, str):
        code = given.strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    supported = ", ".join(map(repr, LANGUAGES))
    if language is None:
        raise FramingError(
            f"match_lexicon(): lexicon '{lexicon.name}' has language {given!r}, which the "
            f"matcher has no rules for (supported: {supported}). Fix: pass language='fr' or "
            "language='en' to say which rules (elision, sentences, voice cues) to use."
        )
    raise FramingError(
        f"match_lexicon(): language={language!r} is not supported; expected one of "
        f"{supported} (a regional code such as 'fr-FR' is accepted)."
        + suggest(str(language), LANGUAGES)
    )


def _check_keep(keep: Any, corpus: Corpus) -> list[str]:
    available = [c for c in corpus.metadata.columns if c != "doc_id"]
    if keep is True:
        wanted = list(available)
    elif keep is False or keep is None:
        wanted = []
    elif isinstance(keep, str):
        wanted = [keep]
    elif isinstance(keep, (list, tuple)) and all(isinstance(k, str) for k in keep):
        wanted = list(keep)
    else:
        raise FramingError(
            "match_lexicon(): keep must be True (every metadata column), False or None (none), "
            f"a column name or a list of column names; got {keep!r}."
        )
    for name in wanted:
        if name == "text":
            raise FramingError(
                "match_lexicon(): keep cannot include 'text': the table holds each hit's "
                "surface, not the document. Fix: leave 'text' out, and join corpus.docs on "
                "doc_id if you need the texts."
            )
        if name not in available and name != "doc_id":
            listed = ", ".join(map(repr, available)) or "none"
            raise FramingError(
                f"match_lexicon(): keep names {name!r}, which is not a metadata column of the "
                f"corpus (metadata columns: {listed})." + suggest(name, available)
            )
    wanted = list(dict.fromkeys(w for w in wanted if w != "doc_id"))
    clash = [w for w in wanted if w in COLUMNS or w == AUDIT_COLUMN]
    if clash:
        raise FramingError(
            f"match_lexicon(): the corpus metadata column(s) {', '.join(map(repr, clash))} "
            "would collide with column(s) of the matches table. Fix: pass keep= a list "
            "without them, or rename them in the corpus."
        )
    return wanted


# --- the per-document loop -----------------------------------------------------------------


@dataclass
class _Found:
    """Kept hits of one document."""

    doc: int
    target: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence: np.ndarray
    reason: np.ndarray
    voice: np.ndarray  # int8 codes into _VOICES (-1: not computed)
    distanced: np.ndarray  # float: 1.0, 0.0, nan (not computed)
    cue: np.ndarray


def _match_document(
    doc: int,
    text: str,
    plan: Plan,
    compiled: _Compiled,
    *,
    language: str,
    overlap: str,
    audit: bool,
    cues: Any,
    scanned: tuple[np.ndarray, np.ndarray, np.ndarray],
    segmented: tuple[np.ndarray, np.ndarray | None] | None = None,
    defer_voice: bool = False,
) -> tuple[_Found | None, int]:
    """The hits of one document to put in the table, and its number of rejected hits.

    ``scanned`` is :func:`~framing.match._scan.scan_document`'s answer for ``text``, and
    ``segmented`` :func:`~framing.text._segment.segment_arrays`'s (with paragraphs when
    ``cues``) or None to split the text here (both from
    :func:`~framing.match._documents.documents`, which handles short documents in
    batches). With ``defer_voice``, the voice columns are left to be filled for several
    documents at once (:func:`_fill_voice`).
    """
    target, start, end = scanned
    n_entries = len(compiled.entries)
    if not (target < n_entries).any():
        return None, 0
    if segmented is None:
        segmented = segment_arrays(text, language=language, paragraphs=cues is not None)
    sent_arr, paragraphs = segmented
    both = span_index(sent_arr, np.concatenate([start, end - 1]))  # one call: short texts
    first = both[: len(start)]
    same = first == both[len(start) :]  # never across a sentence end
    target, start, end, first = target[same], start[same], end[same], first[same]
    is_entry = target < n_entries
    hits = Hits(target[is_entry], start[is_entry], end[is_entry], first[is_entry])
    if not len(hits.target):
        return None, 0
    anchors = Hits(target[~is_entry], start[~is_entry], end[~is_entry], first[~is_entry])
    reasons = check_constraints(
        hits,
        anchors,
        compiled.constraints,
        text,
        lambda: word_spans(text, language=language)[0],
    )
    counted = np.equal(reasons, None).astype(bool, copy=False)  # reasons: str or None
    n_rejected = int((~counted).sum())
    show = counted.copy()
    if overlap == "longest" and counted.any():
        rows = np.flatnonzero(counted)
        show[rows] = longest_hits(
            hits.start[rows],
            hits.end[rows],
            compiled.groups[hits.target[rows]],
            hits.target[rows],
        )
    if audit:
        show |= ~counted
    if not show.any():
        return None, n_rejected
    hits = hits.take(show)
    reasons = reasons[show]
    n = len(hits.target)
    voice = np.full(n, -1, dtype=np.int8)
    distanced = np.full(n, np.nan)
    cue = np.full(n, None, dtype=object)
    if cues is not None and not defer_voice:
        from framing.voice._assign import _assign_trusted

        voice, flags, cue = _assign_trusted(text, hits.start, hits.end, sent_arr, paragraphs, cues)
        distanced = flags.astype(float)
    found = _Found(
        doc, hits.target, hits.start, hits.end, hits.sentence, reasons, voice, distanced, cue
    )
    return found, n_rejected


def _fill_voice(
    waiting: list[tuple[_Found, str, tuple[np.ndarray, np.ndarray]]], cues: Any
) -> None:
    """Fill the voice columns of short documents' hits, for all of them at once
    (:func:`framing.voice._assign._assign_batch`: the same answers as one by one)."""
    if not waiting:
        return
    from framing.voice._assign import _assign_batch

    assigned = _assign_batch(
        [text for _, text, _ in waiting],
        [found.start for found, _, _ in waiting],
        [found.end for found, _, _ in waiting],
        [sentences for _, _, (sentences, _) in waiting],
        [paragraphs for _, _, (_, paragraphs) in waiting],
        cues,
    )
    for (found, _, _), (voice, flags, cue) in zip(waiting, assigned, strict=True):
        found.voice, found.distanced, found.cue = voice, flags.astype(float), cue


# --- the table -----------------------------------------------------------------------------


def _object(values: np.ndarray) -> pd.Series:
    """A string column with None for missing values (object dtype, as the docstring says)."""
    return pd.Series(values, dtype=object)


def _surfaces(texts: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> list:
    """``texts[doc][start:end]`` of every row (rows grouped by document)."""
    out: list[str] = []
    cuts = np.flatnonzero(np.diff(doc)) + 1
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(doc)], strict=True):
        if lo == hi:
            continue
        text = texts[int(doc[lo])]
        out += [text[a:b] for a, b in zip(start[lo:hi].tolist(), end[lo:hi].tolist(), strict=True)]
    return out


def _table(
    found: list[_Found],
    corpus: Corpus,
    compiled: _Compiled,
    keep: list[str],
    audit: bool,
) -> pd.DataFrame:
    doc = np.concatenate([np.full(len(f.target), f.doc, dtype=_INT) for f in found] or [[]])
    doc = doc.astype(_INT)
    target = np.concatenate([f.target for f in found] or [[]]).astype(_INT)
    start = np.concatenate([f.start for f in found] or [[]]).astype(_INT)
    end = np.concatenate([f.end for f in found] or [[]]).astype(_INT)
    # Sorted by document, start, end, then frame, contest, variant, entry (missing last).
    order = lexsort_ints((compiled.rank[target], end, start, doc))
    doc, target, start, end = doc[order], target[order], start[order], end[order]

    def cat(name: str, dtype: Any) -> np.ndarray:
        if not found:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([getattr(f, name) for f in found]).astype(dtype, copy=False)[order]

    ids = np.asarray(corpus.doc_ids, dtype=object)
    surface = np.empty(len(doc), dtype=object)
    surface[:] = _surfaces(corpus.texts, doc, start, end)
    codes = cat("voice", np.int8)
    distanced = cat("distanced", float)
    columns: dict[str, Any] = {
        "doc_id": _object(ids[doc]),
        "start": start,
        "end": end,
        "surface": _object(surface),
        "entry": _object(compiled.pattern[target]),
        "frame": _object(compiled.frame[target]),
        "contest": _object(compiled.contest[target]),
        "variant": _object(compiled.variant[target]),
        "sentence": cat("sentence", _INT),
        "voice": pd.Categorical.from_codes(codes, categories=list(_VOICES)),
        "distanced": pd.arrays.BooleanArray(distanced == 1.0, np.isnan(distanced)),
        "cue": _object(cat("cue", object)),
    }
    if audit:
        columns[AUDIT_COLUMN] = _object(cat("reason", object))
    table = pd.DataFrame(columns)
    if keep:
        meta = corpus.metadata[keep].iloc[doc].reset_index(drop=True)
        table = pd.concat([table, meta], axis=1)
    return table


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
        Processes matching at once: 1 (or None) matches in this process, -1 uses every
        CPU; with N, this process and N - 1 worker processes share consecutive parts of
        the corpus. Workers cost a start-up (1.5–2 s) that only a large corpus repays:
        counting each document as 4,000 characters more (its fixed cost), a corpus of
        70 million characters or more starts workers and uses them; from 25 million on,
        it uses workers kept from an earlier call, or else is matched in this process
        while workers start for the next calls; a smaller corpus is matched in this
        process whatever ``n_jobs`` says. The workers are kept for the next call for five
        minutes (:func:`framing.match.stop_workers` stops them now). The table is the
        same, row for row, whatever ``n_jobs``.

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
    lex = _as_lexicon(lexicon)
    corp = _as_corpus(corpus)
    overlap = _check_overlap(overlap)
    audit = _check_flag(audit, "audit")
    voice = _check_flag(voice, "voice")
    lang = _check_language(language, lex)
    kept = _check_keep(keep, corp)
    from framing.match._parallel import check_n_jobs

    workers = check_n_jobs(n_jobs)
    options = {"keep": kept, "overlap": overlap, "language": lang, "audit": audit, "voice": voice}
    if workers > 1:
        from framing.match import _parallel

        # decided here too, so that a small corpus pays nothing for asking for workers
        lengths = [len(t) for t in corp.texts]
        if len(corp) > 1 and _parallel.work(lengths) >= _parallel.min_chars():
            return _parallel.match_parallel(corp, lex, n_jobs=workers, **options)
    compiled = _compile(lex, lang)
    return match_checked(corp, lex, plan=_plan_for(compiled, corp.texts, lang), **options)


def match_checked(
    corp: Corpus,
    lex: Lexicon,
    *,
    plan: Plan,
    keep: list[str],
    overlap: str,
    language: str,
    audit: bool,
    voice: bool,
) -> pd.DataFrame:
    """The matches table of checked arguments, scanning with ``plan``.

    :func:`match_lexicon` passes the lexicon's plan with its lemma/stem entries expanded
    against this corpus; workers matching a part of a corpus pass the forms expanded
    against the whole corpus (:mod:`framing.match._parallel`).
    """
    compiled = _compile(lex, language)
    cues = None
    if voice:
        from framing.voice import load_cues

        cues = load_cues(language)
    found: list[_Found] = []
    n_rejected = 0
    n_entries = len(compiled.entries)
    waiting: list[tuple[_Found, str, tuple[np.ndarray, np.ndarray]]] = []  # voice to fill
    waiting_chars = 0
    for doc, text, scanned, segmented in documents(
        plan, corp.texts, n_entries=n_entries, language=language, paragraphs=cues is not None
    ):
        if not text:
            continue
        defer = cues is not None and segmented is not None  # a short document
        result, rejected = _match_document(
            doc,
            text,
            plan,
            compiled,
            language=language,
            overlap=overlap,
            audit=audit,
            cues=cues,
            scanned=scanned,
            segmented=segmented,
            defer_voice=defer,
        )
        n_rejected += rejected
        if result is None:
            continue
        found.append(result)
        if defer:
            waiting.append((result, text, segmented))
            waiting_chars += len(text)
            if waiting_chars >= _scan.BATCH_CHARS:
                _fill_voice(waiting, cues)
                waiting, waiting_chars = [], 0
    _fill_voice(waiting, cues)
    table = _table(found, corp, compiled, keep, audit)
    from framing import __version__

    table.attrs.update(
        lexicon_name=lex.name,
        lexicon_version=lex.version,
        lexicon_fingerprint=lex.fingerprint(),
        lexicon_language=lex.language,
        # the structure, so that measures report frames and variants without hits as zeros
        lexicon_frames=[name for name, frame in lex.frames.items() if frame.entries],
        lexicon_contests={c: list(lex.variants(c)) for c in lex.contest_names},
        corpus_name=corp.name,
        corpus_fingerprint=corp.fingerprint(),
        n_docs=len(corp),
        cues_version=None if cues is None else cues.cues_version,
        keep=keep,
        overlap=overlap,
        language=language,
        audit=audit,
        voice=voice,
        n_rejected=n_rejected,
        framing_version=__version__,
    )
    return table
