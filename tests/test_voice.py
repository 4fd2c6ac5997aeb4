"""Voice: quoted / attributed / author, distancing, quote spans and cue files.

Expected answers are read off the texts by hand; the reasoning is in the comments. Sentence
and paragraph spans are built here with small regexes (independent of framing.text), except
in the test of the convenience path that computes them with framing.text.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing._errors import FramingError
from framing.voice import (
    SCARE_QUOTES,
    VOICES,
    CueError,
    Cues,
    DistancingCue,
    assign_voice,
    list_cue_languages,
    load_cues,
    match_cues,
    quote_spans,
)

# ---------------------------------------------------------------------------------------------
# helpers


def paragraphs_of(text):
    """Paragraphs as framing.text's mode="auto": blank lines if any, else each line."""
    if re.search(r"\n[^\S\n]*\n", text):
        pieces = re.split(r"\n[^\S\n]*\n\s*", text)
    else:
        pieces = text.split("\n")
    spans, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos) if piece else pos
        pos = start + len(piece)
        stripped = piece.strip()
        if stripped:
            offset = start + piece.index(stripped)
            spans.append((offset, offset + len(stripped)))
    return spans


_SENTENCE_END = re.compile(r"[.!?…][»”\"')\s\u00a0]*\s(?=[«\"“A-ZÀ-Ý0-9])")


def sentences_of(text, paragraphs=None):
    """Sentences: a paragraph split after . ! ? … followed by a capital or an opening quote."""
    spans = []
    for start, end in paragraphs or paragraphs_of(text):
        pos = start
        for m in _SENTENCE_END.finditer(text, start, end):
            spans.append((pos, m.end()))
            pos = m.end()
        spans.append((pos, end))
    return spans


def span(text, context, word):
    """Offsets of ``word`` at its first occurrence inside the first ``context``."""
    at = text.find(context)
    assert at >= 0, f"context {context!r} not in text"
    start = text.find(word, at)
    assert at <= start < at + len(context), f"{word!r} not inside {context!r}"
    return start, start + len(word)


def voice(text, hits, *, segmenter=None, **kwargs):
    """assign_voice with hits given as (context, word) pairs; spans built by hand by default."""
    spans = [span(text, c, w) for c, w in hits]
    if segmenter is not None:
        kwargs["paragraphs"], kwargs["sentences"] = segmenter(text)
    kwargs.setdefault("paragraphs", paragraphs_of(text))
    kwargs.setdefault("sentences", sentences_of(text, kwargs["paragraphs"]))
    return assign_voice(
        text, [s for s, _ in spans], [e for _, e in spans], **kwargs
    ).values.tolist()


def one(text, word, **kwargs):
    """Voice of the first occurrence of ``word``, as [voice, distanced, cue]."""
    return voice(text, [(word, word)], **kwargs)[0]


@pytest.fixture(params=["hand", "framing.text"])
def seg(request):
    """Seed tests run with hand-built spans and with framing.text's (when it is there)."""
    if request.param == "hand":
        return lambda text: (paragraphs_of(text), sentences_of(text))
    text_module = pytest.importorskip("framing.text")
    return lambda text: (text_module.paragraph_spans(text), text_module.sentence_spans(text))


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


# ---------------------------------------------------------------------------------------------
# the seed texts


def test_seed003_qualifie_scare_quote_is_quoted_and_distanced(seeds, seg):
    # « Il le qualifie d’« antiterroriste ». »: one word in guillemets, no verb of saying in
    # the sentence -> quoted and distanced. Both a lexical cue (« qualifie d’ ») and scare
    # quotes apply; the lexical cue is reported because it names the words.
    text = seeds["003"]
    assert voice(text, [("qualifie d’« antiterroriste", "antiterroriste")], segmenter=seg) == [
        ["quoted", True, "qualifié de"]
    ]


def test_seed003_long_quote_with_speech_verb_is_quoted_not_distanced(seeds, seg):
    # « À la suite des actions antiterroristes locales … », a déclaré un porte-parole: a long
    # quotation (some 50 words) followed by a verb of saying -> quoted, not a scare quote.
    text = seeds["003"]
    assert voice(
        text, [("À la suite des actions antiterroristes", "antiterroristes")], segmenter=seg
    ) == [["quoted", False, None]]


