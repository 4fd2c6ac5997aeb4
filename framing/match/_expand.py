"""Lemma and stem matching, by expansion against the corpus vocabulary.

A ``match: lemma`` (or ``stem``) entry is not matched token by token: the corpus vocabulary
(the set of word types, one regex pass per document with :func:`framing.text.words`) is
lemmatised (``simplemma``, whose data ship with it) or stemmed (NLTK's Snowball stemmer,
pure code) once per type, and every type that shares an entry word's lemma or stem becomes
an exact form of that word. Globbed words stay prefix globs. The expanded forms then go
through the same compiler as exact entries (normalisation, compounds, boundaries).
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from framing._errors import FramingError
from framing.text import words as text_words

#: Most forms one lemma/stem entry may expand to (the product over its words).
MAX_FORMS = 10_000

_SNOWBALL = {"fr": "french", "en": "english"}


def vocabulary(texts: Iterable[str], language: str) -> set[str]:
    """The word types of the texts, case kept (tokeniser normalisation: NFC, ``'``, ``-``)."""
    vocab: set[str] = set()
    for text in texts:
        if text:
            vocab.update(text_words(text, lower=False, language=language))
    return vocab


def _reducer(mode: str, language: str) -> Callable[[str], str]:
    if mode == "lemma":
        try:
            import simplemma
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise FramingError(
                "match: lemma needs the 'simplemma' package; install it with "
                "`pip install simplemma`."
            ) from exc

        def lemma(word: str) -> str:
            return simplemma.lemmatize(word, lang=language)

        return functools.lru_cache(maxsize=None)(lemma)
    try:
        from nltk.stem.snowball import SnowballStemmer
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise FramingError(
            "match: stem needs the 'nltk' package (Snowball stemmers, no download needed); "
            "install it with `pip install nltk`."
        ) from exc
    stemmer = SnowballStemmer(_SNOWBALL[language])
    return functools.lru_cache(maxsize=None)(stemmer.stem)


class Expander:
    """Maps an entry word to the vocabulary types sharing its lemma or stem."""

    def __init__(self, vocab: set[str], language: str) -> None:
        self.vocab = vocab
        self.language = language
        self._index: dict[tuple[str, bool], dict[str, list[str]]] = {}
        self._reducers: dict[str, Callable[[str], str]] = {}

    def _reduce(self, mode: str) -> Callable[[str], str]:
        if mode not in self._reducers:
            self._reducers[mode] = _reducer(mode, self.language)
        return self._reducers[mode]

    def _table(self, mode: str, case_sensitive: bool) -> dict[str, list[str]]:
        key = (mode, case_sensitive)
        if key not in self._index:
            reduce = self._reduce(mode)
            table: dict[str, list[str]] = defaultdict(list)
            for word in sorted(self.vocab):
                table[reduce(word if case_sensitive else word.lower())].append(word)
            self._index[key] = dict(table)
        return self._index[key]

    def forms(self, word: str, mode: str, case_sensitive: bool) -> list[str]:
        """The entry word itself, then the vocabulary types with the same lemma or stem."""
        reduce = self._reduce(mode)
        probe = word if case_sensitive else word.lower()
        found = self._table(mode, case_sensitive).get(reduce(probe), [])
        return [word, *(t for t in found if t != word)]

    def expand(
        self, words: Sequence[str], globs: Sequence[bool], mode: str, case_sensitive: bool
    ) -> list[tuple[str, ...]]:
        """Word tuples for one entry (globbed words kept as they are).

        Raises
        ------
        FramingError
            When the entry would expand to more than :data:`MAX_FORMS` forms.
        """
        options = [
            [w] if g else self.forms(w, mode, case_sensitive)
            for w, g in zip(words, globs, strict=True)
        ]
        n = 1
        for o in options:
            n *= len(o)
        if n > MAX_FORMS:
            raise FramingError(
                f"entry {' '.join(words)!r} (match: {mode}) expands to {n} forms against "
                f"this corpus, more than {MAX_FORMS}. Fix: use match: exact with globs for "
                "some of its words."
            )
        return [tuple(c) for c in itertools.product(*options)]
