"""Validation of entries: patterns, globs, per-entry options, proximity constraints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing._errors import suggest
from framing.lexicon._context import Path_, _kind
from framing.lexicon._metadata import MetadataChecks
from framing.lexicon._model import OPTION_NAMES, SENTENCE, Entry
from framing.lexicon._patterns import Term, clean_pattern, pattern_problem

CONSTRAINT_KEYS = ("near", "window", "not_near", "not_window")
ENTRY_KEYS = ("term", *CONSTRAINT_KEYS, *OPTION_NAMES)


class EntryChecks(MetadataChecks):
    """Entries in both forms (a string, or a mapping with ``term:``)."""

    def entries(
        self,
        items: list | tuple,
        path: Path_,
        where: str,
        *,
        frame: str | None = None,
        contest: str | None = None,
        variant: str | None = None,
    ) -> tuple[Entry, ...]:
        out = []
        for i, item in enumerate(items):
            ipath = (*path, i)
            entry = self.entry(item, ipath, where)
            if entry is None:
                continue
            pattern, extra = entry
            term = Term.parse(pattern)
            line = self.loc.line(ipath) if self.loc is not None else None
            built = Entry(
                pattern=term.pattern,
                words=term.words,
                globs=term.globs,
                frame=frame,
                contest=contest,
                variant=variant,
                index=i,
                source_line=line,
                **extra,
            )
            self.entry_paths[id(built)] = ipath
            out.append(built)
        return tuple(out)

    def pattern(self, value: Any, path: Path_, where: str, role: str) -> str | None:
        if value is None:
            self.error(
                path,
                f"empty {role} in {where}. Fix: write the term, or delete the line "
                '(quote words YAML reads as empty, such as "null").',
            )
            return None
        text = self.text(path, value)
        if text is None:
            self.error(path, f"{role} in {where} must be text, got {_kind(value)}.")
            return None
        if not text.strip():
            self.error(path, f"empty {role} in {where}. Fix: write the term, or delete the line.")
            return None
        problem = pattern_problem(text)
        if problem is not None:
            self.error(path, f"{role} {clean_pattern(text)!r} in {where}: {problem}")
            return None
        return clean_pattern(text)

    def entry(self, item: Any, path: Path_, where: str) -> tuple[str, dict[str, Any]] | None:
        if not isinstance(item, Mapping):
            pattern = self.pattern(item, path, where, "entry")
            if pattern is None:
                return None
            return pattern, dict(self.options)
        if "term" not in item:
            others = [k for k in item if k not in ENTRY_KEYS]
            hint = f" (is {others[0]!r} meant to be 'term'?)" if others else ""
            self.error(
                path,
                f"an entry mapping in {where} has no 'term'{hint}. Fix: add "
                "'term: <word or phrase>'.",
            )
            return None
        pattern = self.pattern(item["term"], (*path, "term"), where, "entry")
        label = f"entry {pattern!r} in {where}" if pattern else f"an entry in {where}"
        for key in item:
            if key not in ENTRY_KEYS:
                self.error(
                    (*path, key),
                    f"unknown key {key!r} in {label}.{suggest(key, ENTRY_KEYS)} "
                    f"Fix: use one of {', '.join(ENTRY_KEYS)}.",
                    key=True,
                )
        extra = dict(self.options)
        for name in OPTION_NAMES:
            if name in item:
                checked = self.option_value(name, item[name], (*path, name), label)
                if checked is not None:
                    extra[name] = checked
        for anchors_key, window_key in (("near", "window"), ("not_near", "not_window")):
            anchors, window = self.constraint(item, path, label, anchors_key, window_key)
            extra[anchors_key] = anchors
            extra[window_key] = window
        if pattern is None:
            return None
        return pattern, extra

    def constraint(
        self, item: Mapping, path: Path_, label: str, anchors_key: str, window_key: str
    ) -> tuple[tuple[str, ...], int | str | None]:
        raw_anchors = item.get(anchors_key)
        apath = (*path, anchors_key)
        anchors: list[str] = []
        if anchors_key in item:
            values = raw_anchors if isinstance(raw_anchors, (list, tuple)) else [raw_anchors]
            if isinstance(raw_anchors, (list, tuple)) and not raw_anchors:
                self.error(
                    apath,
                    f"{anchors_key} of {label} is empty. Fix: list anchor terms, or remove "
                    f"'{anchors_key}'.",
                )
            for i, value in enumerate(values):
                vpath = (*apath, i) if isinstance(raw_anchors, (list, tuple)) else apath
                anchor = self.pattern(value, vpath, label, f"{anchors_key} term")
                if anchor is not None:
                    anchors.append(anchor)
        window: int | str | None = None
        wpath = (*path, window_key)
        if window_key in item:
            value = item[window_key]
            if anchors_key not in item:
                self.error(
                    wpath,
                    f"{window_key} of {label} is given without '{anchors_key}'. Fix: add "
                    f"{anchors_key}: [...] or remove {window_key}.",
                    key=True,
                )
            elif value == SENTENCE or (
                isinstance(value, int) and not isinstance(value, bool) and value > 0
            ):
                window = value
            else:
                self.error(
                    wpath,
                    f"{window_key} of {label} must be a positive whole number of tokens or "
                    f"'sentence', got {_kind(value)}. Fix: write {window_key}: 10 or "
                    f"{window_key}: sentence.",
                )
        if anchors and window is None:
            window = SENTENCE
        return tuple(anchors), (window if anchors else None)
