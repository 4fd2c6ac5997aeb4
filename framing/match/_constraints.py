"""Proximity constraints (``near`` / ``not_near``): which hits fail, and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

#: The ``window`` value meaning "anywhere in the same sentence" (as in the lexicon format).
SENTENCE = "sentence"


@dataclass(frozen=True)
class Constraint:
    """The constraints of one entry, with anchor patterns resolved to target ids."""

    near: np.ndarray  # int64 target ids of the near anchors (empty: no constraint)
    window: int | str | None
    not_near: np.ndarray
    not_window: int | str | None


@dataclass
class Hits:
    """Hits of one document (parallel arrays)."""

    target: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence: np.ndarray

    def take(self, mask: np.ndarray | slice) -> Hits:
        return Hits(self.target[mask], self.start[mask], self.end[mask], self.sentence[mask])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


class _Distances:
    """Distances between hits and anchors, in tokens (lazily tokenised) or sentences."""

    def __init__(self, token_starts: Callable[[], np.ndarray]) -> None:
        self._token_starts = token_starts
        self._tokens: np.ndarray | None = None

    def _index(self, offsets: np.ndarray) -> np.ndarray:
        if self._tokens is None:
            self._tokens = self._token_starts()
        idx = np.searchsorted(self._tokens, offsets, side="right") - 1
        return np.maximum(idx, 0)

    def within(
        self, hits: Hits, anchors: Hits, window: int | str
    ) -> tuple[np.ndarray, np.ndarray]:
        """(hits x anchors) boolean matrix "anchor within window", and the distances.

        Token distance is the difference of token indices (adjacent words: 1; an anchor
        overlapping the hit: 0); in sentence mode the distance is in characters and only
        used to report the nearest anchor.
        """
        if window == SENTENCE:
            inside = hits.sentence[:, None] == anchors.sentence[None, :]
            gap = np.maximum(
                anchors.start[None, :] - hits.end[:, None],
                hits.start[:, None] - anchors.end[None, :],
            )
            return inside, np.maximum(gap, 0)
        hs, he = self._index(hits.start), self._index(hits.end - 1)
        as_, ae = self._index(anchors.start), self._index(anchors.end - 1)
        dist = np.maximum(as_[None, :] - he[:, None], hs[:, None] - ae[None, :])
        dist = np.maximum(dist, 0)
        return dist <= int(window), dist


def check_constraints(
    hits: Hits,
    anchors: Hits,
    constraints: Mapping[int, Constraint],
    text: str,
    token_starts: Callable[[], np.ndarray],
) -> np.ndarray:
    """Why each hit fails its entry's constraints: an object array, None where it passes.

    Parameters
    ----------
    hits : Hits
        Entry hits of one document.
    anchors : Hits
        Anchor hits of the same document.
    constraints : mapping of entry target id -> Constraint
        Only constrained entries.
    text : str
        The document (to quote an offending anchor).
    token_starts : callable
        Returns the sorted start offsets of the document's words (called at most once, and
        only when a token window is needed).

    Returns
    -------
    numpy.ndarray
        Object array, one reason string or None per hit.
    """
    reasons = np.full(len(hits.target), None, dtype=object)
    if not constraints or not len(hits.target):
        return reasons
    distances = _Distances(token_starts)
    for target in np.unique(hits.target):
        constraint = constraints.get(int(target))
        if constraint is None:
            continue
        rows = np.flatnonzero(hits.target == target)
        mine = hits.take(rows)
        found: list[list[str]] = [[] for _ in rows]
        if constraint.near.size:
            pool = anchors.take(np.isin(anchors.target, constraint.near))
            ok = np.zeros(len(rows), dtype=bool)
            if len(pool.target):
                inside, _ = distances.within(mine, pool, constraint.window)
                ok = inside.any(axis=1)
            where = (
                "in the same sentence"
                if constraint.window == SENTENCE
                else f"within {_plural(int(constraint.window), 'token')}"
            )
            for k in np.flatnonzero(~ok):
                found[k].append(f"near: no anchor {where}")
        if constraint.not_near.size:
            pool = anchors.take(np.isin(anchors.target, constraint.not_near))
            if len(pool.target):
                inside, dist = distances.within(mine, pool, constraint.not_window)
                for k in np.flatnonzero(inside.any(axis=1)):
                    cand = np.flatnonzero(inside[k])
                    j = cand[np.argmin(dist[k, cand])]
                    surface = text[pool.start[j] : pool.end[j]]
                    if constraint.not_window == SENTENCE:
                        found[k].append(f"not_near: {surface!r} in the same sentence")
                    else:
                        away = _plural(int(dist[k, j]), "token")
                        found[k].append(f"not_near: {surface!r} {away} away")
        for k, row in enumerate(rows):
            if found[k]:
                reasons[row] = "; ".join(found[k])
    return reasons
