"""framing.style: themes scoped to their block, journal sizes, Okabe–Ito, French numbers."""

from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib as mpl
import matplotlib.ticker as mticker
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from framing._errors import FramingError, FramingWarning
from framing.style import (
    JOURNALS,
    OKABE_ITO,
    THEMES,
    LocaleFormatter,
    apply_locale,
    current_locale,
    cycle,
    figure_size,
    format_number,
    hatches,
    markers,
    number_formatter,
    palette,
    quote,
    theme,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
MINUS = "\u2212"


def _rc_snapshot() -> dict:
    # every rcParam but "backend": reading that one may import pyplot to resolve it
    return {key: mpl.rcParams[key] for key in mpl.rcParams if key != "backend"}


# ---------------------------------------------------------------- global state


def test_importing_framing_changes_no_rcparam_and_does_not_import_pyplot():
    code = (
        "import sys, matplotlib as mpl\n"
        "keys = [k for k in mpl.rcParams if k != 'backend']  # reading it imports pyplot\n"
        "before = {k: mpl.rcParams[k] for k in keys}\n"
        "import framing.style, framing.save, framing.tables\n"
        "pyplot = 'matplotlib.pyplot' in sys.modules\n"
        "after = {k: mpl.rcParams[k] for k in keys}\n"
        "print(before == after, pyplot)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_theme_sets_paper_params_inside_and_restores_everything_after():
    before = _rc_snapshot()
    with theme("paper"):
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["ps.fonttype"] == 42
        assert mpl.rcParams["svg.fonttype"] == "path"
        assert mpl.rcParams["figure.constrained_layout.use"] is True
        assert mpl.rcParams["savefig.bbox"] is None  # "standard"
        assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert mpl.rcParams["axes.spines.top"] is False
        assert mpl.rcParams["axes.spines.right"] is False
        sizes = [mpl.rcParams[k] for k in ("font.size", "xtick.labelsize", "legend.fontsize")]
        assert all(7 <= size <= 9 for size in sizes)
    assert _rc_snapshot() == before


def test_theme_restores_after_an_exception():
    before = _rc_snapshot()
    with pytest.raises(RuntimeError, match="boom"), theme("slides"):
        raise RuntimeError("boom")
    assert _rc_snapshot() == before


def test_theme_as_decorator_applies_only_during_the_call():
    before = _rc_snapshot()

    @theme("slides", locale="fr")
    def inside():
        return mpl.rcParams["font.size"], current_locale()

    assert inside() == (16.0, "fr")
    assert _rc_snapshot() == before
    assert current_locale() == "en"


def test_theme_instance_nests_and_is_reusable():
    paper, slides = theme("paper"), theme("slides", locale="fr")
    with paper:
        with slides:
            assert mpl.rcParams["font.size"] == 16
            assert current_locale() == "fr"
            with paper:
                assert mpl.rcParams["font.size"] == 8
                assert current_locale() == "en"
            assert mpl.rcParams["font.size"] == 16
        assert mpl.rcParams["font.size"] == 8
        assert current_locale() == "en"


def test_theme_starts_from_matplotlib_defaults_not_the_users_rc():
    with mpl.rc_context({"lines.linewidth": 5.0, "axes.xmargin": 0.3}):
        with theme("paper"):
            assert mpl.rcParams["lines.linewidth"] == 1.2  # the theme's
            assert mpl.rcParams["axes.xmargin"] == mpl.rcParamsDefault["axes.xmargin"]
        assert mpl.rcParams["lines.linewidth"] == 5.0


def test_theme_colour_cycle_is_the_palette():
    with theme("paper"):
        colours = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    assert [mpl.colors.to_hex(c).upper() for c in colours] == palette()


@pytest.mark.parametrize("name", THEMES)
def test_every_shipped_theme_loads(name):
    with theme(name):
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["font.size"] > 0


def test_font_size_scales_every_text_size():
    with theme("paper", font_size=10):
        assert mpl.rcParams["font.size"] == 10
        assert mpl.rcParams["xtick.labelsize"] == pytest.approx(7 * 10 / 8)
        assert mpl.rcParams["figure.titlesize"] == pytest.approx(9 * 10 / 8)


def test_extra_rc_params_override_the_theme():
    with theme("paper", **{"axes.grid": True, "svg.fonttype": "none"}):
        assert mpl.rcParams["axes.grid"] is True
        assert mpl.rcParams["svg.fonttype"] == "none"


def test_theme_accepts_a_style_file(tmp_path):
    style = tmp_path / "mine.mplstyle"
    style.write_text("lines.linewidth: 3.5\n", encoding="utf-8")
    with theme(style):
        assert mpl.rcParams["lines.linewidth"] == 3.5
        assert mpl.rcParams["pdf.fonttype"] == 42  # shared settings still apply


def test_figures_made_in_the_theme_use_constrained_layout():
    with theme("paper"):
        fig = Figure()
    assert fig.get_layout_engine().__class__.__name__ == "ConstrainedLayoutEngine"
    assert tuple(fig.get_size_inches()) == pytest.approx((89 / 25.4, 89 / 25.4 / 1.618), 1e-3)


def test_theme_errors():
    with pytest.raises(FramingError, match=r"Unknown theme 'papr'.*Did you mean 'paper'"):
        theme("papr")
    with pytest.raises(FramingError, match=r"Unknown locale 'de'. Known locales: en, fr"):
        theme("paper", locale="de")
    with pytest.raises(
        FramingError, match=r"Unknown rcParam 'axes.grd'.*Did you mean 'axes.grid'"
    ):
        theme("paper", **{"axes.grd": True})
    with pytest.raises(FramingError, match=r"Invalid rcParam value"):
        theme("paper", **{"lines.linewidth": "thick"})
    with pytest.raises(FramingError, match=r"font_size must be a positive number"):
        theme("paper", font_size=0)
    with pytest.raises(FramingError, match=r"Style file '.*nowhere.mplstyle' does not exist"):
        theme("nowhere.mplstyle")


# ---------------------------------------------------------------------- figure sizes


def test_nature_column_widths_in_inches():
    # Nature: 89 mm single, 183 mm double column (research-figure-guide.nature.com)
    assert figure_size("single")[0] == pytest.approx(3.504, abs=5e-4)
    assert figure_size("double")[0] == pytest.approx(7.205, abs=5e-4)


def test_elsevier_column_widths_in_inches():
    # Elsevier "Artwork sizing": 90 / 140 / 190 mm
    assert figure_size("single", journal="elsevier")[0] == pytest.approx(90 / 25.4)
    assert figure_size("onehalf", journal="elsevier")[0] == pytest.approx(140 / 25.4)
    assert figure_size("double", journal="elsevier")[0] == pytest.approx(190 / 25.4)


def test_height_from_aspect_golden_ratio_or_millimetres():
    width, height = figure_size("single")
    assert width / height == pytest.approx((1 + 5**0.5) / 2)
    assert figure_size(100, aspect=2) == pytest.approx((100 / 25.4, 50 / 25.4))
    assert figure_size(100, height=30) == pytest.approx((100 / 25.4, 30 / 25.4))


def test_figure_size_errors():
    with pytest.raises(FramingError, match=r"Unknown journal 'natur'. Known journals: nature, "):
        figure_size("single", journal="natur")
    with pytest.raises(FramingError, match=r"Unknown width 'onehalf' for journal 'nature'"):
        figure_size("onehalf")
    with pytest.raises(FramingError, match=r"Unknown width 'singel'.*Did you mean 'single'"):
        figure_size("singel")
    with pytest.raises(FramingError, match=r"not both"):
        figure_size("single", aspect=1, height=50)
    with pytest.raises(FramingError, match=r"width must be a positive number of millimetres"):
        figure_size(-3)
    with pytest.raises(FramingError, match=r"aspect must be a positive number"):
        figure_size("single", aspect=0)


def test_figure_taller_than_the_journal_allows_warns():
    with pytest.warns(FramingWarning, match=r"nature prints figures at most 170 mm high"):
        figure_size("single", height=200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure_size(89, height=200)  # a free width names no journal


def test_every_journal_cites_its_source():
    assert all(spec["source"].count("https://") == 1 for spec in JOURNALS.values())


# ---------------------------------------------------------------------------- palette

# Okabe & Ito (2008), jfly.uni-koeln.de/color, "Set of colors that is unambiguous both to
# colorblinds and non-colorblinds": RGB 0-255, copied from the publication.
PUBLISHED_RGB = {
    "black": (0, 0, 0),
    "orange": (230, 159, 0),
    "sky_blue": (86, 180, 233),
    "bluish_green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "reddish_purple": (204, 121, 167),
}


def test_okabe_ito_hex_values_are_the_published_rgb():
    assert list(OKABE_ITO) == list(PUBLISHED_RGB)
    for name, rgb in PUBLISHED_RGB.items():
        hex_value = OKABE_ITO[name]
        assert tuple(int(hex_value[i : i + 2], 16) for i in (1, 3, 5)) == rgb


def test_palette_is_the_eight_colours_once_each():
    assert sorted(palette()) == sorted(OKABE_ITO.values())
    assert palette(2) == ["#0072B2", "#E69F00"]  # blue, orange first


def test_markers_and_hatches_are_distinct_and_match_the_palette():
    assert len(set(markers())) == len(markers()) == 8
    assert len(set(hatches())) == len(hatches()) == 8
    assert hatches()[0] == ""  # the first category is solid
    styles = cycle(3)
    assert [s.color for s in styles] == palette(3)
    assert [s.marker for s in styles] == markers(3)
    assert [s.hatch for s in styles] == hatches(3)
    assert all(mpl.markers.MarkerStyle(m).is_filled() for m in markers())


def test_palette_errors():
    with pytest.raises(FramingError, match=r"has 8 colours; got n=9"):
        palette(9)
    with pytest.raises(FramingError, match=r"n must be a non-negative integer"):
        cycle(-1)


# ---------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (1234.5, {"locale": "en", "decimals": 1}, "1234.5"),
        (12345.678, {"locale": "en", "decimals": 2}, "12,345.68"),
        (12345.678, {"locale": "fr", "decimals": 2}, f"12{NNBSP}345,68"),
        (2023, {"locale": "fr"}, "2023"),  # four digits: a year stays whole
        (1234567, {"locale": "fr"}, f"1{NNBSP}234{NNBSP}567"),
        (1234, {"locale": "fr", "grouping": True}, f"1{NNBSP}234"),
        (0.125, {"locale": "fr", "percent": True}, f"12,5{NBSP}%"),
        (0.125, {"locale": "en", "percent": True}, "12.5%"),
        (-0.5, {"locale": "fr"}, f"{MINUS}0,5"),
        (-0.5, {"locale": "en", "unicode_minus": False}, "-0.5"),
        (-0.0001, {"locale": "en", "decimals": 2}, "0.00"),  # no "−0.00"
        (0.1 + 0.2, {"locale": "en"}, "0.3"),
        (2.0, {"locale": "fr"}, "2"),
        (float("nan"), {"locale": "fr"}, "NaN"),
        (float("-inf"), {"locale": "fr"}, f"{MINUS}∞"),
    ],
)
def test_format_number(value, kwargs, expected):
    assert format_number(value, **kwargs) == expected


def test_format_number_follows_the_theme_locale():
    assert format_number(0.5) == "0.5"
    with theme("paper", locale="fr"):
        assert format_number(0.5) == "0,5"
    assert format_number(0.5) == "0.5"


def test_format_number_errors():
    with pytest.raises(FramingError, match=r"Expected a number; got '1,5'"):
        format_number("1,5")
    with pytest.raises(FramingError, match=r"Unknown locale 'fr_FR'.*Did you mean 'fr'"):
        format_number(1.5, locale="fr_FR")
    with pytest.raises(FramingError, match=r"decimals must be a non-negative integer"):
        format_number(1.5, decimals=1.5)


def _parse_fr(text: str) -> float:
    return float(text.replace(NNBSP, "").replace(MINUS, "-").replace(",", "."))


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(min_value=0, max_value=4),
)
def test_french_numbers_read_back_as_the_rounded_value(value, decimals):
    text = format_number(value, locale="fr", decimals=decimals)
    assert "." not in text
    assert _parse_fr(text) == pytest.approx(float(f"{value:.{decimals}f}"), abs=1e-12)
    if decimals:
        assert len(text.rsplit(",", 1)[1]) == decimals


