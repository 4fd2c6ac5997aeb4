"""scikit-learn bridge: :class:`LexiconVectorizer` turns texts into lexicon features.

A text transformer in the manner of :class:`sklearn.feature_extraction.text.CountVectorizer`,
whose columns are the frames and/or naming-contest variants of a :class:`framing.Lexicon`
rather than words: hits counted by :func:`framing.match_lexicon` (one semantics for the
whole package), as counts, rates per 1,000 tokens or presence. Use it to feed lexicon
measures to a classifier or a regression inside a :class:`~sklearn.pipeline.Pipeline` or a
:class:`~sklearn.compose.ColumnTransformer`.

Needs scikit-learn >= 1.6 (the estimator tags API); the rest of the package does not.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

try:
    from scipy.sparse import issparse
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.utils.validation import check_is_fitted
except ImportError as err:  # pragma: no cover - scikit-learn is installed in the test env
    raise ImportError(
        "framing.sklearn needs scikit-learn >= 1.6, which is not installed. Fix: "
        "pip install 'scikit-learn>=1.6'."
    ) from err

from framing._errors import FramingError, LexiconError, suggest
from framing.corpus import Corpus
from framing.lexicon import Lexicon
from framing.lexicon._io import as_lexicon
from framing.match import OVERLAP_MODES, match_lexicon
from framing.text import count_words
from framing.voice import VOICES

__all__ = ["FEATURE_KINDS", "VALUE_KINDS", "LexiconVectorizer"]

#: Accepted values of ``features``.
FEATURE_KINDS: tuple[str, ...] = ("frames", "variants", "entries", "all")
#: Accepted values of ``value``.
VALUE_KINDS: tuple[str, ...] = ("count", "rate", "binary")

_WHO = "LexiconVectorizer"
_ACCEPTED_X = (
    "a list, tuple, 1-D numpy array or pandas Series of str (one text per document), a "
    "DataFrame with a 'text' column (or a single column), or a framing.Corpus"
)


@dataclass(frozen=True)
class _Settings:
    """The validated parameters ``transform`` works with (fixed at ``fit``)."""

    features: str
    value: str
    per: float
    voice: tuple[str, ...] | None
    distanced: bool | None
    overlap: str


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Turn texts into a matrix of lexicon frame / variant counts, rates or presence.

    Each row is a document, each column a frame or a naming-contest variant of the lexicon
    (``features``); a cell is the number of hits :func:`framing.match_lexicon` finds for that
    frame or variant in that document (``value="count"``), that number per ``per`` tokens
    (``"rate"``), or 1.0 when it is at least one (``"binary"``). The matching rules
    (normalisation, elision, compounds, globs, proximity constraints, and the overlap policy:
    within one frame or one contest the longest hit wins) are those of :mod:`framing.match`.

    Parameters
    ----------
    lexicon : Lexicon, str or path
        A :class:`framing.Lexicon`, or the name of a bundled lexicon or a lexicon file, read
        at :meth:`fit` with :func:`framing.read_lexicon`. Stored as given.
    features : {"frames", "variants", "entries", "all"}, default "frames"
        The columns. ``"frames"``: one per frame that has entries of its own, named by its
        id (``conflict/military``), in lexicon order; a group frame with only child frames
        never gets a hit and has no column. ``"variants"``: one per variant of each
        contest, named ``contest/variant``, contests and their variants in lexicon order.
        ``"all"``: the frames, then the variants. ``"entries"``: one per entry, named
        ``owner:pattern`` (``conflict/military:offensive*``,
        ``operation_name/offensive:offensive``), in lexicon order; an entry repeated in
        one frame or variant is one column.
    value : {"count", "rate", "binary"}, default "count"
        ``"count"``: hits; ``"rate"``: hits / tokens * ``per``, tokens being
        :func:`framing.text.count_words` of the document; ``"binary"``: 1.0 if the
        document has at least one hit, else 0.0.
    per : int or float, default 1000
        Rates are per this many tokens (used only with ``value="rate"``).
    voice : {"author", "quoted", "attributed"}, list of them, or None, default None
        Count only the hits in these voices (:func:`framing.voice.assign_voice`):
        ``voice="author"`` measures the outlet's own wording, not the words it quotes.
        None counts every hit, and lets the matcher skip the voice analysis (faster).
    distanced : bool or None, default None
        Count only distanced hits (True: scare quotes, « soi-disant » ...), only hits that
        are not distanced (False), or all (None).
    overlap : {"longest", "all"}, default "longest"
        The overlap policy of :func:`framing.match_lexicon`.
    language : str, optional
        ``"fr"`` or ``"en"``: the matcher's and the token counter's rules. Default: the
        lexicon's language.

    Attributes
    ----------
    lexicon_ : Lexicon
        The lexicon, read from ``lexicon`` at :meth:`fit`.
    language_ : str
        The language used for matching and token counts (``"fr"`` or ``"en"``).
    feature_names_out_ : numpy.ndarray of str (object dtype)
        The column names, as :meth:`get_feature_names_out` returns them.

    See Also
    --------
    framing.match_lexicon : The matches table behind the counts.
    framing.measure.count_documents : Per-document counts as a long table, with metadata.

    Notes
    -----
    - **fit learns nothing from the texts.** The columns come from the lexicon, not from
      the data: :meth:`fit` checks the parameters and the texts, reads the lexicon into
      ``lexicon_``, and fixes the column names. So fitting on a training set and
      transforming a test set leaks nothing, and ``fit`` on any texts gives the same
      vectorizer. ``n_features_in_`` is not set: the input is one text per row, not a
      table of features (as for scikit-learn's text vectorizers). Parameters are checked
      at ``fit`` (never in ``__init__``) and fixed there: a ``set_params`` after ``fit``
      takes effect at the next ``fit``, so the output always matches
      :meth:`get_feature_names_out`.
    - **Input.** ``X`` is an iterable of texts, like ``CountVectorizer``'s: a list, tuple,
      1-D array or :class:`pandas.Series` of str, or any other iterable of str (read
      once). Also accepted: a DataFrame with a ``text`` column (else with exactly one
      column, as :class:`~sklearn.compose.ColumnTransformer` passes when given a list of
      one column), a 2-D array with one column, and a :class:`framing.Corpus` (its texts,
      in corpus order). A single str, numbers, None or NaN are errors: fill missing texts
      with ``""`` first.
    - **Empty documents** (empty or whitespace-only text) give a row of zeros, rates
      included (0, not NaN: no token, no hit). An empty ``X`` gives a matrix with no row.
    - **Output.** A dense :class:`numpy.ndarray` of float64, documents in input order
      (a lexicon has tens of columns, so a sparse matrix would save nothing). With
      ``set_output(transform="pandas")`` it is a DataFrame whose columns are the feature
      names and whose index is the input's index for a Series or DataFrame (0, 1, ...
      otherwise; pass ``corpus.docs.set_index("doc_id")`` to index by document id).
    - Hits rejected by a ``near`` / ``not_near`` constraint never count.

    Examples
    --------
    >>> from framing import Lexicon
    >>> lex = Lexicon.from_dict({"name": "demo", "version": "1.0.0", "language": "fr",
    ...     "frames": {"security": ["antiterroris*", "menace*"], "conflict": ["offensive*"]},
    ...     "contests": {"operation": {"variants": {
    ...         "counter_terrorism": ["mesures anti-terroristes"],
    ...         "offensive": ["offensive"]}}}})
    >>> texts = ["Bakou parle de mesures antiterroristes, pas d’offensive.",
    ...          "L'offensive a commencé.", ""]
    >>> vec = LexiconVectorizer(lex, features="all")
    >>> vec.fit_transform(texts)
    array([[1., 1., 1., 1.],
           [0., 1., 0., 1.],
           [0., 0., 0., 0.]])
    >>> vec.get_feature_names_out().tolist()
    ['security', 'conflict', 'operation/counter_terrorism', 'operation/offensive']
    >>> LexiconVectorizer(lex, value="rate", per=100).fit_transform(texts[1:2])
    array([[ 0., 25.]])

    In a pipeline, the vectorizer is the first step:

    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> model = make_pipeline(LexiconVectorizer(lex), LogisticRegression())
    >>> train = ["Des mesures antiterroristes.", "Une menace.", "Une offensive.", "L'offensive."]
    >>> model.fit(train, ["security", "security", "conflict", "conflict"])  # doctest: +ELLIPSIS
    Pipeline(...)
    >>> model.predict(["Une menace antiterroriste."]).tolist()
    ['security']
    """

    def __init__(
        self,
        lexicon: Lexicon | str | os.PathLike[str],
        *,
        features: str = "frames",
        value: str = "count",
        per: float = 1000,
        voice: str | Sequence[str] | None = None,
        distanced: bool | None = None,
        overlap: str = "longest",
        language: str | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.features = features
        self.value = value
        self.per = per
        self.voice = voice
        self.distanced = distanced
        self.overlap = overlap
        self.language = language

    # --- scikit-learn API ----------------------------------------------------------------

    def fit(self, X: Any, y: Any = None) -> LexiconVectorizer:
        """Check the parameters and the texts, read the lexicon, fix the feature names.

        Nothing is learnt from ``X``: the features are the lexicon's.

        Parameters
        ----------
        X : iterable of str, pandas.Series, pandas.DataFrame or Corpus
            The texts (see Notes of :class:`LexiconVectorizer`). Checked, not used.
        y : ignored
            Present for the scikit-learn API.

        Returns
        -------
        LexiconVectorizer
            ``self``, fitted.

        Raises
        ------
        FramingError
            An invalid parameter value (with a suggestion), ``X`` that is not texts, or a
            language the matcher has no rules for. :class:`framing.LexiconError` when the
            lexicon cannot be read or gives no feature of the kind asked.
        """
        _as_texts(X)
        self._fit()
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Count the lexicon's hits in each text.

        Parameters
        ----------
        X : iterable of str, pandas.Series, pandas.DataFrame or Corpus
            The texts (see Notes of :class:`LexiconVectorizer`).

        Returns
        -------
        numpy.ndarray of shape (n_documents, n_features), float64
            Counts, rates or presence, documents in input order, columns as
            :meth:`get_feature_names_out` (a DataFrame with ``set_output``).

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before :meth:`fit`.
        FramingError
            When ``X`` is not texts.
        """
        check_is_fitted(self, "lexicon_")
        return self._transform(_as_texts(X))

    def fit_transform(self, X: Any, y: Any = None) -> np.ndarray:
        """:meth:`fit`, then :meth:`transform` of the same texts (read once).

        Parameters
        ----------
        X : iterable of str, pandas.Series, pandas.DataFrame or Corpus
            The texts; a generator is read only once.
        y : ignored
            Present for the scikit-learn API.

        Returns
        -------
        numpy.ndarray of shape (n_documents, n_features), float64
            As :meth:`transform`.

        Raises
        ------
        FramingError
            As :meth:`fit`.
        """
        texts = _as_texts(X)
        self._fit()
        return self._transform(texts)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The column names: frame ids, ``contest/variant`` or ``owner:pattern``.

        Parameters
        ----------
        input_features : ignored
            Present for the scikit-learn API (a text has no input feature names).

        Returns
        -------
        numpy.ndarray of str (object dtype)
            In lexicon order (frames, then variants); see ``features``.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before :meth:`fit`.
        """
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self) -> Any:
        """Tags: the input is text (one str per document), not a 2-D numeric array."""
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    # --- work ----------------------------------------------------------------------------

    def _fit(self) -> None:
        settings = _Settings(
            features=_check_choice(self.features, "features", FEATURE_KINDS),
            value=_check_choice(self.value, "value", VALUE_KINDS),
            per=_check_per(self.per),
            voice=_check_voice(self.voice),
            distanced=_check_distanced(self.distanced),
            overlap=_check_choice(self.overlap, "overlap", OVERLAP_MODES),
        )
        lexicon = _as_lexicon(self.lexicon)
        language = _resolve_language(lexicon, self.language, settings.overlap)
        names = _feature_names(lexicon, settings.features)
        self.lexicon_ = lexicon
        self.language_ = language
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self._settings = settings

    def _transform(self, texts: list[str]) -> np.ndarray:
        settings: _Settings = self._settings
        names = self.feature_names_out_
        n, k = len(texts), len(names)
        counts = np.zeros((n, k), dtype=np.float64)
        # Empty and whitespace-only texts have no hit: not sent to the matcher.
        rows = np.fromiter(
            (i for i, t in enumerate(texts) if t and not t.isspace()), dtype=np.int64
        )
        if len(rows):
            hits = self._hits([texts[i] for i in rows], settings)
            doc = rows[hits["doc_id"].to_numpy(dtype=np.int64)]
            feature = pd.Categorical(_feature_keys(hits, settings.features), categories=names)
            code = np.asarray(feature.codes, dtype=np.int64)
            ok = code >= 0
            flat = np.bincount(doc[ok] * k + code[ok], minlength=n * k)
            counts += flat.reshape(n, k)
        if settings.value == "binary":
            return (counts > 0).astype(np.float64)
        if settings.value == "rate":
            lang = self.language_
            tokens = np.fromiter(
                (count_words(t, language=lang) for t in texts), dtype=np.float64, count=n
            )[:, None]
            rates = np.zeros_like(counts)
            np.divide(counts * settings.per, tokens, out=rates, where=tokens > 0)
            return rates
        return counts

    def _hits(self, texts: list[str], settings: _Settings) -> pd.DataFrame:
        """The counted hits of the texts; ``doc_id`` holds each text's position as int."""
        need_voice = settings.voice is not None or settings.distanced is not None
        docs = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
        table = match_lexicon(
            docs,
            self.lexicon_,
            keep=False,
            overlap=settings.overlap,
            language=self.language_,
            voice=need_voice,
        )
        keep = np.ones(len(table), dtype=bool)
        if settings.voice is not None:
            keep &= table["voice"].isin(list(settings.voice)).to_numpy(dtype=bool)
        if settings.distanced is not None:
            flags = table["distanced"].fillna(False).to_numpy(dtype=bool)
            keep &= flags if settings.distanced else ~flags
        return table.loc[keep, ["doc_id", "entry", "frame", "contest", "variant"]].astype(
            {"doc_id": np.int64}
        )


