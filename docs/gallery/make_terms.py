"""Gallery figures of the term and dispersion plots: plot_log_odds, plot_keyness, plot_dispersion.

Run from the repository root::

    python docs/gallery/make_terms.py            # docs/gallery/plot_*.png
    python docs/gallery/make_terms.py --all /tmp/plots   # also every plot on both corpora

The gallery PNGs are Nature single-column figures (89 mm wide) in the paper theme at
200 dpi, written byte-identically on every run by :func:`framing.save.save_figure`. The
``--all`` folder gets each plot on the bundled Karabakh seeds and on the Assemblée
nationale debate corpus, in English and French, with their data (CSV) and provenance
(JSON) beside them.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from _shared import AN_LABELS, AN_LEXICON, DPI, GALLERY

import framing
from framing.compare import compare_keyness, compare_log_odds
from framing.lexicon import Lexicon
from framing.plot import plot_dispersion, plot_keyness, plot_log_odds
from framing.save import save_figure
from framing.style import theme

KARABAKH_TARGET = "003_e0b1685020b70630"  # the seed that reports from Western agencies
KARABAKH_LABELS = {"haut_karabakh": "Haut-Karabakh", "azerbaijani_usage": "Karabakh / Karabagh"}


def _tables() -> dict[str, dict[str, object]]:
    karabakh = framing.read_corpus("karabakh-2023-fr")
    an = framing.read_corpus("an-mariage-2013")
    k_matches = framing.match_lexicon(karabakh, "karabakh-2023-fr")
    an_matches = framing.match_lexicon(an, Lexicon.from_dict(AN_LEXICON), voice=False)
    return {
        "an": {
            "log_odds": compare_log_odds(
                an, by="wing", target="right", reference="left", ngram=(1, 3),
                stopwords="fr", min_count=20,
            ),
            "keyness": compare_keyness(
                an, by="wing", target="right", reference="left", ngram=(1, 3),
                stopwords="fr", min_count=20,
            ),
            "dispersion": {"matches": an_matches, "corpus": an, "by": "variant",
                           "labels": AN_LABELS, "top_n": 15},
        },
        "karabakh": {
            "log_odds": compare_log_odds(
                karabakh, by="doc_id", target=KARABAKH_TARGET, stopwords="fr"
            ),
            "keyness": compare_keyness(
                karabakh, by="doc_id", target=KARABAKH_TARGET, stopwords="fr"
            ),
            "dispersion": {"matches": k_matches[k_matches["contest"] == "region_name"],
                           "corpus": karabakh, "by": "variant",
                           "labels": KARABAKH_LABELS},
        },
    }  # fmt: skip


def _draw(kind: str, tables: dict[str, object]) -> object:
    if kind == "log_odds":
        return plot_log_odds(tables["log_odds"])
    if kind == "keyness":
        return plot_keyness(tables["keyness"])
    spec = dict(tables["dispersion"])  # type: ignore[arg-type]
    return plot_dispersion(spec.pop("matches"), spec.pop("corpus"), **spec)


#: Which corpus each gallery figure shows.
GALLERY_FIGURES = {"log_odds": "an", "keyness": "an", "dispersion": "karabakh"}


def make_gallery(tables: dict[str, dict[str, object]]) -> list[Path]:
    """The three gallery PNGs (paper theme, 89 mm, 200 dpi) in docs/gallery."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, corpus in GALLERY_FIGURES.items():
            with theme("paper"):
                ax = _draw(kind, tables[corpus])
                (png,) = [
                    p
                    for p in save_figure(ax, Path(tmp) / kind, formats=["png"], dpi=DPI)
                    if p.suffix == ".png"
                ]
                plt.close(ax.figure)
            target = GALLERY / f"plot_{kind}.png"
            shutil.copyfile(png, target)
            written.append(target)
    return written


def make_all(tables: dict[str, dict[str, object]], folder: Path) -> list[Path]:
    """Every plot on both corpora, English and French, with data and provenance."""
    written = []
    for corpus, corpus_tables in tables.items():
        for kind in ("log_odds", "keyness", "dispersion"):
            for locale in ("en", "fr"):
                with theme("paper", locale=locale):
                    ax = _draw(kind, corpus_tables)
                    written += save_figure(
                        ax, folder / f"{kind}_{corpus}_{locale}", formats=["png"], dpi=DPI
                    )
                    plt.close(ax.figure)
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
