"""Tests of framing.study: the study file format, its errors, and the reproducible runner."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.study import (
    Study,
    StudyError,
    StudyResult,
    load_study,
    run_study,
)
from framing.study._run import output_folder
from framing.text import count_words

# ------------------------------------------------------------------------------ fixtures

TEXTS = {
    # one offensive (own voice) and one frame hit of « armée »
    "001": "Ils lancent une offensive. L'armée avance.",
    # one quoted offensive, one own-voice « mesures antiterroristes »
    "002": "« C'est une offensive », a-t-il dit. Bakou parle de mesures antiterroristes.",
    # no hit at all
    "003": "Rien à signaler.",
}
LEXICON = {
    "name": "tiny",
    "version": "1.0.0",
    "language": "fr",
    "citation": "Tiny lexicon (2026), for the tests.",
    "contests": {
        "operation": {
            "variants": {
                "counter_terrorism": ["mesures anti-terroristes"],
                "offensive": ["offensive"],
            }
        }
    },
    "frames": {"military": {"entries": ["armée*", "offensive"]}},
}
TINY_STUDY = """\
name: tiny
title: A tiny study
corpus: {path: data/corpus.csv, text: text}
lexicon: lexicon.yaml
seed: 7
locale: en
style: {formats: [png], dpi: 60}
analyses:
  - {id: naming, type: contest, contest: operation, by: doc_id, n_boot: 0, n_perm: 0}
  - {id: voice, type: voice, contest: operation, by: outlet}
  - {id: frames, type: frames, n_boot: 50}
  - {id: keys, type: keyness, by: doc_id, target: 001}
figures:
  - {analysis: naming, drop_unused: true}
  - {analysis: voice}
tables:
  - {analysis: naming, formats: [csv, tex], drop_unused: true}
  - {analysis: voice}
output: results
"""


def _write_inputs(folder: Path) -> None:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        {
            "doc_id": list(TEXTS),
            "text": list(TEXTS.values()),
            "outlet": ["A", "B", "B"],
            "language": ["fr", "fr", "en"],
        }
    ).to_csv(folder / "data" / "corpus.csv", index=False)
    (folder / "lexicon.yaml").write_text(
        yaml.safe_dump(LEXICON, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A study folder: data/corpus.csv, lexicon.yaml and study.yaml."""
    _write_inputs(tmp_path)
    path = tmp_path / "study.yaml"
    path.write_text(TINY_STUDY, encoding="utf-8")
    return path


def _study_file(folder: Path, text: str, name: str = "study.yaml") -> Path:
    _write_inputs(folder)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _tiny_with(folder: Path, old: str, new: str) -> Path:
    assert old in TINY_STUDY
    return _study_file(folder, TINY_STUDY.replace(old, new))


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory: pytest.TempPathFactory) -> StudyResult:
    """The bundled Karabakh study, run once into a temporary folder."""
    out = tmp_path_factory.mktemp("bundled") / "out"
    return run_study(out=out, progress=False)


def _sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- load_study


def test_load_bundled_study_by_name() -> None:
    study = load_study("karabakh-2023")
    assert isinstance(study, Study)
    assert study.bundled
    assert study.name == "karabakh-2023"
    assert study.corpus.name == "karabakh-2023-fr"
    assert study.lexicon == "karabakh-2023-fr"
    assert study.analyses[0].id == "operation-naming"
    assert study.figures[0].file == "operation-naming"
    assert study.sha256 == _sha256(Path(study.source))


def test_bundled_study_file_by_path_is_bundled(repo_dir: Path) -> None:
    study = load_study(repo_dir / "studies" / "karabakh-2023.yaml")
    assert study.bundled


def test_study_is_frozen() -> None:
    study = load_study("karabakh-2023")
    with pytest.raises(dataclasses.FrozenInstanceError):
        study.name = "other"  # type: ignore[misc]


def test_defaults_come_from_the_functions() -> None:
    import inspect

    study = Study.from_dict(
        {
            "name": "d",
            "corpus": "karabakh-2023-fr",
            "lexicon": "karabakh-2023-fr",
            "analyses": [
                {"id": "c", "type": "contest", "contest": "region_name"},
                {"id": "k", "type": "keyness", "by": "doc_id", "target": "x"},
            ],
        }
    )
    contest = inspect.signature(framing.count_contest).parameters
    keyness = inspect.signature(framing.compare_keyness).parameters
    params = study.analyses[0].params
    assert params["n_boot"] == contest["n_boot"].default
    assert params["n_perm"] == contest["n_perm"].default
    assert params["ci"] == contest["ci"].default
    assert study.analyses[1].params["measure"] == keyness["measure"].default
    assert study.seed == 0
    assert study.analyses[0].seed == 0
    assert study.match == {"overlap": "longest", "audit": True, "voice": True}
    assert study.matches_format == "csv"
    assert study.output == "figures"


