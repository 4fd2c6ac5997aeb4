"""``sample_for_coding``: draw hits, documents or sentences for hand coding."""

from __future__ import annotations

import numbers
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest
from framing._keep import keep_columns
from framing._stats import check_random_state
from framing.corpus import Corpus, as_corpus
from framing.validate._common import (
    DEFAULT_CODEBOOKS,
    DEFAULT_CODERS,
    MARK_CLOSE,
    MARK_OPEN,
    SHEET_FORMAT,
    UNITS,
    check_choice,
    check_codebook,
    check_coders,
    code_column,
    item_ids,
    note_column,
    shown,
)
from framing.validate._population import (
    as_text,
    document_population,
    hit_population,
    hit_texts,
    matched_keys,
    sentence_population,
)
from framing.validate._strata import ALLOCATIONS, assign_strata, choose_strata, draw

CALLER = "sample_for_coding()"
_MATCH_COLUMNS = ("doc_id", "start", "end", "entry", "frame", "contest", "variant")
_SHEET_BASE = (
    "unit_id",
    "unit",
    "doc_id",
    "start",
    "end",
    "sentence",
    "item",
    "frame",
    "contest",
    "variant",
)
_HIT_EXTRA = ("entry", "surface", "voice", "distanced")
_TRAILING = ("context", "stratum", "weight")


# --- inputs --------------------------------------------------------------------------------


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise FramingError(f"{CALLER}: n must be a positive integer (units to sample); got {n!r}.")
    return int(n)


def _check_window(window: Any) -> int:
    if isinstance(window, bool) or not isinstance(window, numbers.Integral) or window < 0:
        raise FramingError(
            f"{CALLER}: window must be an integer >= 0 (words of context either side of a "
            f"hit); got {window!r}."
        )
    return int(window)


def _inputs(data: Any, corpus: Any, unit: str) -> tuple[pd.DataFrame | None, Corpus]:
    """The matches table (or None) and the corpus, checked."""
    if isinstance(data, Corpus):
        if corpus is not None:
            raise FramingError(
                f"{CALLER}: the corpus is given twice (as data and as corpus=). Pass the "
                "matches table as data and the corpus as corpus=, or the corpus alone."
            )
        if unit == "hit":
            raise FramingError(
                f"{CALLER}: unit='hit' samples the lexicon's hits, so data must be the matches "
                "table from framing.match_lexicon (with corpus=...). A corpus alone can be "
                "sampled by unit='document' or unit='sentence'."
            )
        return None, data
    if not isinstance(data, pd.DataFrame):
        raise FramingError(
            f"{CALLER}: data must be a matches table (from framing.match_lexicon) or a "
            f"framing.Corpus; got {type(data).__name__}."
        )
    missing = [c for c in _MATCH_COLUMNS if c not in data.columns]
    if missing:
        available = [str(c) for c in data.columns]
        raise FramingError(
            f"{CALLER}: data has no column {missing[0]!r}, so it is not a matches table "
            f"(columns: {shown(available, 20)}). Pass the table returned by "
            "framing.match_lexicon, or a framing.Corpus." + suggest(missing[0], available)
        )
    if corpus is None:
        raise FramingError(
            f"{CALLER}: the corpus the matches were made from is needed (corpus=...): the "
            "code sheet shows each unit in its context."
        )
    corp = as_corpus(corpus, caller="sample_for_coding")
    ids = pd.unique(data["doc_id"].astype(str).to_numpy(dtype=object))
    unknown = sorted(ids[pd.Index(corp.doc_ids).get_indexer(ids) < 0].tolist())
    if unknown:
        raise FramingError(
            f"{CALLER}: {len(unknown)} document(s) of the matches are not in the corpus "
            f"({shown(unknown, 5)}). Pass the corpus the matches were made from."
        )
    return data, corp


