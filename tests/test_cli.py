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
