"""The term and dispersion plots: plot_log_odds, plot_keyness, plot_dispersion, and labels.

Artists are inspected, not pixels: points and bars are the table's rows and values, the
labelled terms are the top terms, colours follow the palette, and the figure is readable
(no two labels overlap, no label leaves the Axes or the page, legends off the data).
"""

from __future__ import annotations

import itertools
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing._errors import FramingError, FramingWarning
from framing.corpus import Corpus
from framing.lexicon import Lexicon
from framing.plot import plot_dispersion, plot_keyness, plot_log_odds
from framing.plot._repel import place_labels, settled_renderer
from framing.save import get_data, save_figure
from framing.style import palette, theme

BLUE, ORANGE = palette(2)


@pytest.fixture(autouse=True)
def _paper_theme():
    """Every test draws inside the paper theme (constrained layout), as users do."""
    with theme("paper"):
        yield
    plt.close("all")


# ----------------------------------------------------------------------------- helpers


def same_color(a, b) -> bool:
    return np.allclose(mcolors.to_rgba(a), mcolors.to_rgba(b))


def label_boxes(ax, texts=None):
    """Window extents of the labels (default: every text of the Axes), after a draw."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = ax.texts if texts is None else texts
    return [t.get_window_extent(renderer) for t in texts if t.get_visible()], renderer


def assert_readable(ax, texts=None, *, tol=0.5):
    """No two labels overlap; each lies inside the Axes and the figure."""
    boxes, renderer = label_boxes(ax, texts)
    for a, b in itertools.combinations(boxes, 2):
        overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_w <= tol or overlap_h <= tol, (a, b)
    frame = ax.get_window_extent(renderer)
    page = ax.figure.bbox
    for box in boxes:
        for outer in (frame, page):
            assert box.x0 >= outer.x0 - tol and box.x1 <= outer.x1 + tol, (box, outer)
            assert box.y0 >= outer.y0 - tol and box.y1 <= outer.y1 + tol, (box, outer)
    return boxes


def assert_nothing_clipped(fig):
    """Everything drawn (ticks, axis labels, legend, secondary axes) lies on the page."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    for ax in fig.axes:
        for part in [ax, *ax.child_axes]:
            box = part.get_tightbbox(renderer)
            assert box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1, (part, box, page)
            assert box.y0 >= page.y0 - 1 and box.y1 <= page.y1 + 1, (part, box, page)


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()]


def log_odds_table() -> pd.DataFrame:
    """A compare_log_odds-shaped table; z values chosen by hand, counts distinct."""
    table = pd.DataFrame(
        {
            "term": ["offensive", "assaut", "frappes", "civils", "ville", "région",
                     "mesures", "antiterroristes", "Karabakh"],
            "n_target": [40, 25, 12, 9, 30, 20, 3, 2, 5],
            "n_reference": [2, 3, 2, 4, 28, 22, 30, 41, 60],
            "z": [4.1, 3.2, 2.5, 1.1, 0.2, -0.4, -2.2, -3.5, -4.4],
        }
    )  # fmt: skip
    table["delta"] = table["z"] / 4
    table.attrs = {
        "function": "compare_log_odds",
        "by": "outlet",
        "target": ["Le Monde"],
        "reference": ["Trend"],
        "n_target_tokens": 12000,
        "n_reference_tokens": 15000,
    }
    return table


def keyness_table() -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "term": ["offensive", "Stepanakert", "assaut", "civils", "ville",
                     "Khankendi", "mesures antiterroristes", "séparatistes"],
            "n_target": [40, 12, 25, 9, 30, 0, 2, 1],
            "n_reference": [2, 0, 3, 4, 28, 15, 41, 20],
            "g2": [35.0, 15.5, 20.2, 1.5, 0.1, -14.0, -40.3, -18.8],
            "log_ratio": [4.2, 4.5, 3.0, 1.1, 0.1, -4.9, -4.3, -4.0],
            "p_adj": [0.0001, 0.001, 0.0005, 0.3, 0.9, 0.002, 0.00001, 0.04],
        }
    )  # fmt: skip
    table.attrs = {
        "function": "compare_keyness",
        "measure": "g2",
        "target": ["Le Monde"],
        "reference": ["Trend"],
        "n_target_tokens": 12000,
        "n_reference_tokens": 15000,
    }
    return table


def scatter_collections(ax):
    return [c for c in ax.collections if len(c.get_offsets())]