def resolve_lexicon(lexicon: Any, matches: pd.DataFrame | None, *, caller: str) -> Any:
    """The Lexicon (for descriptions and items): given, or the bundled one the matches name."""
    from framing.lexicon import read_lexicon
    from framing.lexicon._io import as_lexicon

    attrs = {} if matches is None else matches.attrs
    recorded = attrs.get("lexicon_fingerprint")
    if lexicon is not None:
        lexicon = as_lexicon(
            lexicon,
            wrong=f"{caller}: lexicon must be a framing.Lexicon, a lexicon file or a bundled "
            "lexicon name; got {type}.",
        )
        if isinstance(recorded, str) and recorded != lexicon.fingerprint():
            raise FramingError(
                f"{caller}: the matches were made with lexicon {attrs.get('lexicon_name')!r} "
                f"(fingerprint {recorded}), not with lexicon {lexicon.name!r} version "
                f"{lexicon.version} ({lexicon.fingerprint()}). Pass the lexicon the matches "
                "were made with."
            )
        return lexicon
    name = attrs.get("lexicon_name")
    if isinstance(name, str) and isinstance(recorded, str):
        try:
            bundled = read_lexicon(name)
        except (FramingError, OSError):
            return None
        if bundled.fingerprint() == recorded:
            return bundled
    return None


def _universe(lexicon: Any, matches: pd.DataFrame | None) -> list[str]:
    """Every item (frame or contest variant) the sheet could ask about."""
    if lexicon is not None:
        frames = [f"frame:{name}" for name, f in lexicon.frames.items() if f.entries]
        variants = [
            f"contest:{c}/{v}" for c, contest in lexicon.contests.items() for v in contest.variants
        ]
        return frames + variants
    if matches is not None:
        attrs = matches.attrs
        if "lexicon_frames" in attrs or "lexicon_contests" in attrs:
            frames = [f"frame:{f}" for f in attrs.get("lexicon_frames") or []]
            contests = attrs.get("lexicon_contests") or {}
            return frames + [f"contest:{c}/{v}" for c, vs in contests.items() for v in vs]
        found = item_ids(matches["frame"], matches["contest"], matches["variant"])
        return sorted(set(found.tolist()))
    return []


def _items(items: Any, universe: list[str]) -> list[str]:
    """The items a blind sheet asks about, as ``frame:<frame>`` / ``contest:<c>/<v>`` ids.

    A name may be written as the sheets write items (``frame:delegitimation``,
    ``contest:operation_name``, ``contest:operation_name/offensive``) or without the
    prefix (``delegitimation``, ``operation_name``, ``operation_name/offensive``). A
    contest stands for all its variants. Without the prefix a frame is preferred to a
    contest of the same name.
    """
    if not universe and items is None:
        raise FramingError(
            f"{CALLER}: no items to ask about: pass lexicon= (its frames and variants become "
            "the items) or items=[...]."
        )
    if items is None:
        return list(universe)
    wanted = [items] if isinstance(items, str) else items
    if not isinstance(wanted, Sequence) or not all(isinstance(i, str) for i in wanted):
        raise FramingError(
            f"{CALLER}: items must be a list of frame ids, contest ids or 'contest/variant' "
            f"ids; got {items!r}."
        )
    out: list[str] = []
    for name in wanted:
        kind, bare = "", name
        if name.startswith(("frame:", "contest:")):
            kind, _, bare = name.partition(":")
        if not universe:
            if kind == "frame" and bare:
                out.append(name)
                continue
            contest, _, variant = bare.partition("/")
            if kind == "contest" and contest and variant:
                out.append(name)
                continue
            raise FramingError(
                f"{CALLER}: without a lexicon, items must be written 'frame:<frame>' or "
                f"'contest:<contest>/<variant>' (a contest's variants are not known without "
                f"it); got {name!r}. Or pass lexicon=."
            )
        candidates = (
            [f"frame:{bare}"]
            if kind == "frame"
            else [f"contest:{bare}"]
            if kind == "contest"
            else [f"frame:{bare}", f"contest:{bare}"]
        )
        found = next((c for c in candidates if c in universe), None)
        if found is not None:
            out.append(found)
            continue
        variants = (
            [i for i in universe if i.startswith(f"contest:{bare}/")] if kind != "frame" else []
        )
        if not variants:
            labels = [i.split(":", 1)[1] for i in universe]
            contests = sorted(
                {i[len("contest:") :].split("/")[0] for i in universe if i.startswith("contest:")}
            )
            what = {"frame": "a frame", "contest": "a contest or contest/variant"}.get(
                kind, "a frame, contest or contest/variant"
            )
            raise FramingError(
                f"{CALLER}: item {name!r} is not {what} of the lexicon (items: "
                f"{shown(labels, 12)})." + suggest(bare, labels + contests)
            )
        out.extend(variants)
    return list(dict.fromkeys(out))


