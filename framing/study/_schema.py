"""Load and validate study files: every problem named by file, line, dotted key and fix.

YAML is read with :func:`framing.lexicon._yaml.load_located` (compose nodes, so each key
keeps its line; duplicate keys are errors; a plain scalar keeps its source text, so
``target: 003`` stays ``"003"`` where a text is expected). The structure is then checked
(:mod:`framing.study._format`, :mod:`framing.study._values`), every problem collected, and
one :class:`StudyError` lists them all. Checks that need the corpus or the lexicon (does
the contest exist? the column?) run when the study runs (:mod:`framing.study._checks`).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framing._errors import suggest
from framing.study._format import (
    ANALYSIS_TYPES,
    FIGURE_KEYS,
    PLOTS,
    TOP_KEYS,
    StudyChecker,
    plot_options,
)
from framing.study._model import (
    Analysis,
    CorpusSpec,
    FigureSpec,
    Path_,
    Study,
    StudyError,
    TableSpec,
)
from framing.study._values import FROM_FUNCTION, Checker, Problem, describe, study_error

__all__ = ["ANALYSIS_TYPES", "PLOTS", "load_study", "study_from_dict"]


# ---------------------------------------------------------------------------- building


def _function_defaults(name: str) -> dict[str, Any]:
    import framing

    func = getattr(framing, name.removeprefix("framing."), None)
    if func is None:
        return {}
    return {
        key: p.default
        for key, p in inspect.signature(func).parameters.items()
        if p.default is not inspect.Parameter.empty
    }


def _analyses(chk: Checker, raw: list, seed: int) -> tuple[Analysis, ...]:
    out = []
    seen: dict[str, int] = {}
    for i, common, params in raw:
        ident, kind = common["id"], common["type"]
        if ident is None:
            continue
        if ident in seen:
            chk.error(
                ("analyses", i, "id"),
                f"duplicate analysis id {ident!r} (also analyses[{seen[ident]}]). "
                "Fix: give each analysis its own id.",
            )
            continue
        seen[ident] = i
        defaults = _function_defaults(ANALYSIS_TYPES[kind]["function"])
        resolved = {}
        for key, value in params.items():
            if value is FROM_FUNCTION:
                value = defaults.get(key)
            resolved[key] = value
        if kind == "voice":
            given = [k for k in ("contest", "frame") if resolved[k] is not None]
            if len(given) != 1 and not (resolved["variant"] and not given):
                chk.error(
                    ("analyses", i),
                    "a 'voice' analysis counts the hits of one contest or of frames: give "
                    "'contest' (and optionally 'variant') or 'frame', not "
                    + ("both." if len(given) == 2 else "neither.")
                    + " Fix: e.g. 'contest: operation_name'.",
                )
            if resolved["frame"] is not None and resolved["variant"] is not None:
                chk.error(
                    ("analyses", i, "variant"), "'variant' goes with 'contest', not with 'frame'."
                )
        own_seed = common["seed"]
        out.append(
            Analysis(
                id=ident,
                type=kind,
                params=resolved,
                seed=seed if own_seed is None else own_seed,
                index=i,
                description=common["description"],
            )
        )
    return tuple(out)


def _safe_file(chk: Checker, path: Path_, value: str) -> bool:
    parts = Path(value).parts
    if Path(value).is_absolute() or ".." in parts or value.startswith("~"):
        chk.error(
            path,
            f"file {value!r} must be a name inside the output folder (no '..', not "
            "absolute). Fix: write e.g. 'operation-naming'.",
        )
        return False
    return True


def _figures(
    chk: Checker, raw: list, analyses: dict[str, Analysis], top: dict[str, Any]
) -> tuple[FigureSpec, ...]:
    style = top["style"] or {}
    out = []
    files: dict[str, int] = {}
    for i, values, options in raw:
        name = values["analysis"]
        if name is None:
            continue
        analysis = analyses.get(name)
        if analysis is None:
            chk.error(
                ("figures", i, "analysis"),
                f"no analysis {name!r} in the study.{suggest(name, analyses)} Analyses: "
                f"{', '.join(analyses) or '(none)'}.",
            )
            continue
        allowed = ANALYSIS_TYPES[analysis.type]["plots"]
        plot = values["plot"] or allowed[0]
        if plot not in allowed:
            chk.error(
                ("figures", i, "plot"),
                f"a {analysis.type!r} analysis ({name}) cannot be drawn with plot {plot!r}; "
                f"plots for it: {', '.join(allowed)}.",
            )
            continue
        if values["group"] is not None and analysis.type != "specificities":
            chk.error(
                ("figures", i, "group"),
                "'group' is only for figures of a 'specificities' analysis.",
            )
        if analysis.type == "specificities" and values["group"] is None:
            chk.error(
                ("figures", i),
                "a keyness figure of a 'specificities' analysis shows "
                "one group: add e.g. 'group: Le Monde' (a value of its 'by' column).",
            )
        known = plot_options(plot)
        for key in options:
            if key not in known:
                own = [*FIGURE_KEYS]
                chk.error(
                    ("figures", i, key),
                    f"unknown key {key!r} for a figure drawn with plot_{plot}."
                    f"{suggest(str(key), [*own, *known])} Figure keys: {', '.join(own)}; "
                    f"plot_{plot} options: {', '.join(known)}.",
                )
        file = values["file"] or name
        if not _safe_file(chk, ("figures", i, "file"), file):
            continue
        if file in files:
            chk.error(
                ("figures", i, "file"),
                f"file {file!r} is also written by figures"
                f"[{files[file]}]. Fix: give this figure its own 'file'.",
            )
            continue
        files[file] = i
        labels = {**top["labels"], **values["labels"]}
        out.append(
            FigureSpec(
                analysis=name,
                plot=plot,
                file=file,
                width=values["width"] if values["width"] is not None else style["width"],
                height=values["height"],
                aspect=values["aspect"],
                journal=values["journal"] or style["journal"],
                theme=values["theme"] or style["theme"],
                locale=values["locale"] or top["locale"],
                formats=values["formats"] or style["formats"],
                dpi=float(values["dpi"] if values["dpi"] is not None else style["dpi"]),
                labels=labels,
                options={k: v for k, v in options.items() if k in known},
                group=values["group"],
                index=i,
            )
        )
        if values["height"] is not None and values["aspect"] is not None:
            chk.error(
                ("figures", i, "aspect"),
                "give 'height' (mm) or 'aspect' (width / height), not both.",
            )
    return tuple(out)


def _tables(
    chk: Checker, raw: list, analyses: dict[str, Analysis], top: dict[str, Any]
) -> tuple[TableSpec, ...]:
    out = []
    files: dict[str, int] = {}
    for i, values in raw:
        name = values["analysis"]
        if name is None:
            continue
        if name not in analyses:
            chk.error(
                ("tables", i, "analysis"),
                f"no analysis {name!r} in the study.{suggest(name, analyses)} Analyses: "
                f"{', '.join(analyses) or '(none)'}.",
            )
            continue
        file = values["file"] or name
        if not _safe_file(chk, ("tables", i, "file"), file):
            continue
        if file in files:
            chk.error(
                ("tables", i, "file"),
                f"file {file!r} is also written by tables"
                f"[{files[file]}]. Fix: give this table its own 'file'.",
            )
            continue
        files[file] = i
        out.append(
            TableSpec(
                analysis=name,
                file=file,
                formats=values["formats"],
                locale=values["locale"] or top["locale"],
                caption=values["caption"],
                label=values["label"],
                decimals=values["decimals"],
                columns=values["columns"],
                compact=values["compact"],
                drop_unused=values["drop_unused"],
                labels=values["labels"],
                index=i,
            )
        )
    return tuple(out)


def _build(
    data: Any,
    *,
    lines: dict[Path_, int],
    raw: dict[Path_, str],
    source: str | None,
    sha256: str,
    bundled: bool,
) -> Study:
    filename = source if source is not None else "study"
    chk = StudyChecker(lines=lines, raw=raw)
    if not isinstance(data, Mapping):
        chk.error(
            (),
            f"a study must be a mapping of keys (name:, corpus:, lexicon:, "
            f"analyses:, ...) at the top level, not {describe(data)}. Fix: start the file "
            "with 'name: my-study'.",
        )
        raise study_error(chk.problems, filename)
    top = chk.keys(data, (), TOP_KEYS, "the study's top level")
    seed = top["seed"] if top["seed"] is not None else 0
    analyses = _analyses(chk, top["analyses"] or [], seed)
    by_id = {a.id: a for a in analyses}
    figures = _figures(chk, top["figures"] or [], by_id, top)
    tables = _tables(chk, top["tables"] or [], by_id, top)
    if chk.problems:
        raise study_error(chk.problems, filename)
    corpus = CorpusSpec(**top["corpus"]) if isinstance(top["corpus"], Mapping) else None
    if corpus is None:  # pragma: no cover - a missing corpus is a problem above
        raise study_error([Problem(None, None, ("corpus",), "missing")], filename)
    return Study(
        name=top["name"],
        title=top["title"],
        description=top["description"],
        corpus=corpus,
        lexicon=top["lexicon"],
        seed=seed,
        language=top["language"],
        locale=top["locale"],
        methods_language=top["methods_language"],
        match=top["match"],
        labels=top["labels"],
        analyses=analyses,
        figures=figures,
        tables=tables,
        matches_format=None if top["matches"] == "none" else top["matches"],
        output=top["output"],
        overrides=top["overrides"],
        source=source,
        sha256=sha256,
        bundled=bundled,
        lines=lines,
    )


def _canonical_sha256(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def study_from_dict(data: Mapping[str, Any], *, source: str | Path | None = None) -> Study:
    """Validate a dict into a :class:`Study` (see :meth:`Study.from_dict`)."""
    return _build(
        data,
        lines={},
        raw={},
        source=None if source is None else os.fspath(source),
        sha256=_canonical_sha256(data),
        bundled=False,
    )


def _bundled_names() -> list[str]:
    from framing._resources import bundled_names

    return bundled_names("studies")


def _resolve(path_or_name: str | os.PathLike[str]) -> tuple[Path, bool]:
    """(file, bundled) for a study path or a bundled study name."""
    from framing._resources import bundled_path

    path = Path(path_or_name)
    if path.is_dir():
        candidates = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if len(candidates) == 1:
            path = candidates[0]
        else:
            raise StudyError(
                f"{path} is a folder with {len(candidates)} study files; pass one of them "
                f"({', '.join(c.name for c in candidates) or 'none'})."
            )
    if path.is_file():
        # the bundled study wherever it is read from: the installed copy or the checkout's
        bundled = bundled_path("studies", path.stem)
        same = bundled is not None and bundled.read_bytes() == path.read_bytes()
        return path, same
    name = os.fspath(path_or_name)
    found = bundled_path("studies", name)
    if found is not None and found.is_file():
        return found, True
    names = _bundled_names()
    raise StudyError(
        f"No study file {name!r} (looked for the file, then for a bundled study of that "
        f"name). Bundled studies: {', '.join(names) or '(none)'}.{suggest(name, names)} "
        "Fix: check the path, or pass the name of a bundled study."
    )


def load_study(path_or_name: str | os.PathLike[str]) -> Study:
    """Read and validate a study file (YAML), or a bundled study by name.

    Parameters
    ----------
    path_or_name : str or path-like
        A ``study.yaml`` file, a folder holding exactly one, or the name of a study
        bundled with the package (``"karabakh-2023"``).

    Returns
    -------
    Study
        Frozen; ``source`` is the file read (the path as given, or the bundled file).

    Raises
    ------
    StudyError
        No such file or bundled study (bundled names listed, with a suggestion);
        malformed YAML (file, line and column); duplicate keys; a missing or unknown key
        (``analyses[2].contest``, with a suggestion); a value of the wrong kind. Every
        problem of the file is listed at once, sorted by line, as
        ``file:line: key: message``.

    Examples
    --------
    >>> study = load_study("karabakh-2023")
    >>> study.name, study.analyses[0].id
    ('karabakh-2023', 'operation-naming')
    """
    from framing.lexicon._yaml import load_located

    path, bundled = _resolve(path_or_name)
    filename = str(path)
    content = path.read_bytes()
    sha256 = "sha256:" + hashlib.sha256(content).hexdigest()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StudyError(
            f"{filename}: the file is not UTF-8 ({exc.reason} at byte {exc.start}). Fix: "
            "save it as UTF-8."
        ) from None
    if not text.strip():
        raise StudyError(
            f"{filename}: the file is empty. Fix: write at least 'name:', 'corpus:', "
            "'lexicon:' and 'analyses:'."
        )
    located, problems = load_located(text)
    if problems:
        converted = [
            Problem(p.line, p.column, (), p.message.replace("lexicon files", "study files"))
            for p in problems
        ]
        raise study_error(converted, filename)
    lines = {**located.value_lines, **located.key_lines}
    return _build(
        located.data,
        lines=lines,
        raw=dict(located.raw),
        source=filename,
        sha256=sha256,
        bundled=bundled,
    )
