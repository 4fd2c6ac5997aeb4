"""How to cite framing, and the lexicon a study measured with: text, APA, BibTeX, CFF.

The software's citation metadata live here and only here. ``CITATION.cff`` at the root of
the repository is generated from them (``framing cite --format cff > CITATION.cff``) and a
test checks that the two never diverge; the installed package, which does not ship
``CITATION.cff``, reads the same metadata. A lexicon is cited from its own metadata
(:attr:`framing.Lexicon.citation`, ``authors``, ``version``, ``licence``): it is a
separate scholarly work with its own authors and versions.

Bump :data:`DATE_RELEASED` with ``framing.__version__`` at each release, then regenerate
``CITATION.cff``.
"""

from __future__ import annotations

import copy
import re
import textwrap
from collections.abc import Mapping
from typing import Any

from framing import __version__
from framing._errors import FramingError, suggest

__all__ = ["citation", "citation_metadata", "lexicon_citation"]

FORMATS = ("text", "apa", "bibtex", "cff")
LEXICON_FORMATS = ("text", "apa", "bibtex")

#: Release date of ``__version__`` (ISO 8601), the ``date-released`` of CITATION.cff.
DATE_RELEASED = "2026-11-22"
REPOSITORY = "https://github.com/framing-toolkit/framing"
TITLE = "framing: lexicon-based and statistical measurement of media framing"

_METADATA: dict[str, Any] = {
    "cff-version": "1.2.0",
    "message": "If you use this software, please cite it using the metadata from this file.",
    "type": "software",
    "title": TITLE,
    "abstract": (
        "framing measures how news text frames an event through word choice: corpora with "
        "provenance, French-aware text processing, versioned lexicons of frames and naming "
        "contests, own voice versus quotation, comparison statistics (log-odds with a "
        "Dirichlet prior, keyness, specificities) and reproducible publication figures."
    ),
    "authors": [{"name": "The framing developers"}],
    "version": __version__,
    "date-released": DATE_RELEASED,
    "license": "BSD-3-Clause",
    "repository-code": REPOSITORY,
    "keywords": [
        "framing",
        "content analysis",
        "dictionary methods",
        "naming contest",
        "political communication",
        "text analysis",
        "French",
    ],
}

_CFF_HEADER = (
    "# Generated from framing/cite.py by `framing cite --format cff > CITATION.cff`.\n"
    "# Edit the metadata there, not here: tests/test_cite.py checks that the two agree.\n"
)

# Words that make an author name an organisation (kept whole in BibTeX: {{...}}).
_ENTITY_WORDS = frozenset(
    {
        "developers", "contributors", "team", "project", "group", "consortium", "collective",
        "lab", "laboratory", "laboratoire", "university", "université", "universität",
        "institute", "institut", "centre", "center", "society", "association", "network",
    }
)  # fmt: skip


# --- the software -------------------------------------------------------------------------


def citation_metadata() -> dict[str, Any]:
    """The software's citation metadata, with the key names of CITATION.cff (a copy).

    Returns
    -------
    dict
        ``cff-version``, ``message``, ``type``, ``title``, ``abstract``, ``authors``,
        ``version`` (:data:`framing.__version__`), ``date-released``, ``license`` (SPDX),
        ``repository-code``, ``keywords``.

    Examples
    --------
    >>> meta = citation_metadata()
    >>> meta["license"], meta["authors"]
    ('BSD-3-Clause', [{'name': 'The framing developers'}])
    """
    return copy.deepcopy(_METADATA)


