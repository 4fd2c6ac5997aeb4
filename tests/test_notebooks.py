"""The teaching notebooks run top to bottom, fast, and give the same text twice.

Every ``notebooks/*.ipynb`` is executed in a fresh kernel of the interpreter running the
tests (never a kernel spec installed elsewhere), in an empty temporary working directory,
twice. A test fails on any cell error, on a notebook slower than its time budget, on text
outputs that differ between the two runs (execution counts, memory addresses and the
kernel's temporary file names aside), or on a notebook committed with outputs.

Run them alone with::

    pytest tests/test_notebooks.py -q

They are marked ``slow`` (``pytest -m "not slow"`` skips them). The time budget per
notebook is 120 s; on a slow machine set ``FRAMING_NOTEBOOK_BUDGET`` (seconds).
They need ``nbformat``, ``nbclient`` and ``ipykernel`` (the ``test`` extra) and are
skipped, saying so, when one is missing.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is needed to read the notebooks")
nbclient = pytest.importorskip("nbclient", reason="nbclient is needed to execute the notebooks")
pytest.importorskip("ipykernel", reason="ipykernel is needed to execute the notebooks")

from ipykernel.kernelspec import RESOURCES, get_kernel_dict  # noqa: E402
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds, per cell
BUDGET = float(os.environ.get("FRAMING_NOTEBOOK_BUDGET", "120"))  # seconds, per notebook
#: Output MIME types compared between runs (images are not: the text is the contract).
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex")


class _ThisInterpreter(KernelSpecManager):
    """Kernel specs that always start ``sys.executable -m ipykernel_launcher``.

    A ``python3`` kernel spec installed in the user's or the system's Jupyter folders would
    otherwise win, and could run another Python without this checkout's ``framing``.
    """

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        spec = get_kernel_dict()
        return KernelSpec(
            resource_dir=RESOURCES,
            argv=spec["argv"],
            display_name=spec["display_name"],
            language=spec["language"],
        )


def _execute(nb, workdir: Path):
    """Run a notebook in a fresh kernel of this interpreter; return it and the seconds."""
    km = KernelManager(kernel_name="python3", kernel_spec_manager=_ThisInterpreter())
    client = nbclient.NotebookClient(
        nb,
        km=km,
        timeout=CELL_TIMEOUT,
        allow_errors=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


_VOLATILE = [
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "0x…"),  # memory addresses in reprs
    (re.compile(r"ipykernel_\d+"), "ipykernel_…"),  # warnings name the kernel's cell files
    (re.compile(re.escape(tempfile.gettempdir()) + r"[/\\][\w.-]+"), "<tmp>"),
]


def _normalise(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _text_outputs(nb) -> list[str]:
    """Per code cell, its text outputs as the reader sees them, prefixed by the cell number.

    Each stream (stdout, stderr) is joined over the cell: the kernel flushes printed text in
    chunks, and interleaves the two streams, at moments that depend on timing, not on the
    notebook.
    """
    lines = []
    for number, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        streams = {"stdout": "", "stderr": ""}
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "stream":
                streams[output["name"]] += output["text"]
            elif kind in ("execute_result", "display_data"):
                for mime in TEXT_MIMES:
                    if mime in output.get("data", {}):
                        text = output["data"][mime]
                        text = "".join(text) if isinstance(text, list) else text
                        lines.append(f"[{number}] {mime}: {_normalise(text)}")
            elif kind == "error":  # allow_errors=False raises first; kept for completeness
                lines.append(f"[{number}] error: {output['ename']}: {output['evalue']}")
        lines += [
            f"[{number}] {name}: {_normalise(text)}" for name, text in streams.items() if text
        ]
    return lines


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_the_notebooks_are_there():
    names = [path.name for path in NOTEBOOKS]
    assert names[:4] == [
        "01-naming-contests-karabakh.ipynb",
        "02-comparing-groups.ipynb",
        "03-build-your-own-lexicon.ipynb",
        "04-validating-a-lexicon.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    with_outputs = [
        number
        for number, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert with_outputs == [], f"{path.name}: clear the outputs of cells {with_outputs}"
    opening = nb.cells[0]
    assert opening.cell_type == "markdown" and "what you will learn" in opening.source.lower(), (
        f"{path.name} should open with what the reader will learn"
    )
    last_text = [cell.source for cell in nb.cells if cell.cell_type == "markdown"][-1]
    assert "what to cite" in last_text.lower(), f"{path.name} should end with what to cite"


@pytest.mark.slow
def test_the_kernel_is_this_interpreter(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; sys.executable")])
    nb, _ = _execute(nb, tmp_path)
    (output,) = nb.cells[0].outputs
    assert output["data"]["text/plain"] == repr(sys.executable)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_budget_and_is_deterministic(path, tmp_path):
    runs = []
    for attempt in ("first", "second"):
        workdir = tmp_path / attempt
        workdir.mkdir()
        nb, seconds = _execute(_read(path), workdir)
        assert seconds < BUDGET, f"{path.name} took {seconds:.0f} s (budget {BUDGET:.0f} s)"
        assert list(workdir.iterdir()) == [], (
            f"{path.name} wrote into its working directory; write into a temporary folder"
        )
        runs.append(_text_outputs(nb))
    first, second = runs
    assert first, f"{path.name} shows no text output at all"
    if first != second:
        diff = "\n".join(difflib.unified_diff(first, second, "first run", "second run", n=1))
        pytest.fail(f"{path.name} gives different text outputs on two runs:\n{diff[:4000]}")
