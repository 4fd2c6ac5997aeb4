"""Lexicons of frames and naming contests: the YAML format, validation, converters.

A lexicon is a versioned, citable file listing the words and phrases that signal each
*frame* (``counter_terrorism``, ``conflict/military``) and, for each *naming contest*
(how is the September 2023 operation named?), the competing *variants* (``mesures
antiterroristes`` vs ``offensive``). :func:`read_lexicon` turns a file into an immutable
:class:`Lexicon`; the matcher consumes :attr:`Lexicon.entries`.

The YAML format
---------------
.. code-block:: yaml

    name: karabakh-2023-fr          # required: lower-case letters, digits, . _ -
    version: 1.0.0                  # required: semantic version MAJOR.MINOR.PATCH[-pre][+build]
    language: fr                    # required: ISO 639-1 code (optionally fr-CA; "und")
    description: >-
      Terms naming the September 2023 Azerbaijani operation in Nagorno-Karabakh.
    authors:                        # a list of names, or of {name, orcid, affiliation}
      - {name: Jane Doe, orcid: 0000-0002-1825-0097}
    licence: CC-BY-4.0              # "license" is accepted too (not both)
    citation: "Doe, J. (2024). ..." # free text (APA style) or a mapping
    options:                        # lexicon-wide defaults, each overridable per entry
      case_sensitive: false         # default false
      fold_accents: false           # match ignoring diacritics; default false
      compounds: true               # hyphen / space / nothing are variants; default true
      match: exact                  # exact | lemma | stem; default exact
      parts: true                   # may an entry match part of a hyphenated compound?
    frames:
      counter_terrorism:
        description: The operation presented as fighting terrorism.
        entries:
          - mesures antiterroristes
          - antiterroris*            # trailing glob: prefix with a left word boundary
          - opération* antiterroris* # each word of a phrase may end in *
          - term: offensive          # mapping form: per-entry options and constraints
            near: [Azerbaïdjan, Bakou, azerbaïdjanais*]
            window: 10               # tokens either side, or "sentence" (the default)
            not_near: [Erevan]
            case_sensitive: false
      conflict:                      # nesting by a child "frames:" mapping ...
        description: Conflict frames.
        frames:
          military: [armée, militaire*]        # ... gives the frame id "conflict/military"
      conflict/humanitarian: [réfugié*, exode] # ... or by writing the id with "/"
    contests:
      operation_name:
        description: How is the September 2023 operation named?
        variants:
          counter_terrorism:
            description: The Azerbaijani government's wording.
            entries: [mesures antiterroristes, opération antiterroriste]
          offensive: [offensive, attaque*]     # a variant may be just a list

Rules
~~~~~
- **Entries.** An entry is a word or a phrase; its words are split on whitespace and may
  contain hyphens and apostrophes (``l'offensive``, ``anti-terroriste``). The text is
  NFC-normalised and runs of whitespace become one space; otherwise it is kept as written
  and becomes :attr:`Entry.pattern`, the value of the ``entry`` column of the matches table.
  YAML words such as ``no`` or ``1914`` stay text. An empty entry is an error.
- **Globs.** Only a trailing ``*`` on a word, after a letter or digit: ``antiterroris*``
  is a prefix match with a left word boundary. ``anti*terror``, ``*terror``, a lone ``*``
  and ``anti-*`` are errors.
- **Options** resolve entry → lexicon ``options:`` → defaults (``case_sensitive: false,
  fold_accents: false, compounds: true, match: exact, parts: true``). Every entry carries
  all five resolved values. Anchor terms (``near``, ``not_near``) are patterns too and match
  with their entry's options, always exactly (no lemma or stem).
- **Proximity.** ``near`` lists anchors of which one must occur within ``window`` tokens
  either side (or in the same sentence, ``window: sentence``); ``not_near`` anchors must
  not occur within ``not_window``. A missing window defaults to ``"sentence"``; a window
  without anchors is an error. Hits failing a constraint are kept by the matcher, flagged.
- **Ids.** Frame, contest and variant ids use ``A-Z a-z 0-9 _ . -``; frame ids nest with
  ``/`` (a frame with child frames and no entries of its own is a group; any other frame
  without entries is an error). Contest and variant ids may not contain ``/``, which joins
  them (``operation_name/offensive``) in exports. Keys are read as written: ``no:`` is the
  id ``"no"``.
- **Contests** need a ``variants:`` mapping; each variant needs entries. A single variant
  is a warning (nothing to compare).
- **Duplicate keys** in any mapping are errors (plain YAML would silently keep the last).
- **Warnings** (:class:`LexiconWarning`): the same entry twice in one frame or variant, and
  the same entry in two variants of one contest (which variant wins is undefined). "Same"
  compares patterns normalised under the entry's options (case, accents, and, with
  ``compounds``, hyphens and spaces) together with its constraints.

Errors
------
All problems of a file are reported at once, in one :class:`~framing.LexiconError`, one per
line as ``file:line: message`` sorted by line, each message naming the entry and the fix::

    karabakh.yaml:42: entry 'anti*terror' in frame 'counter_terrorism': '*' may only end
    a word (a trailing glob). Fix: write 'antiterror*' or list the forms.

:meth:`Lexicon.from_dict` reports paths (``frames.counter_terrorism.entries[3]``) instead of
lines. :func:`check_lexicon` returns the same problems in a :class:`CheckReport` instead of
raising. The exception carries them as ``error.problems``.

Identity
--------
Lexicons compare equal by content (not by source file or line numbers).
:meth:`Lexicon.fingerprint` is ``"sha256:"`` plus the SHA-256 of the canonical JSON of
:meth:`Lexicon.to_dict` with keys sorted: reordering mapping keys in the file keeps it,
changing an entry, option, metadata value or the order of entries changes it. Entries
have a stable :attr:`Entry.key`, ``"frame:counter_terrorism#3"`` or
``"contest:operation_name/offensive#0"`` (position in its list).

Other formats
-------------
- **quanteda YAML dictionaries** (``quanteda::dictionary(file=)``, ``as.yaml()``): a mapping
  of keys to lists of patterns, nested mappings for sub-keys. Read with
  ``read_lexicon(path, format="quanteda")``: nested keys become frames ``a/b``; a ``__``
  sub-key (how quanteda's ``as.yaml`` writes the values of a key that also has sub-keys)
  holds the key's own entries; top-level keys listed in ``contests=`` become contests whose
  sub-keys are the variants. ``?`` wildcards and non-trailing ``*`` are errors.
  :meth:`Lexicon.to_quanteda_yaml` writes frames nested by ``/`` and contests as
  ``contest: {variant: [...]}``; metadata goes into comment lines.
- **LIWC ``.dic``** files: the category legend ``number<TAB>name`` between two ``%`` lines,
  then ``word<TAB>number...`` lines (phrases and trailing ``*`` allowed). Read with
  ``read_lexicon(path)`` (``.dic``): categories become frames, a trailing ``(Description)``
  in the legend the description; ``contest/variant`` names become contests when the contest
  is listed in ``contests=``. Conditional entries (``<of>``, parenthesised codes) and empty
  categories are left out with a warning; hierarchy tabs in the legend are ignored.
  :meth:`Lexicon.to_liwc` numbers frames, then ``contest/variant`` categories, from 1.
- Neither foreign format has metadata: the name comes from the file name, the version is
  ``0.0.0``, the language ``language=`` or ``"und"``, and the matching options mimic those
  tools (case-insensitive, no accent folding, no compound variants). A
  :class:`LexiconConversionWarning` says what was defaulted on reading and what the target
  format cannot express on writing (constraints, options, descriptions).
- :func:`convert_lexicon` converts files (target format from the destination suffix or
  ``to=``); :func:`check_lexicon` backs ``framing lexicon check``.
"""

from __future__ import annotations

from framing.lexicon._io import CheckReport, check_lexicon, convert_lexicon, read_lexicon
from framing.lexicon._model import (
    DEFAULT_OPTIONS,
    MATCH_MODES,
    OPTION_NAMES,
    Author,
    Contest,
    Entry,
    Frame,
    Lexicon,
    Variant,
)
from framing.lexicon._patterns import Term
from framing.lexicon._problems import LexiconConversionWarning, LexiconProblem, LexiconWarning

__all__ = [
    "DEFAULT_OPTIONS",
    "MATCH_MODES",
    "OPTION_NAMES",
    "Author",
    "CheckReport",
    "Contest",
    "Entry",
    "Frame",
    "Lexicon",
    "LexiconConversionWarning",
    "LexiconProblem",
    "LexiconWarning",
    "Term",
    "Variant",
    "check_lexicon",
    "convert_lexicon",
    "read_lexicon",
]
