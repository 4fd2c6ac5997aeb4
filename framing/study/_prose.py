"""Shared pieces of the generated methods text: references, run facts, wording helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framing.study._model import Study

OPTION_KEYS = ("case_sensitive", "fold_accents", "compounds", "match", "parts")

REFERENCES = {
    "benjamini": "Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: "
    "A practical and powerful approach to multiple testing. *Journal of the Royal Statistical "
    "Society: Series B*, 57(1), 289–300.",
    "cramer": "Cramér, H. (1946). *Mathematical Methods of Statistics*. Princeton University "
    "Press.",
    "dunning": "Dunning, T. (1993). Accurate methods for the statistics of surprise and "
    "coincidence. *Computational Linguistics*, 19(1), 61–74.",
    "efron": "Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. "
    "Chapman & Hall.",
    "field": "Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data. *Journal of "
    "the Royal Statistical Society: Series B*, 69(3), 369–390.",
    "hardie": "Hardie, A. (2014). *Log Ratio: An informal introduction*. ESRC Centre for "
    "Corpus Approaches to Social Science (CASS), Lancaster University.",
    "lafon": "Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus. "
    "*Mots*, 1, 127–165. https://doi.org/10.3406/mots.1980.1008",
    "monroe": "Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical "
    "feature selection and evaluation for identifying the content of political conflict. "
    "*Political Analysis*, 16(4), 372–403.",
    "phipson": "Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero: "
    "Calculating exact p-values when permutations are randomly drawn. *Statistical "
    "Applications in Genetics and Molecular Biology*, 9(1), Article 39.",
    "wilson": "Wilson, E. B. (1927). Probable inference, the law of succession, and "
    "statistical inference. *Journal of the American Statistical Association*, 22(158), "
    "209–212.",
}


@dataclass
class RunFacts:
    """What methods.md is written from: the study and the numbers of its run."""

    study: Study
    corpus: Any
    n_tokens: int
    dates: tuple[str, str] | None
    lexicon: Any
    matches: pd.DataFrame
    results: Mapping[str, pd.DataFrame]
    software: Mapping[str, str | None]
    cited: set[str] = field(default_factory=set)


# ------------------------------------------------------------------------ small helpers


def count(value: float, lang: str) -> str:
    from framing.style import format_number

    return format_number(value, locale=lang, decimals=0, grouping=True)


def percent(level: float, lang: str) -> str:
    from framing.style import format_number

    return format_number(level, locale=lang, percent=True)


def short(fingerprint: str) -> str:
    return fingerprint.replace("sha256:", "")[:12]


def code(value: Any) -> str:
    return f"`{value}`"


def join(items: list[str], lang: str) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    joiner = " and " if lang == "en" else " et "
    return ", ".join(items[:-1]) + joiner + items[-1]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def grouping(by: Any, lang: str) -> str:
    cols = as_list(by)
    if not cols:
        return "over the whole corpus" if lang == "en" else "sur l'ensemble du corpus"
    names = join([code(c) for c in cols], lang)
    if cols == ["doc_id"]:
        return "for each document" if lang == "en" else "pour chaque document"
    return f"for each value of {names}" if lang == "en" else f"pour chaque valeur de {names}"


def filters_note(p: Mapping[str, Any], lang: str) -> str:
    parts = []
    voice, distanced = p.get("voice"), p.get("distanced")
    if voice is not None:
        names = {
            "en": {
                "author": "the author's own voice",
                "quoted": "quotations",
                "attributed": "attributed speech",
            },
            "fr": {
                "author": "la voix propre de l'auteur",
                "quoted": "les citations",
                "attributed": "le discours rapporté",
            },
        }[lang]
        listed = join([names[v] for v in as_list(voice)], lang)
        parts.append(
            f"only hits in {listed}" if lang == "en" else f"seules les occurrences dans {listed}"
        )
    if distanced is True:
        parts.append(
            "only distanced hits" if lang == "en" else "seules les occurrences mises à distance"
        )
    elif distanced is False:
        parts.append(
            "distanced hits left out" if lang == "en" else "hors occurrences mises à distance"
        )
    return f" ({'; '.join(parts)})" if parts else ""


def single_document_groups(result: pd.DataFrame | None) -> bool:
    if result is None or "n_docs" not in result.columns or result.empty:
        return False
    docs = pd.to_numeric(result["n_docs"], errors="coerce").dropna()
    return bool(len(docs)) and bool((docs <= 1).all())