# --- features ------------------------------------------------------------------------------


def _feature_names(lexicon: Lexicon, features: str) -> list[str]:
    frames = [name for name, frame in lexicon.frames.items() if frame.entries]
    variants = [f"{c}/{v}" for c in lexicon.contest_names for v in lexicon.variants(c)]
    if features == "frames":
        names, kind = frames, "frames (with entries of their own)"
    elif features == "variants":
        names, kind = variants, "contests"
    elif features == "entries":
        names = list(dict.fromkeys(f"{e.owner}:{e.pattern}" for e in lexicon.entries))
        kind = "entries"
    else:
        names, kind = frames + variants, "frames or contests"
        clash = sorted(set(frames) & set(variants))
        if clash:
            raise LexiconError(
                f"{_WHO}(features='all'): in lexicon '{lexicon.name}', frame {clash[0]!r} "
                f"and variant {clash[0].rsplit('/', 1)[1]!r} of contest "
                f"{clash[0].rsplit('/', 1)[0]!r} would share the column name {clash[0]!r}. "
                "Fix: rename one of them in the lexicon, or vectorise frames and variants "
                "separately (features='frames', features='variants')."
            )
    if not names:
        other = {"frames": "'variants'", "variants": "'frames'"}.get(features, "another kind")
        raise LexiconError(
            f"{_WHO}(features={features!r}): lexicon '{lexicon.name}' has no {kind}, so "
            f"there would be no feature. Fix: use features={other} or 'all', or a lexicon "
            f"with {kind}."
        )
    return names