def test_seed004_lead_is_author(seeds, seg):
    # "L'Azerbaïdjan a entamé des opérations antiterroristes ..." : no quotes, no attribution
    # cue in the sentence (the next one, « Bakou affirme ... », is a separate sentence).
    text = seeds["004"]
    hits = [("L'Azerbaïdjan a entamé des opérations antiterroristes", "antiterroristes")]
    assert voice(text, hits, segmenter=seg) == [["author", False, None]]
    # ... while the next sentence is attributed (« affirme »)
    assert voice(text, [("Bakou affirme qu'il vise uniquement", "vise")], segmenter=seg) == [
        ["attributed", False, None]
    ]


def test_seed001_reported_speech_is_attributed(seeds, seg):
    # « Aliyev a souligné que l'armée azerbaïdjanaise ne visait pas les civils »: reported
    # speech, so « civils » is Aliyev's claim, not the author's.
    text = seeds["001"]
    assert voice(text, [("ne visait pas les civils", "civils")], segmenter=seg) == [
        ["attributed", False, None]
    ]


def test_seed001_soi_disant_regime_is_distanced(seeds, seg):
    # « les mesures prises par le soi-disant régime dans la région » -- no quote, no cue of
    # saying in the sentence: the author's voice, distanced by « soi-disant ».
    text = seeds["001"]
    assert voice(text, [("prises par le soi-disant régime", "régime")], segmenter=seg) == [
        ["author", True, "soi-disant"]
    ]


def test_seed001_soi_disant_before_straight_quotes(seeds, seg):
    # « des soi-disant "élections présidentielles" »: quoted (straight quotes, two words, no
    # verb of saying) and distanced; the lexical cue « soi-disant » is reported.
    text = seeds["001"]
    assert voice(
        text, [('soi-disant "élections présidentielles"', "élections")], segmenter=seg
    ) == [["quoted", True, "soi-disant"]]


def test_seed004_straight_quotes_in_reported_speech_are_not_scare_quotes(seeds, seg):
    # « a précisé que des "activités antiterroristes locales" avaient débuté »: three words
    # in straight quotes, but the sentence is reported speech (« a précisé que »), so the
    # quotation is the ministry's wording: quoted, not distanced.
    text = seeds["004"]
    assert voice(
        text, [('des "activités antiterroristes locales"', "antiterroristes")], segmenter=seg
    ) == [["quoted", False, None]]


def test_seed003_stray_closing_mark_is_ignored(seeds, seg):
    # Seed 003 has an unbalanced quotation: « il a exigé « la reprise … et la sécurité ». de
    # la population du Haut-Karabagh », a rapporté l’AFP. » The first » closes the quote;
    # the second has no opener and is ignored, so it opens nothing.
    text = seeds["003"]
    paragraph = "Le président français Emmanuel Macron"
    start = text.find(paragraph)
    end = text.find("\n", start)
    inside = [(s, e) for s, e, _ in quote_spans(text, paragraphs=paragraphs_of(text))]
    inside = [text[s:e] for s, e in inside if start <= s < end]
    assert inside[0] == "dans les termes les plus fermes"
    assert inside[1].startswith("la reprise immédiate") and inside[1].endswith("la sécurité")
    assert len(inside) == 2
    hits = [
        ("crise humanitaire au Haut-Karabakh", "Haut-Karabakh"),  # inside the quote
        ("de la population du Haut-Karabagh", "Haut-Karabagh"),  # after the first »
        ("Elle a rappelé que la France", "France"),  # next paragraph
    ]
    # after the quote: not quoted; the sentence carries « a rapporté » -> attributed
    assert voice(text, hits, segmenter=seg) == [
        ["quoted", False, None],
        ["attributed", False, None],
        ["attributed", False, None],  # « a rappelé que »
    ]


def test_seed003_headline_and_photo_caption(seeds, seg):
    text = seeds["003"]
    # « Bakou a annoncé le succès de son opération » -> attributed (« a annoncé »)
    assert (
        voice(text, [("succès de son opération", "opération")], segmenter=seg)[0][0]
        == "attributed"
    )
    # photo caption: no quote, no cue -> author
    assert (
        voice(text, [("bombardement à Stepanakert", "Stepanakert")], segmenter=seg)[0][0]
        == "author"
    )