def test_tick_labels_share_decimals_and_grouping():
    assert number_formatter("fr").format_ticks([0, 0.25, 0.5]) == ["0,00", "0,25", "0,50"]
    assert number_formatter("en").format_ticks([0, 5000, 10000]) == ["0", "5,000", "10,000"]
    assert number_formatter("fr").format_ticks([1000, 1500, 2000]) == ["1000", "1500", "2000"]
    assert number_formatter("fr", decimals=1).format_ticks([0, 1]) == ["0,0", "1,0"]
    assert number_formatter("fr", percent=True).format_ticks([0, 0.125, 0.25]) == [
        f"0,0{NBSP}%",
        f"12,5{NBSP}%",
        f"25,0{NBSP}%",
    ]
    assert number_formatter("en", percent=True, xmax=100).format_ticks([0, 50]) == ["0%", "50%"]


def test_number_formatter_errors():
    with pytest.raises(FramingError, match=r"xmax must be a finite, non-zero number"):
        number_formatter("fr", percent=True, xmax=0)


def test_apply_locale_writes_french_tick_labels_on_numeric_axes_only():
    fig = Figure()
    ax = fig.add_subplot()
    ax.bar(["Le Monde", "Trend"], [0.25, 0.5])
    apply_locale(ax, "fr")
    fig.draw_without_rendering()
    assert isinstance(ax.yaxis.get_major_formatter(), LocaleFormatter)
    assert not isinstance(ax.xaxis.get_major_formatter(), LocaleFormatter)  # categories
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:3] == ["0,0", "0,1", "0,2"]
    assert all("." not in label for label in labels)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Le Monde", "Trend"]


