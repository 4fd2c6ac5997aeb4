"""Compare groups of documents: which terms, frames or profiles set them apart.

Four statistics, one argument vocabulary (``data``, ``by``, ``target``, ``reference``,
``min_count``, ``top_n``), each on a :class:`~framing.Corpus` (tokenised once, here) or a
long count table (one row per group and term):

- :func:`compare_log_odds` — log-odds ratio with an informative Dirichlet prior and its
  z-score (Monroe, Colaresi & Quinn 2008);
- :func:`compare_keyness` — signed G² over the full 2 × 2 table (Dunning 1993), Pearson's
  χ² with optional Yates correction, Hardie's (2014) log ratio, FDR-adjusted p-values;
- :func:`compare_specificities` — Lafon's (1980) hypergeometric specificities of every term
  in every group, signed log10, as TXM reports them;
- :func:`compare_profiles` — Jensen–Shannon distances between the groups' term or frame
  profiles (Lin 1991; Endres & Schindelin 2003).

Results are plain DataFrames with snake_case columns and their parameters in ``df.attrs``.
"""

from __future__ import annotations

from framing.compare._keyness import compare_keyness
from framing.compare._log_odds import compare_log_odds
from framing.compare._profiles import compare_profiles
from framing.compare._specificities import compare_specificities

__all__ = [
    "compare_keyness",
    "compare_log_odds",
    "compare_profiles",
    "compare_specificities",
]
