"""The benchmark corpus: the 100 ELTeC-fra novels, as a framing Corpus or as sized JSONL.

The novels (French Novel Corpus ELTeC-fra v1.0.1, public domain, Schöch & Burnard 2021,
DOI 10.5281/zenodo.4662433) are read from ``../shared/data/eltec-fra`` beside the checkout
(or the folder named by ``$FRAMING_ELTEC``): the tarball is extracted once into
``bench/.cache/`` (not versioned). Each novel is one document: ``doc_id`` is the file stem
(``FRA03704_Sand``), ``text`` the novel (one paragraph per line), and the useful metadata
columns of the TSV renamed to snake_case (``author``, ``title``, ``year``, ``decade``,
``year_bin``, ``gender``, ``subgenre``, ``time_slot``, ``size``, ``n_words``).

``year_bin`` groups the novels 20 ways by publication year (``reference-year``): the novels
are ranked by year (ties by id) and cut into 20 bins of five novels, labelled by the years
they span (``"1840-1842"``). It is the 20-way grouping of the statistics benchmark.

For the streaming benchmark :func:`write_jsonl` writes a JSON Lines file of a target size by
repeating the novels in order with new ids (``FRA03704_Sand~002`` for the second copy).

Command line::

    python -m bench.corpus                  # extract, print a summary
    python -m bench.corpus --jsonl 5 25 50  # also write bench/.cache/eltec-5mb.jsonl, ...
"""

from __future__ import annotations

import argparse
import json
import os
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
#: Where the ELTeC-fra data lives unless $FRAMING_ELTEC says otherwise.
DEFAULT_DATA = REPO.parent / "shared" / "data" / "eltec-fra"
TARBALL = "eltec-fra-txt.tar.gz"
METADATA = "ELTeC-fra_metadata.tsv"
LEXICON = BENCH / "lexicon-fr.yaml"
MB = 1_000_000
N_BINS = 20

# TSV column -> corpus column
_META = {
    "author-name": "author",
    "title": "title",
    "reference-year": "year",
    "author-gender": "gender",
    "subgenre": "subgenre",
    "time-slot": "time_slot",
    "size-category": "size",
    "numwords": "n_words",
}


def data_dir() -> Path:
    """The folder holding the ELTeC-fra tarball and metadata TSV."""
    return Path(os.environ.get("FRAMING_ELTEC", DEFAULT_DATA))


