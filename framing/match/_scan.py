"""Scan one document: automaton hits, boundary checks, offsets mapped to the original text."""

from __future__ import annotations

import re

import numpy as np

from framing.match._compile import ConfigPlan, Plan
from framing.text import normalize

_SPACE_RUN = re.compile(" {2,}")
_EMPTY = np.zeros(0, dtype=np.int64)


def collapse_spaces(text: str) -> tuple[str, np.ndarray | None]:
    """Collapse runs of spaces to one, with the map back (None when nothing changed).

    Normalisation turns every whitespace character into one space, so a line break or a
    blank line between two words of a phrase becomes a run of spaces; the automaton keys
    hold single spaces. ``keep[i]`` is the index in ``text`` of character ``i`` of the
    result.
    """
    if "  " not in text:
        return text, None
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    space = codes == 32
    drop = np.zeros(len(codes), dtype=bool)
    drop[1:] = space[1:] & space[:-1]
    return _SPACE_RUN.sub(" ", text), np.flatnonzero(~drop)


def _raw_hits(plan: ConfigPlan, text: str, bounds) -> tuple[list[int], list[int], list[int]]:
    """(targets, starts, ends) of the hits of one configuration, in ``text`` offsets."""
    targets: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    f_target, f_len, f_left, f_right = plan.target, plan.key_len, plan.left, plan.right
    f_parts, f_tail = plan.parts, plan.tail
    left, right = bounds.left, bounds.right
    for last, forms in plan.automaton.iter(text):
        end = last + 1
        for f in forms:
            start = end - f_len[f]
            if f_left[f] and not left(text, start, f_parts[f]):
                continue
            stop = end
            tail = f_tail[f]
            if tail is not None:
                m = tail.match(text, end)
                if m is None:
                    continue
                stop = m.end()
            if f_right[f] and not right(text, stop, f_parts[f]):
                continue
            targets.append(f_target[f])
            starts.append(start)
            ends.append(stop)
    return targets, starts, ends


def scan_document(plan: Plan, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every hit of every target in one document, in original offsets, deduplicated.

    Returns
    -------
    tuple of numpy.ndarray
        ``(targets, starts, ends)``, int64, sorted by target then start then end.
    """
    all_t, all_s, all_e = [], [], []
    for (case_sensitive, fold), cplan in plan.configs.items():
        if cplan.automaton is None:
            continue
        norm = normalize(text, fold_accents=fold, case_sensitive=case_sensitive)
        matching, keep = collapse_spaces(norm.text)
        t, s, e = _raw_hits(cplan, matching, plan.bounds)
        if not t:
            continue
        s_arr = np.asarray(s, dtype=np.int64)
        e_arr = np.asarray(e, dtype=np.int64)
        if keep is not None:
            s_arr, e_arr = keep[s_arr], keep[e_arr - 1] + 1
        s_arr, e_arr = norm.to_original_many(s_arr, e_arr)
        all_t.append(np.asarray(t, dtype=np.int64))
        all_s.append(s_arr)
        all_e.append(e_arr)
    if not all_t:
        return _EMPTY, _EMPTY, _EMPTY
    hits = np.unique(
        np.stack([np.concatenate(all_t), np.concatenate(all_s), np.concatenate(all_e)]), axis=1
    )
    return hits[0], hits[1], hits[2]