def test_analysis_seed_overrides_the_study_seed() -> None:
    study = Study.from_dict(
        {
            "name": "d",
            "corpus": "karabakh-2023-fr",
            "lexicon": "karabakh-2023-fr",
            "seed": 11,
            "analyses": [
                {"id": "a", "type": "frames"},
                {"id": "b", "type": "frames", "seed": 3},
            ],
        }
    )
    assert [a.seed for a in study.analyses] == [11, 3]


def test_plain_yaml_scalars_keep_their_text(tiny: Path) -> None:
    # `target: 001` is the integer 1 for YAML; the study keeps the text as written
    study = load_study(tiny)
    assert study.analysis("keys").params["target"] == "001"


@given(st.permutations(["name", "corpus", "lexicon", "seed", "analyses", "locale"]))
@settings(max_examples=20, deadline=None)
def test_key_order_does_not_change_the_study(order: list[str]) -> None:
    data = {
        "name": "order",
        "corpus": {"name": "karabakh-2023-fr"},
        "lexicon": "karabakh-2023-fr",
        "seed": 5,
        "analyses": [{"id": "c", "type": "contest", "contest": "region_name"}],
        "locale": "fr",
    }
    reordered = {key: data[key] for key in order}
    assert Study.from_dict(reordered) == Study.from_dict(data)
    assert Study.from_dict(reordered).sha256 == Study.from_dict(data).sha256


# ------------------------------------------------------------------- errors when reading


def test_missing_key_names_file_line_and_fix(tmp_path: Path) -> None:
    path = _study_file(tmp_path, TINY_STUDY.replace("lexicon: lexicon.yaml\n", ""))
    with pytest.raises(StudyError, match=r"study\.yaml:1: missing required key 'lexicon'"):
        load_study(path)
    with pytest.raises(StudyError, match=r"Fix: add e\.g\. 'lexicon: karabakh-2023-fr'"):
        load_study(path)


def test_unknown_analysis_type_is_suggested(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "type: frames,", "type: frame,")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:11: analyses\[2\]\.type: unknown analysis type 'frame'\. "
        r"Known: contest, frames, .*Did you mean 'frames'",
    ):
        load_study(path)


def test_unknown_key_is_suggested(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "n_boot: 50", "n_bot: 50")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:11: analyses\[2\]\.n_bot: unknown key 'n_bot' in a 'frames' "
        r"analysis\. Did you mean 'n_boot'\?",
    ):
        load_study(path)


def test_malformed_yaml_gives_line_and_column(tmp_path: Path) -> None:
    path = _study_file(tmp_path, "name: x\ncorpus: {name: karabakh-2023-fr\nlexicon: y\n")
    with pytest.raises(StudyError, match=r"study\.yaml:3:\d+: YAML syntax error"):
        load_study(path)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    path = _study_file(tmp_path, TINY_STUDY + "seed: 8\n")
    with pytest.raises(StudyError, match=r"study\.yaml:20: duplicate key 'seed' \(first defined"):
        load_study(path)


def test_every_problem_is_listed_sorted_by_line(tmp_path: Path) -> None:
    text = TINY_STUDY.replace("seed: 7", "seed: -1").replace("dpi: 60", "dpi: many")
    path = _study_file(tmp_path, text)
    with pytest.raises(StudyError) as info:
        load_study(path)
    message = str(info.value)
    assert message.startswith(f"{path}: 2 problems in the study:")
    assert re.search(r"study\.yaml:5: seed: expected a whole number, got -1.*at least 0", message)
    assert re.search(r"study\.yaml:7: style\.dpi: expected a number, got 'many'", message)
    assert message.index(":5: seed") < message.index(":7: style.dpi")
    assert len(info.value.problems) == 2


