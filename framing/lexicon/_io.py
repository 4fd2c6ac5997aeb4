"""read_lexicon, check_lexicon, convert_lexicon: files and bundled names in, lexicons out."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing._errors import FramingError, LexiconError, suggest
from framing._resources import bundled_names, bundled_path
from framing.lexicon._convert import read_liwc, read_quanteda
from framing.lexicon._model import Lexicon
from framing.lexicon._problems import (
    LexiconConversionWarning,
    LexiconProblem,
    emit_warnings,
    lexicon_error,
    sort_problems,
)
from framing.lexicon._schema import LANGUAGE_RE, TOP_KEYS, BuildResult, build
from framing.lexicon._yaml import load_located

FORMATS = ("yaml", "quanteda", "liwc")
_SUFFIX_FORMAT = {".yaml": "yaml", ".yml": "yaml", ".dic": "liwc"}


@dataclass(frozen=True)
class CheckReport:
    """The outcome of :func:`check_lexicon`: every error and warning, and counts.

    Attributes
    ----------
    source : str
        The file checked.
    format : str
        ``"yaml"``, ``"quanteda"`` or ``"liwc"``.
    errors, warnings : tuple of LexiconProblem
        Sorted by line.
    counts : Mapping[str, int]
        ``frames``, ``contests``, ``variants``, ``entries`` (what could be read, even when
        there are errors).
    lexicon : Lexicon or None
        The lexicon when there are no errors.
    """

    source: str
    format: str
    errors: tuple[LexiconProblem, ...] = ()
    warnings: tuple[LexiconProblem, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)
    lexicon: Lexicon | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    @property
    def fingerprint(self) -> str | None:
        """The lexicon's fingerprint, or None when it has errors."""
        return self.lexicon.fingerprint() if self.lexicon is not None else None

    def __str__(self) -> str:
        lines = [
            p.format(self.source) + ("" if p.severity == "error" else " [warning]")
            for p in sort_problems(self.errors + self.warnings)
        ]
        c = self.counts
        totals = (
            f"{c.get('frames', 0)} frames, {c.get('contests', 0)} contests "
            f"({c.get('variants', 0)} variants), {c.get('entries', 0)} entries"
        )
        n_err, n_warn = len(self.errors), len(self.warnings)
        if self.lexicon is not None:
            lex = self.lexicon
            lines.append(
                f"{self.source}: OK, {lex.name} {lex.version} ({lex.language}): {totals}; "
                f"{n_warn} warning{'s' * (n_warn != 1)}; {lex.fingerprint()}"
            )
        else:
            lines.append(
                f"{self.source}: {n_err} error{'s' * (n_err != 1)}, "
                f"{n_warn} warning{'s' * (n_warn != 1)} ({totals} read)"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for ``--json`` output)."""

        def problems(items: tuple[LexiconProblem, ...]) -> list[dict[str, Any]]:
            return [
                {"line": p.line, "column": p.column, "path": p.path, "message": p.message}
                for p in items
            ]

        return {
            "source": self.source,
            "format": self.format,
            "ok": self.ok,
            "errors": problems(self.errors),
            "warnings": problems(self.warnings),
            "counts": dict(self.counts),
            "fingerprint": self.fingerprint,
        }


def _resolve(path_or_name: str | os.PathLike[str]) -> Path:
    path = Path(path_or_name)
    if path.is_file():
        return path
    if path.is_dir():
        raise LexiconError(f"{path} is a folder, not a lexicon file. Fix: give the file's path.")
    text = str(path_or_name)
    looks_like_path = os.sep in text or "/" in text or path.suffix in _SUFFIX_FORMAT
    if not looks_like_path:
        found = bundled_path("lexicons", text)
        if found is not None and found.is_file():
            return found
    names = bundled_names("lexicons")
    listed = ", ".join(names) if names else "none"
    raise LexiconError(
        f"no lexicon file or bundled lexicon named {text!r} (bundled lexicons: {listed})."
        f"{suggest(path.stem if looks_like_path else text, names)} Fix: give the path of a "
        "YAML or LIWC file, or one of the bundled names."
    )


def _read_text(path: Path, encoding: str | None) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LexiconError(
            f"{path}:{line}: the file is not valid {encoding or 'UTF-8'} (byte "
            f"0x{raw[exc.start]:02x}). Fix: save it as UTF-8, or pass the encoding "
            "(e.g. encoding='cp1252' for old LIWC files)."
        ) from None
    except LookupError:
        raise LexiconError(
            f"unknown encoding {encoding!r}. Fix: use a Python codec name such as 'utf-8' "
            "or 'cp1252'."
        ) from None


def _format_of(path: Path, format: str | None) -> str:
    if format is None:
        return _SUFFIX_FORMAT.get(path.suffix.lower(), "yaml")
    if format not in FORMATS:
        raise LexiconError(
            f"unknown lexicon format {format!r}.{suggest(format, FORMATS)} Fix: use one of "
            f"{', '.join(FORMATS)}."
        )
    return format


def _looks_like_quanteda(data: Any) -> bool:
    if not isinstance(data, Mapping) or not data:
        return False
    if any(key in TOP_KEYS for key in data):
        return False
    return all(isinstance(v, (list, Mapping, str)) for v in data.values())


def _with(result: BuildResult, problems: list[LexiconProblem]) -> BuildResult:
    """``result`` with earlier (structural) problems added; no lexicon if any is an error."""
    if not problems:
        return result
    return BuildResult(None, [*problems, *result.errors], result.warnings, result.counts)


@dataclass
class _Loaded:
    filename: str
    format: str
    result: BuildResult
    notes: list[str]


def _load(
    path_or_name: str | os.PathLike[str],
    *,
    format: str | None,
    language: str | None,
    contests: Iterable[str] | None,
    encoding: str | None,
) -> _Loaded:
    path = _resolve(path_or_name)
    fmt = _format_of(path, format)
    filename = str(path)
    if fmt == "yaml" and (language is not None or contests is not None):
        raise LexiconError(
            "language= and contests= apply to quanteda and LIWC files only; a framing YAML "
            "lexicon states its language and contests itself. Fix: drop them, or pass "
            "format='quanteda' or format='liwc'."
        )
    if isinstance(contests, str):
        contests = [contests]
    if language is not None and not LANGUAGE_RE.fullmatch(language):
        raise LexiconError(
            f"language {language!r} is not an ISO 639-1 code. Fix: pass e.g. language='fr'."
        )
    text = _read_text(path, encoding)
    notes: list[str] = []
    if fmt == "liwc":
        foreign = read_liwc(text, path=path, language=language, contests=contests)
        notes = foreign.notes
        if foreign.problems:
            return _Loaded(filename, fmt, BuildResult(None, foreign.problems), notes)
        result = build(foreign.data, located=foreign.located, source=filename)
        return _Loaded(filename, fmt, result, notes)
    located, problems = load_located(text)
    if located.data is None:  # a syntax error, or an empty file
        return _Loaded(filename, fmt, BuildResult(None, problems), notes)
    if fmt == "quanteda":
        foreign = read_quanteda(located, path=path, language=language, contests=contests)
        notes = foreign.notes
        problems += foreign.problems
        if foreign.problems:
            return _Loaded(filename, fmt, BuildResult(None, problems), notes)
        result = build(foreign.data, located=foreign.located, source=filename)
        return _Loaded(filename, fmt, _with(result, problems), notes)
    result = _with(build(located.data, located=located, source=filename), problems)
    if result.errors and _looks_like_quanteda(located.data):
        result = BuildResult(
            None,
            [
                LexiconProblem(
                    "no lexicon metadata (name, version, language) and no 'frames:' section; "
                    "the file looks like a quanteda YAML dictionary. Fix: read it with "
                    "format='quanteda', or add the metadata and move its keys under "
                    "'frames:'.",
                    line=located.line(()),
                )
            ],
            counts=result.counts,
        )
    return _Loaded(filename, fmt, result, notes)


def read_lexicon(
    path_or_name: str | os.PathLike[str],
    *,
    format: str | None = None,
    language: str | None = None,
    contests: Iterable[str] | None = None,
    encoding: str | None = None,
) -> Lexicon:
    """Read a lexicon file (framing YAML, quanteda YAML or LIWC ``.dic``) or a bundled one.

    Parameters
    ----------
    path_or_name : str or path-like
        A file, or the name of a bundled lexicon (``"karabakh-2023-fr"``).
    format : {"yaml", "quanteda", "liwc"}, optional
        Default: ``liwc`` for ``.dic`` files, else the framing YAML format. quanteda YAML
        dictionaries must be asked for explicitly (they share the ``.yml`` suffix).
    language : str, optional
        ISO 639-1 code for quanteda and LIWC files, which do not state one (default
        ``"und"``).
    contests : iterable of str, optional
        For quanteda and LIWC files: top-level keys (LIWC: ``contest/variant`` category
        prefixes) to read as naming contests, their sub-keys being the variants.
    encoding : str, optional
        Text encoding; default UTF-8 (a byte-order mark is skipped).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        When the file or name is not found, or the lexicon has problems: one error lists
        them all as ``file:line: message``, sorted by line.

    Warns
    -----
    LexiconWarning
        Repeated entries in a frame or variant; one entry in two variants of a contest.
    LexiconConversionWarning
        What a quanteda or LIWC import defaulted (metadata, options) or left out.

    Examples
    --------
    >>> lex = read_lexicon("lexicons/karabakh-2023-fr.yaml")  # doctest: +SKIP
    >>> lex.contest_names  # doctest: +SKIP
    ('operation_name', 'place_name')
    """
    loaded = _load(
        path_or_name, format=format, language=language, contests=contests, encoding=encoding
    )
    result = loaded.result
    if result.errors:
        raise lexicon_error(result.errors, loaded.filename)
    for note in loaded.notes:
        warnings.warn(LexiconConversionWarning(f"{loaded.filename}: {note}"), stacklevel=2)
    emit_warnings(result.warnings, loaded.filename)
    if result.lexicon is None:  # pragma: no cover - no errors means a lexicon was built
        raise RuntimeError("internal error: lexicon not built")
    return result.lexicon


def check_lexicon(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    language: str | None = None,
    contests: Iterable[str] | None = None,
    encoding: str | None = None,
) -> CheckReport:
    """Check a lexicon file and report every error and warning without raising for them.

    Parameters
    ----------
    path : str or path-like
        A lexicon file or bundled name, as for :func:`read_lexicon` (same keywords).

    Returns
    -------
    CheckReport
        ``report.ok``, ``report.errors``, ``report.warnings``, ``report.counts``;
        ``str(report)`` is the text the ``framing lexicon check`` command prints.

    Raises
    ------
    LexiconError
        Only when the file cannot be found or decoded, or a keyword is invalid.

    Examples
    --------
    >>> report = check_lexicon("lexicons/karabakh-2023-fr.yaml")  # doctest: +SKIP
    >>> report.ok  # doctest: +SKIP
    True
    """
    loaded = _load(path, format=format, language=language, contests=contests, encoding=encoding)
    result = loaded.result
    notes = [LexiconProblem(note, severity="warning") for note in loaded.notes]
    return CheckReport(
        source=loaded.filename,
        format=loaded.format,
        errors=tuple(sort_problems(result.errors)),
        warnings=tuple(sort_problems([*result.warnings, *notes])),
        counts=dict(result.counts),
        lexicon=result.lexicon,
    )


def convert_lexicon(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    to: str | None = None,
    format: str | None = None,
    language: str | None = None,
    contests: Iterable[str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Convert a lexicon file between framing YAML, quanteda YAML and LIWC ``.dic``.

    Parameters
    ----------
    src : str or path-like
        Source file (or bundled name), read as by :func:`read_lexicon`.
    dst : str or path-like
        Destination file.
    to : {"yaml", "quanteda", "liwc"}, optional
        Target format; default from the destination suffix: ``.dic`` → LIWC, ``.yaml`` /
        ``.yml`` → framing YAML (quanteda must be asked for).
    format, language, contests
        How to read ``src`` (see :func:`read_lexicon`).
    overwrite : bool, default False
        Replace an existing ``dst``.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    LexiconError
        Problems in the source, an unknown target, or an existing ``dst`` without
        ``overwrite=True``.

    Examples
    --------
    >>> convert_lexicon("dict.yml", "dict.yaml", format="quanteda",
    ...                 language="fr")  # doctest: +SKIP
    PosixPath('dict.yaml')
    """
    dst_path = Path(dst)
    if to is None:
        to = _SUFFIX_FORMAT.get(dst_path.suffix.lower())
        if to is None:
            raise LexiconError(
                f"cannot tell the target format from {dst_path.name!r}. Fix: pass "
                "to='yaml', to='quanteda' or to='liwc', or use a .yaml or .dic suffix."
            )
    elif to not in FORMATS:
        raise LexiconError(
            f"unknown target format {to!r}.{suggest(to, FORMATS)} Fix: use one of "
            f"{', '.join(FORMATS)}."
        )
    if dst_path.exists() and not overwrite:
        raise LexiconError(
            f"{dst_path} already exists. Fix: choose another name, or pass overwrite=True."
        )
    lexicon = read_lexicon(src, format=format, language=language, contests=contests)
    if to == "yaml":
        text = lexicon.to_yaml()
    elif to == "quanteda":
        text = lexicon.to_quanteda_yaml()
    else:
        text = lexicon.to_liwc()
    dst_path.write_text(text, encoding="utf-8")
    return dst_path


def as_lexicon(lexicon: Any, *, wrong: str) -> Lexicon:
    """``lexicon`` when it is a :class:`Lexicon`, read with :func:`read_lexicon` when it is
    a bundled name or a path; otherwise :class:`~framing.FramingError` with the message
    ``wrong``, whose ``{type}`` is the type given (each caller names itself and the fix)."""
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, (str, os.PathLike)):
        return read_lexicon(lexicon)
    raise FramingError(wrong.format(type=type(lexicon).__name__))
