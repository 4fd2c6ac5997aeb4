"""LexiconValidation: unresolved counts, unit-explicit tables, one-sided results, errors().

Every expected value is worked out by hand from five one-line texts and the codes below:

- d1 « Bakou a lancé une offensive contre le Karabakh. »: hits military, offensive
- d2 « Les mesures antiterroristes ont commencé. Les troupes avancent. »: counter_terrorism
- d3 « Le club a lancé une offensive en seconde période. »: hits military, offensive
- d4 « L'armée a bombardé la ville. »: hit military (bombard*)
- d5 « Une opération a commencé. »: hit operation
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Corpus
from framing._errors import FramingError
from framing.validate import LexiconValidation, sample_for_coding, validate_lexicon
from framing.validate._report import _listing

DATA = Path(__file__).parent / "data" / "validate"
TEXTS = {
    "d1": "Bakou a lancé une offensive contre le Karabakh.",
    "d2": "Les mesures antiterroristes ont commencé. Les troupes avancent.",
    "d3": "Le club a lancé une offensive en seconde période.",
    "d4": "L'armée a bombardé la ville.",
    "d5": "Une opération a commencé.",
}
MILITARY = "frame:military"
OFFENSIVE = "contest:operation_name/offensive"
COUNTER = "contest:operation_name/counter_terrorism"
OPERATION = "contest:operation_name/operation"

# Hit codes (coder A, coder B), None = left empty.
HIT_CODES = {
    ("d1", MILITARY): ("1", "1"),
    ("d1", OFFENSIVE): ("1", "1"),
    ("d2", COUNTER): ("1", "1"),
    ("d3", MILITARY): ("0", "1"),  # tie
    ("d3", OFFENSIVE): ("0", "0"),  # a confirmed false positive
    ("d4", MILITARY): ("1", "0"),  # tie
    ("d5", OPERATION): (None, None),  # nobody coded it
}
# By majority: 4 hits resolved (d1 x2, d2, d3 offensive), 3 correct; 3 unresolved (2 tied, 1
# uncoded). Frame military: 1 resolved (correct), 2 tied -> precision 1.00 hiding 2 ties.

# Document codes: the pairs coded present by both coders; d5 x operation is a tie.
PRESENT = {
    ("d1", MILITARY),
    ("d1", OFFENSIVE),
    ("d2", COUNTER),
    ("d2", MILITARY),  # « les troupes »: the lexicon has no entry for it -> a miss
    ("d4", MILITARY),
}
NOTES = {("d2", MILITARY): "les troupes avancent", ("d3", MILITARY): "football"}
# Lexicon found, per document: d1 military+offensive, d2 counter, d3 military+offensive,
# d4 military, d5 operation. Resolved pairs: 20 - 1 = 19.
# tp: d1 mil, d1 off, d2 counter, d4 mil = 4; fn: d2 mil = 1; fp: d3 mil, d3 off = 2; tn: 12.


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval, written out (Wilson 1927), for the expected cells."""
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return centre - half, centre + half


def cell(k: int, n: int) -> str:
    low, high = wilson(k, n)
    return f"{k / n:.2f} [{low:.2f}, {high:.2f}]"


def harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def lexicon():
    return framing.read_lexicon(DATA / "demo-lexicon.yaml")


@pytest.fixture(scope="module")
def corpus():
    frame = pd.DataFrame({"doc_id": list(TEXTS), "text": list(TEXTS.values())})
    return Corpus(frame, name="report-demo")


@pytest.fixture(scope="module")
def matches(corpus, lexicon):
    found = framing.match_lexicon(corpus, lexicon)
    pairs = set(zip(found["doc_id"], found["frame"].fillna(found["variant"]), strict=True))
    assert len(found) == 7 and ("d4", "military") in pairs and ("d5", "operation") in pairs
    return found