def citation(format: str = "text") -> str:
    """How to cite framing: a reference to paste into a paper or a bibliography.

    Parameters
    ----------
    format : {"text", "apa", "bibtex", "cff"}, default "text"
        ``"apa"``: one APA 7 reference for software; ``"bibtex"``: a ``@software`` entry
        (biblatex; classic BibTeX styles read it as ``@misc``); ``"cff"``: the
        Citation File Format 1.2.0 file, the content of ``CITATION.cff``; ``"text"``: the
        APA reference with a short note for humans (licence, lexicons, development
        versions).

    Returns
    -------
    str
        The citation, ending with a newline.

    Raises
    ------
    FramingError
        If ``format`` is not one of the above (with a suggestion).

    Examples
    --------
    >>> print(citation("bibtex"))  # doctest: +ELLIPSIS
    @software{framing,
      author  = {{The framing developers}},
      title   = {framing: lexicon-based and statistical measurement of media framing},
      year    = {2026},
      version = {...},
      license = {BSD-3-Clause},
      url     = {https://github.com/framing-toolkit/framing}
    }
    <BLANKLINE>
    """
    format = _check_format(format, FORMATS)
    meta = _METADATA
    if format == "cff":
        return _to_cff(meta)
    authors = [a["name"] for a in meta["authors"]]
    year = meta["date-released"][:4]
    if format == "bibtex":
        return _bibtex(
            "software",
            "framing",
            [
                ("author", " and ".join(_bibtex_name(a) for a in authors)),
                ("title", _bibtex_escape(meta["title"])),
                ("year", year),
                ("version", _bibtex_escape(meta["version"])),
                ("license", _bibtex_escape(meta["license"])),
                ("url", meta["repository-code"]),
            ],
        )
    apa = (
        f"{_apa_authors(authors)}. ({year}). {meta['title']} (Version {meta['version']}) "
        f"[Computer software]. {meta['repository-code']}"
    )
    if format == "apa":
        return apa + "\n"
    lines = [
        f"framing {meta['version']}: if you use it in published research, please cite it:",
        "",
        _wrap(apa, indent="  "),
        "",
        _wrap(
            f"framing is released under the {meta['license']} licence. Cite the lexicon you "
            "measured with as well: it has its own authors and versions "
            "(framing.cite.lexicon_citation, or framing cite --lexicon NAME). BibTeX: "
            "framing cite --format bibtex."
        ),
    ]
    if _is_development(meta["version"]):
        lines += [
            "",
            _wrap(
                "This is a development version: give the commit you used as well "
                "(git rev-parse HEAD), so that others can run the same code."
            ),
        ]
    return "\n".join(lines) + "\n"


def _is_development(version: str) -> bool:
    return bool(re.search(r"(dev|a|b|rc)\d*$", version))


def _to_cff(meta: Mapping[str, Any]) -> str:
    import yaml

    body = yaml.safe_dump(
        dict(meta), sort_keys=False, allow_unicode=True, width=88, default_flow_style=False
    )
    return _CFF_HEADER + body


# --- a lexicon ---------------------------------------------------------------------------

# "Authors (2026). Title (Version 1.0.0) [Kind]. Rest" — the APA-like free text of a lexicon
_APA_TEXT = re.compile(
    r"(?P<authors>.+?)\.?\s+\((?P<year>\d{4})[a-z]?\)\.\s+(?P<title>.+?)"
    r"(?:\s+\(Version\s+[^)]+\))?(?:\s+\[(?P<kind>[^\]]+)\])?\.(?:\s+(?P<rest>.*))?",
    re.S,
)
_URL = re.compile(r"https?://[^\s<>\"]+")


