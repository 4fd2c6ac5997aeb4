"""Strata, allocation of the sample over them, and the draw."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing.validate._common import shown
from framing.validate._population import HIT_LEVEL

CALLER = "sample_for_coding()"
#: Accepted values of ``allocation``.
ALLOCATIONS: tuple[str, ...] = ("equal", "proportional")
#: The strata used with ``stratify="auto"``, where the columns exist.
AUTO_STRATA: dict[str, tuple[str, ...]] = {
    "hit": ("outlet", "item", "voice"),
    "document": ("outlet", "matched"),
    "sentence": ("outlet", "matched"),
}
MISSING = "(missing)"


def choose_strata(stratify: Any, unit: str, available: list[str]) -> list[str]:
    if isinstance(stratify, str) and stratify == "auto":
        return [c for c in AUTO_STRATA[unit] if c in available]
    if stratify is None:
        return []
    names = [stratify] if isinstance(stratify, str) else stratify
    if not isinstance(names, Sequence) or not all(isinstance(c, str) for c in names):
        raise FramingError(
            f"{CALLER}: stratify must be 'auto', None (a simple random sample), a column "
            f"name or a list of column names; got {stratify!r}."
        )
    for name in names:
        if name not in available:
            if unit != "hit" and name in HIT_LEVEL:
                raise FramingError(
                    f"{CALLER}: cannot stratify {unit}s by {name!r}, a property of hits. "
                    f"Stratify by document metadata or by 'matched' (whether the lexicon "
                    f"found the items there); available: {shown(available)}."
                )
            raise FramingError(
                f"{CALLER}: cannot stratify by {name!r}: no such column (available: "
                f"{shown(available, 20)})." + suggest(name, available)
            )
    return list(dict.fromkeys(names))


def assign_strata(table: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, list[str]]:
    """The stratum of each row (codes into the sorted labels) and the labels."""
    if not columns:
        return np.zeros(len(table), dtype=np.int64), ["all"]
    keys = table[columns].astype(object)
    keys = keys.where(keys.notna(), MISSING).astype(str)
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(keys), sort=True)
    labels = [" | ".join(f"{c}={v}" for c, v in zip(columns, key, strict=True)) for key in uniques]
    return codes.astype(np.int64), labels


def allocate(sizes: Sequence[int], n: int, method: str, rng: np.random.Generator) -> np.ndarray:
    """How many units to draw from each stratum.

    ``"equal"``: as evenly as the stratum sizes allow (a stratum smaller than its share
    gives its surplus to the others); when fewer units than strata remain, the strata that
    get one more are drawn at random. ``"proportional"``: ``n · N_h / N`` rounded by the
    largest-remainder method. The result never exceeds a stratum's size and sums to
    ``min(n, sum(sizes))``.
    """
    caps = np.asarray(sizes, dtype=np.int64)
    total = int(min(n, caps.sum()))
    alloc = np.zeros(len(caps), dtype=np.int64)
    if total == 0:
        return alloc
    if method == "proportional":
        quota = total * caps / caps.sum()
        alloc = np.minimum(np.floor(quota).astype(np.int64), caps)
        remainder = quota - alloc
        order = np.lexsort((np.arange(len(caps)), -remainder))
        for h in order:
            if alloc.sum() >= total:
                break
            if alloc[h] < caps[h]:
                alloc[h] += 1
        return alloc
    remaining = total
    while remaining > 0:
        active = np.flatnonzero(alloc < caps)
        share = remaining // len(active)
        if share == 0:
            chosen = rng.choice(active, size=remaining, replace=False)
            alloc[chosen] += 1
            break
        add = np.minimum(share, caps[active] - alloc[active])
        alloc[active] += add
        remaining -= int(add.sum())
    return alloc


def draw(
    codes: np.ndarray, strata: list[str], allocation: str, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """Rows drawn (positions), their weights N_h / n_h, and the strata record."""
    sizes = np.bincount(codes, minlength=len(strata))
    alloc = allocate(sizes, n, allocation, rng)
    members = np.split(np.argsort(codes, kind="stable"), np.cumsum(sizes)[:-1])
    chosen: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    record = []
    for h, label in enumerate(strata):
        k = int(alloc[h])
        if k:
            picked = np.sort(rng.choice(members[h], size=k, replace=False))
            chosen.append(picked)
            weights.append(np.full(k, sizes[h] / k))
        record.append(
            {
                "stratum": label,
                "population": int(sizes[h]),
                "sampled": k,
                "weight": float(sizes[h] / k) if k else None,
            }
        )
    empty = [r["stratum"] for r in record if not r["sampled"]]
    if empty:
        warnings.warn(
            f"{CALLER}: n={n} is smaller than the number of strata ({len(strata)}): "
            f"{len(empty)} stratum/strata got no unit ({shown(empty, 3)}). Estimates for them "
            "are impossible and overall estimates leave them out. Increase n or stratify by "
            "fewer columns.",
            FramingWarning,
            stacklevel=3,
        )
    if not chosen:
        return np.zeros(0, dtype=np.int64), np.zeros(0), record
    return np.concatenate(chosen), np.concatenate(weights), record