def _feature_keys(hits: pd.DataFrame, features: str) -> np.ndarray:
    """Per hit, the name of its feature (None when the hit is of another kind)."""
    frame = hits["frame"].to_numpy(dtype=object)
    is_frame = pd.notna(frame)
    keys = np.full(len(hits), None, dtype=object)
    if features in ("frames", "all", "entries"):
        keys[is_frame] = frame[is_frame]
    if features in ("variants", "all", "entries"):
        contest = hits["contest"].to_numpy(dtype=object)[~is_frame]
        variant = hits["variant"].to_numpy(dtype=object)[~is_frame]
        keys[~is_frame] = contest + "/" + variant
    if features == "entries":
        keys = keys + ":" + hits["entry"].to_numpy(dtype=object)
    return keys


# --- input checks --------------------------------------------------------------------------


def _as_texts(X: Any) -> list[str]:
    """The documents of ``X`` as a list of str, or a FramingError saying what was wrong."""
    if isinstance(X, Corpus):
        return X.texts
    if isinstance(X, (str, bytes)):
        raise FramingError(
            f"{_WHO} expects an iterable of texts, one per document; got a single "
            f"{type(X).__name__}. Fix: wrap it in a list: [text]."
        )
    if issparse(X):
        raise FramingError(
            f"{_WHO} expects texts: {_ACCEPTED_X}; got a scipy sparse {type(X).__name__} "
            "of numbers. A text vectorizer cannot take a (sparse) feature matrix."
        )
    if isinstance(X, pd.DataFrame):
        values = _one_text_column(X)
    elif isinstance(X, pd.Series):
        values = X.to_numpy(dtype=object)
    elif isinstance(X, np.ndarray):
        values = _from_array(X)
    elif isinstance(X, Mapping) or not isinstance(X, Iterable):
        raise FramingError(f"{_WHO} expects texts: {_ACCEPTED_X}; got {type(X).__name__}.")
    else:
        values = X if isinstance(X, (list, tuple)) else list(X)
    texts = values if isinstance(values, list) else list(values)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise FramingError(_not_text(i, text))
    return texts


