"""Compiled loops of the sentence splitter (see :mod:`framing._jit`).

:func:`words_before_stops` reads the word before each full stop that may end a sentence,
for :meth:`framing.text._segment._Bulk._blocked`. The numpy formulation read a window of
16 characters before every full stop as a 2-D array (a dozen passes over n x 16 cells);
this loop reads each word's characters once, and stops at the word's start.
"""

from __future__ import annotations

import numpy as np

from framing._jit import jit


@jit
def _props_at(cp, props, astral_at, astral_props, p):  # type: ignore[no-untyped-def]
    """Character properties at ``p`` (outside the BMP: looked up beforehand)."""
    ch = cp[p]
    if ch < props.shape[0]:
        return props[ch]
    return astral_props[np.searchsorted(astral_at, p)]


@jit
def words_before_stops(  # type: ignore[no-untyped-def]
    cp,
    dots,
    props,
    flags,
    lower,
    keys,
    astral_at,
    astral_props,
    window,
    p_lower,
    p_alnum,
    f_pre_word,
    f_list_mark,
):
    """The word before each full stop at ``dots``, summed up for the abbreviation rules.

    Going back from each full stop over at most ``window`` characters: the run of letters,
    digits and pre-word characters (``f_pre_word`` flags), and in it the word (up to its
    first letter or digit met last).

    Returns ``(length, size, exact, maybe)`` per full stop: the run's length (``window``
    when it fills the window), the word's size (``window`` when there is no letter or
    digit), whether the full stop needs the exact rule (the run fills the window, or a line
    feed stands right before it), and whether the word may be an abbreviation, initials or
    a list mark, so that it must be looked up (``False`` when there is no word or the exact
    rule applies): its key (size, lowered first and last characters) is in ``keys``
    (sorted), or it is one capital letter or a capital before « . » or « - », or it is one
    character, or at most six characters that are all list-mark characters (flags
    ``f_list_mark``) or beyond ASCII, or it begins with « İ », or the text has characters
    beyond the BMP (``astral_at`` not empty).
    """
    n = dots.shape[0]
    length = np.empty(n, dtype=np.int64)
    size = np.empty(n, dtype=np.int64)
    exact = np.empty(n, dtype=np.bool_)
    maybe = np.zeros(n, dtype=np.bool_)
    top = flags.shape[0] - 1
    astral = astral_at.shape[0] > 0
    for k in range(n):
        dot = dots[k]
        run = 0
        last_letter = -1  # the farthest letter or digit back in the run (column)
        not_listy = window  # the first column that is neither a list mark nor beyond ASCII
        while run < window and dot - 1 - run >= 0:
            p = dot - 1 - run
            ch = cp[p]
            pr = _props_at(cp, props, astral_at, astral_props, p)
            fl = flags[min(ch, top)]
            alnum = (pr & p_alnum) != 0
            if not (alnum or (fl & f_pre_word) != 0):
                break
            if alnum:
                last_letter = run
            if not_listy == window and not ((fl & f_list_mark) != 0 or ch > 0x7F):
                not_listy = run
            run += 1
        length[k] = run
        size[k] = last_letter + 1 if last_letter >= 0 else window
        exact[k] = run == window or (dot >= 1 and cp[dot - 1] == 0x0A)
        if exact[k] or last_letter < 0:
            continue
        word = size[k]
        first, last = cp[dot - word], cp[dot - 1]
        key = (word << 34) | (np.int64(lower[min(first, top)]) << 17) | lower[min(last, top)]
        i = np.searchsorted(keys, key)
        found = i < keys.shape[0] and keys[i] == key
        second = cp[max(dot - 2, 0)]
        initials = (_props_at(cp, props, astral_at, astral_props, dot - 1) & p_lower) == 0 and (
            word == 1 or second == 0x2E or second == 0x2D
        )
        listy = word == 1 or (word <= 6 and not_listy >= word)
        maybe[k] = found or initials or listy or astral or first == 0x130
    return length, size, exact, maybe


@jit
def looked_up(table, codes, spot_from):  # type: ignore[no-untyped-def]
    """``table[codes]`` and the positions where it is ``spot_from`` or more, in two loops.

    For :func:`framing.text._normalize._normalize_lookup`: numpy's gather first turns the
    uint32 code points into an index array eight bytes a character wide, then the spots
    need a comparison and a search over the whole text; here the gather reads the code
    points as they are and the second loop only looks at its own output.
    """
    n = codes.shape[0]
    out = np.empty(n, dtype=table.dtype)
    n_spots = 0
    for i in range(n):
        value = table[codes[i]]
        out[i] = value
        if value >= spot_from:
            n_spots += 1
    spots = np.empty(n_spots, dtype=np.int64)
    k = 0
    if n_spots:
        for i in range(n):
            if out[i] >= spot_from:
                spots[k] = i
                k += 1
    return out, spots


@jit
def kinds_at(table, codes):  # type: ignore[no-untyped-def]
    """Positions where ``table[codes]`` is 1, and where it is 2, in increasing order.

    For :class:`framing.text._segment._Bulk`: the terminal punctuation and the line breaks
    of a text. numpy needed the looked-up array, a comparison and two searches over the
    whole text; this counts in one loop and fills in a second.
    """
    n = codes.shape[0]
    n_one = 0
    n_two = 0
    for i in range(n):  # (branch-free: the compiler vectorises it)
        kind = table[codes[i]]
        n_one += kind == 1
        n_two += kind == 2
    one = np.empty(n_one, dtype=np.int64)
    two = np.empty(n_two, dtype=np.int64)
    a = 0
    b = 0
    for i in range(n):
        kind = table[codes[i]]
        if kind == 1:
            one[a] = i
            a += 1
        elif kind == 2:
            two[b] = i
            b += 1
    return one, two
