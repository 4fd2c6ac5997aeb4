"""Warnings about repeated entries: twice in one list, or in two variants of one contest."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Mapping

from framing.lexicon._context import Context, Path_, render_path
from framing.lexicon._model import Entry, Frame
from framing.lexicon._problems import LexiconProblem


class DuplicateChecks(Context):
    """Compares entries under their own normalisation options."""

    def duplicate_warnings(self, frames: Mapping[str, Frame], contests: Mapping) -> None:
        for name, frame in frames.items():
            self._repeats(frame.entries, f"frame {name!r}")
        for cname, contest in contests.items():
            seen: dict[tuple, Entry] = {}
            for vname, variant in contest.variants.items():
                self._repeats(variant.entries, f"variant {vname!r} of contest {cname!r}")
                firsts: dict[tuple, Entry] = {}
                for entry in variant.entries:
                    firsts.setdefault(_dup_key(entry), entry)
                for key, entry in firsts.items():
                    other = seen.get(key)
                    if other is not None and other.variant != vname:
                        self.warn_entry(
                            entry,
                            f"entry {entry.pattern!r} is in variant {other.variant!r} "
                            f"({self._ref(other)}) and variant {vname!r} of contest "
                            f"{cname!r}: which variant a match counts for is undefined. "
                            "Fix: keep it in one variant, or add near/not_near constraints "
                            "that tell them apart.",
                        )
                    else:
                        seen.setdefault(key, entry)

    def _repeats(self, entries: tuple[Entry, ...], where: str) -> None:
        seen: dict[tuple, Entry] = {}
        for entry in entries:
            key = _dup_key(entry)
            if key in seen:
                first = seen[key]
                self.warn_entry(
                    entry,
                    f"entry {entry.pattern!r} in {where} repeats {first.pattern!r} "
                    f"({self._ref(first)}) once case, accents and compounds are normalised "
                    "as the options say. Fix: delete one.",
                )
            else:
                seen[key] = entry

    def _ref(self, entry: Entry) -> str:
        if entry.source_line is not None:
            return f"line {entry.source_line}"
        return render_path(self._entry_path(entry))

    def warn_entry(self, entry: Entry, message: str) -> None:
        if entry.source_line is not None:
            self.warnings.append(
                LexiconProblem(message, line=entry.source_line, severity="warning")
            )
        else:
            self.warnings.append(
                LexiconProblem(
                    message, path=render_path(self._entry_path(entry)), severity="warning"
                )
            )

    def _entry_path(self, entry: Entry) -> Path_:
        return self.entry_paths.get(id(entry), ())


@functools.cache
def _normalizer() -> Callable[..., str] | None:
    """``framing.text.normalize_term`` when that module is available, else None."""
    try:
        from framing.text import normalize_term
    except ImportError:  # pragma: no cover - framing.text ships with the package
        return None
    return normalize_term


def _normalize_word(word: str, entry: Entry) -> str:
    normalize_term = _normalizer()
    if normalize_term is not None:
        return normalize_term(
            word, fold_accents=entry.fold_accents, case_sensitive=entry.case_sensitive
        )
    text = unicodedata.normalize("NFC", word)
    for quote in "’ʼ′‘":
        text = text.replace(quote, "'")
    if not entry.case_sensitive:
        text = text.casefold()
    if entry.fold_accents:
        text = "".join(
            c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
        )
        text = unicodedata.normalize("NFC", text)
    return text


def _dup_key(entry: Entry) -> tuple:
    words = [
        _normalize_word(w, entry) + ("*" if g else "")
        for w, g in zip(entry.words, entry.globs, strict=True)
    ]
    text = " ".join(words)
    if entry.compounds:
        text = text.replace("-", "").replace(" ", "")
    near = tuple(
        sorted(" ".join(_normalize_word(w, entry) for w in a.split()) for a in entry.near)
    )
    not_near = tuple(
        sorted(" ".join(_normalize_word(w, entry) for w in a.split()) for a in entry.not_near)
    )
    return (text, entry.match, near, entry.window, not_near, entry.not_window)
