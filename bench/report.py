"""The Markdown tables of a benchmark results dict (see :mod:`bench.run`)."""

from __future__ import annotations

from typing import Any


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b`` to four significant digits, None when either is missing or zero."""
    return float(f"{a / b:.4g}") if a and b else None


def _fmt(x: Any, digits: int = 2) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def _quartiles(rec: dict[str, Any]) -> str:
    """`` (a–b)``: the quartiles of the kept-worker pairs, when there were four or more."""
    q = rec.get("speedup_kept_quartiles")
    return f" ({_fmt(q[0])}–{_fmt(q[1])})" if q else ""


def markdown(results: dict[str, Any]) -> str:
    """The Markdown tables of a results dict."""
    mb = results["corpus"]["mb"]
    lines = [
        f"Corpus: {results['corpus']['name']}, {results['corpus']['n_docs']} documents, "
        f"{mb:.1f} MB; lexicon {results['lexicon']['name']} {results['lexicon']['version']} "
        f"({results['lexicon']['n_entries']} entries). Median of {results['repeat']} runs.",
        "",
        "| route | wall s | CPU s | MB/s (wall) | found | framing (voice) faster, wall / CPU |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    t = results.get("timings", {})
    if not t:
        lines = lines[:2]
    fv = t.get("framing_voice", {})
    rows = [
        ("regex tokenisation pass", "regex", "n_tokens", "tokens"),
        ("spaCy blank fr + PhraseMatcher(LOWER)", "spacy", "n_matches", "matches"),
        ("framing match_lexicon, voice on", "framing_voice", "n_hits", "hits"),
        ("framing match_lexicon, voice off", "framing_novoice", "n_hits", "hits"),
    ]
    for label, key, count, unit in rows:
        rec = t.get(key)
        if not rec:
            continue
        speed = ""
        if not key.startswith("framing"):
            wall = ratio(rec["median_s"], fv.get("median_s"))
            cpu = ratio(rec["cpu_median_s"], fv.get("cpu_median_s"))
            speed = f"{_fmt(wall)}× / {_fmt(cpu)}×"
        lines.append(
            f"| {label} | {_fmt(rec['median_s'])} | {_fmt(rec['cpu_median_s'])} | "
            f"{_fmt(rec['mb_per_s'])} | {_fmt(rec.get(count))} {unit} | {speed} |"
        )
    r = results.get("ratios", {})
    if r:
        lines += [
            "",
            "Ratios (peer time / framing time): "
            + ", ".join(f"{k} = {_fmt(v)}" for k, v in r.items()),
        ]
    par = results.get("parallel")
    if par:
        lines += ["", "**n_jobs** — " + par.get("status", "")]
        if par.get("status") == "ok":
            lines += [
                "",
                "| corpus | MB | n_jobs=1 s | n_jobs=2 s | speedup | n_jobs=2 first call s "
                "| speedup, first call | speedup, kept workers (quartiles) "
                "| two processes' capacity | kept / capacity | two threads' capacity "
                "| same output |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            ]
            for label, rec in par.items():
                if isinstance(rec, dict) and "speedup" in rec:
                    lines.append(
                        f"| {label} | {rec['mb']:.2f} | {_fmt(rec['n_jobs_1']['median_s'])} | "
                        f"{_fmt(rec['n_jobs_2']['median_s'])} | {_fmt(rec['speedup'])}× | "
                        f"{_fmt(rec['n_jobs_2']['runs_s'][0])} | "
                        f"{_fmt(rec.get('speedup_first_call'))}× | "
                        f"{_fmt(rec.get('speedup_kept'))}×{_quartiles(rec)} | "
                        f"{_fmt(rec.get('capacity'))}{'×' * ('capacity' in rec)} | "
                        f"{_fmt(rec.get('kept_share_of_capacity'))} | "
                        f"{_fmt(rec.get('thread_capacity'))}"
                        f"{'×' * ('thread_capacity' in rec)} | "
                        f"{rec['same_output']} |"
                    )
                    if rec.get("differences"):
                        lines.append(
                            f"|  | differences: {rec['differences']} | | | | | | | | | | |"
                        )
    st = results.get("stream")
    if st:
        lines += [
            "",
            f"**Streaming CLI** — --chunksize: {st['chunksize_flag']}"
            + (f" ({st['status']})" if st.get("status") else ""),
        ]
        lines += [
            "",
            "| JSONL MB | wall s | CPU s | MB/s (wall) | peak RSS MB | progress bar |",
            "|---:|---:|---:|---:|---:|---|",
        ]
        for rec in st["sizes"].values():
            lines.append(
                f"| {rec['file_mb']:.0f} | {_fmt(rec.get('median_s'))} | "
                f"{_fmt(rec.get('cpu_median_s'))} | "
                f"{_fmt(rec.get('mb_per_s'))} | {_fmt(rec.get('max_peak_rss_mb'), 0)} | "
                f"{rec['progress_bar']} |"
            )
        for clock in ("", "_cpu"):
            lin = st.get("linearity" + clock) or {}
            if lin:
                lines += [
                    "",
                    f"Linearity ({'CPU' if clock else 'wall'}): s/MB vs the largest size, max "
                    f"deviation {lin['through_origin_max']:.1%} "
                    f"({lin['through_origin_deviation']}); affine fit "
                    f"{lin['affine_fixed_s']:.2f} s + {lin['affine_s_per_mb']:.3f} s/MB, max "
                    f"residual {lin['affine_max']:.1%} ({lin['affine_residual']}).",
                ]
        big = st.get("big_s_per_mb_vs_last")
        if big:
            lines += [
                "",
                f"1 GB: its s/MB over the largest linearity size's: wall {_fmt(big['wall'])}, "
                f"CPU {_fmt(big['cpu'])}.",
            ]
    ss = results.get("stats")
    if ss:
        lines += [
            "",
            f"**Statistics** — by {ss['by']!r} ({ss['n_groups']} groups), target {ss['target']!r}",
            "",
            "| function | on a Corpus, first call, s | again on the same Corpus, s "
            "| on a count table, s |",
            "|---|---:|---:|---:|",
        ]
        for name in ("compare_log_odds", "compare_keyness", "compare_specificities"):
            warm = ss.get(name + "_warm", {}).get("median_s")
            lines.append(
                f"| {name} | {_fmt(ss[name]['median_s'])} | {_fmt(warm)} | "
                f"{_fmt(ss[name + '_on_counts']['median_s'])} |"
            )
        lines.append(
            f"| (tokenise + count once) | | | {_fmt(ss['tokenise_and_count']['median_s'])} |"
        )
    c = results.get("counts")
    if c:
        tot = c["totals"]
        lines += [
            "",
            f"**Match counts** — framing overlap='all' {tot['framing_all']:,}, framing default "
            f"(longest) {tot['framing_longest']:,}, spaCy {tot['spacy']:,}; same spans "
            f"{tot['same_spans']:,}, framing only {tot['framing_only']:,}, spaCy only "
            f"{tot['spacy_only']:,}; {c['entries_equal']} of {c['entries']} entries equal.",
            "",
            "| difference | hits | top entries |",
            "|---|---:|---|",
        ]
        for key, rec in c["differences"].items():
            top = ", ".join(f"{k} {v}" for k, v in list(rec["top_entries"].items())[:4])
            lines.append(f"| {key} | {rec['n']:,} | {top} |")
    return "\n".join(lines)
