"""French-aware text layer: normalisation for matching, tokens, sentences and paragraphs.

Every function works on the original text and returns offsets into it; nothing here ever
changes a text. Three jobs:

- **Normalisation for matching** (:func:`normalize`, :func:`normalize_term`,
  :func:`fold_accents`): case, apostrophes, dashes, spaces and, on request, accents, with a
  map back to original offsets (:class:`NormalizedText`).
- **Tokens** (:func:`tokenize`, :class:`Token`) and fast statistics helpers that build no
  Token objects (:func:`word_spans`, :func:`count_words`, :func:`words`). The corpus "token"
  count of every rate is :func:`count_words`: words, numbers and elided forms (« l’ »),
  not punctuation.
- **Segmentation** (:func:`sentence_spans`, :func:`paragraph_spans`,
  :func:`sentence_index`, :func:`span_index`), rule-based, with per-language abbreviation
  lists; nothing is downloaded.
"""

from __future__ import annotations

from framing.text._chars import (
    APOSTROPHES,
    DASHES,
    QUOTE_CHARS,
    QUOTE_PAIRS,
    SINGLE_QUOTE_CHARS,
)
from framing.text._normalize import NormalizedText, fold_accents, normalize, normalize_term
from framing.text._segment import paragraph_spans, sentence_index, sentence_spans, span_index
from framing.text._tokenize import (
    FRENCH_ELISIONS,
    TOKEN_KINDS,
    WORD_KINDS,
    Token,
    count_words,
    tokenize,
    word_spans,
    words,
)

__all__ = [
    "APOSTROPHES",
    "DASHES",
    "FRENCH_ELISIONS",
    "QUOTE_CHARS",
    "QUOTE_PAIRS",
    "SINGLE_QUOTE_CHARS",
    "TOKEN_KINDS",
    "WORD_KINDS",
    "NormalizedText",
    "Token",
    "count_words",
    "fold_accents",
    "normalize",
    "normalize_term",
    "paragraph_spans",
    "sentence_index",
    "sentence_spans",
    "span_index",
    "tokenize",
    "word_spans",
    "words",
]
