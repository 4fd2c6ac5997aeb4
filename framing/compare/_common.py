"""Argument checks and table helpers shared by the ``compare_*`` functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from framing._counts import MISSING_GROUP, TermTable, shown
from framing._errors import FramingError, suggest

# Parameters every compare_* docstring documents the same way.
SHARED_PARAMETERS = """\
    ngram : int or (int, int), default 1
        N-gram order, 1 to 5 (Corpus only): ``2`` counts bigrams, ``(1, 3)`` unigrams,
        bigrams and trigrams together, in one table. N-grams never cross a sentence end
        (:func:`framing.text.sentence_spans`) nor a document end; an n-gram reads as its
        words joined by spaces (``"mariage pour tous"``, ``"l'armée"``).
    stopwords : {"fr", "en"}, list of str, or None, default None
        Remove function words before counting: a term goes when every word in it is a
        stopword (« de la » goes, « mariage pour tous » stays). ``"fr"`` and ``"en"`` are
        the lists shipped in ``framing/resources/stopwords`` (articles, pronouns,
        prepositions, conjunctions, auxiliaries; see the README there).
    language : {"fr", "en"}, default "fr"
        Language of the tokeniser and sentence splitter.
    term, count : str, default "term", "n"
        Column names of a count table (ignored for a Corpus)."""


_MARKER = "    {shared_parameters}\n"


def shared_doc(func: Any) -> Any:
    """Put :data:`SHARED_PARAMETERS` where the docstring says ``{shared_parameters}``."""
    if func.__doc__ and _MARKER in func.__doc__:
        func.__doc__ = func.__doc__.replace(_MARKER, SHARED_PARAMETERS + "\n")
    return func


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_list(value: object) -> list[Any]:
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index)):
        items = list(value)
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return [value]


def group_columns(table: TermTable, value: object, *, name: str, func: str) -> list[int]:
    """Column indices of the groups named by ``value`` (a group or a list), or raise."""
    wanted = _as_list(value)
    if not wanted:
        raise FramingError(f"{func}(): {name} is empty; name at least one group.")
    groups = list(table.groups)
    labels = [str(g) for g in groups]
    cols: list[int] = []
    for item in wanted:
        if _is_missing(item):
            item = MISSING_GROUP
        found = [i for i, g in enumerate(groups) if _same(g, item)]
        if not found:
            raise FramingError(
                f"{func}(): {name}={item!r} is not a group of {table.by!r}. Groups present: "
                f"{shown([repr(g) for g in groups], n=20)}.{suggest(str(item), labels)}"
            )
        if found[0] not in cols:
            cols.append(found[0])
    return cols


def _same(group: object, item: object) -> bool:
    try:
        return bool(group == item)
    except (TypeError, ValueError):
        return False


def target_and_reference(
    table: TermTable, target: object, reference: object, func: str
) -> tuple[list[int], list[int]]:
    """Column indices of the target and reference groups, checked."""
    t_cols = group_columns(table, target, name="target", func=func)
    if reference is None:
        r_cols = [i for i in range(len(table.groups)) if i not in t_cols]
        if not r_cols:
            raise FramingError(
                f"{func}(): nothing to compare with: every group of {table.by!r} "
                f"({shown([repr(g) for g in table.groups])}) is in the target. Name a smaller "
                "target or the reference."
            )
    else:
        r_cols = group_columns(table, reference, name="reference", func=func)
    overlap = [table.groups[i] for i in t_cols if i in r_cols]
    if overlap:
        raise FramingError(
            f"{func}(): target and reference overlap ({shown([repr(g) for g in overlap])}); "
            "a group cannot be compared with itself. Leave reference=None to compare with "
            "all other groups."
        )
    totals = table.group_totals
    for cols, role in ((t_cols, "target"), (r_cols, "reference")):
        if totals[cols].sum() == 0:
            names = shown([repr(table.groups[i]) for i in cols])
            raise FramingError(
                f"{func}(): the {role} ({names}) has no tokens"
                + (" left after stopword removal" if table.settings.get("stopwords") else "")
                + "; there is nothing to compare. Check the texts of those documents."
            )
    return t_cols, r_cols


def group_names(table: TermTable, cols: Sequence[int]) -> list[Any]:
    return [table.groups[i] for i in cols]


def check_min_count(value: object, func: str, name: str = "min_count") -> int:
    """A whole number >= 1, or raise."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= 1:
        return int(value)
    raise FramingError(f"{func}(): {name} must be a whole number >= 1; got {value!r}.")


def check_top_n(top_n: object, func: str) -> int | None:
    if top_n is None:
        return None
    if isinstance(top_n, (int, np.integer)) and not isinstance(top_n, bool) and top_n >= 1:
        return int(top_n)
    raise FramingError(f"{func}(): top_n must be None or a whole number >= 1; got {top_n!r}.")


def check_choice(value: object, choices: Sequence[object], name: str, func: str) -> Any:
    if value in choices:
        return value
    shown_choices = ", ".join(repr(c) for c in choices)
    raise FramingError(
        f"{func}(): {name}={value!r} is not valid; expected one of {shown_choices}."
        + suggest(str(value), [str(c) for c in choices if c is not None])
    )


def label_rank(labels: np.ndarray) -> np.ndarray:
    """Rank of each label in code-point order (UTF-8 byte order, the order of ``sorted``)."""
    by_label = np.asarray(pc.sort_indices(pa.array(labels, type=pa.string())))
    rank = np.empty(len(labels), dtype=np.int64)
    rank[by_label] = np.arange(len(labels))
    return rank


def row_order(
    statistic: np.ndarray, rank: np.ndarray, group: np.ndarray | None = None
) -> np.ndarray:
    """Positions sorted by group (ascending), statistic (descending), then term rank."""
    keys = [rank, -np.asarray(statistic, dtype=float)]
    if group is not None:
        keys.append(group)
    return np.lexsort(keys)


def ends_mask(n_rows: int, top_n: int | None, group_size: int | None = None) -> np.ndarray:
    """Keep the first and last ``top_n`` rows of a sorted table (of each block of
    ``group_size`` rows when the table is made of equal blocks, one per group)."""
    if top_n is None:
        return np.ones(n_rows, dtype=bool)
    size = n_rows if group_size is None else group_size
    position = np.arange(n_rows) % size if size else np.zeros(n_rows, dtype=np.int64)
    return (position < top_n) | (position >= size - top_n)


def base_attrs(func: str, table: TermTable, **params: Any) -> dict[str, Any]:
    """``df.attrs``: function, parameters and where the counts came from."""
    attrs: dict[str, Any] = {"function": func}
    attrs.update(params)
    attrs.update({k: v for k, v in table.settings.items() if v is not None})
    attrs["groups"] = [_plain(g) for g in table.groups]
    sizes = zip(table.groups, table.group_totals, strict=True)
    attrs["group_tokens"] = {str(g): int(n) for g, n in sizes}
    return attrs


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value
