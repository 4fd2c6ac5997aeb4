"""``match_lexicon``'s arguments, checked: what each accepts, and the fix in every error."""

from __future__ import annotations

from typing import Any

import numpy as np

from framing._errors import FramingError, suggest
from framing._keep import keep_columns
from framing.corpus import Corpus, as_corpus
from framing.lexicon import Lexicon
from framing.lexicon._io import as_lexicon as lexicon_arg

#: The columns of the matches table, in order (kept metadata columns follow).
COLUMNS: tuple[str, ...] = (
    "doc_id",
    "start",
    "end",
    "surface",
    "entry",
    "frame",
    "contest",
    "variant",
    "sentence",
    "voice",
    "distanced",
    "cue",
)
#: The extra column of ``audit=True``, placed after ``cue``.
AUDIT_COLUMN = "rejected"
#: Accepted values of ``overlap``.
OVERLAP_MODES: tuple[str, ...] = ("longest", "all")
#: Languages the matcher has boundary rules, sentence rules and voice cues for.
LANGUAGES: tuple[str, ...] = ("fr", "en")


def as_corpus_arg(corpus: Any) -> Corpus:
    return as_corpus(corpus, caller="match_lexicon")


def as_lexicon(lexicon: Any) -> Lexicon:
    return lexicon_arg(
        lexicon,
        wrong="match_lexicon(): lexicon must be a Lexicon, a lexicon file path or the name of "
        "a bundled lexicon (such as 'karabakh-2023-fr'); got {type}.",
    )


def check_flag(value: Any, name: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise FramingError(f"match_lexicon(): {name} must be True or False; got {value!r}.")


def check_overlap(overlap: Any) -> str:
    if isinstance(overlap, str) and overlap in OVERLAP_MODES:
        return overlap
    raise FramingError(
        f"match_lexicon(): overlap={overlap!r} is not valid; expected one of "
        f"{', '.join(map(repr, OVERLAP_MODES))} ('longest': within a frame or contest the "
        "longest hit wins; 'all': every entry's hit counts)."
        + suggest(str(overlap), OVERLAP_MODES)
    )


def check_language(language: Any, lexicon: Lexicon) -> str:
    given = lexicon.language if language is None else language
    if isinstance(given, str):
        code = given.strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    supported = ", ".join(map(repr, LANGUAGES))
    if language is None:
        raise FramingError(
            f"match_lexicon(): lexicon '{lexicon.name}' has language {given!r}, which the "
            f"matcher has no rules for (supported: {supported}). Fix: pass language='fr' or "
            "language='en' to say which rules (elision, sentences, voice cues) to use."
        )
    raise FramingError(
        f"match_lexicon(): language={language!r} is not supported; expected one of "
        f"{supported} (a regional code such as 'fr-FR' is accepted)."
        + suggest(str(language), LANGUAGES)
    )


def check_keep(keep: Any, corpus: Corpus) -> list[str]:
    return keep_columns(
        keep,
        [c for c in corpus.metadata.columns if c != "doc_id"],
        caller="match_lexicon():",
        table="matches table",
        reserved=lambda name: name in COLUMNS or name == AUDIT_COLUMN,
        refused={
            "text": "keep cannot include 'text': the table holds each hit's surface, not the "
            "document. Fix: leave 'text' out, and join corpus.docs on doc_id if you need "
            "the texts."
        },
        ignored=("doc_id",),
    )