def test_seed_autoproclame_counts_only_with_label_cues(seeds, seg):
    # « du régime autoproclamé dans la région »: « autoproclamé » is a framing label itself,
    # so it distances (after the noun) only when asked for.
    text = seeds["004"]
    hit = [("du régime autoproclamé", "régime")]
    assert voice(text, hit, segmenter=seg) == [["author", False, None]]
    assert voice(text, hit, segmenter=seg, cues=load_cues("fr", label_cues=True)) == [
        ["author", True, "autoproclamé"]
    ]
    # seed 001 writes it with a hyphen: « une entité auto-proclamée »
    hit = [("une entité auto-proclamée", "entité")]
    assert voice(seeds["001"], hit, segmenter=seg, cues=load_cues("fr", label_cues=True))[0][
        1:
    ] == [
        True,
        "autoproclamé",
    ]


def test_default_spans_come_from_framing_text(seeds):
    pytest.importorskip("framing.text")
    text = seeds["003"]
    s, e = span(text, "qualifie d’« antiterroriste", "antiterroriste")
    s2, e2 = span(text, "À la suite des actions antiterroristes", "antiterroristes")
    out = assign_voice(text, [s, s2], [e, e2])  # spans from framing.text
    assert out.values.tolist() == [["quoted", True, "qualifié de"], ["quoted", False, None]]


# ---------------------------------------------------------------------------------------------
# quotation marks


def test_unbalanced_opening_quote_closes_at_paragraph_end():
    text = "Il parle d’« opération locale et de mesures ciblées.\n\nL’offensive continue."
    # « opens and never closes: the rest of its paragraph is quoted, the next one is not.
    assert voice(text, [("mesures", "mesures"), ("offensive", "offensive")]) == [
        ["quoted", False, None],
        ["author", False, None],
    ]
    paragraphs = paragraphs_of(text)
    assert [(text[s:e], m) for s, e, m in quote_spans(text, paragraphs=paragraphs)] == [
        ("opération locale et de mesures ciblées.", "«")
    ]


def test_straight_quotes_pair_by_alternation_within_a_paragraph():
    text = 'Il dit "a" puis "b c\nd" fin'
    # one paragraph per line here (no blank line): the second " opens on line 1 and closes
    # at its end; the " on line 2 opens a new quote that runs to the end of line 2.
    spans = quote_spans(text, paragraphs=paragraphs_of(text))
    assert [text[s:e] for s, e, _ in spans] == ["a", "b c", "fin"]


def test_nested_quotes():
    text = "« Il a parlé d’“opération antiterroriste” hier », dit-elle."
    spans = quote_spans(text, paragraphs=[(0, len(text))])
    assert [(text[s:e], m) for s, e, m in spans] == [
        ("Il a parlé d’“opération antiterroriste” hier", "«"),
        ("opération antiterroriste", "“"),
    ]
    # « dit-elle » makes the inner short quote a real quotation, not a scare quote
    assert one(text, "antiterroriste") == ["quoted", False, None]


def test_german_low_high_quotes_and_angle_quotes():
    text = "„Offensive“ und ‹ mesures › hier"
    spans = quote_spans(text, paragraphs=[(0, len(text))])
    assert [(text[s:e], m) for s, e, m in spans] == [("Offensive", "„"), ("mesures", "‹")]


def test_apostrophes_are_not_quotes():
    text = "L’armée d’Azerbaïdjan l'a dit aujourd’hui ; the soldiers' weapons, rock 'n roll."
    assert quote_spans(text, paragraphs=[(0, len(text))]) == []


def test_single_quotes_count_only_when_closed():
    text = "In the '90s the offensive began. He called it 'anti-terror' then."
    spans = quote_spans(text, paragraphs=[(0, len(text))])
    assert [(text[s:e], m) for s, e, m in spans] == [("anti-terror", "'")]
    text = "Il l’appelle ‘opération’ hier."
    assert [text[s:e] for s, e, _ in quote_spans(text, paragraphs=[(0, len(text))])] == [
        "opération"
    ]