def _one_text_column(X: pd.DataFrame) -> np.ndarray:
    if "text" in X.columns:
        column = X["text"]
    elif X.shape[1] == 1:
        column = X.iloc[:, 0]
    else:
        columns = [str(c) for c in X.columns]
        raise FramingError(
            f"{_WHO} got a DataFrame with {X.shape[1]} columns and no 'text' column "
            f"(columns: {', '.join(map(repr, columns[:10]))}). Fix: select the text column, "
            "X['my_text'], or in a ColumnTransformer give the column name as a str: "
            "('lexicon', LexiconVectorizer(...), 'my_text')." + suggest("text", columns)
        )
    if isinstance(column, pd.DataFrame):
        raise FramingError(
            f"{_WHO} got a DataFrame with several columns named 'text'. Fix: keep one."
        )
    return column.to_numpy(dtype=object)


def _from_array(X: np.ndarray) -> np.ndarray:
    if X.ndim == 2 and X.shape[1] == 1:
        X = X[:, 0]
    if X.ndim != 1:
        raise FramingError(
            f"{_WHO} expects texts: {_ACCEPTED_X}; got a {X.ndim}-D array of shape "
            f"{X.shape}. A text vectorizer cannot take a numeric feature matrix."
        )
    if X.dtype.kind == "U":
        return X.astype(object)
    return X


