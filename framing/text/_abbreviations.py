"""Abbreviations that stop a full stop from ending a sentence, per language.

Data only. Each language has two sets, written without the final period:

- ``always``: never ends a sentence, whatever follows (titles before a name: « M. Macron »,
  « Mme Dupont » written « Mme. »; « cf. », « e.g. »).
- ``before_number``: does not end a sentence when a number follows (« p. 12 », « art. 3 »,
  « 19 sept. 2023 »), but does otherwise (« l’art. Le … » ends after « art. »).
- ``may_end``: looks like initials but often ends a sentence (« av. J.-C. »): the ordinary
  rule applies.

Entries are matched case-sensitively; an all-lower-case entry also matches its capitalised
form at the start of a sentence (« Cf. »). Initials (« E. Macron », « J.-L. », « U.S. ») are
recognised by pattern, not listed. Abbreviations that often end a sentence (« etc. »,
« a.m. ») are deliberately absent: the ordinary rule applies to them (a sentence ends when
the next word is capitalised, not when it is in lower case).
"""

from __future__ import annotations

import types

_FR_ALWAYS = """
M MM Mme Mmes Mlle Mlles Mgr Dr Drs Pr Prof St Ste Sts Stes Gén Col Cdt Cne Lt Sgt
cf ex al av apr c.-à-d
"""

_FR_BEFORE_NUMBER = """
p pp art vol vols n no nos t fig chap ch éd tab sect env
janv févr avr juill sept oct nov déc
"""

_FR_MAY_END = """
J.-C
"""

_EN_ALWAYS = """
Mr Mrs Ms Mx Messrs Dr Drs Prof St Jr Sr Rev Hon Gen Gov Sen Rep Lt Col Sgt Capt Cmdr Adm Maj
Mt Ft vs v cf e.g i.e viz al approx ca
"""

_EN_BEFORE_NUMBER = """
p pp No Nos no nos vol vols art fig ch chap sec ed eds
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
"""

_EN_MAY_END = """
U.S.A
"""


def _set(block: str) -> frozenset[str]:
    return frozenset(block.split())


ABBREVIATIONS = types.MappingProxyType(
    {
        "fr": types.MappingProxyType(
            {
                "always": _set(_FR_ALWAYS),
                "before_number": _set(_FR_BEFORE_NUMBER),
                "may_end": _set(_FR_MAY_END),
            }
        ),
        "en": types.MappingProxyType(
            {
                "always": _set(_EN_ALWAYS),
                "before_number": _set(_EN_BEFORE_NUMBER),
                "may_end": _set(_EN_MAY_END),
            }
        ),
    }
)