def test_stray_closing_marks_are_ignored():
    text = "fin » puis “ début ” et » encore"
    spans = quote_spans(text, paragraphs=[(0, len(text))])
    assert [text[s:e] for s, e, _ in spans] == ["début"]


def test_quotes_never_cross_paragraphs():
    text = "« un\n\ndeux »"
    spans = quote_spans(text, paragraphs=paragraphs_of(text))
    assert [text[s:e] for s, e, _ in spans] == ["un"]


# ---------------------------------------------------------------------------------------------
# attribution and distancing, small inline texts


def test_english_examples():
    assert one("The so-called regime fell.", "regime", language="en") == [
        "author",
        True,
        "so-called",
    ]
    assert one("X said the offensive would end.", "offensive", language="en") == [
        "attributed",
        False,
        None,
    ]
    assert one("according to Reuters, the operation ended.", "operation", language="en") == [
        "attributed",
        False,
        None,
    ]
    # single straight quotes, one word, no verb of saying ("called" names, it does not
    # report speech): a scare quote
    text = "He called it an 'anti-terror' operation."
    assert voice(
        text, [("anti-terror", "anti-terror"), ("operation", "operation")], language="en"
    ) == [
        ["quoted", True, SCARE_QUOTES],
        ["author", False, None],
    ]


def test_english_what_x_calls_and_alleged_that():
    text = "This is what Baku calls an anti-terror operation."
    assert one(text, "operation", language="en") == ["author", True, "what X calls"]
    # "alleged" inside the attribution cue "alleged that" does not distance
    assert one("Baku alleged that the offensive ended.", "offensive", language="en") == [
        "attributed",
        False,
        None,
    ]
    assert one("The alleged offensive ended.", "offensive", language="en") == [
        "author",
        True,
        "alleged",
    ]


def test_attribution_cues_ignore_case_apostrophes_and_no_break_spaces():
    assert one("D’APRÈS Bakou, l’offensive est finie.", "offensive")[0] == "attributed"
    assert one("Le ministre a\u00a0déclaré que l’offensive est finie.", "offensive")[0] == (
        "attributed"
    )
    assert one("L’offensive est finie, a-t-il ajouté.", "offensive")[0] == "attributed"
    text = "L’offensive est finie, a\ndéclaré le ministre."  # a line break inside a paragraph
    assert one(text, "offensive", paragraphs=[(0, len(text))])[0] == "attributed"
    assert one("L’offensive est finie, ajoute-t-elle.", "offensive")[0] == "attributed"
    # whole words only: « selonx » and « déclarations » are no cues
    assert one("Selonx l’offensive est finie.", "offensive")[0] == "author"
    assert one("Les déclarations sur l’offensive.", "offensive")[0] == "author"


def test_attribution_is_per_sentence():
    text = "Bakou a déclaré la fin. L’offensive a duré un jour."
    sentences = [(0, 23), (24, len(text))]
    assert one(text, "offensive", sentences=sentences)[0] == "author"
    assert one(text, "offensive", sentences=[(0, len(text))])[0] == "attributed"


def test_distancing_window_and_punctuation():
    text = "Le soi-disant régime séparatiste arménien du Karabakh tombe."
    # « régime » is next to the cue; « Karabakh » is four words away (window 3)
    assert voice(text, [("régime", "régime"), ("Karabakh", "Karabakh")]) == [
        ["author", True, "soi-disant"],
        ["author", False, None],
    ]
    assert voice(text, [("Karabakh", "Karabakh")], window=4) == [["author", True, "soi-disant"]]
    # punctuation between cue and term breaks the link
    assert one("Autrement dit, l’offensive est finie.", "offensive") == ["author", False, None]
    # a cue in the previous sentence does not reach into the next one
    text = "Il parle du soi-disant. Régime tombé."
    assert one(text, "Régime", sentences=[(0, 23), (24, len(text))]) == ["author", False, None]