def _not_text(i: int, value: Any) -> str:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    if value is pd.NA or missing:
        fix = "Fix: fill missing texts with '' first (e.g. X.fillna(''))."
    elif isinstance(value, bytes):
        fix = "Fix: decode bytes first (value.decode('utf-8'))."
    else:
        fix = f"Fix: pass texts: {_ACCEPTED_X}."
    return (
        f"{_WHO} expects texts (str), but the document at position {i} is {shown}, of "
        f"type {type(value).__name__}. {fix}"
    )


def _as_lexicon(lexicon: Any) -> Lexicon:
    return as_lexicon(
        lexicon,
        wrong=f"{_WHO}: lexicon must be a framing.Lexicon, a lexicon file path or the name of "
        "a bundled lexicon (such as 'karabakh-2023-fr'); got {type}.",
    )


def _resolve_language(lexicon: Lexicon, language: Any, overlap: str) -> str:
    """The matcher's language code, checked by the matcher itself on a one-word probe."""
    probe = pd.DataFrame({"doc_id": ["probe"], "text": ["probe"]})
    try:
        table = match_lexicon(
            probe, lexicon, keep=False, overlap=overlap, language=language, voice=False
        )
    except LexiconError:
        raise
    except FramingError as err:
        message = str(err).removeprefix("match_lexicon(): ")
        raise FramingError(f"{_WHO}: {message}") from err
    return str(table.attrs["language"])


def _check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
    if isinstance(value, str) and value in choices:
        return value
    raise FramingError(
        f"{_WHO}: {name}={value!r} is not valid; expected one of "
        f"{', '.join(map(repr, choices))}." + suggest(str(value), choices)
    )


def _check_per(per: Any) -> float:
    if (
        isinstance(per, numbers.Real)
        and not isinstance(per, (bool, np.bool_))
        and math.isfinite(per)
        and per > 0
    ):
        return float(per)
    raise FramingError(
        f"{_WHO}: per must be a positive number of tokens (1000 for rates per 1,000 "
        f"tokens); got {per!r}."
    )


def _check_voice(voice: Any) -> tuple[str, ...] | None:
    if voice is None:
        return None
    names = [voice] if isinstance(voice, str) else voice
    if isinstance(names, (list, tuple)) and names and all(isinstance(v, str) for v in names):
        for v in names:
            if v not in VOICES:
                raise FramingError(
                    f"{_WHO}: voice={v!r} is not a voice; expected one of "
                    f"{', '.join(map(repr, VOICES))}, a list of them, or None (every hit)."
                    + suggest(v, VOICES)
                )
        return tuple(dict.fromkeys(names))
    raise FramingError(
        f"{_WHO}: voice must be one of {', '.join(map(repr, VOICES))}, a non-empty list of "
        f"them, or None (every hit); got {voice!r}."
    )


def _check_distanced(distanced: Any) -> bool | None:
    if distanced is None or isinstance(distanced, (bool, np.bool_)):
        return None if distanced is None else bool(distanced)
    raise FramingError(
        f"{_WHO}: distanced must be True (only distanced hits), False (only hits not "
        f"distanced) or None (every hit); got {distanced!r}."
    )
