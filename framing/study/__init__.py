"""Reproducible studies: one YAML file declares the whole chain, ``framing run`` replays it.

A study file names a corpus and a lexicon, the analyses to compute, and the figures and
tables to write. :func:`run_study` runs it — read, match, count and compare, draw, write —
into an output folder with a ``provenance.json`` and a generated ``methods.md``. A second
run with the same inputs changes no byte.

>>> import framing.study
>>> study = framing.study.load_study("karabakh-2023")     # the bundled study
>>> result = framing.study.run_study(study, out="figures")  # doctest: +SKIP
>>> print(result.summary())                                # doctest: +SKIP

The study file (``study.yaml``)
-------------------------------
The bundled ``studies/karabakh-2023.yaml`` is a complete example. Keys (``*`` required)::

    name*: karabakh-2023            # letters, digits, . _ -
    title: Naming the September 2023 Karabakh operation in French-language texts
    description: free text
    corpus*: {name: karabakh-2023-fr}         # a bundled corpus, or:
    #  {path: data/articles.csv, text: body, doc_id: id, date: published,
    #   format: csv, encoding: utf-8, filters: {language: fr, outlet: [A, B]}}
    #  (a plain string is a bundled name or a path)
    lexicon*: karabakh-2023-fr      # a bundled lexicon, or a path (.yaml, .dic)
    overrides: coding/overrides.yaml   # coders' decisions on hits (optional; see below)
    seed: 20230919                  # random_state of every bootstrap and permutation (0)
    language: fr                    # tokeniser, elision and voice rules (the lexicon's)
    locale: fr                      # typography of figures and tables (en)
    methods_language: en            # methods.md in en or fr (en)
    match: {overlap: longest, audit: true, voice: true}   # framing.match_lexicon
    labels: {counter_terrorism: « mesures antiterroristes »}   # display text, all figures
    style: {theme: paper, journal: nature, width: single, formats: [pdf, svg, png], dpi: 300}
    analyses*: [...]                # see below
    figures: [...]
    tables: [...]
    matches: csv                    # the matches table: csv, parquet or none (csv)
    output: figures                 # the output folder (see run_study for what it is
                                    # relative to)

Relative paths (``corpus.path``, ``lexicon``, ``overrides``, ``output``) are read from the
study file's folder. Values are checked when the file is read (keys, kinds, choices) and when the
study runs (contests, variants, frames, columns and groups against the lexicon and
corpus); every problem is reported at once as ``file:line: dotted.key: message``, with
the valid names and a "Did you mean" suggestion.

**Overrides** — ``overrides`` names a versioned overrides file (the format is in
:mod:`framing.validate`; :func:`framing.validate.write_overrides` writes one from coded
sheets): the coders' decisions on single hits. The runner applies it with
:func:`framing.validate.apply_overrides` right after matching, before any analysis,
figure or table: excluded hits are kept in the matches table, marked ``rejected``, and
counted nowhere; relabelled hits count under their new variant. A decision that matches
no hit of the run is applied to nothing and reported as a warning (in
``StudyResult.warnings``, and as ``n_unmatched`` in ``provenance.json``); a decision that
cannot apply (a ``relabel`` to a variant the contest lacks, two decisions for one hit) is
an error. ``provenance.json`` records the file (``overrides``: ``source``, ``name``,
``version``, ``fingerprint``, ``coders``, ``date``, ``n_overrides``, ``n_unmatched``,
``n_excluded``, ``n_relabelled``), every result table's attrs carry the ``overrides_*``
keys, and ``methods.md`` says how many hits were excluded and relabelled. Without the
key (or with ``overrides: null``) nothing of this appears, and the outputs are byte for
byte those of a study that never had overrides.

**Analyses** — each has an ``id`` (unique; figures and tables refer to it), a ``type``,
an optional ``seed`` (default: the study's) and ``description``, and the parameters of the
function behind its type; parameters left out take that function's defaults, and the
values used are all recorded in ``provenance.json``:

========================  ====================================  ==============================
type                      function                              keys
========================  ====================================  ==============================
``contest``               :func:`framing.count_contest`         ``contest``\\*, by, unit,
                                                                voice, distanced, ci, n_boot,
                                                                n_perm
``frames``                :func:`framing.count_frames`          by, frames, voice, distanced,
                                                                per, ci, n_boot
``documents``             :func:`framing.count_documents`       item, frames, contest, voice,
                                                                distanced, per
``voice``                 hits by group × voice × distanced     by, ``contest`` or ``frame``,
                          (the tally :func:`plot_voice` draws)  variant
``matches``               the matches table, filtered           contest, variant, frame,
                                                                voice, distanced
``keyness``               :func:`framing.compare_keyness`       ``by``\\*, ``target``\\*,
                                                                reference, measure,
                                                                correction, p_adjust,
                                                                min_count, min_range, top_n,
                                                                ngram, stopwords
``log_odds``              :func:`framing.compare_log_odds`      ``by``\\*, ``target``\\*,
                                                                reference, prior, alpha0,
                                                                min_count, top_n, ngram,
                                                                stopwords
``specificities``         :func:`framing.compare_specificities`  ``by``\\*, min_count, top_n,
                                                                ngram, stopwords
========================  ====================================  ==============================

**Figures** — ``analysis``\\* (an id), ``plot`` (a :mod:`framing.plot` function without
its ``plot_`` prefix; default the first that fits the analysis: contest → ``contest`` or
``heatmap``; frames → ``frame_rates`` or ``heatmap``; documents → ``heatmap``; voice →
``voice``; matches → ``dispersion`` or ``timeline``; keyness → ``keyness``; log_odds →
``log_odds`` or ``keyness``; specificities → ``keyness`` with ``group``, the group to
show), ``file`` (default: the analysis id), ``width`` (``single``, ``onehalf``,
``double`` or mm; default from ``style``), ``height`` (mm) or ``aspect``, ``journal``,
``theme``, ``locale``, ``formats``, ``dpi``, ``labels`` (added to the study's), and any
option of the plot function (``drop_unused``, ``kind``, ``legend``, ``top_n``, …). A
figure is drawn inside :func:`framing.style.theme` and saved with
:func:`framing.save.save_figure`: ``<file>.pdf/.svg/.png``, with ``<file>.csv`` (the
plotted data) and ``<file>.json`` beside them. A single-column Nature figure without
``height`` keeps the plot function's own height (it grows with the number of rows).

**Tables** — ``analysis``\\*, ``formats`` (``csv`` and/or ``tex``; default csv),
``file`` (default: the analysis id), ``locale``, ``caption``, ``label``, ``decimals``,
``columns`` (a list, or a mapping to headers; LaTeX only), ``compact`` (default true: the
LaTeX table of a contest analysis is :func:`framing.tables.contest_table`, groups ×
variants with « share [ci_low, ci_high] »). Written to ``tables/<file>.csv`` (the full
result table, with a provenance JSON, :func:`framing.tables.to_csv`) and
``tables/<file>.tex`` (booktabs, :func:`framing.tables.to_latex`).

The output folder
-----------------
``<figure files>``, ``tables/``, ``matches.csv`` (or ``.parquet``), ``methods.md`` (a
methods section in English or French: corpus size and period, the lexicon's name,
version, fingerprint and citation, the matching and voice rules, each statistic with its
parameters and references) and ``provenance.json`` (study file sha256, corpus and
lexicon names, fingerprints and versions, cue list version, every analysis' parameters
and seed, the overrides file applied, if any, software versions, the sha256 of every file
written; sorted keys, no timestamp, no absolute path).
"""

from __future__ import annotations

from framing.study._model import Analysis, CorpusSpec, FigureSpec, Study, StudyError, TableSpec
from framing.study._run import StudyResult, WrittenFile, run_study
from framing.study._schema import ANALYSIS_TYPES, PLOTS, load_study

__all__ = [
    "ANALYSIS_TYPES",
    "PLOTS",
    "Analysis",
    "CorpusSpec",
    "FigureSpec",
    "Study",
    "StudyError",
    "StudyResult",
    "TableSpec",
    "WrittenFile",
    "load_study",
    "run_study",
]

for _function in (load_study, run_study):
    _function.__module__ = __name__
del _function