def test_dit_distances_only_outside_attribution_cues():
    assert one("La région dite du Haut-Karabakh.", "Haut-Karabakh") == ["author", True, "dit"]
    # « a dit », « dit que » and « dit-il » are verbs of saying, not distancing
    assert one("Il a dit l’offensive terminée.", "offensive") == ["attributed", False, None]
    assert one("Il dit que l’offensive est finie.", "offensive") == ["attributed", False, None]
    # the verb « dit » / « dites » is not a distancing cue (bundled list: « dite », « dits »)
    assert one("Que nous dit ce projet de loi ?", "loi") == ["author", False, None]
    assert one("Vous dites que la loi change tout.", "loi") == ["attributed", False, None]
    assert one("Les pays dits occidentaux.", "occidentaux") == ["author", True, "dit"]
    # « prédit » is not « dit »
    assert one("Bakou prédit l’offensive.", "offensive") == ["author", False, None]


def test_distancing_cues_fr():
    cases = {
        "Le prétendu régime tombe.": ("régime", "prétendu"),
        "Bakou a mené ce qu’il appelle une opération antiterroriste.": (
            "opération",
            "ce que X appelle",
        ),
        "Ce que les autorités azerbaïdjanaises appellent des mesures locales.": (
            "mesures",
            "ce que X appelle",
        ),
        "L’offensive, présentée comme une opération de police, dure.": (
            "opération",
            "présenté comme",
        ),
        "Ils ont frappé sous couvert d’opération antiterroriste.": (
            "opération",
            "sous couvert de",
        ),
    }
    for text, (word, cue) in cases.items():
        assert one(text, word)[1:] == [True, cue], text


def test_short_quote_without_cue_is_a_scare_quote():
    assert one("Bakou parle d’« antiterroriste » ici.", "antiterroriste") == [
        "quoted",
        True,
        SCARE_QUOTES,
    ]
    # five words is more than scare_quote_words=4
    text = "Bakou parle d’« une vraie opération antiterroriste locale » ici."
    assert one(text, "opération") == ["quoted", False, None]
    assert one(text, "opération", scare_quote_words=5) == ["quoted", True, SCARE_QUOTES]


def test_overlap_and_empty_hits():
    text = "des mesures « antiterroristes » locales"
    s = text.find("mesures")
    e = text.find("antiterroristes") + 5
    out = assign_voice(text, [s, s], [e, s], sentences=[(0, len(text))], paragraphs=[(0, 38)])
    # a hit reaching into the quote is quoted; an empty hit is the point where it starts
    assert out["voice"].tolist() == ["quoted", "author"]
    # a hit that starts outside every paragraph but reaches into a quote (found by Hypothesis)
    text = "\n « Bakou"
    out = assign_voice(text, [0], [5], sentences=[(3, 9)], paragraphs=[(1, 9)])
    assert out["voice"].tolist() == ["quoted"]


# ---------------------------------------------------------------------------------------------
# output structure and properties


def test_output_columns_types_and_attrs():
    text = "Le soi-disant régime."
    out = assign_voice(text, [14], [20], sentences=[(0, 21)], paragraphs=[(0, 21)])
    assert list(out.columns) == ["voice", "distanced", "cue"]
    assert isinstance(out["voice"].dtype, pd.CategoricalDtype)
    assert tuple(out["voice"].cat.categories) == VOICES
    assert out["distanced"].dtype == bool
    assert out["cue"].dtype == object
    assert out.attrs == {"cues_version": "fr-1.0.0", "window": 3, "scare_quote_words": 4}


def test_no_hits_gives_an_empty_frame():
    out = assign_voice("Texte.", [], [], sentences=[(0, 6)], paragraphs=[(0, 6)])
    assert len(out) == 0
    assert list(out.columns) == ["voice", "distanced", "cue"]


def test_match_cues_keeps_lone_surrogates():
    # A text read with errors="surrogateescape" keeps undecodable bytes as lone surrogates;
    # a cue's surface may hold one (found by Hypothesis: pandas' str dtype refused it).
    text = "what Baku calls\udcff what they call"
    found = match_cues(text, language="en")
    assert found["surface"].dtype == object
    spans = zip(found["start"], found["end"], strict=True)
    assert found["surface"].tolist() == [text[s:e] for s, e in spans]
    assert any("\udcff" in surface for surface in found["surface"])


