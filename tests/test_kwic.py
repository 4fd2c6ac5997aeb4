"""Tests for framing.kwic (in framing.concordance): from a pattern or a matches table, HTML, CSV.

Expected contexts are written by hand from the texts shown in the tests (words counted by
eye: an elided « d’ » is a word, punctuation is not).
"""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing._errors import FramingError, FramingWarning, LexiconError
from framing.concordance import KWIC_COLUMNS, KwicTable, kwic, kwic_html, write_kwic
from framing.corpus import Corpus
from framing.lexicon import Lexicon
from framing.match import match_lexicon
from framing.text import word_spans

SEED_003 = "003_e0b1685020b70630"


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return framing.read_corpus("karabakh-2023-fr")


@pytest.fixture(scope="module")
def seed_kwic(seeds: Corpus) -> KwicTable:
    return kwic(seeds, "antiterroris*", lexicon_options={"fold_accents": True}, window=3)


def _corpus(*texts: str) -> Corpus:
    ids = [f"d{i}" for i in range(len(texts))]
    return Corpus(pd.DataFrame({"doc_id": ids, "text": list(texts)}))


def _rows(table: pd.DataFrame) -> list[list[str]]:
    return table[["left", "match", "right"]].values.tolist()


# --- the bundled seeds ---------------------------------------------------------------------


def test_seed_matches_are_the_text(seeds: Corpus, seed_kwic: KwicTable) -> None:
    texts = dict(zip(seeds.doc_ids, seeds.texts, strict=True))
    assert len(seed_kwic) > 0
    for row in seed_kwic.itertuples():
        assert row.match == texts[row.doc_id][row.start : row.end]
        assert re.fullmatch(r"(?i)anti-?terroris\w*", row.match)
    assert list(seed_kwic.columns[: len(KWIC_COLUMNS)]) == list(KWIC_COLUMNS)
    assert "sentence" in seed_kwic.columns and "outlet" in seed_kwic.columns


