"""Voice: does a hit stand in the author's own voice, inside a quotation, or in reported speech?

For every hit (a character span ``[start, end)`` of the original text) :func:`assign_voice`
decides, in this order:

1. ``quoted`` — some character of the hit lies inside paired quotation marks;
2. ``attributed`` — else its sentence carries an attribution cue (« selon », « a déclaré »,
   « a-t-il ajouté », "said", "according to" ...), reported speech included
   (« Aliyev a souligné que l'armée ne visait pas les civils »);
3. ``author`` — else.

Independently of the voice, a hit is ``distanced`` when a distancing cue (« soi-disant »,
« prétendu », « qualifié de », "so-called" ...) stands just before it (or just after it, for
cues declared so), or when it sits in a short scare quote (« Il le qualifie
d'« antiterroriste » »). The ``cue`` column names the trigger: the cue's label from the cue
file, else ``"scare quotes"``.

Cue lists are versioned YAML data files per language (``framing/resources/cues/``); see
:func:`load_cues`, and the README in that folder for their syntax.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from framing._errors import FramingError, suggest
from framing._resources import RESOURCES_DIR

__all__ = [
    "SCARE_QUOTES",
    "VOICES",
    "CueError",
    "Cues",
    "DistancingCue",
    "assign_voice",
    "list_cue_languages",
    "load_cues",
    "match_cues",
    "quote_spans",
]

VOICES = ("author", "quoted", "attributed")
"""The categories of the ``voice`` column, in this order."""

SCARE_QUOTES = "scare quotes"
"""The ``cue`` reported for a hit distanced by a short quotation alone."""

_CUES_DIR = RESOURCES_DIR / "cues"
_POSITIONS = ("before", "after", "either")
_TOP_KEYS = (
    "name",
    "language",
    "version",
    "description",
    "extends",
    "window",
    "scare_quote_words",
    "macros",
    "attribution",
    "distancing",
)
_ENTRY_KEYS = ("forms", "position", "framing_label")


class CueError(FramingError):
    """A voice cue file or cue set is malformed, or names an unknown language."""


# ---------------------------------------------------------------------------------------------
# Cue sets


@dataclass(frozen=True)
class DistancingCue:
    """One distancing cue: the label reported in the ``cue`` column and its written forms.

    ``position`` says where the cue stands relative to the term: ``"before"`` (« le
    soi-disant régime »), ``"after"`` or ``"either"`` (« le régime autoproclamé »).
    ``framing_label`` marks cues that are framing labels themselves; they count only when the
    cue set was loaded with ``label_cues=True``.
    """

    label: str
    forms: tuple[str, ...]
    position: str = "before"
    framing_label: bool = False


@dataclass(frozen=True)
class Cues:
    """An immutable set of attribution and distancing cues for one language.

    Build it with :func:`load_cues`. ``cues_version`` (e.g. ``"fr-1.0.0"``) and
    ``fingerprint`` identify it in provenance.
    """

    name: str
    language: str
    version: str
    attribution: tuple[str, ...]
    distancing: tuple[DistancingCue, ...]
    macros: tuple[tuple[str, tuple[str, ...]], ...] = ()
    window: int = 3
    scare_quote_words: int = 4
    label_cues: bool = False
    base: str | None = None
    description: str = ""
    source: str = ""

    @property
    def cues_version(self) -> str:
        """``name-version``, prefixed by the base cue set's for a file that extends one."""
        own = f"{self.name}-{self.version}"
        return f"{self.base}+{own}" if self.base else own

    @cached_property
    def fingerprint(self) -> str:
        """sha256 over the cue content and settings (not over ``source``/``description``)."""
        content = asdict(self)
        content.pop("source")
        content.pop("description")
        blob = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    @cached_property
    def _macro_regexes(self) -> dict[str, str]:
        return {
            name: _alternation([_phrase_body(p, {}, in_macro=True) for p in phrases])
            for name, phrases in self.macros
        }

    @cached_property
    def _attribution_re(self) -> tuple[re.Pattern[str] | None, list[int]]:
        return _cue_pattern(self.attribution, dict(self.macros), self._macro_regexes)

    @cached_property
    def _distancing_re(self) -> tuple[re.Pattern[str] | None, list[DistancingCue]]:
        active = [c for c in self.distancing if self.label_cues or not c.framing_label]
        forms = [(f, c) for c in active for f in c.forms]
        pattern, owners = _cue_pattern(
            [f for f, _ in forms], dict(self.macros), self._macro_regexes
        )
        return pattern, [forms[i][1] for i in owners]


