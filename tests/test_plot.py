"""The core plots: plot_contest, plot_voice, plot_frame_rates, plot_heatmap, plot_timeline.

Artists are inspected, not pixels: bar widths and whisker ends are the table's values,
colours follow the palette, labels follow the locale, and the figure is readable (no text
outside the page, no tick labels on top of each other, legends off the data).
"""

from __future__ import annotations

import itertools
import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import framing
from framing._errors import FramingError, FramingWarning
from framing.plot import _common as C
from framing.plot import (
    plot_contest,
    plot_frame_rates,
    plot_heatmap,
    plot_timeline,
    plot_voice,
)
from framing.plot._labels import label, with_n
from framing.save import get_data, save_figure
from framing.style import cycle, figure_size, theme

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ----------------------------------------------------------------------------- tables


def contest_table() -> pd.DataFrame:
    """A count_contest-shaped table (values chosen by hand)."""
    table = pd.DataFrame(
        {
            "outlet": ["Le Monde", "Le Monde", "Trend", "Trend"],
            "contest": ["region_name"] * 4,
            "variant": ["haut_karabakh", "azerbaijani_usage"] * 2,
            "n": [5, 3, 1, 9],
            "n_group": [8, 8, 10, 10],
            "share": [0.625, 0.375, 0.1, 0.9],
            "ci_low": [0.4, 0.2, np.nan, np.nan],
            "ci_high": [0.8, 0.6, np.nan, np.nan],
            "n_docs": [3, 3, 1, 1],
        }
    )
    table.attrs = {
        "function": "count_contest",
        "contest": "region_name",
        "by": ["outlet"],
        "unit": "mention",
        "corpus_fingerprint": "sha256:" + "ab" * 32,
    }
    return table


def frames_table() -> pd.DataFrame:
    """A count_frames-shaped table (values chosen by hand)."""
    table = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "frame": ["security", "military", "security", "military"],
            "n_matches": [4, 2, 0, 3],
            "n_docs": [2, 2, 1, 1],
            "rate_per_1k": [10.5, 5.0, 0.0, 12.0],
            "rate_ci_low": [5.0, 1.0, np.nan, np.nan],
            "rate_ci_high": [15.0, 9.0, np.nan, np.nan],
            "share_docs": [0.5, 1.0, 0.0, 1.0],
            "share_docs_ci_low": [0.1, 0.3, 0.0, 0.2],
            "share_docs_ci_high": [0.9, 1.0, 0.8, 1.0],
        }
    )
    table.attrs = {"function": "count_frames", "by": ["outlet"], "per": 1000}
    return table


def matches_table() -> pd.DataFrame:
    """A matches table: outlet A has 3 mentions of contest op (one distanced), B has 2
    (and one hit rejected by a proximity constraint), plus one frame hit."""
    table = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d3", "d3", "d3", "d4"],
            "start": [0, 10, 0, 0, 5, 9, 0],
            "end": [2, 12, 2, 2, 7, 11, 2],
            "frame": [None, None, None, None, None, None, "security/terror"],
            "contest": ["op", "op", "op", "op", "op", "op", None],
            "variant": ["ct", "ct", "mo", "ct", "ct", "ct", None],
            "voice": ["author", "quoted", "attributed", "author", "author", "quoted", "author"],
            "distanced": [False, True, False, False, False, False, False],
            "rejected": [None, None, None, None, None, "not_near", None],
            "outlet": ["A", "A", "A", "B", "B", "B", "B"],
        }
    )
    table["voice"] = table["voice"].astype("category")
    table["distanced"] = table["distanced"].astype("boolean")
    return table


def dated_matches() -> pd.DataFrame:
    """Hits over three days (29–31 Jan 2013) and one undated hit."""
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d3", "d4"],
            "start": [0, 5, 0, 0, 0],
            "date": pd.to_datetime(["2013-01-29", "2013-01-29", "2013-01-29", "2013-01-31", None]),
            "contest": ["c"] * 5,
            "variant": ["v1", "v2", "v1", "v2", "v1"],
            "frame": [None] * 5,
        }
    )


def by_gid(ax, prefix):
    return [p for p in ax.patches if (p.get_gid() or "") == prefix]