def _copy(sheet: pd.DataFrame) -> pd.DataFrame:
    out = sheet.copy()
    out.attrs = dict(sheet.attrs)
    return out


@pytest.fixture(scope="module")
def hits(matches, corpus):
    sheet = sample_for_coding(
        matches, corpus=corpus, n=100, stratify=None, coders=["A", "B"], random_state=0
    )
    keys = list(zip(sheet["doc_id"], sheet["item"], strict=True))
    assert sorted(keys) == sorted(HIT_CODES) and set(sheet["weight"]) == {1.0}  # a census
    sheet["code_A"] = pd.Series([HIT_CODES[k][0] for k in keys], dtype=object)
    sheet["code_B"] = pd.Series([HIT_CODES[k][1] for k in keys], dtype=object)
    return sheet


def _document_sheet(matches, corpus, lexicon):
    sheet = sample_for_coding(
        matches,
        corpus=corpus,
        unit="document",
        n=100,
        stratify=None,
        lexicon=lexicon,
        coders=["A", "B"],
        random_state=0,
    )
    keys = list(zip(sheet["doc_id"], sheet["item"], strict=True))
    assert len(keys) == 20 and set(sheet["weight"]) == {1.0}
    sheet["code_A"] = ["1" if k in PRESENT or k == ("d5", OPERATION) else "0" for k in keys]
    sheet["code_B"] = ["1" if k in PRESENT else "0" for k in keys]
    sheet["note_A"] = pd.Series([NOTES.get(k) for k in keys], dtype=object)
    return sheet


@pytest.fixture(scope="module")
def documents(matches, corpus, lexicon):
    return _document_sheet(matches, corpus, lexicon)


@pytest.fixture(scope="module")
def both(matches, hits, documents):
    return validate_lexicon(matches, [hits, documents])


# --- 1. unresolved units in the tables and the summary ------------------------------------


def test_table_shows_the_unresolved_hits_per_row(matches, hits):
    table = validate_lexicon(matches, hits).table()
    assert table.columns.tolist() == ["level", "group", "n", "n_unresolved", "precision"]
    rows = {(r.level, r.group): r for r in table.itertuples(index=False)}
    assert (rows["all", "all"].n, rows["all", "all"].n_unresolved) == (4, 3)
    assert rows["all", "all"].precision == cell(3, 4)
    # the frame whose contested hits are ties: precision 1.00 from its one resolved hit
    military = rows["frame", "military"]
    assert (military.n, military.n_unresolved, military.precision) == (1, 2, cell(1, 1))
    offensive = rows["variant", "operation_name/offensive"]
    assert (offensive.n, offensive.n_unresolved, offensive.precision) == (2, 0, cell(1, 2))
    operation = rows["variant", "operation_name/operation"]
    assert (operation.n, operation.n_unresolved, operation.precision) == (0, 1, "\u2013")
    assert [g for level, g in rows if level == "variant"] == [
        "operation_name/counter_terrorism",
        "operation_name/offensive",
        "operation_name/operation",
    ]


def test_summary_counts_the_unresolved_units_and_names_where_they_are(both):
    text = both.summary()
    assert "3 of 4 sampled hits were judged correct (the majority code of 2 coders)" in text
    assert (
        "2 hit(s) with tied codes and 1 hit(s) without a code were left out as unresolved: "
        "2 in frame 'military' and 1 in variant 'operation_name/operation'."
    ) in text
    assert (
        "1 document × item judgement(s) with tied codes were left out as unresolved: "
        "1 in variant 'operation_name/operation'."
    ) in text


def test_summary_with_one_coders_codes_names_the_uncoded_hits(matches, hits):
    text = validate_lexicon(matches, hits, label="A").summary()
    # A coded 6 hits: d1 x2 and d2 correct, d3 x2 wrong, d4 correct -> 4 of 6
    assert "4 of 6 sampled hits were judged correct (the codes of 'A')" in text
    assert (
        "1 hit(s) without a code from 'A' were left out as unresolved: "
        "1 in variant 'operation_name/operation'."
    ) in text
    assert "tied" not in text


