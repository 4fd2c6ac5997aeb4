"""Measures on the matches table: frame rates, naming-contest shares, per-document counts.

Three result tables, each one row per (group, item) with documented snake_case columns and
the parameters that produced them in ``df.attrs``:

- :func:`count_frames` — per group × frame: hits, rate per 1,000 tokens with a
  cluster-bootstrap interval (documents resampled), share of documents with a Wilson
  interval.
- :func:`count_contest` — per group × variant of a naming contest: shares of mentions
  (cluster bootstrap) or of documents (Wilson), and a test of independence between group
  and variant that respects documents (:func:`contest_independence`, a permutation test
  over documents with Pearson's X² and Cramér's V).
- :func:`count_documents` — per document × frame or variant, every document included,
  for regression in other tools.

Shared conventions
------------------
- **Documents are the sampling units.** Hits cluster within documents (one outlet's style
  sheet, one author's habit), so intervals resample documents and the contest test
  permutes documents, never single hits.
- **Nothing is dropped silently.** Every document of the corpus counts (zeros for those
  without hits); every group appears, a missing group value as ``"(missing)"``; every frame
  or variant of the lexicon appears, with zeros when unused.
- **The lexicon's structure** (its frames, contests and variants) is taken from
  ``lexicon=``, else from ``matches.attrs["lexicon"]`` (a :class:`framing.Lexicon`, or a
  mapping with ``frames`` and ``contests``), else from the values present in the matches.
- **Filters, not re-matching.** ``voice="author"`` (the outlet's own voice) or
  ``distanced=False`` select hits of the matches table; hits a proximity constraint rejected
  (``rejected`` not missing, from ``match_lexicon(audit=True)``) never count.
- **Coders' overrides.** Hits that :func:`framing.validate.apply_overrides` excluded are
  marked ``rejected`` and so never count; relabelled hits count under their new variant.
  The overrides provenance the matches carry in their attrs (``overrides_name``,
  ``overrides_version``, ``overrides_fingerprint``, ``overrides_coders``,
  ``overrides_date``, ``overrides_source``, ``n_overrides``, ``n_overrides_unmatched``,
  ``n_excluded_by_overrides``, ``n_relabelled_by_overrides``) is copied, same keys, into
  the attrs of every result (and into :class:`ContestTest` ``.overrides``). Matches without
  overrides add no such key: the attrs are exactly those of a run without overrides.
- **Tokens** are :func:`framing.text.count_words` per document, computed once per corpus.
- **Reproducible.** Bootstraps and permutations are seeded by ``random_state`` (default 0);
  with an int seed each group draws from its own stream, so a group's interval depends only
  on its own documents and the seed, not on document order or on the other groups.
"""

from __future__ import annotations

from framing.measure._contest import ContestTest, contest_independence, count_contest
from framing.measure._documents import count_documents
from framing.measure._frames import count_frames

__all__ = [
    "ContestTest",
    "contest_independence",
    "count_contest",
    "count_documents",
    "count_frames",
]
