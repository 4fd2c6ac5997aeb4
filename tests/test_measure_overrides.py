"""Coders' overrides through the measures: exact counts, provenance in attrs, undo.

On the bundled Karabakh seeds, an overrides file excludes four known hits and relabels one:

- the « offensive » of text 003 attributed to the Armenian side, without a filter: its frame
  hit (conflict/military) and its contest hit (operation_name/offensive) both go;
- the first « KARABAKH » of text 000 (region_name/azerbaijani_usage), by ``contest:``;
- the first « militaires » of text 000 (conflict/military), by ``frame:``;
- the first « opération » of text 003 (operation_name/operation) becomes
  ``military_operation``.

Expected counts are computed here from the matches table itself (rows dropped, one variant
changed, then pandas ``groupby``), never by calling the measures twice.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.measure import contest_independence, count_contest, count_documents, count_frames
from framing.measure._common import OVERRIDES_ATTRS
from framing.validate import apply_overrides, read_overrides

D000 = "000_9e5079871ae24380"
D003 = "003_e0b1685020b70630"


@pytest.fixture(scope="module")
def corpus():
    return framing.read_corpus("karabakh-2023-fr")


@pytest.fixture(scope="module")
def matches(corpus):
    return framing.match_lexicon(corpus, "karabakh-2023-fr", audit=True)


def _first(matches: pd.DataFrame, doc_id: str, surface: str, **where: str) -> pd.Series:
    """The first counted hit of a document with this surface (and column values)."""
    rows = matches[
        (matches["doc_id"] == doc_id)
        & (matches["surface"] == surface)
        & matches["rejected"].isna()
    ]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows), (doc_id, surface, where)
    return rows.iloc[0]


def decisions(matches: pd.DataFrame) -> list[dict]:
    """The overrides of the module docstring, with the offsets of the matches table."""
    offensive = _first(matches, D003, "offensive", contest="operation_name")
    karabakh = _first(matches, D000, "KARABAKH", contest="region_name")
    militaires = _first(matches, D000, "militaires", frame="conflict/military")
    operation = _first(matches, D003, "opération", variant="operation")

    def span(row: pd.Series) -> dict:
        return {"doc_id": row.doc_id, "start": int(row.start), "end": int(row.end)}

    return [
        {**span(offensive), "decision": "exclude", "reason": "the Armenian side's word"},
        {**span(karabakh), "contest": "region_name", "decision": "exclude", "reason": "title"},
        {**span(militaires), "frame": "conflict/military", "decision": "exclude", "reason": "x"},
        {
            **span(operation),
            "decision": "relabel",
            "variant": "military_operation",
            "reason": "the military operation, named anaphorically",
        },
    ]


def write_overrides_file(folder: Path, items: list[dict], name: str = "overrides.yaml") -> Path:
    import yaml

    data = {
        "name": "karabakh-test-overrides",
        "version": "1.2.0",
        "coders": ["A", "B"],
        "date": "2025-03-01",
        "overrides": items,
    }
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def setup(matches, tmp_path_factory):
    items = decisions(matches)
    path = write_overrides_file(tmp_path_factory.mktemp("overrides"), items)
    return path, items, apply_overrides(matches, path)


def _cells(table: pd.DataFrame, keys: list[str], value: str) -> dict:
    return {tuple(r[:-1]): r[-1] for r in table[[*keys, value]].itertuples(index=False)}


# --- exact counts ----------------------------------------------------------------------------


def test_frame_counts_change_by_exactly_the_excluded_hits(
    corpus, matches, setup, expected_after_overrides
):
    _, items, overridden = setup
    before = count_frames(matches, corpus, by="doc_id", n_boot=0)
    after = count_frames(overridden, corpus, by="doc_id", n_boot=0)
    hits = expected_after_overrides(matches, items)
    expected = hits[hits["frame"].notna()].groupby(["doc_id", "frame"]).size()
    got = _cells(after, ["doc_id", "frame"], "n_matches")
    assert got == {key: int(expected.get(key, 0)) for key in got}
    # by hand: one conflict/military hit fewer in 000 (« militaires ») and in 003
    # (« offensive », excluded without a filter); nothing else moves
    diff = {k: v - got[k] for k, v in _cells(before, ["doc_id", "frame"], "n_matches").items()}
    assert {k: v for k, v in diff.items() if v} == {
        (D000, "conflict/military"): 1,
        (D003, "conflict/military"): 1,
    }
    assert before.attrs["n_hits_counted"] - after.attrs["n_hits_counted"] == 2


def test_contest_counts_follow_exclusions_and_relabelling(
    corpus, matches, setup, expected_after_overrides
):
    _, items, overridden = setup
    hits = expected_after_overrides(matches, items)
    for contest in ("operation_name", "region_name"):
        table = count_contest(
            overridden, contest=contest, by="doc_id", corpus=corpus, n_boot=0, n_perm=0
        )
        mine = hits[hits["contest"] == contest].groupby(["doc_id", "variant"]).size()
        got = _cells(table, ["doc_id", "variant"], "n")
        assert got == {key: int(mine.get(key, 0)) for key in got}, contest
    before = count_contest(
        matches, contest="operation_name", by="doc_id", corpus=corpus, n_boot=0, n_perm=0
    )
    after = count_contest(
        overridden, contest="operation_name", by="doc_id", corpus=corpus, n_boot=0, n_perm=0
    )
    diff = {
        k: v - _cells(after, ["doc_id", "variant"], "n")[k]
        for k, v in _cells(before, ["doc_id", "variant"], "n").items()
    }
    # 003: the offensive excluded; one « opération » moved to military_operation
    assert {k: v for k, v in diff.items() if v} == {
        (D003, "offensive"): 1,
        (D003, "operation"): 1,
        (D003, "military_operation"): -1,
    }


def test_document_counts_and_the_test_see_the_same_hits(
    corpus, matches, setup, expected_after_overrides
):
    _, items, overridden = setup
    hits = expected_after_overrides(matches, items)
    frames = count_documents(overridden, corpus)
    mine = hits[hits["frame"].notna()].groupby(["doc_id", "frame"]).size()
    got = _cells(frames, ["doc_id", "frame"], "n")
    assert got == {key: int(mine.get(key, 0)) for key in got}
    variants = count_documents(overridden, corpus, item="variant", contest="operation_name")
    mine = hits[hits["contest"] == "operation_name"].groupby(["doc_id", "variant"]).size()
    got = _cells(variants, ["doc_id", "variant"], "n")
    assert got == {key: int(mine.get(key, 0)) for key in got}
    test = contest_independence(
        overridden, contest="operation_name", by="doc_id", corpus=corpus, n_perm=0
    )
    assert test.n == (hits["contest"] == "operation_name").sum()


# --- provenance ------------------------------------------------------------------------------


def test_every_result_carries_the_overrides_provenance(corpus, setup):
    path, _, overridden = setup
    wanted = {
        "overrides_name": "karabakh-test-overrides",
        "overrides_version": "1.2.0",
        "overrides_fingerprint": read_overrides(path).fingerprint,
        "overrides_coders": ["A", "B"],
        "overrides_date": "2025-03-01",
        "overrides_source": "overrides.yaml",
        "n_overrides": 4,
        "n_overrides_unmatched": 0,
        "n_excluded_by_overrides": 4,  # rows: the offensive is a frame and a contest hit
        "n_relabelled_by_overrides": 1,
    }
    results = {
        "count_frames": count_frames(overridden, corpus, n_boot=0),
        "count_contest": count_contest(overridden, contest="region_name", n_boot=0, n_perm=0),
        "count_documents": count_documents(overridden, corpus, item="variant"),
    }
    for name, table in results.items():
        assert {k: table.attrs.get(k) for k in wanted} == wanted, name
        assert "overrides_added_rejected" not in table.attrs, name
    test = contest_independence(overridden, contest="region_name", by="doc_id", n_perm=0)
    assert test.overrides == wanted
    assert test.to_dict()["overrides"] == wanted
    # count_contest keeps it once, in its own attrs, not again in attrs["test"]
    assert "overrides" not in results["count_contest"].attrs["test"]


def test_result_attrs_do_not_share_lists_with_the_matches(corpus, setup):
    _, _, overridden = setup
    table = count_frames(overridden, corpus, n_boot=0)
    table.attrs["overrides_coders"].append("C")
    assert overridden.attrs["overrides_coders"] == ["A", "B"]


def test_without_overrides_no_key_is_added(corpus, matches, setup):
    """No overrides: no ``overrides_*`` key at all (not None), so files stay byte-identical."""
    _, _, overridden = setup
    undone = apply_overrides(overridden, None)
    for data in (matches, undone):
        tables = [
            count_frames(data, corpus, n_boot=0),
            count_contest(data, contest="region_name", n_boot=0, n_perm=0),
            count_documents(data, corpus),
        ]
        for table in tables:
            assert not set(OVERRIDES_ATTRS) & set(table.attrs)
        test = contest_independence(data, contest="region_name", by="doc_id", n_perm=0)
        assert test.overrides is None
        assert "overrides" not in test.to_dict()
    # undoing restores the counts and the attrs exactly
    before = count_frames(matches, corpus, by="doc_id", n_boot=0)
    again = count_frames(undone, corpus, by="doc_id", n_boot=0)
    pd.testing.assert_frame_equal(before, again)
    assert before.attrs == again.attrs


def test_the_carried_keys_are_those_apply_overrides_records():
    """A guard against drift: every provenance key of apply_overrides is carried, same name."""
    from framing.validate import _apply

    assert set(OVERRIDES_ATTRS) == set(_apply._ATTRS) - {"overrides_added_rejected"}


def test_unmatched_overrides_are_counted_in_the_provenance(corpus, matches, tmp_path):
    items = [
        *decisions(matches)[:1],
        {"doc_id": D000, "start": 10_000, "end": 10_009, "decision": "exclude", "reason": "x"},
    ]
    path = write_overrides_file(tmp_path, items)
    with pytest.warns(framing.FramingWarning, match=r"1 override\(s\) of overrides\.yaml match"):
        overridden = apply_overrides(matches, path)
    table = count_frames(overridden, corpus, n_boot=0)
    assert (table.attrs["n_overrides"], table.attrs["n_overrides_unmatched"]) == (2, 1)
    assert table.attrs["n_excluded_by_overrides"] == 2


# --- the command line ------------------------------------------------------------------------


def _cli(argv: list[str], capsys) -> tuple[int, str, str]:
    from framing.cli import main

    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_count_frames_with_overrides(capsys, matches, tmp_path):
    path = write_overrides_file(tmp_path, decisions(matches))
    base = ["count", "frames", "karabakh-2023-fr", "karabakh-2023-fr", "--by", "doc_id"]
    base += ["--n-boot", "0", "--format", "csv"]
    code, plain, _ = _cli(base, capsys)
    assert code == 0
    code, out, err = _cli([*base, "--overrides", str(path)], capsys)
    assert code == 0
    before = _cells(pd.read_csv(io.StringIO(plain)), ["doc_id", "frame"], "n_matches")
    after = _cells(pd.read_csv(io.StringIO(out)), ["doc_id", "frame"], "n_matches")
    diff = {k: v - after[k] for k, v in before.items() if v != after[k]}
    assert diff == {(D000, "conflict/military"): 1, (D003, "conflict/military"): 1}
    assert "overrides karabakh-test-overrides 1.2.0: 4 hits excluded, 1 relabelled" in err


def test_cli_count_contest_with_overrides(capsys, matches, tmp_path, expected_after_overrides):
    path = write_overrides_file(tmp_path, decisions(matches))
    argv = ["count", "contest", "karabakh-2023-fr", "karabakh-2023-fr"]
    argv += ["--contest", "operation_name", "--by", "doc_id", "--n-boot", "0", "--n-perm", "0"]
    code, out, err = _cli([*argv, "--format", "csv", "--overrides", str(path)], capsys)
    assert code == 0
    cells = _cells(pd.read_csv(io.StringIO(out)), ["doc_id", "variant"], "n")
    hits = expected_after_overrides(matches, decisions(matches))
    mine = hits[hits["contest"] == "operation_name"].groupby(["doc_id", "variant"]).size()
    assert cells == {key: int(mine.get(key, 0)) for key in cells}
    assert "overrides karabakh-test-overrides 1.2.0" in err


def test_cli_missing_overrides_file_exits_2(capsys, tmp_path):
    argv = ["count", "frames", "karabakh-2023-fr", "karabakh-2023-fr", "--n-boot", "0"]
    code, _, err = _cli([*argv, "--overrides", str(tmp_path / "nope.yaml")], capsys)
    assert code == 2
    assert "nope.yaml does not exist or is not a file" in err
