"""framing — measure how news text frames an event through word choice.

Lexicon-based and statistical tools for media-framing analysis: corpora with
provenance, French-aware text processing, naming contests, voice (own voice vs
quotation), comparison statistics and reproducible publication figures.
"""

from __future__ import annotations

__version__ = "0.1.0.dev0"

__all__ = ["__version__"]
