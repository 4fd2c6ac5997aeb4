"""`framing code-sheet` and `framing validate`, end to end on the bundled Karabakh seeds.

The sheets are filled by the tests with known codes: coder A says 0 on FALSE_POSITIVES and
1 elsewhere, coder B agrees except on DISAGREE. Alpha, kappa, agreement and precision are
computed here from those codes, by their definitions, and compared with what the command
prints and writes.
"""

from __future__ import annotations

import csv
import io
import itertools
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

import framing
from framing.cli import EXIT_BAD_INPUT, EXIT_OK, main

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("krippendorff")

BUNDLED = "karabakh-2023-fr"  # the bundled corpus and the bundled lexicon share the name
N = 40
FALSE_POSITIVES = frozenset({0, 8, 16, 24, 32})  # rows (0-based, below the header) A codes 0
DISAGREE = frozenset({1, 2, 3, 8})  # rows where B's code differs from A's


def run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def sheet_argv(path: Path, *extra: str) -> list[str]:
    """A simple random sample (equal weights) of N hits for coders A and B."""
    return [
        "code-sheet",
        BUNDLED,
        BUNDLED,
        "--out",
        str(path),
        "--n",
        str(N),
        "--coders",
        "A,B",
        "--stratify",
        "none",
        *extra,
    ]


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def known_codes() -> tuple[list[str], list[str]]:
    a = ["0" if i in FALSE_POSITIVES else "1" for i in range(N)]
    b = [("1" if v == "0" else "0") if i in DISAGREE else v for i, v in enumerate(a)]
    return a, b


def fill_csv(path: Path, codes: dict[str, list[str]]) -> None:
    header, rows = read_rows(path)
    for column, values in codes.items():
        j = header.index(column)
        for row, value in zip(rows, values, strict=True):
            row[j] = value
    write_rows(path, header, rows)


def fill_xlsx(path: Path, codes: dict[str, list[str]]) -> None:
    workbook = openpyxl.load_workbook(path)
    ws = workbook["codes"]
    header = [c.value for c in ws[1]]
    for column, values in codes.items():
        j = header.index(column) + 1
        for i, value in enumerate(values, start=2):
            ws.cell(row=i, column=j).value = value
    workbook.save(path)


def letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def nominal_alpha(a: list[str], b: list[str]) -> float:
    """Krippendorff's nominal alpha, two coders, no missing codes: 1 - (n-1) D_o / D_e."""
    values = Counter(a + b)
    n = sum(values.values())
    disagreeing_pairs = 2 * sum(x != y for x, y in zip(a, b, strict=True))
    expected = sum(values[c] * values[k] for c, k in itertools.permutations(values, 2))
    return 1 - (n - 1) * disagreeing_pairs / expected


def cohen_kappa(a: list[str], b: list[str]) -> float:
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    ca, cb = Counter(a), Counter(b)
    chance = sum(ca[c] * cb[c] for c in set(a) | set(b)) / len(a) ** 2
    return (observed - chance) / (1 - chance)


@pytest.fixture(scope="module")
def n_counted_hits() -> int:
    """Hits the matcher counts on the bundled data: the population of the precision."""
    matches = framing.match_lexicon(framing.read_corpus(BUNDLED), BUNDLED)
    if "rejected" in matches.columns:
        matches = matches[matches["rejected"].isna()]
    return len(matches)


@pytest.fixture
def coded(tmp_path) -> Path:
    """A CSV sheet of N hits filled with the known codes."""
    path = tmp_path / "sheet.csv"
    assert main(sheet_argv(path)) == EXIT_OK
    a, b = known_codes()
    fill_csv(path, {"code_A": a, "code_B": b})
    return path


# --- framing code-sheet ------------------------------------------------------------------


def test_code_sheet_writes_the_sheet_and_says_what(capsys, tmp_path):
    path = tmp_path / "sheet.csv"
    code, out, _ = run(sheet_argv(path), capsys)
    assert code == EXIT_OK
    header, rows = read_rows(path)
    assert len(rows) == N
    assert header[-4:] == ["code_A", "note_A", "code_B", "note_B"]
    assert all(row[header.index("unit")] == "hit" for row in rows)
    guide = tmp_path / "sheet.instructions.md"
    meta = tmp_path / "sheet.meta.json"
    assert guide.is_file() and meta.is_file()
    assert f"wrote {path}: {N} rows to code" in out
    assert "seed: 2023" in out  # defaulted, and printed
    assert f"instructions: {guide}" in out
    assert "by none (simple random sample)" in out


def test_code_sheet_same_command_same_bytes(capsys, tmp_path):
    first, second, other = tmp_path / "1", tmp_path / "2", tmp_path / "3"
    for folder, seed in ((first, "5"), (second, "5"), (other, "6")):
        code, out, _ = run(sheet_argv(folder / "sheet.csv", "--seed", seed), capsys)
        assert code == EXIT_OK
        assert f"seed: {seed}" in out
    for name in ("sheet.csv", "sheet.meta.json", "sheet.instructions.md"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # the seed is what makes it reproducible: another seed draws another sample
    assert (first / "sheet.csv").read_bytes() != (other / "sheet.csv").read_bytes()


def test_code_sheet_xlsx_same_command_same_cells(capsys, tmp_path):
    # XLSX files embed the time they were written (openpyxl), so the check is on the cells
    paths = [tmp_path / "1" / "sheet.xlsx", tmp_path / "2" / "sheet.xlsx"]
    for path in paths:
        code, out, _ = run(sheet_argv(path), capsys)
        assert code == EXIT_OK
        assert f"instructions: the worksheet 'instructions' of {path}" in out

    def cells(path):
        workbook = openpyxl.load_workbook(path)
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}

    first, second = cells(paths[0]), cells(paths[1])
    assert list(first) == ["codes", "instructions", "_meta"]
    assert first == second
    assert len(first["codes"]) == N + 1


def test_code_sheet_auto_strata_warns_when_n_is_small(capsys, tmp_path):
    argv = ["code-sheet", BUNDLED, BUNDLED, "--out", tmp_path / "s.csv", "--n", "5"]
    with pytest.warns(framing.FramingWarning, match="smaller than the number of strata"):
        code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    assert "by outlet, item, voice" in out
    assert "coders: coder_1, coder_2" in out  # the library's default coders


def test_code_sheet_documents_ask_about_the_items(capsys, tmp_path):
    path = tmp_path / "docs.csv"
    argv = ["code-sheet", BUNDLED, BUNDLED, "--out", path, "--unit", "document", "--n", "3"]
    code, _, _ = run([*argv, "--items", "operation_name", "--coders", "A"], capsys)
    assert code == EXIT_OK
    variants = framing.read_lexicon(BUNDLED).variants("operation_name")
    header, rows = read_rows(path)
    items = [row[header.index("item")] for row in rows]
    assert len(rows) == 3 * len(variants)
    assert set(items) == {f"contest:operation_name/{v}" for v in variants}
    assert {row[header.index("unit")] for row in rows} == {"document"}


def test_code_sheet_refuses_to_overwrite_without_force(capsys, coded):
    before = coded.read_bytes()
    code, _, err = run(sheet_argv(coded), capsys)
    assert code == EXIT_BAD_INPUT
    assert f"--out: {coded} exists (it may hold codes)" in err and "--force" in err
    assert coded.read_bytes() == before  # the codes are still there
    code, _, _ = run([*sheet_argv(coded), "--force"], capsys)
    assert code == EXIT_OK
    assert coded.read_bytes() != before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "hits"], "argument --unit: invalid choice: 'hits'"),
        (["--allocation", "equl"], "argument --allocation: invalid choice: 'equl'"),
        (["--n", "0"], "argument --n: expected a whole number >= 1, got '0'"),
        (["--window", "-1"], "argument --window: expected a whole number >= 0, got '-1'"),
        (["--items", "operation_name"], "--items chooses the frames and variants"),
    ],
)
def test_code_sheet_bad_options_exit_2(capsys, tmp_path, extra, message):
    code, _, err = run([*sheet_argv(tmp_path / "s.csv"), *extra], capsys)
    assert code == EXIT_BAD_INPUT
    assert message in err
    assert not (tmp_path / "s.csv").exists()


def test_code_sheet_bad_suffix_exits_2(capsys, tmp_path):
    code, _, err = run(sheet_argv(tmp_path / "sheet.txt"), capsys)
    assert code == EXIT_BAD_INPUT
    assert "--out" in err and "unknown extension '.txt'. Use .csv or .xlsx." in err