# ----------------------------------------------------------------------- plot_log_odds


def test_log_odds_points_are_the_rows_and_the_top_terms_are_labelled():
    table = log_odds_table()
    ax = plot_log_odds(table, top_n=2)
    collections = scatter_collections(ax)
    assert sum(len(c.get_offsets()) for c in collections) == len(table)
    _background, target, reference = collections
    # by hand: highest z offensive (4.1), assaut (3.2); lowest Karabakh, antiterroristes
    np.testing.assert_allclose(target.get_offsets(), [[42, 4.1], [28, 3.2]])
    np.testing.assert_allclose(reference.get_offsets(), [[65, -4.4], [43, -3.5]])
    assert same_color(target.get_facecolor()[0], BLUE)
    assert same_color(reference.get_facecolor()[0], ORANGE)
    assert {t.get_text() for t in ax.texts} == {
        "offensive",
        "assaut",
        "Karabakh",
        "antiterroristes",
    }
    assert ax.get_xscale() == "log"
    levels = sorted(line.get_ydata()[0] for line in ax.get_lines() if line.get_linestyle() == "--")
    assert levels == [-1.96, 1.96]
    assert_readable(ax)


def test_log_odds_labels_sit_next_to_their_points():
    table = log_odds_table()
    ax = plot_log_odds(table, top_n=3)
    boxes, _ = label_boxes(ax)
    points = table.set_index("term")
    frequency = points["n_target"] + points["n_reference"]
    for text, box in zip(ax.texts, boxes, strict=True):
        x, y = ax.transData.transform(
            (frequency[text.get_text()], points.loc[text.get_text(), "z"])
        )
        # the label's nearest point is within a few lines of text of its term's point
        dx = max(box.x0 - x, 0, x - box.x1)
        dy = max(box.y0 - y, 0, y - box.y1)
        assert np.hypot(dx, dy) < 6 * box.height


def test_log_odds_legend_names_the_groups_with_their_sizes():
    ax = plot_log_odds(log_odds_table(), top_n=1)
    assert legend_texts(ax) == ["Le Monde (12,000 tokens)", "Trend (15,000 tokens)"]
    assert ax.get_legend().get_title().get_text() == "More frequent in"
    # the legend sits above the Axes, off the data
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert ax.get_legend().get_window_extent(renderer).y0 >= ax.get_window_extent(renderer).y1
    assert_nothing_clipped(fig)


@pytest.mark.parametrize("plot", [plot_log_odds, plot_keyness])
def test_labels_name_the_groups_in_the_legend_not_the_terms(plot):
    # a study's labels give documents and outlets their display names; a term that happens
    # to be a label key stays as it is written
    table = log_odds_table() if plot is plot_log_odds else keyness_table()
    table.attrs["reference"] = ["Trend", "offensive", "Bakou"]
    labels = {"Le Monde": "« Le Monde »", "offensive": "(not a group name here)"}
    ax = plot(table, top_n=1, labels=labels)
    texts = legend_texts(ax)
    assert texts[0] == "« Le Monde » (12,000 tokens)"
    assert texts[1] == "Trend + 2 others (15,000 tokens)"
    assert "offensive" in [t.get_text() for t in ax.texts]  # the top term, unchanged
    table.attrs["reference"] = ["offensive"]
    ax = plot(table, top_n=1, labels=labels)
    assert legend_texts(ax)[1] == "(not a group name here) (15,000 tokens)"
    # a label is display text chosen by the user: never cut; a raw group name is
    table.attrs["target"] = ["003_e0b1685020b70630_and_more"]
    table.attrs["reference"] = ["Trend"]
    ax = plot(table, top_n=1, labels={"Trend": "003 · « Bakou a annoncé le succès »"})
    assert legend_texts(ax) == [
        "003_e0b1685020b70630_an… (12,000 tokens)",
        "003 · « Bakou a annoncé le succès » (15,000 tokens)",
    ]


@pytest.mark.parametrize("plot", [plot_log_odds, plot_keyness])
def test_bad_labels_name_the_fix(plot):
    table = log_odds_table() if plot is plot_log_odds else keyness_table()
    with pytest.raises(FramingError, match=r"labels must be a dict mapping values to display"):
        plot(table, labels=["Le Monde"])