def test_seed_003_quoted_label_by_hand(seed_kwic: KwicTable) -> None:
    # « … Il le qualifie d’« antiterroriste ».\n\n\n\nPhoto: ,\n\nUne maison d’habitation … »
    rows = seed_kwic[(seed_kwic["doc_id"] == SEED_003) & (seed_kwic["match"] == "antiterroriste")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["left"] == "le qualifie d’« "
    assert row["right"] == " ». Photo: , Une maison"
    assert row["voice"] == "quoted"
    assert bool(row["distanced"]) is True


def test_seed_from_matches_table_gives_the_same_rows(seeds: Corpus, seed_kwic: KwicTable) -> None:
    lexicon = Lexicon.from_dict(
        {
            "name": "mine",
            "version": "1.0.0",
            "language": "fr",
            "options": {"fold_accents": True},
            "frames": {"kwic": ["antiterroris*"]},
        }
    )
    hits = match_lexicon(seeds, lexicon)
    from_matches = kwic(seeds, matches=hits, window=3)
    assert isinstance(from_matches, KwicTable)
    pd.testing.assert_frame_equal(
        pd.DataFrame(from_matches), pd.DataFrame(seed_kwic), check_exact=True
    )
    # A filtered table (shuffled too) gives its rows, in document order.
    part = hits[hits["doc_id"] == SEED_003].iloc[::-1]
    sub = kwic(seeds, matches=part, window=3)
    expected = seed_kwic[seed_kwic["doc_id"] == SEED_003].reset_index(drop=True)
    pd.testing.assert_frame_equal(pd.DataFrame(sub), pd.DataFrame(expected))


def test_seed_voice_filter(seeds: Corpus, seed_kwic: KwicTable) -> None:
    quoted = kwic(seeds, "antiterroris*", voice="quoted", window=3)
    assert len(quoted) == (seed_kwic["voice"] == "quoted").sum() > 0
    assert set(quoted["voice"]) == {"quoted"}
    both = kwic(seeds, "antiterroris*", voice=["quoted", "attributed"], window=3)
    assert set(both["voice"]) <= {"quoted", "attributed"}
    assert len(both) == seed_kwic["voice"].isin(["quoted", "attributed"]).sum()


# --- contexts ------------------------------------------------------------------------------


def test_words_window_and_attached_hit() -> None:
    text = "Bakou parle de mesures antiterroristes.\nErevan, d’offensive."
    table = kwic(text, ["antiterroris*", "offensive"], window=2)
    assert _rows(table) == [
        ["de mesures ", "antiterroristes", ". Erevan, d’"],
        ["Erevan, d’", "offensive", "."],
    ]
    assert table["doc_id"].tolist() == ["doc1", "doc1"]


def test_chars_window_counts_shown_characters() -> None:
    text = "Un  texte\n\n\navec offensive\tdans\n  la phrase."
    table = kwic(text, "offensive", window=7, unit="chars")
    # shown text: "Un texte avec offensive dans la phrase."
    assert _rows(table) == [["e avec ", "offensive", " dans l"]]
    wide = kwic(text, "offensive", window=100, unit="chars")
    assert _rows(wide) == [["Un texte avec ", "offensive", " dans la phrase."]]


def test_window_zero() -> None:
    table = kwic("Une offensive ici.", "offensive", window=0)
    assert _rows(table) == [["", "offensive", ""]]


def test_document_edges() -> None:
    corpus = _corpus("\n  Offensive au nord.", "Au sud, une offensive", "offensive")
    table = kwic(corpus, "offensive", window=3)
    assert _rows(table) == [
        ["", "Offensive", " au nord."],
        ["Au sud, une ", "offensive", ""],
        ["", "offensive", ""],
    ]
    chars = kwic(corpus, "offensive", window=5, unit="chars")
    assert _rows(chars) == [
        ["", "Offensive", " au n"],
        [" une ", "offensive", ""],
        ["", "offensive", ""],
    ]


def test_line_breaks_and_space_runs_collapsed() -> None:
    text = "Les\r\nmesures\u00a0\u00a0 antiterroristes\n\n\tont\u202fcommencé hier."
    table = kwic(text, "antiterroris*", window=2)
    row = table.iloc[0]
    assert row["left"] == "Les mesures "
    assert row["right"] == " ont commencé"
    assert row["match"] == "antiterroristes"


def test_multiword_match_keeps_its_surface() -> None:
    text = "Une opération\nmilitaire a commencé."
    table = kwic(text, "opération militaire", window=1)
    assert _rows(table) == [["Une ", "opération\nmilitaire", " a"]]


def test_part_of_a_compound_shows_the_part_of_word() -> None:
    text = "Les habitants du Haut-Karabakh partent."
    table = kwic(text, "Karabakh", window=1)
    assert _rows(table) == [["du Haut-", "Karabakh", " partent"]]


def test_overlapping_patterns_give_one_row() -> None:
    table = kwic("Une opération militaire.", ["opération", "opération militaire"], window=1)
    assert _rows(table) == [["Une ", "opération militaire", "."]]


def test_lexicon_options_are_used() -> None:
    plain = kwic("Une operation, une opération.", "opération", window=1)
    folded = kwic(
        "Une operation, une opération.",
        "opération",
        window=1,
        lexicon_options={"fold_accents": True},
    )
    assert plain["match"].tolist() == ["opération"]
    assert folded["match"].tolist() == ["operation", "opération"]


# --- sort ------------------------------------------------------------------------------------


SORT_TEXTS = (
    "Le zèbre voit une offensive nouvelle.",
    "Un Élan, offensive brève.",
    "Un alpha offensive ancienne.",
    "Un élan offensive zélée.",
)


def test_default_order_is_document_then_start() -> None:
    corpus = _corpus(*SORT_TEXTS)
    matches = match_lexicon(corpus, _lexicon("offensive")).iloc[::-1]
    table = kwic(corpus, matches=matches, window=1)
    assert table["doc_id"].tolist() == ["d0", "d1", "d2", "d3"]


def test_sort_left_right_match() -> None:
    corpus = _corpus(*SORT_TEXTS)
    left = kwic(corpus, "offensive", window=2, sort="left")
    # first word to the left: alpha < élan (d1) = élan (d3, tie: document order) < une
    assert left["doc_id"].tolist() == ["d2", "d1", "d3", "d0"]
    right = kwic(corpus, "offensive", window=2, sort="right")
    # first word to the right: ancienne < brève < nouvelle < zélée
    assert right["doc_id"].tolist() == ["d2", "d1", "d0", "d3"]
    by_match = kwic(_corpus("Une Offensive b.", "Une offensive a."), "offensive", sort="match")
    assert by_match["doc_id"].tolist() == ["d1", "d0"]


def test_sort_left_reads_outwards() -> None:
    corpus = _corpus("b a offensive.", "a b offensive.", "c a offensive.")
    table = kwic(corpus, "offensive", window=2, sort="left")
    # keys: "a b", "b a", "a c" -> a b, a c, b a
    assert table["doc_id"].tolist() == ["d0", "d2", "d1"]


def _lexicon(*entries: str) -> Lexicon:
    return Lexicon.from_dict(
        {"name": "t", "version": "1.0.0", "language": "fr", "frames": {"f": list(entries)}}
    )


# --- matches tables --------------------------------------------------------------------------


def test_minimal_matches_table_and_metadata_join() -> None:
    corpus = Corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b"],
                "text": ["Une offensive.", "Deux offensives."],
                "outlet": ["X", "Y"],
            }
        )
    )
    matches = pd.DataFrame({"doc_id": ["b"], "start": [5], "end": [15]})
    table = kwic(corpus, matches=matches, window=1)
    assert _rows(table) == [["Deux ", "offensives", "."]]
    assert table["outlet"].tolist() == ["Y"]
    assert table["voice"].isna().all() and table["frame"].isna().all()
    assert "outlet" not in kwic(corpus, matches=matches, keep=False).columns


