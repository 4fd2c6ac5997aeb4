"""Scan documents: automaton hits, boundary checks, offsets mapped to the original text.

One document at a time (:func:`scan_document`), or many short ones at once
(:func:`scan_documents`), with the same answers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np

from framing import _jit
from framing._sort import lexsort_ints
from framing.match._boundaries import Boundaries, word_chars, word_table
from framing.match._compile import ConfigPlan, Plan
from framing.text._chars import code_points, decoded, join_texts
from framing.text._normalize import (
    SpotMap,
    normalize_compact,
    normalize_lookup,
    spans_to_original,
)

_EMPTY = np.zeros(0, dtype=np.int64)
# In the matching text every hyphen is "-" and every apostrophe "'" (see _boundaries).
_HYPHEN = ord("-")
_APOSTROPHE = ord("'")


def collapse_spaces(text: str) -> tuple[str, SpotMap | None]:
    """Collapse runs of spaces to one, with the map back (None when nothing changed).

    Normalisation turns every whitespace character into one space, so a line break or a
    blank line between two words of a phrase becomes a run of spaces; the automaton keys
    hold single spaces. The map back is the normaliser's compact :class:`SpotMap`, the
    removed spaces its spots of length 0: ``kept.char_start(i)`` is the index in ``text``
    of character ``i`` of the result.
    """
    # (on the code points the normaliser handed over: faster than `"  " in text`, a
    # substring search over a text that is rarely pure Latin-1)
    codes = code_points(text)
    space = codes == 32
    removed = np.zeros(len(codes), dtype=bool)  # a space after a space
    np.logical_and(space[1:], space[:-1], out=removed[1:])
    where = np.flatnonzero(removed)
    if not len(where):
        return text, None
    # decoded: the boundary checks read the collapsed text's code points
    collapsed = decoded(codes[~removed])
    # spot j's first (absent) output character: the kept characters before it
    first = where - np.arange(len(where))
    lens = np.zeros(len(where), dtype=np.int64)
    return collapsed, SpotMap(len(codes), len(collapsed), where, first, lens)


def _raw_hits(
    plan: ConfigPlan, text: str, bounds: Boundaries
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(targets, starts, ends) of the hits of one configuration, in ``text`` offsets.

    The automaton reports keys (through its compiled table once the loops are on:
    :meth:`~framing.match._compile.Automaton.find_codes`); each key stands for one or more
    forms, whose boundaries are then checked: by one compiled loop once the loops are on
    (:func:`framing.match._kernels.checked_hits`), which leaves the rows it cannot settle
    to :func:`_checked`; before, by :func:`_checked` alone (numpy passes).
    """
    arrays = plan.arrays
    compiled = _jit.enabled()
    codes = code_points(text) if compiled else None
    found = plan.automaton.find_codes(codes) if codes is not None else None
    if found is None:
        found = plan.automaton.find(text)
    if not len(found):
        return _EMPTY, _EMPTY, _EMPTY
    if codes is None:
        codes = code_points(text)
    if compiled:
        from framing.match import _kernels  # imports numba

        clitics = bounds.one_letter_clitics
        form, start, end, stop, state = _kernels.checked_hits(
            found,
            arrays.ptr,
            arrays.forms,
            arrays.key_len,
            arrays.left,
            arrays.right,
            arrays.parts,
            arrays.tailed,
            arrays.glob_only,
            codes,
            word_table(),
            np.zeros(0, dtype=bool) if clitics is None else clitics,
            bounds.language == "en",
        )
        keep = state == _kernels.KEEP
        ask = np.flatnonzero(state == _kernels.ASK)
        if len(ask):
            keep[ask], stop[ask] = _checked(
                plan, text, codes, bounds, form[ask], start[ask], end[ask]
            )
    else:
        first = arrays.ptr[found[:, 0]]
        count = arrays.ptr[found[:, 0] + 1] - first
        rows = np.repeat(np.arange(len(found)), count)
        within = np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count)
        form = arrays.forms[first[rows] + within]
        end = found[rows, 2]
        start = end - arrays.key_len[form]
        keep, stop = _checked(plan, text, codes, bounds, form, start, end)
    return arrays.target[form[keep]], start[keep], stop[keep]


