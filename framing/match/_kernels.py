"""Compiled loops of the matcher (see :mod:`framing._jit`).

:func:`glob_ends` extends globbed hits to the end of their word, for
:func:`framing.match._scan._raw_hits`: the regular expression of
:func:`framing.match._boundaries.glob_body` run at each hit from Python cost about 1.5 µs a
hit (60 ms for the 43,000 globbed hits of the benchmark); the loop reads the same
characters without leaving compiled code.
"""

from __future__ import annotations

import numpy as np

from framing._jit import jit

_APOSTROPHE = 0x27
_HYPHEN = 0x2D


@jit
def _word_end(codes, word, p):  # type: ignore[no-untyped-def]
    """First position from ``p`` on that is not a word character; -1 past the table."""
    n = codes.shape[0]
    size = word.shape[0]
    while p < n:
        c = codes[p]
        if c >= size:
            return -1
        if not word[c]:
            return p
        p += 1
    return p


@jit
def _word_at(codes, word, p):  # type: ignore[no-untyped-def]
    """1 if the character at ``p`` is a word character, 0 if not, -1 beyond the table."""
    c = codes[p]
    if c >= word.shape[0]:
        return -1
    return 1 if word[c] else 0


@jit
def _glob_end(codes, word, p, hyphen_joins, english):  # type: ignore[no-untyped-def]
    """Where :func:`~framing.match._boundaries.glob_body` stops when matched at ``p``; -1
    when the answer needs a character beyond the word table."""
    n = codes.shape[0]
    p = _word_end(codes, word, p)
    while p >= 0 and p + 1 < n:
        c = codes[p]
        if not (c == _APOSTROPHE or (c == _HYPHEN and hyphen_joins)):
            return p
        w = _word_at(codes, word, p + 1)
        if w != 1:
            return p if w == 0 else -1
        if english and c == _APOSTROPHE and (codes[p + 1] == 0x73 or codes[p + 1] == 0x53):
            if p + 2 >= n:
                return p
            w = _word_at(codes, word, p + 2)
            if w != 1:  # a possessive 's: the word ends before it
                return p if w == 0 else -1
        p = _word_end(codes, word, p + 1)
    return p


@jit
def glob_ends(codes, word, ends, hyphen_joins, english):  # type: ignore[no-untyped-def]
    """Where :func:`~framing.match._boundaries.glob_body` stops when matched at each of
    ``ends``: the end of the word, through an apostrophe followed by a word character
    (« aujourd'hui »; in English not a possessive ``'s``) and, where ``hyphen_joins``, a
    hyphen followed by a word character.

    ``codes`` are the matching text's code points, ``word[c]`` says whether code point
    ``c`` is a word character for ``c`` below the table's size. -1 for a hit whose answer
    needs a character beyond the table (the caller asks the regular expression).
    """
    out = np.empty(ends.shape[0], dtype=np.int64)
    for k in range(ends.shape[0]):
        out[k] = _glob_end(codes, word, ends[k], hyphen_joins[k], english)
    return out


#: States of :func:`checked_hits`' rows.
DROP, KEEP, ASK = 0, 1, 2


@jit
def _left(codes, word, clitics, start, parts):  # type: ignore[no-untyped-def]
    """:meth:`Boundaries.left` where it needs no regular expression: KEEP, DROP or ASK."""
    if start == 0:
        return KEEP
    w = _word_at(codes, word, start - 1)
    if w != 0:
        return DROP if w == 1 else ASK
    c = codes[start - 1]
    if (c != _HYPHEN and c != _APOSTROPHE) or start < 2:
        return KEEP
    w = _word_at(codes, word, start - 2)
    if w != 1:
        return KEEP if w == 0 else ASK
    if c == _HYPHEN:
        return KEEP if parts else ASK  # without parts: the prefix rule (a regex)
    letter = codes[start - 2]  # an apostrophe: elided after a one-letter clitic?
    if clitics.shape[0] and letter < clitics.shape[0] and clitics[letter]:
        if start < 3:
            return KEEP
        w = _word_at(codes, word, start - 3)
        if w == 0:
            return KEEP
        if w == -1:
            return ASK
    return ASK  # longer clitics (« qu' », « jusqu' ») and English: the regex


