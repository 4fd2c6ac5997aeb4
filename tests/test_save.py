"""save_figure: byte-identical files across processes, Type 42 fonts, exact page size."""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from framing._errors import FramingError
from framing.save import attach_data, get_data, save_figure
from framing.style import cycle, figure_size, theme

MM = 25.4

# A figure with what real figures have: French text and guillemets, bars with hatches,
# lines with markers, error bars, a legend, a percent axis. Run as a separate process.
SCRIPT = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from matplotlib.figure import Figure
    from framing.save import attach_data, save_figure
    from framing.style import cycle, figure_size, number_formatter, quote, theme, apply_locale

    table = pd.DataFrame({
        "outlet": ["Le Monde", "Le Monde", "Trend", "Trend"],
        "variant": ["Haut-Karabakh", "Karabakh", "Haut-Karabakh", "Karabakh"],
        "share": [0.625, 0.375, 0.1, 0.9],
    })
    table.attrs = {"corpus_fingerprint": "sha256:" + "ab" * 32,
                   "lexicon": {"name": "karabakh-2023-fr", "fingerprint": "sha256:" + "cd" * 32},
                   "parameters": {"ci": 0.95, "n_boot": 1000}}
    with theme("paper", locale="fr"):
        fig = Figure(figsize=figure_size("single"))
        ax = fig.add_subplot()
        for i, (variant, style) in enumerate(zip(["Haut-Karabakh", "Karabakh"], cycle(2))):
            sub = table[table["variant"] == variant]
            ax.bar([0.2 * i, 1 + 0.2 * i], sub["share"], width=0.2, color=style.color,
                   hatch=style.hatch, label=quote(variant))
            ax.plot([0.2 * i, 1 + 0.2 * i], sub["share"], marker=style.marker, color="black")
            ax.errorbar([0.2 * i, 1 + 0.2 * i], sub["share"], yerr=0.05, fmt="none")
        ax.set_ylabel("Part des mentions (é, ’, « »)")
        ax.yaxis.set_major_formatter(number_formatter(percent=True))
        ax.legend(title="Variante")
        apply_locale(ax)
        attach_data(ax, table)
    save_figure(fig, sys.argv[1], provenance={"study": "karabakh"},
                metadata={"Title": "Nommer la région"})
    """
)


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(script, out, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)  # reproducible without it
    subprocess.run([sys.executable, str(script), str(out)], check=True, env=env)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The same figure saved by two separate Python processes (different hash seeds)."""
    root = tmp_path_factory.mktemp("runs")
    script = root / "make_figure.py"
    script.write_text(SCRIPT, encoding="utf-8")
    _run(script, root / "one" / "contest", seed="1")
    _run(script, root / "two" / "contest", seed="2")
    return root / "one", root / "two"


@pytest.mark.parametrize("ext", ["pdf", "svg", "png", "csv", "json"])
def test_two_processes_write_byte_identical_files(two_runs, ext):
    one, two = two_runs
    assert _sha(one / f"contest.{ext}") == _sha(two / f"contest.{ext}")


def test_pdf_embeds_truetype_fonts_and_no_type3(two_runs):
    pdf = (two_runs[0] / "contest.pdf").read_bytes()
    assert b"/FontFile2" in pdf  # an embedded TrueType font program (Type 42)
    # matplotlib ≥ 3.10 writes Type 42 as a Type0 font over a CIDFontType2 (TrueType outlines)
    assert re.search(rb"/Subtype\s*/(TrueType|CIDFontType2)", pdf)
    assert not re.search(rb"/Subtype\s*/Type3", pdf)
    assert b"DejaVuSans" in pdf


def test_files_carry_no_date(two_runs):
    one = two_runs[0]
    pdf = (one / "contest.pdf").read_bytes()
    assert b"/CreationDate" not in pdf
    assert b"/ModDate" not in pdf
    assert b"/Title" in pdf  # the user's metadata is kept
    assert "<dc:date>" not in (one / "contest.svg").read_text(encoding="utf-8")
    png = (one / "contest.png").read_bytes()
    assert b"Software" not in png
    assert b"Title" in png


