"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

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
