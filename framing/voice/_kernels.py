"""Compiled loops of the voice scans (see :mod:`framing._jit`).

- :func:`cue_candidates` (:mod:`framing.voice._prefilter`): the runs of word characters that
  start in the regions, and among them the runs where a cue of each key set may start. The
  numpy formulation needed a dozen passes over every character or run (flags, transitions,
  six hash columns, lookups); this loop reads each character once and looks each run up in
  every key set at once.
- :func:`quote_pairs` (:mod:`framing.voice._quotes`): which quotation marks open or close a
  quote, and the quotes they make, in one pass over the marks (numpy array passes, then a
  Python loop over the marks, before).
- :func:`code_flags` (:class:`framing.voice._chars._Codes`): the code points of a stretch
  with their flags, in one pass (six numpy passes before).

Offsets are indices into the code point arrays of :class:`framing.voice._chars._Codes`
(padded with two zeros at the end).
"""

from __future__ import annotations

import numpy as np

from framing._jit import jit
from framing.voice import _prefilter

_MUL = np.uint64(_prefilter._MUL)  # the hashes of framing.voice._prefilter
_MIX = np.uint64(_prefilter._MIX)


@jit
def _marked(bits, j, value, shift):  # type: ignore[no-untyped-def]
    """Whether the slot of a hashed value is marked in bit table ``j`` of ``bits`` (packed,
    little-endian bit order)."""
    slot = (value * _MUL) >> shift
    return (bits[j, slot >> np.uint64(3)] >> (slot & np.uint64(7))) & 1 == 1


@jit
def cue_candidates(  # type: ignore[no-untyped-def]
    cp,
    word,
    lower,
    hyphen,
    astral_at,
    astral_lower,
    reg_s,
    reg_e,
    screen,
    n_lengths,
    bits,
    prefix_lengths,
    pairs,
    n_chars,
    slot_bits,
    first_region,
    out_start,
    out_region,
    out_sets,
):
    """Starts of the runs where a cue of each key set may start, and the key sets.

    Runs of word characters start where the flag turns on inside a region (a run begun
    before the region does not count) and are cut at the region's end. A run is a candidate
    of key set ``j`` when its (lowered first character, length) is marked in ``screen`` (a
    bit table, packed as ``bits``), it has no word character plus hyphen just before it,
    and ``bits[j]`` marks its exact form, one of its prefix forms (lengths
    ``prefix_lengths[j]``, -1 for none) or, with ``pairs[j]``, its exact form with the next
    run's in the same region. (The hash is written out in the loop, and the tables indexed
    as ``bits[j, i]``: a helper taking arrays, or a row ``bits[j]`` made per lookup, cost
    the loop 10-20 %.)

    The regions from ``first_region`` on are scanned; each candidate's start (a code point
    index), region and key sets (bit ``j`` for set ``j``) are written to ``out_start``,
    ``out_region``, ``out_sets``, in order. Returns ``(n, next_region)``: how many were
    written and, when the arrays filled up, the region to go on from (its candidates are
    not among the ``n``), else the number of regions. (The arrays are the caller's: arrays
    grown inside the loop would cost it about a third of its speed.)
    """
    shift = np.uint64(64 - slot_bits)
    n_sets = bits.shape[0]
    bmp = lower.shape[0]
    widths = np.zeros(n_chars, dtype=np.uint64)
    size = out_start.shape[0]
    n_out = 0
    for r in range(first_region, reg_s.shape[0]):
        region_out = n_out
        s, e = reg_s[r], reg_e[r]
        if s > 0:
            while s < e and word[s - 1] and word[s]:  # inside a run begun before the region
                s += 1
        # The previous run of the region when it is a candidate so far: its start (-1:
        # none), its exact hash and the key sets found for it; its pairs are still to see.
        pending = -1
        pending_hash = np.uint64(0)
        pending_sets = 0
        prev_ok = False
        i = s
        while True:
            while i < e and not word[i]:
                i += 1
            start = i
            while i < e and word[i]:
                i += 1
            length = i - start  # 0: the region's end
            ok = False
            if length:
                first = cp[start]
                low = (
                    lower[first]
                    if first < bmp
                    else astral_lower[np.searchsorted(astral_at, start)]
                )
                slot = low * n_lengths + min(length, n_lengths - 1)
                ok = low >= bmp or (screen[slot >> 3] >> (slot & 7)) & 1 == 1
            exact = np.uint64(0)
            if length and (ok or prev_ok):  # the hashes of the run's first characters
                value = np.uint64(0)
                for w in range(n_chars):
                    code = np.uint64(0)
                    if length > w:
                        c = cp[start + w]
                        if c < bmp:
                            code = np.uint64(lower[c])
                        else:  # beyond the BMP: the lowered code point was looked up before
                            code = np.uint64(astral_lower[np.searchsorted(astral_at, start + w)])
                    value = value * _MUL + code
                    widths[w] = value
                exact = (value * _MIX) ^ np.uint64(length)
            if pending >= 0:  # its pair with this run; then it is settled
                if length:
                    for j in range(n_sets):
                        if (
                            pairs[j]
                            and not (pending_sets >> j) & 1
                            and _marked(bits, j, (pending_hash * _MUL) ^ exact, shift)
                        ):
                            pending_sets |= 1 << j
                if pending_sets:
                    if n_out == size:
                        return region_out, r
                    out_start[n_out] = pending
                    out_region[n_out] = r
                    out_sets[n_out] = pending_sets
                    n_out += 1
                pending = -1
            if not length:
                break
            prev_ok = ok
            if ok and not (
                start >= 2 and hyphen[min(cp[start - 1], hyphen.shape[0] - 1)] and word[start - 2]
            ):
                pending, pending_hash, pending_sets = start, exact, 0
                for j in range(n_sets):
                    if _marked(bits, j, exact, shift):
                        pending_sets |= 1 << j
                        continue
                    for k in range(prefix_lengths.shape[1]):
                        min_length = prefix_lengths[j, k]
                        if 0 <= min_length <= length:
                            value = widths[min(min_length, n_chars) - 1] * _MIX
                            if _marked(bits, j, value ^ np.uint64((1 << 32) + k), shift):
                                pending_sets |= 1 << j
                                break
    return n_out, reg_s.shape[0]