def whisker_segments(ax):
    """(low, high, position) of every interval whisker."""
    found = []
    for coll in ax.collections:
        if coll.get_gid() == C.CI_GID:
            for seg in coll.get_segments():
                (x0, y0), (x1, _y1) = seg
                found.append((min(x0, x1), max(x0, x1), y0))
    return found


def same_color(a, b):
    return np.allclose(mcolors.to_rgba(a)[:3], mcolors.to_rgba(b)[:3])


def assert_readable(ax):
    """Nothing outside the page, no tick labels over each other, legend off the data."""
    fig = C.root_figure(ax)
    renderer = C.renderer_of(fig)
    page = fig.bbox
    for axes in fig.axes:
        texts = [axes.xaxis.label, axes.yaxis.label]
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            labels = [
                t
                for t, loc in zip(
                    axis.get_majorticklabels(), axis.get_majorticklocs(), strict=True
                )
                if t.get_visible() and t.get_text() and low - 1e-9 <= loc <= high + 1e-9
            ]
            texts += labels
            names = [t.get_text() for t in labels]
            if labels and labels[0].get_rotation() % 180:
                # slanted labels: the gap across the slant must exceed the text height
                angle = math.radians(labels[0].get_rotation())
                anchors = sorted(t.get_window_extent(renderer).x1 for t in labels)
                font_px = labels[0].get_fontsize() * fig.dpi / 72
                gaps = np.diff(anchors) * abs(math.sin(angle))
                assert (gaps >= font_px).all(), f"slanted tick labels overlap: {names}"
                continue
            boxes = [t.get_window_extent(renderer) for t in labels]
            for a, b in itertools.combinations(boxes, 2):
                assert not a.overlaps(b), f"tick labels overlap: {names}"
        annotations = [t.get_window_extent(renderer) for t in axes.texts if t.get_text()]
        for a, b in itertools.combinations(annotations, 2):
            assert not a.overlaps(b), "annotations overlap"
        legend = axes.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1, "legend outside the page"
            assert box.y0 >= page.y0 - 1 and box.y1 <= page.y1 + 1, "legend outside the page"
            if legend._loc not in (0,):  # an outside legend covers no data
                assert not box.overlaps(axes.bbox), "legend over the data"
            texts += legend.get_texts()
        for text in texts:
            if not text.get_text():
                continue
            box = text.get_window_extent(renderer)
            assert box.x0 >= page.x0 - 1 and box.x1 <= page.x1 + 1, f"clipped: {text.get_text()}"
            assert box.y0 >= page.y0 - 1 and box.y1 <= page.y1 + 1, f"clipped: {text.get_text()}"


# ------------------------------------------------------------------------ shared helpers


def test_check_table_rejects_what_is_not_a_table():
    with pytest.raises(FramingError, match=r"plot_contest expects a pandas DataFrame .*got list"):
        plot_contest([1, 2])


def test_missing_column_names_it_lists_the_columns_and_suggests():
    with pytest.raises(
        FramingError,
        match=r"no column 'shar' \(columns: 'outlet', .*Pass y= .*Did you mean 'share'",
    ):
        plot_contest(contest_table(), y="shar")


def test_empty_table_says_what_should_have_produced_it():
    with pytest.raises(FramingError, match=r"table is empty \(0 rows\).*framing.count_contest"):
        plot_contest(contest_table().iloc[0:0])


def test_text_color_contrasts():
    assert C.text_color("#000000") == "white"
    assert C.text_color("#FFFFFF") == "black"
    assert C.text_color("#00204D") == "white"  # the dark end of cividis
    assert C.text_color("#FFE945") == "black"  # its light end


def test_labels_follow_the_locale():
    assert label("share_mentions") == "Share of mentions"
    with theme("paper", locale="fr"):
        assert label("share_mentions") == "Part des mentions"
        assert label("group") == "Groupe"
        assert with_n("SRC", 12345) == f"SRC (n{NBSP}={NBSP}12{NNBSP}345)"
    assert label("an_unknown_column") == "an_unknown_column"


def test_new_axes_is_single_column_and_grows_with_rows():
    with theme("paper"):
        ax = C.new_axes(None, what="t")
        width, height = ax.figure.get_size_inches()
        assert (width, height) == pytest.approx(figure_size("single"))
        tall = C.new_axes(None, what="t", rows=30)
        assert tall.figure.get_size_inches()[1] > height
        assert tall.figure.get_size_inches()[1] <= 170 / 25.4 + 1e-9


