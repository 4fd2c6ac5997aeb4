"""methods.md: a methods section, generated from what a study run actually did.

Written in English or French (``methods_language``), from the run's numbers: corpus size,
lexicon name, version, fingerprint and citation, the matching and voice rules in force,
and each analysis' statistic with its parameters and references. A researcher adapts it;
every number in it comes from the run, so it changes when the inputs change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framing.study._prose import (
    OPTION_KEYS,
    REFERENCES,
    RunFacts,
    code,
    count,
    short,
)
from framing.study._statistics import statistics

__all__ = ["RunFacts", "methods_markdown"]

# ------------------------------------------------------------------------------ sections


def _corpus(f: RunFacts, lang: str) -> str:
    c, spec = f.corpus, f.study.corpus
    n_docs, n_tok = count(len(c), lang), count(f.n_tokens, lang)
    filters = ""
    if spec.filters:
        shown = "; ".join(f"{k} = {v}" for k, v in spec.filters.items())
        filters = f", selected by {shown}" if lang == "en" else f", sélectionnés par {shown}"
    if lang == "en":
        text = (
            f"**Corpus.** The corpus {code(c.name)} comprises {n_docs} documents{filters} "
            f"({n_tok} tokens: words, numbers and elided forms, not punctuation)"
        )
        if f.dates:
            text += f", published between {f.dates[0]} and {f.dates[1]}."
        else:
            text += "; its metadata record no publication dates."
        text += f" Content fingerprint: `{short(c.fingerprint())}` (SHA-256 of ids and texts)."
    else:
        text = (
            f"**Corpus.** Le corpus {code(c.name)} compte {n_docs} documents{filters} "
            f"({n_tok} mots : mots, nombres et formes élidées, sans la ponctuation)"
        )
        if f.dates:
            text += f", publiés entre le {f.dates[0]} et le {f.dates[1]}."
        else:
            text += " ; ses métadonnées ne donnent pas de date de publication."
        text += (
            f" Empreinte du contenu : `{short(c.fingerprint())}` (SHA-256 des identifiants "
            "et des textes)."
        )
    return text


def _lexicon(f: RunFacts, lang: str) -> str:
    lex = f.lexicon
    n_variants = sum(len(c.variants) for c in lex.contests.values())
    counts = (len(lex.frames), len(lex.contests), n_variants, len(lex.entries))
    if lang == "en":
        text = (
            f"**Lexicon.** Texts were coded with the lexicon {code(lex.name)}, version "
            f"{lex.version} (fingerprint `{short(lex.fingerprint())}`): {counts[0]} frames and "
            f"{counts[1]} naming contests with {counts[2]} competing variants, "
            f"{count(counts[3], lang)} entries in all."
        )
        if lex.citation:
            text += f" Cite it as: {lex.citation.strip()}"
            text += "" if lex.citation.strip().endswith(".") else "."
    else:
        text = (
            f"**Lexique.** Les textes ont été codés avec le lexique {code(lex.name)}, version "
            f"{lex.version} (empreinte `{short(lex.fingerprint())}`) : {counts[0]} cadres et "
            f"{counts[1]} concurrences de dénomination (« naming contests ») comptant "
            f"{counts[2]} variantes, soit {count(counts[3], lang)} entrées."
        )
        if lex.citation:
            text += f" Référence : {lex.citation.strip()}"
            text += "" if lex.citation.strip().endswith(".") else "."
    return text


def _overrides(lex: Any) -> int:
    options = lex.options
    return sum(
        any(getattr(e, k) != options.get(k) for k in OPTION_KEYS if k in options)
        for e in lex.entries
    )


def _hand_coding(attrs: Any, lang: str) -> str | None:
    """The sentence on the coders' overrides applied to the matches (None without)."""
    if attrs.get("overrides_fingerprint") is None:
        return None
    n_excluded = int(attrs.get("n_excluded_by_overrides") or 0)
    n_relabelled = int(attrs.get("n_relabelled_by_overrides") or 0)
    name, version = attrs.get("overrides_name"), attrs.get("overrides_version")
    digest = short(str(attrs.get("overrides_fingerprint")))
    if lang == "en":
        hits = "hit was" if n_excluded == 1 else "hits were"
        return (
            f"These counts follow hand coding, per the overrides file {code(name)}, version "
            f"{version} (fingerprint `{digest}`): {count(n_excluded, lang)} {hits} excluded "
            f"and {count(n_relabelled, lang)} relabelled; excluded hits stay in the matches "
            "table, marked as rejected."
        )
    excluded = "occurrence a été exclue" if n_excluded < 2 else "occurrences ont été exclues"
    relabelled = "réétiquetée" if n_relabelled < 2 else "réétiquetées"
    return (
        f"Ces décomptes intègrent le codage manuel, d'après le fichier de corrections "
        f"{code(name)}, version {version} (empreinte `{digest}`) : "
        f"{count(n_excluded, lang)} {excluded} et {count(n_relabelled, lang)} {relabelled} ; "
        "les occurrences exclues restent dans la table des correspondances, marquées comme "
        "rejetées."
    )


