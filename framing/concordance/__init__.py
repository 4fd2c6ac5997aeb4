"""Keyword in context: every hit with the words around it, to read what the counts count.

:func:`kwic` turns hits into a concordance: one row per hit, with its ``left`` context, the
``match`` as written and its ``right`` context, plus the hit's frame, contest, variant and
voice. Hits come either from a pattern, matched by :func:`framing.match.match_lexicon`
(one matching semantics everywhere), or from a matches table the user already has (for
instance filtered to one outlet). :func:`kwic_html` shows a concordance in a notebook;
:func:`write_kwic` writes it as a CSV file that Excel opens correctly.

Contexts
--------
- **Taken from the original text**, never from a normalised copy. Every run of whitespace
  (spaces, tabs, line breaks, no-break spaces: :meth:`str.isspace`) is shown as one
  ordinary space in ``left`` and ``right``; ``match`` is the exact surface,
  ``text[start:end]``.
- **The inner edge is never trimmed**: ``left`` ends with one space exactly when whitespace
  separates it from the hit (« le qualifie d’« » + « antiterroriste »), and with no space
  when the hit is attached (« l’ » + « offensive »); ``right`` likewise starts with a space
  or with the punctuation that follows. So ``left + match + right`` reads as the text does.
  The outer edge is a word edge (``unit="words"``) or falls after exactly ``window``
  shown characters (``unit="chars"``).
- **Words** are those of :func:`framing.text.word_spans` (an elided « l’ » is a word,
  punctuation is not). ``left`` runs from the start of the ``window``-th whole word before
  the hit to the hit, so a part of a word the hit starts inside (« Haut- » before
  « Karabakh » matched as a part of « Haut-Karabakh ») is shown without being counted;
  ``right`` likewise.
- **Characters** count as shown, after whitespace runs are collapsed, so that every
  context of a char concordance has the same width (except at document edges).
- **Document edges**: contexts never cross into another document. When fewer than
  ``window`` words (or characters) remain, the context runs to the document's edge, its
  leading or trailing whitespace dropped: a hit at the very start of a text has an empty
  ``left``.
"""

from __future__ import annotations

from framing.concordance._contexts import KwicTable, kwic
from framing.concordance._hits import KWIC_COLUMNS
from framing.concordance._hits import PATTERN_FRAME as PATTERN_FRAME
from framing.concordance._hits import SORTS as SORTS
from framing.concordance._hits import UNITS as UNITS
from framing.concordance._html import kwic_html
from framing.concordance._io import write_kwic
from framing.corpus import SINGLE_DOC_ID as SINGLE_DOC_ID
from framing.voice import VOICES as VOICES

__all__ = ["KWIC_COLUMNS", "KwicTable", "kwic", "kwic_html", "write_kwic"]

# The public functions name this module, where they are documented and where doctest finds
# their examples (tests/test_kwic.py runs them). Classes keep their defining module, so that
# inspect.getsource finds them.
for _function in (kwic, kwic_html, write_kwic):
    _function.__module__ = __name__
del _function