def test_new_axes_rejects_what_is_not_an_axes():
    with pytest.raises(FramingError, match=r"ax must be a matplotlib Axes .*got str"):
        plot_contest(contest_table(), ax="left")


def test_legend_columns_read_row_by_row():
    assert C._legend_order(list("abcde"), 3) == ["a", "d", "b", "e", "c"]
    assert C._legend_order(list("abc"), 1) == ["a", "b", "c"]


# ----------------------------------------------------------------------------- contest


def test_contest_stacked_bars_are_the_shares():
    table = contest_table()
    with theme("paper"):
        ax = plot_contest(table)
    first, second = by_gid(ax, "variant-0"), by_gid(ax, "variant-1")
    assert [p.get_width() for p in first] == pytest.approx([0.625, 0.1])
    assert [p.get_width() for p in second] == pytest.approx([0.375, 0.9])
    assert [p.get_x() for p in second] == pytest.approx([0.625, 0.1])  # stacked
    assert [p.get_y() + p.get_height() / 2 for p in first] == pytest.approx([0, 1])
    assert ax.yaxis_inverted()  # first group on top
    looks = cycle(2)
    assert all(same_color(p.get_facecolor(), looks[0].color) for p in first)
    assert all(same_color(p.get_facecolor(), looks[1].color) for p in second)
    assert all(p.get_hatch() == looks[1].hatch for p in second)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [f"Le Monde (n{NBSP}={NBSP}8)", f"Trend (n{NBSP}={NBSP}10)"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "haut_karabakh",
        "azerbaijani_usage",
    ]
    assert ax.get_xlabel() == "Share of mentions"
    assert ax.get_ylabel() == "Outlet"
    assert_readable(ax)


def test_contest_dodged_whiskers_are_the_table_bounds():
    table = contest_table()
    with theme("paper"):
        ax = plot_contest(table, kind="dodged")
    segments = whisker_segments(ax)
    # Le Monde's two rows have bounds; Trend's (one document) are NaN: no whisker
    ends = sorted((lo, hi) for lo, hi, _ in segments)
    assert np.allclose(ends, [(0.2, 0.6), (0.4, 0.8)])
    bars = by_gid(ax, "variant-0") + by_gid(ax, "variant-1")
    assert sorted(p.get_width() for p in bars) == pytest.approx(sorted(table["share"]))
    # each whisker sits on its bar
    centres = {round(p.get_y() + p.get_height() / 2, 6) for p in bars}
    assert {round(y, 6) for *_, y in segments} <= centres
    assert_readable(ax)


def test_contest_uses_and_returns_the_given_axes_and_leaves_the_table_alone():
    table = contest_table()
    before = table.copy()
    _fig, (left, right) = plt.subplots(1, 2)
    assert plot_contest(table, ax=right) is right
    assert not left.patches
    pd.testing.assert_frame_equal(table, before)
    assert table.attrs == before.attrs
    attached = get_data(right)
    pd.testing.assert_frame_equal(attached, table)
    assert attached.attrs["corpus_fingerprint"] == table.attrs["corpus_fingerprint"]


def test_contest_in_french():
    with theme("paper", locale="fr"):
        ax = plot_contest(contest_table(), kind="dodged")
        assert ax.get_xlabel() == "Part des mentions"
        assert ax.get_ylabel() == "Média"
        formatter = ax.xaxis.get_major_formatter()
        assert formatter.format_ticks([0, 0.25]) == [f"0{NBSP}%", f"25{NBSP}%"]


@pytest.mark.parametrize("where", ["top", "right", "best", None])
def test_contest_legend_positions(where):
    with theme("paper"):
        ax = plot_contest(contest_table(), legend=where)
    legend = ax.get_legend()
    if where is None:
        assert legend is None
        return
    renderer = C.renderer_of(ax.figure)
    box = legend.get_window_extent(renderer)
    if where == "top":
        assert box.y0 >= ax.bbox.y1
    elif where == "right":
        assert box.x0 >= ax.bbox.x1
    assert_readable(ax)