def list_cue_languages() -> list[str]:
    """Languages with a bundled cue file, sorted (``["en", "fr"]``)."""
    return sorted(p.stem for p in _CUES_DIR.glob("*.yaml"))


def load_cues(source: str | os.PathLike[str] = "fr", *, label_cues: bool = False) -> Cues:
    """Load a voice cue set: a bundled language or your own YAML cue file.

    Parameters
    ----------
    source : str or path-like, default "fr"
        A language code with a bundled cue file (see :func:`list_cue_languages`), or the
        path of a cue file (a path-like object, or a string ending in ``.yaml``/``.yml`` or
        containing a ``/``). A cue file may ``extends: fr`` to add to a bundled list.
    label_cues : bool, default False
        Also use the distancing cues marked ``framing_label: true`` (« autoproclamé »,
        "self-proclaimed"): words that distance but are themselves framing labels, which a
        lexicon may already count.

    Returns
    -------
    Cues
        Immutable; ``cues.cues_version`` (e.g. ``"fr-1.0.0"``) goes into provenance.

    Raises
    ------
    CueError
        Unknown language (the message lists the available ones), missing file, or a
        malformed cue file (the message names the file, the line and the fix).

    Examples
    --------
    >>> cues = load_cues("fr")
    >>> cues.cues_version
    'fr-1.0.0'
    """
    path = _cue_path(source)
    return _load_cached(str(path.resolve()), _read(path), bool(label_cues))


def _cue_path(source: Any) -> Path:
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and (source.endswith((".yaml", ".yml")) or "/" in source)
    ):
        path = Path(source)
        if not path.is_file():
            raise CueError(
                f"Cue file {str(path)!r} does not exist. Pass the path of a YAML cue file, "
                f"or a bundled language: {', '.join(map(repr, list_cue_languages()))}."
            )
        return path
    if not isinstance(source, str):
        raise CueError(
            "Expected a language code or the path of a cue file, got "
            f"{type(source).__name__} {source!r}. Example: load_cues('fr')."
        )
    path = _CUES_DIR / f"{source}.yaml"
    if not path.is_file():
        available = list_cue_languages()
        raise CueError(
            f"No voice cues for language {source!r}.{suggest(source, available)} Available: "
            f"{', '.join(map(repr, available))}. For another language, write a cue file (see "
            "framing/resources/cues/README.md) and pass its path."
        )
    return path


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CueError(f"{path}: not UTF-8 text ({exc.reason}). Save it as UTF-8.") from None


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, raw: str, label_cues: bool) -> Cues:
    # keyed on the file's content: an edited file is reloaded, an unchanged one is not
    return _load(Path(path), label_cues, (), raw)


