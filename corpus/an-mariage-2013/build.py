"""Rebuild interventions.jsonl.gz from the upstream JSONL (provenance, not run by the package).

Usage: python corpus/an-mariage-2013/build.py PATH/TO/interventions.jsonl.gz

What it does to the upstream records, and nothing else:

* adds ``doc_id`` = ``<session file stem>-<sp_index, 4 digits>`` (unique);
* adds ``date``: the session date in French (``session_date``), except where upstream
  truncated it to « vendredi 1 » (sessions 20130124-20130126): there it is
  « vendredi 1er février 2013 », the only Friday between the sessions of Wednesday
  30 January and Saturday 2 February 2013 (1 February 2013 was a Friday);
* keeps every upstream field unchanged, ``session_date`` included;
* writes gzip with a zero timestamp so the file is byte-reproducible.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

TRUNCATED = {"vendredi 1": "vendredi 1er février 2013"}


def main(src: str) -> None:
    out = Path(__file__).with_name("interventions.jsonl.gz")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    lines = []
    for row in rows:
        stem = row["session_file"].removesuffix(".xml")
        record = {"doc_id": f"{stem}-{row['sp_index']:04d}"}
        record["date"] = TRUNCATED.get(row["session_date"], row["session_date"])
        record.update(row)
        lines.append(json.dumps(record, ensure_ascii=False))
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {len(lines)} documents to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