def test_contest_document_unit_labels_documents():
    table = contest_table()
    table.attrs["unit"] = "document"
    ax = plot_contest(table)
    assert ax.get_xlabel() == "Share of documents"


def test_contest_labels_rename_values_and_show_n_can_be_off():
    ax = plot_contest(
        contest_table(),
        labels={"haut_karabakh": "Haut-Karabakh", "Trend": "Trend.az"},
        show_n=False,
    )
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Le Monde", "Trend.az"]
    assert ax.get_legend().get_texts()[0].get_text() == "Haut-Karabakh"


def test_contest_errors():
    table = contest_table()
    two = pd.concat([table, table.assign(contest="city_name")], ignore_index=True)
    with pytest.raises(FramingError, match=r"holds 2 contests .*data\[data\['contest'\] =="):
        plot_contest(two)
    with pytest.raises(FramingError, match=r"2 rows share the same outlet, variant"):
        plot_contest(pd.concat([table, table.iloc[[0]]], ignore_index=True))
    with pytest.raises(
        FramingError, match=r"kind must be one of 'stacked', 'dodged'; got 'stack'"
    ):
        plot_contest(table, kind="stack")
    with pytest.raises(FramingError, match=r"no column 'ci_low'.*Pass ci_low="):
        plot_contest(table.drop(columns="ci_low"), kind="dodged")
    bad = table.copy()
    bad.loc[0, "n_group"] = 7
    with pytest.raises(FramingError, match=r"n='n_group' varies within group 'Le Monde'"):
        plot_contest(bad)
    with pytest.raises(FramingError, match=r"legend must be one of .*got 'under'"):
        plot_contest(table, legend="under")


def test_contest_drop_unused_and_the_eight_colour_limit():
    rows = []
    for i in range(10):
        for g in ("A", "B"):
            rows.append(
                {"group": g, "variant": f"v{i}", "share": 0.5 if i < 2 else 0.0, "n_group": 4}
            )
    table = pd.DataFrame(rows)
    with pytest.raises(FramingError, match=r"10 variants .*8 colours; 8 of them are never used"):
        plot_contest(table)
    ax = plot_contest(table, drop_unused=True)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["v0", "v1"]
    assert set(get_data(ax)["variant"]) == {"v0", "v1"}


# ------------------------------------------------------------------------------- voice


def test_voice_from_matches_counts_hits_by_group_and_voice():
    matches = matches_table()
    before = matches.copy()
    with theme("paper"):
        ax = plot_voice(matches, by="outlet", contest="op")
    # A: author, quoted (distanced), attributed -> 1/3 each; B: 2 author (the rejected
    # quoted hit does not count)
    assert [p.get_width() for p in by_gid(ax, "voice-author")] == pytest.approx([1 / 3, 1])
    assert [p.get_width() for p in by_gid(ax, "voice-quoted")] == pytest.approx([0, 0])
    assert [p.get_width() for p in by_gid(ax, "voice-quoted-distanced")] == pytest.approx(
        [1 / 3, 0]
    )
    attributed = by_gid(ax, "voice-attributed")
    assert [p.get_width() for p in attributed] == pytest.approx([1 / 3, 0])
    assert attributed[0].get_x() == pytest.approx(2 / 3)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [f"A (n{NBSP}={NBSP}3)", f"B (n{NBSP}={NBSP}2)"]
    looks = cycle(3)
    assert same_color(by_gid(ax, "voice-author")[0].get_facecolor(), looks[0].color)
    assert by_gid(ax, "voice-attributed")[0].get_hatch() == looks[2].hatch
    assert by_gid(ax, "voice-quoted-distanced")[0].get_hatch() == "xxxx"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Own voice", "Quoted", "Attributed", "Distanced"]
    tally = get_data(ax)
    assert tally["n"].sum() == 5
    assert set(tally.columns) >= {"outlet", "voice", "distanced", "n", "n_group", "share"}
    pd.testing.assert_frame_equal(matches, before)
    assert_readable(ax)


