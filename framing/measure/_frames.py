"""count_frames: frame rates per 1,000 tokens and document prevalence, by group."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing import _stats
from framing._errors import FramingError, suggest
from framing.corpus import Corpus
from framing.measure import _common as C


def resolve_frames(
    frames: Any, info: C.LexiconInfo, matches: pd.DataFrame, mask: np.ndarray
) -> tuple[list[str], str]:
    """The frames to report, and where they came from (recorded in attrs)."""
    asked = C.as_names(frames, "frames")
    seen = matches.loc[mask, "frame"].dropna().astype(str).unique().tolist()
    if asked is not None:
        if info.frames is not None:
            for name in asked:
                if name not in info.frames:
                    raise FramingError(
                        f"No frame {name!r} in lexicon {info.name!r}: frames with entries are "
                        f"{C.shown(info.frames, 20)}. (A group frame such as 'conflict' has no "
                        "entries of its own; to count a group, relabel the frame column, e.g. "
                        "matches.assign(frame=matches['frame'].str.split('/').str[0]).)"
                        + suggest(name, info.frames)
                    )
        return asked, "frames="
    if info.frames is not None:
        unknown = sorted(set(seen) - set(info.frames))
        if unknown:
            raise FramingError(
                f"The matches have frame {unknown[0]!r}, which lexicon {info.name!r} does not "
                f"define (its frames: {C.shown(info.frames, 20)}): the matches were not made "
                "with this lexicon. Pass the lexicon they were made with."
            )
        return list(info.frames), "lexicon"
    return sorted(seen), "matches"


def count_frames(
    matches: pd.DataFrame,
    corpus: Corpus,
    *,
    by: str | list[str] | None = None,
    frames: str | list[str] | None = None,
    voice: str | list[str] | None = None,
    distanced: bool | None = None,
    per: int = 1000,
    ci: float = 0.95,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = 0,
    lexicon: Any = None,
    language: str | None = None,
) -> pd.DataFrame:
    """Count frame hits by group: rates per 1,000 tokens and share of documents, with CIs.

    Every group × every frame appears, with zeros where a frame has no hit; every document
    of the corpus counts (a document without hits adds tokens and a document, no hits).

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table of :func:`framing.match_lexicon` (columns ``doc_id`` and
        ``frame`` are required; ``voice``/``distanced`` when filtering on them). Rows whose
        ``frame`` is missing (contest hits) are ignored, and so are hits rejected by a
        proximity constraint (a non-missing ``rejected`` value, ``audit=True``).
    corpus : Corpus
        The corpus the matches were made from: it supplies the documents (all of them,
        with or without hits), their metadata and token counts.
    by : str or list of str, optional
        Corpus metadata column(s) defining the groups (``"outlet"``). None: one group,
        ``group = "all"``. A missing value forms the group ``"(missing)"``.
    frames : str or list of str, optional
        Frames to report, in this order. Default: the frames of the lexicon (those with
        entries, in file order), taken from ``lexicon=`` or ``matches.attrs["lexicon"]``;
        without a lexicon, the frames present in the matches (sorted).
    voice : {"author", "quoted", "attributed"} or list of them, optional
        Count only hits in these voices (``"author"``: the outlet's own voice). None counts
        all.
    distanced : bool, optional
        True counts only distanced hits (scare quotes, « soi-disant »), False only the
        others; None all.
    per : int, default 1000
        Rates are hits per ``per`` tokens; the column is named after it (``rate_per_1k``,
        ``rate_per_100``, ``rate_per_1m``).
    ci : float, default 0.95
        Confidence level of both intervals.
    n_boot : int, default 1000
        Bootstrap replicates for the rate interval; 0 skips it (NaN bounds).
    random_state : int, numpy.random.Generator or None, default 0
        Seed of the bootstrap. With an int, each group draws from its own stream seeded by
        ``(random_state, group)``, so results are identical run after run and a group's
        interval does not change when other groups change.
    lexicon : Lexicon, str or path, optional
        The lexicon the matches were made with, when ``matches.attrs`` does not carry it.
    language : str, optional
        Language of the tokeniser for token counts; default the lexicon's, else ``"fr"``.

    Returns
    -------
    pandas.DataFrame
        One row per group × frame, groups sorted (``"(missing)"`` last), frames in the order
        above. Columns:

        - the ``by`` columns, or ``group`` (value ``"all"``);
        - ``frame``;
        - ``n_matches``: hits of the frame in the group;
        - ``n_docs``: documents in the group; ``n_docs_with``: of which with ≥ 1 hit;
        - ``n_tokens``: tokens of the group's documents (:func:`framing.text.count_words`);
        - ``rate_per_1k``: ``per × n_matches / n_tokens`` (NaN when the group has no
          token); ``rate_ci_low``, ``rate_ci_high``: percentile cluster-bootstrap interval,
          documents resampled with replacement within the group;
        - ``share_docs``: ``n_docs_with / n_docs``; ``share_docs_ci_low``,
          ``share_docs_ci_high``: Wilson score interval.

        ``attrs`` records every parameter, the methods, the frames' source, the corpus name
        and fingerprint, the lexicon name/version/fingerprint when known, the numbers of
        hits counted and left out, and the ``overrides_*`` provenance when the matches were
        overridden (see :mod:`framing.measure`).

    Raises
    ------
    FramingError
        If ``matches`` lacks a required column, has documents the corpus does not have, or
        frames the lexicon does not define; if a ``by`` column, a frame, a voice or another
        parameter is invalid (messages suggest close names).

    Warns
    -----
    FramingWarning
        When a group has a single document: its rate interval is NaN (resampling one
        document cannot estimate between-document variability; a zero-width interval would
        look certain).

    Notes
    -----
    The rate interval treats documents, not tokens, as the sampling units: hits cluster
    within documents, so resampling tokens would understate the uncertainty. Each bootstrap
    replicate draws as many documents as the group has, with replacement, and recomputes
    ``sum(hits) / sum(tokens)`` over them (a ratio estimator). The share-of-documents
    interval is Wilson's, which keeps inside [0, 1] and behaves at 0 and n.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *JASA*, 22, 209–212.
    Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. *Statistics in Medicine*, 17, 857–872.
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman &
    Hall.
    Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*,
    §3.8. Cambridge University Press.
    Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B*, 69,
    369–390.

    Examples
    --------
    The bundled Karabakh seeds, hits in the outlets' own voice only:

    >>> import framing
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> table = count_frames(matches, corpus, voice="author")
    >>> table[["frame", "n_matches", "n_docs_with"]].values.tolist()[:2]
    [['security/counter_terrorism', 37, 4], ['conflict/military', 57, 5]]
    >>> table.loc[1, ["rate_per_1k", "rate_ci_low", "rate_ci_high"]].round(1).tolist()
    [22.2, 10.6, 36.1]
    """
    matches = C.check_matches(matches, ["doc_id", "frame"])
    corpus = C.check_corpus(corpus)
    voice = C.check_voice(voice)
    distanced = C.check_distanced(distanced)
    per = C.check_per(per)
    ci = _stats.check_ci(ci)
    n_boot = _stats.check_count(n_boot, "n_boot")
    random_state = _stats.check_random_state(random_state)
    meta = corpus.metadata
    by_columns = C.check_by(by, list(meta.columns), where="the corpus metadata")
    info = C.lexicon_info(matches, lexicon)
    language = C.resolve_language(language, info)

    counted = C.hit_mask(matches, voice, distanced) & matches["frame"].notna().to_numpy()
    frame_list, frames_source = resolve_frames(frames, info, matches, counted)
    doc_pos = C.doc_positions(C.doc_ids_of(matches), corpus.doc_ids)  # all rows must fit
    C.warn_if_fewer_documents(matches, corpus)
    hit_frames = matches["frame"].astype(object).to_numpy()
    frame_code = C.codes_of(hit_frames[counted], frame_list)
    in_list = frame_code >= 0
    hit_doc = doc_pos[counted][in_list]
    hit_frame = frame_code[in_list]

    # canonical document order (by doc_id): results do not depend on the corpus row order
    ids = np.asarray(corpus.doc_ids, dtype=object)
    order = np.argsort(ids, kind="stable")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    tokens = C.token_counts(corpus, language)[order]
    groups = C.make_groups(meta.iloc[order], by_columns)
    n_frames = len(frame_list)
    hits = np.zeros((len(ids), n_frames), dtype=np.int64)
    np.add.at(hits, (rank[hit_doc], hit_frame), 1)

    rows = _per_group(hits, tokens, groups, ci=ci, n_boot=n_boot, random_state=random_state)
    table = _assemble(rows, groups, frame_list, per)
    C.warn_single_document(groups, rows["singles"] if n_boot and n_frames else [], "rate")
    table.attrs = {
        "function": "count_frames",
        "by": by_columns or None,
        "frames": list(frame_list),
        "frames_source": frames_source,
        "voice": None if voice is None else list(voice),
        "distanced": distanced,
        "per": per,
        "ci": ci,
        "n_boot": n_boot,
        "random_state": C.random_state_record(random_state),
        "rate_ci_method": "percentile bootstrap, documents resampled within group",
        "share_docs_ci_method": "Wilson score interval (no continuity correction)",
        "tokens": C.TOKENS_NOTE,
        "language": language,
        "n_hits_counted": len(hit_doc),
        "n_hits_left_out": int(len(matches) - len(hit_doc)),
        "corpus": corpus.name,
        "corpus_fingerprint": corpus.fingerprint(),
        "lexicon": info.provenance(),
    }
    table.attrs.update(C.overrides_record(matches))
    return table


def _per_group(
    hits: np.ndarray,
    tokens: np.ndarray,
    groups: C.Groups,
    *,
    ci: float,
    n_boot: int,
    random_state: Any,
) -> dict[str, Any]:
    n_groups, n_frames = len(groups.table), hits.shape[1]
    out = {
        name: np.zeros((n_groups, n_frames), dtype=np.int64)
        for name in ("n_matches", "n_docs", "n_docs_with", "n_tokens")
    }
    low = np.full((n_groups, n_frames), np.nan)
    high = np.full((n_groups, n_frames), np.nan)
    singles: list[int] = []
    for g, members in enumerate(C.members_by_group(groups)):
        h, t = hits[members], tokens[members]
        out["n_matches"][g] = h.sum(axis=0)
        out["n_docs"][g] = len(members)
        out["n_docs_with"][g] = (h > 0).sum(axis=0)
        out["n_tokens"][g] = t.sum()
        if len(members) == 1:
            singles.append(g)
        if n_boot and n_frames:
            rng = _stats.group_rng(random_state, groups.keys[g])
            low[g], high[g] = _stats.cluster_bootstrap_ratio(h, t, ci=ci, n_boot=n_boot, rng=rng)
    share_low, share_high = _stats.wilson_interval(out["n_docs_with"], out["n_docs"], ci=ci)
    out.update(
        rate_low=low, rate_high=high, share_low=share_low, share_high=share_high, singles=singles
    )
    return out


def _assemble(
    rows: dict[str, Any], groups: C.Groups, frame_list: list[str], per: int
) -> pd.DataFrame:
    n_groups, n_frames = len(groups.table), len(frame_list)
    table = groups.table.loc[np.repeat(np.arange(n_groups), n_frames)].reset_index(drop=True)
    table["frame"] = pd.Series(np.tile(np.asarray(frame_list, dtype=object), n_groups))
    for name in ("n_matches", "n_docs", "n_docs_with", "n_tokens"):
        table[name] = rows[name].ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = per * rows["n_matches"] / rows["n_tokens"]
        share = rows["n_docs_with"] / rows["n_docs"]
    table[C.rate_column(per)] = np.where(rows["n_tokens"] > 0, rate, np.nan).ravel()
    table["rate_ci_low"] = (per * rows["rate_low"]).ravel()
    table["rate_ci_high"] = (per * rows["rate_high"]).ravel()
    table["share_docs"] = share.ravel()
    table["share_docs_ci_low"] = rows["share_low"].ravel()
    table["share_docs_ci_high"] = rows["share_high"].ravel()
    return table
