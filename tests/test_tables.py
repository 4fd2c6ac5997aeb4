"""framing.tables: booktabs LaTeX, deterministic CSV, the naming-contest results table."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from framing._errors import FramingError
from framing.style import theme
from framing.tables import contest_table, to_csv, to_latex

NBSP = "\u00a0"
NNBSP = "\u202f"

# ------------------------------------------------------------------------------ LaTeX


def test_every_latex_special_character_is_escaped():
    table = pd.DataFrame({"text": ["& % $ # _ { } ~ ^ \\"]})
    latex = to_latex(table)
    expected_cell = r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}"
    assert expected_cell + r" \\" in latex.splitlines()


def test_escaping_also_covers_headers_caption_and_typographic_spaces():
    table = pd.DataFrame({"n_group": [1], "cue": [f"«{NBSP}qualifie de{NBSP}»"]})
    latex = to_latex(table, caption="Shares & 95% CIs", label="tab:contest_1")
    assert r"n\_group & cue \\" in latex
    assert r"«~qualifie de~» \\" in latex
    assert r"\caption{Shares \& 95\% CIs}" in latex
    assert r"\label{tab:contest_1}" in latex  # labels are not escaped


def test_escape_false_passes_latex_through():
    table = pd.DataFrame({"cell": [r"\textbf{62.5}"]})
    assert r"\textbf{62.5} \\" in to_latex(table, escape=False)


def test_booktabs_layout():
    table = pd.DataFrame({"outlet": ["Le Monde", "Trend"], "n": [3, 5], "share": [0.5, 0.25]})
    lines = to_latex(table).splitlines()
    assert lines == [
        r"\begin{tabular}{lrr}",
        r"\toprule",
        r"outlet & n & share \\",
        r"\midrule",
        r"Le Monde & 3 & 0.50 \\",
        r"Trend & 5 & 0.25 \\",
        r"\bottomrule",
        r"\end{tabular}",
    ]


def test_caption_wraps_the_tabular_in_a_table_float():
    lines = to_latex(pd.DataFrame({"a": [1]}), caption="Naming", label="tab:x").splitlines()
    assert lines[:4] == [
        r"\begin{table}[htbp]",
        r"\centering",
        r"\caption{Naming}",
        r"\label{tab:x}",
    ]
    assert lines[-1] == r"\end{table}"
    assert lines.index(r"\toprule") < lines.index(r"\midrule") < lines.index(r"\bottomrule")


def test_french_numbers_decimal_comma_and_thin_space_thousands():
    table = pd.DataFrame({"x": [12345.678, -0.5, 3.0], "year": [2023, 2024, 1999]})
    rows = to_latex(table, locale="fr").splitlines()[4:7]
    assert rows == [
        r"12\,345{,}68 & 2023 \\",
        r"$-$0{,}50 & 2024 \\",
        r"3{,}00 & 1999 \\",
    ]


def test_english_numbers_and_per_column_decimals():
    table = pd.DataFrame({"share": [0.625], "rate": [12345.6789]})
    row = to_latex(table, locale="en", decimals={"share": 3}).splitlines()[4]
    assert row == r"0.625 & 12{,}345.68 \\"


def test_locale_follows_the_theme():
    table = pd.DataFrame({"x": [0.5]})
    with theme("paper", locale="fr"):
        assert r"0{,}50 \\" in to_latex(table)
    assert r"0.50 \\" in to_latex(table)


def test_missing_values_and_infinities():
    table = pd.DataFrame({"x": [np.nan, math.inf, -math.inf], "s": ["a", None, "c"]})
    rows = to_latex(table).splitlines()[4:7]
    assert rows == [r"-- & a \\", r"$\infty$ & -- \\", r"$-\infty$ & c \\"]
    assert r"n/a & a \\" in to_latex(table, na_rep="n/a")


def test_columns_select_order_and_rename():
    table = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    assert r"c & a \\" in to_latex(table, columns=["c", "a"])
    assert r"Third & First \\" in to_latex(table, columns={"c": "Third", "a": "First"})


def test_index_is_included_on_request():
    table = pd.DataFrame({"n": [3]}, index=pd.Index(["Le Monde"], name="outlet"))
    assert r"outlet & n \\" in to_latex(table, index=True)
    assert r"n \\" in to_latex(table)


def test_to_latex_writes_the_file(tmp_path):
    path = tmp_path / "tables" / "contest.tex"
    latex = to_latex(pd.DataFrame({"a": ["é"]}), path)
    assert path.read_bytes() == latex.encode("utf-8")


def test_to_latex_errors():
    table = pd.DataFrame({"share": [0.5]})
    with pytest.raises(FramingError, match=r"No column 'shares'.*Did you mean 'share'"):
        to_latex(table, columns=["shares"])
    with pytest.raises(FramingError, match=r"decimals names a column 'shar'"):
        to_latex(table, decimals={"shar": 1})
    with pytest.raises(FramingError, match=r"to_latex expects a pandas DataFrame; got list"):
        to_latex([1, 2])
    with pytest.raises(FramingError, match=r"Unknown locale 'FR'"):
        to_latex(table, locale="FR")


# -------------------------------------------------------------------------------- CSV


def test_to_csv_is_utf8_with_newlines_and_no_index(tmp_path):
    table = pd.DataFrame({"outlet": ["Le Monde", "Nouvelles d'Arménie"], "share": [0.1, 1 / 3]})
    text = to_csv(table, tmp_path / "shares")
    assert text == "outlet,share\nLe Monde,0.1\nNouvelles d'Arménie,0.333333333333\n"
    assert (tmp_path / "shares.csv").read_bytes() == text.encode("utf-8")


def test_to_csv_is_the_same_when_the_last_bits_differ(tmp_path):
    """Values computed on two machines (numpy with and without AVX-512) write one CSV."""
    # G² and p of one keyness row on a machine with AVX-512, and on one without
    first = pd.DataFrame({"g2": [-6.256966347004084], "p": [0.01237058589949519]})
    second = pd.DataFrame({"g2": [-6.256966347004088], "p": [0.012370585899495162]})
    assert to_csv(first, tmp_path / "a" / "t") == to_csv(second, tmp_path / "b" / "t")
    assert to_csv(first, provenance=False) == "g2,p\n-6.256966347,0.0123705858995\n"
    assert (tmp_path / "a" / "t.json").read_bytes() == (tmp_path / "b" / "t.json").read_bytes()


def test_to_csv_sidecar_json_records_attrs_and_fingerprints(tmp_path):
    table = pd.DataFrame({"n": [1, 2]})
    table.attrs = {"function": "count_contest", "lexicon": {"fingerprint": "sha256:ff"}}
    to_csv(table, tmp_path / "t.csv")
    record = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert record["data"]["attrs"]["function"] == "count_contest"
    assert record["data"]["n_rows"] == 2
    assert record["fingerprints"] == {"lexicon": "sha256:ff"}
    assert record["files"]["csv"]["name"] == "t.csv"
    to_csv(table, tmp_path / "u.csv", provenance=False)
    assert not (tmp_path / "u.json").exists()


def test_to_csv_is_byte_identical_on_a_second_write(tmp_path):
    table = pd.DataFrame({"x": [0.1 + 0.2, 1e-20], "y": ["«a»", "b"]})
    table.attrs = {"seed": np.int64(0), "ci": np.float64(0.95), "missing": float("nan")}
    to_csv(table, tmp_path / "a.csv")
    to_csv(table, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    first = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert first["data"] == second["data"]
    assert first["data"]["attrs"] == {"ci": 0.95, "missing": None, "seed": 0}


def test_to_csv_errors(tmp_path):
    with pytest.raises(FramingError, match=r"to_csv expects a pandas DataFrame; got dict"):
        to_csv({"a": [1]})
    with pytest.raises(FramingError, match=r"\.json is the provenance file"):
        to_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.json")


# ---------------------------------------------------------------------- contest table


def _contest_result() -> pd.DataFrame:
    """A hand-made count_contest result: two outlets, two variants."""
    result = pd.DataFrame(
        {
            "outlet": ["Le Monde", "Le Monde", "Trend", "Trend"],
            "contest": "region_name",
            "variant": ["haut_karabakh", "karabakh", "haut_karabakh", "karabakh"],
            "n": [5, 3, 0, 4],
            "n_group": [8, 8, 4, 4],
            "share": [0.625, 0.375, 0.0, 1.0],
            "ci_low": [0.481, 0.25, 0.0, 1.0],
            "ci_high": [0.75, 0.519, 0.0, 1.0],
            "n_docs": [3, 3, 2, 2],
        }
    )
    result.attrs = {"function": "count_contest", "by": ["outlet"], "contest": "region_name"}
    return result


def test_contest_table_layout_in_english():
    table = contest_table(_contest_result(), locale="en")
    assert table.columns.tolist() == ["outlet", "haut_karabakh", "karabakh", "n"]
    assert table["outlet"].tolist() == ["Le Monde", "Trend"]
    assert table["haut_karabakh"].tolist() == ["62.5% [48.1, 75.0]", "0.0% [0.0, 0.0]"]
    assert table["karabakh"].tolist() == ["37.5% [25.0, 51.9]", "100.0% [100.0, 100.0]"]
    assert table["n"].tolist() == [8, 4]
    assert table.attrs["function"] == "count_contest"
    assert table.attrs["table"] == "contest_table"


def test_contest_table_in_french():
    table = contest_table(_contest_result(), locale="fr")
    assert table.loc[0, "haut_karabakh"] == f"62,5{NBSP}% [48,1{NNBSP}; 75,0]"


def test_contest_table_as_proportions():
    table = contest_table(_contest_result(), locale="en", percent=False)
    assert table.loc[0, "haut_karabakh"] == "0.625 [0.481, 0.750]"
    table = contest_table(_contest_result(), locale="en", percent=False, decimals=2)
    assert table.loc[0, "karabakh"] == "0.38 [0.25, 0.52]"


def test_contest_table_missing_share_and_missing_interval():
    result = _contest_result()
    result.loc[result["outlet"] == "Trend", ["share", "ci_low", "ci_high"]] = np.nan
    result.loc[0, ["ci_low", "ci_high"]] = np.nan  # a one-document group: no interval
    table = contest_table(result, locale="en")
    assert table.loc[0, "haut_karabakh"] == "62.5%"
    assert table.loc[1, "karabakh"] == "–"


def test_contest_table_without_groups_and_with_two_by_columns():
    single = _contest_result().iloc[:2].drop(columns="outlet").assign(group="all")
    single.attrs = {}
    assert contest_table(single, locale="en").columns.tolist() == [
        "group",
        "haut_karabakh",
        "karabakh",
        "n",
    ]
    two = _contest_result().assign(year=[2023, 2023, 2024, 2024])
    two.attrs = {"by": ["outlet", "year"]}
    table = contest_table(two, locale="en")
    assert table.columns.tolist()[:2] == ["outlet", "year"]
    assert table["year"].tolist() == [2023, 2024]


def test_contest_table_goes_to_latex_with_french_typography():
    latex = to_latex(contest_table(_contest_result(), locale="fr"), locale="fr")
    assert r"Le Monde & 62,5~\% [48,1\,; 75,0] & 37,5~\% [25,0\,; 51,9] & 8 \\" in latex


def test_contest_table_errors():
    with pytest.raises(FramingError, match=r"'ci_low' is missing"):
        contest_table(_contest_result().drop(columns="ci_low"))
    two = pd.concat([_contest_result(), _contest_result().assign(contest="city_name")])
    with pytest.raises(FramingError, match=r"one contest at a time.*'region_name', 'city_name'"):
        contest_table(two)
    doubled = pd.concat([_contest_result(), _contest_result()])
    with pytest.raises(FramingError, match=r"group 'Le Monde' has two rows for variant"):
        contest_table(doubled)
    with pytest.raises(FramingError, match=r"expects the DataFrame of framing.count_contest"):
        contest_table([1])


def test_contest_table_on_a_real_count_contest_result():
    framing = pytest.importorskip("framing")
    measure = pytest.importorskip("framing.measure")
    corpus = framing.read_corpus("karabakh-2023-fr")
    matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    result = measure.count_contest(
        matches, contest="region_name", corpus=corpus, by="outlet", n_boot=0, n_perm=0
    )
    table = contest_table(result, locale="fr")
    variants = list(dict.fromkeys(result["variant"]))
    assert table.columns.tolist() == ["outlet", *variants, "n"]
    assert table["outlet"].tolist() == list(dict.fromkeys(result["outlet"]))
    for _, row in result.iterrows():
        cell = table.loc[table["outlet"] == row["outlet"], row["variant"]].item()
        if row["n_group"] == 0:
            assert cell == "–"
        else:  # no interval (n_boot=0): the share alone, written in French
            assert cell == f"{row['share'] * 100:.1f}".replace(".", ",") + f"{NBSP}%"