def _checked(
    plan: ConfigPlan,
    text: str,
    codes: np.ndarray,
    bounds: Boundaries,
    form: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Which of the forms found at ``[start, end)`` have their boundaries, and where each
    one stops after its glob tail: ``(keep, stop)``.

    Vectorised over the rows; only the rare hits after a hyphen that may follow a prefix or
    after an apostrophe between word characters (elision) go through Python, and the glob
    tails before the compiled loops are on (:func:`_glob_tails`).
    """
    arrays = plan.arrays
    parts = arrays.parts[form]
    n = len(codes)
    keep = np.ones(len(form), dtype=bool)

    # Left boundary: start of text, or a non-word character before, unless it is a hyphen
    # or an apostrophe between word characters (then the rules decide).
    check = arrays.left[form] & (start > 0)
    i = np.flatnonzero(check)
    before = codes[start[i] - 1]
    keep[i[word_chars(before)]] = False
    joined = i[(before == _HYPHEN) | (before == _APOSTROPHE)]
    joined = joined[start[joined] >= 2]
    joined = joined[word_chars(codes[start[joined] - 2])]
    joined = joined[~bounds.elided_at_once(codes, start[joined])]  # « l'armée »: kept
    # a hyphen is a boundary for an entry that takes parts (« Haut-Karabakh »): kept
    joined = joined[(codes[start[joined] - 1] != _HYPHEN) | ~parts[joined]]
    for j in joined.tolist():  # a hyphen without parts (prefixes), an apostrophe (elision)
        keep[j] = bounds.left(text, int(start[j]), bool(parts[j]))

    # Glob tails extend the hit to the end of its word.
    stop = end.copy()
    _glob_tails(
        plan, text, codes, form, np.flatnonzero(keep & arrays.tailed[form]), keep, stop, bounds
    )

    # Right boundary: the same, mirrored.
    check = keep & arrays.right[form] & (stop < n)
    i = np.flatnonzero(check)
    after = codes[stop[i]]
    keep[i[word_chars(after)]] = False
    joined = i[(after == _HYPHEN) | (after == _APOSTROPHE)]
    joined = joined[stop[joined] + 1 < n]
    joined = joined[word_chars(codes[stop[joined] + 1])]
    keep[joined] = bounds.right_joined(codes, stop[joined], parts[joined])
    return keep, stop


def _glob_tails(
    plan: ConfigPlan,
    text: str,
    codes: np.ndarray,
    form: np.ndarray,
    rows: np.ndarray,
    keep: np.ndarray,
    stop: np.ndarray,
    bounds: Boundaries,
) -> None:
    """Match the tails of hits ``rows`` at their ends: set ``stop`` (or ``keep`` False).

    A tail that is one glob (the usual case) goes through the compiled loop once it is
    on (:func:`framing.match._kernels.glob_ends`, the same answers); other tails (words
    after a glob in a phrase), hits next to characters beyond the loop's table, and every
    tail before the loop is on, through the tail's regular expression.
    """
    if not len(rows):
        return
    if _jit.enabled():
        from framing.match import _kernels  # imports numba

        simple = plan.arrays.glob_only[form[rows]]
        sel = rows[simple]
        ends = _kernels.glob_ends(
            codes,
            word_table(),
            stop[sel],
            ~plan.arrays.parts[form[sel]],
            bounds.language == "en",
        )
        done = ends >= 0
        stop[sel[done]] = ends[done]
        rows = np.sort(np.concatenate([rows[~simple], sel[~done]]))
    for j in rows.tolist():
        m = plan.tail[form[j]].match(text, int(stop[j]))
        if m is None:
            keep[j] = False
        else:
            stop[j] = m.end()


def scan_document(plan: Plan, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every hit of every target in one document, in original offsets, deduplicated.

    Returns
    -------
    tuple of numpy.ndarray
        ``(targets, starts, ends)``, int64, sorted by target then start then end.
    """
    found = _hits_of_text(plan, text, lookup_only=False)
    assert found is not None  # (only lookup_only=True gives up)
    return _sorted_unique(*found)


def _hits_of_text(
    plan: Plan, text: str, *, lookup_only: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The hits of every configuration in ``text`` (original offsets, not deduplicated).

    With ``lookup_only``, None when a configuration's normalisation of ``text`` cannot go
    through the lookup tables (a combining mark, a composing character).
    """
    all_t, all_s, all_e = [_EMPTY], [_EMPTY], [_EMPTY]
    for (case_sensitive, fold), cplan in plan.configs.items():
        if cplan.automaton is None:
            continue
        if lookup_only:
            looked_up = normalize_lookup(text, "match", not case_sensitive, fold)
            if looked_up is None:
                return None
            normalized, offsets = looked_up
        else:
            normalized, offsets = normalize_compact(text, "match", not case_sensitive, fold)
        matching, keep = collapse_spaces(normalized)
        t, s_arr, e_arr = _raw_hits(cplan, matching, plan.bounds)
        if not len(t):
            continue
        if keep is not None:
            s_arr, e_arr = keep.char_start(s_arr), keep.char_start(e_arr - 1) + 1
        s_arr, e_arr = spans_to_original(offsets, s_arr, e_arr)
        all_t.append(t)
        all_s.append(s_arr)
        all_e.append(e_arr)
    if len(all_t) == 2:
        return all_t[1], all_s[1], all_e[1]
    return np.concatenate(all_t), np.concatenate(all_s), np.concatenate(all_e)


def _sorted_unique(*columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """The rows of ``columns`` sorted by the first column, then the next ..., without
    repeated rows (the hits of a document: target, start, end; of a batch: document too)."""
    if not len(columns[0]):
        return (_EMPTY,) * len(columns)
    order = lexsort_ints(columns[::-1])
    columns = tuple(c[order] for c in columns)
    new = np.zeros(len(order), dtype=bool)
    new[0] = True
    for c in columns:
        new[1:] |= c[1:] != c[:-1]
    return tuple(c[new] for c in columns)


# --- many short documents at once -----------------------------------------------------------

#: Joins the documents of a batch. Every normalisation leaves it as it is (one character, no
#: spot), and it is no space, no word character, no hyphen or apostrophe: the automaton's
#: keys cannot cross it and the boundary checks, glob tails and prefix and elision rules see
#: it as they see the end or the start of a text.
SEPARATOR = "\x00"
#: Documents shorter than this are scanned in batches (:func:`scan_documents`).
BATCH_DOC_CHARS = 20_000
#: A batch is cut once it holds this many characters.
BATCH_CHARS = 500_000


def scan_documents(
    plan: Plan, texts: Sequence[str]
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """:func:`scan_document` of each text, in order, the short ones scanned in batches.

    An article of a few thousand characters costs the automaton call, the normalisation
    and the boundary checks about 0.1 ms in calls alone; consecutive short documents are
    joined by :data:`SEPARATOR` and scanned at once, and the hits handed back to each. The
    answers are each document's own: the lookup-table normalisation treats every
    character on its own, the separator ends a text for every check, and a batch whose
    normalisation needs the segment-by-segment path (a combining mark), or a lexicon with
    a key holding the separator, is scanned document by document.
    """
    batchable = _batchable(plan)
    pending: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        if batchable and len(text) < BATCH_DOC_CHARS:
            pending.append(i)
            size += len(text) + 1
            if size < BATCH_CHARS:
                continue
        yield from _scan_batch(plan, [texts[j] for j in pending])
        pending, size = [], 0
        if not (batchable and len(text) < BATCH_DOC_CHARS):
            yield scan_document(plan, text)
    yield from _scan_batch(plan, [texts[j] for j in pending])


def _batchable(plan: Plan) -> bool:
    return not any(
        SEPARATOR in key
        for cplan in plan.configs.values()
        if cplan.automaton is not None
        for key in cplan.automaton.keys
    )


def _scan_batch(
    plan: Plan, texts: list[str]
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    if len(texts) < 2:
        yield from (scan_document(plan, text) for text in texts)
        return
    joined, starts = join_texts(texts, SEPARATOR)
    found = _hits_of_text(plan, joined, lookup_only=True)
    if found is None:
        yield from (scan_document(plan, text) for text in texts)
        return
    t, s, e = found
    doc = np.searchsorted(starts, s, side="right") - 1
    doc, t, s, e = _sorted_unique(doc, t, s - starts[doc], e - starts[doc])
    cuts = np.searchsorted(doc, np.arange(len(texts) + 1)).tolist()
    for a, b in itertools.pairwise(cuts):
        yield t[a:b], s[a:b], e[a:b]
