"""Coders' overrides in a study: the ``overrides`` key, its provenance, methods.md, undo.

A study on the bundled Karabakh seeds (corpus and lexicon) is run three times into the same
kind of folder: without ``overrides``; with an overrides file that excludes four known hits
and relabels one; and with the key removed again, which must give back the first run's files
byte for byte. Expected counts are computed in the test from the matches table (rows dropped,
one variant changed), not by running the study twice.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest
import yaml

import framing
from framing.study import StudyError, StudyResult, load_study, run_study
from framing.validate import read_overrides

D000 = "000_9e5079871ae24380"
D003 = "003_e0b1685020b70630"

STUDY = """\
name: overridden
corpus: {name: karabakh-2023-fr}
lexicon: karabakh-2023-fr
seed: 3
methods_language: en
style: {formats: [png], dpi: 40}
analyses:
  - {id: operation, type: contest, contest: operation_name, by: doc_id, n_boot: 0, n_perm: 0}
  - {id: region, type: contest, contest: region_name, by: doc_id, n_boot: 0, n_perm: 0}
  - {id: frames, type: frames, by: doc_id, n_boot: 0}
  - {id: voice, type: voice, contest: operation_name, by: doc_id}
  - {id: mentions, type: matches, contest: operation_name}
figures:
  - {analysis: operation, drop_unused: true}
tables:
  - {analysis: operation, formats: [csv, tex]}
  - {analysis: region, formats: [csv]}
  - {analysis: frames, formats: [csv]}
  - {analysis: voice, formats: [csv]}
