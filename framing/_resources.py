"""Locate data shipped with the package: bundled corpora, lexicons and resources.

A wheel carries ``corpus/`` and ``lexicons/`` under ``framing/_bundled/``; a source
checkout (editable install, or running from the repository) has them at the top
level. Both are searched, the installed copy first.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = _PACKAGE_DIR / "resources"


def _roots(kind: str) -> list[Path]:
    return [_PACKAGE_DIR / "_bundled" / kind, _PACKAGE_DIR.parent / kind]


def bundled_names(kind: str) -> list[str]:
    """Names of the bundled items of one kind (``"corpus"`` or ``"lexicons"``)."""
    names: set[str] = set()
    for root in _roots(kind):
        if root.is_dir():
            for child in root.iterdir():
                if child.name.startswith((".", "_")) or child.name == "README.md":
                    continue
                if kind != "corpus" and child.is_dir():  # lexicons/validation/ holds docs
                    continue
                names.add(child.stem if child.is_file() else child.name)
    return sorted(names)


def bundled_path(kind: str, name: str) -> Path | None:
    """Path of a bundled corpus folder or lexicon file, or None when there is none.

    ``name`` is matched against folder names and file stems (``karabakh-2023-fr``
    finds ``lexicons/karabakh-2023-fr.yaml``).
    """
    for root in _roots(kind):
        if not root.is_dir():
            continue
        candidate = root / name
        if candidate.exists():
            return candidate
        for suffix in (".yaml", ".yml", ".dic"):
            if (root / f"{name}{suffix}").is_file():
                return root / f"{name}{suffix}"
    return None