def test_matches_columns_are_carried_over() -> None:
    corpus = _corpus("Une offensive.")
    hits = match_lexicon(corpus, _lexicon("offensive"), keep=False)
    hits["coder"] = ["me"]
    table = kwic(corpus, matches=hits)
    assert table["coder"].tolist() == ["me"]
    assert "surface" not in table.columns


def test_filters_by_frame_contest_variant() -> None:
    lexicon = Lexicon.from_dict(
        {
            "name": "t",
            "version": "1.0.0",
            "language": "fr",
            "frames": {"military": ["offensive"], "terror": ["antiterroris*"]},
            "contests": {
                "op": {"variants": {"ct": ["mesures antiterroristes"], "off": ["offensive"]}}
            },
        }
    )
    corpus = _corpus("Des mesures antiterroristes, une offensive.")
    hits = match_lexicon(corpus, lexicon)
    assert kwic(corpus, matches=hits, frame="military")["match"].tolist() == ["offensive"]
    assert kwic(corpus, matches=hits, contest="op")["match"].tolist() == [
        "mesures antiterroristes",
        "offensive",
    ]
    assert kwic(corpus, matches=hits, variant=["ct"])["match"].tolist() == [
        "mesures antiterroristes"
    ]
    with pytest.warns(
        FramingWarning, match=r"no hit has frame='militry'.*Did you mean 'military'"
    ):
        empty = kwic(corpus, matches=hits, frame="militry")
    assert len(empty) == 0 and list(empty.columns[:13]) == list(KWIC_COLUMNS)


def test_no_hits_gives_empty_table() -> None:
    table = kwic("Rien ici.", "offensive")
    assert len(table) == 0
    assert list(table.columns[: len(KWIC_COLUMNS)]) == list(KWIC_COLUMNS)


