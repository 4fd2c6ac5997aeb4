"""Voice: does a hit stand in the author's own voice, inside a quotation, or in reported speech?

For every hit (a character span ``[start, end)`` of the original text) :func:`assign_voice`
decides, in this order:

1. ``quoted`` — some character of the hit lies inside paired quotation marks;
2. ``attributed`` — else its sentence carries an attribution cue (« selon », « a déclaré »,
   « a-t-il ajouté », "said", "according to" ...), reported speech included
   (« Aliyev a souligné que l'armée ne visait pas les civils »);
3. ``author`` — else.

Independently of the voice, a hit is ``distanced`` when a distancing cue (« soi-disant »,
« prétendu », « qualifié de », "so-called" ...) stands just before it (or just after it, for
cues declared so), or when it sits in a short scare quote (« Il le qualifie
d'« antiterroriste » »). The ``cue`` column names the trigger: the cue's label from the cue
file, else ``"scare quotes"``.

Cue lists are versioned YAML data files per language (``framing/resources/cues/``); see
:func:`load_cues`, and the README in that folder for their syntax.
"""

from __future__ import annotations

from framing.voice._assign import SCARE_QUOTES, VOICES, assign_voice, match_cues
from framing.voice._cues import CueError, Cues, DistancingCue, list_cue_languages, load_cues
from framing.voice._quotes import quote_spans

__all__ = [
    "SCARE_QUOTES",
    "VOICES",
    "CueError",
    "Cues",
    "DistancingCue",
    "assign_voice",
    "list_cue_languages",
    "load_cues",
    "match_cues",
    "quote_spans",
]

# The public functions name this module, where they are documented and where doctest finds
# their examples. Classes keep their defining module, so that inspect.getsource finds them.
for _function in (assign_voice, list_cue_languages, load_cues, match_cues, quote_spans):
    _function.__module__ = __name__
del _function
