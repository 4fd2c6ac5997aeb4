# Pre-optimisation reference of framing/voice/_quotes.py (commit e13c5ba), kept to pin
# behaviour: tests/test_voice_speedup.py checks the optimised voice code against it.
# Verbatim except this header and the imports, which point into this package.
"""Quotation marks: the quoted stretches of a text (:func:`quote_spans`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

from framing.text import QUOTE_CHARS, QUOTE_PAIRS

from ._checks import _check_text, _paragraph_arrays

# Double quotation marks (framing.text.QUOTE_CHARS) pair as framing.text.QUOTE_PAIRS says: by
# kind (“ closes an open „ or ‟, else opens), straight " by alternation. Single quotation
# marks keep rules of their own, not QUOTE_PAIRS, because ’ is also the French apostrophe and
# ' stands for both marks: ‘ ' open and ’ ' close a single quote only in quote-like context
# (not between letters: l'armée, aujourd’hui), any opening mark pairs with any closing one, and
# ‚ ‛ are not taken for quotes. Quotes nest (« … “ … ” … »); a closing mark closes any quote
# opened inside it. A double quote left open closes at the paragraph end; a single quote left
# open is dropped (too often an apostrophe); a stray closing mark is ignored.

_OPENERS = "".join(mark for mark in QUOTE_PAIRS if mark in QUOTE_CHARS)  # « ‹ “ „ ‟ "
_CLOSES = {  # a double mark -> the opening marks it closes
    closer: "".join(mark for mark in _OPENERS if closer in QUOTE_PAIRS[mark])
    for closer in sorted({c for mark in _OPENERS for c in QUOTE_PAIRS[mark]})
}
_DOUBLE_RX = "".join(map(re.escape, sorted(QUOTE_CHARS)))
_OPENERS_RX = "".join(map(re.escape, _OPENERS))
_QUOTE_RE = re.compile(
    rf"(?P<d>[{_DOUBLE_RX}])"
    r"|(?P<so>(?<!\w)['‘](?=\w))"
    rf"|(?P<sc>(?<=[\w.,!?;:…])['’](?![\w{_OPENERS_RX}]))"
)


def _scan_quotes(
    text: str, para_s: np.ndarray, para_e: np.ndarray, used: Iterable[int] | None = None
) -> list[tuple[int, int, str]]:
    """Raw quote contents in the paragraphs ``used`` (default: all)."""
    if used is None:  # one pass over the text, marks grouped by paragraph
        marks = list(_QUOTE_RE.finditer(text))
        where = np.searchsorted(para_s, [m.start() for m in marks], side="right") - 1
        groups: dict[int, list[re.Match[str]]] = {}
        for m, k in zip(marks, where.tolist(), strict=True):
            if k >= 0 and m.start() < para_e[k]:
                groups.setdefault(k, []).append(m)
        per_paragraph = [(int(para_e[k]), ms) for k, ms in groups.items()]
    else:
        per_paragraph = [
            (int(para_e[k]), _QUOTE_RE.finditer(text, int(para_s[k]), int(para_e[k])))
            for k in used
        ]
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int, bool]] = []  # (opening mark, content start, single quote?)

    def close(k: int, pos: int, *, paired: bool) -> None:
        # Quotes opened inside the one closed here close with it; single quotes only
        # count when paired with their own closing mark.
        for i, (mark, start, single) in enumerate(stack[k:]):
            if not single or (paired and i == 0):
                found.append((start, pos, mark))
        del stack[k:]

    for para_end, paragraph_marks in per_paragraph:
        for m in paragraph_marks:
            pos, ch = m.start(), m.group()
            if m.lastgroup == "so":
                stack.append((ch, pos + 1, True))
            elif m.lastgroup == "sc":
                if stack and stack[-1][2]:
                    close(len(stack) - 1, pos, paired=True)
            else:
                openers = _CLOSES.get(ch, "")
                k = next(
                    (i for i in range(len(stack) - 1, -1, -1) if stack[i][0] in openers), None
                )
                if k is not None:
                    close(k, pos, paired=True)
                elif ch in _OPENERS:
                    stack.append((ch, pos + 1, False))
        close(0, para_end, paired=False)  # quotes left open close at the paragraph end
    return found


def _trimmed(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Quote contents without surrounding spaces, empty ones dropped, outer before inner."""
    spans = []
    for start, end, mark in found:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end, mark))
    return sorted(spans, key=lambda s: (s[0], -s[1]))


def quote_spans(
    text: str, *, paragraphs: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """Quoted stretches of a text: ``(start, end, opening_mark)`` of each quotation's content.

    Parameters
    ----------
    text : str
        One document.
    paragraphs : list of (start, end), optional
        Paragraph spans; quotes never cross a paragraph end, and a quotation left open
        closes there. Default: ``framing.text.paragraph_spans(text, mode="auto")``.

    Returns
    -------
    list of (int, int, str)
        Content spans without the marks and surrounding spaces, sorted by start, outer
        quotes before the quotes nested in them. Single quotes (‘ ’ ') count only in
        quote-like context and when closed; « » ‹ › “ ” „ ‟ and straight double quotes
        (paired by alternation) close at the paragraph end when left open; a closing mark
        with no opener is ignored.

    Examples
    --------
    >>> text = "Il le qualifie d’« antiterroriste »."
    >>> [(text[s:e], mark) for s, e, mark in quote_spans(text, paragraphs=[(0, len(text))])]
    [('antiterroriste', '«')]
    """
    _check_text(text)
    para_s, para_e = _paragraph_arrays(text, paragraphs)
    return _trimmed(text, _scan_quotes(text, para_s, para_e))