def test_voice_variant_frame_counts_and_tally_input():
    matches = matches_table()
    ax = plot_voice(matches, by="outlet", variant="ct", normalize=False, distanced=False)
    # ct: A has author + quoted (distanced merged into quoted); B 2 author
    assert [p.get_width() for p in by_gid(ax, "voice-author")] == [1, 2]
    assert [p.get_width() for p in by_gid(ax, "voice-quoted")] == [1, 0]
    assert not by_gid(ax, "voice-quoted-distanced")
    assert ax.get_xlabel() == "Mentions"
    ax = plot_voice(matches, frame="security")  # a parent frame takes its children
    assert [p.get_width() for p in by_gid(ax, "voice-author")] == [1.0]
    tally = pd.DataFrame({"wing": ["left", "left", "right"], "voice": ["author", "quoted",
                          "author"], "n": [3, 1, 2]})  # fmt: skip
    ax = plot_voice(tally, by="wing")
    assert [p.get_width() for p in by_gid(ax, "voice-author")] == pytest.approx([0.75, 1])


def test_voice_errors():
    matches = matches_table()
    with pytest.raises(FramingError, match=r"pass contest= \(and optionally variant=\) or frame="):
        plot_voice(matches, by="outlet")
    with pytest.raises(FramingError, match=r"no hit of contest 'opp'.*Did you mean 'op'"):
        plot_voice(matches, contest="opp")
    with pytest.raises(FramingError, match=r"give frame= or contest= .*not both"):
        plot_voice(matches, contest="op", frame="security")
    with pytest.raises(FramingError, match=r"no column 'outle'.*Did you mean 'outlet'"):
        plot_voice(matches, by="outle", contest="op")
    with pytest.raises(FramingError, match=r"no voice values .*voice=True"):
        plot_voice(matches.assign(voice=None), contest="op")
    tally = pd.DataFrame({"voice": ["author", "quote"], "n": [1, 2]})
    with pytest.raises(FramingError, match=r"voice must be one of .*got 'quote'.*'quoted'"):
        plot_voice(tally)


# ------------------------------------------------------------------------- frame rates


def test_frame_rates_dots_are_the_rates_and_whiskers_the_bounds():
    table = frames_table()
    with theme("paper"):
        ax = plot_frame_rates(table)
    a, b = ax.get_lines()[0], ax.get_lines()[1]
    assert list(a.get_xdata()) == [10.5, 5.0]
    assert list(b.get_xdata()) == [0.0, 12.0]
    assert list(a.get_ydata()) == pytest.approx([-0.11, 0.89])  # dodged around each frame
    assert list(b.get_ydata()) == pytest.approx([0.11, 1.11])
    looks = cycle(2)
    assert same_color(a.get_color(), looks[0].color) and a.get_marker() == looks[0].marker
    assert same_color(b.get_color(), looks[1].color) and b.get_marker() == looks[1].marker
    segments = whisker_segments(ax)
    assert sorted((lo, hi) for lo, hi, _ in segments) == [(1.0, 9.0), (5.0, 15.0)]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["security", "military"]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        f"A (n{NBSP}={NBSP}2)",
        f"B (n{NBSP}={NBSP}1)",
    ]
    assert legend.get_title().get_text() == "Outlet (n documents)"
    assert ax.get_xlabel() == "Hits per 1,000 tokens"
    pd.testing.assert_frame_equal(get_data(ax), table)
    assert_readable(ax)


def test_frame_rates_share_of_documents_in_french():
    with theme("paper", locale="fr"):
        ax = plot_frame_rates(frames_table(), x="share_docs")
        assert ax.get_xlabel() == "Documents concernés"
        assert ax.get_ylabel() == "Cadre"
        assert ax.xaxis.get_major_formatter().format_ticks([0.5]) == [f"50{NBSP}%"]
    segments = whisker_segments(ax)
    assert len(segments) == 4  # share_docs_ci_* are complete
    with theme("paper", locale="fr"):
        ax = plot_frame_rates(frames_table())
        assert ax.get_xlabel() == f"Occurrences pour 1{NNBSP}000 mots"


def test_frame_rates_errors():
    with pytest.raises(FramingError, match=r"no column 'wing'.*Pass hue="):
        plot_frame_rates(frames_table(), hue="wing")
    with pytest.raises(
        FramingError, match=r"no column 'rate_per_1000'.*Did you mean 'rate_per_1k'"
    ):
        plot_frame_rates(frames_table(), x="rate_per_1000")
    with pytest.raises(FramingError, match=r"8 rows share the same outlet, frame"):
        plot_frame_rates(pd.concat([frames_table()] * 2))


