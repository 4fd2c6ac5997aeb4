"""The peers framing is timed against: one regex tokenisation pass, and spaCy's phrase matcher.

- :func:`regex_pass` — ``re.findall(r"\\w+|[^\\w\\s]", text.lower())`` per document: the
  cheapest honest "read every word in Python" baseline. A matcher that tokenises in Python
  cannot be faster than this.
- :class:`SpacyRoute` — spaCy's standard route for dictionary matching: the ``blank`` tokenizer
  of the lexicon's language and a ``PhraseMatcher(attr="LOWER")`` run over ``nlp.pipe``.
  spaCy has no globs, so globbed words are expanded beforehand against the corpus
  vocabulary (the lower-cased spaCy tokens), with framing's glob semantics: a word matches
  ``argent*`` when it starts with ``argent`` and the rest runs through word characters and
  apostrophes followed by a letter, never through a hyphen (``parts: true``). No accent
  folding: ``LOWER`` compares lower-cased forms only, which is the standard route.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

WORD_RE = re.compile(r"\w+|[^\w\s]")
# framing's glob tail: word characters, and an apostrophe only when a letter follows
_GLOB_TAIL = re.compile(r"\w*(?:'[^\W\d_]\w*)*")
#: At most this many phrases per multiword entry with globbed words (product of expansions).
MAX_PHRASES = 2_000


def regex_pass(texts: Iterable[str]) -> int:
    """Tokenise every text with one regex, lower-cased; return the number of tokens."""
    n = 0
    for text in texts:
        n += len(WORD_RE.findall(text.lower()))
    return n


def expand_glob(prefix: str, vocabulary: Sequence[str]) -> list[str]:
    """The vocabulary words that ``prefix*`` matches under framing's glob semantics.

    >>> expand_glob("argent", ["argent", "argentée", "argent-comptant", "arg"])
    ['argent', 'argentée']
    """
    prefix = prefix.lower()
    return [
        w for w in vocabulary if w.startswith(prefix) and _GLOB_TAIL.fullmatch(w[len(prefix) :])
    ]


def entry_phrases(
    words: Sequence[str],
    globs: Sequence[bool],
    vocab: Sequence[str],
    split: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """Every phrase an entry stands for once its globbed words are expanded.

    ``split`` tokenises one word the way the peer does: a globbed word the peer cuts into
    several tokens (``café-concert*`` → ``café - concert*``) is expanded on its last token.
    """
    options = []
    for word, glob in zip(words, globs, strict=True):
        word = word.lower()
        if not glob:
            options.append([word])
            continue
        pieces = split(word) if split is not None else [word]
        head = word[: len(word) - len(pieces[-1])]
        options.append([head + w for w in expand_glob(pieces[-1], vocab)])
    phrases = [" ".join(p) for p in itertools.islice(itertools.product(*options), MAX_PHRASES)]
    return phrases


@dataclass
class SpacyResult:
    """What one run of the spaCy route found."""

    counts: np.ndarray  # per lexicon entry
    n_tokens: int
    # per document: (entry index, start char, end char) of every match, if kept
    spans: list[np.ndarray] | None = None


class SpacyRoute:
    """spaCy's blank tokenizer + ``PhraseMatcher(attr="LOWER")`` for a framing lexicon.

    Parameters
    ----------
    lexicon : framing.Lexicon
        Its entries become phrase patterns, one match key per entry.
    max_length : int
        The longest text, so that spaCy's ``nlp.max_length`` guard (1,000,000 characters by
        default) does not refuse long novels; the tokenizer alone needs no more memory.
    """

    def __init__(self, lexicon, *, max_length: int) -> None:
        import spacy

        self.lexicon = lexicon
        self.nlp = spacy.blank(lexicon.language.split("-")[0])
        self.nlp.max_length = max(max_length + 1, self.nlp.max_length)
        self.matcher = None
        self.n_patterns = 0
        self.n_expanded = 0

    def vocabulary(self, texts: Iterable[str], *, keep_tokens: bool = False) -> list[str]:
        """The lower-cased token types of the texts (one tokenizer pass).

        With ``keep_tokens``, :attr:`tokens` holds, per document, the start and end
        character of every token (an ``(n, 2)`` int32 array), for :mod:`bench.counts`.
        """
        from spacy.attrs import IDX, LENGTH, LOWER

        hashes: set[int] = set()
        self.tokens: list[np.ndarray] = []
        for doc in self.nlp.tokenizer.pipe(texts, batch_size=8):
            hashes.update(doc.count_by(LOWER))
            if keep_tokens:
                tok = doc.to_array([IDX, LENGTH]).astype(np.int32)
                tok[:, 1] += tok[:, 0]
                self.tokens.append(tok)
        strings = self.nlp.vocab.strings
        return sorted(strings[h] for h in hashes)

    def build(self, vocabulary: Sequence[str]) -> None:
        """Compile the patterns, globs expanded against ``vocabulary``."""
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._key_to_entry: dict[int, int] = {}
        n_patterns = n_expanded = 0
        for i, entry in enumerate(self.lexicon.entries):
            phrases = entry_phrases(entry.words, entry.globs, vocabulary, split=self._split)
            if any(entry.globs):
                n_expanded += len(phrases)
            if not phrases:
                continue
            key = f"e{i}"
            matcher.add(key, [self.nlp.make_doc(p) for p in phrases])
            self._key_to_entry[self.nlp.vocab.strings[key]] = i
            n_patterns += len(phrases)
        self.matcher = matcher
        self.n_patterns = n_patterns
        self.n_expanded = n_expanded

    def _split(self, word: str) -> list[str]:
        return [t.text for t in self.nlp.make_doc(word)]

    def run(self, texts: Sequence[str], *, spans: bool = False) -> SpacyResult:
        """Tokenise with ``nlp.pipe``, match, count per entry (and keep char spans)."""
        from spacy.attrs import IDX, LENGTH

        if self.matcher is None:
            raise RuntimeError("call build() first")
        n_entries = len(self.lexicon.entries)
        key_to_entry = self._key_to_entry
        counts = np.zeros(n_entries, dtype=np.int64)
        n_tokens = 0
        kept: list[np.ndarray] | None = [] if spans else None
        for doc in self.nlp.pipe(texts, batch_size=8):
            n_tokens += len(doc)
            found = self.matcher(doc)
            if not found:
                if kept is not None:
                    kept.append(np.zeros((0, 3), dtype=np.int64))
                continue
            hits = np.asarray(found, dtype=np.uint64)
            ids = np.fromiter((key_to_entry[int(k)] for k in hits[:, 0]), np.int64, len(hits))
            counts += np.bincount(ids, minlength=n_entries)
            if kept is not None:
                tok = doc.to_array([IDX, LENGTH]).astype(np.int64)
                start_tok = hits[:, 1].astype(np.int64)
                end_tok = hits[:, 2].astype(np.int64) - 1
                start = tok[start_tok, 0]
                end = tok[end_tok, 0] + tok[end_tok, 1]
                kept.append(np.column_stack([ids, start, end]))
        return SpacyResult(counts, n_tokens, kept)