def lexicon_citation(lexicon: Any, *, format: str = "text") -> str:
    """How to cite a lexicon: its own citation, authors, version and licence.

    Parameters
    ----------
    lexicon : Lexicon, str or path
        A :class:`framing.Lexicon`, a bundled lexicon name or a lexicon file (read with
        :func:`framing.read_lexicon`).
    format : {"text", "apa", "bibtex"}, default "text"
        ``"apa"``: the lexicon's own ``citation`` text when it has one (written by its
        authors), else a reference built from its metadata; ``"bibtex"``: a ``@misc``
        entry whose title, year, note and URL come from that citation when it reads as
        ``Authors (Year). Title (Version v) [Kind]. Rest``, or from the mapping when
        ``citation`` is one (``title``, ``author``/``authors``, ``year`` or ``issued``,
        ``publisher``, ``url``, ``doi``, ``note``); ``"text"``: name, version, language,
        authors (with ORCID), licence, fingerprint and the APA reference.

    Returns
    -------
    str
        The citation, ending with a newline.

    Raises
    ------
    FramingError
        If ``format`` is unknown, or ``lexicon`` is neither a Lexicon nor readable as one
        (a :class:`~framing.LexiconError` names the file and line).
    FileNotFoundError
        If ``lexicon`` names a file that does not exist.

    Notes
    -----
    In BibTeX an author whose name starts with "The" or contains a word such as
    "developers", "team", "project", "group", "lab" or "university" is an organisation and
    is written ``{{...}}`` so that styles do not split it into given and family names;
    other names are written as given, for BibTeX to parse.

    Examples
    --------
    >>> print(lexicon_citation("karabakh-2023-fr", format="bibtex"))  # doctest: +ELLIPSIS
    @misc{karabakh_2023_fr,
      author  = {{The framing developers}},
      title   = {karabakh-2023-fr: French lexicon of the naming contest and framing of the
                 September 2023 Azerbaijani operation in Nagorno-Karabakh},
      year    = {2026},
      version = {1.0.0},
      note    = {Lexicon, CC-BY-4.0. Distributed with the framing toolkit},
      url     = {https://github.com/framing-toolkit/framing}
    }
    <BLANKLINE>
    """
    format = _check_format(format, LEXICON_FORMATS)
    lexicon = _as_lexicon(lexicon)
    fields = _lexicon_fields(lexicon)
    if format == "bibtex":
        key = re.sub(r"[^A-Za-z0-9]+", "_", lexicon.name).strip("_") or "lexicon"
        entries = [
            ("author", " and ".join(_bibtex_name(a) for a in fields["authors"])),
            ("title", _bibtex_escape(fields["title"])),
            ("year", _bibtex_escape(fields["year"])),
            ("version", _bibtex_escape(lexicon.version)),
            ("publisher", _bibtex_escape(fields["publisher"])),
            ("note", _bibtex_escape(fields["note"])),
            ("doi", fields["doi"]),
            ("url", fields["url"]),
        ]
        return _bibtex("misc", key, [(k, v) for k, v in entries if v])
    apa = fields["apa"]
    if format == "apa":
        return apa + "\n"
    authors = [
        a.name
        + (f" (ORCID {a.orcid})" if a.orcid else "")
        + (f", {a.affiliation}" if a.affiliation else "")
        for a in lexicon.authors
    ]
    rows = [
        ("authors", "; ".join(authors) or "(not given)"),
        ("licence", lexicon.licence or "(not given)"),
        ("fingerprint", lexicon.fingerprint()),
        ("cite as", apa),
    ]
    lines = [f"Lexicon {lexicon.name} {lexicon.version} (language {lexicon.language})"]
    for label, value in rows:
        lines.append(_wrap(value, indent=f"  {label + ':':<13}", subsequent="  " + " " * 13))
    return "\n".join(lines) + "\n"


def _as_lexicon(lexicon: Any):
    from framing.lexicon._io import as_lexicon

    return as_lexicon(
        lexicon,
        wrong="lexicon must be a framing.Lexicon, a bundled lexicon name or a lexicon file; "
        "got {type}.",
    )


def _lexicon_fields(lexicon) -> dict[str, Any]:
    """Title, authors, year, publisher, note, doi, url and the APA text of a lexicon."""
    authors = [a.name for a in lexicon.authors]
    fields: dict[str, Any] = {
        "authors": authors,
        "title": lexicon.name,
        "year": None,
        "publisher": None,
        "note": None,
        "doi": None,
        "url": None,
        "apa": None,
    }
    kind = "Lexicon" + (f", {lexicon.licence}" if lexicon.licence else "")
    cited = lexicon.citation
    if isinstance(cited, str):
        fields["apa"] = " ".join(cited.split())
        parsed = _APA_TEXT.fullmatch(fields["apa"])
        if parsed:
            rest = parsed["rest"] or ""
            urls = _URL.findall(rest)
            if urls:
                fields["url"] = urls[0].rstrip(".,;)")
                rest = rest.replace(urls[0], "")
            rest = rest.strip(" ,;.")
            fields.update(title=parsed["title"], year=parsed["year"])
            fields["note"] = ". ".join(p for p in (parsed["kind"] or kind, rest) if p)
        else:  # free text we cannot take apart: keep it whole in the note
            year = re.search(r"\((\d{4})[a-z]?\)", cited)
            fields["year"] = year.group(1) if year else None
            fields["note"] = fields["apa"]
        return fields
    if isinstance(cited, Mapping):
        fields.update(_mapping_fields(cited))
        fields["authors"] = fields["authors"] or authors
    fields["note"] = fields["note"] or kind
    fields["apa"] = _apa_lexicon(lexicon, fields, kind)
    return fields