def _matching(f: RunFacts, lang: str) -> str:
    lex, attrs = f.lexicon, f.matches.attrs
    o = lex.options
    language = attrs.get("language") or lex.language
    counted = f.matches
    if "rejected" in counted.columns:
        counted = counted[counted["rejected"].isna().to_numpy()]
    n_frame = int(counted["frame"].notna().sum())
    n_contest = int(counted["contest"].notna().sum())
    constrained = sum(bool(e.near or e.not_near) for e in lex.entries)
    n_rejected = int(attrs.get("n_rejected") or 0)
    overrides = _overrides(lex)
    hand_coding = _hand_coding(attrs, lang)
    en = lang == "en"
    rules = []
    if en:
        rules.append(
            "Entries were matched "
            + ("case-sensitively" if o.get("case_sensitive") else "case-insensitively")
            + (", ignoring accents" if o.get("fold_accents") else ", with accents as written")
            + ", on a copy of each text normalised for matching only (typographic "
            "apostrophes and dashes unified; any run of whitespace, line breaks and no-break "
            "spaces included, read as one space), with offsets mapped back to the original "
            "text, which is never changed."
        )
        if language == "fr":
            rules.append(
                "French elided forms were split from the next word (« l'offensive » matches "
                "« offensive »)."
            )
        elif language == "en":
            rules.append("English possessive 's was split from its word.")
        if o.get("compounds", True):
            rules.append(
                "Hyphenated, spaced and joined spellings of a compound were treated as the "
                "same word (« anti-terroristes », « anti terroristes », « antiterroristes »)."
            )
        if o.get("parts", True):
            rules.append("An entry also matched a part of a hyphenated compound.")
        if o.get("match") == "lemma":
            rules.append(
                "Entries were expanded to every inflected form of their lemma found "
                "in the corpus (simplemma)."
            )
        elif o.get("match") == "stem":
            rules.append(
                "Entries were expanded to every corpus word with the same Snowball stem (NLTK)."
            )
        if overrides:
            rules.append(f"({overrides} entries set options of their own.)")
        rules.append(
            "A trailing * matched any word ending; multi-word entries matched across "
            "line breaks but never across a sentence end."
        )
        if attrs.get("overlap") == "all":
            rules.append("Every entry's hit was counted, overlapping ones included.")
        else:
            rules.append(
                "Within each frame and within each naming contest the longest match won and a "
                "stretch of text counted once (« Haut-Karabakh » is one mention, not also one "
                "of « Karabakh »); frames and contests were counted independently of each "
                "other."
            )
        if constrained:
            rules.append(
                f"{constrained} entries counted only near (or away from) anchor terms, within "
                f"a window of tokens or the same sentence; {count(n_rejected, lang)} hits failed "
                "these constraints and were not counted."
            )
        rules.append(
            f"The matcher counted {count(len(counted), lang)} hits: "
            f"{count(n_frame, lang)} frame hits and {count(n_contest, lang)} mentions in naming "
            "contests."
        )
        if hand_coding:
            rules.append(hand_coding)
        return "**Matching.** " + " ".join(rules)
    rules.append(
        "Les entrées ont été recherchées "
        + (
            "en respectant la casse"
            if o.get("case_sensitive")
            else "sans tenir compte de la casse"
        )
        + (
            " ni des accents"
            if o.get("fold_accents") and not o.get("case_sensitive")
            else (", sans tenir compte des accents" if o.get("fold_accents") else "")
        )
        + ", dans une copie de chaque texte normalisée pour la seule recherche (apostrophes "
        "et tirets typographiques unifiés ; toute suite d'espaces, sauts de ligne et espaces "
        "insécables compris, lue comme une espace), les positions renvoyant au texte "
        "original, jamais modifié."
    )
    if language == "fr":
        rules.append(
            "Les formes élidées ont été séparées du mot suivant (« l'offensive » "
            "correspond à « offensive »)."
        )
    elif language == "en":
        rules.append("Le possessif anglais 's a été séparé de son mot.")
    if o.get("compounds", True):
        rules.append(
            "Les graphies d'un mot composé avec trait d'union, espace ou soudées ont été "
            "traitées comme un même mot (« anti-terroristes », « anti terroristes », "
            "« antiterroristes »)."
        )
    if o.get("parts", True):
        rules.append("Une entrée correspond aussi à un élément d'un composé à trait d'union.")
    if o.get("match") == "lemma":
        rules.append(
            "Chaque entrée a été étendue aux formes fléchies de son lemme présentes "
            "dans le corpus (simplemma)."
        )
    elif o.get("match") == "stem":
        rules.append(
            "Chaque entrée a été étendue aux mots du corpus de même racine (Snowball, NLTK)."
        )
    if overrides:
        rules.append(f"({overrides} entrées fixent leurs propres options.)")
    rules.append(
        "Un * final couvre toute fin de mot ; les entrées de plusieurs mots "
        "correspondent par-delà les sauts de ligne, jamais par-delà une fin de "
        "phrase."
    )
    if attrs.get("overlap") == "all":
        rules.append("Toutes les occurrences ont été comptées, chevauchements compris.")
    else:
        rules.append(
            "Au sein d'un même cadre et d'une même concurrence de dénomination, la "
            "correspondance la plus longue l'emporte et un passage ne compte qu'une fois "
            "(« Haut-Karabakh » est une mention, pas aussi une de « Karabakh ») ; cadres et "
            "concurrences sont comptés indépendamment les uns des autres."
        )
    if constrained:
        rules.append(
            f"{constrained} entrées ne comptent qu'à proximité (ou à l'écart) de termes "
            f"d'ancrage, dans une fenêtre de mots ou la même phrase ; {count(n_rejected, lang)} "
            "occurrences ne remplissaient pas ces conditions et n'ont pas été comptées."
        )
    rules.append(
        f"Au total, {count(len(counted), lang)} occurrences ont été comptées : "
        f"{count(n_frame, lang)} pour les cadres et {count(n_contest, lang)} mentions dans les "
        "concurrences de dénomination."
    )
    if hand_coding:
        rules.append(hand_coding)
    return "**Recherche des termes.** " + " ".join(rules)


