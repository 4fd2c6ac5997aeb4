"""Each analysis type → one public function of the package, with the study's parameters."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd

from framing.measure._common import overrides_record
from framing.study._checks import MISSING, group_values, resolve_groups
from framing.study._model import Analysis

VOICES = ("author", "quoted", "attributed")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _counted(matches: pd.DataFrame) -> pd.DataFrame:
    """The hits that count: those no proximity constraint rejected."""
    if "rejected" in matches.columns:
        return matches[matches["rejected"].isna().to_numpy()]
    return matches


def _select(
    matches: pd.DataFrame,
    *,
    contest: Any = None,
    variant: Any = None,
    frame: Any = None,
    voice: Any = None,
    distanced: Any = None,
) -> pd.DataFrame:
    hits = _counted(matches)
    keep = np.ones(len(hits), dtype=bool)
    if contest is not None:
        keep &= hits["contest"].isin(_as_list(contest)).to_numpy()
    if variant is not None:
        keep &= hits["variant"].isin(_as_list(variant)).to_numpy()
    if frame is not None:
        names = hits["frame"].astype("string")
        chosen = np.zeros(len(hits), dtype=bool)
        for name in _as_list(frame):  # a parent frame takes its children
            mask = (names == name) | names.str.startswith(name + "/")
            chosen |= mask.fillna(False).to_numpy(dtype=bool)
        keep &= chosen
    if voice is not None:
        keep &= hits["voice"].astype(object).isin(_as_list(voice)).to_numpy()
    if distanced is not None:
        flags = hits["distanced"].fillna(False).astype(bool).to_numpy()
        keep &= flags if distanced else ~flags
    return hits[keep]


def _sorted_groups(values: list[Any]) -> list[Any]:
    return sorted(values, key=lambda v: (v == MISSING, str(v)))


def voice_tally(
    matches: pd.DataFrame, corpus: Any, *, by: Any, contest: Any, variant: Any, frame: Any
) -> pd.DataFrame:
    """Hits by group × voice × distanced: a count of rows of the matches table.

    Every group of the corpus and every voice appears (zeros included), groups sorted with
    ``"(missing)"`` last, voices in the order author, quoted, attributed; ``n_group`` is
    the group's number of selected hits and ``share`` is ``n / n_group`` (NaN for a group
    without hits). This is the tally :func:`framing.plot.plot_voice` draws. Hits that
    overrides excluded are not counted; the overrides provenance goes into ``attrs``.
    """
    hits = _select(matches, contest=contest, variant=variant, frame=frame)
    groups = _as_list(by)
    meta = corpus.metadata.set_index("doc_id")
    frame_ = pd.DataFrame(
        {
            **{
                g: meta[g].reindex(hits["doc_id"]).astype(object).to_numpy()
                for g in groups
                if g != "doc_id"
            },
            **({"doc_id": hits["doc_id"].to_numpy(dtype=object)} if "doc_id" in groups else {}),
            "voice": hits["voice"].astype(object).to_numpy(),
            "distanced": hits["distanced"].fillna(False).astype(bool).to_numpy(),
        }
    )
    for g in groups:
        frame_[g] = frame_[g].where(pd.notna(frame_[g]), MISSING)
    counts = frame_.groupby([*groups, "voice", "distanced"], dropna=False).size()
    levels = [_sorted_groups(group_values(corpus, g)) for g in groups]
    combos = list(itertools.product(*levels)) if groups else [()]
    rows = []
    for combo in combos:
        for v, dist in itertools.product(VOICES, (False, True)):
            key = (*combo, v, dist)
            rows.append((*combo, v, dist, int(counts.get(key, 0))))
    table = pd.DataFrame(rows, columns=[*groups, "voice", "distanced", "n"])
    if groups:
        totals = table.groupby(groups, sort=False)["n"].transform("sum")
    else:
        totals = pd.Series(table["n"].sum(), index=table.index)
    table["n_group"] = totals.astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = table["n"] / table["n_group"].where(table["n_group"] > 0)
    table.attrs = {
        "function": "voice tally (hits by group x voice x distanced)",
        "by": groups or None,
        "contest": contest,
        "variant": variant,
        "frame": frame,
        "n_hits": len(hits),
        "corpus": matches.attrs.get("corpus_name"),
        "corpus_fingerprint": matches.attrs.get("corpus_fingerprint"),
        "lexicon": {
            "name": matches.attrs.get("lexicon_name"),
            "version": matches.attrs.get("lexicon_version"),
            "fingerprint": matches.attrs.get("lexicon_fingerprint"),
        },
        "cues_version": matches.attrs.get("cues_version"),
    }
    table.attrs.update(overrides_record(matches))  # the coders' overrides, when applied
    return table


def compute(
    analysis: Analysis, *, corpus: Any, lexicon: Any, matches: pd.DataFrame, language: str
) -> pd.DataFrame:
    """The result table of one analysis."""
    import framing

    p = dict(analysis.params)
    kind = analysis.type
    seed = analysis.seed
    if kind == "contest":
        return framing.count_contest(
            matches, corpus=corpus, lexicon=lexicon, random_state=seed, **p
        )
    if kind == "frames":
        return framing.count_frames(
            matches, corpus, lexicon=lexicon, language=language, random_state=seed, **p
        )
    if kind == "documents":
        return framing.count_documents(matches, corpus, lexicon=lexicon, language=language, **p)
    if kind == "voice":
        return voice_tally(matches, corpus, **p)
    if kind == "matches":
        table = _select(matches, **p).reset_index(drop=True)
        table.attrs = {**matches.attrs, "selection": {k: v for k, v in p.items() if v is not None}}
        return table
    if kind in ("keyness", "log_odds"):
        values = group_values(corpus, p["by"])
        for key in ("target", "reference"):
            if p.get(key) is not None:
                p[key] = resolve_groups(p[key], values)[0]
        func = framing.compare_keyness if kind == "keyness" else framing.compare_log_odds
        return func(corpus, language=language, **p)
    if kind == "specificities":
        return framing.compare_specificities(corpus, language=language, **p)
    raise AssertionError(f"unknown analysis type {kind!r}")  # pragma: no cover - validated
