"""quanteda YAML dictionaries and LIWC ``.dic`` files, both directions.

Reading produces the framing lexicon structure (plain data plus a line map), so that the
same validation runs on every format and errors point at lines of the foreign file.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._errors import LexiconError, suggest
from framing.lexicon._problems import LexiconConversionWarning, LexiconProblem
from framing.lexicon._yaml import Located, dump_yaml

if TYPE_CHECKING:  # pragma: no cover
    from framing.lexicon._model import Entry, Lexicon

#: Matching options given to lexicons read from quanteda or LIWC files: those tools match
#: case-insensitively, without folding accents and without compound variants.
FOREIGN_OPTIONS: Mapping[str, Any] = {
    "case_sensitive": False,
    "fold_accents": False,
    "compounds": False,
    "match": "exact",
    "parts": False,
}
QUANTEDA_OWN = "__"  # quanteda's as.yaml key for a key's own values when it also has sub-keys


@dataclass
class Foreign:
    """A foreign file translated into the framing structure."""

    data: dict[str, Any]
    located: Located
    problems: list[LexiconProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def default_name(path: Path | str | None) -> str:
    """A valid lexicon name from a file stem (lower case, other characters → '-')."""
    stem = Path(path).stem if path is not None else ""
    name = re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-.")
    return name or "lexicon"


def _metadata(path: Path | str | None, language: str | None, kind: str) -> tuple[dict, str]:
    name = default_name(path)
    data = {
        "name": name,
        "version": "0.0.0",
        "language": language or "und",
        "options": dict(FOREIGN_OPTIONS),
    }
    options = ", ".join(f"{k}={str(v).lower()}" for k, v in FOREIGN_OPTIONS.items())
    lang = (
        f"language={language!r} (as passed)"
        if language
        else "language='und' (pass language='fr' to set it)"
    )
    note = (
        f"{kind} files carry no lexicon metadata, so: name={name!r} (from the file name), "
        f"version='0.0.0', {lang}; matching options follow {kind}: {options}. To cite the "
        "lexicon, convert it to framing YAML and fill in the metadata."
    )
    return data, note


@dataclass
class _Category:
    description: str | None = None
    key_line: int | None = None
    items: list[tuple[Any, int | None, str | None]] = field(default_factory=list)


def _emit(out: Foreign, categories: dict[str, _Category], contest_names: set[str]) -> None:
    """Write collected categories into ``out.data`` as frames or contest variants, with lines."""
    frames: dict[str, Any] = {}
    contests: dict[str, dict[str, Any]] = {}
    for name, category in categories.items():
        head, _, rest = name.partition("/")
        if name in contest_names:
            out.problems.append(
                LexiconProblem(
                    f"{name!r} is read as a contest (contests=), but it has entries of its own; "
                    "a contest's entries belong to its variants. Fix: move them into a "
                    "variant, or do not list it in contests=.",
                    line=category.key_line,
                )
            )
            continue
        if head in contest_names and rest:
            container = contests.setdefault(head, {"variants": {}})["variants"]
            path: tuple = ("contests", head, "variants", rest)
            key = rest
        else:
            container, path, key = frames, ("frames", name), name
        values = [value for value, _, _ in category.items]
        entry_path = path
        if category.description is not None:
            container[key] = {"description": category.description, "entries": values}
            entry_path = (*path, "entries")
        else:
            container[key] = values
        if category.key_line is not None:
            out.located.key_lines[path] = category.key_line
            out.located.value_lines[path] = category.key_line
        for i, (_, line, raw) in enumerate(category.items):
            if line is not None:
                out.located.value_lines[(*entry_path, i)] = line
            if raw is not None:
                out.located.raw[(*entry_path, i)] = raw
    if frames:
        out.data["frames"] = frames
    if contests:
        out.data["contests"] = contests


def _check_contest_hint(
    contests: Iterable[str] | None, available: Iterable[str], kind: str
) -> tuple[set[str], list[LexiconProblem]]:
    names = set(contests or ())
    available = list(dict.fromkeys(available))
    problems = [
        LexiconProblem(
            f"contests= names {c!r}, which is not a top-level key of this {kind} file."
            f"{suggest(c, available)} Fix: pass one of {', '.join(available) or 'its keys'}."
        )
        for c in sorted(names - set(available))
    ]
    return names, problems


# -- quanteda --------------------------------------------------------------------------------
def read_quanteda(
    located: Located,
    *,
    path: Path | str | None,
    language: str | None,
    contests: Iterable[str] | None,
) -> Foreign:
    """Translate a quanteda YAML dictionary (already loaded with lines) to the framing form.

    Nested keys become frames ``a/b``; a ``__`` sub-key holds the values of a key that also
    has sub-keys (quanteda's ``as.yaml`` writes it so). Top-level keys named in
    ``contests`` become contests whose sub-keys are the variants.
    """
    data, note = _metadata(path, language, "quanteda")
    out = Foreign(data, Located())
    out.notes.append(note)
    source = located.data
    if not isinstance(source, Mapping):
        out.problems.append(
            LexiconProblem(
                "a quanteda dictionary must be a mapping of keys to lists of patterns. "
                "Fix: write 'key: [pattern, ...]' lines.",
                line=located.line(()),
            )
        )
        return out
    contest_names, problems = _check_contest_hint(contests, source, "quanteda")
    out.problems.extend(problems)
    categories: dict[str, _Category] = {}

    def add_values(name: str, values: Any, qpath: tuple, key_line: int | None) -> None:
        category = categories.setdefault(name, _Category(key_line=key_line))
        items = values if isinstance(values, list) else [values]
        for i, value in enumerate(items):
            vpath = (*qpath, i) if isinstance(values, list) else qpath
            line = located.line(vpath)
            if isinstance(value, str) and "?" in value:
                out.problems.append(
                    LexiconProblem(
                        f"pattern {value!r}: quanteda's single-character wildcard '?' is not "
                        "supported. Fix: list the forms, or use a trailing '*'.",
                        line=line,
                    )
                )
            category.items.append((value, line, located.raw.get(vpath)))

    def walk(mapping: Mapping, qpath: tuple, prefix: str) -> None:
        for key, value in mapping.items():
            kpath = (*qpath, key)
            if key == QUANTEDA_OWN:
                if not qpath:
                    out.problems.append(
                        LexiconProblem(
                            f"a top-level {QUANTEDA_OWN!r} key holds values that belong to no "
                            "key. Fix: move them under a named key.",
                            line=located.line(kpath, key=True),
                        )
                    )
                continue  # otherwise handled with its parent
            name = prefix + key
            key_line = located.line(kpath, key=True)
            if isinstance(value, Mapping):
                if value.get(QUANTEDA_OWN) is not None:
                    add_values(name, value[QUANTEDA_OWN], (*kpath, QUANTEDA_OWN), key_line)
                walk(value, kpath, name + "/")
            elif value is None or value == []:
                out.notes.append(
                    f"key {name!r} (line {key_line}) has no values and was left out, as "
                    "quanteda does."
                )
            else:
                add_values(name, value, kpath, key_line)

    walk(source, (), "")
    _emit(out, categories, contest_names)
    return out


def _nest(lexicon: Lexicon) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    owner: dict[tuple, str] = {}

    def node_for(parts: list[str], label: str) -> dict:
        node = tree
        for depth, part in enumerate(parts):
            key = tuple(parts[: depth + 1])
            node = node.setdefault(part, {})
            owner.setdefault(key, label)
        return node

    for name, frame in lexicon.frames.items():
        node = node_for(name.split("/"), f"frame {name!r}")
        if frame.entries:
            node[QUANTEDA_OWN] = [e.pattern for e in frame.entries]
    for cname, contest in lexicon.contests.items():
        if (cname,) in owner:
            raise LexiconError(
                f"contest {cname!r} and {owner[(cname,)]} would share the quanteda key "
                f"{cname!r}. Fix: rename the contest or the frame before exporting."
            )
        node = node_for([cname], f"contest {cname!r}")
        for vname, variant in contest.variants.items():
            node[vname] = {QUANTEDA_OWN: [e.pattern for e in variant.entries]}

    def simplify(node: dict) -> Any:
        children = {k: simplify(v) for k, v in node.items() if k != QUANTEDA_OWN}
        own = node.get(QUANTEDA_OWN)
        if not children:
            return own or []
        if own:
            children[QUANTEDA_OWN] = own
        return children

    return {k: simplify(v) for k, v in tree.items()}


def _losses(lexicon: Lexicon, target: str) -> list[str]:
    """What the target format cannot say about this lexicon's entries."""
    entries = lexicon.entries
    checks: list[tuple[str, Any]] = [
        ("proximity constraints (near / not_near)", lambda e: e.near or e.not_near),
        ("case sensitivity", lambda e: e.case_sensitive),
        ("accent folding", lambda e: e.fold_accents),
        ("hyphen/space compound variants", lambda e: e.compounds),
        ("lemma or stem matching", lambda e: e.match != "exact"),
        ("matching parts of hyphenated compounds", lambda e: e.parts),
    ]
    lost = []
    for label, test in checks:
        n = sum(1 for e in entries if test(e))
        if n:
            lost.append(f"{label} ({n} entr{'ies' if n != 1 else 'y'})")
    described = [f for f in lexicon.frames.values() if f.description] + [
        c for c in lexicon.contests.values() if c.description
    ]
    described += [
        v for c in lexicon.contests.values() for v in c.variants.values() if v.description
    ]
    if described:
        lost.append(f"descriptions ({len(described)})")
    if target == "LIWC":
        lost.append("metadata (name, version, language, authors, citation)")
        groups = [n for n, f in lexicon.frames.items() if not f.entries]
        if groups:
            lost.append(f"entry-less group frames ({', '.join(groups)})")
    return lost


def _warn_losses(lexicon: Lexicon, target: str) -> None:
    lost = _losses(lexicon, target)
    if not lost:
        return
    warnings.warn(
        LexiconConversionWarning(
            f"exporting lexicon {lexicon.name!r} to {target}: that format cannot express "
            + "; ".join(lost)
            + f". {target} will match these entries by its own rules."
        ),
        stacklevel=4,
    )


def to_quanteda_yaml(lexicon: Lexicon) -> str:
    """quanteda YAML dictionary text: nested keys, contests as ``contest: {variant: [...]}``."""
    _warn_losses(lexicon, "quanteda")
    header = (
        f"# {lexicon.name} {lexicon.version} ({lexicon.language}), {lexicon.fingerprint()}\n"
        "# quanteda dictionary exported by framing; read it with quanteda::dictionary(file=)\n"
    )
    return header + dump_yaml(_nest(lexicon))


# -- LIWC ------------------------------------------------------------------------------------
_CATEGORY_RE = re.compile(r"(\d+)\s+(\S.*?)\s*")
_DESCRIBED_RE = re.compile(r"(\S+)\s+\((.+)\)")
_WORD_IDS_RE = re.compile(r"(.+?)((?:\s+\d+)+)\s*")


def read_liwc(
    text: str,
    *,
    path: Path | str | None,
    language: str | None,
    contests: Iterable[str] | None,
) -> Foreign:
    """Translate LIWC ``.dic`` text to the framing form.

    The category legend lies between the first two lines holding only ``%``: one
    ``number<TAB>name`` per line (a trailing ``(Description)`` becomes the description;
    leading tabs of hierarchical LIWC2015 legends are ignored). Then one
    ``word<TAB>number[<TAB>number...]`` per line; words may be phrases and end in ``*``.
    """
    data, note = _metadata(path, language, "LIWC")
    out = Foreign(data, Located())
    out.notes.append(note)
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        out.problems.append(
            LexiconProblem(
                "a LIWC .dic file must start with its category legend between two lines "
                "holding only '%'. Fix: add '%', the 'number<TAB>name' lines, then '%'.",
                line=(marks[0] + 1) if marks else 1,
            )
        )
        return out
    start, end = marks[0], marks[1]
    categories: dict[int, str] = {}
    category_line: dict[int, int] = {}
    descriptions: dict[str, str] = {}
    for i in range(start + 1, end):
        line = lines[i].strip()
        if not line:
            continue
        match = _CATEGORY_RE.fullmatch(line)
        if match is None:
            out.problems.append(
                LexiconProblem(
                    f"category line {line!r} is not 'number<TAB>name'. Fix: write e.g. "
                    "'1\tcounter_terrorism'.",
                    line=i + 1,
                )
            )
            continue
        number, label = int(match.group(1)), match.group(2)
        described = _DESCRIBED_RE.fullmatch(label)
        if described:
            label = described.group(1)
            descriptions[label] = described.group(2)
        if number in categories:
            out.problems.append(
                LexiconProblem(
                    f"category number {number} is defined twice (first at line "
                    f"{category_line[number]}). Fix: renumber one.",
                    line=i + 1,
                )
            )
            continue
        categories[number] = label
        category_line[number] = i + 1
    contest_names, problems = _check_contest_hint(
        contests, [c.partition("/")[0] for c in categories.values()], "LIWC"
    )
    out.problems.extend(problems)
    skipped: list[int] = []
    members: dict[int, list[tuple[str, int]]] = {n: [] for n in categories}
    for i in range(end + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if "<of>" in line or re.search(r"\(.*\)", line):
            skipped.append(i + 1)
            continue
        if "\t" in line:
            word, _, rest = line.partition("\t")
            numbers = rest.split()
        else:
            match = _WORD_IDS_RE.fullmatch(line)
            word, numbers = (match.group(1), match.group(2).split()) if match else (line, [])
        word = word.strip()
        if not numbers or not all(n.isdigit() for n in numbers):
            out.problems.append(
                LexiconProblem(
                    f"word line {line!r} needs category numbers after a tab. Fix: write "
                    f"'{word}\t1' (numbers from the legend).",
                    line=i + 1,
                )
            )
            continue
        for number in dict.fromkeys(int(n) for n in numbers):
            if number not in categories:
                known = ", ".join(str(n) for n in categories) or "none"
                out.problems.append(
                    LexiconProblem(
                        f"word {word!r} refers to category {number}, which the legend does "
                        f"not define (defined: {known}). Fix: add it to the legend between "
                        "the '%' lines, or correct the number.",
                        line=i + 1,
                    )
                )
                continue
            members[number].append((word, i + 1))
    if skipped:
        out.notes.append(
            "conditional LIWC entries ('<of>' or parenthesised codes) are not supported and "
            f"were left out: lines {', '.join(map(str, skipped))}."
        )
    collected: dict[str, _Category] = {}
    for number, label in categories.items():
        if not members[number]:
            out.notes.append(
                f"category {label!r} (line {category_line[number]}) has no words and was left out."
            )
            continue
        category = collected.setdefault(
            label, _Category(descriptions.get(label), category_line[number])
        )
        category.items.extend((word, line_no, None) for word, line_no in members[number])
    _emit(out, collected, contest_names)
    return out


def to_liwc(lexicon: Lexicon) -> str:
    """LIWC ``.dic`` text: frames then contest variants (``contest/variant``) as categories."""
    _warn_losses(lexicon, "LIWC")
    categories: list[tuple[str, tuple[Entry, ...]]] = [
        (name, frame.entries) for name, frame in lexicon.frames.items() if frame.entries
    ]
    for cname, contest in lexicon.contests.items():
        categories.extend(
            (f"{cname}/{vname}", variant.entries) for vname, variant in contest.variants.items()
        )
    words: dict[str, list[int]] = {}
    for number, (_, entries) in enumerate(categories, start=1):
        for entry in entries:
            numbers = words.setdefault(entry.pattern, [])
            if number not in numbers:
                numbers.append(number)
    legend = "".join(f"{n}\t{name}\n" for n, (name, _) in enumerate(categories, start=1))
    body = "".join(
        word + "".join(f"\t{n}" for n in numbers) + "\n" for word, numbers in words.items()
    )
    return f"%\n{legend}%\n{body}"