def _voice(f: RunFacts, lang: str) -> str | None:
    attrs = f.matches.attrs
    if not attrs.get("voice"):
        return None
    version = attrs.get("cues_version")
    language = attrs.get("language") or f.lexicon.language
    if lang == "en":
        cues = "« selon », « a déclaré »" if language == "fr" else '"according to", "said"'
        distancing = (
            "« soi-disant », « prétendu », « qualifié de »"
            if language == "fr"
            else '"so-called", "alleged"'
        )
        return (
            "**Voice.** Each hit was classed as *quoted* when it stood inside paired quotation "
            "marks (an unclosed quotation ends with its paragraph), else *attributed* when its "
            f"sentence carried an attribution cue ({cues}, reported speech included), else "
            "in the author's *own voice*. A hit was also marked *distanced* when it stood in "
            "a short scare quote (at most four words, in a sentence without attribution) or "
            f"just after a distancing cue ({distancing}). Cue lists: version `{version}`, "
            "shipped with framing."
        )
    cues = "« selon », « a déclaré »" if language == "fr" else "« according to », « said »"
    distancing = (
        "« soi-disant », « prétendu », « qualifié de »"
        if language == "fr"
        else "« so-called », « alleged »"
    )
    return (
        "**Voix.** Chaque occurrence a été classée *citée* si elle se trouve entre guillemets "
        "appariés (une citation non fermée s'arrête à la fin du paragraphe), sinon "
        f"*attribuée* si sa phrase porte un indice d'attribution ({cues}, discours rapporté "
        "compris), sinon dans la *voix propre* de l'auteur. Une occurrence est en outre *mise "
        "à distance* si elle figure dans de courts guillemets de distance (quatre mots au "
        "plus, dans une phrase sans attribution) ou juste après un indice de mise à distance "
        f"({distancing}). Listes d'indices : version `{version}`, fournies avec framing."
    )