def test_log_odds_in_french():
    with theme("paper", locale="fr"):
        ax = plot_log_odds(log_odds_table(), top_n=1)
        assert ax.get_ylabel() == "Score z (log-odds ratio)"
        assert ax.get_xlabel() == "Fréquence du terme (deux groupes)"
        assert legend_texts(ax) == ["Le Monde (12\u202f000 mots)", "Trend (15\u202f000 mots)"]
        assert ax.get_legend().get_title().get_text() == "Plus fréquent chez"


def test_log_odds_uses_the_axes_leaves_the_table_and_attaches_what_it_drew():
    table = log_odds_table()
    before = table.copy()
    fig, ax = plt.subplots(figsize=(5, 4))
    returned = plot_log_odds(table, top_n=2, ax=ax)
    assert returned is ax
    pd.testing.assert_frame_equal(table, before)
    assert table.attrs == before.attrs
    data = get_data(fig)
    assert data["term"].tolist() == table["term"].tolist()
    assert data["n_total"].tolist() == (table["n_target"] + table["n_reference"]).tolist()
    assert data["highlight"].tolist() == [
        "target", "target", "", "", "", "", "", "reference", "reference",
    ]  # fmt: skip
    assert data.attrs["target"] == ["Le Monde"]


def test_log_odds_terms_at_one_point_share_a_label():
    table = pd.DataFrame(
        {
            "term": ["afp", "presse", "stepanakert", "opération", "mesures", "forces"],
            "n_target": [3, 3, 3, 6, 0, 2],
            "n_reference": [0, 0, 0, 0, 14, 25],
            "z": [1.43, 1.43, 1.43, 2.03, -1.16, -1.17],
        }
    )
    ax = plot_log_odds(table, top_n=4)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["afp, presse,\nstepanakert", "forces", "mesures", "opération"]
    assert_readable(ax)


