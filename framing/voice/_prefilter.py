"""Where a cue may start: the first words of the cue phrases, looked up in a text at once.

A cue regex tried at every character costs about a tenth of a microsecond per character. But
a cue can only start where a word starts, and with one of a few words (« selon », « de » in
« de source », « d » in « d'après » ...). :func:`_cue_keys` reads from the phrases which
runs of word characters (``\\w+``) a match may begin with, and often which run must come
next; :class:`_TextRuns` finds, in one compiled loop over the text, the word starts whose
runs fit (:func:`framing.voice._kernels.cue_candidates`). The regex is then tried
(``pattern.match``) at those positions only, in order, which finds the matches
``pattern.finditer`` finds: every position where the regex can match is a candidate (some
candidates are not matches; the regex rejects them).

A run is summed up by a hash of its first six characters, lowered (:func:`_lower_code`),
and its length; the hashes of the cue runs are marks in a table (a one-hash Bloom filter),
so that a collision only adds a position to try. A cue set with a phrase whose first word
gives no run (it starts with a non-word character, or a character whose case forms are
unusual) has no keys (None): its regex is then tried at every position, as ``finditer``
does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from framing.text._chars import bmp_lower
from framing.voice._chars import _BMP, _WORD_RE, _Codes, _lower_code, _table_of
from framing.voice._compile import (
    _APOS,
    _HYPHENS,
    _MACRO,
    _expand_first,
    _PhraseError,
    _trie_skip,
)

_CHARS = 6  # characters of a run that go into its hash
_MASK64 = (1 << 64) - 1
_MUL = 0x9E3779B97F4A7C15  # odd 64-bit multipliers of the hashes
_MIX = 0xC2B2AE3D27D4EB4F
_HYPHEN_TABLE = _table_of(_HYPHENS)
_WORD_APOS = "".join(c for c in _APOS if _WORD_RE.match(c))  # ʼ (U+02BC) is a letter
_LENGTHS = 32  # run lengths the screen tells apart (the last: this long or longer)
_SLOT_BITS = 20  # a table of 2**20 slots: with a few hundred keys, 1 run in 2,000 collides

# A form of a run: ("exact", hash over _CHARS characters padded with zeros, length) or
# ("prefix", hash over min(length, _CHARS) characters, length): runs at least that long.
_Form = tuple[str, int, int]


@dataclass(frozen=True)
class _CueKeys:
    """The marked table of a cue set's first runs (see the module docstring).

    ``table`` has ``2 ** _SLOT_BITS`` slots. A run is looked up by its exact form, by its
    prefix forms of the lengths in ``prefix_lengths``, and (exact) with the next run as a
    pair.
    """

    table: np.ndarray
    prefix_lengths: tuple[int, ...]
    pairs: bool
    screen: np.ndarray  # see _screen


def _screen(firsts: set[tuple[str, bool]]) -> np.ndarray:
    """Which (lowered first character, length) a run must have to be worth hashing.

    A bool table of ``_BMP * _LENGTHS`` slots, ``code * _LENGTHS + min(length,
    _LENGTHS - 1)``: a run can take one of the cue's first runs' forms only if its first
    character is a case variant of that run's first character, and its length is that
    run's (exact) or at least it (prefix). Runs whose first character is not in the Basic
    Multilingual Plane are always hashed.
    """
    screen = np.zeros(_BMP * _LENGTHS, dtype=bool)
    top = _LENGTHS - 1
    for run, exact in firsts:
        forms = _variants(run[0]) or {run[0]}
        for code in {_lower_code(c) for c in forms}:
            if code >= _BMP:
                continue
            lo = min(len(run), top)
            hi = lo if exact and len(run) < top else top
            screen[code * _LENGTHS + lo : code * _LENGTHS + hi + 1] = True
    return screen


@dataclass(frozen=True)
class _KeySets:
    """The key sets of a cue set as the compiled loop takes them (built once per cue set:
    the union screen alone is 2 MB, too much to build again for every document)."""

    sets: tuple[_CueKeys, ...]
    screen: np.ndarray  # the union of their screens, packed to bits (256 kB)
    bits: np.ndarray  # (sets, slots / 8): their tables, packed
    prefix_lengths: np.ndarray  # (sets, widest): their prefix lengths, -1 for none
    pairs: np.ndarray  # bool per set


def key_sets(*keys: _CueKeys | None) -> _KeySets | None:
    """The cue sets' keys for :class:`_TextRuns` (None if no set has keys)."""
    sets = tuple(k for k in keys if k is not None)
    if not sets:
        return None
    screen = sets[0].screen.copy()
    for other in sets[1:]:
        screen |= other.screen
    widest = max(1, *(len(k.prefix_lengths) for k in sets))
    prefix_lengths = np.full((len(sets), widest), -1, dtype=np.int64)
    for j, k in enumerate(sets):
        prefix_lengths[j, : len(k.prefix_lengths)] = k.prefix_lengths
    return _KeySets(
        sets,
        np.packbits(screen, bitorder="little"),
        np.stack([np.packbits(k.table, bitorder="little") for k in sets]),
        prefix_lengths,
        np.array([k.pairs for k in sets]),
    )


