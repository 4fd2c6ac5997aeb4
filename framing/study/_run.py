"""run_study: the whole chain of a study, from its file to figures, tables and provenance."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from framing._errors import FramingError
from framing._progress import progress_bar
from framing.study._model import Study, StudyError


class WrittenFile(NamedTuple):
    """A file a study run wrote.

    ``name`` is its path relative to the output folder (``/`` separators), ``path`` the
    output folder joined with it, ``sha256`` the ``sha256:<hex>`` of its bytes.
    """

    name: str
    path: Path
    sha256: str


@dataclass(frozen=True)
class StudyResult:
    """What :func:`run_study` did: the files written, the result tables, the warnings.

    Attributes
    ----------
    study : Study
    out : Path
        The output folder (as resolved: relative to the current directory when it was).
    files : tuple of WrittenFile
        ``(name, path, sha256)`` of every file written, ``name`` relative to ``out``,
        sorted by name; ``provenance.json`` comes last (it lists the others with their
        hashes).
    results : Mapping
        Each analysis' result table, by analysis id.
    matches : pandas.DataFrame
        The matches table.
    warnings : tuple of str
        Warnings raised while running, each prefixed with the step (analysis id, figure
        file), once each.
    n_docs, n_tokens : int
        Size of the corpus as analysed (after the study's filters).
    """

    study: Study
    out: Path
    files: tuple[WrittenFile, ...]
    results: dict[str, pd.DataFrame] = field(repr=False, compare=False)
    matches: pd.DataFrame = field(repr=False, compare=False)
    warnings: tuple[str, ...] = ()
    n_docs: int = 0
    n_tokens: int = 0

    @property
    def paths(self) -> list[Path]:
        """The files written, as paths under :attr:`out`."""
        return [f.path for f in self.files]

    def summary(self) -> str:
        """A few lines saying what was read and written, for a terminal.

        Examples
        --------
        >>> import tempfile
        >>> study = Study.from_dict({
        ...     "name": "demo", "corpus": "karabakh-2023-fr", "lexicon": "karabakh-2023-fr",
        ...     "analyses": [{"id": "naming", "type": "contest", "contest": "region_name"}]})
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     result = run_study(study, out=tmp, progress=False)
        >>> print(result.summary().splitlines()[0])
        Study demo
        """
        s = self.study
        attrs = self.matches.attrs
        lines = [f"Study {s.name}" + (f": {s.title}" if s.title else "")]
        lines.append(
            f"  corpus {attrs.get('corpus_name')}: {self.n_docs} documents, "
            f"{self.n_tokens:,} tokens; lexicon {attrs.get('lexicon_name')} "
            f"{attrs.get('lexicon_version')}"
        )
        counted = self.matches
        if "rejected" in counted.columns:
            counted = counted[counted["rejected"].isna().to_numpy()]
        overridden = ""
        if attrs.get("overrides_fingerprint") is not None:
            overridden = (
                f", {attrs.get('n_excluded_by_overrides') or 0} excluded and "
                f"{attrs.get('n_relabelled_by_overrides') or 0} relabelled by overrides "
                f"{attrs.get('overrides_name')} {attrs.get('overrides_version')}"
            )
        lines.append(
            f"  {len(counted):,} hits counted, {attrs.get('n_rejected') or 0} rejected by "
            f"proximity constraints{overridden}; {len(s.analyses)} analyses"
        )
        names = [f.name for f in self.files]
        figures = sorted(
            {
                Path(n).with_suffix("").as_posix()
                for n in names
                if n.endswith((".pdf", ".svg", ".png"))
            }
        )
        tables = [n for n in names if n.startswith("tables/") and not n.endswith(".json")]
        lines.append(f"  wrote {len(self.files)} files to {self.out.as_posix()}/")
        if figures:
            lines.append(f"    figures ({len(figures)}): {', '.join(figures)}")
        if tables:
            lines.append(f"    tables ({len(tables)}): {', '.join(tables)}")
        others = [
            n
            for n in names
            if "/" not in n
            and n.endswith((".md", ".csv", ".parquet"))
            and Path(n).stem not in figures
        ] + ["provenance.json"]
        lines.append(f"    {', '.join(others)}")
        if self.warnings:
            lines.append(f"  {len(self.warnings)} warning(s):")
            lines += [f"    {w}" for w in self.warnings]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ helpers


def _as_study(study_or_path: Any) -> Study:
    from framing.study._schema import load_study

    if study_or_path is None:
        return load_study("karabakh-2023")
    if isinstance(study_or_path, Study):
        return study_or_path
    if isinstance(study_or_path, (str, os.PathLike)):
        return load_study(study_or_path)
    if isinstance(study_or_path, dict):
        return Study.from_dict(study_or_path)
    raise StudyError(
        "run_study expects a Study, a study file path, a bundled study name, or None (the "
        f"bundled Karabakh study); got {type(study_or_path).__name__}."
    )


def output_folder(study: Study, out: str | os.PathLike[str] | None) -> Path:
    """Where a run writes: ``out``; else the study's ``output`` (see :func:`run_study`)."""
    if out is not None:
        return Path(out)
    if study.bundled or study.source is None:
        return Path(study.output)
    return study.base_dir / study.output


def _relative(study: Study, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else study.base_dir / path


def _read_corpus(study: Study) -> Any:
    from framing.corpus import read_corpus

    spec = study.corpus
    options = {
        k: v
        for k, v in (
            ("text", spec.text),
            ("doc_id", spec.doc_id),
            ("format", spec.format),
            ("encoding", spec.encoding),
        )
        if v is not None
    }
    options["date"] = spec.date
    key = ("corpus", "path") if spec.path is not None else ("corpus", "name")
    if spec.path is not None:
        target = _relative(study, spec.path)
        if not target.exists():
            raise StudyError(
                f"{study.where(key)}: no file or folder {spec.path!r} (read relative to the "
                f"study file's folder, {study.base_dir.as_posix()}). Fix: correct the path."
            )
        source: Any = target
    else:
        source = spec.name
    try:
        corpus = read_corpus(source, **options)
    except FramingError as exc:
        raise StudyError(f"{study.where(key)}: {exc}") from exc
    if spec.filters:
        try:
            corpus = corpus.subset(**dict(spec.filters))
        except FramingError as exc:
            raise StudyError(f"{study.where(('corpus', 'filters'))}: {exc}") from exc
    if len(corpus) == 0:
        raise StudyError(
            f"{study.where(('corpus',))}: the corpus has no documents"
            + (" after the filters." if spec.filters else ".")
        )
    return corpus


def _read_lexicon(study: Study) -> Any:
    from framing.lexicon import read_lexicon

    local = _relative(study, study.lexicon)
    source: Any = local if local.is_file() else study.lexicon
    try:
        return read_lexicon(source)
    except FramingError as exc:
        raise StudyError(f"{study.where(('lexicon',))}: {exc}") from exc


def _read_overrides(study: Study) -> Any:
    """The study's overrides file, read and checked (None when the study names none)."""
    from framing.validate import read_overrides

    if study.overrides is None:
        return None
    key = ("overrides",)
    target = _relative(study, study.overrides)
    if not target.is_file():
        raise StudyError(
            f"{study.where(key)}: no overrides file {study.overrides!r} (read relative to the "
            f"study file's folder, {study.base_dir.as_posix()}). Fix: correct the path, or "
            "remove the key to count the matches as the matcher made them."
        )
    try:
        return read_overrides(target)
    except FramingError as exc:
        raise StudyError(f"{study.where(key)}: {exc}") from exc


def _apply_overrides(study: Study, matches: pd.DataFrame, overrides: Any) -> pd.DataFrame:
    """The matches with the coders' decisions applied (excluded hits kept, marked rejected)."""
    from framing.validate import apply_overrides

    try:
        return apply_overrides(matches, overrides)
    except FramingError as exc:
        raise StudyError(f"{study.where(('overrides',))}: {exc}") from exc


@contextmanager
def _collect(step: str, collected: list[str]) -> Iterator[None]:
    """Record the warnings of one step, prefixed with its name."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for item in caught:
        message = f"{step}: {item.message}"
        if message not in collected:
            collected.append(message)


def _progress(progress: bool | None, total: int, name: str) -> Any:
    show = progress if progress is not None else sys.stderr.isatty()
    return progress_bar(
        total=total, desc=f"framing run {name}", unit="step", disable=not show, leave=False
    )


def _remove_stale(out: Path, written: set[str], study: str) -> None:
    """Delete the files an earlier run of the same study wrote here and this one did not."""
    import json

    record = out / "provenance.json"
    if not record.is_file():
        return
    try:
        old = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(old, dict) or not isinstance(old.get("files"), dict):
        return
    if not isinstance(old.get("study"), dict) or old["study"].get("name") != study:
        return  # another study's outputs, or not ours: never touched
    root = out.resolve()
    for name in old["files"]:
        if name in written or not isinstance(name, str):
            continue
        target = (out / name).resolve()
        if root in target.parents and target.is_file():
            target.unlink()


# ---------------------------------------------------------------------------------- run


def run_study(
    study_or_path: Study | str | os.PathLike[str] | dict[str, Any] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
) -> StudyResult:
    """Run a study: read, match, count and compare, draw, write, record.

    Parameters
    ----------
    study_or_path : Study, str, path, dict or None, default None
        A :class:`Study`, a study file, the name of a bundled study, or a dict with the
        structure of a study file (:meth:`Study.from_dict`). None runs the bundled
        Karabakh study (``karabakh-2023``).
    out : str or path, optional
        The output folder. Default: the study's ``output`` key (default ``figures``),
        read relative to the study file's folder — except for a bundled study (and a
        study built from a dict without ``source``), whose ``output`` is read relative to
        the current directory: ``run_study()`` writes ``./figures``.
    progress : bool, optional
        Show a progress bar (tqdm, on stderr). Default: only when stderr is a terminal.

    Returns
    -------
    StudyResult
        The files written (name and sha256), the result tables, the matches, the
        warnings; ``.summary()`` says it in a few lines.

    Raises
    ------
    StudyError
        A malformed study file (see :func:`load_study`); a contest, variant, frame,
        column or group value that the lexicon or corpus lacks (every one listed, with
        the valid names and the key's file and line); a corpus, lexicon or overrides file
        that cannot be read; overrides that cannot apply (see
        :func:`framing.validate.apply_overrides`); a function of the chain refusing a
        parameter (the message names the analysis, figure or table key).

    Warns
    -----
    FramingWarning
        Each warning of the run, once, prefixed with its step (``overrides: …`` for
        overrides that match no hit); also in ``StudyResult.warnings``.

    Notes
    -----
    Writes into ``out``: each figure as PDF/SVG/PNG with its data (CSV) and provenance
    (JSON) beside it (:func:`framing.save.save_figure`); ``tables/<file>.csv`` (with a JSON
    provenance) and ``tables/<file>.tex``; ``matches.csv`` (or ``.parquet``);
    ``methods.md``; ``provenance.json`` (study file sha256, corpus and lexicon names,
    fingerprints and versions, cue list version, every analysis' parameters and seed,
    software versions, and the sha256 of every file written — sorted keys, no timestamp,
    no absolute path). A second run with the same inputs changes no byte. Files that an
    earlier run of the same study (same ``name``) wrote into ``out``, as listed in its
    ``provenance.json``, and that this run does not write are deleted; no other file is
    touched.

    With an ``overrides`` file, the coders' decisions are applied to the matches right
    after matching (:func:`framing.validate.apply_overrides`), so every analysis, figure
    and table, the matches table written and ``methods.md`` count the overridden matches;
    ``provenance.json`` gains an ``overrides`` section.

    Examples
    --------
    The bundled study (``run_study()`` alone writes it into ``./figures``), here into a
    temporary folder:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +SKIP
    ...     print(run_study(out=tmp).summary())

    A study given as a dict, with one analysis, one figure and one table:

    >>> study = Study.from_dict({
    ...     "name": "demo", "corpus": "karabakh-2023-fr", "lexicon": "karabakh-2023-fr",
    ...     "style": {"formats": ["png"], "dpi": 100},
    ...     "analyses": [{"id": "naming", "type": "contest", "contest": "region_name",
    ...                   "by": "doc_id", "n_boot": 0, "n_perm": 0}],
    ...     "figures": [{"analysis": "naming", "drop_unused": True}],
    ...     "tables": [{"analysis": "naming", "formats": ["tex"]}]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     result = run_study(study, out=tmp, progress=False)
    >>> [f.name for f in result.files]  # doctest: +NORMALIZE_WHITESPACE
    ['matches.csv', 'methods.md', 'naming.csv', 'naming.json', 'naming.png',
     'tables/naming.tex', 'provenance.json']
    """
    from framing.match import match_lexicon
    from framing.study._analyses import compute
    from framing.study._checks import check_study, date_range
    from framing.study._methods import RunFacts, methods_markdown
    from framing.study._outputs import write_figure, write_matches, write_table
    from framing.study._provenance import (
        json_bytes,
        provenance_record,
        sha256_file,
        software_versions,
    )
    from framing.text import count_words

    study = _as_study(study_or_path)
    folder = output_folder(study, out)
    if folder.exists() and not folder.is_dir():
        raise StudyError(f"The output {folder.as_posix()!r} is a file, not a folder.")
    steps = 4 + len(study.analyses) + len(study.figures) + len(study.tables)
    collected: list[str] = []
    written: list[Path] = []
    with _progress(progress, steps, study.name) as bar:
        bar.set_postfix_str("corpus")
        with _collect("corpus", collected):
            corpus = _read_corpus(study)
        bar.update()
        bar.set_postfix_str("lexicon")
        with _collect("lexicon", collected):
            lexicon = _read_lexicon(study)
        overrides = _read_overrides(study)  # read before matching: its errors come early
        check_study(study, corpus, lexicon)
        language = study.language or lexicon.language
        language = language if language in ("fr", "en") else "fr"
        bar.update()

        bar.set_postfix_str("matching")
        with _collect("matching", collected):
            try:
                matches = match_lexicon(
                    corpus,
                    lexicon,
                    overlap=study.match["overlap"],
                    audit=study.match["audit"],
                    voice=study.match["voice"],
                    language=language,
                )
            except FramingError as exc:
                raise StudyError(f"{study.where(('match',))}: {exc}") from exc
            n_tokens = int(sum(count_words(t, language=language) for t in corpus.texts))
        if overrides is not None:  # before every count, figure and table
            with _collect("overrides", collected):
                matches = _apply_overrides(study, matches, overrides)
        bar.update()

        results: dict[str, pd.DataFrame] = {}
        for analysis in study.analyses:
            bar.set_postfix_str(analysis.id)
            with _collect(analysis.id, collected):
                try:
                    results[analysis.id] = compute(
                        analysis,
                        corpus=corpus,
                        lexicon=lexicon,
                        matches=matches,
                        language=language,
                    )
                except FramingError as exc:
                    where = study.where(("analyses", analysis.index))
                    raise StudyError(f"{where} ({analysis.id}): {exc}") from exc
            bar.update()

        folder.mkdir(parents=True, exist_ok=True)
        by_id = {a.id: a for a in study.analyses}
        for figure in study.figures:
            bar.set_postfix_str(figure.file)
            analysis = by_id[figure.analysis]
            with _collect(f"figure {figure.file}", collected):
                try:
                    written += write_figure(
                        figure, analysis, results[analysis.id], corpus, study=study, out=folder
                    )
                except FramingError as exc:
                    where = study.where(("figures", figure.index))
                    raise StudyError(f"{where} ({figure.file}): {exc}") from exc
            bar.update()
        for table in study.tables:
            bar.set_postfix_str(f"tables/{table.file}")
            analysis = by_id[table.analysis]
            with _collect(f"table {table.file}", collected):
                try:
                    written += write_table(
                        table,
                        analysis,
                        results[analysis.id],
                        out=folder,
                        labels=study.labels if table.labels else None,
                    )
                except FramingError as exc:
                    where = study.where(("tables", table.index))
                    raise StudyError(f"{where} ({table.file}): {exc}") from exc
            bar.update()

        bar.set_postfix_str("methods and provenance")
        if study.matches_format is not None:
            written.append(write_matches(matches, study.matches_format, out=folder))
        software = software_versions()
        facts = RunFacts(
            study=study,
            corpus=corpus,
            n_tokens=n_tokens,
            dates=date_range(corpus),
            lexicon=lexicon,
            matches=matches,
            results=results,
            software=software,
        )
        methods = folder / "methods.md"
        methods.write_bytes(methods_markdown(facts).encode("utf-8"))
        written.append(methods)
        files = {p.relative_to(folder).as_posix(): sha256_file(p) for p in written}
        record = provenance_record(
            study,
            corpus=corpus,
            n_tokens=n_tokens,
            lexicon=lexicon,
            matches=matches,
            files=files,
            overrides=overrides,
        )
        _remove_stale(folder, set(files), study.name)
        provenance = folder / "provenance.json"
        provenance.write_bytes(json_bytes(record))
        bar.update()

    listed = [WrittenFile(name, folder / name, sha) for name, sha in sorted(files.items())]
    listed.append(WrittenFile("provenance.json", provenance, sha256_file(provenance)))
    for message in collected:
        warnings.warn(message, _warning_category(), stacklevel=2)
    return StudyResult(
        study=study,
        out=folder,
        files=tuple(listed),
        results=results,
        matches=matches,
        warnings=tuple(collected),
        n_docs=len(corpus),
        n_tokens=n_tokens,
    )


def _warning_category() -> type[Warning]:
    from framing._errors import FramingWarning

    return FramingWarning
