# Pre-optimisation reference of framing/voice/_compile.py (commit e13c5ba), kept to pin
# behaviour: tests/test_voice_speedup.py checks the optimised voice code against it.
# Verbatim except this header and the imports, which point into this package.
"""Cue phrases -> regular expressions.

A phrase is words separated by spaces (any run of whitespace, no-break spaces and line breaks
in the text). In a word: "a|b" alternatives, "{name}" a macro, a trailing "*" any word
ending; "'" matches ' ’ ʼ ‘; "-" matches a hyphen, a space or nothing. A word "x?" is
optional, "..." stands for one to four words. Matching ignores case, with word boundaries
(a cue never matches inside a word, nor after or before a hyphen: "disant" is not found in
"soi-disant").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from framing._errors import suggest
from framing.text._chars import WORD_HYPHENS
from framing.voice._compile import _alternatives


class _PhraseError(Exception):
    pass


# The apostrophes a cue's "'" matches: a subset of framing.text.APOSTROPHES (which also
# holds ′ ` ´ ‛ ＇), kept as it was; cues match the original text, not a normalised copy.
_APOS = "'’ʼ‘"
_HYPHENS = WORD_HYPHENS  # - ‐ ‑
_HYPH = "".join(map(re.escape, WORD_HYPHENS))  # for use inside [...]
_SEP = rf"(?:(?<=[{_APOS}{_HYPH}])\s*|\s+)"
_GAP = r"(?:[^\s.!?…;:,]+\s+){1,4}"
_LEFT = rf"(?<!\w)(?<!\w[{_HYPH}])"
_RIGHT = rf"(?:(?<=[{_APOS}{_HYPH}])|(?!\w)(?![{_HYPH}]\w))"
_MACRO = re.compile(r"\{([^{}]*)\}")
_TRIE_DEPTH = 4


def _alternation(bodies: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(bodies, key=lambda b: -len(b))) + ")"


def _case(ch: str) -> str:
    low, up = ch.lower(), ch.upper()
    if len(low) == 1 and len(up) == 1 and low != up:
        return f"[{low}{up}]"
    return re.escape(ch)


def _literal(chunk: str, *, offset: int = 0, last: bool = True) -> str:
    # ``offset``: where the chunk starts in its word (the trie matches the first letters of
    # a phrase's first word on its own); ``last``: no macro follows the chunk. A "-" that
    # ends the word ("pseudo-", "ex-") is a prefix's hyphen and must be there, however short
    # the word. Before a macro the trie still decides (« dit-{pron} » also matches « dit
    # elle », as 19th-century typography writes it; « ajoute-t-{pron} » needs its hyphen):
    # see the cue README.
    # Case-insensitive by character classes rather than re.IGNORECASE: the regex engine
    # rejects an alternative at once when its first item is a plain character class.
    out = []
    for i, ch in enumerate(chunk):
        if ch in _APOS:
            out.append(f"[{_APOS}]")
        elif ch in _HYPHENS and i == len(chunk) - 1 and (offset if last else 0) + i > 0:
            out.append(f"[{_HYPH}]")  # "pseudo-": a prefix, joined by a hyphen
        elif ch in _HYPHENS:
            out.append(rf"(?:\s*[{_HYPH}]\s*|\s+)?")
        elif ch == "*":
            if i != len(chunk) - 1 or i == 0:
                raise _PhraseError("'*' may only end a word")
            out.append(r"\w*")
        elif ch in "{}":
            raise _PhraseError("unbalanced '{' or '}' (macros are written {name})")
        else:
            out.append(_case(ch))
    return "".join(out)


def _word(word: str, macros: dict[str, str], in_macro: bool, offset: int = 0) -> str:
    alternatives = []
    for alt in word.split("|"):
        if not alt:
            raise _PhraseError("empty alternative around '|'")
        parts, pos = [], 0
        for m in _MACRO.finditer(alt):
            parts.append(_literal(alt[pos : m.start()], offset=offset + pos, last=False))
            name = m.group(1)
            if in_macro:
                raise _PhraseError("a macro's phrases cannot use macros")
            if name not in macros:
                raise _PhraseError(
                    f"undefined macro {{{name}}}.{suggest(name, macros)} Define it under 'macros:'"
                )
            parts.append(macros[name])
            pos = m.end()
        parts.append(_literal(alt[pos:], offset=offset + pos))
        alternatives.append("".join(parts))
    return alternatives[0] if len(alternatives) == 1 else _alternation(alternatives)


def _phrase_body(
    phrase: str, macros: dict[str, str], *, in_macro: bool = False, skip: int = 0
) -> str:
    words = phrase.split()
    if not words or all(w == "..." or (len(w) > 1 and w.endswith("?")) for w in words):
        raise _PhraseError("a phrase needs at least one required word")
    out, need_sep = "", False
    for i, word in enumerate(words):
        if word == "...":
            if in_macro or i in (0, len(words) - 1) or words[i - 1] == "...":
                raise _PhraseError("'...' must stand between two words (not in macros)")
            out += _SEP + _GAP
            need_sep = False
            continue
        optional = len(word) > 1 and word.endswith("?")
        word = word[:-1] if optional else word
        if i == 0 and skip:  # the first characters are matched by _trie
            rx = _word(word[skip:], macros, in_macro, offset=skip)
        else:
            rx = _word(word, macros, in_macro)
        if not optional:
            out += (_SEP if need_sep else "") + rx
            need_sep = True
        elif need_sep:
            out += f"(?:{_SEP}{rx})?"
        else:
            out += f"(?:{rx}{_SEP})?"
    return out


def _expand_first(phrase: str, macros: dict[str, tuple[str, ...]]) -> list[str]:
    """The phrase as phrases whose first word is required and starts with a plain character."""
    words = phrase.split()
    first, rest = words[0], words[1:]
    out: list[str] = []
    if len(first) > 1 and first.endswith("?"):
        first = first[:-1]
        if rest:
            out += _expand_first(" ".join(rest), macros)
    for alt in first.split("|"):
        m = _MACRO.match(alt)
        if m is None:
            out.append(" ".join([alt, *rest]))
            continue
        if m.group(1) not in macros:
            raise _PhraseError(f"undefined macro {{{m.group(1)}}}.{suggest(m.group(1), macros)}")
        for item in macros[m.group(1)]:  # the package's fix (see __init__): _glued
            for form in _glued(item, alt[m.end() :]):
                out += _expand_first(" ".join([form, *rest]), {})
    return out


def _glued(item: str, suffix: str) -> list[str]:
    if not suffix:
        return [item]
    words = item.split()
    last = words[-1]
    optional = len(last) > 1 and last.endswith("?")
    last = last[:-1] if optional else last
    out = [" ".join([*words[:-1], alt + suffix]) for alt in last.split("|")]
    if optional and len(words) > 1:
        out += _glued(" ".join(words[:-1]), suffix)
    return out


def _cue_pattern(
    phrases: Sequence[str], macro_phrases: dict[str, tuple[str, ...]], macros: dict[str, str]
) -> tuple[re.Pattern[str] | None, list[int]]:
    """One regex for many cue phrases, and which phrase each capturing group stands for.

    The alternatives form a trie on their first letters, so that at each word start the
    engine only tries the phrases that can begin there.
    """
    # The package's alternatives (second deliberate change, see __init__): a phrase whose
    # first word is a macro and which goes on is one alternative, not expanded into the trie.
    items = _alternatives(phrases, macro_phrases)
    if not items:
        return None, []
    body, owners = _trie(items, macros, 0)
    return re.compile(_LEFT + body), owners


def _trie(items: list[tuple[str, int]], macros: dict[str, str], depth: int) -> tuple[str, list]:
    children: dict[str, list[tuple[str, int]]] = {}
    leaves = []
    for text, index in items:
        word = text.split()[0]
        if depth < _TRIE_DEPTH and depth < len(word) - 1 and word[depth].isalnum():
            children.setdefault(word[depth].lower(), []).append((text, index))
        else:
            leaves.append((_phrase_body(text, macros, skip=depth) + _RIGHT, index))
    parts, owners = [], []
    for char, group in children.items():
        inner, inner_owners = _trie(group, macros, depth + 1)
        parts.append(_case(char) + inner)
        owners += inner_owners
    for rest, index in sorted(leaves, key=lambda leaf: -len(leaf[0])):
        parts.append(f"({rest})")
        owners.append(index)
    return "(?:" + "|".join(parts) + ")", owners
