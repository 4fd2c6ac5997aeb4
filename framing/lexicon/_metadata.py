"""Validation of the lexicon's metadata and option blocks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from framing._errors import suggest
from framing.lexicon._context import Context, Path_, _id_fix, _kind
from framing.lexicon._model import DEFAULT_OPTIONS, MATCH_MODES, OPTION_NAMES, Author

NAME_RE = re.compile(r"[a-z0-9._-]+")
# Semantic Versioning 2.0.0 (https://semver.org), MAJOR.MINOR.PATCH[-pre][+build].
SEMVER_RE = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
LANGUAGE_RE = re.compile(r"[a-z]{2}(?:-[A-Z]{2})?|und")
ORCID_RE = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")
AUTHOR_KEYS = ("name", "orcid", "affiliation")


class MetadataChecks(Context):
    """Name, version, language, authors, licence, citation, options."""

    def metadata(self, data: Mapping) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        if "name" in data:
            path = ("name",)
            name = self.text(path, data["name"])
            if name is None or not NAME_RE.fullmatch(name):
                fix = _id_fix((name or "my-lexicon").lower(), allow_slash=False)
                fix = re.sub(r"[^a-z0-9._-]", "-", fix.lower())
                self.error(
                    path,
                    f"name {_kind(data['name']) if name is None else repr(name)} is not a "
                    "valid lexicon name: use lower-case letters, digits, '.', '_' and '-'. "
                    f"Fix: write name: {fix}",
                )
            meta["name"] = name or ""
        if "version" in data:
            path = ("version",)
            version = self.text(path, data["version"])
            if version is None or not SEMVER_RE.fullmatch(version):
                shown = _kind(data["version"]) if version is None else version
                fix = "1.0.0"
                if version and re.fullmatch(r"v?\d+(\.\d+){0,2}", version):
                    parts = version.lstrip("v").split(".")
                    fix = ".".join([str(int(p)) for p in parts] + ["0"] * (3 - len(parts)))
                self.error(
                    path,
                    f"version {shown} is not a semantic version (MAJOR.MINOR.PATCH, "
                    f"optionally -pre or +build). Fix: write version: {fix}",
                )
            meta["version"] = version or ""
        if "language" in data:
            path = ("language",)
            language = self.text(path, data["language"])
            if language is None or not LANGUAGE_RE.fullmatch(language):
                shown = _kind(data["language"]) if language is None else repr(language)
                hint = ""
                if language and LANGUAGE_RE.fullmatch(language.lower()):
                    hint = f" (write {language.lower()!r})"
                self.error(
                    path,
                    f"language {shown} is not an ISO 639-1 code{hint}. Fix: use a two-letter "
                    "lower-case code such as 'fr' or 'en' (optionally with a region: 'fr-CA').",
                )
            meta["language"] = language or ""
        for key in ("description",):
            if data.get(key) is not None:
                meta[key] = self.plain_text(data[key], (key,), key)
        if "licence" in data and "license" in data:
            self.error(
                ("license",),
                "both 'licence' and 'license' are given. Fix: keep one of them.",
                key=True,
            )
        for key in ("licence", "license"):
            if data.get(key) is not None:
                meta["licence"] = self.plain_text(data[key], (key,), key)
        if data.get("authors") is not None:
            meta["authors"] = self.authors(data["authors"], ("authors",))
        if data.get("citation") is not None:
            citation = data["citation"]
            if isinstance(citation, Mapping):
                meta["citation"] = citation
            else:
                meta["citation"] = self.plain_text(citation, ("citation",), "citation")
        return meta

    def plain_text(self, value: Any, path: Path_, what: str) -> str:
        text = self.text(path, value)
        if text is None:
            self.error(path, f"{what} must be text, got {_kind(value)}. Fix: quote it.")
            return ""
        return text

    def authors(self, value: Any, path: Path_) -> tuple[Author, ...]:
        if not isinstance(value, (list, tuple)):
            self.error(
                path,
                f"authors must be a list, got {_kind(value)}. Fix: write "
                "authors: [Jane Doe] or a list of {name: ..., orcid: ...} mappings.",
            )
            return ()
        authors = []
        for i, item in enumerate(value):
            ipath = (*path, i)
            if isinstance(item, Mapping):
                self.check_keys(item, ipath, AUTHOR_KEYS, "an author")
                name = self.text((*ipath, "name"), item.get("name"))
                if not name:
                    self.error(ipath, "an author has no 'name'. Fix: add name: Jane Doe.")
                    continue
                orcid = None
                if item.get("orcid") is not None:
                    orcid = self.orcid(item["orcid"], (*ipath, "orcid"), name)
                affiliation = None
                if item.get("affiliation") is not None:
                    affiliation = self.plain_text(
                        item["affiliation"], (*ipath, "affiliation"), "affiliation"
                    )
                authors.append(Author(name, orcid, affiliation))
            else:
                name = self.text(ipath, item)
                if not name:
                    self.error(ipath, f"an author must be a name or a mapping, got {_kind(item)}.")
                    continue
                authors.append(Author(name))
        return tuple(authors)

    def orcid(self, value: Any, path: Path_, author: str) -> str | None:
        text = self.text(path, value) or ""
        match = ORCID_RE.fullmatch(text.strip())
        if match is None:
            self.error(
                path,
                f"ORCID {text!r} of author {author!r} is not an ORCID iD. Fix: write the "
                "16-character id, e.g. orcid: 0000-0002-1825-0097.",
            )
            return None
        orcid = match.group(1)
        digits = orcid.replace("-", "")
        total = 0
        for digit in digits[:-1]:
            total = (total + int(digit)) * 2
        result = (12 - total % 11) % 11
        expected = "X" if result == 10 else str(result)
        if digits[-1] != expected:
            self.error(
                path,
                f"ORCID {orcid!r} of author {author!r} fails its check digit (ISO 7064 "
                "MOD 11-2). Fix: copy the id again from orcid.org.",
            )
            return None
        return orcid

    # -- options ----------------------------------------------------------------------------
    def option_value(self, name: str, value: Any, path: Path_, where: str) -> Any:
        if name == "match":
            if value in MATCH_MODES:
                return value
            modes = ", ".join(repr(m) for m in MATCH_MODES)
            self.error(
                path,
                f"option 'match' in {where} must be one of {modes}, got {_kind(value)}."
                f"{suggest(str(value), MATCH_MODES)} Fix: write match: exact.",
            )
            return None
        if isinstance(value, bool):
            return value
        self.error(
            path,
            f"option {name!r} in {where} must be true or false, got {_kind(value)}. "
            f"Fix: write {name}: {str(DEFAULT_OPTIONS[name]).lower()}.",
        )
        return None

    def option_block(self, value: Any, path: Path_, where: str) -> dict[str, Any]:
        options = dict(DEFAULT_OPTIONS)
        if value is None:
            return options
        if not isinstance(value, Mapping):
            self.error(
                path,
                f"options must be a mapping, got {_kind(value)}. Fix: write e.g. "
                "'options: {case_sensitive: false}'.",
            )
            return options
        for key, item in value.items():
            if key not in OPTION_NAMES:
                self.error(
                    (*path, key),
                    f"unknown option {key!r} in {where}.{suggest(key, OPTION_NAMES)} "
                    f"Fix: use one of {', '.join(OPTION_NAMES)}.",
                    key=True,
                )
                continue
            checked = self.option_value(key, item, (*path, key), where)
            if checked is not None:
                options[key] = checked
        return options