# ----------------------------------------------------------------------------- heatmap


def test_heatmap_cells_are_the_values_with_contrasting_text():
    table = frames_table()
    with theme("paper"):
        ax = plot_heatmap(table)
    image = ax.get_images()[0]
    assert np.asarray(image.get_array()).tolist() == [[10.5, 0.0], [5.0, 12.0]]
    texts = {(t.get_position()): t for t in ax.texts}
    assert [texts[(j, i)].get_text() for i in range(2) for j in range(2)] == [
        "10.5",
        "0.0",
        "5.0",
        "12.0",
    ]
    assert texts[(1, 0)].get_color() == "white"  # 0: the darkest cell
    assert texts[(1, 1)].get_color() == "black"  # 12: the lightest
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["security", "military"]
    colorbar = image.colorbar
    assert colorbar is not None and colorbar.ax.get_ylabel() == "Hits per 1,000 tokens"
    pd.testing.assert_frame_equal(get_data(ax), table)
    assert_readable(ax)


def test_heatmap_french_numbers_missing_cells_and_shares():
    table = frames_table().iloc[:3]  # B × military missing
    with theme("paper", locale="fr"):
        ax = plot_heatmap(table)
        assert sorted(t.get_text() for t in ax.texts) == sorted(["10,5", "5,0", "0,0", "–"])
        ax = plot_heatmap(contest_table())
        assert sorted(t.get_text() for t in ax.texts) == ["10", "38", "62", "90"]
        assert ax.get_images()[0].colorbar.ax.get_ylabel() == "Part des mentions (%)"
    ax = plot_heatmap(frames_table(), fmt=2)
    assert ax.texts[0].get_text() == "10.50"
    ax = plot_heatmap(frames_table(), fmt=lambda v: f"<{v:g}>", value="n_matches")
    assert [t.get_text() for t in ax.texts] == ["<4>", "<0>", "<2>", "<3>"]


def test_heatmap_long_labels_stay_readable():
    # nine columns, a long row label and a long French colour-bar label
    rows = []
    for g in ["ECOLO", "GDR", "GVT", "NI", "RRDP", "SRC", "UDI", "UMP", "(missing)"]:
        for v in ["mariage pour tous", "mariage de personnes de même sexe"]:
            rows.append({"political_group": g, "variant": v, "share": 0.5, "n_group": 10})
    table = pd.DataFrame(rows)
    table.attrs = {"function": "count_contest", "by": ["political_group"], "unit": "mention"}
    with theme("paper", locale="fr"):
        ax = plot_heatmap(table)
    assert ax.get_yticklabels()[1].get_text() == "mariage de personnes\nde même sexe"
    assert ax.get_xticklabels()[0].get_rotation() in (45, 90)
    assert_readable(ax)
    frames = frames_table()
    frames["outlet"] = frames["outlet"].map({"A": "seed 000 (La Gazette)", "B": "seed 001"})
    with theme("paper", locale="fr"):
        ax = plot_heatmap(frames)
    colorbar_label = ax.get_images()[0].colorbar.ax.get_ylabel()
    assert colorbar_label.replace("\n", " ") == f"Occurrences pour 1{NNBSP}000 mots"
    assert_readable(ax)


def test_heatmap_drops_annotations_that_cannot_fit():
    wide = pd.DataFrame({"g": [f"g{i}" for i in range(40)], "item": "x", "v": 123456.0})
    with pytest.warns(FramingWarning, match=r"cells are too small for their values"):
        ax = plot_heatmap(wide, x="g", y="item", value="v")
    assert not ax.texts


def test_heatmap_errors():
    plain = pd.DataFrame({"g": ["a"], "item": ["x"], "v": [1.0]})
    with pytest.raises(FramingError, match=r"does not say what to draw .*pass y and value="):
        plot_heatmap(plain)
    ax = plot_heatmap(plain, x="g", y="item", value="v")
    assert np.asarray(ax.get_images()[0].get_array()).tolist() == [[1.0]]
    with pytest.raises(FramingError, match=r"unknown colormap 'cividi'.*Did you mean 'cividis'"):
        plot_heatmap(frames_table(), cmap="cividi")
    with pytest.raises(FramingError, match=r"fmt must be None .*got '.1f'"):
        plot_heatmap(frames_table(), fmt=".1f")


