"""Pre-optimisation reference of framing.voice's assignment code, kept to pin behaviour.

tests/test_voice_speedup.py loads this package and checks that the optimised
:func:`framing.voice.assign_voice` and :func:`framing.voice.quote_spans` give the same output
as the code they replaced. Test-only: never imported by the package.

One deliberate change since: ``_compile._literal`` has the package's fix of the cue syntax
(a "-" that ends a word is required however short the word, whatever the trie matched
first), applied to both sides so that they still compare. And a second: a phrase whose
first word is a macro and which goes on (« {aux} {adv}? {dire_pp} ») is one alternative of
the regex, as in the package since issue #9, instead of being expanded into the trie of
first letters. Both match the same text, but when two phrases match at one position the
order of the alternatives decides which is reported (and how far the match reaches); a
Hypothesis example found the package and the old order disagreeing there, so the
reference follows the package's order. A third: a first word made of a macro and more
characters (« {m}a* ») is expanded with the rest of the word after every form of the
macro phrase (``_glued``); both sides wrote it after the macro phrase as a string, which
put it after an optional last word only and on the last alternative only (« ab|c » +
« d* » read as « ab » or « cd* »).
"""

from __future__ import annotations

from ._assign import assign_voice, match_cues
from ._quotes import quote_spans

__all__ = ["assign_voice", "match_cues", "quote_spans"]
