"""Checks of a study against its corpus and lexicon, run before anything is computed.

Contests, variants and frames must exist in the lexicon; ``by`` columns and the
``target``/``reference`` groups of comparisons in the corpus. Every problem is listed at
once, with the key's file, line and dotted path, and the valid names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from framing._errors import suggest
from framing.study._model import Path_, Study, StudyError

MISSING = "(missing)"


def _shown(values: Iterable[Any], n: int = 15) -> str:
    items = [str(v) for v in values]
    if len(items) > n:
        return ", ".join(items[:n]) + f", … ({len(items)} in all)"
    return ", ".join(items) or "(none)"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


class _Problems:
    def __init__(self, study: Study) -> None:
        self.study = study
        self.messages: list[tuple[int, str]] = []

    def add(self, path: Path_, message: str) -> None:
        line = self.study.where(path)
        number = self.study.lines.get(tuple(path))
        self.messages.append((number if number is not None else 10**9, f"{line}: {message}"))

    def raise_if_any(self) -> None:
        if not self.messages:
            return
        ordered = [m for _, m in sorted(self.messages, key=lambda item: item[0])]
        if len(ordered) == 1:
            text = ordered[0]
        else:
            text = (
                f"{self.study.filename}: {len(ordered)} problems with the study's corpus and "
                "lexicon:\n" + "\n".join("  " + m for m in ordered)
            )
        error = StudyError(text)
        error.problems = ordered  # type: ignore[attr-defined]
        raise error


def _check_names(
    problems: _Problems, path: Path_, asked: Any, valid: list[str], what: str, source: str
) -> None:
    for i, name in enumerate(_as_list(asked)):
        if name not in valid:
            where = (*path, i) if isinstance(asked, list) else path
            problems.add(
                where,
                f"unknown {what} {name!r}; {what}s of {source}: {_shown(valid)}."
                + suggest(str(name), valid),
            )


def _suggest_value(value: Any, values: list[Any]) -> str:
    """A "Did you mean" for a group value: close spellings, else values that start with it."""
    texts = [str(v) for v in values]
    hint = suggest(str(value), texts)
    if hint:
        return hint
    starting = [t for t in texts if t.startswith(str(value))]
    if 0 < len(starting) <= 3:
        return " Did you mean " + " or ".join(repr(t) for t in starting) + "?"
    return ""


def _frames_valid(name: str, frames: list[str]) -> bool:
    return name in frames or any(f.startswith(name + "/") for f in frames)


def group_values(corpus: Any, column: str) -> list[Any]:
    """The values of a corpus column (doc_id or metadata), missing ones as '(missing)'."""
    frame = corpus.metadata
    values = frame[column].astype(object).where(frame[column].notna(), MISSING)
    return list(dict.fromkeys(values.tolist()))


def resolve_groups(asked: Any, values: list[Any]) -> tuple[Any, list[Any]]:
    """Map asked group values onto the column's values (compared as text); (resolved, bad)."""
    by_text = {str(v): v for v in values}
    bad = []
    resolved = []
    for value in _as_list(asked):
        if value in values:
            resolved.append(value)
        elif str(value) in by_text:
            resolved.append(by_text[str(value)])
        else:
            bad.append(value)
    if isinstance(asked, list):
        return resolved, bad
    return (resolved[0] if resolved else asked), bad


def check_study(study: Study, corpus: Any, lexicon: Any) -> None:
    """Raise one StudyError listing every name the corpus or lexicon lacks."""
    problems = _Problems(study)
    contests = list(lexicon.contests)
    frames = list(lexicon.frames)
    lex = f"lexicon {lexicon.name}"
    columns = [str(c) for c in corpus.metadata.columns]
    for analysis in study.analyses:
        base: Path_ = ("analyses", analysis.index)
        p = analysis.params
        if "by" in p and p["by"] is not None:
            for i, column in enumerate(_as_list(p["by"])):
                if column not in columns:
                    where = (*base, "by", i) if isinstance(p["by"], list) else (*base, "by")
                    problems.add(
                        where,
                        f"unknown column {column!r}; columns of corpus {corpus.name}: "
                        f"{_shown(columns)}.{suggest(str(column), columns)}",
                    )
        if analysis.type in ("contest", "voice", "documents", "matches"):
            _check_names(problems, (*base, "contest"), p.get("contest"), contests, "contest", lex)
        if analysis.type in ("voice", "matches") and p.get("variant") is not None:
            asked = [c for c in _as_list(p.get("contest")) if c in contests] or contests
            variants = [v for c in asked for v in lexicon.contests[c].variants]
            where = f"contest {asked[0]}" if len(asked) == 1 else lex
            _check_names(problems, (*base, "variant"), p["variant"], variants, "variant", where)
        for key in ("frames", "frame"):
            if p.get(key) is None or analysis.type not in (
                "frames",
                "documents",
                "voice",
                "matches",
            ):
                continue
            for i, name in enumerate(_as_list(p[key])):
                if not _frames_valid(name, frames):
                    where = (*base, key, i) if isinstance(p[key], list) else (*base, key)
                    problems.add(
                        where,
                        f"unknown frame {name!r}; frames of {lex}: {_shown(frames)}."
                        + suggest(str(name), frames),
                    )
        if analysis.type == "voice" and not study.match.get("voice", True):
            problems.add(
                (*base, "type"),
                "a 'voice' analysis needs voice values, but 'match: {voice: false}'. Fix: "
                "remove 'voice: false' from 'match'.",
            )
        if analysis.type in ("keyness", "log_odds") and p["by"] in columns:
            values = group_values(corpus, p["by"])
            for key in ("target", "reference"):
                if p.get(key) is None:
                    continue
                _, bad = resolve_groups(p[key], values)
                for value in bad:
                    problems.add(
                        (*base, key),
                        f"no document has {p['by']} = {value!r}; values of {p['by']}: "
                        f"{_shown(values)}.{_suggest_value(value, values)}",
                    )
    by_id = {a.id: a for a in study.analyses}
    for figure in study.figures:
        analysis = by_id[figure.analysis]
        if figure.group is None or analysis.params["by"] not in columns:
            continue
        values = group_values(corpus, analysis.params["by"])
        _, bad = resolve_groups(figure.group, values)
        for value in bad:
            problems.add(
                ("figures", figure.index, "group"),
                f"no document has {analysis.params['by']} = {value!r}; values: "
                f"{_shown(values)}.{_suggest_value(value, values)}",
            )
    problems.raise_if_any()


def date_range(corpus: Any) -> tuple[str, str] | None:
    """First and last date of the corpus' ``date`` column (ISO), or None."""
    frame = corpus.metadata
    if "date" not in frame.columns:
        return None
    dates = pd.to_datetime(frame["date"], errors="coerce").dropna()
    if dates.empty:
        return None
    return dates.min().date().isoformat(), dates.max().date().isoformat()
