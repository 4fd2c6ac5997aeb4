"""The immutable lexicon objects: Entry, Frame, Variant, Contest, Author, Lexicon."""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from framing._errors import LexiconError, suggest
from framing.lexicon._patterns import Term

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The matching options, in the order they are documented and written.
OPTION_NAMES: tuple[str, ...] = ("case_sensitive", "fold_accents", "compounds", "match", "parts")
#: The values ``match`` accepts.
MATCH_MODES: tuple[str, ...] = ("exact", "lemma", "stem")
#: Option values used when neither the lexicon nor the entry sets them.
DEFAULT_OPTIONS: Mapping[str, Any] = MappingProxyType(
    {
        "case_sensitive": False,
        "fold_accents": False,
        "compounds": True,
        "match": "exact",
        "parts": True,
    }
)
#: ``window`` value meaning "anywhere in the same sentence".
SENTENCE = "sentence"


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Entry:
    """One lexicon entry, with its options resolved: what the matcher consumes.

    Attributes
    ----------
    pattern : str
        The entry as written (NFC, whitespace collapsed), globs included. This is the value
        of the ``entry`` column of the matches table.
    words : tuple of str
        The words of the pattern, split on whitespace, trailing ``*`` stripped. A word may
        contain hyphens and apostrophes (``anti-terroriste``, ``l'offensive``).
    globs : tuple of bool
        Per word: True when it ended in ``*`` (prefix match with a left word boundary).
    frame : str or None
        The frame id (``conflict/military``) for a frame entry, else None.
    contest, variant : str or None
        The contest and variant ids for a contest entry, else None.
    index : int
        Position of the entry in its frame's or variant's list (0-based).
    case_sensitive, fold_accents, compounds, parts : bool
        Resolved matching options (entry value, else the lexicon's, else the default).
        ``parts`` (default True) lets the entry match a part of a hyphenated compound
        (« Karabakh » in « Haut-Karabakh »); see :mod:`framing.match`.
    match : str
        ``"exact"``, ``"lemma"`` or ``"stem"``.
    near : tuple of str
        Anchor patterns (globs allowed): the entry counts only with one of them within
        ``window``. Empty when unconstrained.
    window : int, "sentence" or None
        Tokens either side, or ``"sentence"``; None exactly when ``near`` is empty.
    not_near : tuple of str
        Patterns that must *not* occur within ``not_window``.
    not_window : int, "sentence" or None
        As ``window``, for ``not_near``.
    source_line : int or None
        Line of the entry in its file (not compared, not serialised).
    """

    pattern: str
    words: tuple[str, ...]
    globs: tuple[bool, ...]
    frame: str | None = None
    contest: str | None = None
    variant: str | None = None
    index: int = 0
    case_sensitive: bool = False
    fold_accents: bool = False
    compounds: bool = True
    match: str = "exact"
    parts: bool = True
    near: tuple[str, ...] = ()
    window: int | str | None = None
    not_near: tuple[str, ...] = ()
    not_window: int | str | None = None
    source_line: int | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        """``"frame"`` or ``"contest"``."""
        return "frame" if self.frame is not None else "contest"

    @property
    def owner(self) -> str:
        """The frame id, or ``"contest/variant"`` for a contest entry."""
        return self.frame if self.frame is not None else f"{self.contest}/{self.variant}"

    @property
    def key(self) -> str:
        """Stable id, ``"frame:counter_terrorism#3"`` or ``"contest:operation_name/offensive#0"``.

        The index counts the entry's position in its frame's or variant's list.
        """
        return f"{self.kind}:{self.owner}#{self.index}"

    @property
    def options(self) -> Mapping[str, Any]:
        """The five resolved matching options as a read-only mapping."""
        return MappingProxyType({name: getattr(self, name) for name in OPTION_NAMES})

    @property
    def term(self) -> Term:
        """The entry's own pattern, words and globs as a :class:`Term`."""
        return Term(self.pattern, self.words, self.globs)

    @property
    def near_terms(self) -> tuple[Term, ...]:
        """``near`` parsed into words and globs."""
        return tuple(Term.parse(p) for p in self.near)

    @property
    def not_near_terms(self) -> tuple[Term, ...]:
        """``not_near`` parsed into words and globs."""
        return tuple(Term.parse(p) for p in self.not_near)

    def _to_obj(self, defaults: Mapping[str, Any]) -> str | dict[str, Any]:
        overrides = {
            name: getattr(self, name)
            for name in OPTION_NAMES
            if getattr(self, name) != defaults[name]
        }
        if not overrides and not self.near and not self.not_near:
            return self.pattern
        obj: dict[str, Any] = {"term": self.pattern}
        if self.near:
            obj["near"] = list(self.near)
            obj["window"] = self.window
        if self.not_near:
            obj["not_near"] = list(self.not_near)
            obj["not_window"] = self.not_window
        obj.update(overrides)
        return obj