def test_log_odds_columns_x_y_threshold_and_no_highlight():
    table = log_odds_table()
    ax = plot_log_odds(table, x="n_reference", y="delta", top_n=None, threshold=None,
                       logx=False)  # fmt: skip
    (points,) = scatter_collections(ax)
    np.testing.assert_allclose(points.get_offsets()[:, 0], table["n_reference"])
    np.testing.assert_allclose(points.get_offsets()[:, 1], table["delta"])
    assert len(ax.texts) == 0
    assert not [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert ax.get_xscale() == "linear"
    assert ax.get_ylabel() == "Log-odds ratio"


def test_log_odds_skips_rows_without_values():
    table = log_odds_table()
    table.loc[0, "z"] = np.nan
    ax = plot_log_odds(table, top_n=1)
    assert sum(len(c.get_offsets()) for c in scatter_collections(ax)) == len(table) - 1
    assert "offensive" not in {t.get_text() for t in ax.texts}
    assert "assaut" in {t.get_text() for t in ax.texts}


def test_log_odds_errors():
    table = log_odds_table()
    with pytest.raises(FramingError, match=r"no column 'zz'.*columns: 'term'.*Did you mean 'z'"):
        plot_log_odds(table, y="zz")
    with pytest.raises(FramingError, match=r"no column 'n_target'.*Pass x="):
        plot_log_odds(table.drop(columns="n_target"))
    with pytest.raises(FramingError, match=r"table is empty.*compare_log_odds"):
        plot_log_odds(table.iloc[:0])
    with pytest.raises(FramingError, match=r"expects a pandas DataFrame.*got list"):
        plot_log_odds([1, 2])
    with pytest.raises(FramingError, match=r"y='term' must be a numeric column"):
        plot_log_odds(table, y="term")
    zero = table.copy()
    zero.loc[0, ["n_target", "n_reference"]] = 0
    with pytest.raises(FramingError, match=r"logarithmic.*'offensive'.*logx=False"):
        plot_log_odds(zero)
    with pytest.raises(FramingError, match=r"top_n must be a positive integer"):
        plot_log_odds(table, top_n=0)
    with pytest.raises(FramingError, match=r"threshold must be a positive number"):
        plot_log_odds(table, threshold=-1)
    with pytest.raises(FramingError, match=r"ax must be a matplotlib Axes"):
        plot_log_odds(table, ax="left")


# ------------------------------------------------------------------------ plot_keyness


def test_keyness_bars_are_the_top_terms_sorted_and_diverging():
    table = keyness_table()
    ax = plot_keyness(table, top_n=2)
    bars = ax.patches
    widths = [bar.get_width() for bar in bars]
    # by hand: target offensive 35.0, assaut 20.2; reference mesures −40.3, séparatistes −18.8
    assert widths == [35.0, 20.2, -40.3, -18.8]
    centres = [bar.get_y() + bar.get_height() / 2 for bar in bars]
    assert centres == [0, 1, 2, 3]
    assert ax.yaxis_inverted()  # first row on top
    assert [t.get_text() for t in ax.texts] == [
        "offensive", "assaut", "mesures antiterroristes", "séparatistes",
    ]  # fmt: skip
    assert same_color(bars[0].get_facecolor(), BLUE)
    assert same_color(bars[2].get_facecolor(), ORANGE)
    assert bars[0].get_hatch() in (None, "")
    assert bars[2].get_hatch() == "////"  # greyscale: the reference side is hatched
    assert ax.get_xlabel() == "Signed G²"
    assert_readable(ax)


def test_keyness_names_sit_across_zero_from_their_bars():
    ax = plot_keyness(keyness_table(), top_n=3)
    boxes, _ = label_boxes(ax)
    zero = ax.transData.transform((0, 0))[0]
    for bar, box in zip(ax.patches, boxes, strict=True):
        if bar.get_width() > 0:
            assert box.x1 <= zero
        else:
            assert box.x0 >= zero
    assert_readable(ax)


def test_keyness_hollow_bars_are_not_significant():
    table = keyness_table()
    ax = plot_keyness(table, top_n=4)
    names = [t.get_text() for t in ax.texts]
    p = table.set_index("term")["p_adj"]
    for name, bar in zip(names, ax.patches, strict=True):
        hollow = same_color(bar.get_facecolor(), "white")
        assert hollow == (p[name] >= 0.05)
    assert legend_texts(ax)[-1] == "Not significant (p_adj ≥ 0.05)"
    ax = plot_keyness(table, top_n=4, significance=None)
    assert not any(same_color(bar.get_facecolor(), "white") for bar in ax.patches)
    assert len(legend_texts(ax)) == 2


def test_keyness_statistic_from_attrs_or_given():
    table = keyness_table()
    table.attrs["measure"] = "log_ratio"
    ax = plot_keyness(table, top_n=1)
    assert [bar.get_width() for bar in ax.patches] == [4.5, -4.9]
    assert ax.get_xlabel() == "Log ratio (binary log)"
    ax = plot_keyness(table, x="g2", top_n=1)
    assert [bar.get_width() for bar in ax.patches] == [35.0, -40.3]
    table.attrs = {}
    ax = plot_keyness(table, top_n=1)
    assert [bar.get_width() for bar in ax.patches] == [35.0, -40.3]
    assert legend_texts(ax)[:2] == ["Target", "Reference"]


def test_keyness_one_sided_table():
    table = keyness_table()
    ax = plot_keyness(table[table["g2"] > 0], top_n=10)
    assert all(bar.get_width() > 0 for bar in ax.patches)
    assert len(ax.patches) == 5


def test_keyness_uses_the_axes_leaves_the_table_and_attaches_what_it_drew():
    table = keyness_table()
    before = table.copy()
    fig, ax = plt.subplots(figsize=(5, 4))
    assert plot_keyness(table, top_n=2, ax=ax) is ax
    pd.testing.assert_frame_equal(table, before)
    data = get_data(fig)
    assert data["term"].tolist() == [
        "offensive", "assaut", "mesures antiterroristes", "séparatistes",
    ]  # fmt: skip
    assert data["side"].tolist() == ["target", "target", "reference", "reference"]
    assert data["g2"].tolist() == [35.0, 20.2, -40.3, -18.8]


def test_keyness_new_figure_grows_with_the_bars_and_nothing_is_clipped():
    table = pd.DataFrame(
        {
            "term": [f"terme numéro {i}" for i in range(40)],
            "g2": np.r_[np.arange(20, 0, -1), -np.arange(1, 21)].astype(float),
        }
    )
    with theme("paper", locale="fr"):
        ax = plot_keyness(table, top_n=15)
    assert len(ax.patches) == 30
    assert ax.figure.get_size_inches()[1] * 25.4 > 89 / 1.618 + 1
    assert_readable(ax)
    assert_nothing_clipped(ax.figure)
    assert ax.get_xlabel() == "G² signé"


def test_keyness_warns_when_the_axes_is_too_short():
    _, ax = plt.subplots(figsize=(3.5, 1.2))
    table = pd.DataFrame(
        {"term": [f"t{i}" for i in range(30)], "g2": np.linspace(10, -10, 30) + 0.01}
    )
    with pytest.warns(FramingWarning, match=r"less than a line of text per bar"):
        plot_keyness(table, top_n=15, ax=ax)


def test_keyness_shortens_names_that_cannot_fit():
    long = "mesures antiterroristes locales contre les forces armées arméniennes " * 2
    table = pd.DataFrame({"term": [long + "A", long + "B"], "g2": [5.0, -5.0]})
    _, ax = plt.subplots(figsize=(3.5, 2))
    with pytest.warns(FramingWarning, match=r"2 term\(s\) were shortened"):
        plot_keyness(table, ax=ax)
    assert all(t.get_text().endswith("…") for t in ax.texts)
    assert_readable(ax)


def test_keyness_errors():
    table = keyness_table()
    with pytest.raises(FramingError, match=r"no column 'g3'.*Did you mean 'g2'"):
        plot_keyness(table, x="g3")
    with pytest.raises(FramingError, match=r"no column 'p'.*Pass significance="):
        plot_keyness(table, significance="p")
    with pytest.raises(FramingError, match=r"no column 'g2'.*Pass x="):
        plot_keyness(table.drop(columns="g2").assign(**{"keyness": 1.0}).rename_axis(None))
    with pytest.raises(FramingError, match=r"no row has a non-zero, finite 'g2'"):
        plot_keyness(table.assign(g2=0.0))
    with pytest.raises(FramingError, match=r"table is empty.*compare_keyness"):
        plot_keyness(table.iloc[:0])
    with pytest.raises(FramingError, match=r"alpha must be a number between 0 and 1"):
        plot_keyness(table, alpha=5)
    with pytest.raises(FramingError, match=r"top_n must be a positive integer"):
        plot_keyness(table, top_n=None)


# --------------------------------------------------------------------- plot_dispersion

TEXTS = {
    "a": "Le Haut-Karabakh, dit Karabakh à Bakou. Plus loin, le Haut-Karabakh encore.",
    "b": "Rien ici.",
    "c": "Karabakh " + "x" * 80 + " Haut-Karabakh",
}
DISPERSION_LEXICON = {
    "name": "demo",
    "version": "1.0.0",
    "language": "fr",
    "contests": {
        "region_name": {
            "variants": {"haut_karabakh": ["Haut-Karabakh"], "azerbaijani": ["Karabakh"]}
        }
    },
}


@pytest.fixture
def small_corpus() -> Corpus:
    frame = pd.DataFrame(
        {"doc_id": list(TEXTS), "text": list(TEXTS.values()),
         "outlet": ["Le Monde diplomatique, édition de septembre", "Trend", None]}
    )  # fmt: skip
    return Corpus(frame)


@pytest.fixture
def small_matches(small_corpus) -> pd.DataFrame:
    return framing.match_lexicon(small_corpus, Lexicon.from_dict(DISPERSION_LEXICON))


def positions_by_hand() -> dict[tuple[str, str], list[float]]:
    """Relative positions start / len(text), found with str.find."""
    a, c = TEXTS["a"], TEXTS["c"]
    haut_a = [a.find("Haut-Karabakh"), a.rfind("Haut-Karabakh")]
    return {
        ("a", "haut_karabakh"): [p / len(a) for p in haut_a],
        ("a", "azerbaijani"): [a.find("Karabakh à") / len(a)],
        ("c", "haut_karabakh"): [c.find("Haut-Karabakh") / len(c)],
        ("c", "azerbaijani"): [0.0],
    }


def tick_collections(ax):
    return sorted(
        (c for c in ax.collections if (c.get_gid() or "").startswith("framing-hits-")),
        key=lambda c: c.get_gid(),
    )


def test_dispersion_ticks_are_the_hits_at_their_relative_positions(small_matches, small_corpus):
    ax = plot_dispersion(small_matches, small_corpus, by="variant")
    # rows: documents with a hit, in corpus order ("b" has none)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "c"]
    # categories: most hits first (haut_karabakh 3, azerbaijani 2), lanes top to bottom
    assert legend_texts(ax) == ["haut_karabakh", "azerbaijani"]
    expected = positions_by_hand()
    for k, (collection, variant) in enumerate(
        zip(tick_collections(ax), ["haut_karabakh", "azerbaijani"], strict=True)
    ):
        assert same_color(collection.get_colors()[0], palette(2)[k])
        segments = collection.get_segments()
        xs = sorted(seg[0][0] for seg in segments)
        want = sorted(expected[("a", variant)] + expected[("c", variant)])
        np.testing.assert_allclose(xs, want)
        for seg in segments:
            assert seg[0][0] == seg[1][0]  # a vertical tick
    # the hit counts on the right, per row
    right = ax.child_axes[0]
    assert [t.get_text() for t in right.get_yticklabels()] == ["3", "2"]


def test_dispersion_lanes_keep_categories_apart(small_matches, small_corpus):
    ax = plot_dispersion(small_matches, small_corpus, by="variant")
    first, second = tick_collections(ax)
    # in row 0 ("a"), the first category's lane is above the second's (y grows downwards)
    top = max(seg[1][1] for seg in first.get_segments() if seg[0][1] < 0.5)
    bottom = min(seg[0][1] for seg in second.get_segments() if seg[0][1] < 0.5)
    assert top <= bottom


def test_dispersion_attaches_the_hits_and_leaves_the_matches(small_matches, small_corpus):
    before = small_matches.copy()
    fig, ax = plt.subplots()
    assert plot_dispersion(small_matches, small_corpus, by="variant", ax=ax) is ax
    pd.testing.assert_frame_equal(small_matches, before)
    data = get_data(fig)
    assert len(data) == len(small_matches)
    assert data.columns.tolist() == [
        "doc_id", "document", "row", "variant", "category", "start", "text_length", "position",
    ]  # fmt: skip
    np.testing.assert_allclose(data["position"], data["start"] / data["text_length"])
    assert data["text_length"].tolist() == [len(TEXTS[d]) for d in data["doc_id"]]


def test_dispersion_docs_entries_labels_and_truncation(small_matches, small_corpus):
    ax = plot_dispersion(
        small_matches, small_corpus, by="variant", docs=["c", "b", "a"], label="outlet",
        max_chars=12, labels={"haut_karabakh": "Haut-Karabakh"},
    )  # fmt: skip
    assert [t.get_text() for t in ax.get_yticklabels()] == ["(missing)", "Trend", "Le Monde di…"]
    assert legend_texts(ax) == ["Haut-Karabakh", "azerbaijani"]
    assert [t.get_text() for t in ax.child_axes[0].get_yticklabels()] == ["2", "0", "3"]
    assert ax.get_ylabel() == "Outlet"
    ax = plot_dispersion(small_matches, small_corpus, entries="Karabakh")
    assert legend_texts(ax) == ["Karabakh"]
    assert sum(len(c.get_segments()) for c in tick_collections(ax)) == 2


def test_dispersion_top_n_keeps_the_documents_with_most_hits(small_matches, small_corpus):
    ax = plot_dispersion(small_matches, small_corpus, by="variant", top_n=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a"]


def test_dispersion_pools_categories_past_eight_and_drops_rejected():
    texts = [" ".join(f"mot{i}" for i in range(10))]
    corpus = Corpus(pd.DataFrame({"doc_id": ["d"], "text": texts}))
    starts = [texts[0].find(f"mot{i}") for i in range(10)]
    matches = pd.DataFrame(
        {
            "doc_id": "d",
            "start": starts,
            "entry": [f"e{i}" for i in range(10)],
            # e0 has 3 hits, e1 2 (below), the others 1
            "rejected": [None] * 10,
        }
    )
    extra = matches.iloc[[0, 0, 1]].assign(rejected=[None, None, None])
    matches = pd.concat([matches, extra], ignore_index=True)
    matches.loc[len(matches)] = {"doc_id": "d", "start": 0, "entry": "e9", "rejected": "near"}
    ax = plot_dispersion(matches, corpus)
    assert len(legend_texts(ax)) == 8
    data = get_data(ax.figure)
    assert len(data) == 13  # the rejected hit is not drawn
    # most hits first (e0 3, e1 2), ties by name; past seven, the rest is "other"
    assert list(dict.fromkeys(data.sort_values("category", key=order_key)["category"])) == [
        "e0", "e1", "e2", "e3", "e4", "e5", "e6", "other",
    ]  # fmt: skip
    assert sorted(data.loc[data["category"] == "other", "entry"]) == ["e7", "e8", "e9"]
    collections = tick_collections(ax)
    assert [len(c.get_segments()) for c in collections] == [3, 2, 1, 1, 1, 1, 1, 3]
    assert same_color(collections[-1].get_colors()[0], "0.45")
    for k, collection in enumerate(collections[:-1]):
        assert same_color(collection.get_colors()[0], palette()[k])


def order_key(values: pd.Series) -> pd.Series:
    return values.map(lambda v: (v == "other", v))


def test_dispersion_in_french_with_percent_positions(small_matches, small_corpus):
    with theme("paper", locale="fr"):
        ax = plot_dispersion(small_matches, small_corpus, by="variant")
        ax.figure.canvas.draw()
        assert ax.get_xlabel() == "Position dans le document"
        assert "50\u00a0%" in [t.get_text() for t in ax.get_xticklabels()]
        assert ax.child_axes[0].get_ylabel() == "Occurrences"
        assert ax.get_legend().get_title().get_text() == "Variante"


def test_dispersion_errors(small_matches, small_corpus):
    with pytest.raises(FramingError, match=r"no column 'varient'.*Did you mean 'variant'"):
        plot_dispersion(small_matches, small_corpus, by="varient")
    with pytest.raises(FramingError, match=r"no hit of the entry 'karabak'.*Did you mean"):
        plot_dispersion(small_matches, small_corpus, entries=["karabak"])
    with pytest.raises(FramingError, match=r"the document 'z' is not in the corpus"):
        plot_dispersion(small_matches, small_corpus, docs=["z"])
    with pytest.raises(FramingError, match=r"not in the corpus \('a'.*Pass the corpus"):
        plot_dispersion(small_matches, Corpus(pd.DataFrame({"doc_id": ["q"], "text": ["x"]})))
    with pytest.raises(FramingError, match=r"corpus must be the Corpus.*got str"):
        plot_dispersion(small_matches, "karabakh")
    with pytest.raises(FramingError, match=r"no hit left to draw.*'frame'"):
        plot_dispersion(small_matches, small_corpus, by="frame")
    with pytest.raises(FramingError, match=r"table is empty.*match_lexicon"):
        plot_dispersion(small_matches.iloc[:0], small_corpus)
    with pytest.raises(FramingError, match=r"max_chars must be an integer >= 4"):
        plot_dispersion(small_matches, small_corpus, max_chars=2)
    with pytest.raises(FramingError, match=r"no column 'speaker'.*Pass label="):
        plot_dispersion(small_matches, small_corpus, label="speaker")


# ------------------------------------------------------------------ label placement


def test_labels_never_overlap_even_when_crowded():
    _, ax = plt.subplots(figsize=(3, 2))
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=30), rng.normal(size=30)
    ax.scatter(x, y)
    with pytest.warns(FramingWarning, match=r"did not fit without overlapping"):
        drawn = place_labels(ax, x, y, [f"étiquette {i}" for i in range(30)])
    assert 0 < len(drawn) < 30
    assert_readable(ax, drawn)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.floats(-10, 10, allow_nan=False),
            st.floats(-10, 10, allow_nan=False),
            st.text(alphabet="abcdéèkz -", min_size=1, max_size=14).filter(str.strip),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_placed_labels_never_overlap_nor_leave_the_axes(points):
    fig, ax = plt.subplots(figsize=(3.5, 2.6))
    try:
        x, y, names = zip(*points, strict=True)
        ax.scatter(x, y)
        ax.set_xlim(-11, 11)
        ax.set_ylim(-11, 11)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingWarning)
            drawn = place_labels(ax, x, y, names)
        assert_readable(ax, drawn)
    finally:
        plt.close(fig)


