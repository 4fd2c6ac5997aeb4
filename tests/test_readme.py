"""The README's Python examples run as written (documentation that cannot rot silently)."""

from __future__ import annotations

import re

import pytest


def _python_blocks(path):
    text = path.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_python_examples_run(repo_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the quick start saves a figure into the working directory
    blocks = _python_blocks(repo_dir / "README.md")
    assert blocks, "the README should show Python examples"
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)


@pytest.mark.parametrize("folder", ["corpus/karabakh-2023-fr", "corpus/an-mariage-2013"])
def test_corpus_readme_examples_run(repo_dir, folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for block in _python_blocks(repo_dir / folder / "README.md"):
        exec(compile(block, f"{folder}/README.md", "exec"), {})
