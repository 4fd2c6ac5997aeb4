"""count_contest and contest_independence: shares of a naming contest's variants by group."""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from framing import _stats
from framing._errors import FramingError, FramingWarning, suggest
from framing.corpus import Corpus
from framing.measure import _common as C

UNITS = ("mention", "document")
TEST_METHOD = (
    "Pearson X² of the group × variant table; p from a permutation test shuffling group "
    "labels over documents (each document's mentions move together)"
)


@dataclass(frozen=True)
class ContestTest:
    """Result of :func:`contest_independence`: is the choice of variant tied to the group?

    Attributes
    ----------
    contest : str
    by : tuple of str or None
        The grouping columns.
    unit : {"mention", "document"}
        What the table counts: mentions, or documents (each split over its top variants).
    statistic : float
        Pearson's X² of the group × variant table (empty rows and columns left out).
    df : int
        ``(groups − 1) × (variants − 1)`` over the non-empty rows and columns.
    p : float
        Permutation p-value, ``(1 + #{X²* ≥ X²}) / (1 + n_perm)``, labels shuffled over
        documents. The valid p-value when mentions cluster in documents.
    p_asymptotic : float
        The χ²(df) tail of X², which treats every mention as independent. Shown for
        comparison only: with clustered mentions it is too small.
    cramers_v : float
        Cramér's V of the same table (no bias correction).
    n : float
        Table total (mentions, or documents).
    n_docs : int
        Documents with at least one mention (the permuted units).
    n_groups, n_variants : int
        Non-empty rows and columns of the table.
    n_perm : int
    random_state : int, str or None
    method : str
    overrides : dict or None
        When the matches were overridden (:func:`framing.validate.apply_overrides`): the
        overrides provenance of their attrs, with the same keys (``overrides_name``,
        ``overrides_version``, ``overrides_fingerprint``, ``n_excluded_by_overrides``,
        ``n_relabelled_by_overrides``, …). None otherwise.
    """

    contest: str
    by: tuple[str, ...] | None
    unit: str
    statistic: float
    df: int
    p: float
    p_asymptotic: float
    cramers_v: float
    n: float
    n_docs: int
    n_groups: int
    n_variants: int
    n_perm: int
    random_state: Any
    method: str = TEST_METHOD
    overrides: dict[str, Any] | None = field(default=None, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The result as a plain dict (JSON-friendly; ``by`` as a list).

        ``overrides`` is left out when None (matches without overrides).
        """
        data = asdict(self)
        data["by"] = None if self.by is None else list(self.by)
        if self.overrides is None:
            del data["overrides"]
        return data


@dataclass
class _ContestData:
    contest: str
    variants: list[str]
    variants_source: str
    groups: C.Groups  # over all documents considered (corpus, or documents in the matches)
    doc_group: np.ndarray  # group code of each document with ≥ 1 mention
    counts: np.ndarray  # (documents with ≥ 1 mention) × variants, mentions
    info: C.LexiconInfo
    corpus: Corpus | None
    n_left_out: int
    overrides: dict[str, Any]  # the overrides provenance of the matches (empty: none)


def _check_contest(contest: Any, info: C.LexiconInfo, matches: pd.DataFrame) -> str:
    present = (
        list(info.contests)
        if info.contests is not None
        else sorted(matches["contest"].dropna().astype(str).unique().tolist())
    )
    if not isinstance(contest, str):
        raise FramingError(f"contest must be the name of a contest (a str); got {contest!r}.")
    if contest not in present:
        where = f"lexicon {info.name!r}" if info.contests is not None else "the matches"
        raise FramingError(
            f"No contest {contest!r} in {where}. Contests: {C.shown(present, 20)}."
            + suggest(contest, present)
        )
    return contest


def _doc_groups(
    matches: pd.DataFrame, corpus: Corpus | None, by: Any
) -> tuple[np.ndarray, C.Groups, list[str]]:
    """(document ids in canonical order, their groups, by columns)."""
    if corpus is not None:
        meta = corpus.metadata
        columns = C.check_by(by, list(meta.columns), where="the corpus metadata")
        C.doc_positions(C.doc_ids_of(matches), corpus.doc_ids)
        C.warn_if_fewer_documents(matches, corpus, stacklevel=5)
        frame = meta.assign(doc_id=meta["doc_id"].astype(str))
    else:
        available = [str(c) for c in matches.columns]
        columns = C.check_by(by, available, where="the matches table (no corpus given)")
        frame = matches[["doc_id", *[c for c in columns if c != "doc_id"]]].copy()
        frame["doc_id"] = C.doc_ids_of(matches)
        if columns:
            varies = frame.groupby("doc_id", sort=False)[columns].nunique(dropna=False)
            bad = varies[(varies > 1).any(axis=1)]
            if len(bad):
                column = next(c for c in columns if (bad[c] > 1).any())
                raise FramingError(
                    f"Cannot group by {column!r}: it varies within documents (e.g. "
                    f"{bad.index[0]!r}), so a document would belong to several groups. Group "
                    "by document metadata (outlet, date, …), or pass corpus= to take the "
                    "groups from the corpus."
                )
        frame = frame.drop_duplicates("doc_id")
    frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return frame["doc_id"].to_numpy(dtype=object), C.make_groups(frame, columns), columns


def _prepare(
    matches: Any,
    *,
    contest: Any,
    by: Any,
    corpus: Any,
    voice: Any,
    distanced: Any,
    lexicon: Any,
) -> tuple[_ContestData, list[str]]:
    matches = C.check_matches(matches, ["doc_id", "contest", "variant"])
    if corpus is not None:
        corpus = C.check_corpus(corpus)
    voice = C.check_voice(voice)
    distanced = C.check_distanced(distanced)
    info = C.lexicon_info(matches, lexicon)
    contest = _check_contest(contest, info, matches)
    ids, groups, columns = _doc_groups(matches, corpus, by)

    of_contest = (matches["contest"] == contest).fillna(False).to_numpy(dtype=bool)
    counted = of_contest & C.hit_mask(matches, voice, distanced)
    variants_hit = matches.loc[counted, "variant"].astype(str).to_numpy(dtype=object)
    if info.contests is not None and contest in info.contests:
        variants, source = list(info.contests[contest]), "lexicon"
        unknown = sorted(set(variants_hit) - set(variants))
        if unknown:
            raise FramingError(
                f"The matches have variant {unknown[0]!r} of contest {contest!r}, which "
                f"lexicon {info.name!r} does not define (its variants: {C.shown(variants)}): "
                "the matches were not made with this lexicon. Pass the lexicon they were "
                "made with."
            )
    else:
        variants, source = sorted(set(variants_hit)), "matches"
    doc_of_hit = C.codes_of(C.doc_ids_of(matches)[counted], ids)  # all present (checked)
    variant_of_hit = C.codes_of(variants_hit, variants)
    full = np.zeros((len(ids), len(variants)), dtype=np.int64)
    np.add.at(full, (doc_of_hit, variant_of_hit), 1)
    mentioned = full.sum(axis=1) > 0
    data = _ContestData(
        contest=contest,
        variants=variants,
        variants_source=source,
        groups=groups,
        doc_group=groups.codes[mentioned],
        counts=full[mentioned],
        info=info,
        corpus=corpus,
        n_left_out=int(of_contest.sum() - counted.sum()),
        overrides=C.overrides_record(matches),
    )
    return data, columns


def _document_weights(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each document's one vote, split evenly among its most used variants; and the ties."""
    top = counts == counts.max(axis=1, keepdims=True)
    n_top = top.sum(axis=1, keepdims=True)
    return top / n_top, top & (n_top > 1)


def _test(
    data: _ContestData,
    columns: list[str],
    *,
    unit: str,
    n_perm: int,
    random_state: Any,
    warn: bool,
) -> ContestTest:
    counts = data.counts if unit == "mention" else _document_weights(data.counts)[0]
    if isinstance(random_state, np.random.Generator):
        rng = random_state
    else:
        rng = _stats.group_rng(random_state, "contest test: " + data.contest)
    result = _stats.permutation_chi2(data.doc_group, counts, n_perm=n_perm, rng=rng)
    used_variants = int((counts.sum(axis=0) > 0).sum())
    used_groups = len(np.unique(data.doc_group))
    if warn and np.isnan(result["statistic"]) and (columns or len(data.variants) < 2):
        if len(data.variants) < 2 and data.variants_source == "lexicon":
            reason = (
                f"contest {data.contest!r} has a single variant "
                f"({C.shown(data.variants)}): every share is 1"
            )
        elif counts.sum() == 0:
            reason = f"there is no mention of contest {data.contest!r}"
        elif used_variants < 2:
            reason = f"only one variant of contest {data.contest!r} is used"
        else:
            reason = f"only one group has mentions of contest {data.contest!r}"
        warnings.warn(
            f"{reason}, so there is nothing to test: the independence test is NaN.",
            FramingWarning,
            stacklevel=3,
        )
    return ContestTest(
        contest=data.contest,
        by=tuple(columns) or None,
        unit=unit,
        statistic=result["statistic"],
        df=int(result["df"]),
        p=result["p"],
        p_asymptotic=result["p_asymptotic"],
        cramers_v=result["cramers_v"],
        n=result["n"],
        n_docs=len(data.doc_group),
        n_groups=used_groups,
        n_variants=used_variants,
        n_perm=n_perm,
        random_state=C.random_state_record(random_state),
        overrides=data.overrides or None,
    )


def contest_independence(
    matches: pd.DataFrame,
    *,
    contest: str,
    by: str | list[str] | None = None,
    corpus: Corpus | None = None,
    voice: str | list[str] | None = None,
    distanced: bool | None = None,
    unit: str = "mention",
    n_perm: int = 9999,
    random_state: int | np.random.Generator | None = 0,
    lexicon: Any = None,
) -> ContestTest:
    """Test whether the variant used to name a referent depends on the group (outlet, …).

    The statistic is Pearson's X² of the group × variant table of mentions. Mentions in one
    document are not independent (an outlet's style sheet, one author's habit), so the
    p-value comes from a permutation test that shuffles the group labels over whole
    documents: each document keeps all its mentions. A naive χ² test on mentions would
    treat a document with 50 identical mentions as 50 independent choices.

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table of :func:`framing.match_lexicon`.
    contest : str
        The contest (e.g. ``"region_name"``).
    by : str or list of str, optional
        Grouping column(s): corpus metadata when ``corpus`` is given, else columns of the
        matches table (they must be constant within a document). None: one group (the test
        is NaN, with a warning).
    corpus : Corpus, optional
        Supplies the groups of documents (and checks that the matches belong to it).
    voice : {"author", "quoted", "attributed"} or list of them, optional
        Count only mentions in these voices.
    distanced : bool, optional
        True: only distanced mentions; False: only the others.
    unit : {"mention", "document"}, default "mention"
        ``"document"`` tests the table of documents (each document one vote, split evenly
        among its most used variants) instead of mentions.
    n_perm : int, default 9999
        Permutations; 0 gives the statistic and V without a permutation p.
    random_state : int, numpy.random.Generator or None, default 0
    lexicon : Lexicon, str or path, optional
        The lexicon the matches were made with, when ``matches.attrs`` does not carry it.

    Returns
    -------
    ContestTest
        ``statistic``, ``df``, ``p`` (permutation), ``p_asymptotic`` (naive, for
        comparison), ``cramers_v``, ``n``, ``n_docs``, ``n_groups``, ``n_variants``,
        ``n_perm``, …, and ``overrides`` (the overrides provenance of the matches, None
        without overrides); ``to_dict()`` gives a plain dict.

    Raises
    ------
    FramingError
        Unknown contest (the message lists the contests), unknown ``by`` column, a ``by``
        column that varies within documents, matches that do not belong to the corpus or
        lexicon, or an invalid ``unit``, ``voice``, ``n_perm`` or ``random_state``.

    Warns
    -----
    FramingWarning
        When there is nothing to test (``by=None``, one variant, one group with mentions, no
        mention): the statistic, p and V are NaN.

    Notes
    -----
    Only documents with at least one mention of the contest enter the test (the others
    carry no information on the choice of variant); only groups that own such documents
    form rows. Under the null hypothesis, documents are exchangeable between groups given
    their mentions, and the permutation p-value is exact up to Monte Carlo error. With few
    documents the permutation distribution is coarse: four documents split two and two
    allow only six distinct labelings, so p cannot go below about 1/3 however many
    mentions they hold — that is the honest answer.

    References
    ----------
    Cramér, H. (1946). *Mathematical Methods of Statistics*, p. 282. Princeton UP.
    Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of Hypotheses*
    (3rd ed.). Springer.
    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
    *Statistical Applications in Genetics and Molecular Biology*, 9(1), 39.

    Examples
    --------
    Does the name of the region depend on the outlet in the bundled seeds? Counted as 40
    independent mentions the naive χ² p would be 0.088; with only five documents, the
    permutation p is about 0.4:

    >>> import framing
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> result = contest_independence(
    ...     matches, contest="region_name", by="outlet", corpus=corpus)
    >>> round(result.statistic, 2), result.p, round(result.p_asymptotic, 3)
    (2.9, 0.3938, 0.088)
    """
    unit = C.check_choice(unit, "unit", UNITS)
    n_perm = _stats.check_count(n_perm, "n_perm")
    random_state = _stats.check_random_state(random_state)
    if by is None:
        warnings.warn(
            "contest_independence() without by= has one group: there is nothing to test "
            "and the result is NaN. Pass by='outlet' (or another document column).",
            FramingWarning,
            stacklevel=2,
        )
    data, columns = _prepare(
        matches,
        contest=contest,
        by=by,
        corpus=corpus,
        voice=voice,
        distanced=distanced,
        lexicon=lexicon,
    )
    return _test(data, columns, unit=unit, n_perm=n_perm, random_state=random_state, warn=True)


def count_contest(
    matches: pd.DataFrame,
    *,
    contest: str,
    by: str | list[str] | None = None,
    corpus: Corpus | None = None,
    voice: str | list[str] | None = None,
    distanced: bool | None = None,
    unit: str = "mention",
    ci: float = 0.95,
    n_boot: int = 1000,
    n_perm: int = 9999,
    random_state: int | np.random.Generator | None = 0,
    lexicon: Any = None,
) -> pd.DataFrame:
    """Shares of a naming contest's variants by group, with CIs and a test of independence.

    For a contest such as ``region_name`` (« Karabakh » vs « Haut-Karabakh » vs
    « Artsakh »), how often does each group (outlet, period, …) use each variant?

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table of :func:`framing.match_lexicon` (columns ``doc_id``, ``contest``,
        ``variant``; ``voice``/``distanced`` when filtering). Hits rejected by a proximity
        constraint (a non-missing ``rejected``, ``audit=True``) are left out.
    contest : str
        The contest to count.
    by : str or list of str, optional
        Grouping column(s): corpus metadata when ``corpus`` is given, else columns of the
        matches table, constant within a document. None: one group, ``group = "all"``. A
        missing value forms the group ``"(missing)"``.
    corpus : Corpus, optional
        When given, every group of the corpus appears (with zeros and NaN shares where no
        document mentions the contest), and the matches must belong to it. Without it, the
        groups are those of the documents in the matches table.
    voice : {"author", "quoted", "attributed"} or list of them, optional
        Count only mentions in these voices (``"author"``: the outlet's own naming).
    distanced : bool, optional
        True: only distanced mentions; False: only the others.
    unit : {"mention", "document"}, default "mention"
        ``"mention"``: shares of all mentions, interval by cluster bootstrap over documents.
        ``"document"``: each document mentioning the contest counts once, for the variant
        it uses most; a document whose top count is shared by k variants gives 1/k to each
        (so ``n`` may be fractional and the shares of a group sum to 1), and ``n_tied``
        says how many such documents each variant shares; interval Wilson.
    ci : float, default 0.95
    n_boot : int, default 1000
        Bootstrap replicates (``unit="mention"``); 0 skips the interval.
    n_perm : int, default 9999
        Permutations of the independence test; 0 skips the p-value.
    random_state : int, numpy.random.Generator or None, default 0
        Seed of the bootstrap (one stream per group) and of the permutations.
    lexicon : Lexicon, str or path, optional
        The lexicon the matches were made with, when ``matches.attrs`` does not carry it.

    Returns
    -------
    pandas.DataFrame
        One row per group × variant; groups sorted (``"(missing)"`` last), variants in
        lexicon order (without a lexicon: the variants present, sorted). Columns:

        - the ``by`` columns, or ``group`` (value ``"all"``);
        - ``contest``, ``variant``;
        - ``n``: mentions of the variant (``unit="document"``: documents, possibly
          fractional);
        - ``n_group``: mentions of the contest in the group (documents mentioning it);
        - ``share``: ``n / n_group`` (NaN when ``n_group`` is 0);
        - ``ci_low``, ``ci_high``: interval of the share;
        - ``n_docs``: documents of the group that mention the contest;
        - ``n_tied`` (``unit="document"`` only): tied documents sharing their vote with
          this variant.

        ``attrs`` records the parameters, the methods, the variants' source, the corpus
        and lexicon provenance when known, and ``attrs["test"]``, the
        :func:`contest_independence` result as a dict. Matches overridden with
        :func:`framing.validate.apply_overrides` add their ``overrides_*`` provenance
        (see :mod:`framing.measure`).

    Raises
    ------
    FramingError
        Unknown contest (the message lists the contests present), unknown ``by`` column,
        matches that do not belong to the corpus or lexicon, an invalid ``unit``, ``voice``
        or other parameter.

    Warns
    -----
    FramingWarning
        A single-variant contest (shares are 1, the test is NaN); with ``by`` given, fewer
        than two groups or variants with mentions (test NaN); a group with a single document
        mentioning the contest (``unit="mention"``: its interval is NaN). With ``by=None``
        the test is NaN without a warning (one group, nothing to compare).

    Notes
    -----
    Mentions cluster in documents (an outlet's style sheet applies to a whole article), so
    the mention-share interval resamples documents, not mentions: each replicate draws the
    group's mentioning documents with replacement and recomputes
    ``sum(mentions of v) / sum(mentions)``. Documents that do not mention the contest are
    not resampled (they carry no information on the shares).

    References
    ----------
    Wilson, E. B. (1927). *JASA*, 22, 209–212. Newcombe, R. G. (1998). *Statistics in
    Medicine*, 17, 857–872. Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the
    Bootstrap*. Chapman & Hall. Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods
    and their Application*, §3.8. Field, C. A., & Welsh, A. H. (2007). *JRSS B*, 69,
    369–390. Cramér, H. (1946). *Mathematical Methods of Statistics*. Good, P. I. (2005).
    *Permutation, Parametric, and Bootstrap Tests of Hypotheses*. Springer.

    Examples
    --------
    Each seed document counted once, for the name of the region it uses most:

    >>> import framing
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> table = count_contest(
    ...     matches, contest="region_name", by="outlet", corpus=corpus, unit="document")
    >>> table[["outlet", "variant", "n", "share"]].values.tolist()[3:5]
    [['(missing)', 'azerbaijani_usage', 3.0, 0.75], ['(missing)', 'haut_karabakh', 1.0, 0.25]]
    """
    unit = C.check_choice(unit, "unit", UNITS)
    voice = C.check_voice(voice)
    ci = _stats.check_ci(ci)
    n_boot = _stats.check_count(n_boot, "n_boot")
    n_perm = _stats.check_count(n_perm, "n_perm")
    random_state = _stats.check_random_state(random_state)
    data, columns = _prepare(
        matches,
        contest=contest,
        by=by,
        corpus=corpus,
        voice=voice,
        distanced=distanced,
        lexicon=lexicon,
    )
    table = _shares(data, unit=unit, ci=ci, n_boot=n_boot, random_state=random_state)
    test = _test(data, columns, unit=unit, n_perm=n_perm, random_state=random_state, warn=True)
    info = data.info
    table.attrs = {
        "function": "count_contest",
        "contest": data.contest,
        "variants": list(data.variants),
        "variants_source": data.variants_source,
        "by": columns or None,
        "unit": unit,
        "voice": None if voice is None else list(voice),
        "distanced": distanced,
        "ci": ci,
        "n_boot": n_boot,
        "n_perm": n_perm,
        "random_state": C.random_state_record(random_state),
        "ci_method": (
            "percentile bootstrap, mentioning documents resampled within group"
            if unit == "mention"
            else "Wilson score interval (no continuity correction)"
        ),
        # the overrides provenance goes to the table's own attrs, not twice
        "test": {k: v for k, v in test.to_dict().items() if k != "overrides"},
        "n_mentions": int(data.counts.sum()),
        "n_mentions_left_out": data.n_left_out,
        "corpus": None if data.corpus is None else data.corpus.name,
        "corpus_fingerprint": None if data.corpus is None else data.corpus.fingerprint(),
        "lexicon": info.provenance(),
    }
    table.attrs.update(data.overrides)
    return table


def _shares(
    data: _ContestData, *, unit: str, ci: float, n_boot: int, random_state: Any
) -> pd.DataFrame:
    groups, counts = data.groups, data.counts
    n_groups, n_variants = len(groups.table), len(data.variants)
    n = np.zeros((n_groups, n_variants))
    n_group = np.zeros(n_groups)
    n_docs = np.bincount(data.doc_group, minlength=n_groups)
    low = np.full((n_groups, n_variants), np.nan)
    high = np.full((n_groups, n_variants), np.nan)
    weights, tied = _document_weights(counts) if unit == "document" else (None, None)
    n_tied = np.zeros((n_groups, n_variants), dtype=np.int64)
    singles = []
    order = np.argsort(data.doc_group, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(n_docs)])
    for g in range(n_groups):
        members = order[bounds[g] : bounds[g + 1]]
        if not len(members):
            continue
        c = counts[members]
        if unit == "mention":
            n[g] = c.sum(axis=0)
            n_group[g] = c.sum()
            if len(members) < 2:
                singles.append(g)
            elif n_boot:
                rng = _stats.group_rng(random_state, groups.keys[g])
                low[g], high[g] = _stats.cluster_bootstrap_ratio(
                    c, c.sum(axis=1), ci=ci, n_boot=n_boot, rng=rng
                )
        else:
            n[g] = weights[members].sum(axis=0)
            n_group[g] = len(members)
            n_tied[g] = tied[members].sum(axis=0)
    if unit == "document":
        low, high = _stats.wilson_interval(n, n_group[:, None], ci=ci)
    elif n_boot:
        C.warn_single_document(groups, singles, "share", stacklevel=4)
    table = groups.table.loc[np.repeat(np.arange(n_groups), n_variants)].reset_index(drop=True)
    table["contest"] = data.contest
    table["variant"] = pd.Series(np.tile(np.asarray(data.variants, dtype=object), n_groups))
    table["n"] = n.ravel().astype(np.int64) if unit == "mention" else n.ravel()
    table["n_group"] = np.repeat(n_group.astype(np.int64), n_variants)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["share"] = (n / n_group[:, None]).ravel()
    table["ci_low"] = np.asarray(low, dtype=float).ravel()
    table["ci_high"] = np.asarray(high, dtype=float).ravel()
    table["n_docs"] = np.repeat(n_docs.astype(np.int64), n_variants)
    if unit == "document":
        table["n_tied"] = n_tied.ravel()
    return table
