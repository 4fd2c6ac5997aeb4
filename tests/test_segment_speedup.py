"""The optimised segmentation gives exactly the spans and errors of the pre-optimisation code.

``tests/_segment_reference.py`` is a verbatim copy of ``framing/text/_segment.py`` before the
speed-up (issue #9). Every test here runs the same input through both and compares; nothing
is computed by the code under test alone. Most comparisons run under four settings (see
``SETTINGS``): the plain Python engine (short texts); the array engine (long texts) forced
on short texts, with every full stop checked by arrays, then with tiny scan and word
windows so that its rare exact paths run too, then with its default of checking a few full
stops one by one. Long texts also run with the defaults.

The reference was patched on 2026-11-22 for one bug ("\\r\\n" read as a blank line; see its
header). The tests at the end check a property of both modules under every engine instead of
comparing them: writing some "\\n" of a text as "\\r\\n" only moves its spans.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import _jit as jit_module
from framing._errors import FramingError
from framing.corpus import read_corpus
from framing.datasets import load_corpus
from framing.text import _segment as new
from framing.text._abbreviations import ABBREVIATIONS


def _load_reference():
    """Import tests/_segment_reference.py (tests/ is not on the path: --import-mode=importlib)."""
    path = Path(__file__).with_name("_segment_reference.py")
    spec = importlib.util.spec_from_file_location("_segment_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _load_reference()
SETTINGS = {
    "default": {},
    "small": {"_BULK_MIN_CHARS": 10**12},
    "bulk": {"_BULK_MIN_CHARS": 0, "_FEW": 0},
    "bulk-tight": {"_BULK_MIN_CHARS": 0, "_FEW": 0, "_STEPS": 1, "_WINDOW": 3},
    "bulk-few": {"_BULK_MIN_CHARS": 0},
}
ENGINES = tuple(name for name in SETTINGS if name != "default")
LANGUAGES = ("fr", "en")


@contextlib.contextmanager
def _engine(name: str) -> Iterator[None]:
    """Run the optimised module with the settings of one engine (compiled loops on, as
    after a few million characters: see framing._jit)."""
    saved = {key: getattr(new, key) for key in SETTINGS[name]}
    saved_on = jit_module._on
    try:
        for key, value in SETTINGS[name].items():
            setattr(new, key, value)
        jit_module._on = True
        yield
    finally:
        for key, value in saved.items():
            setattr(new, key, value)
        jit_module._on = saved_on


def _assert_same(text: str, engine: str, languages: tuple[str, ...] = LANGUAGES) -> None:
    with _engine(engine):
        for language in languages:
            for mode in ref.LINE_BREAK_MODES:
                want = ref.sentence_spans(text, language=language, line_breaks=mode)
                got = new.sentence_spans(text, language=language, line_breaks=mode)
                assert got == want, (language, mode)
            for mode in ref.PARAGRAPH_MODES:
                want = ref.paragraph_spans(text, mode=mode, language=language)
                got = new.paragraph_spans(text, mode=mode, language=language)
                assert got == want, (language, mode)
            sentences = ref.sentence_spans(text, language=language)
            paragraphs = ref.paragraph_spans(text, mode="auto", language=language)
            assert new.segment(text, language=language) == (sentences, paragraphs)
            assert new.segment(text, language=language, paragraphs=False) == (sentences, None)


# --------------------------------------------------------------------------- hard texts


def _abbreviation_pieces() -> list[str]:
    out = []
    for sets in ABBREVIATIONS.values():
        for words in sets.values():
            for word in sorted(words):
                out += [f"{word}.", f"{word[:1].upper()}{word[1:]}."]
    return out


ABBREVIATION = st.sampled_from(_abbreviation_pieces())
WORD = st.sampled_from(
    [
        # capitals start a sentence, lower case continues one
        *["Il", "Le", "Bakou", "À", "É", "Elle", "le", "suite", "et", "il", "ci", "vi", "a"],
        *["x", "M", "U", "ǅ", "Σ", "İx", "𝐚", "😀", "Ⅻ", "٣", "\ud800", "_", "n°", "°C", "l'"],
        # words longer than the array engine's window, and than the reference's 60 characters
        *["anticonstitutionnellement", "-" * 20 + "cf", "-" * 59 + "cf", "x" * 70 + ".M"],
        *["°" * 61 + "M", "." + "-" * 30 + "Dr", "porte-parole", "A.B.C.D.E.F.G.H.I.J"],
        *["a" + "-" * 58 + "cf", "a" + "-" * 58 + "M", "1" + "°" * 58 + "p"],  # cut at 60
    ]
)
MARK = st.sampled_from(
    [
        # initials, list marks, numbers, abbreviations before numbers
        *["E.", "J.-L.", "U.S.", "av. J.-C.", "e.g.", "i.e.", "1.", "12.", "123.", "1234."],
        *["II.", "iv.", "a.", "XIV.", "ivxlcv.", "19.9.2023", "3.5", "12", "2023", "1er"],
        *["p. 12", "art. 3", "sept. 2023", "n. 4", "No. 5", "Fig. 2", "\n."],
        *["M\n.", "cf\n.", "p\n. 12", "a\n.", "\nII\n."],  # a line break before the stop
        *["M\r\n.", "cf\r\n.", "\r\n.", "M\n\r\n.", "M\r.", "M\r\r\n."],
    ]
)
TOKEN = st.one_of(WORD, WORD, ABBREVIATION, MARK, st.text(max_size=2))
GAP = st.sampled_from(
    [" ", " ", " ", "", "  ", "\u00a0", "\u202f", "\t", "\u200b", "\u00ad", ", ", " — ", "-"]
)
END = st.sampled_from(
    [
        *["", ".", ".", ".", "..", "...", ". . .", "…", "?", "!", "?!", "!?", "‽", ";", ":"],
        *[". »", ".»", " ?", "?»", ".)", '."', ".”", ". ”", "?\u00a0»", ".\u202f»", ".]"],
        *[".)" + ")" * 9, ". »" + " " * 12 + "»", "», a-t-il dit.", ". (", ".’"],
        *[". '»", '. "»', ". ’”", "! ’ »", ".\u00a0'"],  # spaces before a mark that cannot follow
    ]
)
LINE_START = st.sampled_from(["", "", "", "1. ", "12. ", "II. ", "iv. ", "a. ", "  ", "— "])
LINE_END = st.sampled_from(["", "", "", "-", "'", "’", "(", "«", "\u2010", " ", ",", "M.", "p."])
BREAK = st.sampled_from(
    [
        *["\n", "\n", "\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"],
        *["\x1c", "\x1e", "\n\n", "\n \n", "\n\t\n", " \n ", "\r\n\r\n", "\n\u200b\n"],
        *["\n \u00a0\n ", "\n" + " " * 11, "\n" + " " * 11 + "\n", "\n\ufeff"],
        *["\r\n", "\r\n \r\n", "\r\r\n", "\n\r", "\r\n\u2029", "\r\n\ufeff\r\n", "\r\n\r"],
    ]
)


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(st.tuples(TOKEN, GAP), min_size=1, max_size=6))
    return "".join(t + g for t, g in tokens).rstrip(" ") + draw(END)


@st.composite
def _text(draw: st.DrawFn) -> str:
    """Lines of sentences with list marks, open line ends and every kind of line break."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        sentences = draw(st.lists(_sentence(), max_size=3))
        out.append(draw(LINE_START) + draw(GAP).join(sentences) + draw(LINE_END))
        out.append(draw(BREAK))
    return "".join(out[: draw(st.integers(len(out) - 1, len(out)))] if out else out)