def _metadata(corpus: Corpus, keep: Any) -> pd.DataFrame:
    """Corpus metadata as text (None when missing), one row per document, in corpus order."""
    meta = corpus.metadata
    reserved = set(_SHEET_BASE) | set(_HIT_EXTRA) | set(_TRAILING) | {"matched", "cue"}
    wanted = keep_columns(
        keep,
        [c for c in meta.columns if c != "doc_id"],
        caller=f"{CALLER}:",
        table="code sheet",
        reserved=lambda name: name in reserved or name.startswith(("code_", "note_")),
    )
    out = pd.DataFrame(index=range(len(meta)))
    for name in wanted:
        out[name] = pd.Series(as_text(meta[name]), dtype=object)
    return out


# --- contexts ------------------------------------------------------------------------------


def _hit_contexts(sample: pd.DataFrame, corpus: Corpus, window: int, language: str) -> list[str]:
    from framing.concordance import kwic

    spans = sample[["doc_id", "start", "end"]].drop_duplicates().reset_index(drop=True)
    table = kwic(corpus, matches=spans, window=window, keep=False, language=language)
    marked = {
        (d, int(a), int(b)): f"{left}{MARK_OPEN}{match}{MARK_CLOSE}{right}"
        for d, a, b, left, match, right in zip(
            table["doc_id"],
            table["start"],
            table["end"],
            table["left"],
            table["match"],
            table["right"],
            strict=True,
        )
    }
    keys = zip(sample["doc_id"], sample["start"], sample["end"], strict=True)
    return [marked[(d, int(a), int(b))] for d, a, b in keys]


def _descriptions(lexicon: Any, items: list[str]) -> dict[str, str]:
    """Descriptions of the items, and of their contests (key ``contest:<contest>``)."""
    if lexicon is None:
        return {}
    out: dict[str, str] = {}
    for item in items:
        kind, _, name = item.partition(":")
        text = None
        if kind == "frame" and name in lexicon.frames:
            text = lexicon.frames[name].description
        elif kind == "contest":
            contest, _, variant = name.partition("/")
            owner = lexicon.contests.get(contest)
            if owner is not None:
                if owner.description and f"contest:{contest}" not in out:
                    out[f"contest:{contest}"] = " ".join(owner.description.split())
                found = owner.variants.get(variant)
                text = found.description if found is not None else None
        if text:
            out[item] = " ".join(text.split())
    return out


def _language(language: Any, matches: pd.DataFrame | None, lexicon: Any) -> str:
    if language is not None:
        if not isinstance(language, str):
            raise FramingError(f"{CALLER}: language must be 'fr' or 'en'; got {language!r}.")
        return language
    if matches is not None and isinstance(matches.attrs.get("language"), str):
        return matches.attrs["language"]
    if lexicon is not None and lexicon.language in ("fr", "en"):
        return lexicon.language
    return "fr"


# --- the public function -------------------------------------------------------------------


