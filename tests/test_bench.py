"""The benchmark harness (bench/) still runs and reports what it found.

Not a timed test: a tiny synthetic corpus and lexicon with hand-counted answers go through
``bench/run.py`` as a script, and the structure and counts of its results file are checked.
Skipped when bench/ is not beside the tests (an sdist ships without it).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

LEXICON = """\
name: bench-test
version: 0.0.1
language: fr
options: {fold_accents: true}
frames:
  war: [armée, guerre*, champ de bataille]
  family: [père, grand-père]
"""
# hand counts, default overlap: armée 2 (« L'armée », « ARMÉE »), guerre* 2, champ de bataille
# 1, grand-père 1, père 1 (the « père » inside « grand-père » loses to the longer hit of its
# frame, and counts only with overlap="all")
DOCS = [
    ("d1", "L'armée avançait. La guerre, les guerres ! Le champ de bataille était vide.", "a"),
    ("d2", "Mon grand-père et mon père. Une ARMÉE.", "b"),
    ("d3", "Rien ici.", "a"),
]
# \w+|[^\w\s] tokens, counted by hand: 18 + 11 + 3
N_TOKENS = 32
N_HITS = 7


@pytest.fixture
def bench_dir(repo_dir: Path) -> Path:
    path = repo_dir / "bench"
    if not (path / "run.py").is_file():
        pytest.skip("bench/ is not beside the tests")
    return path


@pytest.fixture
def bench_module(bench_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(bench_dir.parent))
    return lambda name: importlib.import_module(f"bench.{name}")


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "tiny.jsonl"
    rows = [{"doc_id": d, "text": t, "year_bin": g} for d, t, g in DOCS]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    lexicon = tmp_path / "tiny.yaml"
    lexicon.write_text(LEXICON, encoding="utf-8")
    return corpus, lexicon


def _spacy_available() -> bool:
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return True


def _run(bench_dir: Path, tiny: tuple[Path, Path], out: Path, parts: str, repeat: int = 1) -> dict:
    corpus, lexicon = tiny
    cmd = [sys.executable, str(bench_dir / "run.py"), "--quick", "--repeat", str(repeat)]
    cmd += ["--corpus", str(corpus), "--lexicon", str(lexicon), "--results", str(out)]
    cmd += ["--only", parts, "--by", "year_bin"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    files = sorted(out.glob("*.json"))
    assert len(files) == 1, files
    results = json.loads(files[0].read_text("utf-8"))
    assert results["markdown"] in done.stdout
    return results


@pytest.mark.slow
def test_harness_regex_framing_stats(bench_dir, tiny, tmp_path):
    results = _run(bench_dir, tiny, tmp_path / "res", "regex,framing,stats", repeat=2)
    assert set(results) >= {"date", "command", "machine", "corpus", "lexicon", "timings"}
    assert results["machine"]["cores"] >= 1
    assert results["machine"]["packages"]["framing"]
    assert results["corpus"]["n_docs"] == 3
    assert results["lexicon"]["n_entries"] == 5
    assert results["lexicon"]["glob"] == 1 and results["lexicon"]["multiword"] == 1
    t = results["timings"]
    assert t["regex"]["n_tokens"] == N_TOKENS
    for key in ("regex", "framing_voice", "framing_novoice"):
        assert len(t[key]["runs_s"]) == 2  # one per round
        assert t[key]["median_s"] > 0
    assert t["framing_voice"]["n_hits"] == N_HITS
    assert t["framing_novoice"]["n_hits"] == N_HITS
    assert {"voice", "distanced", "year_bin"} <= set(t["framing_voice"]["columns"])
    assert results["ratios"]["regex/framing_voice (wall)"] > 0
    assert results["ratios"]["regex/framing_voice (wall, paired)"] > 0
    assert results["framing_first_call_s"] > 0
    stats = results["stats"]
    assert stats["n_groups"] == 2 and stats["target"] == "a"
    for name in ("compare_log_odds", "compare_keyness", "compare_specificities"):
        assert stats[name]["n_rows"] > 0
        assert stats[f"{name}_on_counts"]["n_rows"] == stats[name]["n_rows"]


@pytest.mark.slow
def test_harness_parallel_in_turn(bench_dir, tiny, tmp_path):
    # n_jobs=1 and n_jobs=2 run in turn; each n_jobs=2 run is compared with the n_jobs=1
    # run just before it (the first: workers started, the others: kept)
    results = _run(bench_dir, tiny, tmp_path / "res", "parallel", repeat=5)
    par = results["parallel"]
    assert par["status"] == "ok"
    rec = par["corpus"]
    assert rec["same_output"] is True
    one, two = rec["n_jobs_1"]["runs_s"], rec["n_jobs_2"]["runs_s"]
    assert len(one) == len(two) == 5
    pairs = [float(f"{a / b:.4g}") for a, b in zip(one, two, strict=True)]
    assert rec["speedup_first_call"] == pairs[0]
    kept = sorted(pairs[1:])
    assert rec["speedup_kept"] == pytest.approx(kept[1] / 2 + kept[2] / 2)
    # quartiles of the kept pairs, R's type 6 (numpy's "weibull"), computed independently
    low, high = np.percentile(kept, [25, 75], method="weibull")
    assert rec["speedup_kept_quartiles"] == pytest.approx([low, high], abs=1e-4)
    assert "speedup, kept workers (quartiles)" in results["markdown"]
    # the machine's capacity for two processes: each round, the n_jobs=1 run against two
    # n_jobs=1 processes at once (this one and a twin), 2 x alone / the slower of the pair
    here, twin = rec["pair_s"]["here"], rec["pair_s"]["twin"]
    assert len(here) == len(twin) == 5 and min(here + twin) > 0
    caps = [2 * a / max(h, t) for a, h, t in zip(one, here, twin, strict=True)]
    assert rec["capacity"] == pytest.approx(float(np.median(caps)), abs=1e-4)
    shares = [p / c for p, c in zip(pairs[1:], caps[1:], strict=True)]
    assert rec["kept_share_of_capacity"] == pytest.approx(float(np.median(shares)), abs=1e-4)
    assert "two processes' capacity" in results["markdown"]
    # the same with two threads of this process, each matching the whole corpus
    here, other = rec["thread_pair_s"]["here"], rec["thread_pair_s"]["other"]
    assert len(here) == len(other) == 5 and min(here + other) > 0
    caps = [2 * a / max(h, t) for a, h, t in zip(one, here, other, strict=True)]
    assert rec["thread_capacity"] == pytest.approx(float(np.median(caps)), abs=1e-4)
    assert "two threads' capacity" in results["markdown"]


@pytest.mark.slow
@pytest.mark.skipif(not _spacy_available(), reason="spaCy is not installed (bench extra)")
def test_harness_spacy_counts(bench_dir, tiny, tmp_path):
    results = _run(bench_dir, tiny, tmp_path / "res", "spacy")
    assert results["timings"]["spacy"]["n_matches"] == N_HITS
    totals = results["counts"]["totals"]
    # framing with overlap="all" also counts « père » inside « grand-père »; spaCy keeps
    # « grand-père » as one token, so that hit is framing's only
    assert totals == {
        "framing_all": N_HITS + 1,
        "framing_longest": N_HITS,
        "spacy": N_HITS,
        "same_spans": N_HITS,
        "framing_only": 1,
        "spacy_only": 0,
    }
    part = results["counts"]["differences"]["framing/compound_part"]
    assert part["n"] == 1 and part["top_entries"] == {"père": 1}
    table = pd.read_csv(next((tmp_path / "res").glob("*-counts.csv")))
    assert table.set_index("entry").loc["guerre*", "n_spacy"] == 2


@pytest.mark.slow
def test_thread_sizes_measures_the_three_routes(bench_dir, tiny):
    corpus, _ = tiny
    long = corpus.with_name("long.jsonl")
    rows = [{"doc_id": d, "text": (t + "\n") * 40} for d, t, _ in DOCS]
    long.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    cmd = [sys.executable, "-m", "bench.thread_sizes", "12", "--size", "300"]
    cmd += ["--corpus", str(long)]
    done = subprocess.run(
        cmd, capture_output=True, text=True, check=False, timeout=300, cwd=bench_dir.parent
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = done.stdout.strip().splitlines()[-1]
    assert line.lstrip().startswith("12 articles") and "same table True" in line
    assert "first call in threads" in line and "kept workers" in line


def test_year_bins_equal_counts(bench_module):
    corpus = bench_module("corpus")
    years = pd.Series([1840 + i // 3 for i in range(40)])
    ids = pd.Series([f"d{i:02d}" for i in range(40)])
    bins = corpus.year_bins(years, ids, n=20)
    assert bins.nunique() == 20
    assert (bins.value_counts() == 2).all()
    assert bins.iloc[0] == "1840-1840" and bins.iloc[-1] == "1852-1853"


def test_write_jsonl_repeats_with_new_ids(bench_module, tmp_path):
    corpus = bench_module("corpus")
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x" * 400, "y" * 400], "year": [1, 2]})
    path = corpus.write_jsonl(tmp_path / "c.jsonl", 0.002, frame=frame)  # 2,000 bytes
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == ["a", "b", "a~002", "b~002", "a~003"]
    assert rows[2]["text"] == "x" * 400 and rows[3]["year"] == 2
    assert 2000 <= path.stat().st_size < 2000 + 450


def test_articles_cut_novels_at_line_ends_and_keep_every_character(bench_module):
    corpus = bench_module("corpus")
    text = "Une ligne.\nDeux lignes ici.\n\nTrois.\nFin sans saut"
    pieces = corpus.cut(text, 12)
    # at least 12 characters each, cut after a line break; the last piece takes the rest
    assert pieces == ["Une ligne.\nDeux lignes ici.\n", "\nTrois.\nFin sans saut"]
    assert corpus.cut(text, 1) == [
        "Une ligne.\n",
        "Deux lignes ici.\n",
        "\n",
        "Trois.\n",
        "Fin sans saut",
    ]
    assert corpus.cut("", 5) == []
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, "court"], "year": [1850, 1900]})
    frame["year"] = frame["year"].astype("Int64")
    cut = corpus.articles(frame, 12)
    assert cut["doc_id"].tolist() == ["a#0001", "a#0002", "b#0001"]
    assert cut["year"].tolist() == [1850, 1850, 1900] and cut["year"].dtype == "Int64"
    assert "".join(cut["text"][:2]) == text
    with pytest.raises(ValueError, match="at least 1"):
        corpus.articles(frame, 0)


def test_expand_glob_follows_framing_semantics(bench_module):
    peers = bench_module("peers")
    vocab = ["argent", "argentée", "argent-comptant", "argent's", "argentin'o", "largent"]
    # as framing's matcher: through word characters and an apostrophe before a letter (in
    # French « argent's » is one word to it), never through a hyphen, never mid-word
    assert peers.expand_glob("argent", vocab) == ["argent", "argentée", "argent's", "argentin'o"]


def test_stream_runs_see_a_progress_bar(bench_module):
    # The CLI's progress bar shows on a terminal only (tqdm's rule), and tqdm draws nothing
    # on a terminal 0 columns wide, which is what a new pseudo-terminal is: the harness
    # gives its pseudo-terminal a size, so that it sees the bar a user sees.
    stream = bench_module("stream")
    master, slave = stream._pty()
    if master is None:
        pytest.skip("no pseudo-terminals here")
    os.close(master)
    os.close(slave)
    code = "from tqdm import tqdm\nfor _ in tqdm(range(3)): pass"
    record = stream._run_measured([sys.executable, "-c", code], Path.cwd())
    assert record["returncode"] == 0
    assert record["progress_bar"]
    quiet = stream._run_measured([sys.executable, "-c", "print('no bar')"], Path.cwd())
    assert not quiet["progress_bar"]
