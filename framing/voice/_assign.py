"""Voice and distancing of hits (:func:`assign_voice`), and the cues behind them."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from itertools import islice, pairwise

import numpy as np
import pandas as pd

from framing.voice import _chars
from framing.voice._chars import _Codes
from framing.voice._checks import (
    _check_int,
    _check_text,
    _hit_arrays,
    _paragraph_arrays,
    _span_arrays,
    _text_module,
)
from framing.voice._compile import _HYPH, _HYPHENS
from framing.voice._cues import Cues, DistancingCue, _resolve_cues
from framing.voice._prefilter import _CueKeys, _TextRuns
from framing.voice._quotes import _scan_quotes

VOICES = ("author", "quoted", "attributed")
"""The categories of the ``voice`` column, in this order."""

SCARE_QUOTES = "scare quotes"
"""The ``cue`` reported for a hit distanced by a short quotation alone."""

_VOICE_DTYPE = pd.CategoricalDtype(list(VOICES))
_WORD_RE = re.compile(rf"\w+(?:[{_HYPH}'’ʼ]\w+)*")
_JOINERS = _chars._table_of(_HYPHENS + "'’ʼ")  # joined by _WORD_RE between word characters
_BREAK_RE = re.compile(r"[,;:.!?()\[\]…]")


def match_cues(
    text: str, *, language: str = "fr", cues: Cues | str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Every attribution and distancing cue found in a text, for auditing voice decisions.

    Parameters
    ----------
    text : str
        One document.
    language : str, default "fr"
        Bundled cue language, used when ``cues`` is None.
    cues : Cues or path, optional
        A cue set from :func:`load_cues`, or a cue file path.

    Returns
    -------
    pandas.DataFrame
        Columns ``start``, ``end``, ``kind`` (``"attribution"`` or ``"distancing"``),
        ``cue`` (the attribution phrase as written in the cue file, or the distancing
        label) and ``surface`` (the text matched), sorted by ``start``. Distancing cues
        inside an attribution cue (« prétendu » in « a prétendu que ») are left out, as in
        :func:`assign_voice`.

    Examples
    --------
    >>> match_cues("Le soi-disant régime, selon Bakou.")[["kind", "cue"]].values.tolist()
    [['distancing', 'soi-disant'], ['attribution', 'selon']]
    """
    _check_text(text)
    cueset = _resolve_cues(cues, language)
    whole = (np.zeros(1, dtype=np.int64), np.full(1, len(text), dtype=np.int64))
    runs = (
        _TextRuns(_Codes(text, 0, len(text)), *whole, cueset._run_keys)
        if _chars._vectorise(*whole)
        else None
    )
    a_s, a_e, a_id = _attribution_matches(text, cueset, whole, runs)
    d_s, d_e, d_cue = _distancing_matches(text, cueset, a_s, a_e, whole, runs)
    phrases = list(cueset.attribution)
    frame = pd.DataFrame(
        {
            "start": np.concatenate([a_s, d_s]).astype(np.int64),
            "end": np.concatenate([a_e, d_e]).astype(np.int64),
            "kind": ["attribution"] * len(a_s) + ["distancing"] * len(d_s),
            "cue": [phrases[i] for i in a_id] + [c.label for c in d_cue],
        }
    )
    # object dtype, as match_lexicon's surface: pandas' str dtype (pyarrow) cannot hold the
    # lone surrogates of a text decoded with errors="surrogateescape"
    surface = [text[s:e] for s, e in zip(frame["start"], frame["end"], strict=True)]
    frame["surface"] = pd.Series(surface, dtype=object, index=frame.index)
    return frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def assign_voice(
    text: str,
    starts: Sequence[int] | np.ndarray,
    ends: Sequence[int] | np.ndarray,
    *,
    language: str = "fr",
    sentences: Sequence[tuple[int, int]] | None = None,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    cues: Cues | str | os.PathLike[str] | None = None,
    window: int | None = None,
    scare_quote_words: int | None = None,
) -> pd.DataFrame:
    """Voice (author / quoted / attributed) and distancing of every hit in one document.

    A hit is ``quoted`` when any of its characters lies inside quotation marks (see
    :func:`quote_spans`); else ``attributed`` when its sentence contains an attribution cue
    (a verb of saying, « selon », "according to" ..., reported speech included); else
    ``author``. Independently, it is ``distanced`` when a distancing cue stands at most
    ``window`` words before it (after it, for cues declared so) in the same sentence with no
    punctuation between (« le soi-disant régime »), or when it lies in a scare quote: a
    quotation of at most ``scare_quote_words`` words in a sentence without attribution cue
    (« Il le qualifie d'« antiterroriste » »). A distancing cue inside an attribution cue
    (« prétendu » in « a prétendu que ») does not count.

    Parameters
    ----------
    text : str
        One document, as matched (offsets refer to it).
    starts, ends : array-like of int
        Hit spans ``[start, end)`` in ``text``, e.g. the ``start``/``end`` columns of the
        matches of this document, in any order.
    language : str, default "fr"
        Language of the bundled cue set used when ``cues`` is None.
    sentences, paragraphs : list of (start, end), optional
        Sentence and paragraph spans. Default: ``framing.text.sentence_spans`` (in the cue
        set's language) and ``framing.text.paragraph_spans(text, mode="auto")``.
    cues : Cues or path, optional
        A cue set from :func:`load_cues` or a cue file path; overrides ``language``.
    window, scare_quote_words : int, optional
        Override the cue set's values (3 and 4 words in the bundled sets).

    Returns
    -------
    pandas.DataFrame
        One row per hit, in input order: ``voice`` (categorical, categories
        :data:`VOICES`), ``distanced`` (bool), ``cue`` (object: the distancing cue's label,
        ``"scare quotes"``, or None). ``attrs`` holds ``cues_version``, ``window`` and
        ``scare_quote_words``.

    Raises
    ------
    FramingError
        Spans outside the text, ``start > end``, starts and ends of different lengths,
        overlapping sentence or paragraph spans. :class:`CueError` for cue problems.

    Examples
    --------
    >>> text = "Le soi-disant régime, selon Bakou. Il le qualifie d’« antiterroriste »."
    >>> hits = [text.find("régime"), text.find("antiterroriste")]
    >>> out = assign_voice(text, hits, [h + len(w) for h, w in
    ...                    zip(hits, ["régime", "antiterroriste"])],
    ...                    sentences=[(0, 34), (35, len(text))], paragraphs=[(0, len(text))])
    >>> out.values.tolist()
    [['attributed', True, 'soi-disant'], ['quoted', True, 'qualifié de']]
    """
    _check_text(text)
    cueset = _resolve_cues(cues, language)
    voice, distanced, cue = _assign_arrays(
        text,
        starts,
        ends,
        sentences,
        paragraphs,
        cueset,
        window=window,
        scare_quote_words=scare_quote_words,
    )
    frame = pd.DataFrame(
        {
            "voice": pd.Categorical.from_codes(voice, dtype=_VOICE_DTYPE),
            "distanced": distanced,
            "cue": pd.Series(cue, dtype=object),
        },
        copy=False,  # fresh arrays, made for this frame
    )
    frame.attrs.update(
        cues_version=cueset.cues_version,
        window=cueset.window if window is None else int(window),
        scare_quote_words=(
            cueset.scare_quote_words if scare_quote_words is None else int(scare_quote_words)
        ),
    )
    return frame


