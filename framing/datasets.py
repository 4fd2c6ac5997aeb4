"""Bundled example corpora and lexicons, loadable by name from an installed package.

>>> import framing
>>> framing.datasets.list_corpora()
['an-mariage-2013', 'karabakh-2023-fr']
>>> corpus = framing.datasets.load_corpus("karabakh-2023-fr")
>>> len(corpus)
5

``framing.read_corpus(name)`` and ``framing.read_lexicon(name)`` accept the same names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from framing._errors import CorpusError, LexiconError, suggest
from framing._resources import bundled_names, bundled_path

if TYPE_CHECKING:
    from framing.corpus import Corpus
    from framing.lexicon import Lexicon

__all__ = [
    "corpus_path",
    "lexicon_path",
    "list_corpora",
    "list_lexicons",
    "load_corpus",
    "load_lexicon",
]


def list_corpora() -> list[str]:
    """Names of the bundled corpora, sorted."""
    return bundled_names("corpus")


def list_lexicons() -> list[str]:
    """Names of the bundled lexicons, sorted."""
    return bundled_names("lexicons")


def corpus_path(name: str) -> Path:
    """Folder of a bundled corpus.

    Raises
    ------
    CorpusError
        If no bundled corpus has that name; the message lists the bundled ones.
    """
    path = bundled_path("corpus", name)
    if path is None or not path.is_dir():
        available = list_corpora()
        raise CorpusError(
            f"No bundled corpus named {name!r}.{suggest(name, available)} "
            f"Bundled corpora: {', '.join(available) or '(none found)'}. "
            "To read your own corpus, pass a path to framing.read_corpus()."
        )
    return path


def lexicon_path(name: str) -> Path:
    """File of a bundled lexicon.

    Raises
    ------
    LexiconError
        If no bundled lexicon has that name; the message lists the bundled ones.
    """
    path = bundled_path("lexicons", name)
    if path is None or not path.is_file():
        available = list_lexicons()
        raise LexiconError(
            f"No bundled lexicon named {name!r}.{suggest(name, available)} "
            f"Bundled lexicons: {', '.join(available) or '(none found)'}. "
            "To read your own lexicon, pass a path to framing.read_lexicon()."
        )
    return path


def load_corpus(name: str) -> Corpus:
    """Read a bundled corpus by name (see :func:`list_corpora`)."""
    from framing.corpus import read_corpus

    return read_corpus(corpus_path(name), name=name)


def load_lexicon(name: str) -> Lexicon:
    """Read a bundled lexicon by name (see :func:`list_lexicons`)."""
    from framing.lexicon import read_lexicon

    return read_lexicon(lexicon_path(name))
