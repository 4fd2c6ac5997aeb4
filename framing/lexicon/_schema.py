"""Validate the lexicon structure (from YAML or a dict) and build the objects.

Every problem is collected (with its line when the data came from a file, else its path)
so that one error can list them all. The checks are split over private modules:
``_context`` (locating problems), ``_metadata``, ``_entries`` and ``_duplicates``; this
module walks frames and contests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.lexicon._context import SEGMENT_RE, Path_, _id_fix, _kind
from framing.lexicon._duplicates import DuplicateChecks
from framing.lexicon._entries import EntryChecks
from framing.lexicon._metadata import LANGUAGE_RE
from framing.lexicon._model import Contest, Frame, Lexicon, Variant
from framing.lexicon._problems import LexiconProblem
from framing.lexicon._yaml import Located

__all__ = ["LANGUAGE_RE", "TOP_KEYS", "BuildResult", "build"]

TOP_KEYS = (
    "name",
    "version",
    "language",
    "description",
    "authors",
    "licence",
    "license",
    "citation",
    "options",
    "frames",
    "contests",
)
REQUIRED_KEYS = ("name", "version", "language")
FRAME_KEYS = ("description", "entries", "frames")
CONTEST_KEYS = ("description", "variants")
VARIANT_KEYS = ("description", "entries")
_EXAMPLES = {"name": "name: my-lexicon", "version": "version: 1.0.0", "language": "language: fr"}


@dataclass
class BuildResult:
    """What :func:`build` found: the lexicon (None when there are errors) and problems."""

    lexicon: Lexicon | None
    errors: list[LexiconProblem] = field(default_factory=list)
    warnings: list[LexiconProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class _Builder(EntryChecks, DuplicateChecks):
    """Walks the top level, frames and contests; entries and metadata via the bases."""

    # -- top level --------------------------------------------------------------------------
    def build(self, data: Any) -> BuildResult:
        counts = {"frames": 0, "contests": 0, "variants": 0, "entries": 0}
        if not isinstance(data, Mapping):
            self.error(
                (),
                f"a lexicon must be a mapping of keys (name:, version:, language:, frames:, "
                f"...) at the top level, not {_kind(data)}. Fix: start the file with "
                "'name: my-lexicon'.",
            )
            return BuildResult(None, self.errors, self.warnings, counts)
        self.check_keys(data, (), TOP_KEYS, "the lexicon's top level")
        for key in REQUIRED_KEYS:
            if key not in data:
                self.error(
                    (),
                    f"missing required key {key!r}. Fix: add e.g. '{_EXAMPLES[key]}' at the "
                    "top level.",
                )
        meta = self.metadata(data)
        if "options" in data:
            self.options = self.option_block(data["options"], ("options",), "options")
        frames = self.frames(data.get("frames"), ("frames",))
        contests = self.contests(data.get("contests"), ("contests",))
        if not frames and not contests and not self.errors:
            self.error(
                (),
                "the lexicon has no frames and no contests. Fix: add a 'frames:' or "
                "'contests:' section with entries.",
            )
        counts["frames"] = len(frames)
        counts["contests"] = len(contests)
        counts["variants"] = sum(len(c.variants) for c in contests.values())
        counts["entries"] = sum(len(f.entries) for f in frames.values()) + sum(
            len(c.entries) for c in contests.values()
        )
        self.duplicate_warnings(frames, contests)
        if self.errors:
            return BuildResult(None, self.errors, self.warnings, counts)
        lexicon = Lexicon(options=self.options, frames=frames, contests=contests, **meta)
        return BuildResult(lexicon, self.errors, self.warnings, counts)

    # -- frames -----------------------------------------------------------------------------
    def frame_id(self, key: str, path: Path_, prefix: str) -> bool:
        segments = key.split("/")
        if all(SEGMENT_RE.fullmatch(s) for s in segments):
            return True
        self.error(
            path,
            f"frame id {prefix + key!r} is not valid: use letters, digits, '_', '.', '-' "
            f"(and '/' between nested ids). Fix: write {_id_fix(key, allow_slash=True)!r}.",
            key=True,
        )
        return False

    def frames(self, value: Any, path: Path_) -> dict[str, Frame]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.error(
                path,
                f"frames must be a mapping of frame ids to entries, got {_kind(value)}. "
                "Fix: write 'frames:' then 'my_frame: [term, other term]' indented below.",
            )
            return {}
        found: dict[str, tuple[Frame, Path_, bool]] = {}
        self._frames(value, path, "", found)
        frames = {}
        for name, (frame, fpath, clean) in found.items():
            # a frame whose entries were all rejected has been reported already
            if clean and not frame.entries and not any(n.startswith(name + "/") for n in found):
                self.error(
                    fpath,
                    f"frame {name!r} has no entries. Fix: add entries, or delete the frame.",
                    key=True,
                )
            frames[name] = frame
        return frames

    def _frames(
        self,
        mapping: Mapping,
        path: Path_,
        prefix: str,
        found: dict[str, tuple[Frame, Path_, bool]],
    ) -> None:
        for key, value in mapping.items():
            fpath = (*path, key)
            if not self.frame_id(key, fpath, prefix):
                continue
            name = prefix + key
            if name in found:
                self.error(
                    fpath,
                    f"frame {name!r} is defined twice (first at {self.where(found[name][1])}). "
                    "Fix: merge the two definitions.",
                    key=True,
                )
                continue
            where = f"frame {name!r}"
            n_errors = len(self.errors)
            description, entries, children = None, (), None
            if isinstance(value, (list, tuple)):
                entries = self.entries(value, fpath, where, frame=name)
            elif isinstance(value, Mapping):
                if "variants" in value:
                    self.error(
                        (*fpath, "variants"),
                        f"{where} has 'variants', which belong to contests. Fix: move it "
                        "under 'contests:'.",
                        key=True,
                    )
                else:
                    self.check_keys(value, fpath, FRAME_KEYS, where)
                if value.get("description") is not None:
                    description = self.plain_text(
                        value["description"], (*fpath, "description"), "description"
                    )
                if value.get("entries") is not None:
                    epath = (*fpath, "entries")
                    if isinstance(value["entries"], (list, tuple)):
                        entries = self.entries(value["entries"], epath, where, frame=name)
                    else:
                        self.error(
                            epath,
                            f"entries of {where} must be a list, got "
                            f"{_kind(value['entries'])}. Fix: write entries: [term, ...].",
                        )
                children = value.get("frames")
                if children is not None and not isinstance(children, Mapping):
                    self.error(
                        (*fpath, "frames"),
                        f"'frames' inside {where} must be a mapping of child frame ids, got "
                        f"{_kind(children)}.",
                    )
                    children = None
            elif value is not None:
                self.error(
                    fpath,
                    f"{where} must be a list of entries or a mapping with 'entries:', got "
                    f"{_kind(value)}. Fix: write {key}: [{self.text(fpath, value) or 'term'}]",
                )
            clean = len(self.errors) == n_errors
            found[name] = (Frame(name, description, tuple(entries)), fpath, clean)
            if children:
                self._frames(children, (*fpath, "frames"), name + "/", found)

    # -- contests ---------------------------------------------------------------------------
    def plain_id(self, key: str, path: Path_, what: str) -> bool:
        if SEGMENT_RE.fullmatch(key):
            return True
        extra = " ('/' separates contest and variant in exports)" if "/" in key else ""
        self.error(
            path,
            f"{what} id {key!r} is not valid: use letters, digits, '_', '.', '-'{extra}. "
            f"Fix: write {_id_fix(key, allow_slash=False)!r}.",
            key=True,
        )
        return False

    def contests(self, value: Any, path: Path_) -> dict[str, Contest]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.error(
                path,
                f"contests must be a mapping of contest ids, got {_kind(value)}. Fix: write "
                "'contests:' then 'my_contest:' with 'variants:' indented below.",
            )
            return {}
        contests = {}
        for cname, cvalue in value.items():
            cpath = (*path, cname)
            if not self.plain_id(cname, cpath, "contest"):
                continue
            where = f"contest {cname!r}"
            if isinstance(cvalue, (list, tuple)):
                self.error(
                    cpath,
                    f"{where} is a list; a contest needs named variants. Fix: write "
                    "'variants:' under it, then one id per variant with its entries.",
                )
                continue
            if cvalue is not None and not isinstance(cvalue, Mapping):
                self.error(cpath, f"{where} must be a mapping, got {_kind(cvalue)}.")
                continue
            cvalue = cvalue or {}
            self.check_keys(cvalue, cpath, CONTEST_KEYS, where)
            description = None
            if cvalue.get("description") is not None:
                description = self.plain_text(
                    cvalue["description"], (*cpath, "description"), "description"
                )
            variants = self.variants(cvalue.get("variants"), (*cpath, "variants"), cname)
            if variants is None:
                continue
            contests[cname] = Contest(cname, description, variants)
        return contests

    def variants(self, value: Any, path: Path_, contest: str) -> dict[str, Variant] | None:
        where = f"contest {contest!r}"
        if not value:
            self.error(
                path if value is not None else path[:-1],
                f"{where} has no variants. Fix: add 'variants:' with at least two named "
                "variants, each with its entries.",
                key=value is None,
            )
            return None
        if not isinstance(value, Mapping):
            self.error(
                path,
                f"variants of {where} must be a mapping of variant ids to entries, got "
                f"{_kind(value)}. Fix: write e.g. 'offensive: [offensive, assaut]'.",
            )
            return None
        variants = {}
        for vname, vvalue in value.items():
            vpath = (*path, vname)
            if not self.plain_id(vname, vpath, "variant"):
                continue
            vwhere = f"variant {vname!r} of {where}"
            description, entries, items = None, (), vvalue
            if isinstance(vvalue, Mapping):
                self.check_keys(vvalue, vpath, VARIANT_KEYS, vwhere)
                if vvalue.get("description") is not None:
                    description = self.plain_text(
                        vvalue["description"], (*vpath, "description"), "description"
                    )
                items = vvalue.get("entries")
                vpath_entries = (*vpath, "entries")
            else:
                vpath_entries = vpath
            if isinstance(items, (list, tuple)):
                entries = self.entries(
                    items, vpath_entries, vwhere, contest=contest, variant=vname
                )
            elif items is not None:
                self.error(
                    vpath_entries,
                    f"entries of {vwhere} must be a list, got {_kind(items)}. "
                    "Fix: write [term, ...].",
                )
                continue
            if not items:
                self.error(
                    vpath,
                    f"{vwhere} has no entries. Fix: list the terms of this variant, or delete it.",
                    key=True,
                )
                continue
            variants[vname] = Variant(vname, description, tuple(entries))
        if len(value) == 1 and variants:
            only = next(iter(variants))
            self.warn(
                path,
                f"{where} has a single variant ({only!r}): there is nothing to compare it "
                "with. Fix: add the competing variant(s), or make it a frame.",
                key=True,
            )
        return variants


def build(data: Any, *, located: Located | None = None, source: str | None = None) -> BuildResult:
    """Validate ``data`` (the YAML structure) and build a :class:`Lexicon`.

    With ``located`` (from :func:`framing.lexicon._yaml.load_located`) problems carry
    lines; otherwise they carry paths such as ``frames.x.entries[3]``.
    """
    builder = _Builder(located)
    result = builder.build(data)
    if result.lexicon is not None and source is not None:
        object.__setattr__(result.lexicon, "source", source)
    return result