def _assign_arrays(
    text: str,
    starts: Sequence[int] | np.ndarray,
    ends: Sequence[int] | np.ndarray,
    sentences: Sequence[tuple[int, int]] | np.ndarray | None,
    paragraphs: Sequence[tuple[int, int]] | np.ndarray | None,
    cues: Cues,
    *,
    window: int | None = None,
    scare_quote_words: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`assign_voice` as arrays, without a DataFrame (for ``match_lexicon``).

    Parameters
    ----------
    text : str
        One document.
    starts, ends : array-like of int
        Hit spans, in any order.
    sentences, paragraphs : list of (start, end) or array of shape (n, 2), or None
        As in :func:`assign_voice` (None: computed from the text). An int64 array of
        shape (n, 2) is taken without conversion.
    cues : Cues
        A cue set from :func:`load_cues`.
    window, scare_quote_words : int, optional
        As in :func:`assign_voice`.

    Returns
    -------
    voice : numpy.ndarray of int8
        Codes into :data:`VOICES` (0 ``author``, 1 ``quoted``, 2 ``attributed``), one per
        hit, in input order.
    distanced : numpy.ndarray of bool
    cue : numpy.ndarray of object
        The distancing cue's label, ``"scare quotes"`` or None.

    Raises
    ------
    FramingError
        As :func:`assign_voice`, in the same order.
    """
    _check_text(text)
    starts_a, ends_a = _hit_arrays(text, starts, ends)
    window = cues.window if window is None else _check_int(window, "window", 0)
    max_words = (
        cues.scare_quote_words
        if scare_quote_words is None
        else _check_int(scare_quote_words, "scare_quote_words", 1)
    )
    para_s, para_e = _paragraph_arrays(text, paragraphs)
    if sentences is None:
        sentences = _text_module().sentence_spans(text, language=cues.language)
    sent_s, sent_e = _span_arrays(text, sentences, "sentences")
    voice, cue = _classify(
        text, starts_a, ends_a, sent_s, sent_e, para_s, para_e, cues, window, max_words
    )
    return voice, np.not_equal(cue, None).astype(bool), cue


def _assign_trusted(
    text: str,
    starts: np.ndarray,
    ends: np.ndarray,
    sentences: np.ndarray,
    paragraphs: np.ndarray,
    cues: Cues,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_assign_arrays` of arguments known to be valid, without checking them.

    For ``match_lexicon``: its hits are int64 spans inside the text, its sentences and
    paragraphs come from :func:`framing.text.segment_arrays` (sorted, disjoint, int64 of
    shape (n, 2)). The checks cost a short document as much as the voice scans (about
    0.05 ms each); the answers are the same (tested on the seed and Assemblée texts).
    """
    voice, cue = _classify(
        text,
        starts,
        ends,
        sentences[:, 0],
        sentences[:, 1],
        paragraphs[:, 0],
        paragraphs[:, 1],
        cues,
        cues.window,
        cues.scare_quote_words,
    )
    return voice, np.not_equal(cue, None).astype(bool), cue


def _assign_batch(
    texts: Sequence[str],
    starts: Sequence[np.ndarray],
    ends: Sequence[np.ndarray],
    sentences: Sequence[np.ndarray],
    paragraphs: Sequence[np.ndarray],
    cues: Cues,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """:func:`_assign_trusted` of each document, from one call on the documents joined by
    a blank line (for ``match_lexicon``'s short documents).

    On an article of a few thousand characters the voice scans cost about 150 µs, most of
    it per call (some forty numpy calls); joined, hundreds of articles take one. The
    answers are each document's own: every scan stays inside the sentences or paragraphs
    that hold hits (the cue regexes are matched inside sentences, quotation marks pair
    inside paragraphs and a quote left open closes at its paragraph's end), and what the
    scans read just outside them, a character before a cue or a quotation mark, is a
    line break before a document's first paragraph in the joined text as at a paragraph
    start inside it, never a word character, hyphen or apostrophe, which is what the
    rules ask about. Tested against :func:`_assign_trusted` document by document.
    """
    from framing.text._chars import join_texts
    from framing.text._segment import BATCH_SEPARATOR

    if len(texts) < 2:
        return [
            _assign_trusted(t, s, e, sent, para, cues)
            for t, s, e, sent, para in zip(texts, starts, ends, sentences, paragraphs, strict=True)
        ]
    text, offsets = join_texts(texts, BATCH_SEPARATOR)
    counts = [len(s) for s in starts]

    def joined(arrays: Sequence[np.ndarray]) -> np.ndarray:
        return np.concatenate([a + off for a, off in zip(arrays, offsets.tolist(), strict=True)])

    voice, flags, cue = _assign_trusted(
        text,
        joined(starts),
        joined(ends),
        joined(sentences),
        joined(paragraphs),
        cues,
    )
    cuts = np.cumsum([0, *counts]).tolist()
    return [(voice[a:b], flags[a:b], cue[a:b]) for a, b in pairwise(cuts)]


def _classify(
    text: str,
    starts: np.ndarray,
    ends: np.ndarray,
    sent_s: np.ndarray,
    sent_e: np.ndarray,
    para_s: np.ndarray,
    para_e: np.ndarray,
    cues: Cues,
    window: int,
    max_words: int,
) -> tuple[np.ndarray, np.ndarray]:
    n = len(starts)
    ends_eff = np.maximum(ends, starts + 1)  # an empty hit is the point at its start
    hit_sent = _locate(sent_s, sent_e, starts)

    # Only the sentences and paragraphs that hold hits are scanned (each once), so the cost
    # follows the text around the hits, not the length of the document. On long stretches
    # their characters are read once into an array of code points, shared by the scans.
    used = np.flatnonzero(np.bincount(hit_sent + 1, minlength=len(sent_s) + 1)[1:] > 0)
    regions = (sent_s[used], sent_e[used])
    used_paras = _overlapped(para_s, para_e, starts, ends_eff)
    codes = runs = None
    if _chars._vectorise(*regions):
        lo = min(int(regions[0][0]), int(para_s[used_paras[0]]) if len(used_paras) else len(text))
        hi = max(int(regions[1][-1]), int(para_e[used_paras[-1]]) if len(used_paras) else 0)
        codes = _Codes(text, max(lo - 2, 0), hi)  # the cue regexes look two characters back
        runs = _TextRuns(codes, *regions, cues._run_keys)

    # Attribution: a sentence with an attribution cue is reported speech.
    a_s, a_e, _ = _attribution_matches(text, cues, regions, runs)
    sent_attr = np.zeros(len(sent_s) + 1, dtype=bool)  # last slot: "in no sentence"
    a_sent = _locate(sent_s, sent_e, a_s)
    sent_attr[a_sent[a_sent >= 0]] = True
    attributed = sent_attr[hit_sent]

    # Quotes: one scan of the used paragraphs, then one searchsorted per nesting level.
    q_s, q_e, _ = _scan_quotes(text, para_s, para_e, used_paras, codes)
    quoted = np.zeros(n, dtype=bool)
    inner_words = np.full(n, max_words + 1, dtype=np.int64)
    if len(q_s):
        depth = _depths(q_s, q_e)
        words = _quote_words(text, q_s, q_e, codes, max_words + 1)
        for level in range(int(depth.max()) + 1):  # deeper levels overwrite: innermost wins
            sel = np.flatnonzero(depth == level)
            i = np.searchsorted(q_s[sel], ends_eff, side="left") - 1
            ok = i >= 0
            ok[ok] = q_e[sel][i[ok]] > starts[ok]
            quoted |= ok
            inner_words[ok] = words[sel][i[ok]]
    voice = np.where(quoted, 1, np.where(attributed, 2, 0)).astype(np.int8)
    scare = quoted & (inner_words <= max_words) & ~attributed

    # Distancing cues: one regex pass, then the nearest cue before / after each hit.
    cue = np.full(n, None, dtype=object)
    cue[scare] = SCARE_QUOTES
    d_s, d_e, d_cue = _distancing_matches(text, cues, a_s, a_e, regions, runs)
    if len(d_s):
        d_sent = _locate(sent_s, sent_e, d_s)
        gap_words = np.full(n, window + 1, dtype=np.int64)
        for side in ("before", "after"):
            idx = np.flatnonzero([c.position in (side, "either") for c in d_cue])
            if side == "before":
                j = np.searchsorted(d_e[idx], starts, side="right") - 1
            else:
                j = np.searchsorted(d_s[idx], ends, side="left")
            cand = np.flatnonzero((j >= 0) & (j < len(idx)))
            cand = cand[(d_sent[idx[j[cand]]] == hit_sent[cand]) & (hit_sent[cand] >= 0)]
            for h in cand.tolist():  # only hits with a cue nearby in their sentence
                k = int(idx[j[h]])
                lo, hi = (d_e[k], starts[h]) if side == "before" else (ends[h], d_s[k])
                if hi - lo > 60 * (window + 1) or _BREAK_RE.search(text, lo, hi):
                    continue
                words = sum(1 for _ in islice(_WORD_RE.finditer(text, lo, hi), window + 1))
                if words < gap_words[h]:
                    gap_words[h] = words
                    cue[h] = d_cue[k].label
    return voice, cue


def _quote_words(
    text: str, q_s: np.ndarray, q_e: np.ndarray, codes: _Codes | None, most: int
) -> np.ndarray:
    """Words (:data:`_WORD_RE`) in each quote, counted up to ``most``."""
    if codes is not None:  # the quotes lie in the scanned paragraphs
        from framing.voice import _kernels  # compiled loops: imports numba

        return _kernels.words_in_spans(
            codes.cp, codes.word, _JOINERS, codes.offset, q_s, q_e, most
        )
    return np.array(
        [
            sum(1 for _ in islice(_WORD_RE.finditer(text, s, e), most))
            for s, e in zip(q_s.tolist(), q_e.tolist(), strict=True)
        ],
        dtype=np.int64,
    )


def _cue_matches(
    pattern: re.Pattern[str] | None,
    keys: _CueKeys | None,
    text: str,
    regions: tuple[np.ndarray, np.ndarray] | None,
    runs: _TextRuns | None,
) -> list[re.Match[str]]:
    """``pattern.finditer`` over each region (default: the whole text), concatenated.

    With ``keys`` and the ``runs`` of these regions, the pattern is only tried where a cue
    may begin (see :mod:`framing.voice._prefilter`), in order and skipping the positions
    inside a match, which finds the same matches.
    """
    if pattern is None:
        return []
    if regions is None:
        regions = (np.zeros(1, dtype=np.int64), np.full(1, len(text), dtype=np.int64))
    if keys is None or runs is None:
        return [
            m
            for start, end in zip(regions[0].tolist(), regions[1].tolist(), strict=True)
            for m in pattern.finditer(text, start, end)
        ]
    positions, limits = runs.candidates(keys)
    found = []
    match = pattern.match
    done = -1  # end of the last match: finditer resumes there
    for pos, limit in zip(positions.tolist(), limits.tolist(), strict=True):
        if pos >= done:
            m = match(text, pos, limit)
            if m is not None:
                found.append(m)
                done = m.end()
    return found


def _attribution_matches(
    text: str,
    cues: Cues,
    regions: tuple[np.ndarray, np.ndarray] | None = None,
    runs: _TextRuns | None = None,
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    pattern, owners = cues._attribution_re
    found = _cue_matches(pattern, cues._attribution_keys, text, regions, runs)
    return (
        np.array([m.start() for m in found], dtype=np.int64),
        np.array([m.end() for m in found], dtype=np.int64),
        [owners[m.lastindex - 1] for m in found],
    )


def _distancing_matches(
    text: str,
    cues: Cues,
    a_s: np.ndarray,
    a_e: np.ndarray,
    regions: tuple[np.ndarray, np.ndarray] | None = None,
    runs: _TextRuns | None = None,
) -> tuple[np.ndarray, np.ndarray, list[DistancingCue]]:
    pattern, labels = cues._distancing_re
    found = [
        (m.start(), m.end(), labels[m.lastindex - 1])
        for m in _cue_matches(pattern, cues._distancing_keys, text, regions, runs)
    ]
    if found and len(a_s):  # a distancing cue inside an attribution cue does not count
        s = np.array([f[0] for f in found])
        e = np.array([f[1] for f in found])
        i = np.searchsorted(a_s, s, side="right") - 1
        inside = (i >= 0) & (a_e[np.maximum(i, 0)] >= e)
        found = [f for f, drop in zip(found, inside.tolist(), strict=True) if not drop]
    return (
        np.array([f[0] for f in found], dtype=np.int64),
        np.array([f[1] for f in found], dtype=np.int64),
        [f[2] for f in found],
    )


def _depths(q_s: np.ndarray, q_e: np.ndarray) -> np.ndarray:
    depth = np.zeros(len(q_s), dtype=np.int64)
    open_ends: list[int] = []
    for i, (s, e) in enumerate(zip(q_s.tolist(), q_e.tolist(), strict=True)):
        while open_ends and open_ends[-1] <= s:
            open_ends.pop()
        depth[i] = len(open_ends)
        open_ends.append(e)
    return depth


def _overlapped(
    span_s: np.ndarray, span_e: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """Indices of the (sorted, disjoint) spans that overlap at least one hit."""
    first = np.searchsorted(span_e, starts, side="right")
    last = np.searchsorted(span_s, ends, side="left") - 1
    some = last >= first
    size = len(span_s) + 1
    marks = np.bincount(first[some], minlength=size) - np.bincount(last[some] + 1, minlength=size)
    return np.flatnonzero(np.cumsum(marks)[:-1] > 0)


def _locate(span_s: np.ndarray, span_e: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Index of the span containing each position, or -1."""
    if len(span_s) == 0:
        return np.full(len(pos), -1, dtype=np.int64)
    i = np.searchsorted(span_s, pos, side="right") - 1
    ok = (i >= 0) & (pos < span_e[np.maximum(i, 0)])
    return np.where(ok, i, -1)