def _pdf_page_mm(pdf: bytes) -> tuple[float, float]:
    box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    x0, y0, x1, y1 = (float(v) for v in box.groups())
    return (x1 - x0) / 72 * MM, (y1 - y0) / 72 * MM


def _png_size_px(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_saved_pages_are_the_requested_size_in_mm(two_runs):
    one = two_runs[0]
    golden = (1 + 5**0.5) / 2
    width, height = _pdf_page_mm((one / "contest.pdf").read_bytes())
    assert width == pytest.approx(89, abs=0.1)
    assert height == pytest.approx(89 / golden, abs=0.1)
    px_w, px_h = _png_size_px((one / "contest.png").read_bytes())
    assert px_w / 300 * MM == pytest.approx(89, abs=0.1)
    assert px_h / 300 * MM == pytest.approx(89 / golden, abs=0.1)
    svg = (one / "contest.svg").read_text(encoding="utf-8")
    svg_w = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
    assert svg_w / 72 * MM == pytest.approx(89, abs=0.1)


def test_csv_and_provenance_json_beside_the_figure(two_runs):
    one = two_runs[0]
    csv = (one / "contest.csv").read_bytes()
    assert csv.splitlines()[0] == b"outlet,variant,share"
    assert b"\r" not in csv
    assert pd.read_csv(one / "contest.csv")["share"].tolist() == [0.625, 0.375, 0.1, 0.9]
    raw = (one / "contest.json").read_text(encoding="utf-8")
    record = json.loads(raw)
    assert raw == json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert record["fingerprints"] == {
        "corpus": "sha256:" + "ab" * 32,
        "lexicon": "sha256:" + "cd" * 32,
    }
    assert record["data"]["attrs"]["parameters"] == {"ci": 0.95, "n_boot": 1000}
    assert record["data"]["columns"] == ["outlet", "variant", "share"]
    assert record["provenance"] == {"study": "karabakh"}
    assert record["metadata"] == {"Title": "Nommer la région"}
    assert record["software"]["matplotlib"] == mpl.__version__
    assert set(record["software"]) == {"framing", "matplotlib", "numpy", "pandas", "python"}
    for ext in ("pdf", "svg", "png", "csv"):
        assert record["files"][ext] == {
            "name": f"contest.{ext}",
            "sha256": _sha(one / f"contest.{ext}"),
        }
    assert record["figure"]["width_mm"] == pytest.approx(89, abs=1e-3)
    assert not re.search(r"20\d\d-\d\d-\d\d", raw)  # no timestamp anywhere


# ----------------------------------------------------------------- in-process checks


def _small_figure() -> Figure:
    with theme("paper"):
        fig = Figure(figsize=figure_size(60, height=40))
        ax = fig.add_subplot()
        ax.plot([0, 1, 2], [1, 3, 2], marker=cycle(1)[0].marker)
        ax.set_title("Titre")
    return fig


def test_saving_twice_in_one_process_gives_the_same_bytes(tmp_path):
    fig = _small_figure()
    first = save_figure(fig, tmp_path / "a" / "fig")
    second = save_figure(fig, tmp_path / "b" / "fig")
    assert [p.name for p in first] == ["fig.pdf", "fig.svg", "fig.png", "fig.json"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def _svg_of(fig: Figure, folder) -> bytes:
    svg = save_figure(fig, folder / "fig.svg")[0]
    return svg.read_bytes()


def test_svg_ids_do_not_depend_on_the_last_bits_of_the_layout(tmp_path):
    """matplotlib hashes a clip rectangle's floats into its id: an Axes 1e-15 higher (a
    layout moved by one bar a last bit longer, on another processor) renamed every clip."""

    def figure(shift: float) -> Figure:
        fig = Figure(figsize=figure_size(60, height=40))
        ax = fig.add_axes((0.15, 0.15 + shift, 0.8, 0.8))
        ax.bar([0, 1], [1, 2], hatch="//")
        ax.plot([0, 1], [1, 2], marker="o")
        return fig

    first = _svg_of(figure(0.0), tmp_path / "a")
    assert first == _svg_of(figure(1e-15), tmp_path / "b")
    text = first.decode("utf-8")
    defined = re.findall(r'id="((?:clip|marker|hatch)\d+)"', text)
    assert {"clip1", "marker1", "hatch1"} <= set(defined)
    assert len(defined) == len(set(defined))
    used = set(re.findall(r"url\(#([^)]+)\)", text)) | set(re.findall(r'href="#([^"]+)"', text))
    assert used >= {"clip1", "marker1", "hatch1"}
    assert not re.search(r'id="[hmp][0-9a-f]{10}"', text)  # no hashed id left
    all_ids = set(re.findall(r'id="([^"]+)"', text))
    assert used <= all_ids  # every reference resolves


def test_keyness_bars_a_last_bit_longer_draw_the_same_svg(tmp_path):
    from framing.plot import plot_keyness

    table = pd.DataFrame(
        {"term": [f"mot{i}" for i in range(12)], "g2": np.linspace(-9.123456789, 8.7654321, 12)}
    )
    nudged = table.assign(g2=np.nextafter(table["g2"].to_numpy(), np.inf))
    svgs = []
    for name, data in (("a", table), ("b", nudged)):
        with theme("paper"):
            ax = plot_keyness(data)
        svgs.append(_svg_of(ax.figure, tmp_path / name))
    assert svgs[0] == svgs[1]


def test_type42_even_outside_the_theme(tmp_path):
    fig = Figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "Karabakh")
    with mpl.rc_context({"pdf.fonttype": 3}):
        (pdf,) = save_figure(fig, tmp_path / "plain.pdf")[:1]
    content = pdf.read_bytes()
    assert b"/FontFile2" in content
    assert not re.search(rb"/Subtype\s*/Type3", content)


def test_tight_bbox_in_the_users_rc_does_not_change_the_page_size(tmp_path):
    fig = _small_figure()
    with mpl.rc_context({"savefig.bbox": "tight"}):
        (pdf,) = save_figure(fig, tmp_path / "f.pdf")[:1]
    width, height = _pdf_page_mm(pdf.read_bytes())
    assert (width, height) == (pytest.approx(60, abs=0.1), pytest.approx(40, abs=0.1))


def test_a_format_extension_writes_that_format_only(tmp_path):
    paths = save_figure(_small_figure(), tmp_path / "only.png", dpi=100)
    assert [p.name for p in paths] == ["only.png", "only.json"]
    assert _png_size_px(paths[0].read_bytes()) == (round(60 / MM * 100), round(40 / MM * 100))


def test_other_dots_belong_to_the_name_and_folders_are_created(tmp_path):
    paths = save_figure(
        _small_figure(), tmp_path / "new" / "deep" / "contest.region_name", formats="svg"
    )
    assert [p.name for p in paths] == ["contest.region_name.svg", "contest.region_name.json"]
    assert all(p.is_file() for p in paths)


def test_data_argument_wins_over_attached_data(tmp_path):
    fig = _small_figure()
    attach_data(fig.axes[0], pd.DataFrame({"x": [1]}))
    paths = save_figure(fig, tmp_path / "f", formats=["png"], data=pd.DataFrame({"y": [2.5]}))
    assert (tmp_path / "f.csv").read_text(encoding="utf-8") == "y\n2.5\n"
    assert [p.name for p in paths] == ["f.png", "f.csv", "f.json"]


def test_get_data_stacks_several_panels_with_their_label():
    fig = Figure()
    left, right = fig.subplots(1, 2)
    attach_data(left, pd.DataFrame({"variant": ["a"], "n": [1]}))
    attach_data(right, pd.DataFrame({"variant": ["b"], "share": [0.5]}))
    data = get_data(fig)
    assert data.columns.tolist() == ["panel", "variant", "n", "share"]
    assert data["panel"].tolist() == ["a", "b"]
    assert data["variant"].tolist() == ["a", "b"]
    assert get_data(left) is not None  # an Axes stands for its figure
    assert get_data(Figure()) is None


def test_provenance_json_of_a_multi_panel_figure_keeps_each_panels_attrs(tmp_path):
    fig = Figure()
    left, right = fig.subplots(1, 2)
    one, two = pd.DataFrame({"n": [1]}), pd.DataFrame({"n": [2]})
    one.attrs = {"corpus_fingerprint": "sha256:1"}
    two.attrs = {"corpus_fingerprint": "sha256:2"}
    attach_data(left, one)
    attach_data(right, two)
    save_figure(fig, tmp_path / "f", formats="png", dpi=50)
    record = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert record["data"]["panels"]["a"]["attrs"] == {"corpus_fingerprint": "sha256:1"}
    assert record["fingerprints"] == {"corpus": ["sha256:1", "sha256:2"]}


def test_a_named_index_is_written_as_columns(tmp_path):
    table = pd.DataFrame({"n": [3, 5]}, index=pd.Index(["Le Monde", "Trend"], name="outlet"))
    save_figure(_small_figure(), tmp_path / "f", formats="png", dpi=50, data=table)
    assert (tmp_path / "f.csv").read_text(encoding="utf-8") == "outlet,n\nLe Monde,3\nTrend,5\n"


def test_save_figure_errors(tmp_path):
    fig = _small_figure()
    with pytest.raises(FramingError, match=r"Unknown format 'jpg'.*writes pdf, svg, png"):
        save_figure(fig, tmp_path / "f", formats=["pdf", "jpg"])
    with pytest.raises(FramingError, match=r"Unknown format 'pfd'.*Did you mean 'pdf'"):
        save_figure(fig, tmp_path / "f", formats="pfd")
    with pytest.raises(FramingError, match=r"ends in \.png but formats=\('pdf',\)"):
        save_figure(fig, tmp_path / "f.png", formats=["pdf"])
    with pytest.raises(FramingError, match=r"\.jpg is not a supported format"):
        save_figure(fig, tmp_path / "f.jpg")
    with pytest.raises(FramingError, match=r"formats is empty"):
        save_figure(fig, tmp_path / "f", formats=[])
    with pytest.raises(FramingError, match=r"save_figure expects a matplotlib Figure .*got str"):
        save_figure("fig", tmp_path / "f")
    with pytest.raises(FramingError, match=r"dpi must be a positive number; got 0"):
        save_figure(fig, tmp_path / "f", dpi=0)
    with pytest.raises(FramingError, match=r"data must be a pandas DataFrame .*got list"):
        save_figure(fig, tmp_path / "f", data=[1, 2])
    with pytest.raises(FramingError, match=r"Unknown metadata key 'Tilte'.*Did you mean 'Title'"):
        save_figure(fig, tmp_path / "f", metadata={"Tilte": "x"})
    with pytest.raises(FramingError, match=r"provenance must be a dict; got str"):
        save_figure(fig, tmp_path / "f", provenance="today")
    assert not list(tmp_path.iterdir())  # nothing written by a failed call


def test_attach_data_errors():
    ax = Figure().add_subplot()
    with pytest.raises(FramingError, match=r"attach_data expects a pandas DataFrame; got dict"):
        attach_data(ax, {"n": [1]})
    with pytest.raises(FramingError, match=r"attach_data expects a matplotlib Axes or Figure"):
        attach_data("ax", pd.DataFrame())