# Also any mixture of the same pieces, without the structure.
PIECES = st.lists(st.one_of(TOKEN, GAP, END, BREAK, LINE_END), max_size=60).map("".join)
# And strings over a small alphabet of the characters the rules look at.
DENSE = st.text(alphabet=st.sampled_from(list("aiAM.cf1I \n\r\u2029\u00a0\u200b'’»)\"-…?(«")))
HARD_TEXT = st.one_of(_text(), _text(), PIECES, DENSE)
PROPERTY = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Each written for one rule or corner (see the comment); compared, not hand-split.
CASES = [
    "",
    " ",
    " \n\n \t",
    "\u2029",
    "Un\r\nDeux",  # "\r\n" is one line break (a blank line before the fix of 2026-11-22)
    "Un\r\ndeux\r\n\r\nTrois.",
    "Un,\r\ndeux.\r\n \r\nTrois\r\rQuatre\n\rCinq\r\r\nSix\r\n\u2029Sept",
    "Il dit M\r\n. Suite, cf\r\n. 12, p\r\n. 3 et M\n\r\n. Fin\r\n. X",  # "\r\n" before a stop
    "a" + "-" * 58 + "M\r\n. Suite, et x" + "-" * 58 + "cf\r\n. 12",  # the 60-character cut
    "M\n. Suite",  # a line break right before a full stop
    "a.\n\u200b\nB",  # a line holding only a character to ignore
    "a.\n\u200b\nb",
    "Un.»\n\ufeff\nsuite",
    "Il dit. '»\nsuite. Il dit. »\nsuite. Il dit. ’ »\nsuite",  # closing marks at a line end
    "a" + "-" * 58 + "cf. Suite, et " + "a" + "-" * 58 + "M. Suite",  # the 60-character cut
    "x" + "-" * 59 + "cf. 12",  # the word before the stop is cut at 60 characters
    "Il dit. » Suite. « Oui. » Il part.",
    "« Nos cibles », a-t-il déclaré. Le 19.9.2023, Bakou a agi.",
    "A.B.C.D.E.F.G.H.I.J. Next",
    "1. Un\n2. Deux\n  iii. Trois\nil. Quatre",
    "p.\n12 et Fig.\n3",
    "Voir p. 12. Puis l'art. Le suivant.",
    "\ud800. X",
    "😀. X 𝐚. b İx. Y",
    "Titre\nSous-titre\nUn texte qui con-\ntinue et s'\narrête. Ici.",
    "Fin.)" + ")" * 12 + " Suite",
    "Un." + " " * 40 + "\n" + " " * 40 + "Deux.",
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", CASES)
def test_cases_same_as_reference(text, engine):
    _assert_same(text, engine)


@pytest.mark.parametrize("engine", ENGINES)
@PROPERTY
@given(text=HARD_TEXT)
def test_hard_texts_same_as_reference(engine, text):
    _assert_same(text, engine)


@pytest.mark.parametrize("engine", ENGINES)
@PROPERTY
@given(text=st.text(max_size=200), language=st.sampled_from(["fr", "en", "fr-FR", "EN_us"]))
def test_any_text_same_as_reference(engine, text, language):
    _assert_same(text, engine, languages=(language,))


# --------------------------------------------------------------------------- errors

BAD_CALLS = [
    ("sentence_spans", b"x", {}),
    ("sentence_spans", None, {}),
    ("sentence_spans", b"x", {"language": "xx"}),  # the text is checked first
    ("sentence_spans", "x", {"language": "xx"}),
    ("sentence_spans", "x", {"language": None}),
    ("sentence_spans", "x", {"language": ["fr"]}),  # unhashable
    ("sentence_spans", "x", {"language": "xx", "line_breaks": "autp"}),
    ("sentence_spans", "x", {"line_breaks": "autp"}),
    ("sentence_spans", "x", {"line_breaks": None}),
    ("paragraph_spans", b"x", {}),
    ("paragraph_spans", "x", {"mode": "lines"}),
    ("paragraph_spans", "x", {"mode": "lines", "language": "xx"}),
    ("paragraph_spans", "x", {"language": "fx-FR"}),
    ("paragraph_spans", "x", {"language": 3}),
]


@pytest.mark.parametrize(("func", "text", "kwargs"), BAD_CALLS)
def test_errors_same_as_reference(func, text, kwargs):
    new.sentence_spans("x", language="fr")  # a language already seen is looked up first
    with pytest.raises(FramingError, match=r"\w+_spans\(\)") as want:
        getattr(ref, func)(text, **kwargs)
    with pytest.raises(type(want.value)) as got:
        getattr(new, func)(text, **kwargs)
    assert str(got.value) == str(want.value)


def test_segment_errors():
    with pytest.raises(FramingError, match=r"segment\(\) expects a str, got bytes"):
        new.segment(b"x")
    with pytest.raises(FramingError, match=r"segment\(\): unsupported language 'xx'"):
        new.segment("x", language="xx")


# --------------------------------------------------------------------------- real texts


def _real_texts(seeds_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_bundled_seeds_same_as_reference(seeds_dir, engine):
    texts = _real_texts(seeds_dir)
    assert len(texts) == 5
    for text in texts:
        _assert_same(text, engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_shared_seeds_same_as_reference(shared_dir, engine):
    texts = _real_texts(shared_dir / "seeds")
    assert texts
    for text in texts:
        _assert_same(text, engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_karabakh_corpus_same_as_reference(engine):
    texts = list(read_corpus("karabakh-2023-fr").texts)
    assert len(texts) == 5
    for text in texts:
        _assert_same(text, engine)


@pytest.fixture(scope="module")
def assembly_texts() -> list[str]:
    """300 short and the 100 longest speeches of the bundled National Assembly corpus."""
    texts = list(load_corpus("an-mariage-2013").texts)
    longest = sorted(texts, key=len)[-100:]
    return texts[:300] + longest


@pytest.mark.parametrize("engine", ENGINES)
def test_assembly_corpus_same_as_reference(assembly_texts, engine):
    for text in assembly_texts:
        _assert_same(text, engine, languages=("fr",))


def test_long_texts_same_as_reference(assembly_texts):
    """Long texts as they come, through the array engine and its default settings."""
    rules = new._rules("fr", "test")
    joined = "\n".join(assembly_texts[-40:]), "\n\n".join(assembly_texts)
    for text in joined:
        assert len(text) >= new._BULK_MIN_CHARS
        assert isinstance(new._segmenter(text, rules), new._Bulk)
        _assert_same(text, "default")
    assert isinstance(new._segmenter(joined[0][:100], rules), new._Small)


# --------------------------------------------------------------------------- "\r\n" line ends


def _windows(text: str, flags: list[bool]) -> tuple[str, list[int]]:
    """``text`` with its k-th "\\n" written "\\r\\n" when ``flags[k % len(flags)]``.

    Returns the new text and, for each offset of ``text`` (and its end), the characters
    added before it.
    """
    out, extra, k = [], [0], 0
    for ch in text:
        if ch == "\n":
            crlf = bool(flags) and flags[k % len(flags)]
            k += 1
            out.append("\r\n" if crlf else ch)
            extra.append(extra[-1] + crlf)
        else:
            out.append(ch)
            extra.append(extra[-1])
    return "".join(out), extra


def _assert_crlf_moves_spans(module, text: str, flags: list[bool], engine: str) -> None:
    """Writing "\\n" as "\\r\\n" gives the same spans, moved by the added characters."""
    text = re.sub(r"\r+(?=\n)", "", text)  # a "\r\n" already there stays one line break
    windows, extra = _windows(text, flags)

    def moved(spans):
        return [(s + extra[s], e + extra[e]) for s, e in spans]

    with _engine(engine):
        for language in LANGUAGES:
            for mode in ref.LINE_BREAK_MODES:
                want = moved(module.sentence_spans(text, language=language, line_breaks=mode))
                assert module.sentence_spans(windows, language=language, line_breaks=mode) == (
                    want
                ), (language, mode)
            for mode in ref.PARAGRAPH_MODES:
                want = moved(module.paragraph_spans(text, mode=mode, language=language))
                got = module.paragraph_spans(windows, mode=mode, language=language)
                assert got == want, (language, mode)
            if module is new:
                sentences, paragraphs = new.segment(text, language=language)
                got = new.segment(windows, language=language)
                assert got == (moved(sentences), moved(paragraphs)), language


CRLF_FLAGS = st.lists(st.booleans(), min_size=1, max_size=4)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", CASES)
def test_crlf_cases_move_spans(text, engine):
    for flags in ([True], [False, True]):
        _assert_crlf_moves_spans(new, text, flags, engine)
    _assert_crlf_moves_spans(ref, text, [True], "default")


@pytest.mark.parametrize("engine", ENGINES)
@PROPERTY
@given(text=HARD_TEXT, flags=CRLF_FLAGS)
def test_crlf_hard_texts_move_spans(engine, text, flags):
    _assert_crlf_moves_spans(new, text, flags, engine)


@PROPERTY
@given(text=HARD_TEXT, flags=CRLF_FLAGS)
def test_crlf_hard_texts_move_reference_spans(text, flags):
    _assert_crlf_moves_spans(ref, text, flags, "default")


@pytest.mark.parametrize("engine", ENGINES)
def test_crlf_seeds_move_spans(seeds_dir, engine):
    for text in _real_texts(seeds_dir):
        assert "\r" not in text
        _assert_crlf_moves_spans(new, text, [True], engine)