def test_wrong_kinds_say_what_was_expected() -> None:
    base = {"name": "w", "corpus": "karabakh-2023-fr", "lexicon": "karabakh-2023-fr"}
    bad = {**base, "analyses": [{"id": "c", "type": "contest", "contest": "x", "ci": 95}]}
    with pytest.raises(
        StudyError,
        match=r"^study: analyses\[0\]\.ci: expected a confidence level between 0 and 1 "
        r"\(e\.g\. 0\.95\), got 95 \(int\)\.$",
    ):
        Study.from_dict(bad)
    bad = {**base, "analyses": [{"id": "c", "type": "contest", "contest": "x", "unit": "doc"}]}
    with pytest.raises(
        StudyError,
        match=r"analyses\[0\]\.unit: expected one of mention, document; got 'doc'\. "
        r"Did you mean 'document'\?",
    ):
        Study.from_dict(bad)


def test_study_must_be_a_mapping() -> None:
    with pytest.raises(StudyError, match=r"a study must be a mapping of keys .* not a list"):
        Study.from_dict([1, 2])  # type: ignore[arg-type]


def test_empty_study_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(StudyError, match=r"empty\.yaml: the file is empty\. Fix: write"):
        load_study(path)


def test_unknown_study_name_lists_bundled_ones() -> None:
    with pytest.raises(
        StudyError,
        match=r"No study file 'karabakh-2032'.*Bundled studies: .*karabakh-2023.*"
        r"Did you mean 'karabakh-2023'\?",
    ):
        load_study("karabakh-2032")


def test_corpus_by_name_or_path_not_both() -> None:
    data = {
        "name": "c",
        "corpus": {"name": "karabakh-2023-fr", "path": "x.csv"},
        "lexicon": "karabakh-2023-fr",
        "analyses": [{"id": "f", "type": "frames"}],
    }
    with pytest.raises(
        StudyError, match=r"study: corpus: give the corpus either by 'name'.*not both"
    ):
        Study.from_dict(data)


def test_figure_errors(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "{analysis: voice}", "{analysis: voices}")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:15: figures\[1\]\.analysis: no analysis 'voices' in the study\. "
        r"Did you mean 'voice'\?",
    ):
        load_study(path)
    path = _tiny_with(tmp_path, "{analysis: voice}", "{analysis: voice, plot: contest}")
    with pytest.raises(
        StudyError,
        match=r"figures\[1\]\.plot: a 'voice' analysis \(voice\) cannot be drawn with plot "
        r"'contest'; plots for it: voice\.",
    ):
        load_study(path)
    path = _tiny_with(
        tmp_path,
        "drop_unused: true}\n  - {analysis: voice}",
        "drop_unusd: true}\n  - {analysis: voice}",
    )
    with pytest.raises(
        StudyError,
        match=r"figures\[0\]\.drop_unusd: unknown key 'drop_unusd' for a figure drawn with "
        r"plot_contest\. Did you mean 'drop_unused'\?",
    ):
        load_study(path)


def test_duplicate_ids_and_files(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "{id: voice,", "{id: naming,")
    with pytest.raises(StudyError, match=r"analyses\[1\]\.id: duplicate analysis id 'naming'"):
        load_study(path)
    path = _tiny_with(
        tmp_path, "{analysis: voice}\ntables", "{analysis: voice, file: naming}\ntables"
    )
    with pytest.raises(StudyError, match=r"figures\[1\]\.file: file 'naming' is also written by"):
        load_study(path)
    path = _tiny_with(
        tmp_path, "{analysis: voice}\ntables", "{analysis: voice, file: ../x}\ntables"
    )
    with pytest.raises(StudyError, match=r"figures\[1\]\.file: file '\.\./x' must be a name"):
        load_study(path)


# -------------------------------------------------------- errors at run start (names)


def test_unknown_contest_lists_the_lexicon_contests(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "contest: operation, by: doc_id", "contest: operaton, by: doc_id")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:9: analyses\[0\]\.contest: unknown contest 'operaton'; contests of "
        r"lexicon tiny: operation\. Did you mean 'operation'\?",
    ):
        run_study(path, progress=False)
    assert not (tmp_path / "results").exists()  # nothing is written before the checks pass


def test_unknown_column_lists_the_corpus_columns(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "by: outlet}\n  - {id: frames", "by: outlt}\n  - {id: frames")
    with pytest.raises(
        StudyError,
        match=r"study\.yaml:10: analyses\[1\]\.by: unknown column 'outlt'; columns of corpus "
        r"corpus: doc_id, outlet, language\. Did you mean 'outlet'\?",
    ):
        run_study(path, progress=False)