@dataclass(frozen=True)
class Frame:
    """A named group of entries. Nested ids use ``/`` (``conflict/military``).

    A frame whose only content is child frames (a group) has no entries of its own.
    """

    name: str
    description: str | None = None
    entries: tuple[Entry, ...] = ()

    @property
    def parent(self) -> str | None:
        """The enclosing frame id (``conflict`` for ``conflict/military``), or None."""
        return self.name.rsplit("/", 1)[0] if "/" in self.name else None

    def _to_obj(self, defaults: Mapping[str, Any]) -> Any:
        entries = [e._to_obj(defaults) for e in self.entries]
        if self.description is None:
            return entries if entries else {}
        obj: dict[str, Any] = {"description": self.description}
        if entries:
            obj["entries"] = entries
        return obj


@dataclass(frozen=True)
class Variant:
    """One competing way of naming a contest's referent."""

    name: str
    description: str | None = None
    entries: tuple[Entry, ...] = ()

    def _to_obj(self, defaults: Mapping[str, Any]) -> Any:
        entries = [e._to_obj(defaults) for e in self.entries]
        if self.description is None:
            return entries
        return {"description": self.description, "entries": entries}


@dataclass(frozen=True)
class Contest:
    """A referent named in competing ways (a naming contest), with its variants."""

    name: str
    description: str | None = None
    variants: Mapping[str, Variant] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "variants", MappingProxyType(dict(self.variants)))

    def __hash__(self) -> int:
        return hash((self.name, self.description, tuple(self.variants.items())))

    def __reduce__(self) -> tuple:
        # MappingProxyType cannot be pickled; rebuild from a plain dict (joblib, deepcopy).
        return (Contest, (self.name, self.description, dict(self.variants)))

    @property
    def entries(self) -> tuple[Entry, ...]:
        """All entries of all variants, in file order."""
        return tuple(e for v in self.variants.values() for e in v.entries)

    def _to_obj(self, defaults: Mapping[str, Any]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        if self.description is not None:
            obj["description"] = self.description
        obj["variants"] = {name: v._to_obj(defaults) for name, v in self.variants.items()}
        return obj


@dataclass(frozen=True)
class Author:
    """A lexicon author; ``orcid`` is the bare id (``0000-0002-1825-0097``)."""

    name: str
    orcid: str | None = None
    affiliation: str | None = None

    def _to_obj(self) -> str | dict[str, str]:
        if self.orcid is None and self.affiliation is None:
            return self.name
        obj = {"name": self.name}
        if self.orcid is not None:
            obj["orcid"] = self.orcid
        if self.affiliation is not None:
            obj["affiliation"] = self.affiliation
        return obj


@dataclass(frozen=True)
class Lexicon:
    """A versioned, citable lexicon of frames and naming contests (immutable).

    Build one with :func:`read_lexicon` or :meth:`Lexicon.from_dict`; the constructor does
    no validation. Two lexicons are equal when their content is (``source`` and entry
    line numbers are ignored); ``hash`` follows the fingerprint.

    Attributes
    ----------
    name, version, language : str
        Required metadata: ``[a-z0-9._-]+``, semantic version, ISO 639-1 code.
    description, licence : str or None
    authors : tuple of Author
    citation : str, mapping or None
        Free text (APA style) or a read-only mapping (e.g. CSL-like fields).
    options : Mapping
        The lexicon-wide matching options, all five resolved.
    frames : Mapping[str, Frame]
        In file order (a parent before its children in nested form).
    contests : Mapping[str, Contest]
        In file order.
    source : str or None
        The file the lexicon was read from.
    """

    name: str
    version: str
    language: str
    description: str | None = None
    authors: tuple[Author, ...] = ()
    licence: str | None = None
    citation: Any = None
    options: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    frames: Mapping[str, Frame] = field(default_factory=dict)
    contests: Mapping[str, Contest] = field(default_factory=dict)
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "authors", tuple(self.authors))
        object.__setattr__(self, "citation", _freeze(self.citation))
        object.__setattr__(self, "options", MappingProxyType({**DEFAULT_OPTIONS, **self.options}))
        object.__setattr__(self, "frames", MappingProxyType(dict(self.frames)))
        object.__setattr__(self, "contests", MappingProxyType(dict(self.contests)))

    def __hash__(self) -> int:
        return hash(self.fingerprint())

    def __reduce__(self) -> tuple:
        # MappingProxyType cannot be pickled; rebuild from plain data (joblib, deepcopy).
        return (
            Lexicon,
            (
                self.name,
                self.version,
                self.language,
                self.description,
                self.authors,
                self.licence,
                _thaw(self.citation),
                dict(self.options),
                dict(self.frames),
                dict(self.contests),
                self.source,
            ),
        )

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Lexicon:
        """Build and validate a lexicon from the structure of a lexicon YAML file.

        Parameters
        ----------
        data : Mapping
            The same keys as the YAML format (see :mod:`framing.lexicon`).
        source : str, optional
            Recorded as :attr:`source`.

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            Listing every problem, located by path (``frames.x.entries[3]``).

        Examples
        --------
        >>> lex = Lexicon.from_dict({"name": "demo", "version": "1.0.0", "language": "fr",
        ...                          "frames": {"offensive": ["offensive", "assaut*"]}})
        >>> [e.pattern for e in lex.entries]
        ['offensive', 'assaut*']
        """
        from framing.lexicon._problems import emit_warnings, lexicon_error
        from framing.lexicon._schema import build

        result = build(data, source=source)
        if result.errors:
            raise lexicon_error(result.errors, source)
        emit_warnings(result.warnings, source)
        if result.lexicon is None:  # pragma: no cover - no errors means a lexicon was built
            raise RuntimeError("internal error: lexicon not built")
        return result.lexicon

    # -- views --------------------------------------------------------------------------
    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry: frames first in file order, then contests (variants in order)."""
        from_frames = [e for f in self.frames.values() for e in f.entries]
        from_contests = [e for c in self.contests.values() for e in c.entries]
        return tuple(from_frames + from_contests)

    @property
    def frame_names(self) -> tuple[str, ...]:
        """Frame ids in file order."""
        return tuple(self.frames)

    @property
    def contest_names(self) -> tuple[str, ...]:
        """Contest ids in file order."""
        return tuple(self.contests)

    def variants(self, contest: str) -> tuple[str, ...]:
        """The variant ids of one contest, in file order.

        Raises
        ------
        LexiconError
            When the lexicon has no such contest (with a suggestion).
        """
        if contest not in self.contests:
            known = ", ".join(repr(c) for c in self.contests) or "none"
            raise LexiconError(
                f"lexicon '{self.name}' has no contest {contest!r} (contests: {known})."
                + suggest(contest, self.contests)
            )
        return tuple(self.contests[contest].variants)

    # -- serialisation ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The lexicon as plain data in the YAML format (frames with flat ``a/b`` ids).

        ``Lexicon.from_dict(lex.to_dict()) == lex`` holds. Entries are plain strings unless
        they carry options differing from the lexicon's or proximity constraints.
        """
        data: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "language": self.language,
        }
        if self.description is not None:
            data["description"] = self.description
        if self.authors:
            data["authors"] = [a._to_obj() for a in self.authors]
        if self.licence is not None:
            data["licence"] = self.licence
        if self.citation is not None:
            data["citation"] = _thaw(self.citation)
        data["options"] = dict(self.options)
        if self.frames:
            data["frames"] = {n: f._to_obj(self.options) for n, f in self.frames.items()}
        if self.contests:
            data["contests"] = {n: c._to_obj(self.options) for n, c in self.contests.items()}
        return data

    def to_yaml(self, path: str | Path | None = None) -> str:
        """The lexicon as YAML text in the framing format; also written to ``path`` if given.

        Reading the text back gives an equal lexicon.
        """
        from framing.lexicon._yaml import dump_yaml

        text = dump_yaml(self.to_dict())
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_quanteda_yaml(self) -> str:
        """The lexicon as a quanteda YAML dictionary (see :mod:`framing.lexicon`)."""
        from framing.lexicon._convert import to_quanteda_yaml

        return to_quanteda_yaml(self)

    def to_liwc(self) -> str:
        """The lexicon as a LIWC ``.dic`` text (see :mod:`framing.lexicon`)."""
        from framing.lexicon._convert import to_liwc

        return to_liwc(self)

    def fingerprint(self) -> str:
        """``"sha256:<hex>"`` of the canonical JSON of :meth:`to_dict` (keys sorted).

        Stable across loads and across the order of mapping keys in the file; changes with
        any entry, option, metadata value or the order of entries in a list.
        """
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
        )
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    # -- display ------------------------------------------------------------------------
    def _counts(self) -> tuple[int, int, int, int]:
        n_variants = sum(len(c.variants) for c in self.contests.values())
        return len(self.frames), len(self.contests), n_variants, len(self.entries)

    def __repr__(self) -> str:
        n_frames, n_contests, n_variants, n_entries = self._counts()
        return (
            f"<Lexicon {self.name!r} {self.version} ({self.language}): "
            f"{n_frames} frame{'s' * (n_frames != 1)}, "
            f"{n_contests} contest{'s' * (n_contests != 1)} "
            f"({n_variants} variant{'s' * (n_variants != 1)}), "
            f"{n_entries} entr{'ies' if n_entries != 1 else 'y'}>"
        )

    def summary(self) -> pd.DataFrame:
        """One row per frame, contest and variant.

        Returns
        -------
        pandas.DataFrame
            Columns ``kind`` (``frame``, ``contest`` or ``variant``), ``frame``,
            ``contest``, ``variant`` (missing where not applicable), ``n_entries`` (a
            contest's row counts all its variants' entries) and ``description``.
        """
        import pandas as pd

        rows = [
            ("frame", name, None, None, len(f.entries), f.description)
            for name, f in self.frames.items()
        ]
        for cname, contest in self.contests.items():
            rows.append(("contest", None, cname, None, len(contest.entries), contest.description))
            rows.extend(
                ("variant", None, cname, vname, len(v.entries), v.description)
                for vname, v in contest.variants.items()
            )
        columns = ["kind", "frame", "contest", "variant", "n_entries", "description"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["n_entries"] = frame["n_entries"].astype("int64")
        return frame

    def _repr_html_(self) -> str:
        esc = html.escape
        n_frames, n_contests, n_variants, n_entries = self._counts()
        cells = []
        for name, f in self.frames.items():
            cells.append(("frame", name, "", len(f.entries), f.description))
        for cname, contest in self.contests.items():
            cells.append(("contest", cname, "", len(contest.entries), contest.description))
            for vname, v in contest.variants.items():
                cells.append(("variant", cname, vname, len(v.entries), v.description))
        body = "".join(
            f"<tr><td>{esc(k)}</td><td>{esc(n)}</td><td>{esc(v)}</td>"
            f"<td style='text-align:right'>{c}</td><td>{esc(d or '')}</td></tr>"
            for k, n, v, c, d in cells
        )
        caption = (
            f"<b>{esc(self.name)}</b> {esc(self.version)} ({esc(self.language)}): "
            f"{n_frames} frames, {n_contests} contests ({n_variants} variants), "
            f"{n_entries} entries<br><code>{esc(self.fingerprint())}</code>"
        )
        return (
            f"<div><p>{caption}</p><table><thead><tr><th>kind</th><th>frame / contest</th>"
            f"<th>variant</th><th>entries</th><th>description</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )
