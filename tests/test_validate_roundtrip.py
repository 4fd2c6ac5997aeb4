"""A whole validation study: sample, sheet, coders, reliability, precision, overrides."""

from __future__ import annotations

import csv
import doctest
import importlib
import io
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Corpus
from framing.validate import (
    apply_overrides,
    read_codes,
    reliability,
    sample_for_coding,
    validate_lexicon,
    write_code_sheet,
    write_overrides,
)

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("krippendorff")

DATA = Path(__file__).parent / "data" / "validate"
AGENCE = "Bakou a lancé une offensive contre le Karabakh."
SPORT = "Le club a lancé une offensive en seconde période."
N_FLIPPED = 4


@pytest.fixture(scope="module")
def lexicon():
    return framing.read_lexicon(DATA / "demo-lexicon.yaml")


@pytest.fixture(scope="module")
def corpus():
    rows = [{"doc_id": f"agence-{i:02d}", "text": AGENCE, "outlet": "Agence"} for i in range(60)]
    rows += [{"doc_id": f"sport-{i:02d}", "text": SPORT, "outlet": "Sport"} for i in range(20)]
    return Corpus(pd.DataFrame(rows), name="roundtrip-demo")


@pytest.fixture(scope="module")
def matches(corpus, lexicon):
    return framing.match_lexicon(corpus, lexicon)


def nominal_alpha(pairs: list[tuple[str, str]]) -> float:
    """Krippendorff's nominal alpha of two coders without missing codes, from its definition."""
    values = [v for pair in pairs for v in pair]
    n = len(values)
    n_c = {c: values.count(c) for c in set(values)}
    disagreements = 2 * sum(a != b for a, b in pairs)  # o_ck + o_kc over the units
    expected = sum(n_c[c] * n_c[k] for c, k in itertools.permutations(n_c, 2))
    return 1 - (n - 1) * disagreements / expected


def simulate_coders(path: Path, sheet: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Coder A codes the truth; coder B the same except for the first N_FLIPPED rows."""
    truth = ["1" if outlet == "Agence" else "0" for outlet in sheet["outlet"]]
    flipped = [("0" if v == "1" else "1") if i < N_FLIPPED else v for i, v in enumerate(truth)]
    notes = ["football" if v == "0" else None for v in truth]
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        ws = workbook["codes"]
        header = [c.value for c in ws[1]]
        for name, column in (("code_A", truth), ("code_B", flipped), ("note_A", notes)):
            j = header.index(name) + 1
            for i, value in enumerate(column, start=2):
                ws.cell(row=i, column=j).value = value
        workbook.save(path)
    else:
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        for name, column in (("code_A", truth), ("code_B", flipped), ("note_A", notes)):
            j = header.index(name)
            for row, value in zip(rows[1:], column, strict=True):
                row[j] = value or ""
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return truth, flipped


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_validation_study_round_trip(tmp_path, matches, corpus, suffix):
    sheet = sample_for_coding(
        matches, corpus=corpus, n=40, stratify="outlet", coders=["A", "B"], random_state=11
    )
    path = write_code_sheet(sheet, tmp_path / f"codes{suffix}")
    truth, flipped = simulate_coders(path, sheet)
    codes = read_codes(path)
    assert codes["code_A"].tolist() == truth and codes["code_B"].tolist() == flipped

    # reliability recovers the agreement built into the simulated coders
    table = reliability(codes, n_boot=200, random_state=0)
    row = table.iloc[0]
    assert row["percent_agreement"] == pytest.approx(1 - N_FLIPPED / 40)
    pairs = list(zip(truth, flipped, strict=True))
    assert row["alpha"] == pytest.approx(nominal_alpha(pairs))
    p_o = 1 - N_FLIPPED / 40
    p_a, p_b = truth.count("1") / 40, flipped.count("1") / 40
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    assert row["cohen_kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))
    assert row["alpha_ci_low"] <= row["alpha"] <= row["alpha_ci_high"]

    # validate_lexicon recovers the known precision: 120 of 160 hits are about the operation
    result = validate_lexicon(matches, codes, label="A")
    overall = result.precision.iloc[0]
    assert (overall["n_hits"], overall["n_coded"], overall["n_correct"]) == (160, 40, 20)
    assert overall["precision"] == pytest.approx(0.75)
    majority = validate_lexicon(matches, codes).precision.iloc[0]
    assert majority["n_unresolved"] == N_FLIPPED  # two coders who disagree: a tie

    # the coders' decisions go back to the matches as a versioned overrides file
    overrides = write_overrides(
        codes, tmp_path / "overrides.yaml", name="r1", version="1.0.0", label="A"
    )
    sampled_sport = sheet[sheet["outlet"] == "Sport"]
    assert len(overrides) == len(sampled_sport) == 20
    assert set(overrides.items["reason"]) == {"A: football"}
    final = apply_overrides(matches, tmp_path / "overrides.yaml")
    frames = framing.count_frames(final, corpus, n_boot=0).set_index("frame")
    n_frame = int((sampled_sport["item"] == "frame:military").sum())
    assert frames.loc["military", "n_matches"] == 80 - n_frame
    contest = framing.count_contest(final, contest="operation_name", corpus=corpus, n_boot=0)
    assert contest.set_index("variant").loc["offensive", "n"] == 80 - (20 - n_frame)
    assert final.attrs["overrides_fingerprint"] == overrides.fingerprint
    assert len(final) == len(matches)


def test_each_coder_fills_a_copy(tmp_path, matches, corpus):
    sheet = sample_for_coding(
        matches, corpus=corpus, n=10, stratify="outlet", coders=["A", "B"], random_state=1
    )
    copies = [write_code_sheet(sheet, tmp_path / f"{name}.xlsx") for name in ("anna", "bob")]
    truth = ["1" if o == "Agence" else "0" for o in sheet["outlet"]]
    for path, column in zip(copies, ("code_A", "code_B"), strict=True):
        workbook = openpyxl.load_workbook(path)
        ws = workbook["codes"]
        j = [c.value for c in ws[1]].index(column) + 1
        for i, value in enumerate(truth, start=2):
            ws.cell(row=i, column=j).value = value
        workbook.save(path)
    codes = read_codes(copies)
    row = reliability(codes, n_boot=0).iloc[0]
    assert row["percent_agreement"] == 1.0 and row["alpha"] == 1.0


MODULES = [
    "framing.validate._sample",
    "framing.validate._sheets",
    "framing.validate._codes",
    "framing.validate._reliability",
    "framing.validate._precision",
    "framing.validate._overrides",
    "framing.validate._apply",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_public_names():
    import framing.validate as validate

    assert set(validate.__all__) >= {
        "sample_for_coding",
        "write_code_sheet",
        "read_codes",
        "reliability",
        "fleiss_kappa",
        "validate_lexicon",
        "LexiconValidation",
        "apply_overrides",
        "read_overrides",
        "write_overrides",
        "Overrides",
    }
    for name in validate.__all__:
        assert getattr(validate, name) is not None
    assert np.isnan(validate.fleiss_kappa([[2, 0], [2, 0]]))
