"""framing — measure how news text frames an event through word choice.

Lexicon-based and statistical tools for media-framing analysis: corpora with
provenance, French-aware text processing, naming contests, voice (own voice vs
quotation), comparison statistics and reproducible publication figures.

The public API is re-exported here; submodules (``framing.text``, ``framing.voice``,
``framing.datasets``) hold the specialised tools.
"""

from __future__ import annotations

__version__ = "0.1.0.dev0"

from framing import datasets, text
from framing._errors import CorpusError, FramingError, FramingWarning, LexiconError
from framing.compare import (
    compare_keyness,
    compare_log_odds,
    compare_profiles,
    compare_specificities,
)
from framing.concordance import KwicTable, kwic, kwic_html, write_kwic
from framing.corpus import Corpus, CorpusChunks, Document, read_corpus
from framing.lexicon import (
    Entry,
    Lexicon,
    LexiconWarning,
    check_lexicon,
    convert_lexicon,
    read_lexicon,
)
from framing.match import match_chunks, match_lexicon, write_matches
from framing.measure import (
    ContestTest,
    contest_independence,
    count_contest,
    count_documents,
    count_frames,
)


def __getattr__(name: str):
    # matplotlib and scikit-learn are imported only when their parts are used (together they
    # would add about a second to `import framing`)
    if name == "LexiconVectorizer":
        from framing.sklearn import LexiconVectorizer

        return LexiconVectorizer
    if name in ("plot", "style", "save", "tables", "study", "cite", "validate"):
        import importlib

        return importlib.import_module(f"framing.{name}")
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


__all__ = [
    "ContestTest",
    "Corpus",
    "CorpusChunks",
    "CorpusError",
    "Document",
    "Entry",
    "FramingError",
    "FramingWarning",
    "KwicTable",
    "Lexicon",
    "LexiconError",
    "LexiconVectorizer",
    "LexiconWarning",
    "__version__",
    "check_lexicon",
    "compare_keyness",
    "compare_log_odds",
    "compare_profiles",
    "compare_specificities",
    "contest_independence",
    "convert_lexicon",
    "count_contest",
    "count_documents",
    "count_frames",
    "datasets",
    "kwic",
    "kwic_html",
    "match_chunks",
    "match_lexicon",
    "plot",
    "read_corpus",
    "read_lexicon",
    "style",
    "text",
    "write_kwic",
    "write_matches",
]