def _software(f: RunFacts, lang: str) -> str:
    s = f.software
    deps = ", ".join(
        f"{name} {s[name]}"
        for name in ("numpy", "pandas", "scipy", "matplotlib", "ahocorasick-rs")
        if s.get(name)
    )
    digest = short(f.study.sha256)
    en = lang == "en"
    if f.study.source is None:  # built from a dict: no file to rerun
        where = (
            f"the study `{f.study.name}` (given as a structure; SHA-256 of its canonical "
            f"JSON `{digest}`); `provenance.json` beside this file records"
            if en
            else f"de l'étude `{f.study.name}` (donnée comme structure ; SHA-256 de son JSON "
            f"canonique `{digest}`) ; `provenance.json`, à côté de ce fichier, consigne"
        )
    else:
        file = Path(f.study.source).name
        command = f"framing run {f.study.name if f.study.bundled else file}"
        where = (
            f"the study file `{file}` (SHA-256 `{digest}`); `{command}` rewrites "
            "every figure and table byte for byte, and `provenance.json` beside this file "
            "records"
            if en
            else f"du fichier d'étude `{file}` (SHA-256 `{digest}`) ; `{command}` "
            "réécrit chaque figure et chaque tableau à l'octet près, et `provenance.json`, à "
            "côté de ce fichier, consigne"
        )
    if en:
        return (
            f"**Software and reproducibility.** The analysis was run with framing "
            f"{s['framing']} (Python {s['python']}; {deps}) from {where} every parameter, "
            "fingerprint and version."
        )
    return (
        f"**Logiciels et reproductibilité.** L'analyse a été exécutée avec framing "
        f"{s['framing']} (Python {s['python']} ; {deps}) à partir {where} chaque paramètre, "
        "empreinte et version."
    )


def methods_markdown(facts: RunFacts) -> str:
    """The methods section of a run, in the study's ``methods_language``."""
    lang = facts.study.methods_language
    study = facts.study
    title = study.title or study.name
    head = f"# Methods: {title}" if lang == "en" else f"# Méthodes : {title}"
    note = (
        "*Generated by `framing run` from what this run did. Adapt the wording; keep the "
        "numbers, which change when the corpus, lexicon or parameters do.*"
        if lang == "en"
        else "*Texte produit par `framing run` d'après ce que cette exécution a fait. "
        "Adaptez la formulation ; gardez les nombres, qui changent avec le corpus, le "
        "lexique ou les paramètres.*"
    )
    facts.cited = set()
    parts = [head, note, _corpus(facts, lang), _lexicon(facts, lang), _matching(facts, lang)]
    voice = _voice(facts, lang)
    if voice:
        parts.append(voice)
    parts += [statistics(facts, lang), _software(facts, lang)]
    refs = [REFERENCES[k] for k in sorted(facts.cited)]
    if facts.lexicon.citation:
        refs.append(facts.lexicon.citation.strip())
    refs.sort()
    parts.append(
        ("## References" if lang == "en" else "## Références")
        + "\n\n"
        + "\n".join(f"- {r}" for r in refs)
    )
    return "\n\n".join(parts) + "\n"