# ---------------------------------------------------------------------------- timeline


def test_timeline_lines_are_shares_per_period_and_bars_the_counts():
    matches = dated_matches()
    with theme("paper"), pytest.warns(FramingWarning, match=r"1 hits have no date"):
        ax = plot_timeline(matches, freq="D")
    lines = [line for line in ax.get_lines() if (line.get_gid() or "").startswith("category")]
    assert len(lines) == 2
    v1, v2 = (np.asarray(line.get_ydata(), dtype=float) for line in lines)
    np.testing.assert_allclose(v1, [2 / 3, np.nan, 0.0])
    np.testing.assert_allclose(v2, [1 / 3, np.nan, 1.0])
    bar_axes = [other for other in C.root_figure(ax).axes if other is not ax]
    heights = [p.get_height() for p in bar_axes[0].patches if p.get_gid() == "n-per-period"]
    assert heights == [3, 0, 1]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Jan 29", "Jan 30", "Jan 31"]
    assert ax.get_xlabel() == "Day, 2013"
    assert ax.get_ylabel() == "Share of mentions"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["v1", "v2", "n per period"]
    tally = get_data(ax)
    assert list(tally.columns) == ["period", "period_start", "variant", "n", "n_period", "share"]
    assert tally["n"].sum() == 4 and tally.attrs["n_undated"] == 1
    assert_readable(ax)


def test_timeline_french_ticks_counts_and_tally_input():
    matches = dated_matches().dropna(subset=["date"])
    matches.loc[3, "date"] = pd.Timestamp("2013-02-01")
    with theme("paper", locale="fr"):
        ax = plot_timeline(matches, freq="D", share=False, show_n=False)
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        assert ticks[0] == "29 janv." and ticks[-1] == "1er févr."
        assert ax.get_ylabel() == "Mentions" and ax.get_xlabel() == "Jour, 2013"
    assert len(C.root_figure(ax).axes) == 1  # no bar axes
    tally = pd.DataFrame(
        {
            "date": pd.to_datetime(["2013-01-07", "2013-01-08", "2013-01-15"]),
            "frame": ["f1", "f2", "f1"],
            "n": [2, 2, 5],
        }
    )
    ax = plot_timeline(tally, by="frame", freq="W")
    f1 = next(line for line in ax.get_lines() if line.get_gid() == "category-0")
    np.testing.assert_allclose(np.asarray(f1.get_ydata(), dtype=float), [0.5, 1.0])
    assert ax.get_ylabel() == "Share of hits"