def extract(*, data: Path | None = None, cache: Path = CACHE) -> Path:
    """Extract the novels once into ``cache/txt`` and return that folder.

    Parameters
    ----------
    data : Path, optional
        Folder with ``eltec-fra-txt.tar.gz``; default :func:`data_dir`.
    cache : Path
        Cache folder; default ``bench/.cache``.

    Returns
    -------
    Path
        The folder of ``*.txt`` files.

    Raises
    ------
    FileNotFoundError
        If the tarball is missing (the message says where it was looked for).
    """
    data = data_dir() if data is None else Path(data)
    out = cache / "txt"
    done = cache / ".extracted"
    if done.is_file() and out.is_dir():
        return out
    tarball = data / TARBALL
    if not tarball.is_file():
        raise FileNotFoundError(
            f"{tarball} not found. The benchmark needs the ELTeC-fra novels: put the data in "
            f"{DEFAULT_DATA} or set FRAMING_ELTEC to the folder holding {TARBALL}."
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")]
        for member in members:
            member.name = "txt/" + Path(member.name).name  # flatten, no path tricks
        tar.extractall(cache, members=members, filter="data")
    done.write_text(f"{len(members)} files from {tarball}\n", encoding="utf-8")
    return out


def year_bins(years: pd.Series, doc_ids: pd.Series, n: int = N_BINS) -> pd.Series:
    """Cut documents into ``n`` equal-count bins by year, labelled by the years they span."""
    order = pd.DataFrame({"year": years.to_numpy(), "doc_id": doc_ids.to_numpy()})
    order = order.sort_values(["year", "doc_id"], kind="stable")
    ranks = pd.Series(range(len(order)), index=order.index)
    codes = (ranks * n // max(len(order), 1)).sort_index()
    spans = order.assign(code=codes).groupby("code")["year"].agg(["min", "max"])
    labels = {c: f"{int(r['min'])}-{int(r['max'])}" for c, r in spans.iterrows()}
    # two bins may span the same years: keep labels unique and sortable by the bin number
    if len(set(labels.values())) < len(labels):
        labels = {c: f"{c + 1:02d}:{lab}" for c, lab in labels.items()}
    return codes.map(labels).set_axis(years.index)


def load_frame(
    *, data: Path | None = None, cache: Path = CACHE, max_mb: float | None = None
) -> pd.DataFrame:
    """The novels as a DataFrame: ``doc_id``, ``text`` and metadata, sorted by ``doc_id``.

    Parameters
    ----------
    data, cache : Path, optional
        As for :func:`extract`.
    max_mb : float, optional
        Keep only a subset of about this many megabytes (UTF-8) of text: novels are taken in
        an order interleaving the four ELTeC time slots, so a subset spans the whole period.

    Returns
    -------
    pandas.DataFrame
    """
    data = data_dir() if data is None else Path(data)
    folder = extract(data=data, cache=cache)
    meta = pd.read_csv(data / METADATA, sep="\t", dtype=str, keep_default_na=False)
    meta = meta.rename(columns={"filename": "doc_id", **_META})[["doc_id", *_META.values()]]
    meta = meta.replace({"NA": None, "": None})
    meta["year"] = pd.to_numeric(meta["year"]).astype("Int64")
    meta["n_words"] = pd.to_numeric(meta["n_words"]).astype("Int64")
    meta["decade"] = (meta["year"] // 10 * 10).astype("Int64")
    meta["year_bin"] = year_bins(meta["year"], meta["doc_id"])
    files = sorted(folder.glob("*.txt"))
    frame = pd.DataFrame(
        {"doc_id": [p.stem for p in files], "text": [p.read_text("utf-8") for p in files]}
    )
    frame = frame.merge(meta, on="doc_id", how="left", validate="one_to_one")
    if max_mb is not None:
        frame = _subset(frame, max_mb)
    return frame.sort_values("doc_id").reset_index(drop=True)


def _subset(frame: pd.DataFrame, max_mb: float) -> pd.DataFrame:
    # round-robin over time slots (then ids) so that a small subset covers 1840-1920
    ranked = frame.sort_values(["time_slot", "doc_id"]).assign(
        _r=lambda f: f.groupby("time_slot").cumcount()
    )
    ranked = ranked.sort_values(["_r", "time_slot"]).drop(columns="_r")
    sizes = ranked["text"].map(lambda t: len(t.encode("utf-8"))).cumsum()
    keep = sizes <= max_mb * MB
    keep.iloc[0] = True  # at least one novel
    return ranked[keep]


def load_corpus(
    *,
    max_mb: float | None = None,
    frame: pd.DataFrame | None = None,
    article_chars: int | None = None,
):
    """The novels as a :class:`framing.Corpus` named ``eltec-fra`` (see :func:`load_frame`).

    With ``article_chars``, each novel is cut into documents of about that many characters
    (:func:`articles`) and the name says so (``eltec-fra-articles3000``).
    """
    from framing import Corpus

    if frame is None:
        frame = load_frame(max_mb=max_mb)
    name = "eltec-fra" if max_mb is None else f"eltec-fra-{max_mb:g}mb"
    if article_chars is not None:
        frame = articles(frame, article_chars)
        name += f"-articles{article_chars}"
    return Corpus(frame, name=name, source=str(data_dir() / TARBALL))


def cut(text: str, size: int) -> list[str]:
    """``text`` in consecutive pieces of at least ``size`` characters, each ending at the
    end of a line (the last piece may be shorter); ``"".join(cut(text, size)) == text``."""
    pieces = []
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + size - 1)
        end = n if end < 0 else end + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def articles(frame: pd.DataFrame, size: int) -> pd.DataFrame:
    """The novels cut into article-sized documents, for the per-document costs.

    Press corpora hold millions of documents of a few thousand characters, where the cost
    of each call matters as much as the cost of each character. Each novel (one paragraph
    per line) is cut at line ends into pieces of at least ``size`` characters
    (:func:`cut`); piece ``k`` of novel ``X`` is document ``X#000k``, with the novel's
    metadata. The text is the same text, so the time per megabyte can be compared.
    """
    if size < 1:
        raise ValueError(f"article size must be at least 1 character, got {size}")
    rows = []
    for row in frame.to_dict("records"):
        for k, piece in enumerate(cut(row["text"], size), 1):
            rows.append({**row, "doc_id": f"{row['doc_id']}#{k:04d}", "text": piece})
    return pd.DataFrame(rows, columns=frame.columns).astype(frame.dtypes.to_dict())


def text_bytes(texts: Iterable[str]) -> int:
    """Total UTF-8 size of the texts."""
    return sum(len(t.encode("utf-8")) for t in texts)


def _records(frame: pd.DataFrame) -> Iterator[tuple[int, dict]]:
    columns = [c for c in frame.columns if c != "doc_id"]
    rows = frame.to_dict("records")
    copy = 0
    while True:
        copy += 1
        for row in rows:
            record = {"doc_id": row["doc_id"] if copy == 1 else f"{row['doc_id']}~{copy:03d}"}
            for c in columns:
                value = row[c]
                record[c] = None if pd.isna(value) else _plain(value)
            yield copy, record


def _plain(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


def write_jsonl(
    path: Path | str,
    size_mb: float,
    *,
    frame: pd.DataFrame | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a JSON Lines corpus of about ``size_mb`` megabytes by repeating the novels.

    Documents are written whole, in ``doc_id`` order, cycling through the novels with new
    ids (``FRA03704_Sand~002`` for the second copy) until the file reaches ``size_mb``
    (it stops at the first document that crosses it, so the file is at most one novel
    larger). ``size_mb`` below the first novel gives one document. The file is written
    line by line: memory stays at one copy of the novels whatever the size.

    Parameters
    ----------
    path : Path or str
        Output file. Kept as it is when it exists and ``overwrite`` is false (a cache).
    size_mb : float
        Target size in megabytes (10**6 bytes).
    frame : pandas.DataFrame, optional
        Documents to repeat; default :func:`load_frame`.
    overwrite : bool, default False
        Rewrite an existing file.

    Returns
    -------
    Path
    """
    path = Path(path)
    if path.is_file() and not overwrite:
        return path
    if frame is None:
        frame = load_frame()
    target = size_mb * MB
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    written = 0
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for _, record in _records(frame):
            line = json.dumps(record, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            if written >= target:
                break
    tmp.replace(path)
    return path


def jsonl_path(size_mb: float, cache: Path = CACHE) -> Path:
    """Where the cached JSONL corpus of ``size_mb`` megabytes lives."""
    return cache / f"eltec-{size_mb:g}mb.jsonl"


def main(argv: list[str] | None = None) -> int:
    """Extract the corpus, print a summary and optionally write sized JSONL files."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
    parser.add_argument("--jsonl", nargs="*", type=float, default=[], metavar="MB")
    parser.add_argument("--overwrite", action="store_true")
    args = parser.parse_args(argv)
    frame = load_frame()
    print(
        f"{len(frame)} novels, {text_bytes(frame['text']) / MB:.1f} MB, "
        f"{frame['author'].nunique()} authors, years {frame['year'].min()}-"
        f"{frame['year'].max()}, {frame['year_bin'].nunique()} year bins"
    )
    for size in args.jsonl:
        path = write_jsonl(jsonl_path(size), size, frame=frame, overwrite=args.overwrite)
        print(f"{path}: {path.stat().st_size / MB:.1f} MB")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