@functools.cache  # a few hundred characters, asked about tens of thousands of times
def _variants(ch: str) -> frozenset[str] | None:
    """Characters a cue's ``ch`` may match in the text (a superset), or None if unsure."""
    low, up = ch.lower(), ch.upper()
    if len(low) != 1:
        return None
    forms = {ch, low, up, low.upper(), low.lower(), up.lower()}
    return frozenset(c for c in forms if len(c) == 1)


@functools.cache
def _kind(ch: str) -> str:
    """``"word"`` if every variant of ``ch`` is a word character, ``"other"`` if none is."""
    forms = _variants(ch)
    if forms is None:
        return "unsure"
    flags = {_WORD_RE.match(c) is not None for c in forms}
    if flags == {True}:
        return "word"
    return "other" if flags == {False} else "unsure"


def _chunks(word: str) -> list[str | None]:
    """The word as ``_compile._word`` splits it: literal chunks, and None for each macro."""
    pieces: list[str | None] = []
    pos = 0
    for m in _MACRO.finditer(word):
        pieces += [word[pos : m.start()], None]
        pos = m.end()
    pieces.append(word[pos:])
    return pieces


def _runs(word: str, skip: int = 0) -> list[tuple[str, bool]] | None:
    """The runs of word characters a match of the cue word ``word`` begins with.

    ``skip``: the first characters are matched on their own (see :func:`_trie_skip`).
    Returns ``(chars, exact)`` pairs: the text's run is exactly ``chars`` (``exact``), or
    starts with them. None when the word may start otherwise (a non-word character first).
    The cases follow ``_compile._literal``: a "-" that must be there ends the run; another
    "-" may end it (space or hyphen) or not (nothing); so does "'", which matches ' ’ ‘
    but also ʼ, a word character; "*" and a macro leave the run open.
    """
    if any(_kind(ch) != "word" for ch in word[:skip]):
        return None
    partial = [word[:skip]]
    found: list[tuple[str, bool]] = []

    def done(exact: bool) -> list[tuple[str, bool]] | None:
        if "" in partial:
            return None
        return found + [(p, exact) for p in partial]

    pieces = _chunks(word[skip:])  # only the first is read: a macro ends the loop
    for k, chunk in enumerate(pieces):
        if chunk is None:
            return done(exact=False)
        at = skip if k == len(pieces) - 1 else 0  # the regex's rule (_compile._literal)
        for i, ch in enumerate(chunk):
            if ch in _APOS:  # ends the run, unless it is matched by a word character (ʼ)
                ended = done(exact=True)
                if ended is None or not _WORD_APOS:
                    return ended
                found = ended
                partial = [p + c for p in partial for c in _WORD_APOS]
                continue
            if ch in _HYPHENS and i == len(chunk) - 1 and at + i > 0:
                return done(exact=True)  # a "-" that must be there: « pseudo- », « ex- »
            if ch in _HYPHENS:  # a space or a hyphen ends the run; nothing continues it
                ended = done(exact=True)
                if ended is None:
                    return None
                found = ended
                continue
            if ch == "*":
                return done(exact=False)
            if ch in "{}":
                return None
            kind = _kind(ch)
            if kind == "word":
                partial = [p + ch for p in partial]
            elif kind == "other":
                return done(exact=True)
            else:
                return None
    # after a final ʼ the run goes on into the next word, which the phrase may glue to it
    return done(exact=not word.endswith(tuple(_APOS)))