def test_placement_is_deterministic():
    def positions():
        fig, ax = plt.subplots(figsize=(3.5, 2.6))
        ax.scatter(range(8), [0, 0.1, 0.2, 0.1, 0, 0.1, 0.2, 0.1])
        drawn = place_labels(ax, range(8), [0, 0.1, 0.2, 0.1, 0, 0.1, 0.2, 0.1],
                             [f"terme {i}" for i in range(8)])  # fmt: skip
        out = [(t.get_position(), t.get_ha(), t.get_va()) for t in drawn]
        plt.close(fig)
        return out

    assert positions() == positions()


def test_placement_holds_at_the_saved_resolution(tmp_path):
    """Labels placed on the settled layout stay apart when saved at another dpi."""
    ax = plot_log_odds(log_odds_table(), top_n=4)
    before = ax.get_position().bounds
    assert settled_renderer(ax) is not None
    np.testing.assert_allclose(ax.get_position().bounds, before, atol=1e-9)  # settled
    save_figure(ax, tmp_path / "lo", formats=["png"], dpi=300)
    for dpi in (72, 200, 300):
        ax.figure.set_dpi(dpi)
        assert_readable(ax)


# --------------------------------------------------------------- the bundled corpora


@pytest.fixture(scope="module")
def karabakh():
    corpus = framing.read_corpus("karabakh-2023-fr")
    return corpus, framing.match_lexicon(corpus, "karabakh-2023-fr")


