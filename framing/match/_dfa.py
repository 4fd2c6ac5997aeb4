"""An Aho–Corasick automaton as a transition table over code-point classes.

For :class:`framing.match._compile.Automaton` once the compiled loops are on: the scan
(:func:`framing.match._kernels.dfa_hits`) reads the code points the matcher has already
computed, follows one table entry a character and writes its hits into an array, where
``ahocorasick_rs`` encodes the text to UTF-8, maps byte offsets back to characters and
hands back one Python tuple a hit (issue #9: 0.09 s against 0.28 s on the 50 MB benchmark).

The table is the classical construction (Aho & Corasick 1975): a trie of the keys, failure
links, and the goto function completed into a DFA, so that the scan never follows a failure
link. It is built level by level with numpy (each state's row is its failure state's row
with the state's own trie edges written over it). Characters are grouped into classes: one
class per character that occurs in a key, and class 0 for every other character, so the
table has as many columns as the keys have distinct characters, plus one.

References
----------
Aho, A. V., & Corasick, M. J. (1975). Efficient string matching: an aid to bibliographic
search. *Communications of the ACM*, 18(6), 333–340. https://doi.org/10.1145/360825.360855
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Largest table (states × classes) built; beyond, ``ahocorasick_rs`` scans instead
#: (4 bytes a cell: 64 MB).
MAX_CELLS = 1 << 24
#: Tables up to this many cells store their states in 16 bits: half the memory, so the
#: scan's working set stays in the processor's fastest caches (about 1.5x faster).
MAX_CELLS_16 = 1 << 16


@dataclass(frozen=True)
class DfaTables:
    """The arrays :func:`framing.match._kernels.dfa_hits` scans with.

    States are numbered so that those with hits come last, and stored multiplied by the
    number of classes (the row's offset in ``trans``): a state ``s`` has hits when
    ``s >= first``. Its hits are the keys ``term[t]`` for ``t = head[s // n_classes]``,
    then ``t = link[t]``, ... until -1 (the state's own key, then those of its suffixes).
    """

    classes: np.ndarray  # uint16: code point -> class (code points past its end: class 0)
    trans: np.ndarray  # uint16 or int32, flat: trans[s + class] -> next state's offset
    n_classes: int
    first: int
    head: np.ndarray  # int64 per state: first state in its chain of keys, or -1
    link: np.ndarray  # int64 per state: next state in the chain (dictionary suffix link)
    term: np.ndarray  # int64 per state: the key ending at the state, or -1
    key_len: np.ndarray  # int64 per key: its length in characters


def build_tables(keys: tuple[str, ...], max_cells: int | None = None) -> DfaTables | None:
    """The transition table of ``keys`` (non-empty, distinct), or None when it would hold
    more than ``max_cells`` cells (default :data:`MAX_CELLS`) or more than 65,535
    character classes."""
    if not keys or not all(keys):
        raise ValueError("build_tables() takes distinct non-empty keys")
    alphabet = sorted({ord(ch) for key in keys for ch in key})
    n_classes = len(alphabet) + 1
    if n_classes > 0xFFFF:
        return None
    classes = np.zeros(alphabet[-1] + 1, dtype=np.uint16)
    classes[alphabet] = np.arange(1, n_classes, dtype=np.uint16)

    # The trie: state 0 is the root; each state has a parent, an edge class and a depth.
    edges: dict[tuple[int, int], int] = {}
    parent, edge, depth, term = [0], [0], [0], [-1]
    for k, key in enumerate(keys):
        state = 0
        for cls in classes[[ord(ch) for ch in key]].tolist():
            nxt = edges.get((state, cls))
            if nxt is None:
                nxt = edges[(state, cls)] = len(parent)
                parent.append(state)
                edge.append(cls)
                depth.append(depth[state] + 1)
                term.append(-1)
            state = nxt
        if term[state] >= 0:
            raise ValueError(f"build_tables() got the key {key!r} twice")
        term[state] = k
    n = len(parent)
    if n * n_classes > (MAX_CELLS if max_cells is None else max_cells):
        return None
    parent_a = np.asarray(parent, dtype=np.int64)
    edge_a = np.asarray(edge, dtype=np.int64)
    term_a = np.asarray(term, dtype=np.int64)
    by_depth = np.argsort(np.asarray(depth), kind="stable")
    cuts = np.searchsorted(np.asarray(depth)[by_depth], np.arange(max(depth) + 2))

    # Level by level: failure links, rows, then the trie edges to the next level.
    trans = np.zeros((n, n_classes), dtype=np.int64)
    fail = np.zeros(n, dtype=np.int64)
    link = np.full(n, -1, dtype=np.int64)  # nearest proper suffix state with a key
    for d in range(len(cuts) - 1):
        level = by_depth[cuts[d] : cuts[d + 1]]
        if d >= 2:  # (depth 1 fails to the root)
            fail[level] = trans[fail[parent_a[level]], edge_a[level]]
        if d >= 1:
            trans[level] = trans[fail[level]]
            f = fail[level]
            link[level] = np.where(term_a[f] >= 0, f, link[f])
        children = by_depth[cuts[d + 1] : cuts[d + 2]] if d + 2 < len(cuts) else level[:0]
        trans[parent_a[children], edge_a[children]] = children
    head = np.where(term_a >= 0, np.arange(n), link)

    # Renumber: states without hits first (the root stays 0), then premultiply.
    order = np.argsort(head >= 0, kind="stable")
    new = np.empty(n, dtype=np.int64)
    new[order] = np.arange(n)
    dtype = np.uint16 if n * n_classes <= MAX_CELLS_16 else np.int32
    table = (new[trans[order]] * n_classes).astype(dtype).ravel()

    def renumbered(states: np.ndarray) -> np.ndarray:
        return np.where(states >= 0, new[np.maximum(states, 0)], -1)

    return DfaTables(
        classes=classes,
        trans=table,
        n_classes=n_classes,
        first=int(np.count_nonzero(head < 0)) * n_classes,
        head=renumbered(head[order]),
        link=renumbered(link[order]),
        term=term_a[order],
        key_len=np.fromiter(map(len, keys), dtype=np.int64, count=len(keys)),
    )
