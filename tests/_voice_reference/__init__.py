"""Pre-optimisation reference of framing.voice's assignment code, kept to pin behaviour.

tests/test_voice_speedup.py loads this package and checks that the optimised
:func:`framing.voice.assign_voice` and :func:`framing.voice.quote_spans` give the same output
as the code they replaced. Test-only: never imported by the package.
"""

from __future__ import annotations

from ._assign import assign_voice, match_cues
from ._quotes import quote_spans

__all__ = ["assign_voice", "match_cues", "quote_spans"]