def test_summary_without_the_units_table_still_counts_them(matches, hits):
    result = dataclasses.replace(validate_lexicon(matches, hits), units=None)
    assert "3 hit(s) with tied or missing codes were left out as unresolved: " in result.summary()


def test_listing_names_at_most_three_groups():
    assert _listing([(4, "frame 'a'")]) == "4 in frame 'a'"
    assert _listing([(4, "frame 'a'"), (1, "frame 'b'")]) == "4 in frame 'a' and 1 in frame 'b'"
    where = [(5, "a"), (3, "b"), (2, "c"), (1, "d"), (1, "e")]
    assert _listing(where) == "5 in a, 3 in b, 2 in c and 2 in 2 other groups"
    assert _listing(where[:4]) == "5 in a, 3 in b, 2 in c and 1 in 1 other group"


def test_units_table_gives_each_units_status_and_what_the_lexicon_found(both):
    units = both.units
    hit_rows = units[units["unit"] == "hit"]
    keys = zip(hit_rows["doc_id"], hit_rows["item"], strict=True)
    status = dict(zip(keys, hit_rows["status"], strict=True))
    assert status == {
        ("d1", MILITARY): "resolved",
        ("d1", OFFENSIVE): "resolved",
        ("d2", COUNTER): "resolved",
        ("d3", MILITARY): "tied",
        ("d3", OFFENSIVE): "resolved",
        ("d4", MILITARY): "tied",
        ("d5", OPERATION): "uncoded",
    }
    assert hit_rows["found"].all() and (hit_rows["n_found"] == 1).all()
    documents = units[units["unit"] == "document"].set_index(["doc_id", "item"])
    assert len(documents) == 20
    assert documents.loc[("d3", MILITARY), "surfaces"] == "offensive"
    assert documents.loc[("d4", MILITARY), "surfaces"] == "bombardé"
    assert not documents.loc[("d2", MILITARY), "found"]
    assert documents.loc[("d2", MILITARY), "surfaces"] is None
    assert documents.loc[("d5", OPERATION), ["label", "status"]].tolist() == [None, "tied"]
    found = {k for k, v in documents["found"].items() if v}
    assert found == {
        ("d1", MILITARY),
        ("d1", OFFENSIVE),
        ("d2", COUNTER),
        ("d3", MILITARY),
        ("d3", OFFENSIVE),
        ("d4", MILITARY),
        ("d5", OPERATION),
    }


# --- 2. hit precision beside document recall, precision and F1 ------------------------------


def test_recall_counts_and_f1_from_document_precision(both):
    recall = both.recall.set_index("group")
    overall = recall.loc["all"]
    assert [int(overall[c]) for c in ("tp", "fp", "fn", "tn", "n_units", "n_unresolved")] == [
        4,
        2,
        1,
        12,
        19,
        1,
    ]
    assert overall["recall"] == pytest.approx(4 / 5)
    assert overall["precision"] == pytest.approx(4 / 6)
    assert overall["f1"] == pytest.approx(8 / 11)  # 2 (2/3)(4/5) / (2/3 + 4/5)
    # F1 is the harmonic mean of the document-level precision and recall, row by row ...
    defined = recall[recall["recall"].notna() & recall["precision"].notna()]
    assert len(defined) == 4
    for _, row in defined.iterrows():
        assert row["f1"] == pytest.approx(harmonic(row["precision"], row["recall"]))
    # ... and not of the hit precision: 0.75 with recall 0.80 would give 0.774, not 0.727
    assert both.precision.iloc[0]["precision"] == pytest.approx(0.75)
    assert harmonic(0.75, 0.8) != pytest.approx(overall["f1"])