def _mapping_fields(cited: Mapping[str, Any]) -> dict[str, Any]:
    """Fields of a CSL-like citation mapping, tolerant of CFF and BibTeX spellings."""
    get = {str(k).lower(): v for k, v in cited.items()}
    out: dict[str, Any] = {}
    if get.get("title"):
        out["title"] = str(get["title"])
    people = get.get("authors", get.get("author"))
    if isinstance(people, (str, Mapping)):
        people = [people]
    names = []
    for person in people or ():
        if isinstance(person, Mapping):
            p = {str(k).lower(): v for k, v in person.items()}
            name = (
                p.get("name")
                or p.get("literal")
                or " ".join(
                    str(p[k])
                    for k in ("given", "given-names", "family", "family-names")
                    if p.get(k)
                )
            )
            if name:
                names.append(str(name))
        elif person:
            names.append(str(person))
    out["authors"] = names
    issued = get.get("year", get.get("issued", get.get("date-released")))
    year = re.search(r"\d{4}", str(issued)) if issued is not None else None
    out["year"] = year.group(0) if year else None
    for key, names_ in (
        ("publisher", ("publisher",)),
        ("note", ("note",)),
        ("doi", ("doi",)),
        ("url", ("url", "repository-code")),
    ):
        value = next((get[n] for n in names_ if get.get(n)), None)
        out[key] = None if value is None else str(value)
    return out


def _apa_lexicon(lexicon, fields: Mapping[str, Any], kind: str) -> str:
    year = fields["year"] or "n.d."
    work = f"{fields['title']} (Version {lexicon.version}) [{kind}]."
    tail = [f"{fields['publisher']}." if fields["publisher"] else ""]
    if fields["doi"]:
        tail.append(f"https://doi.org/{fields['doi']}")
    elif fields["url"]:
        tail.append(fields["url"])
    if fields["authors"]:
        head = f"{_apa_authors(fields['authors'])}. ({year}). {work}"
    else:  # APA: without an author, the title takes the author's place
        head = f"{work} ({year})."
    return " ".join(p for p in (head, *tail) if p)


# --- formatting helpers ------------------------------------------------------------------


def _check_format(format: Any, choices: tuple[str, ...]) -> str:
    if isinstance(format, str) and format in choices:
        return format
    raise FramingError(
        f"format must be one of {', '.join(map(repr, choices))}; got {format!r}."
        + suggest(str(format), choices)
    )


def _apa_authors(names: list[str]) -> str:
    names = [n.rstrip(".") for n in names]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return ", ".join(names[:-1]) + f", & {names[-1]}"


def _is_entity(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and (words[0] == "the" or any(w in _ENTITY_WORDS for w in words))


def _bibtex_name(name: str) -> str:
    escaped = _bibtex_escape(name) or ""
    return "{" + escaped + "}" if _is_entity(name) else escaped


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(value: Any) -> str | None:
    if value is None:
        return None
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(str(value).split()))


def _bibtex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """An entry, field names aligned, long values wrapped under their first line."""
    width = max(len(name) for name, _ in fields)
    lines = []
    for name, value in fields:
        head = f"  {name:<{width}} = {{"
        lines.append(_wrap(value, indent=head, subsequent=" " * len(head)) + "}")
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def _wrap(text: str, *, indent: str = "", subsequent: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=88,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )
