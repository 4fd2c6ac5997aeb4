"""What the gallery scripts share: where they write, at what resolution, and the AN demo lexicon.

The gallery scripts run as ``python docs/gallery/make_*.py``, so this folder is on
``sys.path`` and they import this module as ``_shared``.
"""

from __future__ import annotations

from pathlib import Path

GALLERY = Path(__file__).resolve().parent
DPI = 200

#: The naming contest of the 2013 debate on opening marriage to same-sex couples.
MARRIAGE_CONTEST = {
    "marriage_name": {
        "variants": {
            "mariage_pour_tous": ["mariage pour tous"],
            "mariage_homosexuel": ["mariage* homosexuel*"],
            "meme_sexe": [
                "mariage* entre personnes de même sexe",
                "mariage* des personnes de même sexe",
                "mariage* de personnes de même sexe",
            ],
        }
    }
}
#: A demonstration lexicon (not a validated one) holding that contest.
AN_LEXICON = {
    "name": "an-mariage-demo",
    "version": "0.1.0",
    "language": "fr",
    "contests": MARRIAGE_CONTEST,
}
AN_LABELS = {
    "mariage_pour_tous": "mariage pour tous",
    "mariage_homosexuel": "mariage homosexuel",
    "meme_sexe": "mariage de personnes de même sexe",
}
