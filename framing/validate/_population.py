"""The units a code sheet is drawn from: counted hits, documents, sentences."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import Corpus
from framing.validate._common import hit_unit_ids, item_ids

#: Columns that describe a hit (not a document): they cannot stratify documents.
HIT_LEVEL = ("entry", "frame", "contest", "variant", "voice", "distanced", "cue", "surface")


def as_text(values: pd.Series) -> list[str | None]:
    out: list[str | None] = []
    for value in values.tolist():
        if pd.api.types.is_scalar(value) and pd.isna(value):
            out.append(None)
        elif isinstance(value, pd.Timestamp):
            out.append(value.date().isoformat() if value == value.normalize() else str(value))
        else:
            out.append(str(value))
    return out


def counted_hits(matches: pd.DataFrame) -> np.ndarray:
    keep = np.ones(len(matches), dtype=bool)
    if "rejected" in matches.columns:
        keep &= matches["rejected"].isna().to_numpy()
    return keep


def hit_population(matches: pd.DataFrame, corpus: Corpus, meta: pd.DataFrame) -> pd.DataFrame:
    """Every counted hit, with the columns strata are drawn from (no per-hit text yet)."""
    counted = matches[counted_hits(matches)].reset_index(drop=True)
    position = pd.Index(corpus.doc_ids).get_indexer(counted["doc_id"].astype(str))
    columns: dict[str, Any] = {
        "doc_id": counted["doc_id"].astype(str).to_numpy(dtype=object),
        "start": counted["start"].to_numpy(dtype=np.int64),
        "end": counted["end"].to_numpy(dtype=np.int64),
        "sentence": pd.array(
            counted["sentence"] if "sentence" in counted else [None] * len(counted),
            dtype="Int64",
        ),
        "item": item_ids(counted["frame"], counted["contest"], counted["variant"]),
        "_doc": position,
    }
    for name in ("frame", "contest", "variant", "entry", "voice", "distanced"):
        if name in counted.columns:
            values = counted[name].astype(object)
            columns[name] = values.where(values.notna(), None).to_numpy()
        else:
            columns[name] = np.full(len(counted), None, dtype=object)
    table = pd.DataFrame(columns)
    for name in meta.columns:
        table[name] = meta[name].to_numpy(dtype=object)[position]
    # kept metadata of the matches that the corpus lacks can stratify too
    skip = set(HIT_LEVEL) | {"rejected", "text", "override", "override_reason", "relabelled_from"}
    for name in matches.columns:
        if name not in table.columns and name not in skip:
            table[name] = as_text(counted[name])
    return table


def hit_texts(sample: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Unit ids and surfaces of the sampled hits."""
    texts = corpus.texts
    sample["surface"] = [
        texts[d][a:b]
        for d, a, b in zip(
            sample["_doc"].tolist(), sample["start"].tolist(), sample["end"].tolist(), strict=True
        )
    ]
    sample["unit_id"] = hit_unit_ids(
        sample["doc_id"], sample["start"], sample["end"], sample["item"]
    )
    sample["unit"] = "hit"
    return sample


def matched_keys(
    matches: pd.DataFrame | None, items: list[str], corpus: Corpus, *, by_sentence: bool
) -> set:
    if matches is None:
        return set()
    counted = matches[counted_hits(matches)]
    hit_items = item_ids(counted["frame"], counted["contest"], counted["variant"])
    rows = counted[np.isin(hit_items, items)]
    if by_sentence:
        return set(zip(rows["doc_id"].astype(str), rows["sentence"].astype(int), strict=True))
    return set(rows["doc_id"].astype(str))


def document_population(corpus: Corpus, meta: pd.DataFrame, matched: set | None) -> pd.DataFrame:
    texts = corpus.texts
    table = pd.DataFrame(
        {
            "doc_id": pd.Series(corpus.doc_ids, dtype=object),
            "start": np.zeros(len(corpus), dtype=np.int64),
            "end": np.asarray([len(t) for t in texts], dtype=np.int64),
            "sentence": pd.array([None] * len(corpus), dtype="Int64"),
            "_doc": np.arange(len(corpus)),
        }
    )
    for name in meta.columns:
        table[name] = meta[name].to_numpy(dtype=object)
    if matched is not None:
        table["matched"] = np.where(table["doc_id"].isin(matched), "yes", "no").astype(object)
    return table


def sentence_population(
    corpus: Corpus, meta: pd.DataFrame, matched: set | None, language: str
) -> pd.DataFrame:
    from framing.text import sentence_spans

    docs, sentences, starts, ends = [], [], [], []
    for d, text in enumerate(corpus.texts):
        spans = sentence_spans(text, language=language)
        docs.append(np.full(len(spans), d, dtype=np.int64))
        sentences.append(np.arange(len(spans), dtype=np.int64))
        pairs = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        starts.append(pairs[:, 0])
        ends.append(pairs[:, 1])
    doc = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
    ids = np.asarray(corpus.doc_ids, dtype=object)
    table = pd.DataFrame(
        {
            "doc_id": pd.Series(ids[doc], dtype=object),
            "start": np.concatenate(starts) if starts else doc,
            "end": np.concatenate(ends) if ends else doc,
            "sentence": pd.array(np.concatenate(sentences) if sentences else doc, dtype="Int64"),
            "_doc": doc,
        }
    )
    for name in meta.columns:
        table[name] = meta[name].to_numpy(dtype=object)[doc] if len(doc) else []
    if matched is not None:
        keys = pd.MultiIndex.from_arrays([table["doc_id"], table["sentence"].astype(np.int64)])
        found = keys.isin(list(matched)) if matched else np.zeros(len(table), dtype=bool)
        table["matched"] = np.where(found, "yes", "no").astype(object)
    return table