def test_unknown_variant_frame_and_group(tmp_path: Path) -> None:
    text = TINY_STUDY.replace(
        "  - {id: frames, type: frames, n_boot: 50}\n",
        "  - {id: frames, type: frames, n_boot: 50, frames: [militari]}\n"
        "  - {id: v2, type: voice, contest: operation, variant: ofensive}\n",
    ).replace("target: 001", "target: 01")
    path = _study_file(tmp_path, text)
    with pytest.raises(StudyError) as info:
        run_study(path, progress=False)
    message = str(info.value)
    assert "3 problems with the study's corpus and lexicon" in message
    assert re.search(
        r"study\.yaml:11: analyses\[2\]\.frames\[0\]: unknown frame 'militari'; frames of "
        r"lexicon tiny: military\. Did you mean 'military'\?",
        message,
    )
    assert re.search(
        r"study\.yaml:12: analyses\[3\]\.variant: unknown variant 'ofensive'; variants of "
        r"contest operation: counter_terrorism, offensive\. Did you mean 'offensive'\?",
        message,
    )
    assert re.search(
        r"study\.yaml:13: analyses\[4\]\.target: no document has doc_id = '01'; values of "
        r"doc_id: 001, 002, 003\. Did you mean '001'",
        message,
    )


def test_errors_of_the_chain_name_the_figure(tmp_path: Path) -> None:
    path = _tiny_with(
        tmp_path, "{analysis: naming, drop_unused: true}", "{analysis: naming, kind: pie}"
    )
    with pytest.raises(StudyError, match=r"study\.yaml:14: figures\[0\] \(naming\): .*kind"):
        run_study(path, progress=False)


def test_missing_corpus_file(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "path: data/corpus.csv", "path: data/corpus2.csv")
    with pytest.raises(
        StudyError, match=r"study\.yaml:3: corpus\.path: no file or folder 'data/corpus2\.csv'"
    ):
        run_study(path, progress=False)


def test_run_study_rejects_other_types() -> None:
    with pytest.raises(StudyError, match=r"run_study expects a Study.*got int"):
        run_study(3)  # type: ignore[arg-type]


# ----------------------------------------------------------------------- running a study