def test_table_with_both_sides_names_the_unit_of_each_column(both):
    table = both.table()
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
    assert table.attrs["recall_unit"] == "document"
    rows = {(r["level"], r["group"]): r.tolist()[2:] for _, r in table.iterrows()}
    assert rows["all", "all"] == [4, 3, cell(3, 4), cell(4, 5), cell(4, 6), "0.73", 19, 1]
    military = [1, 2, cell(1, 1), cell(2, 3), cell(2, 3), "0.67", 5, 0]
    assert rows["frame", "military"] == military
    offensive = [2, 0, cell(1, 2), cell(1, 1), cell(1, 2), "0.67", 5, 0]
    assert rows["variant", "operation_name/offensive"] == offensive
    counter = [1, 0, cell(1, 1), cell(1, 1), cell(1, 1), "1.00", 5, 0]
    assert rows["variant", "operation_name/counter_terrorism"] == counter
    dash = "\u2013"
    operation = [0, 1, dash, dash, dash, dash, 4, 1]  # one tie on each side, nothing else
    assert rows["variant", "operation_name/operation"] == operation
    assert len(rows) == 5


def test_latex_headers_values_and_note(both, tmp_path):
    path = tmp_path / "tables" / "validation.tex"
    latex = both.to_latex(path, by=["all"], label="tab:v")
    assert path.read_text(encoding="utf-8") == latex
    lines = latex.splitlines()
    assert lines[0] == "\\begin{table}[htbp]" and lines[-1] == "\\end{table}"
    header = lines[lines.index("\\toprule") + 1]
    assert header == (
        "Level & Group & Hits coded & Hits unresolved & Precision (hits) [95\\% CI] & "
        "Recall (documents) [95\\% CI] & Precision (documents) [95\\% CI] & F1 (documents) & "
        "Pairs coded (documents) & Pairs unresolved (documents) \\\\"
    )
    row = lines[lines.index("\\midrule") + 1]
    assert row == (
        f"all & all & 4 & 3 & {cell(3, 4)} & {cell(4, 5)} & {cell(4, 6)} & 0.73 & 19 & 1 \\\\"
    )
    assert lines.index("\\bottomrule") < lines.index("\\end{tabular}")
    note = lines[lines.index("\\end{tabular}") + 2]
    assert lines[lines.index("\\end{tabular}") + 1] == "\\par\\smallskip"
    assert note.startswith("{\\footnotesize Note: Precision (hits): share of the lexicon's hits")
    assert (
        "F1 is the harmonic mean of this recall and precision, not of the precision of hits"
        in (note)
    )
    assert "Unresolved: units without a strict majority among the coders' codes" in note
    caption = next(line for line in lines if line.startswith("\\caption{"))
    assert caption == (
        "\\caption{Precision of the lexicon's hits judged by hand; recall, precision and F1 of "
        "its decisions on documents coded blind (Wilson 95\\% intervals).}"
    )


def test_latex_note_can_be_replaced_or_dropped(both):
    custom = both.to_latex(by=["all"], note="Codes by 2 coders; 50% double-coded.")
    assert "{\\footnotesize Codes by 2 coders; 50\\% double-coded.\\par}" in custom
    bare = both.to_latex(by=["all"], note="")
    assert "footnotesize" not in bare and "\\par\\smallskip" not in bare


def test_latex_note_for_one_coders_codes(matches, hits):
    latex = validate_lexicon(matches, hits, label="B").to_latex(by=["all"])
    assert "Codes of coder B; unresolved: units B did not code" in latex
    assert "Recall" not in latex and "documents" not in latex


# --- 3. recall-only and precision-only results --------------------------------------------


