"""The `framing` command: help, version, exit codes, each subcommand's happy path and its
bad-input messages (exit code 2)."""

from __future__ import annotations

import io
import json
import math
import re

import pandas as pd
import pytest

import framing
from framing import __version__
from framing.cli import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, main


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == EXIT_OK
    assert out.strip() == f"framing {__version__}"


def test_help_lists_subcommands(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == EXIT_OK
    assert "corpus" in out and "examples:" in out


def test_no_command_is_a_usage_error(capsys):
    code, _, err = run([], capsys)
    assert code == EXIT_BAD_INPUT
    assert "required" in err


def test_corpus_describe_default_is_the_bundled_seeds(capsys):
    code, out, _ = run(["corpus", "describe", "--format", "csv"], capsys)
    assert code == EXIT_OK
    table = pd.read_csv(io.StringIO(out))
    assert table["n_docs"].sum() == 5


def test_corpus_describe_by_outlet_keeps_every_document(capsys):
    code, out, _ = run(["corpus", "describe", "--by", "outlet", "--format", "json"], capsys)
    assert code == EXIT_OK
    rows = json.loads(out)
    assert sum(r["n_docs"] for r in rows) == 5  # documents without an outlet are a group too


def test_corpus_describe_table_prints_fingerprint(capsys):
    code, out, _ = run(["corpus", "describe"], capsys)
    assert code == EXIT_OK
    assert "fingerprint: sha256:" in out


def test_corpus_describe_missing_path_exits_2(capsys, tmp_path):
    code, _, err = run(["corpus", "describe", str(tmp_path / "nope.csv")], capsys)
    assert code == EXIT_BAD_INPUT
    assert "nope.csv" in err


def test_corpus_describe_unknown_column_exits_2(capsys):
    code, _, err = run(["corpus", "describe", "--by", "outlett"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "outlett" in err and "outlet" in err


@pytest.mark.parametrize("argv", [["corpus", "--help"], ["corpus", "describe", "--help"]])
def test_subcommand_help_has_examples(argv, capsys):
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert "usage: framing corpus" in out


# --- lexicon ----------------------------------------------------------------------------


def test_lexicon_check_bundled_ok(capsys):
    code, out, _ = run(["lexicon", "check", "karabakh-2023-fr"], capsys)
    assert code == EXIT_OK
    assert "OK" in out and "karabakh-2023-fr" in out


def test_lexicon_check_broken_file_exits_2_with_lines(capsys, repo_dir):
    broken = repo_dir / "tests" / "data" / "lexicons" / "broken.yaml"
    code, out, _ = run(["lexicon", "check", str(broken)], capsys)
    assert code == EXIT_BAD_INPUT
    assert "broken.yaml:7:" in out and "anti*terror" in out


def test_lexicon_check_malformed_yaml_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: [1.0\n", encoding="utf-8")
    code, out, err = run(["lexicon", "check", str(bad)], capsys)
    assert code == EXIT_BAD_INPUT
    assert "bad.yaml:" in out + err


def test_lexicon_check_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(["lexicon", "check", str(tmp_path / "absent.yaml")], capsys)
    assert code == EXIT_BAD_INPUT
    assert "absent.yaml" in err


def test_lexicon_convert_to_liwc_warns_what_is_lost(capsys, tmp_path):
    from framing.lexicon import LexiconConversionWarning

    dic = tmp_path / "k.dic"
    with pytest.warns(LexiconConversionWarning, match="proximity constraints"):
        code, out, _ = run(["lexicon", "convert", "karabakh-2023-fr", str(dic)], capsys)
    assert code == EXIT_OK and dic.is_file()
    assert "wrote" in out
    code, _, err = run(["lexicon", "convert", "karabakh-2023-fr", str(dic)], capsys)
    assert code == EXIT_BAD_INPUT  # refuses to overwrite without --force
    assert "--force" in err or "overwrite" in err


def test_lexicon_show_csv_lists_every_variant(capsys):
    from framing.lexicon import read_lexicon

    lexicon = read_lexicon("karabakh-2023-fr")
    code, out, _ = run(["lexicon", "show", "karabakh-2023-fr", "--format", "csv"], capsys)
    assert code == EXIT_OK
    table = pd.read_csv(io.StringIO(out))
    n_variants = sum(len(lexicon.variants(c)) for c in lexicon.contest_names)
    assert (table["kind"] == "variant").sum() == n_variants


# --- match and kwic ---------------------------------------------------------------------


def test_match_writes_the_matches_table(capsys, tmp_path):
    from framing import match_lexicon, read_corpus, read_lexicon

    out = tmp_path / "matches.csv"
    code, stdout, _ = run(
        ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--out", str(out)], capsys
    )
    assert code == EXIT_OK and out.is_file()
    table = pd.read_csv(out)
    expected = match_lexicon(read_corpus("karabakh-2023-fr"), read_lexicon("karabakh-2023-fr"))
    assert len(table) == len(expected)
    assert list(table.columns[:12]) == list(expected.columns[:12])
    assert f"{len(expected)} hits in 5 of 5 documents" in stdout


def test_match_with_n_jobs_matches_in_threads_and_starts_no_worker(capsys, monkeypatch):
    # `framing match` makes one call and exits: workers started for later calls would
    # only delay its exit.
    from framing.match import _parallel, _pool

    _pool.shutdown()
    for name in ("MIN_CHARS", "MIN_CHARS_WARM", "MIN_PART_CHARS", "MIN_TEXT_THREADS"):
        monkeypatch.setattr(_parallel, name, 1)
    threaded = []
    real = _parallel._run_threads
    monkeypatch.setattr(
        _parallel, "_run_threads", lambda *a, **k: threaded.append(1) or real(*a, **k)
    )
    code, _, stderr = run(
        ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--n-jobs", "2"], capsys
    )
    assert code == EXIT_OK and "in 5 of 5 documents" in stderr
    assert threaded and _pool._kept is None and _parallel._started is None
    assert _parallel.START_FOR_LATER  # switched off for the call only


def test_match_parquet_and_audit(capsys, tmp_path):
    out = tmp_path / "m.parquet"
    argv = ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--out", str(out), "--audit"]
    code, _, _ = run(argv, capsys)
    assert code == EXIT_OK
    table = pd.read_parquet(out)
    assert "rejected" in table.columns and table["rejected"].notna().sum() >= 1


def test_match_unknown_keep_column_exits_2(capsys):
    argv = ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--keep", "outlett"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "outlett" in err and "outlet" in err


def test_match_bad_output_extension_exits_2(capsys, tmp_path):
    argv = ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--out", str(tmp_path / "m.xlsx")]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert ".xlsx" in err and ".parquet" in err


def test_match_malformed_lexicon_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: 1.0.0\nlanguage: fr\nframes:\n  a: [anti*terror]\n")
    code, _, err = run(["match", "karabakh-2023-fr", str(bad)], capsys)
    assert code == EXIT_BAD_INPUT
    assert "bad.yaml:5" in err


def test_kwic_prints_concordance(capsys):
    argv = ["kwic", "karabakh-2023-fr", "antiterroris*", "--option", "fold_accents=true"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert "antiterroriste" in out and "quoted" in out


def test_kwic_writes_csv(capsys, tmp_path):
    out = tmp_path / "kwic.csv"
    code, stdout, _ = run(["kwic", "karabakh-2023-fr", "Stepanakert", "--out", str(out)], capsys)
    assert code == EXIT_OK
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert len(table) == 3 and set(table["match"]) == {"Stepanakert"}
    assert "3 hits" in stdout


def test_kwic_bad_option_exits_2(capsys):
    code, _, err = run(["kwic", "karabakh-2023-fr", "x", "--option", "fold_accents"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "KEY=VALUE" in err


# --- shared inline data for count and compare -----------------------------------------------

TINY_LEXICON = """\
name: tiny
version: 1.0.0
language: fr
frames:
  security: [mesures antiterroristes]
  military: [offensive]
contests:
  city:
    variants:
      armenian: [Stepanakert]
      azerbaijani: [Khankendi]
"""

ARTICLES = pd.DataFrame(
    {
        "doc_id": ["a1", "a2", "b1", "b2"],
        "outlet": ["Alpha", "Alpha", "Beta", "Beta"],
        "text": [
            "L'offensive a commencé. Les mesures antiterroristes continuent.",
            "Une offensive contre Stepanakert.",
            "Les mesures antiterroristes à Khankendi.",
            "Rien ici.",
        ],
    }
)


@pytest.fixture
def tiny(tmp_path):
    """(corpus path, lexicon path): two outlets of two documents, a 2-frame 1-contest lexicon.

    Hand count — Alpha: security 1 (a1), military 2 (a1, a2), city armenian 1 (a2);
    Beta: security 1 (b1), military 0, city azerbaijani 1 (b1); b2 has no hit.
    """
    corpus = tmp_path / "articles.csv"
    ARTICLES.to_csv(corpus, index=False)
    lexicon = tmp_path / "tiny.yaml"
    lexicon.write_text(TINY_LEXICON, encoding="utf-8")
    return str(corpus), str(lexicon)


# --- count -----------------------------------------------------------------------------------


def test_count_frames_csv_has_the_hand_counts(capsys, tiny):
    code, out, err = run(["count", "frames", *tiny, "--by", "outlet", "--format", "csv"], capsys)
    assert code == EXIT_OK
    table = pd.read_csv(io.StringIO(out))
    counts = {(r.outlet, r.frame): r.n_matches for r in table.itertuples()}
    assert counts == {
        ("Alpha", "security"): 1,
        ("Alpha", "military"): 2,
        ("Beta", "security"): 1,
        ("Beta", "military"): 0,
    }
    assert table["n_docs"].tolist() == [2, 2, 2, 2]
    assert table["n_docs_with"].tolist() == [1, 2, 1, 0]
    assert "frames of tiny 1.0.0" in err  # the header goes to stderr: stdout stays CSV


def test_count_frames_voice_and_per(capsys, tiny):
    argv = ["count", "frames", *tiny, "--voice", "author", "--per", "100", "--format", "json"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    rows = json.loads(out)
    assert [r["frame"] for r in rows] == ["security", "military"]
    assert [r["n_matches"] for r in rows] == [2, 2]  # every hit here is in the author's voice
    assert "rate_per_100" in rows[0]


def test_count_frames_table_prints_header(capsys, tiny):
    code, out, _ = run(["count", "frames", *tiny, "--n-boot", "0"], capsys)
    assert code == EXIT_OK
    assert out.startswith("frames of tiny 1.0.0 in ")
    assert "(4 documents, 4 frame hits counted)" in out and "no rate interval" in out
    assert "military" in out


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".tex", ".jsonl"])
def test_count_frames_writes_by_extension(capsys, tiny, tmp_path, suffix):
    out = tmp_path / f"rates{suffix}"
    code, stdout, _ = run(["count", "frames", *tiny, "--by", "outlet", "--out", str(out)], capsys)
    assert code == EXIT_OK and out.is_file()
    assert f"wrote {out}" in stdout
    if suffix == ".csv":
        assert pd.read_csv(out)["n_matches"].sum() == 4
        assert json.loads(out.with_suffix(".json").read_text())  # provenance beside it
    elif suffix == ".tsv":
        assert pd.read_csv(out, sep="\t")["n_matches"].sum() == 4
    elif suffix == ".parquet":
        assert pd.read_parquet(out)["n_matches"].sum() == 4
    elif suffix == ".tex":
        latex = out.read_text(encoding="utf-8")
        assert r"\toprule" in latex and r"n\_matches" in latex and "Alpha" in latex
    else:
        assert pd.read_json(out, lines=True)["n_matches"].sum() == 4


def test_count_frames_bad_extension_exits_2(capsys, tiny, tmp_path):
    code, _, err = run(["count", "frames", *tiny, "--out", str(tmp_path / "r.xlsx")], capsys)
    assert code == EXIT_BAD_INPUT
    assert "'.xlsx'" in err and ".tex" in err


def test_count_frames_unknown_column_suggests(capsys, tiny):
    code, _, err = run(["count", "frames", *tiny, "--by", "outlett"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "--by 'outlett'" in err and "Did you mean 'outlet'" in err


def test_count_frames_unknown_voice_suggests(capsys, tiny):
    code, _, err = run(["count", "frames", *tiny, "--voice", "autor"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "--voice 'autor'" in err and "Did you mean 'author'" in err


def test_count_frames_missing_corpus_exits_2(capsys, tiny, tmp_path):
    code, _, err = run(["count", "frames", str(tmp_path / "nope.csv"), tiny[1]], capsys)
    assert code == EXIT_BAD_INPUT
    assert "nope.csv" in err


def test_count_frames_malformed_lexicon_exits_2(capsys, tiny, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: [1.0\n", encoding="utf-8")
    code, _, err = run(["count", "frames", tiny[0], str(bad)], capsys)
    assert code == EXIT_BAD_INPUT
    assert "bad.yaml:" in err


_ONE_DOC_PER_GROUP = pytest.mark.filterwarnings(
    "ignore:.*single document:framing._errors.FramingWarning"
)


@_ONE_DOC_PER_GROUP
def test_count_contest_table_and_independence_line(capsys, tiny):
    argv = ["count", "contest", *tiny, "--contest", "city", "--by", "outlet"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    # 2 × 2 table [[1, 0], [0, 1]]: X² = n (ad − bc)² / (row and column products) = 2,
    # V = sqrt(X² / n) = 1; two documents admit two labelings, both as extreme: p = 1.
    assert (
        "test of independence (variant × outlet, mentions): X² = 2.00, df = 1, "
        "permutation p = 1 (9,999 permutations of 2 documents); Cramér's V = 1.00" in out
    )
    assert "armenian" in out and "azerbaijani" in out


@_ONE_DOC_PER_GROUP
def test_count_contest_without_permutations(capsys, tiny):
    argv = ["count", "contest", *tiny, "--contest", "city", "--by", "outlet", "--n-perm", "0"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert "X² = 2.00, df = 1, no permutation p (--n-perm 0); Cramér's V = 1.00" in out


@_ONE_DOC_PER_GROUP
def test_count_contest_one_variant_used_is_not_tested(capsys, tiny, tmp_path):
    # only a2 (Alpha) names the city, with one variant: nothing to test
    corpus = tmp_path / "one.csv"
    ARTICLES.iloc[[0, 1, 3]].to_csv(corpus, index=False)
    argv = ["count", "contest", str(corpus), tiny[1], "--contest", "city", "--by", "outlet"]
    with pytest.warns(framing.FramingWarning, match="only one variant of contest 'city' is used"):
        code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert (
        "test of independence (variant × outlet, mentions): not computed (fewer than two "
        "groups or two variants with mentions)." in out
    )


@_ONE_DOC_PER_GROUP
def test_count_contest_json_shares(capsys, tiny):
    argv = ["count", "contest", *tiny, "--contest", "city", "--by", "outlet", "--format", "json"]
    code, out, err = run(argv, capsys)
    assert code == EXIT_OK
    shares = {(r["outlet"], r["variant"]): r["share"] for r in json.loads(out)}
    assert shares == {
        ("Alpha", "armenian"): 1.0,
        ("Alpha", "azerbaijani"): 0.0,
        ("Beta", "armenian"): 0.0,
        ("Beta", "azerbaijani"): 1.0,
    }
    assert "test of independence" in err  # not on stdout: it stays JSON


def test_count_contest_without_by_says_the_test_needs_groups(capsys, tiny):
    argv = ["count", "contest", *tiny, "--contest", "city", "--unit", "document"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert "test of independence: not computed (one group; pass --by" in out


def test_count_contest_unknown_contest_lists_contests(capsys):
    argv = ["count", "contest", "karabakh-2023-fr", "karabakh-2023-fr", "--contest", "region"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "--contest 'region'" in err
    assert "Contests: operation_name, region_name, city_name" in err
    assert "Did you mean 'region_name'" in err


def test_count_contest_requires_contest(capsys, tiny):
    code, _, err = run(["count", "contest", *tiny], capsys)
    assert code == EXIT_BAD_INPUT
    assert "--contest" in err


# --- compare ---------------------------------------------------------------------------------


@pytest.fixture
def two_sides(tmp_path):
    """Side A: 'guerre guerre paix' (3 tokens); side B: 'paix paix guerre' (3 tokens)."""
    path = tmp_path / "sides.parquet"
    pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "side": ["A", "B"],
            "year": [2013, 2014],
            "text": ["guerre guerre paix.", "paix paix guerre."],
        }
    ).to_parquet(path, index=False)
    return str(path)


def _g2(a, b, c, d):
    """Dunning's G² over the four cells, written out (independent of framing.compare)."""
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n)]
    cells += [(c, (c + d) * (a + c) / n), (d, (c + d) * (b + d) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o)


def test_compare_keyness_hand_g2(capsys, two_sides):
    argv = ["compare", "keyness", two_sides, "--by", "side", "--target", "A", "--format", "csv"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    table = pd.read_csv(io.StringIO(out)).set_index("term")
    assert table.loc["guerre", ["n_target", "n_reference"]].tolist() == [2, 1]
    # term × side table: guerre 2 | 1, other tokens 1 | 2
    assert table.loc["guerre", "g2"] == pytest.approx(_g2(2, 1, 1, 2))
    assert table.loc["paix", "g2"] == pytest.approx(-_g2(2, 1, 1, 2))


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_compare_out_writes_twelve_significant_digits(capsys, two_sides, tmp_path, suffix):
    """Written results are the same on every processor: floats to 12 digits (Parquet exact)."""
    out = tmp_path / f"keyness{suffix}"
    argv = ["compare", "keyness", two_sides, "--by", "side", "--target", "A", "--out", str(out)]
    code, _, _ = run(argv, capsys)
    assert code == EXIT_OK
    if suffix == ".parquet":
        table = pd.read_parquet(out)
    elif suffix == ".jsonl":
        table = pd.read_json(out, lines=True)
    else:
        table = pd.read_csv(out, sep="\t" if suffix == ".tsv" else ",")
    g2 = table.set_index("term").loc["guerre", "g2"]
    exact = _g2(2, 1, 1, 2)
    assert g2 == pytest.approx(exact, rel=4e-15 if suffix == ".parquet" else 1e-11, abs=0)
    if suffix != ".parquet":
        assert g2 == float(f"{exact:.12g}")
    assert float(f"{exact:.12g}") != exact  # so the two cases are told apart


def test_compare_json_on_stdout_has_twelve_digits_and_strict_json(capsys, two_sides):
    argv = ["compare", "keyness", two_sides, "--by", "side", "--target", "A"]
    code, out, _ = run([*argv, "--format", "json"], capsys)
    assert code == EXIT_OK
    rows = {row["term"]: row for row in json.loads(out)}
    assert rows["guerre"]["g2"] == float(f"{_g2(2, 1, 1, 2):.12g}")


def test_compare_target_is_matched_to_the_column_type(capsys, two_sides):
    # "2013" on the command line names the integer 2013 of the year column
    argv = ["compare", "log-odds", two_sides, "--by", "year", "--target", "2013"]
    code, out, _ = run([*argv, "--format", "json"], capsys)
    assert code == EXIT_OK
    rows = {r["term"]: r for r in json.loads(out)}
    assert rows["guerre"]["n_target"] == 2 and rows["guerre"]["z"] > 0
    assert rows["paix"]["z"] < 0


def test_compare_specificities_target_filters_rows(capsys, two_sides):
    argv = ["compare", "specificities", two_sides, "--by", "side", "--target", "B"]
    code, out, _ = run([*argv, "--format", "csv", "--top-n", "0"], capsys)
    assert code == EXIT_OK
    table = pd.read_csv(io.StringIO(out))
    assert set(table["side"]) == {"B"}
    assert dict(zip(table["term"], table["f"], strict=True)) == {"paix": 2, "guerre": 1}


def test_compare_unknown_target_lists_groups(capsys, two_sides):
    argv = ["compare", "keyness", two_sides, "--by", "side", "--target", "C"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "target='C' is not a group of 'side'" in err and "'A', 'B'" in err


def test_compare_specificities_unknown_target_lists_groups(capsys, two_sides):
    argv = ["compare", "specificities", two_sides, "--by", "side", "--target", "a"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "--target 'a' is not a group of 'side'. Groups present: 'A', 'B'." in err


def test_compare_unknown_column_suggests(capsys, two_sides):
    argv = ["compare", "log-odds", two_sides, "--by", "sid", "--target", "A"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "'sid'" in err and "Did you mean 'side'" in err


def test_compare_bad_ngram_exits_2(capsys, two_sides):
    argv = ["compare", "keyness", two_sides, "--by", "side", "--target", "A", "--ngram", "1..3"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "--ngram '1..3'" in err and "1-3" in err


def test_compare_missing_corpus_exits_2(capsys, tmp_path):
    argv = ["compare", "keyness", str(tmp_path / "gone.parquet"), "--by", "x", "--target", "A"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_BAD_INPUT
    assert "gone.parquet" in err


def test_compare_bigrams_to_latex(capsys, two_sides, tmp_path):
    out = tmp_path / "keywords.tex"
    argv = ["compare", "keyness", two_sides, "--by", "side", "--target", "A", "--ngram", "2"]
    code, stdout, _ = run([*argv, "--out", str(out)], capsys)
    assert code == EXIT_OK
    latex = out.read_text(encoding="utf-8")
    assert "guerre guerre" in latex and r"\bottomrule" in latex
    assert "n-grams 2" in stdout


# --- run -------------------------------------------------------------------------------------


class _FakeResult:
    def summary(self):
        return "study 'fake': 2 figures, 3 tables"


@pytest.fixture
def fake_study(monkeypatch):
    """A stand-in framing.study recording its calls (the CLI wiring, not the runner)."""
    import sys
    import types

    calls = []
    module = types.ModuleType("framing.study")

    def run_study(study_or_path=None, *, out=None, progress=None):
        calls.append((study_or_path, out, progress))
        if study_or_path == "broken.yaml":
            raise framing_error("broken.yaml:3: 'lexicon' is required. Fix: add lexicon: NAME.")
        if study_or_path == "bug.yaml":
            raise RuntimeError("a bug")
        return _FakeResult()

    module.run_study = run_study
    monkeypatch.setitem(sys.modules, "framing.study", module)
    return calls


def framing_error(message):
    from framing._errors import FramingError

    return FramingError(message)


def test_run_passes_study_out_and_progress(capsys, fake_study, tmp_path):
    code, out, _ = run(["run", "study.yaml", "--out", str(tmp_path)], capsys)
    assert code == EXIT_OK
    assert fake_study == [("study.yaml", str(tmp_path), None)]
    assert "study 'fake': 2 figures, 3 tables" in out


def test_run_default_study_quiet(capsys, fake_study):
    code, out, _ = run(["run", "--quiet"], capsys)
    assert code == EXIT_OK
    assert fake_study == [(None, None, False)]
    assert out == ""


def test_run_bad_study_exits_2_and_bug_exits_1(capsys, fake_study):
    code, _, err = run(["run", "broken.yaml"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "framing: error: broken.yaml:3: 'lexicon' is required" in err
    code, _, err = run(["run", "bug.yaml"], capsys)
    assert code == EXIT_INTERNAL
    assert "internal error" in err


def test_run_without_study_runner_is_an_internal_error(capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "framing.study", None)  # import fails
    code, _, err = run(["run"], capsys)
    assert code == EXIT_INTERNAL
    assert "no study runner" in err


def _needs_study_runner():
    module = pytest.importorskip("framing.study")
    if not hasattr(module, "run_study"):
        pytest.skip("framing.study has no run_study yet")


def test_run_missing_study_file_exits_2(capsys, tmp_path):
    _needs_study_runner()
    code, _, err = run(["run", str(tmp_path / "absent.yaml")], capsys)
    assert code == EXIT_BAD_INPUT
    assert "absent.yaml" in err


def test_run_malformed_study_yaml_exits_2(capsys, tmp_path):
    _needs_study_runner()
    bad = tmp_path / "study.yaml"
    bad.write_text("name: x\ncorpus: [karabakh\n", encoding="utf-8")
    code, _, err = run(["run", str(bad)], capsys)
    assert code == EXIT_BAD_INPUT
    assert "study.yaml" in err


@pytest.mark.slow
def test_run_bundled_study(capsys, tmp_path):
    _needs_study_runner()
    code, out, _ = run(["run", "--out", str(tmp_path)], capsys)
    assert code == EXIT_OK
    assert out.strip() and any(tmp_path.iterdir())


# --- cite ------------------------------------------------------------------------------------


def test_cite_default_text(capsys):
    code, out, _ = run(["cite"], capsys)
    assert code == EXIT_OK
    assert f"(Version {__version__}) [Computer software]" in out


def test_cite_bibtex_with_lexicon(capsys):
    code, out, _ = run(["cite", "--format", "bibtex", "--lexicon", "karabakh-2023-fr"], capsys)
    assert code == EXIT_OK
    assert out.startswith("@software{framing,")
    assert "\n\n@misc{karabakh_2023_fr," in out
    assert out.count("author  = {{The framing developers}}") == 2


def test_cite_lexicon_only_apa(capsys):
    from framing import read_lexicon

    lexicon = read_lexicon("karabakh-2023-en")
    argv = ["cite", "--format", "apa", "--lexicon", "karabakh-2023-en", "--lexicon-only"]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert out == " ".join(lexicon.citation.split()) + "\n"


def test_cite_cff_is_the_citation_file(capsys, repo_dir):
    code, out, _ = run(["cite", "--format", "cff"], capsys)
    assert code == EXIT_OK
    assert out == (repo_dir / "CITATION.cff").read_text(encoding="utf-8")


def test_cite_cff_with_lexicon_exits_2(capsys):
    code, _, err = run(["cite", "--format", "cff", "--lexicon", "karabakh-2023-fr"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "--format cff writes the software's CITATION.cff only" in err


def test_cite_unknown_lexicon_suggests(capsys):
    code, _, err = run(["cite", "--lexicon", "karabak-2023-fr"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "Did you mean 'karabakh-2023-fr'" in err


def test_cite_missing_and_malformed_lexicon_exit_2(capsys, tmp_path):
    code, _, err = run(["cite", "--lexicon", str(tmp_path / "absent.yaml")], capsys)
    assert code == EXIT_BAD_INPUT
    assert "absent.yaml" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nversion: [1.0\n", encoding="utf-8")
    code, _, err = run(["cite", "--lexicon", str(bad)], capsys)
    assert code == EXIT_BAD_INPUT
    assert "bad.yaml:" in err


# --- every command: help with examples, and warnings as messages ------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["count", "frames"],
        ["count", "contest"],
        ["compare", "log-odds"],
        ["compare", "keyness"],
        ["compare", "specificities"],
        ["run"],
        ["cite"],
    ],
)
def test_new_commands_help_has_examples(argv, capsys):
    code, out, _ = run([*argv, "--help"], capsys)
    assert code == EXIT_OK
    assert f"usage: framing {' '.join(argv)}" in out
    assert "examples:\n  framing " + argv[0] in out


def test_framing_warnings_are_shown_as_messages(capsys, tiny, tmp_path):
    # one document per outlet: the interval cannot be estimated, count_frames warns
    single = tmp_path / "single.csv"
    ARTICLES.iloc[[0, 2]].to_csv(single, index=False)
    argv = ["count", "frames", str(single), tiny[1], "--by", "outlet", "--format", "csv"]
    with pytest.warns(framing.FramingWarning, match="single document"):
        code, _, _ = run(argv, capsys)
    assert code == EXIT_OK
    import warnings

    from framing.cli import _warnings_as_messages

    with _warnings_as_messages():
        shown = warnings.formatwarning("a group is small", framing.FramingWarning, "x.py", 1)
        other = warnings.formatwarning("other", UserWarning, "x.py", 1)
    assert shown == "framing: warning: a group is small\n"
    assert "x.py:1: UserWarning: other" in other


def _subparsers(parser, prefix=()):
    """(command words, parser) for every parser under ``parser``, depth first."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*prefix, name), child
                yield from _subparsers(child, (*prefix, name))


def test_every_help_example_parses():
    import shlex

    from framing.cli import build_parser

    parser = build_parser()
    checked = 0
    for words, child in _subparsers(parser):
        for line in (child.epilog or "").splitlines()[1:]:
            command = re.split(r"\s(?:>>?|\|)\s", line.split("  #")[0])[0]  # no shell parts
            argv = shlex.split(command)
            assert argv[0] == "framing" and argv[1] == words[0], line
            build_parser().parse_args(argv[1:])  # SystemExit (a usage error) fails the test
            checked += 1
    assert checked >= 30


def test_python_dash_m():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "framing.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"framing {__version__}"