def test_tiny_study_writes_what_it_declares(tiny: Path, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # relative paths are read from the study file's folder
    result = run_study(tiny, progress=False)
    out = tiny.parent / "results"
    assert result.out == out
    names = [f.name for f in result.files]
    assert names[-1] == "provenance.json"
    assert sorted(names[:-1]) == names[:-1]
    expected = {
        "naming.png", "naming.csv", "naming.json", "voice.png", "voice.csv", "voice.json",
        "tables/naming.csv", "tables/naming.json", "tables/naming.tex", "tables/voice.csv",
        "tables/voice.json", "matches.csv", "methods.md", "provenance.json",
    }  # fmt: skip
    assert set(names) == expected
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == expected
    for item in result.files:
        assert item.path == out / item.name
        assert item.sha256 == _sha256(item.path)
    assert not any(elsewhere.iterdir())


def test_contest_and_voice_counts_by_hand(tiny: Path) -> None:
    result = run_study(tiny, progress=False)
    naming = result.results["naming"].set_index(["doc_id", "variant"])
    assert naming.loc[("001", "offensive"), "share"] == 1.0
    assert naming.loc[("002", "offensive"), "share"] == 0.5
    assert naming.loc[("002", "counter_terrorism"), "share"] == 0.5
    assert np.isnan(naming.loc[("003", "offensive"), "share"])  # no mention at all

    voice = result.results["voice"]
    # every group × voice × distanced, zeros included
    assert len(voice) == 2 * 3 * 2
    tally = voice.groupby(["outlet", "voice"])["n"].sum()
    assert tally[("A", "author")] == 1
    assert tally[("A", "quoted")] == 0
    assert tally[("B", "author")] == 1  # « mesures antiterroristes »
    assert tally[("B", "quoted")] == 1  # « C'est une offensive », a-t-il dit
    assert tally[("B", "attributed")] == 0
    assert voice.groupby("outlet")["n_group"].first().to_dict() == {"A": 1, "B": 2}
    assert voice.groupby("outlet")["share"].sum().to_dict() == pytest.approx({"A": 1, "B": 1})

    frames = result.results["frames"].set_index("group")
    # 001: « offensive », « armée » in 7 words (Ils lancent une offensive L' armée avance);
    # 002: « offensive » in 11 words (« a-t-il » is one word); 003: 3 words, no hit
    n_words = sum(count_words(t) for t in TEXTS.values())
    assert n_words == 7 + 11 + 3
    assert frames.loc["all", "n_matches"] == 3
    assert frames.loc["all", "rate_per_1k"] == pytest.approx(3 / n_words * 1000)

    keys = result.results["keys"]
    assert keys.attrs["target"] == ["001"]


def test_tables_and_figure_data(tiny: Path) -> None:
    result = run_study(tiny, progress=False)
    out = result.out
    full = pd.read_csv(out / "tables" / "naming.csv", dtype={"doc_id": str})
    assert len(full) == 3 * 2  # the CSV is the full result: every document × variant
    tex = (out / "tables" / "naming.tex").read_text(encoding="utf-8")
    assert r"\toprule" in tex and r"\bottomrule" in tex
    assert "counter\\_terrorism" in tex and "offensive" in tex
    plotted = pd.read_csv(out / "naming.csv", dtype={"doc_id": str})
    assert set(plotted["variant"]) == {"counter_terrorism", "offensive"}
    record = json.loads((out / "naming.json").read_text(encoding="utf-8"))
    assert record["provenance"]["analysis"] == "naming"
    assert record["fingerprints"]["corpus"] == result.matches.attrs["corpus_fingerprint"]


def test_warnings_are_collected_with_their_step(tmp_path: Path) -> None:
    path = _tiny_with(
        tmp_path, "{id: frames, type: frames,", "{id: frames, type: frames, by: outlet,"
    )
    with pytest.warns(
        framing.FramingWarning,
        match=r"^frames: 1 group\(s\) with a single document \(outlet='A'\)",
    ):
        result = run_study(path, progress=False)
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("frames: 1 group(s) with a single document")
    assert "1 warning(s):" in result.summary()


def test_progress_bar_only_when_asked(tiny: Path, capsys) -> None:
    run_study(tiny, progress=False)
    assert capsys.readouterr().err == ""
    run_study(tiny)  # stderr is not a terminal under pytest: quiet
    assert capsys.readouterr().err == ""
    run_study(tiny, progress=True)
    err = capsys.readouterr().err
    assert "framing run tiny" in err and "step" in err


def test_summary_says_what_was_written(tiny: Path) -> None:
    result = run_study(tiny, progress=False)
    text = result.summary()
    lines = text.splitlines()
    assert lines[0] == "Study tiny: A tiny study"
    assert "corpus corpus: 3 documents" in lines[1]
    assert "lexicon tiny 1.0.0" in lines[1]
    counted = result.matches[result.matches["rejected"].isna()]
    assert f"{len(counted)} hits counted" in lines[2]
    assert f"wrote {len(result.files)} files to" in text
    assert "figures (2): naming, voice" in text
    assert "methods.md" in text and "provenance.json" in text


def test_stale_outputs_are_removed(tiny: Path) -> None:
    run_study(tiny, progress=False)
    out = tiny.parent / "results"
    mine = out / "notes.txt"
    mine.write_text("my own file", encoding="utf-8")
    text = TINY_STUDY.replace("  - {analysis: voice}\ntables", "tables")
    tiny.write_text(text, encoding="utf-8")
    run_study(tiny, progress=False)
    assert not (out / "voice.png").exists()
    assert (out / "naming.png").exists()
    assert mine.read_text(encoding="utf-8") == "my own file"  # not ours: kept
    # another study writing into the same folder leaves this one's files alone
    other = text.replace("name: tiny", "name: other").replace(
        "  - {analysis: naming, drop_unused: true}", "  - {analysis: voice}"
    )
    tiny.write_text(other, encoding="utf-8")
    run_study(tiny, progress=False)
    assert (out / "naming.png").exists() and (out / "voice.png").exists()


def test_matches_as_parquet(tiny: Path, tmp_path: Path) -> None:
    text = TINY_STUDY.replace("output: results", "matches: parquet\noutput: results")
    tiny.write_text(text, encoding="utf-8")
    first = run_study(tiny, progress=False, out=tmp_path / "a")
    second = run_study(tiny, progress=False, out=tmp_path / "b")
    table = pd.read_parquet(tmp_path / "a" / "matches.parquet")
    assert len(table) == len(first.matches)
    assert table["surface"].tolist() == first.matches["surface"].tolist()
    assert (tmp_path / "a" / "matches.parquet").read_bytes() == (
        tmp_path / "b" / "matches.parquet"
    ).read_bytes()
    assert second.files[-1].name == "provenance.json"


def test_filters_select_documents(tmp_path: Path) -> None:
    path = _tiny_with(tmp_path, "{path: data/corpus.csv, text: text}",
                      "{path: data/corpus.csv, text: text, filters: {language: fr}}")  # fmt: skip
    result = run_study(path, progress=False)
    record = json.loads((result.out / "provenance.json").read_text(encoding="utf-8"))
    assert record["corpus"]["n_docs"] == 2
    assert record["corpus"]["filters"] == {"language": "fr"}
    path = _tiny_with(tmp_path, "{path: data/corpus.csv, text: text}",
                      "{path: data/corpus.csv, text: text, filters: {langage: fr}}")  # fmt: skip
    with pytest.raises(StudyError, match=r"corpus\.filters: No metadata column 'langage'"):
        run_study(path, progress=False)


def test_output_folder_rules(tiny: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = load_study("karabakh-2023")
    assert output_folder(bundled, None) == Path("figures")  # the current directory's
    assert output_folder(bundled, "elsewhere") == Path("elsewhere")
    assert output_folder(load_study(tiny), None) == tiny.parent / "results"
    from_dict = Study.from_dict(yaml.safe_load(TINY_STUDY))
    assert output_folder(from_dict, None) == Path("results")


# --------------------------------------------------------------- the methods paragraph


def test_methods_in_french(tiny: Path) -> None:
    tiny.write_text(TINY_STUDY.replace("locale: en", "locale: en\nmethods_language: fr"))
    result = run_study(tiny, progress=False)
    text = (result.out / "methods.md").read_text(encoding="utf-8")
    assert text.startswith("# Méthodes : A tiny study\n")
    assert "**Corpus.** Le corpus `corpus` compte 3 documents" in text
    assert "**Lexique.** Les textes ont été codés avec le lexique `tiny`, version 1.0.0" in text
    assert "**Voix.**" in text and "## Références" in text


def test_methods_numbers_come_from_the_run(tiny: Path) -> None:
    result = run_study(tiny, progress=False)
    text = (result.out / "methods.md").read_text(encoding="utf-8")
    n_tokens = sum(count_words(t) for t in TEXTS.values())
    lexicon = framing.read_lexicon(tiny.parent / "lexicon.yaml")
    fingerprint = lexicon.fingerprint().removeprefix("sha256:")[:12]
    assert text.startswith("# Methods: A tiny study\n")
    assert f"comprises 3 documents ({n_tokens} tokens" in text
    assert "its metadata record no publication dates" in text
    assert f"lexicon `tiny`, version 1.0.0 (fingerprint `{fingerprint}`)" in text
    assert "1 frames and 1 naming contests with 2 competing variants" in text
    assert "Tiny lexicon (2026), for the tests." in text
    assert "case-insensitively" in text
    assert "percentile bootstrap intervals over 50 replicates" in text  # frames
    assert "Every random draw (bootstrap replicates, permutations) was seeded with 7" in text
    assert "Dunning, T. (1993)" in text and "Hardie, A. (2014)" in text  # keyness
    assert "Monroe" not in text  # no log-odds analysis, no reference to it


# ---------------------------------------------------------- the bundled study, reproducible


@pytest.mark.slow
def test_bundled_study_twice_is_byte_identical(
    bundled_run: StudyResult, tmp_path: Path, repo_dir: Path
) -> None:
    second = run_study("karabakh-2023", out=tmp_path / "again", progress=False)
    first_files = {p.relative_to(bundled_run.out).as_posix(): p for p in
                   bundled_run.out.rglob("*") if p.is_file()}  # fmt: skip
    second_files = {p.relative_to(second.out).as_posix(): p for p in
                    second.out.rglob("*") if p.is_file()}  # fmt: skip
    assert set(first_files) == set(second_files)
    assert set(first_files) == {f.name for f in bundled_run.files}
    for name, path in first_files.items():
        assert path.read_bytes() == second_files[name].read_bytes(), name
    # no absolute path and no date of today in any file
    today = datetime.date.today().isoformat()
    forbidden = [str(bundled_run.out), str(tmp_path), str(repo_dir), str(Path.home())]
    for name, path in first_files.items():
        data = path.read_bytes()
        for text in forbidden:
            assert text.encode("utf-8") not in data, (name, text)
        if path.suffix in (".json", ".md", ".csv", ".tex", ".svg"):
            assert today not in data.decode("utf-8"), name


def test_bundled_provenance(bundled_run: StudyResult) -> None:
    path = bundled_run.out / "provenance.json"
    raw = path.read_text(encoding="utf-8")
    record = json.loads(raw)
    assert raw == json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    study = load_study("karabakh-2023")
    corpus = framing.read_corpus("karabakh-2023-fr")
    lexicon = framing.read_lexicon("karabakh-2023-fr")
    from framing.voice import load_cues

    assert record["study"]["file"] == "karabakh-2023.yaml"
    assert record["study"]["sha256"] == _sha256(Path(study.source))
    assert record["study"]["seed"] == 20230919
    assert record["corpus"]["fingerprint"] == corpus.fingerprint()
    assert record["corpus"]["n_docs"] == len(corpus)
    assert record["lexicon"]["fingerprint"] == lexicon.fingerprint()
    assert record["lexicon"]["version"] == lexicon.version
    assert record["lexicon"]["citation"] == lexicon.citation
    assert record["cues"]["version"] == load_cues("fr").cues_version
    software = record["software"]
    assert software["numpy"] == np.__version__
    assert software["pandas"] == pd.__version__
    assert software["framing"] == framing.__version__
    assert set(software) >= {"scipy", "matplotlib", "scikit-learn", "ahocorasick-rs", "PyYAML"}
    analyses = {a["id"]: a for a in record["analyses"]}
    pooled = analyses["operation-naming-pooled"]
    assert pooled["function"] == "framing.count_contest"
    assert pooled["parameters"]["n_boot"] == 2000
    assert pooled["random_state"] == 20230919
    for name, digest in record["files"].items():
        assert _sha256(bundled_run.out / name) == digest, name
    assert "provenance.json" not in record["files"]


def test_bundled_signature_figure(bundled_run: StudyResult) -> None:
    import matplotlib.image

    out = bundled_run.out
    image = matplotlib.image.imread(out / "operation-naming.png")
    assert image.shape[1] == round(120 / 25.4 * 300)  # 120 mm at 300 dpi
    for suffix in ("pdf", "svg", "csv", "json"):
        assert (out / f"operation-naming.{suffix}").is_file()
    plotted = pd.read_csv(out / "operation-naming.csv")
    assert set(plotted["doc_id"]) == set(framing.read_corpus("karabakh-2023-fr").doc_ids)
    # drop_unused: only the variants some text uses
    matches = bundled_run.matches
    used = matches[(matches["contest"] == "operation_name") & matches["rejected"].isna()]
    assert set(plotted["variant"]) == set(used["variant"])


def test_bundled_methods(bundled_run: StudyResult) -> None:
    text = (bundled_run.out / "methods.md").read_text(encoding="utf-8")
    lexicon = framing.read_lexicon("karabakh-2023-fr")
    n_rejected = framing.match_lexicon(
        framing.read_corpus("karabakh-2023-fr"), lexicon, audit=True
    ).attrs["n_rejected"]
    assert "The corpus `karabakh-2023-fr` comprises 5 documents" in text
    assert f"version {lexicon.version} (fingerprint `{lexicon.fingerprint()[7:19]}`)" in text
    assert lexicon.citation.strip() in text
    assert f"{n_rejected} hits failed these constraints" in text
    assert "over 2,000 replicates" in text
    assert "With one document per group these shares are descriptive" in text
    assert "seeded with 20230919" in text
    assert "`fr-1.0.0`" in text


def test_lexicon_version_changes_provenance_and_methods(tmp_path: Path) -> None:
    bundled = Path(framing.read_lexicon("karabakh-2023-fr").source)
    text = bundled.read_text(encoding="utf-8")
    assert "\nversion: 1.0.0\n" in text
    (tmp_path / "lexicon.yaml").write_text(
        text.replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n"), encoding="utf-8"
    )
    study = {
        "name": "bump",
        "corpus": "karabakh-2023-fr",
        "analyses": [{"id": "naming", "type": "contest", "contest": "region_name", "n_boot": 0}],
        "tables": [{"analysis": "naming"}],
    }
    runs = {}
    for name, lexicon in (("old", "karabakh-2023-fr"), ("new", "lexicon.yaml")):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump({**study, "lexicon": lexicon}), encoding="utf-8")
        result = run_study(path, out=tmp_path / f"out-{name}", progress=False)
        record = json.loads((result.out / "provenance.json").read_text(encoding="utf-8"))
        methods = (result.out / "methods.md").read_text(encoding="utf-8")
        runs[name] = (record, methods)
    old, new = runs["old"], runs["new"]
    assert old[0]["lexicon"]["version"] == "1.0.0"
    assert new[0]["lexicon"]["version"] == "1.1.0"
    assert new[0]["lexicon"]["fingerprint"] != old[0]["lexicon"]["fingerprint"]
    changed = framing.read_lexicon(tmp_path / "lexicon.yaml").fingerprint()
    assert new[0]["lexicon"]["fingerprint"] == changed
    assert "version 1.0.0 (fingerprint" in old[1]
    assert f"version 1.1.0 (fingerprint `{changed[7:19]}`)" in new[1]
    assert "version 1.1.0" not in old[1]


def test_docstring_examples() -> None:
    import doctest

    import framing.study
    from framing.study import _model, _run

    # load_study and run_study are documented (and found by doctest) in framing.study
    for module in (_model, _run, framing.study):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


def test_repository_figures_are_the_bundled_study(repo_dir: Path) -> None:
    """figures/ in the repository was written by the bundled study (run_study() from the root)."""
    folder = repo_dir / "figures"
    if not (folder / "provenance.json").is_file():
        pytest.skip("figures/ has not been generated in this checkout")
    record = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    study = load_study("karabakh-2023")
    rerun = "figures/ is stale: run `framing run` (run_study()) from the repository root"
    assert record["study"]["sha256"] == study.sha256, rerun
    lexicon = framing.read_lexicon("karabakh-2023-fr")
    assert record["lexicon"]["fingerprint"] == lexicon.fingerprint(), rerun
    corpus = framing.read_corpus("karabakh-2023-fr")
    assert record["corpus"]["fingerprint"] == corpus.fingerprint(), rerun
    for name, digest in record["files"].items():
        assert _sha256(folder / name) == digest, name


def test_repository_figures_are_reproduced_byte_for_byte(
    repo_dir: Path, bundled_run: StudyResult
) -> None:
    """`framing run` in a checkout changes no byte of figures/ (same software versions)."""
    folder = repo_dir / "figures"
    if not (folder / "provenance.json").is_file():
        pytest.skip("figures/ has not been generated in this checkout")
    committed = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    rerun = json.loads((bundled_run.out / "provenance.json").read_text(encoding="utf-8"))
    if committed["software"] != rerun["software"]:
        changed = sorted(
            f"{name} {committed['software'].get(name)} -> {version}"
            for name, version in rerun["software"].items()
            if committed["software"].get(name) != version
        )
        pytest.skip("figures/ was written with other versions: " + ", ".join(changed))
    written = {f.name: f.sha256 for f in bundled_run.files}
    on_disk = {name: _sha256(folder / name) for name in written if (folder / name).is_file()}
    differing = sorted(name for name, digest in written.items() if on_disk.get(name) != digest)
    assert not differing, f"framing run would change {differing}: run it and commit figures/"


def test_last_bits_of_the_logarithms_change_no_file(
    bundled_run: StudyResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """numpy picks its log by the processor (AVX-512 or not) and other platforms have other
    maths libraries: results a few units in the last place apart write the same files."""
    import numpy as np
    from scipy import special

    def nudged(function, ulps: int):
        def shifted(*args, **kwargs):
            result = function(*args, **kwargs)
            for _ in range(abs(ulps)):
                result = np.nextafter(result, np.inf if ulps > 0 else -np.inf)
            return result

        return shifted

    for name, ulps in (("log", 2), ("log1p", 3), ("log2", -2)):
        monkeypatch.setattr(np, name, nudged(getattr(np, name), ulps))
    monkeypatch.setattr(special, "erfc", nudged(special.erfc, -1))
    other = run_study(out=tmp_path / "out", progress=False)
    keyness = [name for name in other.results if name.startswith("keyness")]
    assert keyness  # the nudges reached the statistics: their last bits differ
    assert any(
        not other.results[name][["g2", "p"]].equals(bundled_run.results[name][["g2", "p"]])
        for name in keyness
    )
    assert [(f.name, f.sha256) for f in other.files] == [
        (f.name, f.sha256) for f in bundled_run.files
    ]
