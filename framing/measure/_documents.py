"""count_documents: one row per document × frame (or variant), every document, for modelling."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError
from framing.corpus import Corpus
from framing.measure import _common as C
from framing.measure._contest import _check_contest
from framing.measure._frames import resolve_frames

ITEMS = ("frame", "variant")


def _variant_items(
    matches: pd.DataFrame, info: C.LexiconInfo, contest: Any, mask: np.ndarray
) -> tuple[list[tuple[str, str]], str]:
    C.check_matches(matches, ["contest", "variant"])
    asked = C.as_names(contest, "contest")
    if asked is None:
        asked = (
            list(info.contests)
            if info.contests is not None
            else sorted(matches["contest"].dropna().astype(str).unique().tolist())
        )
    items: list[tuple[str, str]] = []
    for name in asked:
        name = _check_contest(name, info, matches)
        if info.contests is not None:
            variants = list(info.contests[name])
        else:
            rows = mask & (matches["contest"] == name).fillna(False).to_numpy(dtype=bool)
            variants = sorted(matches.loc[rows, "variant"].astype(str).unique().tolist())
        items.extend((name, v) for v in variants)
    return items, "lexicon" if info.contests is not None else "matches"


def count_documents(
    matches: pd.DataFrame,
    corpus: Corpus,
    *,
    item: str = "frame",
    frames: str | list[str] | None = None,
    contest: str | list[str] | None = None,
    voice: str | list[str] | None = None,
    distanced: bool | None = None,
    per: int = 1000,
    lexicon: Any = None,
    language: str | None = None,
) -> pd.DataFrame:
    """Per-document counts of each frame or contest variant, for regression elsewhere.

    Every document of the corpus × every frame (or variant) is a row, zeros included, with
    the document's token count and metadata: the long table a mixed or count model (R's
    lme4/glmmTMB, statsmodels) takes as is.

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table of :func:`framing.match_lexicon`. Hits rejected by a proximity
        constraint (``audit=True``) are left out.
    corpus : Corpus
        The corpus the matches were made from.
    item : {"frame", "variant"}, default "frame"
        Count frames, or the variants of naming contests.
    frames : str or list of str, optional
        ``item="frame"``: the frames, in this order (default as in
        :func:`count_frames`: the lexicon's, else those in the matches).
    contest : str or list of str, optional
        ``item="variant"``: the contest(s) (default: all the lexicon's, else all in the
        matches).
    voice : {"author", "quoted", "attributed"} or list of them, optional
    distanced : bool, optional
    per : int, default 1000
        Rates are per ``per`` tokens; the column is named after it (``rate_per_1k``).
    lexicon : Lexicon, str or path, optional
        The lexicon the matches were made with, when ``matches.attrs`` does not carry it.
    language : str, optional
        Tokeniser language for token counts; default the lexicon's, else ``"fr"``.

    Returns
    -------
    pandas.DataFrame
        Documents in corpus order, items in lexicon order within each. Columns:

        - ``doc_id``;
        - ``frame`` (``item="frame"``), or ``contest`` and ``variant``;
        - ``n``: hits of the item in the document;
        - ``n_contest`` (variants only): mentions of the contest in the document, and
          ``share``: ``n / n_contest`` (NaN when the document does not mention it);
        - ``n_tokens``: tokens of the document (:func:`framing.text.count_words`);
        - ``rate_per_1k``: ``per × n / n_tokens`` (NaN for an empty document);
        - the corpus metadata columns.

        ``attrs`` records the parameters and provenance (with the ``overrides_*`` keys
        when the matches were overridden, see :mod:`framing.measure`).

    Raises
    ------
    FramingError
        Invalid ``item``, unknown frame or contest, matches that do not belong to the
        corpus or lexicon, invalid ``voice``, ``distanced`` or ``per``.

    Examples
    --------
    >>> import framing
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> table = count_documents(matches, corpus, item="variant", contest="city_name")
    >>> len(table)  # 5 documents × 2 variants, zeros included
    10
    >>> table.loc[table["n"] > 0, ["doc_id", "variant", "n"]].values.tolist()
    [['000_9e5079871ae24380', 'khankendi', 1], ['003_e0b1685020b70630', 'stepanakert', 3]]
    """
    item = C.check_choice(item, "item", ITEMS)
    if item == "frame" and contest is not None:
        raise FramingError(
            "contest= selects contests for item='variant'; with item='frame' use frames=."
        )
    if item == "variant" and frames is not None:
        raise FramingError(
            "frames= selects frames for item='frame'; with item='variant' use contest=."
        )
    matches = C.check_matches(matches, ["doc_id", item])
    corpus = C.check_corpus(corpus)
    voice = C.check_voice(voice)
    distanced = C.check_distanced(distanced)
    per = C.check_per(per)
    info = C.lexicon_info(matches, lexicon)
    language = C.resolve_language(language, info)
    doc_pos = C.doc_positions(C.doc_ids_of(matches), corpus.doc_ids)
    C.warn_if_fewer_documents(matches, corpus)
    mask = C.hit_mask(matches, voice, distanced)

    if item == "frame":
        counted = mask & matches["frame"].notna().to_numpy()
        names, source = resolve_frames(frames, info, matches, counted)
        keys = pd.DataFrame({"frame": names})
        hit_keys = matches["frame"].astype(object).to_numpy()[counted]
        hit_item = C.codes_of(hit_keys, names)
    else:
        pairs, source = _variant_items(matches, info, contest, mask)
        keys = pd.DataFrame(pairs, columns=["contest", "variant"])
        counted = mask & matches["contest"].notna().to_numpy()
        joined = (
            matches["contest"].astype(str) + "\x1f" + matches["variant"].astype(str)
        ).to_numpy(dtype=object)[counted]
        categories = [f"{c}\x1f{v}" for c, v in pairs]
        hit_item = C.codes_of(joined, categories)
        asked = {c for c, _ in pairs}
        in_asked = matches["contest"].to_numpy(dtype=object)[counted]
        in_asked = np.fromiter((c in asked for c in in_asked), bool, count=len(in_asked))
        stray = in_asked & (hit_item < 0)
        if stray.any():
            c, v = joined[np.flatnonzero(stray)[0]].split("\x1f")
            raise FramingError(
                f"The matches have variant {v!r} of contest {c!r}, which lexicon "
                f"{info.name!r} does not define: the matches were not made with this "
                "lexicon. Pass the lexicon they were made with."
            )
    hit_doc = doc_pos[counted][hit_item >= 0]
    hit_item = hit_item[hit_item >= 0]

    n_docs, n_items = len(corpus), len(keys)
    counts = np.zeros((n_docs, n_items), dtype=np.int64)
    np.add.at(counts, (hit_doc, hit_item), 1)
    tokens = C.token_counts(corpus, language)

    meta = corpus.metadata
    table = pd.DataFrame({"doc_id": np.repeat(meta["doc_id"].to_numpy(dtype=object), n_items)})
    for column in keys.columns:
        table[column] = np.tile(keys[column].to_numpy(dtype=object), n_docs)
    table["n"] = counts.ravel()
    if item == "variant":
        contest_codes = pd.Categorical(keys["contest"]).codes.astype(np.int64)
        same_contest = (contest_codes[:, None] == contest_codes[None, :]).astype(np.int64)
        n_contest = counts @ same_contest  # mentions of each item's contest, per document
        table["n_contest"] = n_contest.ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            table["share"] = np.where(n_contest > 0, counts / n_contest, np.nan).ravel()
    doc_tokens = np.repeat(tokens, n_items)
    table["n_tokens"] = doc_tokens
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = per * table["n"].to_numpy() / doc_tokens
    table[C.rate_column(per)] = np.where(doc_tokens > 0, rate, np.nan)
    extra = [c for c in meta.columns if c != "doc_id"]
    if extra:
        repeated = meta[extra].iloc[np.repeat(np.arange(n_docs), n_items)].reset_index(drop=True)
        clash = [c for c in extra if c in table.columns]
        if clash:
            repeated = repeated.rename(columns={c: f"meta_{c}" for c in clash})
        table = pd.concat([table, repeated], axis=1)
    table.attrs = {
        "function": "count_documents",
        "item": item,
        "items": keys.to_dict("list"),
        "items_source": source,
        "voice": None if voice is None else list(voice),
        "distanced": distanced,
        "per": per,
        "tokens": C.TOKENS_NOTE,
        "language": language,
        "n_hits_counted": len(hit_doc),
        "corpus": corpus.name,
        "corpus_fingerprint": corpus.fingerprint(),
        "lexicon": info.provenance(),
    }
    table.attrs.update(C.overrides_record(matches))
    return table
