"""provenance.json: what a study run read, with which software, and what it wrote.

Sorted keys, no timestamp, no absolute path: the same inputs and software give the same
bytes. Files are named relative to the output folder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import platform
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framing.study._model import Study
from framing.study._schema import ANALYSIS_TYPES

#: Distributions whose versions are recorded (import name → distribution name).
DEPENDENCIES = (
    "ahocorasick-rs",
    "matplotlib",
    "nltk",
    "numpy",
    "pandas",
    "pyarrow",
    "PyYAML",
    "scikit-learn",
    "scipy",
    "simplemma",
)


def software_versions() -> dict[str, str | None]:
    """Versions of Python, framing and its dependencies (None when not installed)."""
    import framing

    versions: dict[str, str | None] = {
        "framing": framing.__version__,
        "python": platform.python_version(),
    }
    for name in DEPENDENCIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def plain(obj: Any) -> Any:
    """A JSON-ready copy: str keys, lists, finite floats (NaN → None), paths as posix."""
    import numpy as np
    import pandas as pd

    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        value = float(obj)
        return value if math.isfinite(value) else None
    if isinstance(obj, Mapping):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [plain(v) for v in obj.tolist()]
    if isinstance(obj, Path):
        return obj.as_posix()
    if obj is pd.NaT or obj is pd.NA:
        return None
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return str(obj)


def json_bytes(record: Any) -> bytes:
    """UTF-8 JSON, sorted keys, two-space indent, a final newline."""
    text = json.dumps(plain(record), sort_keys=True, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def sha256_file(path: Path) -> str:
    """``sha256:<hex>`` of a file's bytes."""
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


def provenance_record(
    study: Study,
    *,
    corpus: Any,
    n_tokens: int,
    lexicon: Any,
    matches: Any,
    files: Mapping[str, str],
    overrides: Any = None,
) -> dict[str, Any]:
    """The provenance of one run, as a dict (see :mod:`framing.study`).

    With an overrides file, an ``overrides`` section is added (see
    :func:`overrides_section`); without one the record has no such key, and is what it
    was before overrides existed.
    """
    attrs = matches.attrs
    counted = matches
    if "rejected" in matches.columns:
        counted = matches[matches["rejected"].isna().to_numpy()]
    record: dict[str, Any] = {
        "study": {
            "name": study.name,
            "title": study.title,
            "file": Path(study.source).name if study.source else None,
            "sha256": study.sha256,
            "seed": study.seed,
            "language": study.language,
            "methods_language": study.methods_language,
        },
        "corpus": {
            "name": corpus.name,
            "source": study.corpus.source,
            "fingerprint": corpus.fingerprint(),
            "filters": dict(study.corpus.filters),
            "n_docs": len(corpus),
            "n_tokens": int(n_tokens),
        },
        "lexicon": {
            "name": lexicon.name,
            "version": lexicon.version,
            "fingerprint": lexicon.fingerprint(),
            "language": lexicon.language,
            "source": study.lexicon,
            "citation": lexicon.citation,
        },
        "cues": {"version": attrs.get("cues_version"), "language": attrs.get("language")},
        "matching": {
            "overlap": attrs.get("overlap"),
            "audit": attrs.get("audit"),
            "voice": attrs.get("voice"),
            "language": attrs.get("language"),
            "options": dict(lexicon.options),
            "n_hits": len(counted),
            "n_rejected": attrs.get("n_rejected"),
        },
        "analyses": [
            {
                "id": a.id,
                "type": a.type,
                "function": ANALYSIS_TYPES[a.type]["function"],
                "parameters": dict(a.params),
                "random_state": a.seed,
            }
            for a in study.analyses
        ],
        "figures": [
            {
                "analysis": f.analysis,
                "plot": f"framing.plot.plot_{f.plot}",
                "file": f.file,
                "formats": list(f.formats),
                "width": f.width,
                "height_mm": f.height,
                "aspect": f.aspect,
                "journal": f.journal,
                "theme": f.theme,
                "locale": f.locale,
                "dpi": f.dpi,
                "options": dict(f.options),
                "labels": dict(f.labels),
            }
            for f in study.figures
        ],
        "tables": [
            {
                "analysis": t.analysis,
                "file": t.file,
                "formats": list(t.formats),
                "locale": t.locale,
                "compact": t.compact,
                "drop_unused": t.drop_unused,
                "labels": t.labels,
            }
            for t in study.tables
        ],
        "files": dict(sorted(files.items())),
        "software": software_versions(),
    }
    if overrides is not None:
        record["overrides"] = overrides_section(study, overrides, attrs)
    return record


def _portable(study: Study, value: str) -> str:
    """A path as the study file gives it, never absolute (provenance holds no such path).

    An absolute path becomes relative to the study's folder when it lies inside it, else
    its file name.
    """
    path = Path(value)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(study.base_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def overrides_section(study: Study, overrides: Any, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The ``overrides`` section of provenance.json: which file, and what it changed.

    ``source`` (the path as the study file gives it, relative to its folder), ``name``,
    ``version``, ``fingerprint`` (:attr:`framing.validate.Overrides.fingerprint`),
    ``coders``, ``date``; and from :func:`framing.validate.apply_overrides`:
    ``n_overrides`` (decisions in the file), ``n_unmatched`` (decisions that matched no
    hit), ``n_excluded`` and ``n_relabelled`` (hits of the matches table).
    """
    return {
        "source": _portable(study, str(study.overrides)),
        "name": overrides.name,
        "version": overrides.version,
        "fingerprint": overrides.fingerprint,
        "coders": list(overrides.coders),
        "date": overrides.date,
        "n_overrides": attrs.get("n_overrides"),
        "n_unmatched": attrs.get("n_overrides_unmatched"),
        "n_excluded": attrs.get("n_excluded_by_overrides"),
        "n_relabelled": attrs.get("n_relabelled_by_overrides"),
    }