def test_recall_only_table_and_latex(matches, documents):
    result = validate_lexicon(matches, documents)
    assert len(result.precision) == 0
    table = result.table()
    assert table.columns.tolist() == [
        "level",
        "group",
        "recall",
        "unit_precision",
        "f1",
        "n_units",
        "n_units_unresolved",
    ]
    rows = {(r["level"], r["group"]): r.tolist()[2:] for _, r in table.iterrows()}
    assert rows["all", "all"] == [cell(4, 5), cell(4, 6), "0.73", 19, 1]
    assert rows["frame", "military"] == [cell(2, 3), cell(2, 3), "0.67", 5, 0]
    assert list(rows) == [
        ("all", "all"),
        ("frame", "military"),
        ("variant", "operation_name/counter_terrorism"),
        ("variant", "operation_name/offensive"),
        ("variant", "operation_name/operation"),  # kept: its tie is something to report
    ]
    assert result.table(by="item")["group"].tolist() == [COUNTER, OFFENSIVE, OPERATION, MILITARY]
    latex = result.to_latex()
    assert "Hits coded" not in latex and "Precision (hits)" not in latex
    assert "Recall (documents) [95\\% CI] & Precision (documents) [95\\% CI]" in latex
    assert (
        "\\caption{Recall, precision and F1 of the lexicon's decisions on documents coded blind"
    ) in latex
    assert "not of the precision of hits" not in latex
    with pytest.raises(
        FramingError,
        match=r"by='outlet' is not a level of this validation.*"
        r"reported for 'all', 'frame', 'variant' and 'item' only",
    ):
        result.table(by=["all", "outlet"])


def test_items_absent_and_unfound_everywhere_get_no_row(matches, corpus, lexicon):
    full = _document_sheet(matches, corpus, lexicon)
    sheet = full[full["doc_id"] != "d5"].reset_index(drop=True)
    sheet.attrs = dict(full.attrs)
    result = validate_lexicon(matches, sheet)
    operation = result.recall.set_index("group").loc[OPERATION]
    assert [int(operation[c]) for c in ("tp", "fp", "fn", "tn", "n_unresolved")] == [0, 0, 0, 4, 0]
    assert "operation_name/operation" not in result.table()["group"].tolist()
    # beside a precision row for it, the recall side is joined even so
    hits_sheet = sample_for_coding(
        matches, corpus=corpus, n=100, stratify=None, coders=["A"], random_state=0
    )
    hits_sheet["code_A"] = "1"
    joined = validate_lexicon(matches, [hits_sheet, sheet]).table(by=["variant"])
    row = joined.set_index("group").loc["operation_name/operation"]
    assert (row["n"], row["precision"], row["recall"], row["n_units"]) == (
        1,
        cell(1, 1),
        "\u2013",
        4,
    )


def test_a_frame_with_no_coded_hit_still_shows_its_recall(matches, hits, documents):
    contest_hits = _copy(hits)
    contest_hits = contest_hits[contest_hits["item"] != MILITARY].reset_index(drop=True)
    contest_hits.attrs = dict(hits.attrs)
    result = validate_lexicon(matches, [contest_hits, documents])
    assert "frame" not in set(result.precision["by"])
    table = result.table(by=["frame"])
    assert table.to_dict("records") == [
        {
            "level": "frame",
            "group": "military",
            "n": 0,
            "n_unresolved": 0,
            "precision": "\u2013",
            "recall": cell(2, 3),
            "unit_precision": cell(2, 3),
            "f1": "0.67",
            "n_units": 5,
            "n_units_unresolved": 0,
        }
    ]


def test_precision_only_table_has_no_recall_columns_and_nothing_coded_is_an_error(matches, hits):
    result = validate_lexicon(matches, hits)
    assert result.recall is None
    assert "recall" not in result.table().columns
    assert result.table().attrs["recall_unit"] is None
    empty = LexiconValidation(
        precision=result.precision[:0], recall=None, label="majority", positive=("1",), ci=0.95
    )
    with pytest.raises(FramingError, match="table\\(\\): nothing to tabulate"):
        empty.table()
    with pytest.raises(FramingError, match="table\\(\\): nothing to tabulate"):
        empty.to_latex()


