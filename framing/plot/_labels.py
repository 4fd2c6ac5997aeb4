"""Axis, legend and annotation labels in English and French.

Plot functions never write a label literally: they call :func:`label` with a key, and the
active theme's locale (:func:`framing.style.current_locale`) picks the language. A column
name with no entry here is shown as it is, so any metadata column can label an axis.
"""

from __future__ import annotations

from typing import Any

from framing.style import current_locale, format_number

#: key -> (English, French). Values may hold ``str.format`` fields such as ``{per}``.
LABELS: dict[str, tuple[str, str]] = {
    # shares and rates
    "share_mentions": ("Share of mentions", "Part des mentions"),
    "share_documents": ("Share of documents", "Part des documents"),
    "share_docs": ("Documents with a hit", "Documents concernés"),
    "share_hits": ("Share of hits", "Part des occurrences"),
    "share": ("Share", "Part"),
    "mentions": ("Mentions", "Mentions"),
    "hits": ("Hits", "Occurrences"),
    "documents": ("Documents", "Documents"),
    "rate": ("Hits per {per} tokens", "Occurrences pour {per} mots"),
    "n_period": ("n per period", "n par période"),
    "n_documents_title": ("{what} (n documents)", "{what} (n documents)"),
    "n_mentions_title": ("{what} (n mentions)", "{what} (n mentions)"),
    "n_hits_title": ("{what} (n hits)", "{what} (n occurrences)"),
    # columns and categories
    "group": ("Group", "Groupe"),
    "outlet": ("Outlet", "Média"),
    "political_group": ("Political group", "Groupe politique"),
    "wing": ("Wing", "Bord politique"),
    "speaker": ("Speaker", "Orateur·rice"),
    "gender": ("Gender", "Genre"),
    "vote": ("Vote", "Vote"),
    "debate": ("Debate", "Débat"),
    "language": ("Language", "Langue"),
    "doc_id": ("Document", "Document"),
    "title": ("Title", "Titre"),
    "date": ("Date", "Date"),
    "frame": ("Frame", "Cadre"),
    "contest": ("Naming contest", "Concurrence de dénominations"),
    "variant": ("Variant", "Variante"),
    "term": ("Term", "Terme"),
    "voice": ("Voice", "Voix"),
    # voices
    "author": ("Own voice", "Voix propre"),
    "quoted": ("Quoted", "Citation"),
    "attributed": ("Attributed", "Discours rapporté"),
    "distanced": ("Distanced", "Mise à distance"),
    # periods (plot_timeline)
    "period_D": ("Day", "Jour"),
    "period_W": ("Week", "Semaine"),
    "period_M": ("Month", "Mois"),
    "period_Q": ("Quarter", "Trimestre"),
    "period_Y": ("Year", "Année"),
    # comparison statistics (used by the term plots)
    "log_odds": ("Log-odds ratio", "Log-odds ratio"),
    "z": ("z-score (log-odds ratio)", "Score z (log-odds ratio)"),
    "delta": ("Log-odds ratio", "Log-odds ratio"),
    "g2": ("Signed G²", "G² signé"),
    "chi2": ("Signed χ²", "χ² signé"),
    "log_ratio": ("Log ratio (binary log)", "Log ratio (log binaire)"),
    "specificity": ("Specificity (signed log10 p)", "Spécificité (log10 p signé)"),
    "frequency": ("Frequency", "Fréquence"),
    "dispersion": ("Dispersion", "Dispersion"),
    "position": ("Position in the text", "Position dans le texte"),
    "target": ("Target", "Cible"),
    "reference": ("Reference", "Référence"),
}

#: Month names for date tick labels, without the OS locale (strftime depends on it).
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
}


def label(
    key: str, *, locale: str | None = None, default: str | None = None, **fields: Any
) -> str:
    """The label for ``key`` in the active locale.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`, usually a column name (``"outlet"``) or a measure
        (``"share_mentions"``).
    locale : {"en", "fr"}, optional
        Default: the active theme's locale.
    default : str, optional
        Returned when ``key`` is unknown; default: ``key`` itself, unchanged.
    **fields
        Values for the ``{…}`` fields of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> label("share_mentions", locale="fr")
    'Part des mentions'
    >>> label("my_column")
    'my_column'
    """
    locale = locale or current_locale()
    pair = LABELS.get(key)
    if pair is None:
        return key if default is None else default
    text = pair[1] if locale == "fr" else pair[0]
    return text.format(**fields) if fields else text


def localized(en: str, fr: str, *, locale: str | None = None) -> str:
    """``en`` or ``fr``, by the active locale: for a label no key of :data:`LABELS` covers.

    Examples
    --------
    >>> localized("Share", "Part", locale="fr")
    'Part'
    """
    return fr if (locale or current_locale()) == "fr" else en


def format_count(n: Any, *, locale: str | None = None) -> str:
    """A count for a label: whole numbers without decimals, fractions with one (« 2,5 »).

    Examples
    --------
    >>> format_count(12345.0, locale="fr")
    '12\\u202f345'
    >>> format_count(2.5, locale="fr")
    '2,5'
    """
    value = float(n)
    decimals = 0 if value == round(value) else 1
    return format_number(value, locale=locale, decimals=decimals)


def with_n(text: str, n: Any, *, locale: str | None = None) -> str:
    """``"SRC (n = 87)"``: a category name with its count.

    Examples
    --------
    >>> with_n("SRC", 87)
    'SRC (n\\xa0=\\xa087)'
    """
    return f"{text} (n\u00a0=\u00a0{format_count(n, locale=locale)})"