def test_every_term_plot_renders_the_karabakh_seeds(karabakh, tmp_path):
    from framing.compare import compare_keyness, compare_log_odds

    corpus, matches = karabakh
    target = corpus.doc_ids[3]
    log_odds = compare_log_odds(corpus, by="doc_id", target=target, stopwords="fr")
    keyness = compare_keyness(corpus, by="doc_id", target=target, stopwords="fr")
    region = matches[matches["contest"] == "region_name"]
    for locale in ("en", "fr"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no warning at all on the demo data
            with theme("paper", locale=locale):
                axes = {
                    "log_odds": plot_log_odds(log_odds),
                    "keyness": plot_keyness(keyness),
                    "dispersion": plot_dispersion(region, corpus, by="variant"),
                    "frames": plot_dispersion(matches, corpus, by="frame"),
                }
        for name, ax in axes.items():
            assert_readable(ax, ax.texts)
            assert_nothing_clipped(ax.figure)
            paths = save_figure(ax, tmp_path / f"{name}_{locale}", formats=["png"], dpi=200)
            assert [p.suffix for p in paths] == [".png", ".csv", ".json"]
    # « Haut-Karabakh » is the target seed's word, « Karabagh » the others'
    labelled = {t.get_text() for t in axes["log_odds"].texts}
    assert "haut-karabakh" in labelled and "karabagh" in labelled


@pytest.mark.slow
def test_every_term_plot_renders_the_assemblee_debates(tmp_path):
    from framing.compare import compare_keyness, compare_log_odds

    corpus = framing.read_corpus("an-mariage-2013")
    lexicon = Lexicon.from_dict(
        {
            "name": "an-demo",
            "version": "0.1.0",
            "language": "fr",
            "contests": {
                "marriage_name": {
                    "variants": {
                        "mariage_pour_tous": ["mariage pour tous"],
                        "mariage_homosexuel": ["mariage* homosexuel*"],
                        "meme_sexe": [
                            "mariage* entre personnes de même sexe",
                            "mariage* des personnes de même sexe",
                        ],
                    }
                }
            },
        }
    )
    matches = framing.match_lexicon(corpus, lexicon, voice=False)
    options = {"by": "wing", "target": "right", "reference": "left", "ngram": (1, 3),
               "stopwords": "fr", "min_count": 20}  # fmt: skip
    log_odds = compare_log_odds(corpus, **options)
    keyness = compare_keyness(corpus, **options)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with theme("paper", locale="fr"):
            axes = [
                plot_log_odds(log_odds),
                plot_keyness(keyness),
                plot_dispersion(matches, corpus, by="variant", label="speaker"),
            ]
    for i, ax in enumerate(axes):
        assert_readable(ax, ax.texts)
        assert_nothing_clipped(ax.figure)
        save_figure(ax, tmp_path / f"an_{i}", formats=["png"], dpi=200)
    log_odds_labels = {t.get_text() for t in axes[0].texts}
    assert len(log_odds_labels) >= 15  # 10 terms a side, a few sharing a point at most
    keyness_terms = [t.get_text() for t in axes[1].texts]
    top = keyness.sort_values("g2")
    assert keyness_terms[-1] == top["term"].iloc[14]  # the 15th most negative, at the bottom
    assert keyness_terms[0] == top["term"].iloc[-1]


def test_saved_term_plot_is_byte_identical(tmp_path):
    def render(folder):
        with theme("paper"):
            ax = plot_log_odds(log_odds_table(), top_n=3)
            paths = save_figure(ax, folder / "lo", formats=["png"], dpi=200)
        plt.close(ax.figure)
        return [p.read_bytes() for p in paths]

    assert render(tmp_path / "one") == render(tmp_path / "two")