@jit
def _emit(cp, offset, space, start, end, mark, out_start, out_end, out_mark, n_out):  # type: ignore[no-untyped-def]
    """Write a quote without the spaces at its ends, if anything is left; the new count."""
    top = space.shape[0] - 1
    while start < end and space[min(cp[start - offset], top)]:
        start += 1
    while end > start and space[min(cp[end - 1 - offset], top)]:
        end -= 1
    if start == end:
        return n_out
    out_start[n_out] = start
    out_end[n_out] = end
    out_mark[n_out] = mark
    return n_out + 1


@jit
def _close(cp, offset, space, stack, close_at, depth, end, paired, out, n_out):  # type: ignore[no-untyped-def]
    """Close the quotes open from stack index ``close_at`` up at ``end``: a double quote
    always, a single one only when ``paired`` with its own closing mark (the first one);
    write them out (:func:`_emit`). Returns the new count."""
    stack_mark, stack_start, stack_single = stack
    for i in range(close_at, depth):
        if not stack_single[i] or (paired and i == close_at):
            n_out = _emit(cp, offset, space, stack_start[i], end, stack_mark[i], *out, n_out)
    return n_out


@jit
def quote_pairs(  # type: ignore[no-untyped-def]
    cp,
    word,
    at,
    offset,
    para_s,
    para_e,
    keep,
    text_bound,
    double,
    single_open,
    single_close,
    before_close,
    not_after_close,
    opener,
    closes,
    space,
):
    """The quotes made by the quotation marks at ``at``, as :func:`_quotes._pair` makes them,
    trimmed as :func:`_quotes._trimmed` trims them.

    ``at`` are the (sorted) indices of the characters that may be marks; those outside the
    paragraphs marked in ``keep`` are skipped. A double mark (``double``) closes the
    innermost open quote whose opening mark is in its ``closes`` bit mask (bits of
    ``opener`` ids), else opens one if it is an opener (``opener`` >= 0). A single mark
    opens a quote after a non-word character and before a word character
    (``single_open``), closes one after a word character or a ``before_close`` character
    when no word character or opener follows (``single_close``); the next character is
    read up to ``text_bound`` if it is >= 0, else up to the mark's paragraph end. Quotes
    left open close at their paragraph's end (single ones are dropped then).

    Returns ``(starts, ends, marks)``: the quote contents (text offsets) without the
    characters of ``space`` at either end, empty ones left out, and the code point of each
    opening mark, in the order :func:`_quotes._pair` finds them.
    """
    n_marks = at.shape[0]
    bmp = double.shape[0]
    # the stack of open quotes: opening mark, content start, single quote?
    stack_mark = np.empty(n_marks, dtype=np.int64)
    stack_start = np.empty(n_marks, dtype=np.int64)
    stack_single = np.empty(n_marks, dtype=np.bool_)
    depth = 0
    out_start = np.empty(n_marks, dtype=np.int64)
    out_end = np.empty(n_marks, dtype=np.int64)
    out_mark = np.empty(n_marks, dtype=np.int64)
    n_out = 0
    para_end = -1
    k = -1  # the paragraph of the current mark
    for m in range(n_marks):
        a = at[m]
        pos = a + offset
        while k + 1 < para_s.shape[0] and para_s[k + 1] <= pos:
            k += 1
        if k < 0 or pos >= para_e[k] or not keep[k]:
            continue
        ch = cp[a]
        has_prev = pos > 0
        before = min(cp[a - 1], bmp - 1) if has_prev else 0
        prev_word = has_prev and word[a - 1]
        bound = text_bound if text_bound >= 0 else para_e[k]
        has_next = pos + 1 < bound
        next_word = has_next and word[a + 1]
        next_open = has_next and not_after_close[min(cp[a + 1], bmp - 1)]
        is_double = double[ch]
        opens = not is_double and single_open[ch] and not prev_word and next_word
        closes_single = (
            not (is_double or opens)
            and single_close[ch]
            and (prev_word or (has_prev and before_close[before]))
            and not (next_word or next_open)
        )
        if not (is_double or opens or closes_single):
            continue
        stack = (stack_mark, stack_start, stack_single)
        out = (out_start, out_end, out_mark)
        if para_e[k] != para_end:  # a new paragraph: quotes left open close at the last end
            n_out = _close(cp, offset, space, stack, 0, depth, para_end, False, out, n_out)
            depth = 0
            para_end = para_e[k]
        close_at = -1  # close the quotes from this stack index on
        if not is_double:
            if not opens and depth and stack_single[depth - 1]:  # a closing single mark
                close_at = depth - 1
        else:
            for i in range(depth - 1, -1, -1):
                j = opener[stack_mark[i]] if stack_mark[i] < bmp else -1
                if j >= 0 and (closes[ch] >> j) & 1:
                    close_at = i
                    break
        if opens or (is_double and close_at < 0 and opener[ch] >= 0):
            stack_mark[depth] = ch
            stack_start[depth] = pos + 1
            stack_single[depth] = opens
            depth += 1
        elif close_at >= 0:
            n_out = _close(cp, offset, space, stack, close_at, depth, pos, True, out, n_out)
            depth = close_at
    stack = (stack_mark, stack_start, stack_single)
    out = (out_start, out_end, out_mark)
    n_out = _close(cp, offset, space, stack, 0, depth, para_end, False, out, n_out)
    return out_start[:n_out], out_end[:n_out], out_mark[:n_out]


