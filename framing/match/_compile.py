"""From lexicon entries to Aho–Corasick automata: normalised keys, compound forms, globs.

Every pattern to look for (an entry, or an anchor of a proximity constraint) is a *target*.
Its words are normalised with :func:`framing.text.normalize_term` under its own options,
expanded into surface *forms* (compounds: hyphen / space / nothing), and each form becomes
one automaton key — its literal text up to the first glob — plus, when the form has a glob
or words after the first glob, an anchored *tail* regex run at the key's end. Targets are
grouped by normalisation configuration ``(case_sensitive, fold_accents)``: one automaton,
and one normalisation of each text, per configuration.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick_rs
import numpy as np

from framing.match._boundaries import Boundaries, Prefixes, boundaries, is_word_char, load_prefixes
from framing.match._dfa import DfaTables, build_tables
from framing.text import normalize_term

#: Hyphens in one entry word up to which every hyphen / space / nothing mix is generated;
#: beyond, only the three uniform spellings.
_MAX_MIXED_HYPHENS = 4
_SEPARATORS = ("-", " ", "")

Config = tuple[bool, bool]  # (case_sensitive, fold_accents)


@dataclass(frozen=True)
class Item:
    """One pattern to compile: a target id, its words and globs, and its options."""

    target: int
    words: tuple[str, ...]
    globs: tuple[bool, ...]
    case_sensitive: bool
    fold_accents: bool
    compounds: bool
    parts: bool


@dataclass
class ConfigPlan:
    """The automaton of one normalisation configuration and its forms (parallel lists)."""

    config: Config
    automaton: Automaton | None = None
    target: list[int] = field(default_factory=list)
    key_len: list[int] = field(default_factory=list)
    left: list[bool] = field(default_factory=list)  # check the left boundary
    right: list[bool] = field(default_factory=list)  # check the right boundary
    parts: list[bool] = field(default_factory=list)
    tail: list[re.Pattern[str] | None] = field(default_factory=list)
    glob_only: list[bool] = field(default_factory=list)  # the tail is the glob body alone
    keys: dict[str, list[int]] = field(default_factory=dict)
    seen: set[tuple] = field(default_factory=set)
    arrays: FormArrays | None = None  # set by build_plan once every form is added

    @property
    def n_forms(self) -> int:
        return len(self.target)


#: Up to this many keys the automaton is a DFA (fastest; its memory grows with the keys).
_DFA_MAX_KEYS = 50_000
_EMPTY_HITS = np.zeros((0, 3), dtype=np.int64)


class Automaton:
    """An Aho–Corasick automaton over the keys, reporting every occurrence (overlaps too).

    Two routes, same hits: :meth:`find` through ``ahocorasick_rs`` (the Rust
    ``aho-corasick`` crate: its DFA scans French text about three times as fast as
    ``pyahocorasick``), and, once the compiled loops are on, :meth:`find_codes` through a
    transition table scanned in a compiled loop (:mod:`framing.match._dfa`: three times as
    fast again, on the code points the matcher already has). Picklable: a copy is rebuilt
    from the keys.
    """

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys
        impl = ahocorasick_rs.Implementation.DFA if len(keys) <= _DFA_MAX_KEYS else None
        self._ac = ahocorasick_rs.AhoCorasick(keys, implementation=impl)
        self._tables: DfaTables | bool | None = False  # False: not built yet

    def __getstate__(self) -> tuple[str, ...]:
        return self.keys

    def __setstate__(self, keys: tuple[str, ...]) -> None:
        self.__init__(keys)

    def find(self, text: str) -> np.ndarray:
        """``(key, start, end)`` of every occurrence of every key, as an (n, 3) int64 array.

        Offsets are character offsets of ``text``. A lone surrogate (text decoded with
        ``surrogateescape``) cannot reach the automaton, which reads UTF-8; it is searched
        as U+FFFD, one character for one, so offsets are unchanged and no key matches it.
        """
        try:
            found = self._ac.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            clean = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            found = self._ac.find_matches_as_indexes(clean, overlapping=True)
        if not found:
            return _EMPTY_HITS
        flat = itertools.chain.from_iterable(found)  # 2-3x faster than np.array(found)
        return np.fromiter(flat, dtype=np.int64, count=3 * len(found)).reshape(-1, 3)

    def find_codes(self, codes: np.ndarray) -> np.ndarray | None:
        """:meth:`find` on a text's code points (:func:`framing.text._chars.code_points`),
        through the compiled transition table; the same rows, maybe in another order.

        None when the table would be too large (:data:`framing.match._dfa.MAX_CELLS`):
        then :meth:`find` is the route. Imports numba: call it once the compiled loops are
        on (:func:`framing._jit.enabled`).
        """
        if self._tables is False:
            self._tables = build_tables(self.keys)
        tables = self._tables
        if tables is None:
            return None
        from framing.match._kernels import dfa_hits  # imports numba

        rows = len(codes) // 32 + 64  # (the benchmark finds a hit in 67 characters)
        for _ in range(2):
            out = np.empty((rows, 3), dtype=np.int64)
            count = dfa_hits(
                codes,
                tables.classes,
                tables.trans,
                tables.n_classes,
                tables.first,
                tables.head,
                tables.link,
                tables.term,
                tables.key_len,
                out,
            )
            if count <= rows:
                return out[:count]
            rows = count
        raise AssertionError("dfa_hits() found more hits on a second scan")  # pragma: no cover


@dataclass(frozen=True)
class FormArrays:
    """The forms of a :class:`ConfigPlan` as arrays, for vectorised boundary checks.

    The automaton's value for a key is the key's index ``k``; its forms are
    ``forms[ptr[k]:ptr[k + 1]]``.
    """

    ptr: np.ndarray  # int64, len(keys) + 1
    forms: np.ndarray  # int64, form ids grouped by key
    target: np.ndarray  # int64 per form
    key_len: np.ndarray  # int64 per form
    left: np.ndarray  # bool per form
    right: np.ndarray  # bool per form
    parts: np.ndarray  # bool per form
    tailed: np.ndarray  # bool per form: a glob tail to match after the key
    glob_only: np.ndarray  # bool per form: the tail is one glob, no words after it


def _form_arrays(plan: ConfigPlan) -> FormArrays:
    sizes = [len(ids) for ids in plan.keys.values()]
    ptr = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=ptr[1:])
    forms = [f for ids in plan.keys.values() for f in ids]
    return FormArrays(
        ptr,
        np.asarray(forms, dtype=np.int64),
        np.asarray(plan.target, dtype=np.int64),
        np.asarray(plan.key_len, dtype=np.int64),
        np.asarray(plan.left, dtype=bool),
        np.asarray(plan.right, dtype=bool),
        np.asarray(plan.parts, dtype=bool),
        np.asarray([t is not None for t in plan.tail], dtype=bool),
        np.asarray(plan.glob_only, dtype=bool),
    )


@dataclass
class Plan:
    """Everything needed to scan texts: one :class:`ConfigPlan` per configuration."""

    language: str
    bounds: Boundaries
    configs: dict[Config, ConfigPlan]

    @property
    def n_forms(self) -> int:
        return sum(c.n_forms for c in self.configs.values())


def word_variants(word: str, compounds: bool, prefixes: Prefixes) -> list[str]:
    """Spellings of one normalised entry word (spaces may split it into several words).

    With ``compounds``, each hyphen may also be a space or nothing, and a joined word that
    starts with a known prefix gets a hyphen or a space after it:
    ``haut-karabakh`` -> ``haut-karabakh``, ``haut karabakh``, ``hautkarabakh``;
    ``antiterroris`` -> ``antiterroris``, ``anti-terroris``, ``anti terroris``.
    """
    if not compounds:
        return [word]
    pieces = word.split("-")
    if not all(pieces):  # a stray hyphen at an end or a double hyphen: keep as written
        return [word]
    joints: list[tuple[str, ...]] = []
    prefix = prefixes.split(pieces[0])
    if prefix is not None:
        pieces = [prefix, pieces[0][len(prefix) :], *pieces[1:]]
        joints.append(("", "-", " "))  # the joined form as written comes first
    joints.extend(_SEPARATORS for _ in range(len(pieces) - 1 - len(joints)))
    if not joints:
        return [word]
    if len(joints) > _MAX_MIXED_HYPHENS:
        combos: Iterable[tuple[str, ...]] = [(s,) * len(joints) for s in _SEPARATORS]
    else:
        combos = itertools.product(*joints)
    out: list[str] = []
    for combo in combos:
        spelled = pieces[0] + "".join(
            sep + piece for sep, piece in zip(combo, pieces[1:], strict=True)
        )
        if spelled not in out:
            out.append(spelled)
    return out


def _forms(item: Item, prefixes: Prefixes) -> list[tuple[tuple[str, ...], tuple[bool, ...]]]:
    """The surface forms of an item: (sub-words, globs), normalised and compound-expanded."""
    per_word: list[list[tuple[list[str], bool]]] = []
    for word, glob in zip(item.words, item.globs, strict=True):
        norm = normalize_term(
            word, fold_accents=item.fold_accents, case_sensitive=item.case_sensitive
        )
        if not norm:
            continue
        variants = word_variants(norm, item.compounds, prefixes)
        per_word.append([(v.split(" "), glob) for v in variants])
    if not per_word:
        return []
    forms = []
    for choice in itertools.product(*per_word):
        words: list[str] = []
        globs: list[bool] = []
        for sub, glob in choice:
            words.extend(sub)
            globs.extend([False] * (len(sub) - 1) + [glob])
        forms.append((tuple(words), tuple(globs)))
    return forms


def _add_form(
    plan: ConfigPlan,
    target: int,
    words: Sequence[str],
    globs: Sequence[bool],
    parts: bool,
    bounds: Boundaries,
    tails: dict[str, re.Pattern[str]],
) -> None:
    first_glob = next((i for i, g in enumerate(globs) if g), len(words) - 1)
    key = " ".join(words[: first_glob + 1])
    tail = ""
    for i in range(first_glob, len(words)):
        if i > first_glob:
            tail += " " + re.escape(words[i])
        if globs[i]:
            tail += bounds.glob(parts).pattern
    signature = (target, key, tail, parts)
    if signature in plan.seen:
        return
    plan.seen.add(signature)
    if tail and tail not in tails:
        tails[tail] = re.compile(tail)
    last = words[-1]
    plan.keys.setdefault(key, []).append(plan.n_forms)
    plan.target.append(target)
    plan.key_len.append(len(key))
    plan.left.append(is_word_char(key[0]))
    plan.right.append(not globs[-1] and is_word_char(last[-1]))
    plan.parts.append(parts)
    plan.tail.append(tails[tail] if tail else None)
    plan.glob_only.append(first_glob == len(words) - 1 and globs[-1])


def build_plan(items: Iterable[Item], language: str) -> Plan:
    """Compile items into one automaton per normalisation configuration.

    Parameters
    ----------
    items : iterable of Item
    language : {"fr", "en"}
        Selects the boundary rules (elision, possessives) and the compound prefixes.

    Returns
    -------
    Plan
    """
    bounds = boundaries(language)
    prefixes = load_prefixes(language)
    configs: dict[Config, ConfigPlan] = {}
    tails: dict[str, re.Pattern[str]] = {}
    for item in items:
        config = (item.case_sensitive, item.fold_accents)
        plan = configs.setdefault(config, ConfigPlan(config))
        for words, globs in _forms(item, prefixes):
            _add_form(plan, item.target, words, globs, item.parts, bounds, tails)
    for plan in configs.values():
        if plan.keys:
            plan.automaton = Automaton(tuple(plan.keys))
        plan.arrays = _form_arrays(plan)
        plan.seen.clear()
    return Plan(language, bounds, configs)
