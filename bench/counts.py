"""Compare framing's hits with spaCy's, entry by entry, and explain the differences.

Both sides are reduced to character spans ``(doc, entry, start, end)``. framing with
``overlap="all"`` keeps every entry's hit, which is what ``PhraseMatcher`` does, so the two
should agree except where the matching rules differ. Each hit found by one side only is put
in the first category (in the order below) whose test it passes:

framing only
    ``accents``      the surface differs from the entry only by accents (« cure » for
                     « curé », « A peine » for « à peine »): framing folds them with
                     ``fold_accents: true``, ``LOWER`` does not;
    ``line_break``   a multiword hit spans a line break (spaCy makes ``"\\n"`` a token);
    ``compound_part`` the hit is part of a hyphenated word (``père`` in ``grand-père``,
                     ``porte`` in ``porte-fenêtre``): framing's ``parts: true``, while
                     spaCy keeps many compounds as one token;
    ``compound_variant`` the surface writes a compound with a space or nothing where the
                     entry has a hyphen, or the reverse (``eau de vie`` for ``eau-de-vie``);
    ``tokenisation`` the hit does not start and end on spaCy token boundaries
                     (``aujourd'hui``-like words, ``dit-il``);
    ``other``        anything else;
spaCy only
    ``sentence_end`` the match spans a sentence end (framing never matches across one);
    ``elision``      the match starts right after an apostrophe that framing does not treat
                     as an elision (``grand'`` ...) or ends before one;
    ``other``        anything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

FRAMING_ONLY = (
    "accents",
    "line_break",
    "compound_part",
    "compound_variant",
    "tokenisation",
    "other",
)
SPACY_ONLY = ("sentence_end", "elision", "other")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case and strip combining accents (NFD)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def entry_index(lexicon) -> dict[tuple, int]:
    """Map (pattern, frame, contest, variant) of a matches-table row to its entry index."""
    return {(e.pattern, e.frame, e.contest, e.variant): i for i, e in enumerate(lexicon.entries)}


def framing_spans(matches: pd.DataFrame, lexicon, doc_ids: Sequence[str]) -> pd.DataFrame:
    """``doc, entry, start, end`` (ints) from a framing matches table."""
    index = entry_index(lexicon)
    doc_of = {d: i for i, d in enumerate(doc_ids)}
    keys = zip(
        matches["entry"],
        matches["frame"].astype(object).where(matches["frame"].notna(), None),
        matches["contest"].astype(object).where(matches["contest"].notna(), None),
        matches["variant"].astype(object).where(matches["variant"].notna(), None),
        strict=True,
    )
    return pd.DataFrame(
        {
            "doc": matches["doc_id"].map(doc_of).to_numpy(np.int64),
            "entry": np.fromiter((index[k] for k in keys), np.int64, len(matches)),
            "start": matches["start"].to_numpy(np.int64),
            "end": matches["end"].to_numpy(np.int64),
        }
    )


def spacy_spans(spans: Sequence[np.ndarray]) -> pd.DataFrame:
    """``doc, entry, start, end`` from :attr:`bench.peers.SpacyResult.spans`."""
    parts = [
        pd.DataFrame(a, columns=["entry", "start", "end"]).assign(doc=i)
        for i, a in enumerate(spans)
        if len(a)
    ]
    if not parts:
        return pd.DataFrame({c: np.zeros(0, np.int64) for c in ("doc", "entry", "start", "end")})
    return pd.concat(parts, ignore_index=True)[["doc", "entry", "start", "end"]]


def per_entry(
    lexicon, *, framing_all: pd.DataFrame, framing_longest: pd.DataFrame, spacy: pd.DataFrame
) -> pd.DataFrame:
    """One row per entry: its counts by framing (all, longest) and spaCy."""
    n = len(lexicon.entries)

    def count(spans: pd.DataFrame) -> np.ndarray:
        return np.bincount(spans["entry"].to_numpy(np.int64), minlength=n)

    out = pd.DataFrame(
        {
            "entry": [e.pattern for e in lexicon.entries],
            "owner": [e.owner for e in lexicon.entries],
            "shape": [_shape(e) for e in lexicon.entries],
            "n_framing_all": count(framing_all),
            "n_framing_longest": count(framing_longest),
            "n_spacy": count(spacy),
        }
    )
    out["diff"] = out["n_framing_all"] - out["n_spacy"]
    return out


def _shape(entry) -> str:
    if any(entry.globs):
        return "glob"
    return "multiword" if len(entry.words) > 1 else "single"


def classify(
    lexicon,
    texts: Sequence[str],
    *,
    framing_all: pd.DataFrame,
    spacy: pd.DataFrame,
    spacy_tokens: Sequence[np.ndarray] | None = None,
    language: str = "fr",
) -> pd.DataFrame:
    """The hits found by one side only, each with its side, category and surface.

    Parameters
    ----------
    spacy_tokens : list of (n, 2) int arrays, optional
        Per document, spaCy's token start and end characters (for ``tokenisation``).
    """
    from framing.text import sentence_spans

    keys = ["doc", "entry", "start", "end"]
    both = framing_all[keys].merge(spacy[keys], how="outer", on=keys, indicator=True)
    only = both[both["_merge"] != "both"].copy()
    only["side"] = np.where(only["_merge"] == "left_only", "framing", "spacy")
    only = only.drop(columns="_merge").sort_values(keys).reset_index(drop=True)
    entries = lexicon.entries
    sentence_ends: dict[int, np.ndarray] = {}
    boundaries: dict[int, tuple[set[int], set[int]]] = {}
    cats, surfaces, contexts = [], [], []
    for doc, entry_i, start, end, side in only[[*keys, "side"]].itertuples(index=False):
        text = texts[doc]
        entry = entries[entry_i]
        surface = text[start:end]
        if side == "framing":
            cat = _framing_reason(entry, text, start, end, surface)
            if cat is None:
                cat = "other"
                if spacy_tokens is not None:
                    if doc not in boundaries:
                        tok = spacy_tokens[doc]
                        boundaries[doc] = (set(tok[:, 0].tolist()), set(tok[:, 1].tolist()))
                    starts, ends = boundaries[doc]
                    if start not in starts or end not in ends:
                        cat = "tokenisation"
        else:
            if doc not in sentence_ends:
                sentence_ends[doc] = np.asarray(
                    [s for s, _ in sentence_spans(text, language=language)], dtype=np.int64
                )
            starts = sentence_ends[doc]
            if np.searchsorted(starts, start, "right") != np.searchsorted(
                starts, end - 1, "right"
            ):
                cat = "sentence_end"
            elif (start > 0 and text[start - 1] == "'") or text[end : end + 1] == "'":
                cat = "elision"
            else:
                cat = "other"
        cats.append(cat)
        surfaces.append(surface)
        contexts.append(_context(text, start, end))
    only["category"] = cats
    only["surface"] = surfaces
    only["context"] = contexts
    only["entry_pattern"] = [entries[i].pattern for i in only["entry"]]
    return only


def _framing_reason(entry, text: str, start: int, end: int, surface: str) -> str | None:
    low = _SPACE.sub(" ", surface.lower())
    forms = [w.lower() for w in entry.words]
    if any(entry.globs):
        plain = all(
            (lw.startswith(f) if g else lw == f)
            for lw, f, g in zip(low.split(" "), forms, entry.globs, strict=False)
        ) and len(low.split(" ")) == len(forms)
        folded = fold(low).startswith(fold(forms[0]))
    else:
        plain = low == " ".join(forms)
        folded = fold(low) == fold(" ".join(forms))
    if folded and not plain:
        return "accents"
    if "\n" in surface:
        return "line_break"
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before == "-" or after == "-":
        return "compound_part"
    squeeze = re.sub(r"[\s-]", "", low)
    if squeeze == re.sub(r"[\s-]", "", " ".join(forms)) and low != " ".join(forms):
        return "compound_variant"
    return None


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", "⏎")
    right = text[end : end + width].replace("\n", "⏎")
    return f"…{left}[{text[start:end]}]{right}…".replace("\n", "⏎")


def summary(only: pd.DataFrame, n_examples: int = 3) -> dict:
    """Counts per (side, category) and a few examples of each, for the results file."""
    out: dict[str, dict] = {}
    for (side, cat), group in only.groupby(["side", "category"], sort=True):
        top = group["entry_pattern"].value_counts().head(5)
        out[f"{side}/{cat}"] = {
            "n": len(group),
            "top_entries": {str(k): int(v) for k, v in top.items()},
            "examples": [
                f"{p}: {c}"
                for p, c in group[["entry_pattern", "context"]]
                .drop_duplicates("entry_pattern")
                .head(n_examples)
                .itertuples(index=False)
            ],
        }
    return out
