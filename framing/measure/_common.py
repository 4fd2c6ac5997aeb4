"""Shared checks and building blocks of the measures: matches, corpus, lexicon, groups."""

from __future__ import annotations

import numbers
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing.corpus import Corpus
from framing.voice import VOICES

MISSING_GROUP = "(missing)"
ALL_GROUP = "all"
DEFAULT_LANGUAGE = "fr"
TOKENS_NOTE = "framing.text.count_words (words, numbers and elided forms; not punctuation)"

# Word counts per corpus and language, computed once: a Corpus is immutable.
_TOKEN_CACHE: weakref.WeakKeyDictionary[Corpus, dict[str, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)


def shown(values: Iterable[Any], n: int = 10) -> str:
    """``'a', 'b', … (12 in all)``: the first n values, quoted."""
    values = list(values)
    text = ", ".join(repr(v) for v in values[:n])
    return text + (f", … ({len(values)} in all)" if len(values) > n else "") if values else "none"


# --- the lexicon's structure ----------------------------------------------------------------


@dataclass(frozen=True)
class LexiconInfo:
    """What the measures need of a lexicon: its frames, contests, variants, metadata."""

    name: str | None = None
    version: str | None = None
    language: str | None = None
    fingerprint: str | None = None
    frames: tuple[str, ...] | None = None
    contests: dict[str, tuple[str, ...]] | None = None

    def provenance(self) -> dict[str, Any] | None:
        if self.name is None and self.frames is None and self.contests is None:
            return None
        return {"name": self.name, "version": self.version, "fingerprint": self.fingerprint}


def _from_lexicon(lexicon: Any) -> LexiconInfo:
    return LexiconInfo(
        name=lexicon.name,
        version=lexicon.version,
        language=lexicon.language,
        fingerprint=lexicon.fingerprint(),
        # group frames (children only, no entries of their own) never receive a hit
        frames=tuple(name for name, frame in lexicon.frames.items() if frame.entries),
        contests={c: tuple(lexicon.variants(c)) for c in lexicon.contest_names},
    )


def _from_mapping(data: Any) -> LexiconInfo:
    frames = data.get("frames")
    contests = data.get("contests")
    return LexiconInfo(
        name=data.get("name"),
        version=data.get("version"),
        language=data.get("language"),
        fingerprint=data.get("fingerprint"),
        frames=None if frames is None else tuple(str(f) for f in frames),
        contests=None
        if contests is None
        else {str(c): tuple(str(v) for v in vs) for c, vs in dict(contests).items()},
    )


def _bundled(name: Any, fingerprint: Any) -> LexiconInfo | None:
    """The bundled lexicon of that name, if its fingerprint is the one recorded."""
    from framing.lexicon import read_lexicon

    if not isinstance(name, str) or not isinstance(fingerprint, str):
        return None
    try:
        info = _from_lexicon(read_lexicon(name))
    except (FramingError, OSError):
        return None
    return info if info.fingerprint == fingerprint else None


def lexicon_info(matches: pd.DataFrame, lexicon: Any) -> LexiconInfo:
    """The lexicon's structure (frames, contests, variants) and provenance.

    Looked up in this order:

    1. ``lexicon=`` — a :class:`framing.Lexicon`, a bundled lexicon name or a path (read
       with :func:`framing.read_lexicon`). If ``matches.attrs`` records another lexicon
       fingerprint, a FramingError says the tables do not belong together.
    2. ``matches.attrs["lexicon"]`` — a Lexicon, or a mapping with ``frames`` (frame ids)
       and ``contests`` (contest id -> variant ids), optionally ``name``, ``version``,
       ``language``, ``fingerprint``; or ``attrs["lexicon_frames"]`` and
       ``attrs["lexicon_contests"]`` beside the matcher's ``lexicon_name`` etc.
    3. The bundled lexicon named by ``attrs["lexicon_name"]`` (as :func:`match_lexicon`
       records it) when its fingerprint equals ``attrs["lexicon_fingerprint"]``.
    4. Otherwise only the provenance recorded in attrs, and no structure: the measures
       then use the frames, contests and variants present in the matches.
    """
    from framing.lexicon import Lexicon
    from framing.lexicon._io import as_lexicon

    attrs = matches.attrs
    recorded = attrs.get("lexicon_fingerprint")
    if lexicon is not None:
        lexicon = as_lexicon(
            lexicon,
            wrong="lexicon must be a framing.Lexicon, a bundled lexicon name or a path; got "
            "{type}.",
        )
        info = _from_lexicon(lexicon)
        if isinstance(recorded, str) and recorded != info.fingerprint:
            raise FramingError(
                f"The matches were made with lexicon {attrs.get('lexicon_name')!r} "
                f"(version {attrs.get('lexicon_version')!r}, fingerprint {recorded}), not "
                f"with lexicon {info.name!r} (version {info.version!r}, fingerprint "
                f"{info.fingerprint}). Pass the lexicon the matches were made with."
            )
        return info
    stored = attrs.get("lexicon")
    if isinstance(stored, Lexicon):
        return _from_lexicon(stored)
    if isinstance(stored, dict) and ("frames" in stored or "contests" in stored):
        return _from_mapping(stored)
    meta = {
        "name": attrs.get("lexicon_name"),
        "version": attrs.get("lexicon_version"),
        "language": attrs.get("lexicon_language"),
        "fingerprint": recorded,
    }
    if isinstance(stored, dict):
        meta.update({k: stored[k] for k in meta if stored.get(k) is not None})
    if "lexicon_frames" in attrs or "lexicon_contests" in attrs:
        return _from_mapping(
            {
                **meta,
                "frames": attrs.get("lexicon_frames"),
                "contests": attrs.get("lexicon_contests"),
            }
        )
    bundled = _bundled(meta["name"], meta["fingerprint"])
    if bundled is not None:
        return bundled
    return LexiconInfo(**meta)


# --- parameters ------------------------------------------------------------------------------


def as_names(value: Any, name: str) -> list[str] | None:
    """None, a str or a list of str -> None or a list of str (no duplicates)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        if not value:
            raise FramingError(f"{name} must name at least one item; got an empty list.")
        return list(dict.fromkeys(value))
    raise FramingError(f"{name} must be a str or a list of str; got {value!r}.")


def check_voice(voice: Any) -> tuple[str, ...] | None:
    """None, one voice or a list of voices -> a tuple of valid voices, or a FramingError."""
    names = as_names(voice, "voice")
    if names is None:
        return None
    for v in names:
        if v not in VOICES:
            raise FramingError(
                f"voice must be one of {', '.join(map(repr, VOICES))} (or a list of them); "
                f"got {v!r}.{suggest(v, VOICES)}"
            )
    return tuple(names)


def check_distanced(distanced: Any) -> bool | None:
    if distanced is None or isinstance(distanced, (bool, np.bool_)):
        return None if distanced is None else bool(distanced)
    raise FramingError(
        "distanced must be True (only distanced hits), False (only hits not distanced) or "
        f"None (all hits); got {distanced!r}."
    )


def check_per(per: Any) -> int:
    if isinstance(per, bool) or not isinstance(per, numbers.Integral) or per <= 0:
        raise FramingError(
            f"per must be a positive integer (e.g. 1000 for rates per 1,000 tokens); got {per!r}."
        )
    return int(per)


def rate_column(per: int) -> str:
    """``rate_per_1k`` for 1000, ``rate_per_1m`` for 1,000,000, ``rate_per_100`` for 100."""
    if per % 1_000_000 == 0:
        return f"rate_per_{per // 1_000_000}m"
    if per % 1000 == 0:
        return f"rate_per_{per // 1000}k"
    return f"rate_per_{per}"


def check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
    if isinstance(value, str) and value in choices:
        return value
    raise FramingError(
        f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}."
        + suggest(str(value), choices)
    )


# --- the matches table -----------------------------------------------------------------------


def check_matches(matches: Any, required: Sequence[str]) -> pd.DataFrame:
    """The matches table, checked: a DataFrame with the required columns; doc_id as str."""
    if not isinstance(matches, pd.DataFrame):
        raise FramingError(
            "matches must be the pandas DataFrame returned by framing.match_lexicon; got "
            f"{type(matches).__name__}."
        )
    missing = [c for c in required if c not in matches.columns]
    if missing:
        raise FramingError(
            f"The matches table has no column {missing[0]!r} (columns: "
            f"{shown(matches.columns, 20)}). Pass the table returned by "
            "framing.match_lexicon." + suggest(missing[0], [str(c) for c in matches.columns])
        )
    return matches


def hit_mask(
    matches: pd.DataFrame, voice: tuple[str, ...] | None, distanced: bool | None
) -> np.ndarray:
    """The hits that count: not rejected by a proximity constraint, and of the voice asked."""
    keep = np.ones(len(matches), dtype=bool)
    if "rejected" in matches.columns:  # match_lexicon(audit=True) keeps rejected hits
        keep &= matches["rejected"].isna().to_numpy()
    if voice is not None:
        if "voice" not in matches.columns or (len(matches) and matches["voice"].isna().all()):
            raise FramingError(
                "Cannot filter by voice: the matches table has no voice values (it was made "
                "with match_lexicon(..., voice=False)). Re-run the matcher with voice=True, "
                "or pass voice=None."
            )
        keep &= matches["voice"].isin(list(voice)).to_numpy()
    if distanced is not None:
        if "distanced" not in matches.columns or (
            len(matches) and matches["distanced"].isna().all()
        ):
            raise FramingError(
                "Cannot filter by distanced: the matches table has no distanced values (it "
                "was made with match_lexicon(..., voice=False)). Re-run the matcher with "
                "voice=True, or pass distanced=None."
            )
        flags = matches["distanced"].fillna(False).astype(bool).to_numpy()
        keep &= flags if distanced else ~flags
    return keep


def doc_ids_of(matches: pd.DataFrame) -> np.ndarray:
    return matches["doc_id"].astype(str).to_numpy(dtype=object)


def check_corpus(corpus: Any) -> Corpus:
    if not isinstance(corpus, Corpus):
        raise FramingError(
            "corpus must be the framing.Corpus the matches were made from (framing."
            f"read_corpus or Corpus.from_frame); got {type(corpus).__name__}."
        )
    return corpus


def warn_if_fewer_documents(matches: pd.DataFrame, corpus: Corpus, *, stacklevel: int = 3) -> None:
    """Warn when the matcher saw fewer documents than the corpus has (a different corpus).

    Documents the matcher never scanned would count as documents without hits. (Matches
    made from a larger corpus and counted on a subset of it are fine.)
    """
    recorded = matches.attrs.get("corpus_fingerprint")
    n_docs = matches.attrs.get("n_docs")
    if not isinstance(recorded, str) or not isinstance(n_docs, numbers.Integral):
        return
    if recorded != corpus.fingerprint() and n_docs < len(corpus):
        import warnings

        warnings.warn(
            f"The matches were made from a corpus of {n_docs} documents (fingerprint "
            f"{recorded}); this corpus has {len(corpus)}. Documents the matcher did not see "
            "count as documents without hits. Pass the corpus the matches were made from.",
            FramingWarning,
            stacklevel=stacklevel,
        )


def codes_of(values: Any, categories: Sequence[Any]) -> np.ndarray:
    """Position of each value in ``categories`` (unique), -1 where it is not there."""
    return (
        pd.Index(list(categories)).get_indexer(np.asarray(values, dtype=object)).astype(np.int64)
    )


def doc_positions(ids: np.ndarray, corpus_ids: Sequence[str]) -> np.ndarray:
    """Position in ``corpus_ids`` of each id, or a FramingError if some are not there."""
    codes = codes_of(ids, corpus_ids)
    if (codes < 0).any():
        absent = list(dict.fromkeys(ids[codes < 0].tolist()))
        raise FramingError(
            f"{int((codes < 0).sum())} matches belong to documents that are not in the corpus "
            f"({shown(absent, 5)}): the matches table and the corpus do not belong together. "
            "Pass the corpus the matches were made from, or keep only its documents: "
            "matches[matches['doc_id'].isin(corpus.doc_ids)]."
        )
    return codes


def token_counts(corpus: Corpus, language: str) -> np.ndarray:
    """Words per document (:func:`framing.text.count_words`), computed once per corpus."""
    from framing.text import count_words

    per_corpus = _TOKEN_CACHE.setdefault(corpus, {})
    if language not in per_corpus:
        texts = corpus.texts
        per_corpus[language] = np.fromiter(
            (count_words(t, language=language) for t in texts), np.int64, count=len(texts)
        )
    return per_corpus[language]


def resolve_language(language: str | None, info: LexiconInfo) -> str:
    """The tokeniser language: ``language=``, else the lexicon's when supported, else fr."""
    from framing.text import count_words

    if language is not None:
        count_words("", language=language)  # raises a FramingError if unsupported
        return language
    if info.language:
        try:
            count_words("", language=info.language)
        except FramingError:
            return DEFAULT_LANGUAGE
        return info.language
    return DEFAULT_LANGUAGE


# --- groups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Groups:
    """Documents' groups: ``codes[i]`` is the group of document i; ``table`` one row each."""

    columns: list[str]  # output columns: the by columns, or ["group"]
    table: pd.DataFrame  # one row per group, in output order (missing values shown)
    codes: np.ndarray  # group code of each document (row of ``table``)
    keys: list[str]  # a stable string per group (seeds the group's bootstrap stream)


def check_by(by: Any, available: Sequence[str], *, where: str) -> list[str]:
    columns = as_names(by, "by") or []
    for column in columns:
        if column not in available:
            raise FramingError(
                f"Cannot group by {column!r}: no such column in {where} (columns: "
                f"{shown(available, 20)}).{suggest(column, available)}"
            )
    return columns


def make_groups(frame: pd.DataFrame, columns: list[str]) -> Groups:
    """Group the rows of ``frame`` (one per document) by ``columns``.

    Groups are sorted by their values, a missing value is its own group shown as
    ``"(missing)"`` (last); with no columns there is one group, ``group = "all"``.
    """
    n = len(frame)
    if not columns:
        table = pd.DataFrame({"group": [ALL_GROUP]})
        return Groups(["group"], table, np.zeros(n, dtype=np.int64), [ALL_GROUP])
    keys = frame[columns].reset_index(drop=True)
    try:
        grouped = keys.groupby(columns, dropna=False, sort=True, observed=True)
        codes = grouped.ngroup().to_numpy(dtype=np.int64)
        table = grouped.size().reset_index()[columns]
    except TypeError:  # values that cannot be ordered together: first-seen order
        grouped = keys.groupby(columns, dropna=False, sort=False, observed=True)
        codes = grouped.ngroup().to_numpy(dtype=np.int64)
        table = grouped.size().reset_index()[columns]
    for column in columns:
        values = table[column]
        if values.isna().any():
            table[column] = values.astype(object).where(values.notna(), MISSING_GROUP)
    labels = ["\x1f".join(str(v) for v in row) for row in table.itertuples(index=False)]
    return Groups(columns, table.reset_index(drop=True), codes, labels)


def members_by_group(groups: Groups) -> list[np.ndarray]:
    """The document indices of each group, in group order (one pass, not one per group)."""
    n_groups = len(groups.table)
    if n_groups == 0:
        return []
    order = np.argsort(groups.codes, kind="stable")
    sizes = np.bincount(groups.codes, minlength=n_groups)
    return np.split(order, np.cumsum(sizes)[:-1])


def group_label(groups: Groups, g: int) -> str:
    row = groups.table.iloc[g]
    return ", ".join(f"{c}={row[c]!r}" for c in groups.columns)


def warn_single_document(
    groups: Groups, singles: list[int], what: str, *, stacklevel: int = 3
) -> None:
    if not singles:
        return
    import warnings

    names = "; ".join(group_label(groups, g) for g in singles[:5])
    more = f" and {len(singles) - 5} more" if len(singles) > 5 else ""
    warnings.warn(
        f"{len(singles)} group(s) with a single document ({names}{more}): the {what} "
        "interval cannot be estimated by resampling documents and is NaN. Group more "
        "coarsely, or read the point estimate without an interval.",
        FramingWarning,
        stacklevel=stacklevel,
    )


# --- overrides provenance --------------------------------------------------------------------

#: The provenance :func:`framing.validate.apply_overrides` writes into the matches' attrs,
#: carried as is (same keys) into the attrs of every measure made from those matches.
#: (``overrides_added_rejected``, apply_overrides' own note for undoing, is not carried.)
OVERRIDES_ATTRS: tuple[str, ...] = (
    "overrides_name",
    "overrides_version",
    "overrides_fingerprint",
    "overrides_coders",
    "overrides_date",
    "overrides_source",
    "n_overrides",
    "n_overrides_unmatched",
    "n_excluded_by_overrides",
    "n_relabelled_by_overrides",
)


def overrides_record(matches: pd.DataFrame) -> dict[str, Any]:
    """The overrides provenance in the matches' attrs; empty when none were applied.

    Matches carry it once :func:`framing.validate.apply_overrides` has run on them (its
    ``overrides_fingerprint`` is the marker); ``apply_overrides(matches, None)`` removes it.
    Every measure adds this to its attrs: without overrides nothing is added (no
    ``overrides_*`` key at all), so results, and the files written from them, stay as they
    were. Lists are copied, so a result's attrs never share an object with the matches'.
    """
    attrs = matches.attrs
    if attrs.get("overrides_fingerprint") is None:
        return {}
    return {
        key: list(attrs[key]) if isinstance(attrs[key], (list, tuple)) else attrs[key]
        for key in OVERRIDES_ATTRS
        if key in attrs
    }


def random_state_record(random_state: Any) -> Any:
    """random_state as it can be written to attrs/provenance (a Generator is described)."""
    if isinstance(random_state, np.random.Generator):
        return "numpy.random.Generator (state not recorded)"
    return random_state