def _load(path: Path, label_cues: bool, chain: tuple[str, ...], raw: str | None = None) -> Cues:
    where = str(path)
    raw = _read(path) if raw is None else raw
    try:
        data = yaml.safe_load(raw)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        pos = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CueError(
            f"{where}{pos}: YAML syntax error: {exc.problem}. Check indentation and quote "
            "phrases that contain ': ', '#' or start with '{'."
        ) from None
    if not isinstance(data, dict):
        raise CueError(f"{where}: expected a mapping with version, attribution, distancing.")
    _check_keys(data, _TOP_KEYS, where, raw, "top-level")
    base = None
    if "extends" in data:
        base_path = _extends_path(data["extends"], path, where)
        if str(base_path.resolve()) in (*chain, str(path.resolve())):
            raise CueError(f"{where}: 'extends' makes a cycle ({base_path}). Remove it.")
        base = _load(base_path, label_cues, (*chain, str(path.resolve())))
    for key, example in (("version", 'version: "1.0.0"'), ("language", "language: fr")):
        if key not in data and not (base and key == "language"):
            raise CueError(f"{where}: missing '{key}:'. Add a line such as {example}.")
    scalars = {}
    for key in ("name", "language", "version", "description"):
        value = data.get(key, path.stem if key == "name" else "")
        if not isinstance(value, str):
            raise CueError(
                f"{where}, line {_line_of(raw, key + ':')}: '{key}' must be text, found "
                f'{value!r}; quote it (e.g. {key}: "{value}").'
            )
        scalars[key] = value
    numbers = {}
    for key, low in (("window", 0), ("scare_quote_words", 1)):
        value = data.get(key, getattr(base, key) if base else (3 if key == "window" else 4))
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise CueError(
                f"{where}, line {_line_of(raw, key + ':')}: '{key}' must be an integer >= "
                f"{low}, found {value!r}."
            )
        numbers[key] = value
    macros = dict(base.macros) if base else {}
    for name, phrases in _mapping(data, "macros", where).items():
        items = _phrases(phrases, f"macro '{name}'", where, raw, f"{name}:")
        macros[str(name)] = (*macros.get(str(name), ()), *items)
    attribution = list(base.attribution) if base else []
    attribution += _phrases(
        data.get("attribution", []), "'attribution'", where, raw, "attribution:"
    )
    distancing = {c.label: c for c in base.distancing} if base else {}
    for label, value in _distancing_items(data.get("distancing", {}), where):
        cue = _distancing_entry(str(label), value, where, raw)
        old = distancing.get(cue.label)
        if old is not None:  # extending a cue: add forms, keep options not given again
            given = value if isinstance(value, dict) else {}
            cue = DistancingCue(
                cue.label,
                old.forms + cue.forms,
                given.get("position", old.position),
                given.get("framing_label", old.framing_label),
            )
        distancing[cue.label] = cue
    cues = Cues(
        name=scalars["name"],
        language=scalars["language"] or (base.language if base else ""),
        version=scalars["version"],
        attribution=tuple(dict.fromkeys(attribution)),
        distancing=tuple(distancing.values()),
        macros=tuple(macros.items()),
        label_cues=label_cues,
        base=base.cues_version if base else None,
        description=scalars["description"].strip(),
        source=where,
        **numbers,
    )
    _check_compiles(cues, where, raw)
    return cues


def _extends_path(value: Any, path: Path, where: str) -> Path:
    if not isinstance(value, str) or not value:
        raise CueError(f"{where}: 'extends' must be a language code or a cue file path.")
    if value.endswith((".yaml", ".yml")) or "/" in value:
        return _cue_path(str(path.parent / value))
    return _cue_path(value)


