"""The `framing` command: help, version, exit codes and each subcommand's happy path."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from framing import __version__
from framing.cli import EXIT_BAD_INPUT, EXIT_OK, main


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
