"""Gallery figures of the core plots: contest, voice, frame rates, heatmap, timeline.

Run from the repository root::

    python docs/gallery/make_core.py                     # docs/gallery/plot_*.png
    python docs/gallery/make_core.py --all /tmp/plots    # also every plot on both corpora

The gallery PNGs are Nature single-column figures (89 mm wide) in the paper theme at
200 dpi, written byte-identically on every run by :func:`framing.save.save_figure`. The
``--all`` folder gets each plot on the bundled Karabakh seeds and on the Assemblée
nationale debate corpus, in English and French, with their data (CSV) and provenance
(JSON) beside them. (The Karabakh seeds carry no publication date, so they have no
timeline.)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from _shared import AN_LABELS, DPI, GALLERY
from _shared import AN_LEXICON as SHARED_LEXICON

import framing
from framing._errors import FramingWarning
from framing.lexicon import Lexicon
from framing.plot import plot_contest, plot_frame_rates, plot_heatmap, plot_timeline, plot_voice
from framing.save import save_figure
from framing.style import theme

#: The marriage contest and four illustrative frames (a demonstration lexicon, not a
#: validated one).
AN_LEXICON = {
    **SHARED_LEXICON,
    "frames": {
        "family": {"entries": ["famille*", "enfant*", "filiation", "parent*", "adoption*"]},
        "equality": {"entries": ["égalité", "égaux", "discrimin*"]},
        "civilisation": {"entries": ["civilisation*", "anthropolog*"]},
        "institution": {"entries": ["institution*", "code civil"]},
    },
}
#: The seeds by number (and outlet, where one is named); the operation's names in words.
KARABAKH_LABELS = {
    "000_9e5079871ae24380": "seed 000 (La Gazette)",
    "001_e8a9aa4a5a1de8df": "seed 001",
    "002_260b07781369273e": "seed 002",
    "003_e0b1685020b70630": "seed 003",
    "004_f2b60a6b7852c7d8": "seed 004",
    "counter_terrorism": "counter-terrorism",
    "military_operation": "military operation",
    "use_of_force": "use of force",
}


def _tables() -> dict[str, dict[str, Any]]:
    karabakh = framing.read_corpus("karabakh-2023-fr")
    an = framing.read_corpus("an-mariage-2013")
    k_matches = framing.match_lexicon(karabakh, "karabakh-2023-fr")
    an_matches = framing.match_lexicon(an, Lexicon.from_dict(AN_LEXICON))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # the seeds: groups of one document
        return {
            "karabakh": {
                "matches": k_matches,
                "labels": KARABAKH_LABELS,
                "contest": framing.count_contest(
                    k_matches, contest="operation_name", by="doc_id", corpus=karabakh
                ),
                "frames": framing.count_frames(k_matches, by="doc_id", corpus=karabakh),
                "frames_by_outlet": framing.count_frames(k_matches, by="outlet", corpus=karabakh),
            },
            "an": {
                "matches": an_matches,
                "labels": AN_LABELS,
                "contest": framing.count_contest(
                    an_matches, contest="marriage_name", by="political_group", corpus=an
                ),
                "frames": framing.count_frames(an_matches, by="political_group", corpus=an),
                "frames_by_outlet": framing.count_frames(an_matches, by="wing", corpus=an),
            },
        }


def _draw(kind: str, corpus: str, t: dict[str, Any]) -> Any:
    labels = t["labels"]
    if kind == "contest":
        return plot_contest(t["contest"], drop_unused=True, labels=labels)
    if kind == "voice":
        if corpus == "karabakh":
            return plot_voice(t["matches"], by="doc_id", contest="operation_name", labels=labels)
        return plot_voice(t["matches"], by="political_group", contest="marriage_name")
    if kind == "frame_rates":
        return plot_frame_rates(t["frames_by_outlet"], labels=labels)
    if kind == "heatmap":
        table = t["frames"] if corpus == "karabakh" else t["contest"]
        return plot_heatmap(table, labels=labels)
    if kind == "timeline":
        return plot_timeline(t["matches"], freq="D", contest="marriage_name", labels=labels)
    raise ValueError(kind)


#: Which corpus each gallery figure shows.
GALLERY_FIGURES = {
    "contest": "karabakh",
    "voice": "karabakh",
    "frame_rates": "an",
    "heatmap": "karabakh",
    "timeline": "an",
}
KINDS: tuple[str, ...] = tuple(GALLERY_FIGURES)


def _save(kind: str, corpus: str, tables: dict[str, Any], path: Path) -> list[Path]:
    ax = _draw(kind, corpus, tables)
    try:
        return save_figure(ax, path, formats=["png"], dpi=DPI)
    finally:
        plt.close(ax.figure)


def make_gallery(tables: dict[str, dict[str, Any]]) -> list[Path]:
    """The five gallery PNGs (paper theme, 89 mm, 200 dpi) in docs/gallery."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, corpus in GALLERY_FIGURES.items():
            with theme("paper"):
                paths = _save(kind, corpus, tables[corpus], Path(tmp) / kind)
            (png,) = [p for p in paths if p.suffix == ".png"]
            target = GALLERY / f"plot_{kind}.png"
            shutil.copyfile(png, target)
            written.append(target)
    return written


def make_all(tables: dict[str, dict[str, Any]], folder: Path) -> list[Path]:
    """Every plot on both corpora, English and French, with data and provenance."""
    written = []
    for corpus, corpus_tables in tables.items():
        for kind in KINDS:
            if kind == "timeline" and corpus == "karabakh":
                continue  # no publication dates in the seeds
            for locale in ("en", "fr"):
                with theme("paper", locale=locale):
                    path = folder / f"{kind}_{corpus}_{locale}"
                    written += _save(kind, corpus, corpus_tables, path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", type=Path, metavar="DIR", help="also write every variant here")
    args = parser.parse_args(argv)
    tables = _tables()
    for path in make_gallery(tables):
        print(path)
    if args.all:
        for path in make_all(tables, args.all):
            if path.suffix == ".png":
                print(path)


if __name__ == "__main__":
    main()