def test_code_sheet_library_errors_exit_2(capsys, tmp_path):
    argv = ["code-sheet", BUNDLED, BUNDLED, "--out", tmp_path / "s.csv"]
    code, _, err = run([*argv, "--stratify", "outlett"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "cannot stratify by 'outlett'" in err and "outlet" in err
    code, _, err = run([*argv, "--unit", "document", "--items", "operation_nam"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "item 'operation_nam' is not a frame, contest" in err
    code, _, err = run([*argv, "--coders", "A,A"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "coder names must be unique" in err


# --- framing validate --------------------------------------------------------------------


def test_validate_known_codes_alpha_and_precision(capsys, coded, tmp_path, n_counted_hits):
    a, b = known_codes()
    out_dir = tmp_path / "out"
    argv = ["validate", coded, "--corpus", BUNDLED, "--lexicon", BUNDLED, "--label", "A"]
    code, out, _ = run([*argv, "--out-dir", out_dir, "--n-boot", "200"], capsys)
    assert code == EXIT_OK

    alpha = nominal_alpha(a, b)
    agreement = 1 - len(DISAGREE) / N
    kappa = cohen_kappa(a, b)
    reliability = pd.read_csv(out_dir / "reliability.csv")
    row = reliability.iloc[0]
    assert row["alpha"] == pytest.approx(alpha)
    assert row["percent_agreement"] == pytest.approx(agreement)
    assert row["cohen_kappa"] == pytest.approx(kappa)
    assert row["n_pairable"] == N
    assert row["alpha_ci_low"] <= alpha <= row["alpha_ci_high"]
    assert f"Krippendorff's alpha {alpha:.3f} [95% CI" in out
    assert f"percent agreement {agreement:.3f}, Cohen's kappa {kappa:.3f}" in out
    assert "200 bootstrap replicates, seed 2023" in out

    # coder A's codes are final; equal weights (simple random sample): a plain share
    n_correct = N - len(FALSE_POSITIVES)
    precision = pd.read_csv(out_dir / "precision.csv")
    overall = precision[precision["by"] == "all"].iloc[0]
    assert (overall["n_coded"], overall["n_correct"]) == (N, n_correct)
    assert overall["precision"] == pytest.approx(n_correct / N)
    assert overall["n_hits"] == n_counted_hits
    assert f"{n_correct} of {N} sampled hits were judged correct" in out
    assert f"over the {n_counted_hits} counted hits {n_correct / N:.2f}" in out
    paper = pd.read_csv(out_dir / "validation.csv")
    assert paper.iloc[0]["precision"].startswith(f"{n_correct / N:.2f} [")
    for name in ("reliability", "precision", "validation"):
        assert (out_dir / f"{name}.json").is_file()  # provenance beside each table
    assert not (out_dir / "recall.csv").exists()  # no blind codes, no recall


def test_validate_majority_leaves_ties_out(capsys, coded):
    code, out, _ = run(["validate", coded, "--corpus", BUNDLED, "--lexicon", BUNDLED], capsys)
    assert code == EXIT_OK
    # two coders: every disagreement is a tie, left out; the rest agree
    resolved = [i for i in range(N) if i not in DISAGREE]
    correct = [i for i in resolved if i not in FALSE_POSITIVES]
    assert f"{len(correct)} of {len(resolved)} sampled hits were judged correct" in out
    assert f"{len(DISAGREE)} hit(s) with tied codes were left out" in out
    assert f"{len(correct) / len(resolved):.2f}" in out


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_validate_with_a_matches_file(capsys, coded, tmp_path, suffix):
    matches = tmp_path / f"matches{suffix}"
    assert run(["match", BUNDLED, BUNDLED, "--out", matches], capsys)[0] == EXIT_OK
    dirs = {"file": tmp_path / "from-file", "again": tmp_path / "matched-again"}
    code, _, _ = run(["validate", coded, "--matches", matches, "--out-dir", dirs["file"]], capsys)
    assert code == EXIT_OK
    argv = ["validate", coded, "--corpus", BUNDLED, "--lexicon", BUNDLED]
    assert run([*argv, "--out-dir", dirs["again"]], capsys)[0] == EXIT_OK
    for name in ("precision.csv", "validation.csv"):
        assert (dirs["file"] / name).read_bytes() == (dirs["again"] / name).read_bytes()


def test_validate_latex_and_overrides(capsys, coded, tmp_path):
    latex, overrides = tmp_path / "tables" / "precision.tex", tmp_path / "overrides.yaml"
    argv = ["validate", coded, "--corpus", BUNDLED, "--lexicon", BUNDLED, "--label", "A"]
    code, out, _ = run([*argv, "--latex", latex, "--overrides-out", overrides], capsys)
    assert code == EXIT_OK
    assert "\\toprule" in latex.read_text(encoding="utf-8")
    assert f"wrote {latex}" in out
    assert f"wrote {overrides} ({len(FALSE_POSITIVES)} exclude decision(s)" in out

    header, rows = read_rows(coded)
    spans = {
        (r[header.index("doc_id")], int(r[header.index("start")]), int(r[header.index("end")]))
        for i, r in enumerate(rows)
        if i in FALSE_POSITIVES
    }
    data = yaml.safe_load(overrides.read_text(encoding="utf-8"))
    assert data["name"] == f"{BUNDLED}-overrides" and data["version"] == "1.0.0"
    assert data["coders"] == ["A", "B"]
    assert {(o["doc_id"], o["start"], o["end"]) for o in data["overrides"]} == spans
    assert {o["decision"] for o in data["overrides"]} == {"exclude"}
    # it is a valid overrides file, and is not replaced without --force
    assert len(framing.validate.read_overrides(overrides)) == len(FALSE_POSITIVES)
    code, _, err = run([*argv, "--overrides-out", overrides], capsys)
    assert code == EXIT_BAD_INPUT
    assert f"--overrides-out: {overrides} exists" in err
    code, _, _ = run(
        [*argv, "--overrides-out", overrides, "--overrides-version", "1.1.0", "--force"], capsys
    )
    assert code == EXIT_OK
    assert yaml.safe_load(overrides.read_text(encoding="utf-8"))["version"] == "1.1.0"


def test_validate_each_coders_copy(capsys, tmp_path):
    sheet = tmp_path / "sheet.xlsx"
    assert main(sheet_argv(sheet)) == EXIT_OK
    a, b = known_codes()
    copy_a, copy_b = tmp_path / "sheet-A.xlsx", tmp_path / "sheet-B.xlsx"
    shutil.copyfile(sheet, copy_a)
    shutil.copyfile(sheet, copy_b)
    fill_xlsx(copy_a, {"code_A": a})
    fill_xlsx(copy_b, {"code_B": b})
    out_dir = tmp_path / "out"
    code, out, _ = run(["validate", copy_a, copy_b, "--n-boot", "0", "--out-dir", out_dir], capsys)
    assert code == EXIT_OK
    assert "from sheet-A.xlsx, sheet-B.xlsx; coders A, B; empty codes: A 0, B 0" in out
    assert pd.read_csv(out_dir / "reliability.csv")["alpha"].iloc[0] == pytest.approx(
        nominal_alpha(a, b)
    )
    assert "precision: not computed (pass --matches" in out


def test_validate_one_coder_skips_reliability(capsys, coded):
    code, out, _ = run(["validate", coded, "--coders", "A"], capsys)
    assert code == EXIT_OK
    assert "reliability: not computed (one coder, A)" in out


def test_validate_blind_documents_give_recall(capsys, tmp_path):
    path = tmp_path / "docs.csv"
    argv = ["code-sheet", BUNDLED, BUNDLED, "--out", path, "--unit", "document", "--n", "5"]
    assert main([str(a) for a in [*argv, "--items", "operation_name", "--coders", "A"]]) == EXIT_OK
    _, rows = read_rows(path)
    fill_csv(path, {"code_A": ["1"] * len(rows)})  # every variant judged present everywhere
    out_dir = tmp_path / "out"
    argv = ["validate", path, "--corpus", BUNDLED, "--lexicon", BUNDLED, "--out-dir", out_dir]
    code, out, _ = run(argv, capsys)
    assert code == EXIT_OK
    recall = pd.read_csv(out_dir / "recall.csv")
    overall = recall[recall["by"] == "all"].iloc[0]
    # every pair is "present": the lexicon's hits are the true positives, nothing is negative
    matches = framing.match_lexicon(framing.read_corpus(BUNDLED), BUNDLED)
    counted = matches[matches["contest"] == "operation_name"]
    if "rejected" in counted.columns:
        counted = counted[counted["rejected"].isna()]
    found = len(set(zip(counted["doc_id"], counted["variant"], strict=True)))
    assert (overall["tp"], overall["fn"], overall["fp"]) == (found, len(rows) - found, 0)
    assert overall["recall"] == pytest.approx(found / len(rows))
    assert f"Against {len(rows)} document × item judgements coded blind" in out
    assert not (out_dir / "precision.csv").exists()
    assert (out_dir / "validation.csv").exists()
    code, _, _ = run([*argv, "--latex", tmp_path / "t.tex"], capsys)
    assert code == 0
    latex = (tmp_path / "t.tex").read_text(encoding="utf-8")
    assert "Recall (documents)" in latex and "Precision (hits)" not in latex


# --- validate: bad sheets and bad options exit 2 -----------------------------------------


def test_validate_renamed_column_exits_2(capsys, coded):
    header, rows = read_rows(coded)
    header[header.index("code_B")] = "code_b"
    write_rows(coded, header, rows)
    code, out, err = run(["validate", coded], capsys)
    assert code == EXIT_BAD_INPUT
    assert "codes:" not in out  # stopped before reporting anything
    assert err.startswith("framing: error: read_codes(): the code sheet sheet.csv has 1 problem")
    assert "column 'code_B' (the codes of coder 'B') is missing" in err
    assert "'code_b'" in err  # the renamed column is suggested


def test_validate_unknown_unit_id_exits_2(capsys, coded):
    header, rows = read_rows(coded)
    j = header.index("unit_id")
    rows[4][j] = "not-a-sampled-unit"
    write_rows(coded, header, rows)
    code, _, err = run(["validate", coded], capsys)
    assert code == EXIT_BAD_INPUT
    where = f"row 6, column {letter(j)} (unit_id)"  # header = row 1, so rows[4] is row 6
    assert f"{where}: unknown unit_id 'not-a-sampled-unit'" in err
    assert "sheet.csv" in err


def test_validate_code_outside_the_codebook_exits_2(capsys, coded):
    header, rows = read_rows(coded)
    j = header.index("code_A")
    rows[2][j] = "2"
    write_rows(coded, header, rows)
    code, _, err = run(["validate", coded, "--corpus", BUNDLED, "--lexicon", BUNDLED], capsys)
    assert code == EXIT_BAD_INPUT
    assert f"row 4, column {letter(j)} (code_A): '2' is not a code of the codebook" in err
    assert "(expected '1' or '0', or an empty cell)" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--level", "nominl"], "argument --level: invalid choice: 'nominl'"),
        (["--coders", "A,C"], "--coders 'C': the code sheet has no coder 'C' (coders: 'A', 'B')"),
        (["--label", "a"], "--label 'a': expected 'majority' or one of the coders (A, B)"),
        (["--corpus", BUNDLED], "--corpus needs --lexicon too"),
        (["--matches", "m.parquet", "--lexicon", BUNDLED], "--matches and --corpus/--lexicon"),
        (["--latex", "t.tex"], "--latex writes the validation table, which needs the matches"),
        (["--overrides-out", "o.txt"], "--overrides-out 'o.txt': unknown extension '.txt'"),
        (["--n-boot", "-5"], "argument --n-boot: expected a whole number >= 0, got '-5'"),
    ],
)
def test_validate_bad_options_exit_2(capsys, coded, extra, message):
    code, _, err = run(["validate", coded, *extra], capsys)
    assert code == EXIT_BAD_INPUT
    assert message in err


def test_validate_missing_files_exit_2(capsys, tmp_path, coded):
    code, _, err = run(["validate", tmp_path / "nope.csv"], capsys)
    assert code == EXIT_BAD_INPUT
    assert f"framing: error: code sheet '{tmp_path / 'nope.csv'}' does not exist." in err
    code, _, err = run(["validate", coded, "--matches", tmp_path / "m.parquet"], capsys)
    assert code == EXIT_BAD_INPUT
    assert f"--matches '{tmp_path / 'm.parquet'}' does not exist." in err


@pytest.mark.parametrize("command", ["code-sheet", "validate"])
def test_help_has_examples(capsys, command):
    code, out, _ = run([command, "--help"], capsys)
    assert code == EXIT_OK
    assert f"usage: framing {command}" in out
    assert f"examples:\n  framing {command}" in out


# --- the installed command ---------------------------------------------------------------


def test_installed_command_writes_the_same_sheet(tmp_path):
    executable = Path(sys.executable).with_name("framing")
    command = str(executable) if executable.is_file() else shutil.which("framing")
    if command is None:
        pytest.skip("the framing command is not installed")
    by_process = tmp_path / "process" / "sheet.csv"
    result = subprocess.run(
        [command, *sheet_argv(by_process)], capture_output=True, text=True, check=False
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert "seed: 2023" in result.stdout
    in_process = tmp_path / "main" / "sheet.csv"
    assert main(sheet_argv(in_process)) == EXIT_OK
    # another interpreter (another hash seed): the same bytes
    assert by_process.read_bytes() == in_process.read_bytes()