def _forms(runs: list[tuple[str, bool]]) -> list[_Form] | None:
    """The runs as forms, one per combination of case variants of their first characters."""
    out = []
    for run, exact in runs:
        width = _CHARS if exact else min(len(run), _CHARS)
        values = {0}
        for i in range(width):
            if i < len(run):
                forms = _variants(run[i])
                if forms is None:
                    return None
                codes = {_lower_code(c) for c in forms}
            else:
                codes = {0}  # past the end of an exact run
            values = {(v * _MUL + c) & _MASK64 for v in values for c in codes}
        out += [("exact" if exact else "prefix", v, len(run)) for v in sorted(values)]
    return out


def _second_runs(
    first: str, rest: list[str], macro_phrases: dict[str, tuple[str, ...]], skip: int
) -> tuple[str, list[tuple[str, bool]]] | None:
    """A first run, and the runs that may follow it, when the first word makes that plain.

    That is when the first word is word characters, then nothing, an apostrophe or a
    hyphen (« d'après », « qu' », « pseudo- », « dit-il », « a-t-il »); the next run is
    then the first of what follows in the word, else of the next words. (With the
    apostrophe matched by ʼ, a word character, or a hyphen matched by nothing, the run goes
    on instead: :func:`_runs` gives that longer run, which is looked up alone.) ``skip``:
    as for :func:`_runs`.
    """
    if any(_kind(ch) != "word" for ch in first[:skip]):
        return None
    chunks = _chunks(first[skip:])
    head = chunks[0]
    if head is None:
        return None
    cut = None
    for i, ch in enumerate(head):
        if ch in _APOS or (ch in _HYPHENS and skip + i > 0):
            cut = skip + i
            break
        if _kind(ch) != "word":
            return None
    if cut is None:
        if len(chunks) > 1:  # a macro continues the run
            return None
        cut = len(first)
    if cut == 0:
        return None
    words = ([first[cut + 1 :]] if cut < len(first) - 1 else []) + rest
    if not words or words[0] == "..." or all(len(w) > 1 and w.endswith("?") for w in words):
        return None
    try:
        items = _expand_first(" ".join(words), macro_phrases)
    except _PhraseError:  # pragma: no cover - load_cues has checked every phrase
        return None
    runs: list[tuple[str, bool]] = []
    for item in items:
        found = _runs(item.split()[0])
        if found is None:
            return None
        runs += found
    return first[:cut], runs


_SPELLED_OUT_MAX = 1000  # first words a cue word may be spelled out into


def _spelled_out(word: str, macro_phrases: dict[str, tuple[str, ...]]) -> list[str]:
    """The first word with the macros inside it written out, when they are plain words.

    « dit-{pron} » gives « dit-il », « dit-elle » ...: the run « dit » can then be looked
    up with the run after it (« il ») instead of alone, and the glued run (« ditil », the
    hyphen matched by nothing) exactly instead of as every run that starts with « dit ».
    A macro whose phrases are not all single words without « ? » (« de nouveau »), and a
    word that would give more than ``_SPELLED_OUT_MAX`` forms, stay as they are (a macro
    then leaves the run open). ``word`` does not start with a macro (see
    ``_compile._expand_first``); the macro's phrases cannot hold macros.
    """
    out, todo = [], [word]
    while todo:
        w = todo.pop()
        m = _MACRO.search(w)
        if m is None:
            out.append(w)
            continue
        forms = [alt for p in macro_phrases.get(m.group(1), ()) for alt in p.split("|")]
        if not forms or any(not f or set(f) & set(" ?{}") for f in forms):
            return [word]
        todo += [w[: m.start()] + f + w[m.end() :] for f in forms]
        if len(out) + len(todo) > _SPELLED_OUT_MAX:
            return [word]
    return out


def _value(form: _Form, prefix_lengths: Sequence[int]) -> int:
    """What a form is looked up by: its hash, mixed with its length and kind."""
    kind, value, length = form
    tag = length if kind == "exact" else (1 << 32) + prefix_lengths.index(length)
    return ((value * _MIX) & _MASK64) ^ tag