def _check_keys(data: dict, allowed: Sequence[str], where: str, raw: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise CueError(
                f"{where}, line {_line_of(raw, f'{key}:')}: unknown {what} key {key!r}."
                f"{suggest(str(key), allowed)} Allowed: {', '.join(allowed)}."
            )


def _mapping(data: dict, key: str, where: str) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise CueError(f"{where}: '{key}' must be a mapping of name: [phrases], found {value!r}.")
    return value


def _phrases(value: Any, what: str, where: str, raw: str, key: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise CueError(f"{where}: {what} must be a list of phrases, found {value!r}.")
    for item in items:
        if not isinstance(item, str) or not item.strip():
            hint = ' (YAML reads on/off/yes/no as booleans: quote it, e.g. "on")'
            raise CueError(
                f"{where}, line {_line_of(raw, str(item), after=key)}: {what} has {item!r}, which "
                f"is not "
                f"a phrase{hint if isinstance(item, bool) else ''}. Write each phrase as text."
            )
    return [" ".join(item.split()) for item in items]


def _distancing_items(value: Any, where: str) -> list[tuple[Any, Any]]:
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, list):
        return [(item, item) for item in value]
    raise CueError(f"{where}: 'distancing' must map each cue label to its forms.")


def _distancing_entry(label: str, value: Any, where: str, raw: str) -> DistancingCue:
    what = f"distancing cue {label!r}"
    if not isinstance(value, dict):
        return DistancingCue(label, tuple(_phrases(value, what, where, raw, f"{label}:")))
    _check_keys(value, _ENTRY_KEYS, where, raw, f"{what}")
    position = value.get("position", "before")
    if position not in _POSITIONS:
        raise CueError(
            f"{where}, line {_line_of(raw, 'position:', after=label)}: {what} has position "
            f"{position!r}.{suggest(str(position), _POSITIONS)} Use one of: "
            f"{', '.join(_POSITIONS)}."
        )
    flag = value.get("framing_label", False)
    if not isinstance(flag, bool):
        raise CueError(f"{where}: {what}: framing_label must be true or false, found {flag!r}.")
    forms = _phrases(value.get("forms", []), what, where, raw, f"{label}:")
    if not forms:
        raise CueError(f"{where}: {what} has no forms. Add 'forms: [...]'.")
    return DistancingCue(label, tuple(forms), position, flag)


def _check_compiles(cues: Cues, where: str, raw: str) -> None:
    checks = [(p, f"macro '{name}'") for name, phrases in cues.macros for p in phrases]
    checks += [(p, "attribution phrase") for p in cues.attribution]
    checks += [(f, f"distancing cue {c.label!r}") for c in cues.distancing for f in c.forms]
    for phrase, what in checks:
        try:
            if what.startswith("macro"):
                _phrase_body(phrase, {}, in_macro=True)
            else:
                _phrase_body(phrase, cues._macro_regexes)
                _cue_pattern([phrase], dict(cues.macros), cues._macro_regexes)
        except _PhraseError as exc:
            raise CueError(
                f"{where}, line {_line_of(raw, phrase)}: {what} {phrase!r}: {exc} "
                "(syntax: framing/resources/cues/README.md)."
            ) from None


def _line_of(raw: str, needle: str, *, after: str | None = None) -> int | str:
    """1-based line of ``needle`` (searched from ``after``, else the line of ``after``)."""
    start = raw.find(after) if after else 0
    index = raw.find(needle, max(start, 0))
    if index < 0:
        index = start if after else -1
    return raw.count("\n", 0, index) + 1 if index >= 0 else "?"


# ---------------------------------------------------------------------------------------------
# Cue phrases -> regular expressions
#
# A phrase is words separated by spaces (any run of whitespace, no-break spaces and line breaks
# in the text). In a word: "a|b" alternatives, "{name}" a macro, a trailing "*" any word
# ending; "'" matches ' ’ ʼ ‘; "-" matches a hyphen, a space or nothing. A word "x?" is
# optional, "..." stands for one to four words. Matching ignores case, with word boundaries
# (a cue never matches inside a word, nor after or before a hyphen: "disant" is not found in
# "soi-disant").


class _PhraseError(Exception):
    pass


_APOS = "'’ʼ‘"
_HYPHENS = "-‐‑"
_HYPH = r"\-‐‑"  # for use inside [...]
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


def _literal(chunk: str) -> str:
    # Case-insensitive by character classes rather than re.IGNORECASE: the regex engine
    # rejects an alternative at once when its first item is a plain character class.
    out = []
    for i, ch in enumerate(chunk):
        if ch in _APOS:
            out.append(f"[{_APOS}]")
        elif ch in _HYPHENS and i == len(chunk) - 1 and i > 0:
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


def _word(word: str, macros: dict[str, str], in_macro: bool) -> str:
    alternatives = []
    for alt in word.split("|"):
        if not alt:
            raise _PhraseError("empty alternative around '|'")
        parts, pos = [], 0
        for m in _MACRO.finditer(alt):
            parts.append(_literal(alt[pos : m.start()]))
            name = m.group(1)
            if in_macro:
                raise _PhraseError("a macro's phrases cannot use macros")
            if name not in macros:
                raise _PhraseError(
                    f"undefined macro {{{name}}}.{suggest(name, macros)} Define it under 'macros:'"
                )
            parts.append(macros[name])
            pos = m.end()
        parts.append(_literal(alt[pos:]))
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
            rx = _word(word[skip:], macros, in_macro)
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
        for item in macros[m.group(1)]:
            out += _expand_first(" ".join([item + alt[m.end() :], *rest]), {})
    return out


def _cue_pattern(
    phrases: Sequence[str], macro_phrases: dict[str, tuple[str, ...]], macros: dict[str, str]
) -> tuple[re.Pattern[str] | None, list[int]]:
    """One regex for many cue phrases, and which phrase each capturing group stands for.

    The alternatives form a trie on their first letters, so that at each word start the
    engine only tries the phrases that can begin there.
    """
    items = [(text, i) for i, p in enumerate(phrases) for text in _expand_first(p, macro_phrases)]
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


# ---------------------------------------------------------------------------------------------
# Quotation marks
#
# « » ‹ › „ “ ” pair by kind (“ closes an open „, else opens); straight " pairs by
# alternation; ‘ ' open and ’ ' close a single quote only in quote-like context (not between
# letters: l'armée, aujourd’hui). Quotes nest (« … “ … ” … »); a closing mark closes any
# quote opened inside it. A double quote left open closes at the paragraph end; a single
# quote left open is dropped (too often an apostrophe); a stray closing mark is ignored.

_QUOTE_RE = re.compile(
    r"(?P<d>[«»‹›“”„\"])"
    r"|(?P<so>(?<!\w)['‘](?=\w))"
    r"|(?P<sc>(?<=[\w.,!?;:…])['’](?![\w«‹“„\"]))"
)
_CLOSES = {"»": "«", "›": "‹", "”": "“„", '"': '"', "“": "„"}
_WORD_RE = re.compile(r"\w+(?:[-‐‑'’ʼ]\w+)*")
_BREAK_RE = re.compile(r"[,;:.!?()\[\]…]")


def _scan_quotes(
    text: str, para_s: np.ndarray, para_e: np.ndarray, used: Iterable[int] | None = None
) -> list[tuple[int, int, str]]:
    """Raw quote contents in the paragraphs ``used`` (default: all)."""
    if used is None:  # one pass over the text, marks grouped by paragraph
        marks = list(_QUOTE_RE.finditer(text))
        where = np.searchsorted(para_s, [m.start() for m in marks], side="right") - 1
        groups: dict[int, list[re.Match[str]]] = {}
        for m, k in zip(marks, where.tolist(), strict=True):
            if k >= 0 and m.start() < para_e[k]:
                groups.setdefault(k, []).append(m)
        per_paragraph = [(int(para_e[k]), ms) for k, ms in groups.items()]
    else:
        per_paragraph = [
            (int(para_e[k]), _QUOTE_RE.finditer(text, int(para_s[k]), int(para_e[k])))
            for k in used
        ]
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int, bool]] = []  # (opening mark, content start, single quote?)

    def close(k: int, pos: int, *, paired: bool) -> None:
        # Quotes opened inside the one closed here close with it; single quotes only
        # count when paired with their own closing mark.
        for i, (mark, start, single) in enumerate(stack[k:]):
            if not single or (paired and i == 0):
                found.append((start, pos, mark))
        del stack[k:]

    for para_end, paragraph_marks in per_paragraph:
        for m in paragraph_marks:
            pos, ch = m.start(), m.group()
            if m.lastgroup == "so":
                stack.append((ch, pos + 1, True))
            elif m.lastgroup == "sc":
                if stack and stack[-1][2]:
                    close(len(stack) - 1, pos, paired=True)
            else:
                openers = _CLOSES.get(ch, "")
                k = next(
                    (i for i in range(len(stack) - 1, -1, -1) if stack[i][0] in openers), None
                )
                if k is not None:
                    close(k, pos, paired=True)
                elif ch in '«‹„“"':
                    stack.append((ch, pos + 1, False))
        close(0, para_end, paired=False)  # quotes left open close at the paragraph end
    return found


