"""The overlap policy: within one frame or one contest, the longest hit wins."""

from __future__ import annotations

import bisect

import numpy as np

from framing._sort import lexsort_ints


def longest_hits(
    starts: np.ndarray, ends: np.ndarray, groups: np.ndarray, order: np.ndarray
) -> np.ndarray:
    """Which hits survive "longest wins, one hit per stretch of text" within each group.

    Within a group (a frame, or a contest), hits are taken longest first, then leftmost,
    then by ``order`` (the entry's position in the lexicon); a hit is kept when it overlaps
    no hit already kept in its group. Hits of different groups never interact.

    Parameters
    ----------
    starts, ends : numpy.ndarray
        Half-open spans (int64).
    groups : numpy.ndarray
        Group id of each hit (int64).
    order : numpy.ndarray
        Tie-breaker for hits of the same span: lower wins (int64).

    Returns
    -------
    numpy.ndarray
        Boolean mask of the kept hits.
    """
    n = len(starts)
    keep = np.ones(n, dtype=bool)
    if n < 2:
        return keep
    # Hits that overlap no other hit of their group are kept as they are; the greedy choice
    # runs only inside clusters (maximal chains of overlapping hits of one group), which
    # never interact with each other.
    by_pos = lexsort_ints((ends, starts, groups))
    g, s, e = groups[by_pos], starts[by_pos], ends[by_pos]
    offset = (g - g.min()) * (int(e.max()) + 1)
    reach = np.maximum.accumulate(e + offset) - offset
    joins = np.zeros(n, dtype=bool)
    joins[1:] = (g[1:] == g[:-1]) & (s[1:] < reach[:-1])
    if not joins.any():
        return keep
    cluster = np.cumsum(~joins)
    crowded = np.bincount(cluster)[cluster] > 1
    rows = by_pos[crowded]
    keep[rows] = False
    priority = rows[lexsort_ints((order[rows], starts[rows], starts[rows] - ends[rows]))]
    taken: dict[int, tuple[list[int], list[int]]] = {}
    for i in priority:
        kept_s, kept_e = taken.setdefault(int(groups[i]), ([], []))
        a, b = int(starts[i]), int(ends[i])
        k = bisect.bisect_left(kept_s, a)
        if k > 0 and kept_e[k - 1] > a:
            continue
        if k < len(kept_s) and kept_s[k] < b:
            continue
        kept_s.insert(k, a)
        kept_e.insert(k, b)
        keep[i] = True
    return keep