def test_attrs_record_parameters(seed_kwic: KwicTable) -> None:
    assert seed_kwic.attrs["window"] == 3
    assert seed_kwic.attrs["unit"] == "words"
    assert seed_kwic.attrs["pattern"] == ["antiterroris*"]
    assert seed_kwic.attrs["corpus_name"] == "karabakh-2023-fr"
    assert seed_kwic.attrs["filters"] == {}


# --- errors ----------------------------------------------------------------------------------


def test_error_neither_or_both() -> None:
    with pytest.raises(FramingError, match=r"give either pattern .* not neither\."):
        kwic("Une offensive.")
    hits = match_lexicon("Une offensive.", _lexicon("offensive"))
    with pytest.raises(FramingError, match=r"give either pattern .* not both\."):
        kwic("Une offensive.", "offensive", matches=hits)


def test_error_unknown_doc_ids() -> None:
    matches = pd.DataFrame({"doc_id": ["d0", "zz", "yy", "zz"], "start": [0] * 4, "end": [1] * 4})
    with pytest.raises(FramingError, match=r"2 doc_id\(s\) .* not in the corpus: 'zz', 'yy'"):
        kwic(_corpus("Une offensive."), matches=matches)


def test_error_bad_unit() -> None:
    with pytest.raises(FramingError, match=r"unit='word' is not valid.*Did you mean 'words'"):
        kwic("Une offensive.", "offensive", unit="word")


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (-1, r"window must be 0 or more words; got -1"),
        (2.5, r"window must be a whole number of words \(0 or more\); got 2.5"),
        (True, r"window must be a whole number of words \(0 or more\); got True"),
        ("8", r"window must be a whole number of words \(0 or more\); got '8'"),
    ],
)
def test_error_bad_window(window: object, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        kwic("Une offensive.", "offensive", window=window)  # type: ignore[arg-type]


def test_error_bad_sort_voice_pattern_options() -> None:
    with pytest.raises(FramingError, match=r"sort='lft' is not valid.*Did you mean 'left'"):
        kwic("Une offensive.", "offensive", sort="lft")
    with pytest.raises(FramingError, match=r"voice='quote' is not a voice.*Did you mean 'quoted'"):
        kwic("Une offensive.", "offensive", voice="quote")
    with pytest.raises(FramingError, match=r"pattern must be a str or a non-empty list of str"):
        kwic("Une offensive.", [])
    with pytest.raises(LexiconError, match=r"kwic\(\): pattern or lexicon_options not valid"):
        kwic("Une offensive.", "*offensive")
    with pytest.raises(LexiconError, match=r"unknown option 'fold_acents'"):
        kwic("Une offensive.", "offensive", lexicon_options={"fold_acents": True})
    with pytest.raises(FramingError, match=r"lexicon_options must be a dict"):
        kwic("Une offensive.", "offensive", lexicon_options=["fold_accents"])  # type: ignore[arg-type]
    with pytest.raises(FramingError, match=r"frame must be a str or a non-empty list of str"):
        kwic("Une offensive.", "offensive", frame=3)  # type: ignore[arg-type]
    with pytest.raises(FramingError, match=r"corpus must be a Corpus"):
        kwic(3, "offensive")  # type: ignore[arg-type]


def test_error_bad_matches_tables() -> None:
    corpus = _corpus("Une offensive.")
    with pytest.raises(FramingError, match=r"matches must be a matches table"):
        kwic(corpus, matches=[("d0", 4, 13)])  # type: ignore[arg-type]
    with pytest.raises(FramingError, match=r"has no 'start' column.*Did you mean 'starts'"):
        kwic(corpus, matches=pd.DataFrame({"doc_id": ["d0"], "starts": [4], "end": [13]}))
    with pytest.raises(FramingError, match=r"'end' column must hold whole numbers"):
        kwic(corpus, matches=pd.DataFrame({"doc_id": ["d0"], "start": [4], "end": [13.0]}))
    with pytest.raises(FramingError, match=r"row 0 .* start=4, end=99, outside document 'd0'"):
        kwic(corpus, matches=pd.DataFrame({"doc_id": ["d0"], "start": [4], "end": [99]}))
    hits = match_lexicon(corpus, _lexicon("offensive"))
    other = _corpus("Une défensive.")
    with pytest.raises(FramingError, match=r"surface 'offensive', but the text of 'd0' has"):
        kwic(other, matches=hits)
    with pytest.raises(FramingError, match=r"lexicon_options apply to pattern only"):
        kwic(corpus, matches=hits, lexicon_options={"fold_accents": True})
    with pytest.raises(FramingError, match=r"cannot filter on voice: .* no 'voice' column"):
        kwic(corpus, matches=hits[["doc_id", "start", "end"]], voice="quoted")


def test_error_keep() -> None:
    corpus = Corpus(pd.DataFrame({"doc_id": ["a"], "text": ["Une offensive."], "outlet": ["X"]}))
    with pytest.raises(FramingError, match=r"keep names 'outlt'.*Did you mean 'outlet'"):
        kwic(corpus, "offensive", keep="outlt")
    clash = Corpus(pd.DataFrame({"doc_id": ["a"], "text": ["Une offensive."], "left": ["X"]}))
    with pytest.raises(FramingError, match=r"metadata column\(s\) 'left' would collide"):
        kwic(clash, "offensive")
    assert "left" in kwic(clash, "offensive", keep=False).columns  # the context only


# --- HTML ------------------------------------------------------------------------------------


def test_html_is_escaped_and_marked() -> None:
    text = 'Il dit <script>alert("x")</script> & « offensive » <b>.'
    table = kwic(text, "offensive", window=8)
    page = kwic_html(table)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page
    assert re.search(r"<mark[^>]*>offensive</mark>", page)
    assert ">quoted</span>" in page
    assert "text-align:right" in page


def test_html_distanced_badge_and_limits(seed_kwic: KwicTable) -> None:
    page = kwic_html(seed_kwic, max_rows=None)
    assert page.count("<mark") == len(seed_kwic)
    assert "distanced: qualifié de" in page
    short = kwic_html(seed_kwic, max_rows=2, columns=["doc_id", "outlet"])
    assert short.count("<mark") == 2
    assert f"… {len(seed_kwic) - 2} more rows" in short
    assert "La Gazette" in short


def test_html_repr_of_the_table(seed_kwic: KwicTable) -> None:
    assert "<mark" in seed_kwic._repr_html_()
    subset = seed_kwic[seed_kwic["voice"] == "quoted"]
    assert isinstance(subset, KwicTable)
    assert "<mark" in subset._repr_html_()
    plain = seed_kwic[["doc_id", "start"]]
    assert "<mark" not in (plain._repr_html_() or "")


def test_html_errors(seed_kwic: KwicTable) -> None:
    with pytest.raises(FramingError, match=r"data must be a concordance from kwic\(\)"):
        kwic_html("text")  # type: ignore[arg-type]
    with pytest.raises(FramingError, match=r"no 'outlett' column.*Did you mean 'outlet'"):
        kwic_html(seed_kwic, columns=["outlett"])
    with pytest.raises(FramingError, match=r"max_rows must be a positive whole number or None"):
        kwic_html(seed_kwic, max_rows=0)


# --- CSV -------------------------------------------------------------------------------------


def test_to_csv_round_trip(tmp_path, seed_kwic: KwicTable) -> None:
    path = tmp_path / "kwic.csv"
    seed_kwic.to_csv(path, index=False)
    back = pd.read_csv(path, keep_default_na=False)
    for column in ("doc_id", "left", "match", "right"):
        assert back[column].tolist() == seed_kwic[column].tolist()
    assert back["start"].tolist() == seed_kwic["start"].tolist()


def test_write_kwic_bom_and_round_trip(tmp_path, seed_kwic: KwicTable) -> None:
    path = write_kwic(seed_kwic, tmp_path / "kwic.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdoc_id,start,end,left,match,right,")
    assert b"\r\n" in raw
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert back.columns[0] == "doc_id"
    for column in ("left", "match", "right", "voice"):
        assert back[column].astype(str).tolist() == seed_kwic[column].astype(str).tolist()
    semi = write_kwic(seed_kwic, tmp_path / "kwic_fr.csv", sep=";", encoding="utf-8")
    assert not semi.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(semi, sep=";")["match"].tolist() == seed_kwic["match"].tolist()
    tsv = write_kwic(seed_kwic, tmp_path / "kwic.tsv")
    assert tsv.read_text(encoding="utf-8-sig").splitlines()[0].startswith("doc_id\tstart\t")


def test_write_kwic_guards_formulas(tmp_path) -> None:
    table = kwic("- offensive =SUM(A1) plus.", "offensive", window=2)
    assert table["left"].tolist() == ["- "]
    path = write_kwic(table, tmp_path / "k.csv")
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["left"].tolist() == ["'- "]
    assert back["right"].tolist() == [" =SUM(A1"]  # starts with a space: harmless
    raw = write_kwic(table, tmp_path / "raw.csv", guard_formulas=False)
    assert pd.read_csv(raw, encoding="utf-8-sig")["left"].tolist() == ["- "]
    with pytest.raises(FramingError, match=r"sep must be one character"):
        write_kwic(table, tmp_path / "x.csv", sep=";;")
    with pytest.raises(FramingError, match=r"data must be a DataFrame"):
        write_kwic([1], tmp_path / "x.csv")  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------

PIECES = st.lists(
    st.sampled_from(
        [
            "mot",
            "Élan",
            "l’",
            "d'",
            "offensive",
            "7 000",
            ",",
            ".",
            "«",
            "»",
            "-",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\u00a0",
            "\u202f",
            "Haut-Karabakh",
        ]
    ),
    min_size=1,
    max_size=40,
).map("".join)


def _shown(s: str) -> str:
    return re.sub(r"\s+", " ", s)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PIECES, window=st.integers(0, 6), unit=st.sampled_from(["words", "chars"]))
