"""Pre-optimisation reference of framing.voice's assignment code, kept to pin behaviour.

tests/test_voice_speedup.py loads this package and checks that the optimised
:func:`framing.voice.assign_voice` and :func:`framing.voice.quote_spans` give the same output
as the code they replaced. Test-only: never imported by the package.

One deliberate change since: ``_compile._literal`` has the package's fix of the cue syntax
(a "-" that ends a word is required however short the word, whatever the trie matched
first), applied to both sides so that they still compare.
"""

from __future__ import annotations

from ._assign import assign_voice, match_cues
from ._quotes import quote_spans

__all__ = ["assign_voice", "match_cues", "quote_spans"]
