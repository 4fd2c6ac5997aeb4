"""The matcher: every hit of a lexicon's entries in a corpus (:func:`match_lexicon`).

How a hit is found
------------------
1. **Normalisation.** Each text is normalised once per configuration
   ``(case_sensitive, fold_accents)`` used by the lexicon's entries (usually one), with
   :func:`framing.text.normalize`: case, apostrophes (’ -> '), hyphens and dashes (– -> -),
   every whitespace character (no-break spaces, line breaks) -> a space, and accents when
   ``fold_accents``. Each entry is normalised the same way, under its own options
   (:func:`framing.text.normalize_term`). Offsets are mapped back, so ``text[start:end]``
   of the original text is always the ``surface``. With ``fold_accents: false``,
   « OPÉRATION » matches « opération » (case) but « operation » does not.
2. **Spaces.** A space in an entry matches any run of whitespace, line breaks included
   (« opération\\nmilitaire »), but a hit never spans a sentence end: a hit whose first and
   last characters lie in different sentences (:func:`framing.text.sentence_spans`; a blank
   line always ends a sentence) is dropped.
3. **Word boundaries.** A hit starts and ends at word boundaries: between a word
   character (letter, digit, ``_``, combining mark) and anything else. Except:

   - *apostrophes* join the words around them (« aujourd'hui » never yields « hui »), but in
     French an elided clitic (:data:`framing.text.FRENCH_ELISIONS`: l d qu jusqu lorsqu
     puisqu quoiqu s n m t c j ç) before the apostrophe is a word of its own, so
     « l’offensive », « d’« opération », « L'OFFENSIVE » match « offensive »,
     « opération »; in English a possessive ``'s`` ends the word ("Azerbaijan's" matches
     "Azerbaijan");
   - *hyphens* (and dashes, which normalisation makes hyphens) depend on ``parts``.
4. **Parts of compounds** (option ``parts``, default true). With ``parts: true`` a hyphen is
   a word boundary: « Karabakh » matches inside « Haut-Karabakh » (and the overlap rule
   below decides whether that part counts). With ``parts: false`` a hyphen joins a compound
   into one word: « père » does not match « grand-père » — except after a known prefix
   (``framing/resources/prefixes.yaml``: anti, contre, non, ex, pro, post, pré …), so
   « discrimin* » matches « non-discrimination » either way.
5. **Compounds** (option ``compounds``, default true). Hyphen, space and no separator are
   variants of each other, generated from the entry (never by rewriting the text): an entry
   word with hyphens also matches with spaces or nothing in their place (« Haut-Karabakh »:
   « haut karabakh », « hautkarabakh »; every mix for up to four hyphens), and a joined
   entry word that starts with a known prefix followed by at least three more letters also
   matches with a hyphen or a space after the prefix (« antiterroris* »: « anti-terroristes »,
   « anti terroristes », « antiterroristes »). So write compounds either way.
6. **Globs.** A trailing ``*`` makes a word a prefix with a left boundary; the hit extends
   to the end of the word: through word characters, through an apostrophe followed by a
   letter (not an English possessive ``'s``), and through a hyphen only when ``parts`` is
   false (« offensive* » on « offensive-éclair »: « offensive » with ``parts: true``, the
   whole compound with ``parts: false``). Any word of a phrase may be globbed
   (« opération* antiterroris* »).
7. **Lemma and stem** (option ``match``). ``lemma`` and ``stem`` entries are expanded
   against the corpus vocabulary (the word types of :func:`framing.text.words`, collected
   once): every type with the same lemma (``simplemma``) or Snowball stem (NLTK) as an
   entry word becomes an exact form of that word; globbed words stay globs. Anchors always
   match exactly.
8. **Proximity.** An entry with ``near`` counts only if one of its anchors occurs within
   ``window`` tokens either side of it, or in the same sentence (``window: sentence``);
   with ``not_near``, only if none of those anchors does. Anchors are matched with the
   entry's options by the same machinery (globs, compounds, boundaries). Token distance is
   the difference of word indices (:func:`framing.text.word_spans`: adjacent words are 1
   apart, an anchor inside the hit is 0 away, « l' » is a word) and ignores sentence ends.
   A hit that fails is not counted, but is kept for audit (``audit=True``: a ``rejected``
   column says why, e.g. « not_near: 'Erevan' 6 tokens away ») and counted in
   ``attrs["n_rejected"]``. Constraints apply before the overlap rule, so a rejected hit
   never suppresses a shorter counted one.
9. **Overlap** (``overlap="longest"``, default). Within one frame, and within one contest,
   the longest hit wins and a stretch of text is one hit: « Haut-Karabakh » is one mention
   of the variant listing « Haut-Karabakh », not also of the one listing « Karabakh ».
   Hits are taken longest first, then leftmost, then in lexicon order (so of two entries
   matching the same span, the one listed first wins). Different frames and contests are
   independent — one phrase may signal two frames — and nested frames
   (``conflict/military`` and ``conflict``) are different frames. ``overlap="all"`` keeps
   every entry's hit (quanteda's "count every match").
10. **Voice.** For the hits of each document :func:`framing.voice.assign_voice` is called
    once, with the sentences and paragraphs already computed: ``voice`` (author / quoted /
    attributed), ``distanced`` and ``cue``.

Speed and scale
---------------
One Aho–Corasick automaton (``ahocorasick-rs``, a DFA) per normalisation configuration, built once
per lexicon and language (cached; rebuilt per call only for lemma/stem entries, which
depend on the corpus vocabulary), runs over each normalised text. Boundary checks run on
arrays of code points at the automaton's raw hits (Python only next to a hyphen or an
apostrophe between letters, and for globbed or multi-word tails); sentences and paragraphs
come from one segmentation pass; voice cues are tried only at the word starts a cue can
begin with. Sentences, paragraphs and voice are computed only for documents with a hit,
words only for documents where a token window must be checked. ``bench/`` measures it
against spaCy's PhraseMatcher and a regex tokenisation pass on 50 MB of novels.

Past memory and one core: :func:`match_chunks` and :func:`write_matches` match a corpus
read in chunks (``read_corpus(path, chunksize=...)``), the latter writing Parquet or CSV as
it goes, in bounded memory; ``match_lexicon(..., n_jobs=2)`` uses worker processes
(kept for the next call; :func:`stop_workers` stops them);
:mod:`framing.dask` runs the same per-part function on a Dask cluster. All give the
in-memory table, row for row (lemma/stem entries are expanded once against the whole
corpus' vocabulary, since a word form in one document can make another document's word
match through accent folding).
"""

from __future__ import annotations

from framing.match._api import AUDIT_COLUMN, COLUMNS, OVERLAP_MODES, match_lexicon
from framing.match._pool import shutdown as stop_workers
from framing.match._stream import WriteSummary, match_chunks, write_matches

__all__ = [
    "AUDIT_COLUMN",
    "COLUMNS",
    "OVERLAP_MODES",
    "WriteSummary",
    "match_chunks",
    "match_lexicon",
    "stop_workers",
    "write_matches",
]