# --- 5. errors(): misses and false alarms ---------------------------------------------------


def test_errors_lists_misses_and_false_alarms_with_notes(both):
    errors = both.errors()
    assert errors[["doc_id", "item", "error", "label", "found", "n_found"]].values.tolist() == [
        ["d2", MILITARY, "miss", "1", False, 0],
        ["d3", OFFENSIVE, "false alarm", "0", True, 1],
        ["d3", MILITARY, "false alarm", "0", True, 1],
    ]
    assert errors["surfaces"].tolist() == [None, "offensive", "offensive"]
    assert errors["note_A"].tolist() == ["les troupes avancent", None, "football"]
    assert errors["note_B"].tolist() == [None, None, None]
    assert errors[["code_A", "code_B"]].values.tolist() == [["1", "1"], ["0", "0"], ["0", "0"]]
    assert errors["unit"].tolist() == ["document"] * 3
    assert errors["unit_id"].tolist() == [f"d2:{MILITARY}", f"d3:{OFFENSIVE}", f"d3:{MILITARY}"]
    # the errors are the fn and fp of the recall table, item by item
    recall = both.recall.set_index("group")
    for group, part in [("all", errors), *errors.groupby("item")]:
        assert (part["error"] == "miss").sum() == recall.loc[group, "fn"]
        assert (part["error"] == "false alarm").sum() == recall.loc[group, "fp"]


def test_errors_can_list_the_unresolved_pairs(both):
    errors = both.errors(unresolved=True)
    assert errors["error"].tolist() == ["miss", "false alarm", "false alarm", "unresolved"]
    last = errors.iloc[-1]
    assert (last["doc_id"], last["item"], last["label"]) == ("d5", OPERATION, None)
    assert (last["code_A"], last["code_B"], last["found"]) == ("1", "0", True)
    assert len(both.errors(unit="document")) == 3


def test_errors_at_the_sentence_level(matches, corpus, lexicon):
    sheet = sample_for_coding(
        matches,
        corpus=corpus,
        unit="sentence",
        n=100,
        stratify=None,
        lexicon=lexicon,
        items=[MILITARY],
        coders=["A"],
        random_state=0,
    )
    assert len(sheet) == 6  # d2 has two sentences
    military_words = ("offensive contre", "troupes", "bombardé")
    sheet["code_A"] = [
        "1" if any(w in c for w in military_words) else "0" for c in sheet["context"]
    ]
    sheet["note_A"] = pd.Series(
        ["no entry for « troupes »" if "troupes" in c else None for c in sheet["context"]],
        dtype=object,
    )
    result = validate_lexicon(matches, sheet)
    errors = result.errors()
    second = int(sheet.loc[sheet["context"].str.contains("troupes"), "sentence"].iloc[0])
    assert second == 1
    assert errors[["unit", "doc_id", "sentence", "item", "error"]].values.tolist() == [
        ["sentence", "d2", 1, MILITARY, "miss"],
        ["sentence", "d3", 0, MILITARY, "false alarm"],
    ]
    assert errors["note_A"].tolist() == ["no entry for « troupes »", None]
    overall = result.recall.iloc[0]
    assert (overall["tp"], overall["fp"], overall["fn"], overall["tn"]) == (2, 1, 1, 2)
    assert "Against 6 sentence × item judgements coded blind: recall 0.67" in result.summary()
    table = result.table(by=["all"])
    assert table.attrs["recall_unit"] == "sentence" and table.loc[0, "recall"] == cell(2, 3)
    assert "Recall (sentences) [95\\% CI]" in result.to_latex(by=["all"])