def test_match_cues_lists_cues_for_audit():
    text = "Bakou a prétendu que le soi-disant régime tombe, selon l’AFP."
    out = match_cues(text)
    assert list(out.columns) == ["start", "end", "kind", "cue", "surface"]
    # « prétendu » inside « a prétendu que » is not listed as distancing
    assert out[["kind", "surface"]].values.tolist() == [
        ["attribution", "a prétendu que"],
        ["distancing", "soi-disant"],
        ["attribution", "selon"],
    ]
    assert out["cue"].tolist() == ["{aux} {adv}? {dire_pp}", "soi-disant", "selon"]


_TOKENS = [
    "Bakou", "a", "déclaré", "selon", "soi-disant", "régime", "offensive", "dit", "l’armée",
    "«", "»", "“", "”", '"', "'", "‘", "’", ".", ",", "\n\n", "\n", "\u00a0", "mesures",
]  # fmt: skip


@st.composite
def documents(draw):
    words = draw(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=40))
    text = " ".join(words)
    n = len(text)
    hits = draw(
        st.lists(st.tuples(st.integers(0, n), st.integers(0, 12)), min_size=0, max_size=25)
    )
    starts = [s for s, _ in hits]
    ends = [min(n, s + k) for s, k in hits]
    return text, starts, ends


@settings(max_examples=150, deadline=None)
@given(documents(), st.randoms(use_true_random=False))
def test_properties_length_order_and_quote_consistency(doc, rnd):
    text, starts, ends = doc
    paragraphs = paragraphs_of(text)
    sentences = sentences_of(text, paragraphs)
    kw = {"sentences": sentences, "paragraphs": paragraphs}
    out = assign_voice(text, starts, ends, **kw)
    assert len(out) == len(starts)
    # order of the hits does not change any hit's result
    order = list(range(len(starts)))
    rnd.shuffle(order)
    shuffled = assign_voice(text, [starts[i] for i in order], [ends[i] for i in order], **kw)
    assert shuffled.values.tolist() == [out.values.tolist()[i] for i in order]
    # quoted <=> the hit overlaps a span of quote_spans (brute force)
    spans = quote_spans(text, paragraphs=paragraphs)
    for (s, e), v in zip(zip(starts, ends, strict=True), out["voice"], strict=True):
        overlaps = any(qs < max(e, s + 1) and qe > s for qs, qe, _ in spans)
        assert (v == "quoted") == overlaps
    # distanced <=> a cue is reported
    assert out["distanced"].tolist() == [c is not None for c in out["cue"]]
    # quote spans nest or are disjoint, and stay inside one paragraph
    for qs, qe, _ in spans:
        assert any(ps <= qs and qe <= pe for ps, pe in paragraphs)
        for rs, re_, _ in spans:
            assert re_ <= qs or qe <= rs or (qs <= rs and re_ <= qe) or (rs <= qs and qe <= re_)


# ---------------------------------------------------------------------------------------------
# cue files


def test_bundled_cue_sets():
    assert list_cue_languages() == ["en", "fr"]
    fr, en = load_cues("fr"), load_cues("en")
    assert (fr.cues_version, en.cues_version) == ("fr-1.0.0", "en-1.0.0")
    assert (fr.language, en.language) == ("fr", "en")
    assert len(fr.fingerprint) == 64 and fr.fingerprint != en.fingerprint
    assert load_cues("fr") is load_cues("fr")  # cached
    assert load_cues("fr", label_cues=True).fingerprint != fr.fingerprint
    assert isinstance(fr, Cues)


def test_unknown_language_lists_the_available_ones():
    with pytest.raises(CueError, match=r"No voice cues for language 'de'.*Available: 'en', 'fr'"):
        load_cues("de")
    with pytest.raises(CueError, match=r"Did you mean 'fr'"):
        load_cues("fra")
    with pytest.raises(FramingError, match="No voice cues for language 'xx'"):
        assign_voice("x", [0], [1], language="xx", sentences=[(0, 1)], paragraphs=[(0, 1)])


