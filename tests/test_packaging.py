"""The package as a user installs it: version, typing marker, bundled data, entry point."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import framing
from framing import datasets


def test_version_is_single_sourced():
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+|a\d+|b\d+|rc\d+)?", framing.__version__)
    assert metadata.version("framing") == framing.__version__


def test_py_typed_marker_ships():
    assert (Path(framing.__file__).parent / "py.typed").is_file()


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI installs the package non-editable")
def test_ci_tests_the_installed_package_not_the_checkout():
    # CI runs `pip install .` then pytest: the code under test must be the installed copy.
    assert "site-packages" in Path(framing.__file__).parts


def test_bundled_corpora_and_lexicon_names():
    assert {"karabakh-2023-fr", "an-mariage-2013"} <= set(datasets.list_corpora())
    path = datasets.corpus_path("karabakh-2023-fr")
    assert len(list(path.glob("*.txt"))) == 5
    assert (path / "metadata.csv").is_file()


def test_unknown_bundled_corpus_lists_names():
    with pytest.raises(framing._errors.CorpusError, match=r"Did you mean 'karabakh-2023-fr'"):
        datasets.corpus_path("karabakh-2023")


def test_console_script_reports_version():
    exe = shutil.which("framing", path=str(Path(sys.executable).parent))
    assert exe, "the `framing` console script is not installed beside this Python"
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"framing {framing.__version__}"


def test_code_is_ruff_clean(repo_dir):
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    targets = [
        str(repo_dir / d)
        for d in ("framing", "tests", "bench", "corpus")
        if (repo_dir / d).exists()
    ]
    lint = subprocess.run([ruff, "check", *targets], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = subprocess.run([ruff, "format", "--check", *targets], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_import_framing_stays_light():
    # matplotlib, scikit-learn and scipy.stats cost ~1 s of import time together; they are
    # imported only when figures, the scikit-learn bridge or a statistic are used; numba
    # (0.2-0.3 s) only when the voice scans run on a long text.
    code = (
        "import sys, framing; "
        "heavy = [m for m in ('matplotlib', 'sklearn', 'scipy.stats', 'scipy.sparse', "
        "'numba') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_lazy_submodules_resolve():
    assert callable(framing.plot.plot_contest)
    assert callable(framing.style.theme)
    assert callable(framing.save.save_figure)
    assert callable(framing.tables.to_latex)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        framing.nope  # noqa: B018
