"""The frozen objects of a study: Study, its corpus, analyses, figures and tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing._errors import FramingError

Path_ = tuple[Any, ...]


class StudyError(FramingError):
    """A study file or structure is malformed, or names what the corpus or lexicon lacks.

    The message names the file and line (when the study came from YAML), the key as a
    dotted path (``analyses[2].contest``) and the fix. ``problems`` holds every problem,
    as ``file:line: key: message`` strings, sorted by line.
    """


def dotted(path: Path_) -> str:
    """``("analyses", 2, "contest")`` → ``"analyses[2].contest"``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


@dataclass(frozen=True)
class CorpusSpec:
    """Where the study's corpus comes from and which documents it keeps.

    Exactly one of ``name`` (a bundled corpus) and ``path`` (relative to the study file's
    folder) is set; the other fields are passed to :func:`framing.read_corpus`, and
    ``filters`` to :meth:`framing.Corpus.subset`.
    """

    name: str | None = None
    path: str | None = None
    text: str | None = None
    doc_id: str | None = None
    date: str | None = "date"
    format: str | None = None
    encoding: str | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The corpus as the study file names it (a bundled name or a relative path)."""
        return self.path if self.path is not None else str(self.name)


@dataclass(frozen=True)
class Analysis:
    """One analysis: an id, a type, and every parameter of its function (defaults filled in).

    ``params`` maps the parameter names of the function behind ``type`` (see
    :mod:`framing.study`) to their values; ``seed`` is the ``random_state`` it gets.
    ``index`` is its position in the study file's ``analyses`` list.
    """

    id: str
    type: str
    params: Mapping[str, Any]
    seed: int
    index: int
    description: str | None = None


@dataclass(frozen=True)
class FigureSpec:
    """One figure: which analysis, which ``framing.plot`` function, file, size, style."""

    analysis: str
    plot: str
    file: str
    width: str | float
    height: float | None
    aspect: float | None
    journal: str
    theme: str
    locale: str
    formats: tuple[str, ...]
    dpi: float
    labels: Mapping[str, str]
    options: Mapping[str, Any]
    group: Any
    index: int


@dataclass(frozen=True)
class TableSpec:
    """One table: which analysis, which formats (csv, tex), file name and LaTeX options.

    ``compact``, ``drop_unused`` and ``labels`` shape the LaTeX table only: the CSV is
    always the analysis' full result table, with its raw values.
    """

    analysis: str
    file: str
    formats: tuple[str, ...]
    locale: str
    caption: str | None
    label: str | None
    decimals: int | Mapping[str, int] | None
    columns: tuple[str, ...] | Mapping[str, str] | None
    compact: bool
    drop_unused: bool
    labels: bool
    index: int


@dataclass(frozen=True)
class Study:
    """A validated study: what to read, match, count, compare, draw and write.

    Build one with :func:`framing.study.load_study` (a file or a bundled name) or
    :meth:`Study.from_dict`. Frozen: change the file (or the dict) and load it again.

    Attributes
    ----------
    name, title, description : str
        ``title`` and ``description`` may be None.
    corpus : CorpusSpec
    lexicon : str
        A bundled lexicon name or a path relative to the study file's folder.
    overrides : str or None
        An overrides file (:func:`framing.validate.read_overrides`), relative to the study
        file's folder, applied to the matches before anything is counted; None: none.
    seed : int
        ``random_state`` of every bootstrap and permutation (an analysis may set its own).
    language : str or None
        ``fr`` or ``en``; None: the lexicon's.
    locale : str
        Default typography of figures and tables (``en`` or ``fr``).
    methods_language : str
        Language of the generated ``methods.md`` (``en`` or ``fr``).
    match : Mapping
        ``overlap``, ``audit``, ``voice`` for :func:`framing.match_lexicon`.
    labels : Mapping
        Display text of values (variants, groups, frames) shared by every figure.
    analyses, figures, tables : tuple
        :class:`Analysis`, :class:`FigureSpec`, :class:`TableSpec`, in file order.
    matches_format : str or None
        ``csv`` or ``parquet`` for the matches table, None to write none.
    output : str
        The output folder as the file states it (see :func:`framing.study.run_study`).
    source : str or None
        The study file, or None for a study built from a dict without ``source``.
    sha256 : str
        ``sha256:…`` of the file's bytes (of the canonical JSON of the dict for
        :meth:`from_dict`).
    bundled : bool
        True for a study shipped with the package.
    """

    name: str
    title: str | None
    description: str | None
    corpus: CorpusSpec
    lexicon: str
    seed: int
    language: str | None
    locale: str
    methods_language: str
    match: Mapping[str, Any]
    labels: Mapping[str, str]
    analyses: tuple[Analysis, ...]
    figures: tuple[FigureSpec, ...]
    tables: tuple[TableSpec, ...]
    matches_format: str | None
    output: str
    overrides: str | None = None
    source: str | None = None
    sha256: str = ""
    bundled: bool = False
    lines: Mapping[Path_, int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | Path | None = None) -> Study:
        """Validate a study given as a dict (the structure of a study.yaml file).

        Parameters
        ----------
        data : Mapping
            The study, as :func:`yaml.safe_load` would return it.
        source : str or Path, optional
            The file it stands for: relative paths (corpus, lexicon, output) are read
            from its folder, and messages name it. Default: the current directory, and
            messages name the study ``study``.

        Returns
        -------
        Study

        Raises
        ------
        StudyError
            Every problem at once, each with its key (``analyses[2].contest``) and fix.

        Examples
        --------
        >>> study = Study.from_dict({
        ...     "name": "demo", "corpus": "karabakh-2023-fr", "lexicon": "karabakh-2023-fr",
        ...     "analyses": [{"id": "naming", "type": "contest", "contest": "region_name"}]})
        >>> study.analyses[0].params["n_boot"]
        1000
        """
        from framing.study._schema import study_from_dict

        return study_from_dict(data, source=source)

    # -- locations --------------------------------------------------------------------------
    @property
    def filename(self) -> str:
        """The study file as messages name it (``study`` without a file)."""
        return self.source if self.source is not None else "study"

    @property
    def base_dir(self) -> Path:
        """The folder relative paths are read from: the study file's, else the cwd."""
        return Path(self.source).parent if self.source is not None else Path.cwd()

    def where(self, path: Path_) -> str:
        """``file:line: dotted.key`` for a key of the study (the line when known)."""
        line = _line(self.lines, tuple(path))
        head = self.filename if line is None else f"{self.filename}:{line}"
        key = dotted(path)
        return f"{head}: {key}" if key else head

    def analysis(self, analysis_id: str) -> Analysis:
        """The analysis with this id.

        Raises
        ------
        StudyError
            No analysis has this id (the ids are listed).
        """
        for item in self.analyses:
            if item.id == analysis_id:
                return item
        ids = ", ".join(a.id for a in self.analyses)
        raise StudyError(f"{self.filename}: no analysis {analysis_id!r}; analyses: {ids}.")


def _line(lines: Mapping[Path_, int], path: Path_) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