def test_timeline_errors():
    matches = dated_matches()
    with pytest.raises(FramingError, match=r"freq must be one of 'D', 'W', 'M', 'Q', 'Y'"):
        plot_timeline(matches, freq="week")
    undated = matches.assign(date=pd.NaT)
    with pytest.raises(FramingError, match=r"none of the 5 hits has a date in column 'date'"):
        plot_timeline(undated)
    two = pd.concat([matches, matches.assign(contest="d")], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        with pytest.raises(FramingError, match=r"by='variant' needs contest=.*'c', 'd'"):
            plot_timeline(two)
        with pytest.raises(FramingError, match=r"no hit of contest 'e'"):
            plot_timeline(two, contest="e")
    with pytest.raises(FramingError, match=r"not dates \(e.g. 'soon'\)"):
        plot_timeline(matches.assign(date="soon"))


# ------------------------------------------------------------------ the bundled corpora


@pytest.fixture(scope="module")
def karabakh():
    corpus = framing.read_corpus("karabakh-2023-fr")
    matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # groups of one document
        contest = framing.count_contest(
            matches, contest="operation_name", by="doc_id", corpus=corpus, n_perm=0
        )
        frames = framing.count_frames(matches, by="outlet", corpus=corpus, n_boot=200)
    return corpus, matches, contest, frames


AN_LEXICON = {
    "name": "an-mariage-test",
    "version": "0.1.0",
    "language": "fr",
    "contests": {
        "marriage_name": {
            "variants": {
                "pour_tous": {"entries": ["mariage pour tous", "mariages pour tous"]},
                "homosexuel": {"entries": ["mariage homosexuel", "mariages homosexuels"]},
                "meme_sexe": {
                    "entries": [
                        "mariage* entre personnes de même sexe",
                        "mariage* des personnes de même sexe",
                    ]
                },
            }
        }
    },
    "frames": {
        "family": {"entries": ["famille*", "enfant*", "filiation"]},
        "equality": {"entries": ["égalité", "discrimin*"]},
    },
}


@pytest.fixture(scope="module")
def assemblee():
    corpus = framing.read_corpus("an-mariage-2013")
    matches = framing.match_lexicon(corpus, framing.Lexicon.from_dict(AN_LEXICON))
    return corpus, matches


def test_every_plot_renders_the_karabakh_seeds(karabakh, tmp_path):
    _corpus, matches, contest, frames = karabakh
    with theme("paper", locale="fr"):
        axes = {
            "contest": plot_contest(contest, drop_unused=True),
            "voice": plot_voice(matches, by="doc_id", contest="operation_name"),
            "rates": plot_frame_rates(frames),
            "heatmap": plot_heatmap(frames),
        }
    for name, ax in axes.items():
        assert_readable(ax)
        paths = save_figure(ax, tmp_path / name, formats=["png"])
        written = pd.read_csv(paths[1])
        assert len(written) == len(get_data(ax))
    used = contest.groupby("variant")["n"].sum()
    assert len(by_gid(axes["contest"], "variant-0")) == contest["doc_id"].nunique()
    assert len(axes["contest"].get_legend().get_texts()) == int((used > 0).sum())
    n_mentions = int((matches["contest"] == "operation_name").sum())
    assert get_data(axes["voice"])["n"].sum() == n_mentions
    # the seeds have no publication dates: the timeline says so
    with pytest.raises(FramingError, match=r"none of the \d+ hits has a date in column 'date'"):
        plot_timeline(matches, contest="region_name")


def test_every_plot_renders_the_assemblee_debates(assemblee, tmp_path):
    corpus, matches = assemblee
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        contest = framing.count_contest(
            matches, contest="marriage_name", by="political_group", corpus=corpus, n_perm=0,
            n_boot=200,
        )  # fmt: skip
        frames = framing.count_frames(matches, by="wing", corpus=corpus, n_boot=200)
    with theme("paper"):
        axes = {
            "contest": plot_contest(contest, kind="dodged"),
            "voice": plot_voice(matches, by="wing", contest="marriage_name"),
            "rates": plot_frame_rates(frames),
            "heatmap": plot_heatmap(contest),
            "timeline": plot_timeline(matches, freq="D", contest="marriage_name"),
        }
    for name, ax in axes.items():
        assert_readable(ax)
        save_figure(ax, tmp_path / name, formats=["png"])
    n_groups = contest["political_group"].nunique(dropna=False)
    assert len(axes["contest"].get_yticklabels()) == n_groups
    finite = contest.dropna(subset=["ci_low", "ci_high"])
    assert len(whisker_segments(axes["contest"])) == len(finite)
    timeline = get_data(axes["timeline"])
    assert timeline["n"].sum() == int((matches["contest"] == "marriage_name").sum())


def test_saved_plot_is_byte_identical_and_carries_the_table(tmp_path):
    paths = []
    for run in ("a", "b"):
        with theme("paper"):
            ax = plot_contest(contest_table())
        paths.append(save_figure(ax, tmp_path / run / "contest", formats=["png", "svg"]))
        plt.close("all")
    for first, second in zip(*paths, strict=True):
        if first.suffix != ".json":
            assert first.read_bytes() == second.read_bytes(), first.name
    written = pd.read_csv(paths[0][2])
    assert written["share"].tolist() == contest_table()["share"].tolist()


def test_shares_are_never_recomputed_from_counts():
    # a table whose shares are not n / n_group: the bars follow the table, not the counts
    table = contest_table()
    table["share"] = [0.5, 0.5, 0.25, 0.75]
    ax = plot_contest(table)
    widths = [p.get_width() for p in by_gid(ax, "variant-0")]
    assert widths == [0.5, 0.25] and not math.isclose(widths[0], 5 / 8)
