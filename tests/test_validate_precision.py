"""validate_lexicon: precision of hits, recall and F1 against codes made blind."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Corpus
from framing._errors import FramingError
from framing._stats import wilson_interval
from framing.validate import LexiconValidation, sample_for_coding, validate_lexicon

DATA = Path(__file__).parent / "data" / "validate"
AGENCE = "Bakou a lancé une offensive contre le Karabakh."
SPORT = "Le club a lancé une offensive en seconde période."
PLAIN = "L'armée a frappé la ville. Les mesures antiterroristes ont commencé."


def demo_corpus(n_agence: int, n_sport: int, n_plain: int = 0) -> Corpus:
    rows = [
        {"doc_id": f"agence-{i:02d}", "text": AGENCE, "outlet": "Agence"} for i in range(n_agence)
    ]
    rows += [
        {"doc_id": f"sport-{i:02d}", "text": SPORT, "outlet": "Sport"} for i in range(n_sport)
    ]
    rows += [
        {"doc_id": f"plain-{i:02d}", "text": PLAIN, "outlet": "Agence"} for i in range(n_plain)
    ]
    return Corpus(pd.DataFrame(rows), name="precision-demo")


@pytest.fixture(scope="module")
def lexicon():
    return framing.read_lexicon(DATA / "demo-lexicon.yaml")


@pytest.fixture(scope="module")
def corpus():
    return demo_corpus(30, 10)


@pytest.fixture(scope="module")
def matches(corpus, lexicon):
    return framing.match_lexicon(corpus, lexicon)


@pytest.fixture(scope="module")
def truth_sheet(matches, corpus):
    """20 hits, 10 per outlet; both coders say a hit is correct iff it is from the agency."""
    sheet = sample_for_coding(
        matches, corpus=corpus, n=20, stratify="outlet", coders=["A", "B"], random_state=4
    )
    truth = np.where(sheet["outlet"] == "Agence", "1", "0")
    sheet["code_A"] = truth
    sheet["code_B"] = truth
    return sheet


def test_weighted_precision_recovers_the_population_precision(matches, truth_sheet):
    result = validate_lexicon(matches, truth_sheet)
    assert isinstance(result, LexiconValidation)
    overall = result.precision.iloc[0]
    assert (overall["by"], overall["group"]) == ("all", "all")
    assert (overall["n_hits"], overall["n_coded"], overall["n_correct"]) == (80, 20, 10)
    # the raw share is 10/20 = 0.5; weighted by N_h/n_h (60/10 and 20/10) it is the true 60/80
    assert overall["precision"] == pytest.approx(0.75)
    # Wilson interval at Kish's effective n: (6*10 + 2*10)^2 / (36*10 + 4*10) = 16
    low, high = wilson_interval(12, 16)
    assert (overall["ci_low"], overall["ci_high"]) == pytest.approx((float(low), float(high)))


def test_precision_by_outlet_frame_variant_entry_voice(matches, truth_sheet):
    table = validate_lexicon(matches, truth_sheet).precision.set_index(["by", "group"])
    assert table.loc[("outlet", "Agence"), "precision"] == 1.0
    assert table.loc[("outlet", "Sport"), "precision"] == 0.0
    assert table.loc[("outlet", "Agence"), "n_hits"] == 60
    assert table.loc[("outlet", "Sport"), ["n_coded", "n_hits"]].tolist() == [10, 20]
    # within a frame the weighted share is 6a / (6a + 2b), a and b the agency / sport hits coded
    is_frame = truth_sheet["frame"] == "military"
    a = int((is_frame & (truth_sheet["outlet"] == "Agence")).sum())
    b = int((is_frame & (truth_sheet["outlet"] == "Sport")).sum())
    assert table.loc[("frame", "military"), "precision"] == pytest.approx(6 * a / (6 * a + 2 * b))
    assert table.loc[("frame", "military"), "n_coded"] == a + b
    assert table.loc[("frame", "military"), "n_hits"] == 40
    assert table.loc[("variant", "operation_name/offensive"), "n_coded"] == 20 - a - b
    assert set(table.loc["entry"].index) == {
        "offensive [military]",
        "offensive [operation_name/offensive]",
    }
    assert table.loc[("voice", "author"), "n_coded"] == 20
    assert list(dict.fromkeys(table.index.get_level_values(0))) == [
        "all",
        "entry",
        "frame",
        "variant",
        "outlet",
        "voice",
    ]


def test_majority_ties_are_left_out_and_a_coder_can_decide(matches, truth_sheet):
    sheet = truth_sheet.copy()
    sheet.attrs = dict(truth_sheet.attrs)
    first_sport = int(np.flatnonzero(sheet["outlet"] == "Sport")[0])
    sheet.loc[first_sport, "code_B"] = "1"  # B disagrees once: a tie with two coders
    result = validate_lexicon(matches, sheet)
    overall = result.precision.iloc[0]
    assert (overall["n_coded"], overall["n_unresolved"]) == (19, 1)
    by_b = validate_lexicon(matches, sheet, label="B").precision.iloc[0]
    assert (by_b["n_coded"], by_b["n_correct"]) == (20, 11)


def test_document_codes_give_recall_precision_and_f1(lexicon):
    corpus = demo_corpus(3, 2, 3)
    hits = framing.match_lexicon(corpus, lexicon)
    items = ["military", "operation_name/offensive", "operation_name/counter_terrorism"]
    sheet = sample_for_coding(
        hits, corpus=corpus, unit="document", n=100, items=items, stratify=None, random_state=0
    )
    gold = {
        "agence": {"military", "offensive"},
        "plain": {"military", "counter_terrorism"},  # armée, frappé: military, not in the lexicon
        "sport": set(),
    }
    sheet["code_coder_1"] = [
        "1" if i.split("/")[-1].split(":")[-1] in gold[d.split("-")[0]] else "0"
        for d, i in zip(sheet["doc_id"], sheet["item"], strict=True)
    ]
    sheet["code_coder_2"] = sheet["code_coder_1"]
    result = validate_lexicon(hits, sheet)
    assert len(result.precision) == 0  # no hit was coded
    recall = result.recall.set_index("group")
    military = recall.loc["frame:military"]
    assert (military["tp"], military["fp"], military["fn"], military["tn"]) == (3, 2, 3, 0)
    assert military["recall"] == pytest.approx(0.5)
    assert military["precision"] == pytest.approx(0.6)
    assert military["f1"] == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    low, high = wilson_interval(3, 6)
    assert (military["recall_ci_low"], military["recall_ci_high"]) == pytest.approx(
        (float(low), float(high))
    )
    offensive = recall.loc["contest:operation_name/offensive"]
    assert (offensive["tp"], offensive["fp"], offensive["fn"], offensive["tn"]) == (3, 2, 0, 3)
    overall = recall.loc["all"]
    assert (overall["tp"], overall["fp"], overall["fn"], overall["tn"]) == (9, 4, 3, 8)
    assert overall["recall"] == pytest.approx(9 / 12) and overall["precision"] == pytest.approx(
        9 / 13
    )
    assert overall["unit"] == "document" and overall["n_units"] == 24


def test_table_latex_and_summary(matches, truth_sheet, lexicon):
    result = validate_lexicon(matches, truth_sheet)
    table = result.table()
    assert table.columns.tolist() == ["level", "group", "n", "n_unresolved", "precision"]
    assert table["level"].tolist() == ["all", "frame", "variant"]
    low, high = (float(v) for v in wilson_interval(12, 16))
    assert table.loc[0, "precision"] == f"0.75 [{low:.2f}, {high:.2f}]"
    french = result.table(locale="fr", by=["all"])
    assert french.loc[0, "precision"] == f"0,75 [{low:.2f}\u202f; {high:.2f}]".replace(".", ",")
    latex = result.to_latex(label="tab:validation")
    assert "\\toprule" in latex and "Precision (hits) [95\\% CI]" in latex
    assert "\\label{tab:validation}" in latex and "Hits coded" in latex
    text = result.summary()
    assert text.startswith(
        "Precision: 10 of 20 sampled hits were judged correct (the majority code of 2 coders); "
        "estimated precision over the 80 counted hits 0.75 (95% CI "
    )
    assert "Lowest precision: outlet 'Sport', 0.00 (n = 10)." in text
    assert str(result) == text
    with pytest.raises(FramingError, match=r"by='outlets' is not a level.*Did you mean 'outlet'"):
        result.table(by=["outlets"])


def test_table_joins_recall_when_documents_were_coded(matches, truth_sheet, corpus):
    documents = sample_for_coding(
        matches, corpus=corpus, unit="document", n=40, items=["military"], random_state=0
    )
    documents["code_coder_1"] = np.where(documents["outlet"] == "Agence", "1", "0")
    documents["code_coder_2"] = documents["code_coder_1"]
    result = validate_lexicon(matches, [truth_sheet, documents])
    table = result.table()
    assert table.columns.tolist() == [
        "level",
        "group",
        "n",
        "n_unresolved",
        "precision",
        "recall",
        "unit_precision",
        "f1",
        "n_units",
        "n_units_unresolved",
    ]
    military = table[table["group"] == "military"].iloc[0]
    assert military["recall"].startswith("1.00 [") and military["n_units"] == 40
    assert military["f1"] == "0.86"  # precision 30/40, recall 1
    assert "Against 40 document × item judgements coded blind: recall 1.00" in result.summary()


def test_errors(matches, truth_sheet, corpus, lexicon):
    other = framing.match_lexicon(demo_corpus(2, 0), lexicon)
    with pytest.raises(FramingError, match=r"coded hit\(s\) are not in the matches table"):
        validate_lexicon(other, truth_sheet)
    with pytest.raises(FramingError, match=r"cannot report precision by 'outlt'.*'outlet'"):
        validate_lexicon(matches, truth_sheet, by="outlt")
    with pytest.raises(FramingError, match=r"label='C' must be 'majority' or the name of a coder"):
        validate_lexicon(matches, truth_sheet, label="C")
    with pytest.raises(FramingError, match=r"positive='yes' is not a code of the codebook"):
        validate_lexicon(matches, truth_sheet, positive="yes")
    with pytest.raises(FramingError, match="codes must be the table of read_codes"):
        validate_lexicon(matches, "codes.xlsx")
    with pytest.raises(FramingError, match="the matches table has no column 'entry'"):
        validate_lexicon(matches.drop(columns="entry"), truth_sheet)
    documents = sample_for_coding(
        corpus, unit="document", n=2, lexicon=lexicon, items="military", random_state=0
    )
    documents["code_coder_1"] = "1"
    with pytest.raises(FramingError, match="sampled from another corpus"):
        validate_lexicon(other, documents)