def test_with_documents_and_sentences_the_unit_is_chosen(matches, corpus, lexicon, documents):
    sentences = sample_for_coding(
        matches,
        corpus=corpus,
        unit="sentence",
        n=100,
        stratify=None,
        lexicon=lexicon,
        items=[MILITARY],
        coders=["A", "B"],
        random_state=0,
    )
    sentences["code_A"] = sentences["code_B"] = "0"
    result = validate_lexicon(matches, [documents, sentences])
    assert result.table(by=["all"]).loc[0, "n_units"] == 19
    by_sentence = result.table(by=["all"], unit="sentence")
    assert by_sentence.loc[0, "n_units"] == 6 and by_sentence.loc[0, "recall"] == "\u2013"
    assert set(result.errors(unit="sentence")["error"]) == {"false alarm"}
    assert len(result.errors()) == 3 + len(result.errors(unit="sentence"))
    with pytest.raises(
        FramingError,
        match=r"unit='sentences' names no units coded blind.*"
        r"Did you mean 'sentence'",
    ):
        result.table(unit="sentences")


def test_errors_errors(matches, hits, both):
    with pytest.raises(
        FramingError,
        match=r"errors\(\): this validation has no document or "
        r"sentence codes",
    ):
        validate_lexicon(matches, hits).errors()
    with pytest.raises(
        FramingError,
        match=r"errors\(\): unit='sentence' names no units coded "
        r"blind in this validation \(coded: 'document'\)",
    ):
        both.errors(unit="sentence")
    with pytest.raises(FramingError, match=r"unresolved must be True or False; got 'yes'"):
        both.errors(unresolved="yes")


# --- 4. items= with the prefixes the sheets use ----------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["operation_name"], [OFFENSIVE, COUNTER, OPERATION]),
        (["contest:operation_name"], [OFFENSIVE, COUNTER, OPERATION]),
        ("contest:operation_name/offensive", [OFFENSIVE]),
        (["operation_name/offensive"], [OFFENSIVE]),
        (["frame:military", "contest:operation_name/operation"], [MILITARY, OPERATION]),
        (
            ["military", "contest:operation_name", "operation_name/offensive"],
            [MILITARY, OFFENSIVE, COUNTER, OPERATION],
        ),
    ],
)
def test_items_accept_the_sheet_prefixes(corpus, lexicon, items, expected):
    sheet = sample_for_coding(
        corpus, unit="document", n=1, lexicon=lexicon, items=items, random_state=0
    )
    assert sheet.attrs["items"] == expected
    assert sheet["item"].tolist() == expected


def test_items_prefix_errors(corpus, lexicon):
    with pytest.raises(
        FramingError,
        match=r"item 'frame:operation_name' is not a frame of the "
        r"lexicon",
    ):
        sample_for_coding(corpus, unit="document", lexicon=lexicon, items="frame:operation_name")
    with pytest.raises(
        FramingError,
        match=r"item 'contest:militry' is not a contest or "
        r"contest/variant of the lexicon.*Did you mean 'military'",
    ):
        sample_for_coding(corpus, unit="document", lexicon=lexicon, items="contest:militry")
    with pytest.raises(FramingError, match=r"item 'contest:operation_name/war' is not a contest"):
        sample_for_coding(
            corpus, unit="document", lexicon=lexicon, items="contest:operation_name/war"
        )


def test_items_without_a_lexicon_need_the_variant(corpus):
    sheet = sample_for_coding(
        corpus, unit="document", n=1, items=["frame:military", OFFENSIVE], random_state=0
    )
    assert sheet.attrs["items"] == [MILITARY, OFFENSIVE]
    with pytest.raises(
        FramingError,
        match=r"without a lexicon, items must be written "
        r"'frame:<frame>' or 'contest:<contest>/<variant>'.*got "
        r"'contest:operation_name'",
    ):
        sample_for_coding(corpus, unit="document", items=["contest:operation_name"])
    assert np.array_equal(sheet["weight"].unique(), [5.0])  # one document drawn of five


def test_docstring_examples_run():
    import doctest

    from framing.validate import _precision, _report, _sample

    for module in (_report, _precision, _sample):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.attempted > 0 and result.failed == 0, module.__name__