def sample_for_coding(
    data: pd.DataFrame | Corpus,
    *,
    corpus: Corpus | pd.DataFrame | str | os.PathLike[str] | None = None,
    n: int = 100,
    unit: str = "hit",
    stratify: str | Sequence[str] | None = "auto",
    allocation: str = "equal",
    items: str | Sequence[str] | None = None,
    coders: Sequence[str] = DEFAULT_CODERS,
    codebook: Mapping[Any, str] | Sequence[Any] | None = None,
    lexicon: Any = None,
    window: int = 25,
    keep: bool | str | Sequence[str] | None = True,
    language: str | None = None,
    random_state: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """Draw a stratified random sample of hits, documents or sentences for hand coding.

    The result is a *code sheet*: one row per unit to judge, its context, its metadata,
    the stratum it was drawn from and its sampling weight, and empty ``code_<coder>`` and
    ``note_<coder>`` columns for each coder. Write it with
    :func:`~framing.validate.write_code_sheet` (CSV or XLSX, with instructions), read the
    coded file back with :func:`~framing.validate.read_codes`.

    Parameters
    ----------
    data : pandas.DataFrame or Corpus
        The matches table of :func:`framing.match_lexicon`, or (for ``unit="document"`` or
        ``"sentence"``) a corpus alone.
    corpus : Corpus, DataFrame, str or path, optional
        The corpus the matches were made from (required with a matches table).
    n : int, default 100
        Units to draw: hits, documents or sentences. All of them when there are fewer.
    unit : {"hit", "document", "sentence"}, default "hit"
        ``"hit"``: each row is one counted hit, shown in its context with the hit marked
        ``[[like this]]``; coders judge whether it is correct (precision). ``"document"``
        and ``"sentence"``: units are drawn from the whole corpus, matched by the lexicon
        or not, and each unit gives one row per *item* (frame or contest variant); coders
        say whether the item is present. These sheets are *blind*: they show no lexicon
        output, so that coding is not anchored on it (recall, F1).
    stratify : "auto", str, list of str or None, default "auto"
        Columns whose combinations form the strata. ``"auto"``: for hits ``outlet``,
        ``item`` (the frame, or the contest variant) and ``voice``; for documents and
        sentences ``outlet`` and ``matched`` (whether the lexicon counted one of the
        items there), each where the column exists. None: a simple random sample. A
        missing value is its own stratum, ``(missing)``.
    allocation : {"equal", "proportional"}, default "equal"
        Units per stratum: as equal as the strata sizes allow (rare outlets, frames and
        voices get enough units to be judged), or proportional to the strata sizes
        (largest-remainder rounding). Either way each row records its weight ``N_h / n_h``
        so that overall estimates stay unbiased.
    items : str or list of str, optional
        For ``unit="document"`` / ``"sentence"``: the frames, contests (all their
        variants) or ``contest/variant`` ids to ask about, with or without the prefix the
        sheet's ``item`` column uses: ``"delegitimation"`` or ``"frame:delegitimation"``,
        ``"operation_name"`` or ``"contest:operation_name"``,
        ``"operation_name/offensive"`` or ``"contest:operation_name/offensive"``. Without
        a prefix, a frame wins over a contest of the same name. Without a lexicon, write
        the prefixed ids (``"frame:<frame>"``, ``"contest:<contest>/<variant>"``). Default:
        every frame with entries and every contest variant of the lexicon.
    coders : list of str, default ("coder_1", "coder_2")
        Coder names: each gets a ``code_<name>`` and a ``note_<name>`` column.
    codebook : mapping or list, optional
        The allowed codes, ``{code: meaning}``, in order (the order of an ordinal scale).
        Default for hits ``{"1": correct, "0": false positive}``; for documents and
        sentences ``{"1": present, "0": absent}``. Codes are compared as text.
    lexicon : Lexicon, str or path, optional
        The lexicon the matches were made with, for the instructions (its frame and
        variant descriptions) and the items. Default: the bundled lexicon the matches name,
        when its fingerprint is the one recorded.
    window : int, default 25
        Words of context either side of a hit (:func:`framing.kwic`).
    keep : bool, str or list of str, default True
        Corpus metadata columns to show (and to stratify by): True for all.
    language : str, optional
        Sentence rules for ``unit="sentence"`` and word boundaries of contexts. Default:
        the matches' language, else the lexicon's, else ``"fr"``.
    random_state : int, numpy.random.Generator or None
        Seed: the same seed, data and parameters give the same sheet, whatever the row
        order of the matches or the corpus.

    Returns
    -------
    pandas.DataFrame
        The code sheet, units in random order (so that coding order is unrelated to
        strata; the rows of one document or sentence stay together). Columns:

        - ``unit_id`` (str): ``doc_id:start-end:item`` for a hit, ``doc_id:item`` for a
          document, ``doc_id:s<sentence>:item`` for a sentence; unique.
        - ``unit`` (str), ``doc_id`` (str), ``start``, ``end`` (int64: the hit, the
          sentence or the whole document), ``sentence`` (Int64, missing for documents).
        - ``item`` (str): ``frame:<frame>`` or ``contest:<contest>/<variant>``; ``frame``,
          ``contest``, ``variant`` (str or None) spell it out.
        - hits only: ``entry``, ``surface``, ``voice`` (str), ``distanced`` (bool or None).
        - the kept metadata columns (as text).
        - ``context`` (str): the hit with ``window`` words either side, the hit between
          ``[[`` and ``]]`` (whitespace runs shown as one space); the sentence; or the
          whole document text.
        - ``stratum`` (str) and ``weight`` (float, ``N_h / n_h``).
        - ``code_<coder>`` and ``note_<coder>`` for each coder, empty (None).

        ``attrs`` records what :func:`write_code_sheet` and :func:`read_codes` need and
        the provenance: ``unit``, ``coders``, ``codebook``, ``items``, ``item_descriptions``,
        ``strata`` (population and sample size and weight of each), ``stratify``,
        ``allocation``, ``n``, ``random_state``, ``lexicon`` and ``corpus`` (name, version,
        fingerprint), ``framing_version``.

    Raises
    ------
    FramingError
        A bad parameter; a matches table without its columns or with documents that are
        not in the corpus; an unknown stratification column, item or metadata column
        (with suggestions); a corpus without matches for ``unit="hit"``.

    Warns
    -----
    FramingWarning
        When ``n`` is smaller than the number of strata, so that some strata get no unit.

    See Also
    --------
    write_code_sheet, read_codes, reliability, validate_lexicon

    Examples
    --------
    >>> import framing
    >>> from framing.validate import sample_for_coding
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> hits = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> sheet = sample_for_coding(hits, corpus=corpus, n=20, stratify="voice",
    ...                           coders=["A", "B"], random_state=1)
    >>> len(sheet), sheet["unit_id"].is_unique
    (20, True)
    >>> sheet.columns[-4:].tolist()
    ['code_A', 'note_A', 'code_B', 'note_B']
    """
    unit = check_choice(unit, "unit", UNITS, caller=CALLER)
    n = _check_n(n)
    allocation = check_choice(allocation, "allocation", ALLOCATIONS, caller=CALLER)
    coder_names = check_coders(coders, caller=CALLER)
    book = check_codebook(DEFAULT_CODEBOOKS[unit] if codebook is None else codebook, caller=CALLER)
    window = _check_window(window)
    seed = check_random_state(random_state)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    matches, corp = _inputs(data, corpus, unit)
    lex = resolve_lexicon(lexicon, matches, caller=CALLER)
    lang = _language(language, matches, lex)
    meta = _metadata(corp, keep)

    chosen_items: list[str] | None = None
    if unit == "hit":
        population = hit_population(matches, corp, meta)
        described = sorted(set(population["item"]))
    else:
        chosen_items = _items(items, _universe(lex, matches))
        matched = (
            matched_keys(matches, chosen_items, corp, by_sentence=unit == "sentence")
            if matches is not None
            else None
        )
        if unit == "document":
            population = document_population(corp, meta, matched)
        else:
            population = sentence_population(corp, meta, matched, lang)
        described = chosen_items
    if len(population) == 0:
        raise FramingError(
            f"{CALLER}: there is nothing to sample: "
            + ("the matches table has no counted hit." if unit == "hit" else "no text.")
        )

    # canonical order, so the draw does not depend on the row order of the inputs
    sort_keys = ["doc_id", "start", "end"] + (["item"] if unit == "hit" else [])
    population = population.sort_values(sort_keys, kind="stable").reset_index(drop=True)
    available = [c for c in population.columns if not c.startswith("_")]
    strata_columns = choose_strata(stratify, unit, available)
    codes, strata = assign_strata(population, strata_columns)
    rows, weights, record = draw(codes, strata, allocation, n, rng)
    sample = population.iloc[rows].reset_index(drop=True)
    sample["stratum"] = np.asarray(strata, dtype=object)[codes[rows]]
    sample["weight"] = weights

    # coding order unrelated to strata: hits in random order; documents and sentences in
    # random order, each with its items together
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    if unit == "hit":
        sample = hit_texts(sample, corp)
        sample["context"] = _hit_contexts(sample, corp, window, lang)
    else:
        texts = corp.texts
        sample["context"] = [
            texts[d].strip() if unit == "document" else " ".join(texts[d][a:b].split())
            for d, a, b in zip(
                sample["_doc"].tolist(),
                sample["start"].tolist(),
                sample["end"].tolist(),
                strict=True,
            )
        ]
        sample = _expand(sample, chosen_items or [], unit)
    sheet = _assemble(sample, unit, list(meta.columns), coder_names)

    from framing import __version__

    sheet.attrs = {
        "format": SHEET_FORMAT,
        "function": "sample_for_coding",
        "unit": unit,
        "n": n,
        "n_units": len(rows),
        "n_rows": len(sheet),
        "population": len(population),
        "stratify": strata_columns,
        "allocation": allocation,
        "strata": record,
        "random_state": random_state
        if not isinstance(random_state, np.random.Generator)
        else "numpy.random.Generator (state not recorded)",
        "coders": coder_names,
        "codebook": book,
        "items": chosen_items,
        "item_descriptions": _descriptions(lex, described),
        "blind": unit != "hit",
        "window": window if unit == "hit" else None,
        "language": lang,
        "lexicon": _lexicon_record(lex, matches),
        "corpus": {
            "name": corp.name,
            "fingerprint": corp.fingerprint(),
            "n_docs": len(corp),
        },
        "framing_version": __version__,
    }
    return sheet


def _expand(sample: pd.DataFrame, items: list[str], unit: str) -> pd.DataFrame:
    """One row per (sampled document or sentence, item)."""
    k = len(items)
    out = sample.loc[sample.index.repeat(k)].reset_index(drop=True)
    out["item"] = np.tile(np.asarray(items, dtype=object), len(sample))
    kinds = [i.partition(":") for i in out["item"]]
    out["frame"] = [name if kind == "frame" else None for kind, _, name in kinds]
    out["contest"] = [
        name.partition("/")[0] if kind == "contest" else None for kind, _, name in kinds
    ]
    out["variant"] = [
        name.partition("/")[2] if kind == "contest" else None for kind, _, name in kinds
    ]
    if unit == "document":
        out["unit_id"] = [f"{d}:{i}" for d, i in zip(out["doc_id"], out["item"], strict=True)]
    else:
        out["unit_id"] = [
            f"{d}:s{int(s)}:{i}"
            for d, s, i in zip(out["doc_id"], out["sentence"], out["item"], strict=True)
        ]
    out["unit"] = unit
    return out


def _assemble(
    sample: pd.DataFrame, unit: str, meta_columns: list[str], coders: list[str]
) -> pd.DataFrame:
    columns = list(_SHEET_BASE) + (list(_HIT_EXTRA) if unit == "hit" else [])
    columns += [c for c in meta_columns if c not in columns]
    if unit == "hit":
        extra = [
            c
            for c in sample.columns
            if c not in columns and c not in _TRAILING and not c.startswith("_")
        ]
        columns += extra
    columns += list(_TRAILING)
    sheet = sample[columns].copy()
    for column in columns:
        if column not in ("start", "end", "sentence", "weight"):
            sheet[column] = _objects(sheet[column])
    for coder in coders:
        sheet[code_column(coder)] = pd.Series([None] * len(sheet), dtype=object)
        sheet[note_column(coder)] = pd.Series([None] * len(sheet), dtype=object)
    return sheet


def _objects(values: pd.Series) -> pd.Series:
    """An object column with None (not NaN) for missing values, as the sheet promises."""
    return pd.Series(
        [None if pd.api.types.is_scalar(v) and pd.isna(v) else v for v in values.tolist()],
        index=values.index,
        dtype=object,
    )


def _lexicon_record(lexicon: Any, matches: pd.DataFrame | None) -> dict[str, Any] | None:
    if lexicon is not None:
        return {
            "name": lexicon.name,
            "version": lexicon.version,
            "fingerprint": lexicon.fingerprint(),
            "description": " ".join((lexicon.description or "").split()) or None,
        }
    if matches is not None and matches.attrs.get("lexicon_name") is not None:
        attrs = matches.attrs
        return {
            "name": attrs.get("lexicon_name"),
            "version": attrs.get("lexicon_version"),
            "fingerprint": attrs.get("lexicon_fingerprint"),
            "description": None,
        }
    return None