def test_custom_cue_file_and_extends(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "extends: fr\nname: fr-mystudy\nversion: '1'\nmacros:\n  dire_pp: [tonné]\n"
        'attribution: ["de l\'aveu de"]\ndistancing:\n  pseudo:\n    forms: [pseudo-]\n',
        encoding="utf-8",
    )
    cues = load_cues(path)
    assert cues.cues_version == "fr-1.0.0+fr-mystudy-1"
    assert cues.language == "fr"
    text = "Bakou a tonné. Le pseudo-régime tombe. De l’aveu de Bakou, l’offensive dure."
    sentences = [(0, 14), (15, 38), (39, len(text))]
    out = voice(text, [("tonné", "tonné"), ("régime", "régime"), ("offensive", "offensive")],
                cues=str(path), sentences=sentences)  # fmt: skip
    assert out == [
        ["attributed", False, None],
        ["author", True, "pseudo"],
        ["attributed", False, None],
    ]
    # the bundled list is still there
    assert one("Selon Bakou, l’offensive dure.", "offensive", cues=cues)[0] == "attributed"
    # adding forms to a bundled cue keeps its options (autoproclamé: after the term, label)
    path.write_text(
        "extends: fr\nversion: '2'\ndistancing:\n  autoproclamé: [autodéclaré]\n",
        encoding="utf-8",
    )
    cue = {c.label: c for c in load_cues(path).distancing}["autoproclamé"]
    assert (cue.position, cue.framing_label) == ("either", True)
    assert cue.forms[-1] == "autodéclaré"


@pytest.mark.parametrize("word", ["dit*", "di*", "ditt*", "tonn*"])
def test_a_short_starred_cue_word_loads_and_matches(tmp_path, word):
    # The first-letter trie used to take every letter before the star ("dit*" left "*"
    # alone, which the phrase syntax rejects): such cue words failed to load.
    path = tmp_path / "star.yaml"
    path.write_text(
        f"extends: fr\nversion: '1'\nattribution: ['{word} ...  que']\n"
        f"distancing:\n  star:\n    forms: ['{word}']\n",
        encoding="utf-8",
    )
    cues = load_cues(path)
    stem = word[:-1]
    text = f"Ils {stem}ent bien que rien ne va. Le {stem}eur régime tombe."
    found = match_cues(text, cues=cues)
    by_kind = found.groupby("kind")["start"].apply(list).to_dict()
    # (the distancing form inside the attribution cue does not count, as for any cue)
    assert by_kind == {
        "attribution": [text.index(f"{stem}ent")],
        "distancing": [text.index(f"{stem}eur")],
    }


def test_standalone_cue_file(tmp_path):
    path = tmp_path / "de.yaml"
    path.write_text(
        "language: de\nversion: '0.1'\nattribution: [laut, sagte]\n"
        "distancing: {sogenannt: [sogenannte*]}\n",
        encoding="utf-8",
    )
    cues = load_cues(path)
    assert cues.cues_version == "de-0.1"
    text = "Die sogenannte Offensive, sagte er."
    assert one(text, "Offensive", cues=cues) == ["attributed", True, "sogenannt"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("version: '1'\nlanguage: fr\nattribution: [a\n", r"line \d+, column \d+: YAML syntax"),
        ("version: '1'\nlanguage: fr\nattributoin: [selon]\n", r"Did you mean 'attribution'"),
        ("language: fr\nattribution: [selon]\n", r"missing 'version:'. Add a line such as"),
        ("version: 1.0\nlanguage: fr\n", r"'version' must be text, found 1\.0; quote it"),
        ("version: '1'\nlanguage: fr\nattribution: ['{aux} dit']\n", r"undefined macro \{aux\}"),
        (
            "version: '1'\nlanguage: fr\nmacros: {pron: [il, on]}\nattribution: ['dit-{pron}']\n",
            r"line 3: macro 'pron' has True.*quote it",
        ),
        (
            "version: '1'\nlanguage: fr\ndistancing:\n  x:\n    forms: [x]\n    position: avant\n",
            r"line 6: distancing cue 'x' has position 'avant'.*before, after, either",
        ),
        ("version: '1'\nlanguage: fr\nattribution: ['sel*on']\n", r"line 3: .*'\*' may only end"),
        ("version: '1'\nlanguage: fr\nattribution: ['... selon']\n", r"'\.\.\.' must stand"),
        ("version: '1'\nlanguage: fr\nwindow: -1\n", r"'window' must be an integer >= 0"),
        ("- a\n- b\n", r"expected a mapping"),
    ],
)
def test_malformed_cue_files(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CueError, match=message):
        load_cues(path)