def _slot(value: int) -> int:
    """The table slot of a hashed value (the top ``_SLOT_BITS`` bits of a product)."""
    return ((value * _MUL) & _MASK64) >> (64 - _SLOT_BITS)


def _pair_value(first: int, second: int) -> int:
    return ((first * _MUL) & _MASK64) ^ second


def _cue_keys(
    phrases: Sequence[str], macro_phrases: dict[str, tuple[str, ...]]
) -> _CueKeys | None:
    """Keys of the runs the cue phrases may begin with, or None if some phrase gives none."""
    alone: set[_Form] = set()
    pairs: set[tuple[_Form, _Form]] = set()
    firsts: set[tuple[str, bool]] = set()
    for phrase in phrases:
        for item in _expand_first(phrase, macro_phrases):
            words = item.split()
            skip = _trie_skip(words[0])  # as the regex's trie has it (see _compile)
            for first in _spelled_out(words[0], macro_phrases):
                runs = _runs(first, skip)
                if runs is None or _forms(runs) is None:
                    return None
                found = _second_runs(first, words[1:], macro_phrases, skip)
                second = None if found is None else _forms(found[1])
                if second is not None and any(f[0] != "exact" for f in second):
                    second = None
                firsts.update(runs)
                for run in runs:
                    forms = _forms([run]) or []
                    if second is not None and run == (found[0], True):
                        pairs.update((a, b) for a in forms for b in second)
                    else:
                        alone.update(forms)
    if not alone and not pairs:
        return None
    lengths = tuple(sorted({f[2] for f in alone if f[0] == "prefix"}))
    values = {_value(f, lengths) for f in alone}
    values |= {_pair_value(_value(a, lengths), _value(b, lengths)) for a, b in pairs}
    table = np.zeros(1 << _SLOT_BITS, dtype=bool)
    table[sorted({_slot(v) for v in values})] = True
    return _CueKeys(table, lengths, bool(pairs), _screen(firsts))


class _TextRuns:
    """Where the cues of some key sets may start in the regions of a text.

    Built once per document for the key sets of a cue set (attribution and distancing), in
    one compiled pass (:func:`framing.voice._kernels.cue_candidates`). ``codes`` must start
    two characters before the first region (or at the text start) and reach the last
    region's end; runs are cut at their region's end, as the regex sees them.
    """

    def __init__(
        self, codes: _Codes, reg_s: np.ndarray, reg_e: np.ndarray, keys: _KeySets | None
    ) -> None:
        from framing.voice import _kernels  # compiled loops: imports numba

        self._sets = () if keys is None else keys.sets
        if keys is None:
            self._found = (np.zeros(0, np.int64),) * 3
            return
        off = codes.offset
        args = (
            codes.cp,
            codes.word,
            bmp_lower(),
            _HYPHEN_TABLE,
            *codes.astral_lower(),
            reg_s - off,
            reg_e - off,
            keys.screen,
            _LENGTHS,
            keys.bits,
            keys.prefix_lengths,
            keys.pairs,
            _CHARS,
            _SLOT_BITS,
        )
        # About one run in 100 is a candidate in French prose: room for 1 in 64 characters,
        # and more room for the regions not yet scanned whenever that is not enough.
        parts = []
        size = max(int((reg_e - reg_s).sum()) // 64, 1024)
        region = 0
        while region < len(reg_s):
            out = np.empty((3, size), dtype=np.int64)
            n, region = _kernels.cue_candidates(*args, region, *out)
            parts.append(out[:, :n])
            size *= 2
        starts, regions, sets = np.concatenate(parts, axis=1)
        self._found = (starts + off, reg_e[regions], sets)

    def candidates(self, keys: _CueKeys) -> tuple[np.ndarray, np.ndarray]:
        """Positions where a cue of ``keys`` (one of the key sets) may start (sorted), and
        their region's end."""
        j = next(j for j, k in enumerate(self._sets) if k is keys)
        starts, limits, sets = self._found
        chosen = np.flatnonzero((sets >> j) & 1)
        return starts[chosen], limits[chosen]
