"""framing._keep.keep_columns: the keep= argument of match_lexicon, kwic and code sheets."""

from __future__ import annotations

import pytest

from framing import match_lexicon, read_corpus
from framing._errors import FramingError
from framing._keep import keep_columns
from framing.concordance import kwic
from framing.validate import sample_for_coding

AVAILABLE = ["outlet", "date", "author"]


def check(keep, **kwargs):
    options = {"caller": "f():", "table": "table", "reserved": lambda name: name == "start"}
    return keep_columns(keep, AVAILABLE, **{**options, **kwargs})


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (True, AVAILABLE),
        (False, []),
        (None, []),
        ("date", ["date"]),
        (["author", "outlet"], ["author", "outlet"]),  # the order asked for
        (("date", "date", "outlet"), ["date", "outlet"]),  # once each
    ],
)
def test_what_keep_accepts(keep, expected):
    assert check(keep) == expected


def test_ignored_names_are_accepted_and_left_out():
    assert check(["doc_id", "outlet"], ignored=("doc_id",)) == ["outlet"]
    with pytest.raises(FramingError, match=r"keep names 'doc_id'"):
        check(["doc_id"])


@pytest.mark.parametrize("keep", [3, ["outlet", 3], {"outlet"}])
def test_other_types_are_refused(keep):
    with pytest.raises(FramingError, match=r"^f\(\): keep must be True .*; got "):
        check(keep)


def test_an_unknown_name_lists_the_columns_and_suggests():
    with pytest.raises(
        FramingError,
        match=r"^f\(\): keep names 'outlt', which is not a metadata column of the corpus "
        r"\(metadata columns: 'outlet', 'date', 'author'\)\. Did you mean 'outlet'\?",
    ):
        check(["outlt"])


def test_a_refused_name_gets_its_own_message():
    with pytest.raises(FramingError, match=r"^f\(\): no texts here$"):
        check(["text"], refused={"text": "no texts here"})


def test_a_reserved_name_collides():
    with pytest.raises(FramingError, match=r"'start' would collide with column\(s\) of the table"):
        keep_columns(
            True, ["start", "x"], caller="f():", table="table", reserved=lambda n: n == "start"
        )


def test_kwic_and_code_sheets_keep_a_repeated_name_once():
    corpus = read_corpus("karabakh-2023-fr")
    lines = kwic(corpus, "Bakou", keep=["outlet", "outlet"])
    assert list(lines.columns).count("outlet") == 1
    matches = match_lexicon(corpus, "karabakh-2023-fr")
    sheet = sample_for_coding(
        matches, corpus=corpus, n=2, random_state=1, keep=["outlet", "outlet"]
    )
    assert list(sheet.columns).count("outlet") == 1
