"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """The repository checkout the tests run from."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(repo_dir: Path) -> Path:
    """The bundled Karabakh seed texts (the repo's own copy under corpus/)."""
    path = repo_dir / "corpus" / "karabakh-2023-fr"
    if not path.is_dir():
        pytest.skip("corpus/karabakh-2023-fr is not bundled yet")
    return path


def _expected_after_overrides(matches: pd.DataFrame, items: list[dict]) -> pd.DataFrame:
    """The counted hits after the decisions, computed independently of apply_overrides."""
    out = matches[matches["rejected"].isna()].copy()
    out["variant"] = out["variant"].astype(object)
    drop = np.zeros(len(out), dtype=bool)
    for item in items:
        rows = (
            (out["doc_id"] == item["doc_id"])
            & (out["start"] == item["start"])
            & (out["end"] == item["end"])
        ).to_numpy(dtype=bool, copy=True)
        for column in ("frame", "contest"):
            if column in item:
                rows &= (out[column] == item[column]).fillna(False).to_numpy(dtype=bool)
        if item["decision"] == "exclude":
            drop |= rows
        else:
            rows &= out["contest"].notna().to_numpy()
            out.loc[rows, "variant"] = item["variant"]
    return out[~drop]


@pytest.fixture
def expected_after_overrides():
    """The counted hits after override decisions, computed independently of apply_overrides."""
    return _expected_after_overrides
