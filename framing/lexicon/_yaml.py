"""YAML reading with line numbers and duplicate-key detection, and canonical writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from framing.lexicon._problems import LexiconProblem

Path_ = tuple[Any, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAX_DEPTH = 64


@dataclass
class Located:
    """Plain data from a YAML file plus where each piece came from.

    ``value_lines[path]`` is the 1-based line of the value at ``path`` (a tuple of mapping
    keys and sequence indices); ``key_lines[path]`` the line of the mapping key naming it;
    ``raw[path]`` the source text of a plain scalar that YAML resolved to a non-string
    (``no`` → False, ``1914`` → 1914), so that entries keep the words as written.
    """

    data: Any = None
    value_lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)

    def line(self, path: Path_, *, key: bool = False) -> int | None:
        """Line of ``path`` (its key line when ``key``), else of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_lines:
            return self.key_lines[path]
        while True:
            if path in self.value_lines:
                return self.value_lines[path]
            if path in self.key_lines:
                return self.key_lines[path]
            if not path:
                return None
            path = path[:-1]


def load_located(text: str) -> tuple[Located, list[LexiconProblem]]:
    """Parse YAML text into :class:`Located` data and the structural problems found.

    A syntax error is returned as the only problem (with line and column) and ``data`` is
    None. Duplicate keys are problems (the first occurrence is kept); keys are always the
    source text of the key, never YAML-resolved (``no:`` is the key ``"no"``).
    """
    located = Located()
    problems: list[LexiconProblem] = []
    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or exc.context or "invalid YAML"
            line = mark.line + 1 if mark is not None else None
            column = mark.column + 1 if mark is not None else None
            problems.append(
                LexiconProblem(
                    f"YAML syntax error: {what}. Fix: check the indentation and quoting on "
                    "this line and the one before (quote text containing ': ' or '#').",
                    line=line,
                    column=column,
                )
            )
            return located, problems
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            problems.append(LexiconProblem(f"YAML error: {exc}."))
            return located, problems
        if root is None:
            problems.append(
                LexiconProblem("the file is empty. Fix: write the lexicon's metadata and frames.")
            )
            return located, problems
        walker = _Walker(loader, located, problems)
        located.data = walker.walk(root, ())
    finally:
        loader.dispose()
    return located, problems


class _Walker:
    def __init__(self, loader: Any, located: Located, problems: list) -> None:
        self.loader = loader
        self.located = located
        self.problems = problems
        self.stack: set[int] = set()

    def walk(self, node: Node, path: Path_) -> Any:
        line = node.start_mark.line + 1
        self.located.value_lines.setdefault(path, line)
        if isinstance(node, ScalarNode):
            try:
                value = self.loader.construct_object(node, deep=True)
            except yaml.YAMLError as exc:
                self.problems.append(
                    LexiconProblem(f"cannot read this value: {exc}. Fix: quote it.", line=line)
                )
                return node.value
            if node.style is None and value is not None and not isinstance(value, str):
                self.located.raw[path] = node.value
            return value
        if id(node) in self.stack or len(path) > _MAX_DEPTH:
            self.problems.append(
                LexiconProblem(
                    "recursive YAML alias. Fix: write the structure out instead of '*alias'.",
                    line=line,
                )
            )
            return None
        self.stack.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            return None  # pragma: no cover - no other node kinds exist
        finally:
            self.stack.discard(id(node))

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                self.problems.append(
                    LexiconProblem(
                        "YAML merge keys ('<<') are not supported in lexicon files. "
                        "Fix: write the keys out.",
                        line=key_line,
                    )
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    LexiconProblem(
                        "a mapping key must be plain text, not a list or mapping. "
                        "Fix: write 'name: value'.",
                        line=key_line,
                    )
                )
                continue
            key = key_node.value
            if key in result:
                self.problems.append(
                    LexiconProblem(
                        f"duplicate key {key!r} (first defined at line {first_line[key]}); "
                        "YAML would silently keep only the last one. Fix: merge the two "
                        "or rename one.",
                        line=key_line,
                    )
                )
                continue
            first_line[key] = key_line
            self.located.key_lines[(*path, key)] = key_line
            result[key] = self.walk(value_node, (*path, key))
        return result


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key, multi-line text as ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


#: Line breaks other than "\n" that YAML reads as line breaks: PyYAML writes them raw in a
#: plain, single-quoted or block scalar, and reading folds them ("\x85" came back as " ").
#: Double quotes escape them.
_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None if "\n" not in value else "|"
    if not _OTHER_BREAKS.isdisjoint(value):
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Deterministic YAML text (UTF-8 characters kept, key order kept)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