output: out
"""
KEY = "lexicon: karabakh-2023-fr\n"


@pytest.fixture(scope="module")
def matches():
    corpus = framing.read_corpus("karabakh-2023-fr")
    return framing.match_lexicon(corpus, "karabakh-2023-fr", audit=True)


def _first(matches: pd.DataFrame, doc_id: str, surface: str, **where: str) -> pd.Series:
    rows = matches[
        (matches["doc_id"] == doc_id)
        & (matches["surface"] == surface)
        & matches["rejected"].isna()
    ]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows), (doc_id, surface, where)
    return rows.iloc[0]


def _decisions(matches: pd.DataFrame) -> list[dict]:
    """Exclude 003's « offensive » (frame and contest hit), 000's first « KARABAKH »
    (contest filter) and first « militaires » (frame filter); relabel 003's first
    « opération » as a military operation."""
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
            "reason": "the military operation",
        },
    ]


def _write_overrides(path: Path, items: list[dict]) -> Path:
    data = {
        "name": "karabakh-coding",
        "version": "2.0.1",
        "coders": ["A", "B"],
        "overrides": items,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _files(folder: Path) -> dict[str, bytes]:
    paths = [p for p in folder.rglob("*") if p.is_file()]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in paths}


def _run(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a run of this study raises no warning
        return run_study(path, progress=False)


class Runs(NamedTuple):
    folder: Path  # the study's folder
    items: list[dict]  # the decisions of coding/overrides.yaml
    plain: dict[str, bytes]  # the files of the run without overrides
    result: StudyResult  # the run with overrides (its folder is rewritten by the next run)
    files: dict[str, bytes]  # the files of the run with overrides
    restored: dict[str, bytes]  # the files of the run with the key removed again


@pytest.fixture(scope="module")
def runs(tmp_path_factory, matches) -> Runs:
    """The same study run without, with, and again without overrides, into one folder."""
    folder = tmp_path_factory.mktemp("study")
    items = _decisions(matches)
    _write_overrides(folder / "coding" / "overrides.yaml", items)
    study = folder / "study.yaml"
    study.write_text(STUDY, encoding="utf-8")
    plain = _files(_run(study).out)
    study.write_text(STUDY.replace(KEY, KEY + "overrides: coding/overrides.yaml\n"), "utf-8")
    overridden = _run(study)
    files = _files(overridden.out)
    study.write_text(STUDY, encoding="utf-8")  # the key removed: into the same folder
    restored = _files(_run(study).out)
    return Runs(folder, items, plain, overridden, files, restored)


def _csv(files: dict[str, bytes], name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(files[f"tables/{name}.csv"]), dtype={"doc_id": str})


def _json(files: dict[str, bytes], name: str) -> dict:
    return json.loads(files[name].decode("utf-8"))


def _cells(table: pd.DataFrame, keys: list[str], value: str) -> dict:
    return {tuple(r[:-1]): r[-1] for r in table[[*keys, value]].itertuples(index=False)}


# --------------------------------------------------------------------------- the counts


def test_tables_change_by_exactly_the_expected_amounts(runs, matches, expected_after_overrides):
    hits = expected_after_overrides(matches, runs.items)
    for name, contest in (("operation", "operation_name"), ("region", "region_name")):
        mine = hits[hits["contest"] == contest].groupby(["doc_id", "variant"]).size()
        got = _cells(_csv(runs.files, name), ["doc_id", "variant"], "n")
        assert got == {key: int(mine.get(key, 0)) for key in got}, name
    mine = hits[hits["frame"].notna()].groupby(["doc_id", "frame"]).size()
    got = _cells(_csv(runs.files, "frames"), ["doc_id", "frame"], "n_matches")
    assert got == {key: int(mine.get(key, 0)) for key in got}
    # against the run without overrides: the hand-known differences, nothing else
    before = _cells(_csv(runs.plain, "frames"), ["doc_id", "frame"], "n_matches")
    assert {k: v - got[k] for k, v in before.items() if v != got[k]} == {
        (D000, "conflict/military"): 1,  # « militaires », excluded by frame
        (D003, "conflict/military"): 1,  # « offensive », excluded without a filter
    }
    before = _cells(_csv(runs.plain, "operation"), ["doc_id", "variant"], "n")
    after = _cells(_csv(runs.files, "operation"), ["doc_id", "variant"], "n")
    assert {k: v - after[k] for k, v in before.items() if v != after[k]} == {
        (D003, "offensive"): 1,
        (D003, "operation"): 1,
        (D003, "military_operation"): -1,
    }
    before = _cells(_csv(runs.plain, "region"), ["doc_id", "variant"], "n")
    after = _cells(_csv(runs.files, "region"), ["doc_id", "variant"], "n")
    assert {k: v - after[k] for k, v in before.items() if v != after[k]} == {
        (D000, "azerbaijani_usage"): 1,
    }


def test_voice_tally_and_matches_analysis_see_the_overrides(
    runs, matches, expected_after_overrides
):
    operation = expected_after_overrides(matches, runs.items)
    operation = operation[operation["contest"] == "operation_name"]
    mine = operation.groupby(["doc_id", "voice"]).size()
    got = _csv(runs.files, "voice").groupby(["doc_id", "voice"])["n"].sum()
    assert {k: v for k, v in got.items() if v} == {k: int(v) for k, v in mine.items()}
    mentions = runs.result.results["mentions"]
    assert len(mentions) == len(operation)
    assert (mentions["variant"] == "military_operation").sum() == (
        operation["variant"] == "military_operation"
    ).sum()
    assert mentions.attrs["n_excluded_by_overrides"] == 4
    assert runs.result.results["voice"].attrs["overrides_name"] == "karabakh-coding"


def test_nothing_is_deleted_from_the_matches(runs, matches):
    written = pd.read_csv(io.BytesIO(runs.files["matches.csv"]), dtype={"doc_id": str})
    assert len(written) == len(runs.result.matches) == len(matches)
    assert (written["override"] == "exclude").sum() == 4
    assert (written["override"] == "relabel").sum() == 1
    relabelled = written[written["override"] == "relabel"]
    assert relabelled[["variant", "relabelled_from"]].values.tolist() == [
        ["military_operation", "operation"]
    ]


# ----------------------------------------------------------------------- the provenance


def test_provenance_records_the_overrides_file(runs):
    record = _json(runs.files, "provenance.json")
    ov = read_overrides(runs.folder / "coding" / "overrides.yaml")
    assert record["overrides"] == {
        "source": "coding/overrides.yaml",
        "name": "karabakh-coding",
        "version": "2.0.1",
        "fingerprint": ov.fingerprint,
        "coders": ["A", "B"],
        "date": None,
        "n_overrides": 4,
        "n_unmatched": 0,
        "n_excluded": 4,
        "n_relabelled": 1,
    }
    # hits counted: the matcher's, less its proximity rejections and the four exclusions
    matching = record["matching"]
    assert matching["n_hits"] == len(runs.result.matches) - matching["n_rejected"] - 4
    # every result table's provenance, and the figure's, carries the fingerprint
    table = _json(runs.files, "tables/frames.json")
    assert table["data"]["attrs"]["overrides_fingerprint"] == ov.fingerprint
    assert table["data"]["attrs"]["n_relabelled_by_overrides"] == 1
    assert table["fingerprints"]["overrides"] == ov.fingerprint
    assert ov.fingerprint in json.dumps(_json(runs.files, "operation.json"))
    assert "4 excluded and 1 relabelled by overrides karabakh-coding 2.0.1" in (
        runs.result.summary()
    )


def test_methods_say_how_many_hits_were_excluded_and_relabelled(runs):
    text = runs.files["methods.md"].decode("utf-8")
    digest = read_overrides(runs.folder / "coding" / "overrides.yaml").fingerprint[7:19]
    assert (
        "These counts follow hand coding, per the overrides file `karabakh-coding`, version "
        f"2.0.1 (fingerprint `{digest}`): 4 hits were excluded and 1 relabelled; excluded "
        "hits stay in the matches table, marked as rejected."
    ) in text


def test_removing_the_key_restores_every_file_byte_for_byte(runs):
    assert set(runs.restored) == set(runs.plain)
    for name, data in runs.plain.items():
        assert runs.restored[name] == data, name
    assert "overrides" not in _json(runs.plain, "provenance.json")
    assert b"hand coding" not in runs.plain["methods.md"]
    assert b"overrides_" not in runs.plain["tables/frames.json"]
    # while the overridden run did write other tables
    assert runs.files["tables/frames.csv"] != runs.plain["tables/frames.csv"]


def test_methods_in_french(tmp_path, matches):
    items = _decisions(matches)[1:2]  # one exclusion, nothing relabelled
    _write_overrides(tmp_path / "overrides.yaml", items)
    text = STUDY.replace(KEY, KEY + "overrides: overrides.yaml\n")
    text = text.replace("methods_language: en", "methods_language: fr")
    (tmp_path / "study.yaml").write_text(text, encoding="utf-8")
    result = run_study(tmp_path / "study.yaml", progress=False)
    methods = (result.out / "methods.md").read_text(encoding="utf-8")
    assert (
        "Ces décomptes intègrent le codage manuel, d'après le fichier de corrections "
        "`karabakh-coding`, version 2.0.1 (empreinte `"
    ) in methods
    assert ": 1 occurrence a été exclue et 0 réétiquetée ; les occurrences exclues" in methods


def test_overrides_null_is_no_overrides(tmp_path):
    (tmp_path / "study.yaml").write_text(
        STUDY.replace(KEY, KEY + "overrides: null\n"), encoding="utf-8"
    )
    assert load_study(tmp_path / "study.yaml").overrides is None


# ----------------------------------------------------------------------- errors, warnings


def test_unmatched_override_is_a_reported_warning(tmp_path, matches):
    items = [
        *_decisions(matches)[:1],
        {"doc_id": D000, "start": 10_000, "end": 10_009, "decision": "exclude", "reason": "x"},
    ]
    _write_overrides(tmp_path / "overrides.yaml", items)
    (tmp_path / "study.yaml").write_text(
        STUDY.replace(KEY, KEY + "overrides: overrides.yaml\n"), encoding="utf-8"
    )
    with pytest.warns(
        framing.FramingWarning,
        match=r"^overrides: apply_overrides\(\): 1 override\(s\) of overrides\.yaml match no "
        r"hit of the matches table: 'overrides\.yaml:\d+ \(000_9e5079871ae24380 10000-10009\)'",
    ):
        result = run_study(tmp_path / "study.yaml", progress=False)
    assert any(
        w.startswith("overrides: apply_overrides(): 1 override(s)") for w in result.warnings
    )
    record = json.loads((result.out / "provenance.json").read_text(encoding="utf-8"))
    assert (record["overrides"]["n_unmatched"], record["overrides"]["n_excluded"]) == (1, 2)


def _study_with(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "study.yaml"
    path.write_text(STUDY.replace(KEY, KEY + line + "\n"), encoding="utf-8")
    return path


def test_missing_overrides_file_names_the_key(tmp_path):
    path = _study_with(tmp_path, "overrides: coding/nope.yaml")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:4: overrides: no overrides file 'coding/nope\.yaml' \(read relative "
        r"to the study file's folder, .*\)\. Fix: correct the path, or remove the key",
    ):
        run_study(path, progress=False)


def test_malformed_overrides_file_names_both_files(tmp_path):
    (tmp_path / "overrides.yaml").write_text(
        "name: x\nversion: 1.0.0\ncoder: A\noverrides:\n"
        "  - {doc_id: d, start: 5, end: 2, decision: exclude, reason: r}\n",
        encoding="utf-8",
    )
    path = _study_with(tmp_path, "overrides: overrides.yaml")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:4: overrides: The overrides file overrides\.yaml has 1 problem\(s\):"
        r"\n  overrides\.yaml:5: override 1: start and end must be whole numbers",
    ):
        run_study(path, progress=False)


def test_relabel_to_an_unknown_variant_is_an_error(tmp_path, matches):
    item = {**_decisions(matches)[3], "variant": "military_operaton"}
    _write_overrides(tmp_path / "overrides.yaml", [item])
    path = _study_with(tmp_path, "overrides: overrides.yaml")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:4: overrides: apply_overrides\(\): 1 problem\(s\) with "
        r"overrides\.yaml:\n  overrides\.yaml:\d+: contest 'operation_name' has no variant "
        r"'military_operaton' .*Did you mean 'military_operation'",
    ):
        run_study(path, progress=False)


def test_overrides_key_is_checked_when_the_study_is_read(tmp_path):
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:4: overrides: expected a relative path \(e\.g\. overrides\.yaml\), "
        r"or null, got a list\.",
    ):
        load_study(_study_with(tmp_path, "overrides: [a.yaml]"))
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:4: overide: unknown key 'overide' .*Did you mean 'overrides'\?",
    ):
        load_study(_study_with(tmp_path, "overide: a.yaml"))


def test_absolute_overrides_path_is_recorded_relative(tmp_path, matches):
    target = _write_overrides(tmp_path / "coding" / "o.yaml", _decisions(matches)[:1])
    path = _study_with(tmp_path, f"overrides: {target.as_posix()}")
    result = run_study(path, progress=False)
    record = json.loads((result.out / "provenance.json").read_text(encoding="utf-8"))
    assert record["overrides"]["source"] == "coding/o.yaml"
    assert str(tmp_path) not in (result.out / "provenance.json").read_text(encoding="utf-8")
