"""Bundled example corpora and lexicons, loadable by name from an installed package.

>>> import framing
>>> framing.datasets.list_corpora()
['an-mariage-2013', 'karabakh-2023-fr']
>>> corpus = framing.datasets.load_corpus("karabakh-2023-fr")
>>> len(corpus)
5

``framing.read_corpus(name)`` and ``framing.read_lexicon(name)`` accept the same names.
A bundled lexicon may ship the hand-coded sheets of its validation
(:func:`validation_path`).
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
    "validation_path",
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


def validation_path(lexicon_name: str) -> Path:
    """Folder of the hand-coded validation sheets shipped with a bundled lexicon.

    The folder holds each coder's code sheets (``<coder>-hits.csv`` for the precision of
    hits, ``<coder>-documents.csv`` coded blind for recall), each with its ``.meta.json``
    sidecar and ``.instructions.md``, and a ``README.md`` saying who coded, how the sheets
    were drawn and under which licence. Read them with :func:`framing.validate.read_codes`.

    Parameters
    ----------
    lexicon_name : str
        The name of a bundled lexicon (see :func:`list_lexicons`).

    Returns
    -------
    pathlib.Path
        The folder ``lexicons/validation/<lexicon_name>`` (in a wheel, under
        ``framing/_bundled``).

    Raises
    ------
    LexiconError
        If no validation is bundled for that lexicon; the message names the lexicons that
        have one.

    Examples
    --------
    >>> import framing
    >>> from framing.validate import read_codes
    >>> folder = framing.datasets.validation_path("karabakh-2023-fr")
    >>> sorted(p.name for p in folder.glob("*.csv"))
    ['A-documents.csv', 'A-hits.csv', 'B-documents.csv', 'B-hits.csv']
    >>> codes = read_codes([folder / "A-hits.csv", folder / "B-hits.csv"])
    >>> len(codes), codes.attrs["coders"]
    (335, ['A', 'B'])
    """
    root = bundled_path("lexicons", "validation")
    available = (
        sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
        if root is not None and root.is_dir()
        else []
    )
    if not isinstance(lexicon_name, str) or lexicon_name not in available:
        known = lexicon_name in list_lexicons() if isinstance(lexicon_name, str) else False
        what = (
            f"The bundled lexicon {lexicon_name!r} has no bundled validation."
            if known
            else f"No bundled validation for a lexicon named {lexicon_name!r}."
            + suggest(str(lexicon_name), available)
        )
        raise LexiconError(
            f"{what} Lexicons with bundled validation sheets: "
            f"{', '.join(available) or '(none found)'}. To validate a lexicon yourself, draw "
            "a code sheet with framing.validate.sample_for_coding()."
        )
    return root / lexicon_name
