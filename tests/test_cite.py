"""framing.cite: the software's citation, CITATION.cff, and lexicon citations.

CITATION.cff is checked two ways: it must be exactly what ``framing.cite`` generates (so
the file and the installed package never diverge), and it must satisfy the rules of the
Citation File Format 1.2.0 schema that apply to the keys it uses. Those rules are written
out below from the schema guide (citation-file-format/citation-file-format, schema-guide.md
and schema.json at 1.2.0) as a small JSON Schema and checked with ``jsonschema``; the full
official schema (with the SPDX licence list) is applied by ``cffconvert --validate`` when
that tool is installed.
"""

from __future__ import annotations

import datetime as dt
import doctest
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
import framing.cite
from framing import Lexicon, read_lexicon
from framing._errors import FramingError, LexiconError
from framing.cite import citation, citation_metadata, lexicon_citation

REPOSITORY = "https://github.com/framing-toolkit/framing"
TITLE = "framing: lexicon-based and statistical measurement of media framing"

# --- CFF 1.2.0, the rules that apply to this file ----------------------------------------------
# Root keys of CFF 1.2.0 (schema guide, "root-level keys"); the schema allows no other key.
CFF_ROOT_KEYS = [
    "abstract",
    "authors",
    "cff-version",
    "commit",
    "contact",
    "date-released",
    "doi",
    "identifiers",
    "keywords",
    "license",
    "license-url",
    "message",
    "preferred-citation",
    "references",
    "repository",
    "repository-artifact",
    "repository-code",
    "title",
    "type",
    "url",
    "version",
]
_URL = {"type": "string", "pattern": "^(https|http|ftp|sftp)://.+"}
_TEXT = {"type": "string", "minLength": 1}
_PERSON_KEYS = [
    "address",
    "affiliation",
    "alias",
    "city",
    "country",
    "email",
    "family-names",
    "fax",
    "given-names",
    "name-particle",
    "name-suffix",
    "orcid",
    "post-code",
    "region",
    "tel",
    "website",
]
_ENTITY_KEYS = [
    "address",
    "alias",
    "city",
    "country",
    "date-end",
    "date-start",
    "email",
    "fax",
    "location",
    "name",
    "orcid",
    "post-code",
    "region",
    "tel",
    "website",
]
CFF_SUBSET_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema",
    "type": "object",
    "required": ["authors", "cff-version", "message", "title"],
    "additionalProperties": False,
    "properties": {
        **{key: {} for key in CFF_ROOT_KEYS},
        "cff-version": {"type": "string", "pattern": r"^1\.2\.0$"},
        "message": _TEXT,
        "title": _TEXT,
        "abstract": _TEXT,
        "type": {"type": "string", "enum": ["software", "dataset"]},
        "version": {"anyOf": [_TEXT, {"type": "number"}]},
        "date-released": {
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$",
        },
        # an SPDX identifier (the full enum is the SPDX list; cffconvert checks it)
        "license": {"type": "string", "pattern": r"^[A-Za-z0-9.+-]+$"},
        "repository-code": _URL,
        "url": _URL,
        "keywords": {"type": "array", "items": _TEXT, "minItems": 1, "uniqueItems": True},
        "authors": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {
                "anyOf": [
                    {  # definitions.person: no required key, only the person keys
                        "type": "object",
                        "additionalProperties": False,
                        "properties": dict.fromkeys(_PERSON_KEYS, _TEXT),
                    },
                    {  # definitions.entity: a name is required
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name"],
                        "properties": dict.fromkeys(_ENTITY_KEYS, _TEXT),
                    },
                ]
            },
        },
    },
}