def _trimmed(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Quote contents without surrounding spaces, empty ones dropped, outer before inner."""
    spans = []
    for start, end, mark in found:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end, mark))
    return sorted(spans, key=lambda s: (s[0], -s[1]))


def quote_spans(
    text: str, *, paragraphs: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """Quoted stretches of a text: ``(start, end, opening_mark)`` of each quotation's content.

    Parameters
    ----------
    text : str
        One document.
    paragraphs : list of (start, end), optional
        Paragraph spans; quotes never cross a paragraph end, and a quotation left open
        closes there. Default: ``framing.text.paragraph_spans(text, mode="auto")``.

    Returns
    -------
    list of (int, int, str)
        Content spans without the marks and surrounding spaces, sorted by start, outer
        quotes before the quotes nested in them. Single quotes (‘ ’ ') count only in
        quote-like context and when closed; « » ‹ › “ ” „ and straight double quotes
        (paired by alternation) close at the paragraph end when left open; a closing mark
        with no opener is ignored.

    Examples
    --------
    >>> text = "Il le qualifie d’« antiterroriste »."
    >>> [(text[s:e], mark) for s, e, mark in quote_spans(text, paragraphs=[(0, len(text))])]
    [('antiterroriste', '«')]
    """
    _check_text(text)
    para_s, para_e = _paragraph_arrays(text, paragraphs)
    return _trimmed(text, _scan_quotes(text, para_s, para_e))


# ---------------------------------------------------------------------------------------------
# Voice


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
    a_s, a_e, a_id = _attribution_matches(text, cueset)
    d_s, d_e, d_cue = _distancing_matches(text, cueset, a_s, a_e)
    phrases = list(cueset.attribution)
    frame = pd.DataFrame(
        {
            "start": np.concatenate([a_s, d_s]).astype(np.int64),
            "end": np.concatenate([a_e, d_e]).astype(np.int64),
            "kind": ["attribution"] * len(a_s) + ["distancing"] * len(d_s),
            "cue": [phrases[i] for i in a_id] + [c.label for c in d_cue],
        }
    )
    frame["surface"] = [text[s:e] for s, e in zip(frame["start"], frame["end"], strict=True)]
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
    starts_a, ends_a = _hit_arrays(text, starts, ends)
    window = cueset.window if window is None else _check_int(window, "window", 0)
    max_words = (
        cueset.scare_quote_words
        if scare_quote_words is None
        else _check_int(scare_quote_words, "scare_quote_words", 1)
    )
    para_s, para_e = _paragraph_arrays(text, paragraphs)
    if sentences is None:
        sentences = _text_module().sentence_spans(text, language=cueset.language)
    sent_s, sent_e = _span_arrays(text, sentences, "sentences")
    voice, cue = _classify(
        text, starts_a, ends_a, sent_s, sent_e, para_s, para_e, cueset, window, max_words
    )
    frame = pd.DataFrame(
        {
            "voice": pd.Categorical.from_codes(voice, categories=list(VOICES)),
            "distanced": ~pd.isna(cue).astype(bool),
            "cue": pd.Series(cue, dtype=object),
        }
    )
    frame.attrs.update(
        cues_version=cueset.cues_version, window=window, scare_quote_words=max_words
    )
    return frame


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
    # follows the text around the hits, not the length of the document.
    used = np.unique(hit_sent[hit_sent >= 0]).tolist()
    sentences = [(int(sent_s[k]), int(sent_e[k])) for k in used]

    # Attribution: a sentence with an attribution cue is reported speech.
    a_s, a_e, _ = _attribution_matches(text, cues, sentences)
    sent_attr = np.zeros(len(sent_s) + 1, dtype=bool)  # last slot: "in no sentence"
    a_sent = _locate(sent_s, sent_e, a_s)
    sent_attr[a_sent[a_sent >= 0]] = True
    attributed = sent_attr[hit_sent]

    # Quotes: one scan per paragraph, then one searchsorted per nesting level.
    used_paras = _overlapped(para_s, para_e, starts, ends_eff)
    spans = _trimmed(text, _scan_quotes(text, para_s, para_e, used_paras))
    quoted = np.zeros(n, dtype=bool)
    inner_words = np.full(n, max_words + 1, dtype=np.int64)
    if spans:
        q_s = np.array([s for s, _, _ in spans], dtype=np.int64)
        q_e = np.array([e for _, e, _ in spans], dtype=np.int64)
        depth = _depths(q_s, q_e)
        words = np.array(
            [
                sum(1 for _ in islice(_WORD_RE.finditer(text, s, e), max_words + 1))
                for s, e, _ in spans
            ],
            dtype=np.int64,
        )
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
    d_s, d_e, d_cue = _distancing_matches(text, cues, a_s, a_e, sentences)
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


def _finditer(
    pattern: re.Pattern[str] | None, text: str, regions: list[tuple[int, int]] | None
) -> list[re.Match[str]]:
    if pattern is None:
        return []
    if regions is None:
        return list(pattern.finditer(text))
    return [m for start, end in regions for m in pattern.finditer(text, start, end)]


def _attribution_matches(
    text: str, cues: Cues, regions: list[tuple[int, int]] | None = None
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    pattern, owners = cues._attribution_re
    found = _finditer(pattern, text, regions)
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
    regions: list[tuple[int, int]] | None = None,
) -> tuple[np.ndarray, np.ndarray, list[DistancingCue]]:
    pattern, labels = cues._distancing_re
    found = [
        (m.start(), m.end(), labels[m.lastindex - 1]) for m in _finditer(pattern, text, regions)
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
) -> list[int]:
    """Indices of the (sorted, disjoint) spans that overlap at least one hit."""
    first = np.searchsorted(span_e, starts, side="right")
    last = np.searchsorted(span_s, ends, side="left") - 1
    some = last >= first
    marks = np.zeros(len(span_s) + 1, dtype=np.int64)
    np.add.at(marks, first[some], 1)
    np.add.at(marks, last[some] + 1, -1)
    return np.flatnonzero(np.cumsum(marks)[:-1] > 0).tolist()


def _locate(span_s: np.ndarray, span_e: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Index of the span containing each position, or -1."""
    if len(span_s) == 0:
        return np.full(len(pos), -1, dtype=np.int64)
    i = np.searchsorted(span_s, pos, side="right") - 1
    ok = (i >= 0) & (pos < span_e[np.maximum(i, 0)])
    return np.where(ok, i, -1)


# ---------------------------------------------------------------------------------------------
# Input checks


def _resolve_cues(cues: Any, language: str) -> Cues:
    if cues is None:
        return load_cues(language)
    if isinstance(cues, Cues):
        return cues
    if isinstance(cues, (str, os.PathLike)):
        return load_cues(cues)
    raise CueError(
        f"cues must be a Cues object (from load_cues), a cue file path or None; got "
        f"{type(cues).__name__}."
    )


def _text_module() -> Any:
    try:
        from framing import text as text_module
    except ImportError as exc:  # pragma: no cover - framing.text ships with the package
        raise ImportError(
            "framing.text is needed to find sentences and paragraphs; pass sentences= and "
            "paragraphs= explicitly instead."
        ) from exc
    return text_module


def _check_text(text: Any) -> None:
    if not isinstance(text, str):
        raise FramingError(
            f"text must be a str (one document), got {type(text).__name__}. For a corpus, "
            "call this once per document."
        )


def _check_int(value: Any, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise FramingError(f"{name} must be an integer >= {low}, got {value!r}.")
    return int(value)


def _as_int_array(values: Any, name: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise FramingError(
            f"{name} must be a one-dimensional sequence of integer offsets, got an array of "
            f"dtype {arr.dtype} and shape {arr.shape}."
        )
    return arr.astype(np.int64)


def _hit_arrays(text: str, starts: Any, ends: Any) -> tuple[np.ndarray, np.ndarray]:
    s = _as_int_array(starts, "starts")
    e = _as_int_array(ends, "ends")
    if len(s) != len(e):
        raise FramingError(
            f"starts and ends must have the same length, got {len(s)} and {len(e)}."
        )
    bad = np.flatnonzero((s < 0) | (e < s) | (e > len(text)))
    if len(bad):
        k = int(bad[0])
        raise FramingError(
            f"hit {k} has span ({s[k]}, {e[k]}), expected 0 <= start <= end <= len(text) = "
            f"{len(text)}. Pass offsets into this document's own text."
        )
    return s, e


def _span_arrays(text: str, spans: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    try:
        arr = np.asarray(list(spans), dtype=np.int64)
    except (TypeError, ValueError):
        arr = None
    if arr is None or (arr.size and (arr.ndim != 2 or arr.shape[1] != 2)):
        raise FramingError(
            f"{name} must be a list of (start, end) pairs of integers; got {spans!r:.80}."
        )
    arr = arr.reshape(-1, 2)
    arr = arr[np.argsort(arr[:, 0], kind="stable")]
    s, e = arr[:, 0], arr[:, 1]
    bad = np.flatnonzero((s < 0) | (e < s) | (e > len(text)))
    if len(bad):
        k = int(bad[0])
        raise FramingError(
            f"{name} span ({s[k]}, {e[k]}) is outside the text: expected 0 <= start <= end "
            f"<= len(text) = {len(text)}."
        )
    overlap = np.flatnonzero(s[1:] < e[:-1])
    if len(overlap):
        k = int(overlap[0])
        raise FramingError(
            f"{name} spans overlap: ({s[k]}, {e[k]}) and ({s[k + 1]}, {e[k + 1]}). Pass "
            "disjoint spans, e.g. from framing.text."
        )
    return s, e


def _paragraph_arrays(text: str, paragraphs: Any) -> tuple[np.ndarray, np.ndarray]:
    if paragraphs is None:
        paragraphs = _text_module().paragraph_spans(text, mode="auto")
    return _span_arrays(text, paragraphs, "paragraphs")