def test_contexts_read_as_the_text(text: str, window: int, unit: str) -> None:
    starts, ends = word_spans(text)
    if not len(starts):
        return
    matches = pd.DataFrame({"doc_id": "doc1", "start": starts, "end": ends})
    table = kwic(text, matches=matches, window=window, unit=unit)
    assert len(table) == len(starts)
    for row in table.itertuples():
        before, after = _shown(text[: row.start]).lstrip(), _shown(text[row.end :]).rstrip()
        assert row.match == text[row.start : row.end]
        assert before.endswith(row.left) and after.startswith(row.right)
        for context in (row.left, row.right):
            assert "  " not in context and not re.search(r"[^\S ]", context)
        if unit == "chars":
            assert len(row.left) == min(window, len(before))
            assert len(row.right) == min(window, len(after))
        elif window == 0:
            assert row.left == row.right == ""
        else:
            # fewer than `window` whole words: to the document's edge; else word edges
            n_before = int((ends <= row.start).sum())
            n_after = int((starts >= row.end).sum())
            if n_before < window:
                assert row.left == before
            else:
                assert row.left == _shown(text[starts[n_before - window] : row.start])
            first_after = len(starts) - n_after
            if n_after < window:
                assert row.right == after
            else:
                assert row.right == _shown(text[row.end : ends[first_after + window - 1]])


def test_docstring_examples() -> None:
    import doctest

    import framing.concordance as module

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_kwic_table_is_a_dataframe(seeds: Corpus, seed_kwic: KwicTable) -> None:
    assert isinstance(seed_kwic, pd.DataFrame)
    assert type(pd.DataFrame(seed_kwic)) is pd.DataFrame
    position = seed_kwic["doc_id"].map({d: i for i, d in enumerate(seeds.doc_ids)})
    keys = list(zip(position, seed_kwic["start"], strict=True))
    assert keys == sorted(keys)