def load_cff(path):
    """CITATION.cff as the schema sees it: YAML dates cast to strings (CFF guide note)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


@pytest.fixture(scope="module")
def cff_path(repo_dir):
    path = repo_dir / "CITATION.cff"
    if not path.is_file():
        pytest.fail("CITATION.cff is missing: run `framing cite --format cff > CITATION.cff`")
    return path


def test_citation_cff_is_generated_from_framing_cite(cff_path):
    # one source of truth: regenerate with `framing cite --format cff > CITATION.cff`
    assert cff_path.read_text(encoding="utf-8") == citation("cff"), (
        "CITATION.cff differs from framing/cite.py: run `framing cite --format cff > "
        "CITATION.cff` (edit the metadata in framing/cite.py, not the file)."
    )


def test_citation_cff_satisfies_the_cff_1_2_0_rules(cff_path):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(load_cff(cff_path), CFF_SUBSET_SCHEMA)


def test_the_subset_schema_rejects_what_cff_rejects(cff_path):
    jsonschema = pytest.importorskip("jsonschema")
    good = load_cff(cff_path)
    bad_cases = [
        {k: v for k, v in good.items() if k != "message"},  # required
        {**good, "date-released": "22/11/2026"},  # YYYY-MM-DD only
        {**good, "cff-version": "1.1.0"},
        {**good, "authors": [{"family-names": "Doe", "nickname": "jd"}]},  # unknown key
        {**good, "authors": []},
        {**good, "type": "library"},
        {**good, "repository-code": "github.com/framing-toolkit/framing"},  # no scheme
        {**good, "licence": "BSD-3-Clause"},  # British spelling is not a CFF key
    ]
    for case in bad_cases:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(case, CFF_SUBSET_SCHEMA)


def test_citation_cff_content(cff_path):
    data = load_cff(cff_path)
    assert data["cff-version"] == "1.2.0"
    assert data["type"] == "software"
    assert data["version"] == framing.__version__
    assert data["license"] == "BSD-3-Clause"
    assert data["authors"] == [{"name": "The framing developers"}]
    assert data["repository-code"] == REPOSITORY
    assert dt.date.fromisoformat(data["date-released"])  # a real calendar date
    assert data["title"] == TITLE


@pytest.fixture(scope="session")
def cffconvert(tmp_path_factory):
    """The ``cffconvert`` validator: on PATH, else installed into a throw-away venv.

    cffconvert 2.0 pins ``jsonschema<4``, which the notebook stack in the test extra cannot
    share, so it gets a virtual environment of its own (PyPI only). Offline, the test is
    skipped and the structural checks above still run.
    """
    found = shutil.which("cffconvert")
    if found:
        return found
    venv = tmp_path_factory.mktemp("cffconvert") / "venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        pip = venv / "bin" / "pip"
        done = subprocess.run(
            [str(pip), "install", "--quiet", "cffconvert==2.0.0"],
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"could not set up cffconvert: {exc}")
    if done.returncode != 0:
        pytest.skip(f"could not install cffconvert (offline?): {done.stderr[-300:]}")
    return str(venv / "bin" / "cffconvert")


@pytest.mark.slow
def test_citation_cff_validates_with_cffconvert(cff_path, cffconvert):
    result = subprocess.run(
        [cffconvert, "--validate", "--infile", str(cff_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid according to schema version 1.2.0" in result.stdout + result.stderr


def test_citation_metadata_is_a_copy():
    meta = citation_metadata()
    meta["authors"].append({"name": "someone"})
    assert citation_metadata()["authors"] == [{"name": "The framing developers"}]


# --- the software's citation ------------------------------------------------------------------


def test_apa():
    year = framing.cite.DATE_RELEASED[:4]
    assert citation("apa") == (
        f"The framing developers. ({year}). {TITLE} (Version {framing.__version__}) "
        f"[Computer software]. {REPOSITORY}\n"
    )


def test_bibtex_keeps_the_organisation_author_whole():
    entry = citation("bibtex")
    assert entry.startswith("@software{framing,\n")
    assert "author  = {{The framing developers}}," in entry
    assert f"version = {{{framing.__version__}}}," in entry
    assert "license = {BSD-3-Clause}," in entry
    assert f"url     = {{{REPOSITORY}}}" in entry
    assert entry.endswith("}\n")
    assert _balanced(entry)


def test_text_mentions_licence_lexicons_and_dev_versions():
    text = citation()
    assert "[Computer software]" in text and "BSD-3-Clause" in text
    assert "--lexicon" in text
    if "dev" in framing.__version__:
        assert "git rev-parse HEAD" in text


def test_unknown_format_suggests():
    with pytest.raises(FramingError, match=r"format must be one of .*Did you mean 'bibtex'"):
        citation("bibtx")
    with pytest.raises(FramingError, match=r"format must be one of 'text', 'apa', 'bibtex';"):
        lexicon_citation("karabakh-2023-fr", format="cff")


# --- lexicons --------------------------------------------------------------------------------


def make_lexicon(**meta):
    base = {"name": "tiny-lex", "version": "2.1.0", "language": "fr", "frames": {"a": ["x"]}}
    return Lexicon.from_dict({**base, **meta})


def test_bundled_lexicon_bibtex_takes_its_citation_apart():
    entry = lexicon_citation("karabakh-2023-fr", format="bibtex")
    assert entry.startswith("@misc{karabakh_2023_fr,\n")
    assert "author  = {{The framing developers}}," in entry
    assert "title   = {karabakh-2023-fr: French lexicon of the naming contest" in entry
    assert "year    = {2026}," in entry and "version = {1.0.0}," in entry
    assert "note    = {Lexicon, CC-BY-4.0. Distributed with the framing toolkit}," in entry
    assert f"url     = {{{REPOSITORY}}}" in entry


def test_bundled_lexicon_apa_is_its_own_citation_text():
    lexicon = read_lexicon("karabakh-2023-en")
    assert lexicon_citation(lexicon, format="apa") == " ".join(lexicon.citation.split()) + "\n"


def test_lexicon_text_lists_authors_licence_and_fingerprint():
    lexicon = read_lexicon("karabakh-2023-fr")
    text = lexicon_citation("karabakh-2023-fr")
    assert text.startswith("Lexicon karabakh-2023-fr 1.0.0 (language fr)\n")
    assert "  authors:     The framing developers\n" in text
    assert "  licence:     CC-BY-4.0\n" in text
    assert f"  fingerprint: {lexicon.fingerprint()}\n" in text
    assert "  cite as:     The framing developers (2026)." in text


def test_lexicon_without_citation_is_built_from_metadata():
    lexicon = make_lexicon(authors=["Jane Doe", "Ana Pérez", "Li Wei"], licence="CC0-1.0")
    assert lexicon_citation(lexicon, format="apa") == (
        "Jane Doe, Ana Pérez, & Li Wei. (n.d.). tiny-lex (Version 2.1.0) [Lexicon, CC0-1.0].\n"
    )
    entry = lexicon_citation(lexicon, format="bibtex")
    assert "author  = {Jane Doe and Ana Pérez and Li Wei}," in entry  # persons: not braced
    assert "note    = {Lexicon, CC0-1.0}" in entry
    assert "year" not in entry  # unknown: left out, not invented


def test_lexicon_without_authors_puts_the_title_first():
    assert lexicon_citation(make_lexicon(), format="apa") == (
        "tiny-lex (Version 2.1.0) [Lexicon]. (n.d.).\n"
    )
    text = lexicon_citation(make_lexicon())
    assert "authors:     (not given)" in text and "licence:     (not given)" in text


def test_lexicon_mapping_citation():
    lexicon = make_lexicon(
        authors=[{"name": "Jane Doe", "orcid": "0000-0002-1825-0097"}],
        citation={
            "title": "Tiny lexicon of R&D_terms",
            "author": [{"family": "Doe", "given": "Jane"}, "Media Lab"],
            "issued": {"date-parts": [[2024, 5]]},
            "publisher": "Zenodo",
            "doi": "10.5281/zenodo.123",
        },
    )
    assert lexicon_citation(lexicon, format="apa") == (
        "Jane Doe & Media Lab. (2024). Tiny lexicon of R&D_terms (Version 2.1.0) [Lexicon]. "
        "Zenodo. https://doi.org/10.5281/zenodo.123\n"
    )
    entry = lexicon_citation(lexicon, format="bibtex")
    assert "author    = {Jane Doe and {Media Lab}}," in entry
    assert r"title     = {Tiny lexicon of R\&D\_terms}," in entry
    assert "doi       = {10.5281/zenodo.123}" in entry
    assert "ORCID 0000-0002-1825-0097" in lexicon_citation(lexicon)


def test_free_text_citation_that_does_not_parse_goes_to_the_note():
    lexicon = make_lexicon(citation="Please cite the 2019 report by the Media Lab")
    entry = lexicon_citation(lexicon, format="bibtex")
    assert "title   = {tiny-lex}," in entry
    assert "note    = {Please cite the 2019 report by the Media Lab}" in entry
    assert lexicon_citation(lexicon, format="apa") == (
        "Please cite the 2019 report by the Media Lab\n"
    )


def test_lexicon_argument_errors(tmp_path):
    with pytest.raises(FramingError, match=r"lexicon must be a framing\.Lexicon.*got int"):
        lexicon_citation(3)
    with pytest.raises(LexiconError, match="Did you mean 'karabakh-2023-fr'"):
        lexicon_citation("karabak-2023-fr")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: [1.0\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yaml:"):
        lexicon_citation(bad)


def _balanced(entry: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", entry):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()),
    author=st.text(min_size=1, max_size=20).filter(lambda s: s.strip()),
)
def test_bibtex_braces_stay_balanced_whatever_the_text(title, author):
    lexicon = make_lexicon(citation={"title": title, "author": [author], "year": 2020})
    assert _balanced(lexicon_citation(lexicon, format="bibtex"))


def test_docstring_examples():
    result = doctest.testmod(
        framing.cite, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    )
    assert result.attempted >= 3 and result.failed == 0
