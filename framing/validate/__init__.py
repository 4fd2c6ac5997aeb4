"""Validating a lexicon against hand coding: code sheets, reliability, precision, overrides.

Reviewers ask "how do you know your dictionary measures what you say?". The answer is a
small, documented hand-coding study, and this module runs it:

1. :func:`sample_for_coding` draws a stratified random sample — of the lexicon's hits
   (for precision), or of documents or sentences, matched or not, coded blind (for
   recall) — as a *code sheet*: context with the hit marked, metadata, sampling weights,
   and an empty code column per coder. :func:`write_code_sheet` writes it as XLSX
   (frozen header, instructions generated from the lexicon's descriptions) or CSV.
2. :func:`read_codes` reads the coded sheet back (or each coder's copy) and names the row
   and column of every problem: renamed columns, unknown unit ids, codes outside the
   codebook, missing codes.
3. :func:`reliability` reports Krippendorff's α (any level, missing codes allowed) with a
   bootstrap interval, percent agreement, Cohen's κ (two coders) and Fleiss' κ
   (:func:`fleiss_kappa`).
4. :func:`validate_lexicon` estimates precision per entry, frame, variant, outlet and
   voice, and recall and F1 from codes made blind, with Wilson intervals. Its result
   (:class:`LexiconValidation`) gives a table and its LaTeX (precision of hits beside
   recall, precision and F1 of the lexicon's decisions on the blind units, and the
   units left out as unresolved — with two coders under the majority rule, every
   disagreement), a text summary, and :meth:`LexiconValidation.errors`: the misses and
   false alarms on the blind units, with the coders' notes.
5. :func:`apply_overrides` applies coders' decisions (this hit is about another war:
   exclude; this « opération » is the military operation: relabel) from a versioned
   overrides file (:func:`read_overrides`, :func:`write_overrides`): excluded hits are
   marked ``rejected`` — kept, not deleted — so every ``framing.count_*`` skips them, and
   the file's fingerprint goes into the table's provenance.

Code sheets
-----------
One row per unit: ``unit_id`` (``doc_id:start-end:item`` for a hit), ``unit``,
``doc_id``, ``start``, ``end``, ``sentence``, ``item`` (``frame:<frame>`` or
``contest:<contest>/<variant>``), ``frame``, ``contest``, ``variant``, for hits
``entry``, ``surface``, ``voice``, ``distanced``, the metadata, ``context``, ``stratum``,
``weight``, and ``code_<coder>`` / ``note_<coder>`` for each coder. Codes are text
(``"1"``, ``"0"``) compared with the codebook stored with the sheet (in a hidden
``_meta`` worksheet, or ``<name>.meta.json`` beside a CSV).

Overrides files
---------------
.. code-block:: yaml

    name: karabakh-2023-fr-overrides
    version: 1.0.0
    coders: [A, B]
    date: 2025-03-01                # optional
    overrides:
      - doc_id: "004_f2b60a6b7852c7d8"
        start: 1204
        end: 1213
        contest: operation_name     # optional filters: entry, frame, contest
        decision: exclude
        reason: « offensive » here names the Armenian offensive feared by Baku.
      - {doc_id: "003_e0b1685020b70630", start: 88, end: 97, decision: relabel,
         variant: military_operation, reason: the military operation, named anaphorically}
"""

from __future__ import annotations

from framing.validate._apply import apply_overrides
from framing.validate._codes import read_codes
from framing.validate._common import DEFAULT_CODEBOOKS, LEVELS, UNITS
from framing.validate._overrides import (
    DECISIONS,
    Overrides,
    read_overrides,
    write_overrides,
)
from framing.validate._precision import validate_lexicon
from framing.validate._reliability import fleiss_kappa, reliability
from framing.validate._report import LexiconValidation
from framing.validate._sample import sample_for_coding
from framing.validate._sheets import write_code_sheet

__all__ = [
    "DECISIONS",
    "DEFAULT_CODEBOOKS",
    "LEVELS",
    "UNITS",
    "LexiconValidation",
    "Overrides",
    "apply_overrides",
    "fleiss_kappa",
    "read_codes",
    "read_overrides",
    "reliability",
    "sample_for_coding",
    "validate_lexicon",
    "write_code_sheet",
    "write_overrides",
]