def test_apply_locale_keeps_a_percent_axis_a_percent_axis():
    ax = Figure().add_subplot()
    ax.yaxis.set_major_formatter(number_formatter("en", percent=True))
    apply_locale(ax, "fr")
    formatter = ax.yaxis.get_major_formatter()
    assert formatter.percent
    assert formatter.format_ticks([0.5]) == [f"50{NBSP}%"]


def test_apply_locale_leaves_other_formatters_alone():
    ax = Figure().add_subplot()
    custom = mticker.FuncFormatter(lambda x, pos: "x")
    ax.xaxis.set_major_formatter(custom)
    ax.set_yscale("log")
    apply_locale(ax, "fr")
    assert ax.xaxis.get_major_formatter() is custom
    assert not isinstance(ax.yaxis.get_major_formatter(), LocaleFormatter)


def test_apply_locale_uses_the_theme_locale_and_rejects_non_axes():
    with theme("paper", locale="fr"):
        ax = Figure().add_subplot()
        apply_locale(ax)
    assert ax.yaxis.get_major_formatter().locale == "fr"
    with pytest.raises(FramingError, match=r"apply_locale expects a matplotlib Axes; got str"):
        apply_locale("ax")


def test_quote():
    assert quote("offensive", locale="fr") == f"«{NBSP}offensive{NBSP}»"
    assert quote("offensive", locale="en") == "“offensive”"
    with theme("paper", locale="fr"):
        assert quote("Haut-Karabakh").startswith("«")
    with pytest.raises(FramingError, match=r"quote expects a str; got int"):
        quote(3)


def test_the_paper_font_has_every_glyph_french_typography_needs():
    from matplotlib import font_manager, ft2font

    with theme("paper"):
        path = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    font = ft2font.FT2Font(path)
    assert "DejaVuSans" in path
    for char in (NBSP, NNBSP, MINUS, "«", "»", "é", "’", "∞"):
        assert font.get_char_index(ord(char)) != 0, char


def test_theme_keeps_the_sessions_backend_and_interactive_mode():
    # In Jupyter, pyplot is often first imported inside `with theme(...)`; the inline backend
    # and interactive mode it sets up belong to the session and must survive the block,
    # or later figures stop showing.
    import subprocess
    import sys

    code = (
        "import matplotlib as mpl\n"
        "from framing.style import theme\n"
        "with theme('paper'):\n"
        "    mpl.use('agg')\n"
        "    mpl.rcParams['interactive'] = True\n"
        "print(mpl.get_backend().lower(), mpl.rcParams['interactive'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["agg", "True"]
