"""Audited overrides: read, apply (nothing deleted), undo, write from codes."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Corpus
from framing._errors import FramingError, FramingWarning
from framing.validate import (
    Overrides,
    apply_overrides,
    read_overrides,
    sample_for_coding,
    write_overrides,
)

DATA = Path(__file__).parent / "data" / "validate"
OVERRIDES = DATA / "overrides.yaml"
AGENCE = "Bakou a lancé une offensive contre le Karabakh."  # "offensive" at 18-27
SPORT = "Le club a lancé une offensive en seconde période."  # "offensive" at 20-29


@pytest.fixture(scope="module")
def lexicon():
    return framing.read_lexicon(DATA / "demo-lexicon.yaml")


@pytest.fixture(scope="module")
def corpus():
    rows = [
        {"doc_id": f"agence-{i:02d}", "text": AGENCE, "outlet": "Agence"} for i in range(1, 31)
    ]
    rows += [{"doc_id": f"sport-{i:02d}", "text": SPORT, "outlet": "Sport"} for i in range(1, 11)]
    return Corpus(pd.DataFrame(rows), name="overrides-demo")


@pytest.fixture(scope="module")
def matches(corpus, lexicon):
    return framing.match_lexicon(corpus, lexicon)


def write(tmp_path: Path, text: str, name: str = "overrides.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "name: demo-overrides\nversion: 1.0.0\ncoder: A\noverrides:\n"


# --- reading -------------------------------------------------------------------------------


def test_read_the_bundled_example():
    ov = read_overrides(OVERRIDES)
    assert isinstance(ov, Overrides) and len(ov) == 3
    assert (ov.name, ov.version, ov.coders, ov.date) == (
        "validate-demo-overrides",
        "1.0.0",
        ("A", "B"),
        "2025-03-01",
    )
    assert ov.items["decision"].tolist() == ["exclude", "exclude", "relabel"]
    assert ov.items["line"].tolist() == [9, 15, 16]
    assert ov.items.loc[2, "variant"] == "operation"
    assert ov.fingerprint.startswith("sha256:") and len(ov.fingerprint) == 71
    assert "validate-demo-overrides" in repr(ov)


def test_fingerprint_ignores_layout_and_follows_decisions(tmp_path):
    ov = read_overrides(OVERRIDES)
    text = OVERRIDES.read_text(encoding="utf-8")
    relaid = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    relaid = relaid.replace("coders: [A, B]", "coders:\n  - A\n  - B")
    assert read_overrides(write(tmp_path, relaid)).fingerprint == ov.fingerprint
    changed = text.replace("football again", "football once more")
    assert read_overrides(write(tmp_path, changed, "b.yaml")).fingerprint != ov.fingerprint


def test_file_errors_name_lines_and_fixes(tmp_path):
    text = (
        "name: demo\nversion: 1.0\ncoder: A\nreason: misplaced\noverrides:\n"
        "  - {doc_id: 1, start: 5, end: 5, decision: exclude, reason: x}\n"
        "  - {doc_id: d, start: 0, end: 4, decison: exclude, reason: x}\n"
        "  - {doc_id: d, start: 0, end: 4, decision: relabel, reason: x}\n"
        "  - {doc_id: d, start: 0, end: 4, decision: exclude, variant: v, reason: x}\n"
        "  - {doc_id: d, start: 0, end: 4, decision: delete, reason: ''}\n"
    )
    with pytest.raises(FramingError) as error:
        read_overrides(write(tmp_path, text))
    message = str(error.value)
    assert message.startswith("The overrides file overrides.yaml has 10 problem(s):")
    expected = [
        "overrides.yaml:4: unknown key 'reason'",
        "overrides.yaml:2: 'version' must be a non-empty text; got 1.0 (quote it",
        'overrides.yaml:6: override 1: doc_id must be text; got 1. Quote it (doc_id: "1")',
        "overrides.yaml:6: override 1: start and end must be whole numbers with 0 <= start < end",
        "overrides.yaml:7: override 2: unknown key 'decison'",
        "Did you mean 'decision'",
        "overrides.yaml:7: override 2: 'decision' is missing.",
        "overrides.yaml:8: override 3: decision 'relabel' needs 'variant: <new variant>'.",
        "overrides.yaml:9: override 4: 'variant' is for decision 'relabel'",
        "overrides.yaml:10: override 5: decision must be 'exclude' or 'relabel'; got 'delete'.",
        "overrides.yaml:10: override 5: 'reason' must say why, in words.",
    ]
    for part in expected:
        assert part in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: demo\nversion: 1.0.0\noverrides: []\n", r"overrides.yaml:1: who decided\?"),
        ("name: demo\nversion: 1.0.0\ncoder: A\n", r"the 'overrides' list is missing"),
        ("name: [demo\n", r"overrides.yaml:\d+: not valid YAML"),
        ("", r"overrides.yaml:1: an overrides file is a mapping .* got an empty file"),
        (HEAD + "  - just text\n", r"override 1 must be a mapping"),
    ],
)
def test_more_file_errors(tmp_path, text, message):
    with pytest.raises(FramingError, match=message):
        read_overrides(write(tmp_path, text))


# --- applying ------------------------------------------------------------------------------


def _counts(matches, corpus):
    frames = framing.count_frames(matches, corpus, n_boot=0).set_index("frame")["n_matches"]
    contest = framing.count_contest(matches, contest="operation_name", corpus=corpus, n_boot=0)
    return frames.to_dict(), contest.set_index("variant")["n"].to_dict()


def test_overrides_change_the_counts_exactly_and_delete_nothing(matches, corpus):
    before_frames, before_contest = _counts(matches, corpus)
    assert before_frames == {"military": 40}
    assert before_contest == {"offensive": 40, "counter_terrorism": 0, "operation": 0}
    original = matches.copy()
    out = apply_overrides(matches, OVERRIDES)
    pd.testing.assert_frame_equal(matches, original)  # the input is not modified
    assert "override" not in matches.columns
    assert len(out) == len(matches)  # nothing deleted
    after_frames, after_contest = _counts(out, corpus)
    # sport-01: the contest hit only (contest filter); sport-02: its frame and contest hits;
    # agence-01: its contest hit relabelled offensive -> operation
    assert after_frames == {"military": 39}
    assert after_contest == {"offensive": 37, "counter_terrorism": 0, "operation": 1}
    excluded = out[out["override"] == "exclude"]
    assert sorted(zip(excluded["doc_id"], excluded["frame"].fillna("-"), strict=True)) == [
        ("sport-01", "-"),
        ("sport-02", "-"),
        ("sport-02", "military"),
    ]
    assert set(excluded["rejected"]) == {
        "override: « offensive » of a football club, not the operation.",
        "override: football again",
    }
    relabelled = out[out["override"] == "relabel"].iloc[0]
    assert (relabelled["variant"], relabelled["relabelled_from"]) == ("operation", "offensive")
    assert relabelled["override_reason"] == "the operation, named anaphorically (test)"
    assert out.columns.tolist()[12:16] == [
        "rejected",
        "override",
        "override_reason",
        "relabelled_from",
    ]


def test_provenance_records_the_overrides_fingerprint(matches):
    out = apply_overrides(matches, OVERRIDES)
    ov = read_overrides(OVERRIDES)
    assert out.attrs["overrides_fingerprint"] == ov.fingerprint
    assert out.attrs["overrides_name"] == "validate-demo-overrides"
    assert out.attrs["overrides_version"] == "1.0.0"
    assert out.attrs["overrides_coders"] == ["A", "B"]
    assert out.attrs["overrides_source"] == "overrides.yaml"
    assert (out.attrs["n_overrides"], out.attrs["n_excluded_by_overrides"]) == (3, 3)
    assert out.attrs["n_relabelled_by_overrides"] == 1
    assert out.attrs["n_overrides_unmatched"] == 0
    assert out.attrs["lexicon_fingerprint"] == matches.attrs["lexicon_fingerprint"]


def test_removing_the_overrides_file_restores_the_original_counts(matches, corpus, tmp_path):
    study = tmp_path / "study"
    study.mkdir()
    path = study / "overrides.yaml"
    shutil.copy(OVERRIDES, path)

    def pipeline(table):  # what a study runner does: overrides when the file is there
        return apply_overrides(table, path if path.exists() else None)

    overridden = pipeline(matches)
    assert _counts(overridden, corpus) != _counts(matches, corpus)
    path.unlink()
    restored = pipeline(overridden)  # even from the overridden table: nothing was deleted
    pd.testing.assert_frame_equal(restored, matches)
    assert restored.attrs == matches.attrs
    assert _counts(restored, corpus) == _counts(matches, corpus)


def test_applying_twice_is_not_cumulative(matches):
    once = apply_overrides(matches, OVERRIDES)
    twice = apply_overrides(once, OVERRIDES)
    pd.testing.assert_frame_equal(once, twice)


def test_constraint_rejections_are_kept(corpus):
    lexicon = framing.Lexicon.from_dict(
        {
            "name": "near-demo",
            "version": "1.0.0",
            "language": "fr",
            "contests": {
                "operation_name": {
                    "variants": {
                        "offensive": [{"term": "offensive", "near": ["Bakou"]}],
                        "operation": ["opération"],
                    }
                }
            },
        }
    )
    audited = framing.match_lexicon(corpus, lexicon, audit=True)
    path = OVERRIDES
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = apply_overrides(audited, path)
    sport = out[out["doc_id"] == "sport-01"].iloc[0]
    assert sport["rejected"].startswith("near: ")  # the matcher's reason is kept
    assert sport["override"] == "exclude"
    back = apply_overrides(out, None)
    pd.testing.assert_frame_equal(back, audited)


def test_unmatched_overrides_warn_with_their_lines(matches, tmp_path):
    path = write(
        tmp_path,
        HEAD + "  - {doc_id: sport-01, start: 0, end: 2, decision: exclude, reason: x}\n",
    )
    with pytest.warns(FramingWarning, match=r"1 override\(s\) of overrides.yaml match no hit.*:5"):
        out = apply_overrides(matches, path)
    assert out.attrs["n_overrides_unmatched"] == 1 and out["override"].isna().all()


def test_other_lexicon_warns(matches, tmp_path):
    path = write(
        tmp_path,
        "name: demo\nversion: 1.0.0\ncoder: A\nlexicon: {name: x, fingerprint: 'sha256:00'}\n"
        "overrides: []\n",
    )
    with pytest.warns(FramingWarning, match="was written for lexicon fingerprint sha256:00"):
        apply_overrides(matches, path)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (
            "  - {doc_id: sport-01, start: 20, end: 29, decision: exclude, reason: a}\n"
            "  - {doc_id: sport-01, start: 20, end: 29, contest: operation_name,"
            " decision: exclude, reason: b}\n",
            r"overrides.yaml:6: this hit \(sport-01 20-29\) already has an override at line 5",
        ),
        (
            "  - {doc_id: sport-01, start: 20, end: 29, decision: relabel, variant: operatoin,"
            " reason: a}\n",
            r"contest 'operation_name' has no variant 'operatoin'.*Did you mean 'operation'",
        ),
        (
            "  - {doc_id: sport-01, start: 20, end: 29, frame: military, decision: relabel,"
            " variant: operation, reason: a}\n",
            r"'relabel' changes a contest hit's variant, but the hits at sport-01 20-29 are frame",
        ),
    ],
)
def test_apply_errors(matches, tmp_path, items, message):
    with pytest.raises(FramingError, match=message):
        apply_overrides(matches, write(tmp_path, HEAD + items))


def test_apply_input_errors(matches):
    with pytest.raises(FramingError, match="matches must be the matches table"):
        apply_overrides("matches.csv", OVERRIDES)
    with pytest.raises(FramingError, match="overrides must be an overrides file path"):
        apply_overrides(matches, 3)
    with pytest.raises(FramingError, match="has no column 'variant'"):
        apply_overrides(matches.drop(columns="variant"), OVERRIDES)


# --- writing from codes --------------------------------------------------------------------


def test_write_overrides_from_codes_then_apply(matches, corpus, tmp_path):
    sheet = sample_for_coding(
        matches, corpus=corpus, n=12, stratify="outlet", coders=["A", "B"], random_state=2
    )
    truth = np.where(sheet["outlet"] == "Agence", "1", "0")
    sheet["code_A"] = truth
    sheet["code_B"] = truth
    sheet["note_A"] = np.where(truth == "0", "football", None)
    ov = write_overrides(sheet, tmp_path / "ov.yaml", name="round-1", version="0.1.0")
    n_false = int((truth == "0").sum())
    assert len(ov) == n_false == 6 and set(ov.items["decision"]) == {"exclude"}
    assert set(ov.items["reason"]) == {"A: football"}
    assert ov.coders == ("A", "B") and ov.lexicon["name"] == "validate-demo"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = apply_overrides(matches, tmp_path / "ov.yaml")
    assert out.attrs["n_excluded_by_overrides"] == n_false
    excluded = set(out.loc[out["override"] == "exclude", "doc_id"])
    assert excluded == set(sheet.loc[truth == "0", "doc_id"])
    with pytest.raises(FramingError, match=r"ov\.yaml exists"):
        write_overrides(sheet, tmp_path / "ov.yaml", name="round-1", version="0.1.0")
    with pytest.raises(FramingError, match="version must be a non-empty text"):
        write_overrides(sheet, tmp_path / "x.yaml", name="round-1", version="")