@jit
def words_in_spans(cp, word, joiner, offset, starts, ends, most):  # type: ignore[no-untyped-def]
    """Words in each span ``[starts[k], ends[k])`` (text offsets), counted up to ``most``.

    A word is what ``\\w+(?:[joiners]\\w+)*`` matches, searched from the span's start to
    its end as ``finditer`` does (a word cut by the span's start or end counts): runs of
    word characters, and ``joiner`` characters between two of them.
    """
    top = joiner.shape[0] - 1
    out = np.zeros(starts.shape[0], dtype=np.int64)
    for k in range(starts.shape[0]):
        i, e = starts[k] - offset, ends[k] - offset
        count = 0
        while count < most:
            while i < e and not word[i]:
                i += 1
            if i >= e:
                break
            count += 1
            while i < e and word[i]:
                i += 1
            while i + 1 < e and joiner[min(cp[i], top)] and word[i + 1]:
                i += 1
                while i < e and word[i]:
                    i += 1
        out[k] = count
    return out


@jit
def code_flags(src, classes_table, word_bit):  # type: ignore[no-untyped-def]
    """``src`` padded with two zeros, each character's class (``classes_table``; U+FFFF's
    beyond the BMP), its word flag (``word_bit`` of the class), and how many characters lie
    beyond the BMP (their word flags are the caller's to fix)."""
    n = src.shape[0]
    cp = np.zeros(n + 2, dtype=np.uint32)
    classes = np.zeros(n + 2, dtype=np.uint8)
    word = np.zeros(n + 2, dtype=np.bool_)
    top = classes_table.shape[0] - 1
    astral = 0
    for i in range(n):
        c = src[i]
        cp[i] = c
        k = classes_table[min(c, top)]
        classes[i] = k
        word[i] = (k & word_bit) != 0
        astral += c > top
    return cp, classes, word, astral
