# Pre-optimisation reference: the cue regexes as framing/voice/_cues.py (commit e13c5ba)
# built them, from this package's copy of _compile.py, so that the reference does not use the
# optimised patterns. Loading and checking cue files is not under test here: the live
# load_cues() reads the file, and this wrapper recompiles its phrases the old way.
"""Cue sets for the reference voice code: live loading, reference regexes."""

from __future__ import annotations

import os
import re
from functools import cached_property
from typing import Any

from framing.voice import load_cues
from framing.voice._cues import Cues, DistancingCue

from ._compile import _alternation, _cue_pattern, _phrase_body

__all__ = ["Cues", "DistancingCue", "_resolve_cues"]


class _ReferenceCues:
    """A :class:`Cues` whose regexes are compiled by the reference ``_compile``."""

    def __init__(self, cues: Cues) -> None:
        self._cues = cues

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cues, name)

    # The three properties below are copied from framing/voice/_cues.py (commit e13c5ba).
    @cached_property
    def _macro_regexes(self) -> dict[str, str]:
        return {
            name: _alternation([_phrase_body(p, {}, in_macro=True) for p in phrases])
            for name, phrases in self.macros
        }

    @cached_property
    def _attribution_re(self) -> tuple[re.Pattern[str] | None, list[int]]:
        return _cue_pattern(self.attribution, dict(self.macros), self._macro_regexes)

    @cached_property
    def _distancing_re(self) -> tuple[re.Pattern[str] | None, list[DistancingCue]]:
        active = [c for c in self.distancing if self.label_cues or not c.framing_label]
        forms = [(f, c) for c in active for f in c.forms]
        pattern, owners = _cue_pattern(
            [f for f, _ in forms], dict(self.macros), self._macro_regexes
        )
        return pattern, [forms[i][1] for i in owners]


_WRAPPED: dict[str, _ReferenceCues] = {}


def _resolve_cues(cues: Any, language: str) -> Any:
    if cues is None:
        cues = load_cues(language)
    elif isinstance(cues, (str, os.PathLike)):
        cues = load_cues(cues)
    if isinstance(cues, _ReferenceCues):
        return cues
    key = f"{cues.fingerprint}:{cues.source}"
    if key not in _WRAPPED:
        _WRAPPED[key] = _ReferenceCues(cues)
    return _WRAPPED[key]
