"""Voice cue sets: loading and checking the YAML cue files, and the immutable :class:`Cues`."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from framing._errors import FramingError, suggest
from framing._resources import RESOURCES_DIR
from framing.voice._compile import (
    _alternation,
    _cue_pattern,
    _cue_source,
    _phrase_body,
    _PhraseError,
)
from framing.voice._prefilter import _cue_keys, _CueKeys, _KeySets, key_sets

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
    def _distancing_forms(self) -> list[tuple[str, DistancingCue]]:
        active = [c for c in self.distancing if self.label_cues or not c.framing_label]
        return [(f, c) for c in active for f in c.forms]

    @cached_property
    def _distancing_re(self) -> tuple[re.Pattern[str] | None, list[DistancingCue]]:
        forms = self._distancing_forms
        pattern, owners = _cue_pattern(
            [f for f, _ in forms], dict(self.macros), self._macro_regexes
        )
        return pattern, [forms[i][1] for i in owners]

    # Where each regex may match: see framing.voice._prefilter (None: try every position).
    @cached_property
    def _attribution_keys(self) -> _CueKeys | None:
        return _cue_keys(self.attribution, dict(self.macros))

    @cached_property
    def _distancing_keys(self) -> _CueKeys | None:
        return _cue_keys([f for f, _ in self._distancing_forms], dict(self.macros))

    @cached_property
    def _run_keys(self) -> _KeySets | None:
        return key_sets(self._attribution_keys, self._distancing_keys)


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
                # the checks of building the regex, without compiling it (done once, on use)
                _cue_source([phrase], dict(cues.macros), cues._macro_regexes)
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