@jit
def _right(codes, word, stop, parts, english):  # type: ignore[no-untyped-def]
    """:meth:`Boundaries.right` (all of it): KEEP, DROP or ASK (beyond the table)."""
    n = codes.shape[0]
    if stop >= n:
        return KEEP
    w = _word_at(codes, word, stop)
    if w != 0:
        return DROP if w == 1 else ASK
    c = codes[stop]
    if (c != _HYPHEN and c != _APOSTROPHE) or stop + 1 >= n:
        return KEEP
    w = _word_at(codes, word, stop + 1)
    if w != 1:
        return KEEP if w == 0 else ASK
    if c == _HYPHEN:
        return KEEP if parts else DROP
    if not english:
        return DROP
    nxt = codes[stop + 1]
    if not (nxt == 0x73 or nxt == 0x53):
        return DROP
    if stop + 2 >= n:
        return KEEP
    w = _word_at(codes, word, stop + 2)
    return KEEP if w == 0 else (DROP if w == 1 else ASK)


@jit
def checked_hits(  # type: ignore[no-untyped-def]
    found,
    ptr,
    forms,
    key_len,
    left,
    right,
    parts,
    tailed,
    glob_only,
    codes,
    word,
    clitics,
    english,
):
    """The automaton's hits expanded to their forms, with their boundaries checked.

    For :func:`framing.match._scan._raw_hits`, which does the same with numpy passes and
    Python: each row ``(key, start, end)`` of ``found`` gives one row per form of the key
    (``forms[ptr[key]:ptr[key + 1]]``), in order. Returns ``(form, start, end, stop,
    state)``: ``stop`` is the end after the glob tail, ``state`` KEEP or DROP, or ASK for a
    row this loop leaves to the numpy path whole (a left boundary that needs the prefix or
    elision regex, a tail with words after its glob, a character beyond the word table).
    """
    total = 0
    for r in range(found.shape[0]):
        total += ptr[found[r, 0] + 1] - ptr[found[r, 0]]
    out_form = np.empty(total, dtype=np.int64)
    out_start = np.empty(total, dtype=np.int64)
    out_end = np.empty(total, dtype=np.int64)
    out_stop = np.empty(total, dtype=np.int64)
    state = np.empty(total, dtype=np.int8)
    k = 0
    for r in range(found.shape[0]):
        key = found[r, 0]
        end = found[r, 2]
        for q in range(ptr[key], ptr[key + 1]):  # (a slice of forms would be allocated)
            f = forms[q]
            start = end - key_len[f]
            out_form[k] = f
            out_start[k] = start
            out_end[k] = end
            stop = end
            s = KEEP
            if left[f]:
                s = _left(codes, word, clitics, start, parts[f])
            if s == KEEP and tailed[f]:
                if not glob_only[f]:
                    s = ASK
                else:
                    stop = _glob_end(codes, word, end, not parts[f], english)
                    if stop < 0:
                        s = ASK
                        stop = end
            if s == KEEP and right[f]:
                s = _right(codes, word, stop, parts[f], english)
            out_stop[k] = stop
            state[k] = s
            k += 1
    return out_form, out_start, out_end, out_stop, state


@jit
def dfa_hits(codes, classes, trans, n_classes, first, head, link, term, key_len, out):  # type: ignore[no-untyped-def]
    """Every occurrence of every key in ``codes`` (overlapping ones too), written into
    ``out`` as rows ``(key, start, end)``; returns how many there are.

    The tables are :class:`framing.match._dfa.DfaTables`. When there are more hits than
    rows in ``out``, the first ones are written and the count returned all the same (the
    caller scans again with room for them all).
    """
    n = codes.shape[0]
    size = classes.shape[0]
    rows = out.shape[0]
    m = 0
    s = 0
    for i in range(n):
        c = codes[i]
        s = trans[s + (classes[c] if c < size else 0)]
        if s >= first:
            t = head[s // n_classes]
            while t >= 0:
                if m < rows:
                    key = term[t]
                    out[m, 0] = key
                    out[m, 1] = i + 1 - key_len[key]
                    out[m, 2] = i + 1
                m += 1
                t = link[t]
    return m