def test_missing_cue_file_and_cycles(tmp_path):
    with pytest.raises(CueError, match=r"Cue file '.*nope\.yaml' does not exist"):
        load_cues(tmp_path / "nope.yaml")
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nversion: '1'\n", encoding="utf-8")
    with pytest.raises(CueError, match="'extends' makes a cycle"):
        load_cues(tmp_path / "a.yaml")


# ---------------------------------------------------------------------------------------------
# input errors


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        ([0, 1], [2], r"starts and ends must have the same length, got 2 and 1"),
        ([3], [2], r"hit 0 has span \(3, 2\), expected 0 <= start <= end <= len\(text\) = 10"),
        ([5], [11], r"hit 0 has span \(5, 11\)"),
        ([-1], [2], r"hit 0 has span \(-1, 2\)"),
        ([0.5], [2], r"starts must be a one-dimensional sequence of integer offsets"),
    ],
)
def test_bad_hits(starts, ends, message):
    with pytest.raises(FramingError, match=message):
        assign_voice("0123456789", starts, ends, sentences=[(0, 10)], paragraphs=[(0, 10)])


def test_bad_spans_and_parameters():
    text = "0123456789"
    kw = {"sentences": [(0, 10)], "paragraphs": [(0, 10)]}
    with pytest.raises(FramingError, match=r"sentences spans overlap: \(0, 6\) and \(5, 10\)"):
        assign_voice(text, [0], [1], sentences=[(5, 10), (0, 6)], paragraphs=[(0, 10)])
    with pytest.raises(FramingError, match=r"paragraphs span \(0, 12\) is outside the text"):
        assign_voice(text, [0], [1], sentences=[(0, 10)], paragraphs=[(0, 12)])
    with pytest.raises(FramingError, match=r"sentences must be a list of \(start, end\) pairs"):
        assign_voice(text, [0], [1], sentences=[(0, 1, 2)], paragraphs=[(0, 10)])
    with pytest.raises(FramingError, match=r"text must be a str \(one document\), got list"):
        assign_voice([text], [0], [1], **kw)
    with pytest.raises(FramingError, match=r"window must be an integer >= 0, got -2"):
        assign_voice(text, [0], [1], window=-2, **kw)
    with pytest.raises(CueError, match=r"cues must be a Cues object .* got int"):
        assign_voice(text, [0], [1], cues=3, **kw)


def test_cue_files_are_package_data():
    folder = Path(__import__("framing").__file__).parent / "resources" / "cues"
    assert {"fr.yaml", "en.yaml", "README.md"} <= {p.name for p in folder.iterdir()}
    for name in ("fr.yaml", "en.yaml"):
        assert np.char.startswith((folder / name).read_text(encoding="utf-8").splitlines()[0], "#")


def test_a_hyphen_that_ends_a_short_word_is_required():
    # The cue README: a word ending in "-" is a prefix joined by a hyphen. The regex's trie
    # matches the first letters of a short word on its own, which made the final "-" of
    # « ex- » optional: « ex président » counted as the cue.
    cues = Cues("t", "fr", "1", ("selon",), (DistancingCue("ex", ("ex-", "anti-")),))
    text = "un ex-président, un ex président, l'ex président, anti-guerre, anti guerre"
    assert match_cues(text, cues=cues)["surface"].tolist() == ["ex-", "anti-"]


def test_a_hyphen_before_a_macro_follows_the_cue_readme():
    # Before a macro, "-" is required after more than four letters (« ajoute-t-{pron} »),
    # and may be a space or nothing after fewer (« dit-{pron} »: « dit elle »).
    text = (
        "« Oui », ajoute-t il. « Non », ajoute-t-il. « Si », ajoute t-il. "
        "« Bon », poursuit il. « Ah », dit il. « Eh », dit-il."
    )
    found = match_cues(text)
    assert found["surface"].tolist() == ["ajoute-t-il", "ajoute t-il", "dit il", "dit-il"]
