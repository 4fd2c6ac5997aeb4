"""The Statistics paragraph of methods.md: one sentence per analysis, with references."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing.study._model import Analysis
from framing.study._prose import (
    RunFacts,
    as_list,
    code,
    count,
    filters_note,
    grouping,
    join,
    percent,
    single_document_groups,
)

# ------------------------------------------------------------------------- statistics


def _ci_bootstrap(p: Mapping[str, Any], lang: str, f: RunFacts) -> str:
    f.cited.update({"efron", "field"})
    if lang == "en":
        return (
            f"{percent(p['ci'], lang)} intervals are percentile bootstrap intervals over "
            f"{count(p['n_boot'], lang)} replicates that resample documents within each group (a "
            "cluster bootstrap: documents, not hits, are the sampling units; Efron & "
            "Tibshirani, 1993; Field & Welsh, 2007)."
        )
    return (
        f"Les intervalles à {percent(p['ci'], lang)} sont des intervalles bootstrap percentiles "
        f"sur {count(p['n_boot'], lang)} réplications qui rééchantillonnent les documents au sein "
        "de chaque groupe (bootstrap par grappes : les documents, non les occurrences, sont "
        "les unités d'échantillonnage ; Efron & Tibshirani, 1993 ; Field & Welsh, 2007)."
    )


def _contest(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    result = f.results.get(a.id)
    en = lang == "en"
    unit_doc = p["unit"] == "document"
    if en:
        what = (
            "each document counting once, for the variant it uses most (ties shared equally)"
            if unit_doc
            else "among all its mentions"
        )
        text = (
            f"shares of the variants of the naming contest {code(p['contest'])}, {what}, "
            f"{grouping(p['by'], lang)}{filters_note(p, lang)} (`framing.count_contest`)."
        )
    else:
        what = (
            "chaque document comptant une fois, pour la variante qu'il emploie le plus "
            "(ex æquo partagés)"
            if unit_doc
            else "parmi toutes ses mentions"
        )
        text = (
            f"parts des variantes de la concurrence {code(p['contest'])}, {what}, "
            f"{grouping(p['by'], lang)}{filters_note(p, lang)} (`framing.count_contest`)."
        )
    if single_document_groups(result) and as_list(p["by"]):
        return text + (
            " With one document per group these shares are descriptive: no interval or test "
            "is defined."
            if en
            else " Avec un document par groupe, ces parts sont descriptives : ni intervalle ni "
            "test ne sont définis."
        )
    if unit_doc:
        f.cited.add("wilson")
        text += (
            f" {percent(p['ci'], lang)} Wilson score intervals (Wilson, 1927)."
            if en
            else f" Intervalles de Wilson à {percent(p['ci'], lang)} (Wilson, 1927)."
        )
    elif p["n_boot"] > 0:
        text += " " + _ci_bootstrap(p, lang, f)
    else:
        text += " No interval was computed." if en else " Aucun intervalle n'a été calculé."
    if as_list(p["by"]) and p["n_perm"] > 0:
        f.cited.update({"phipson", "cramer"})
        text += (
            f" Independence of group and variant was tested with Pearson's X², its p-value "
            f"from {count(p['n_perm'], lang)} permutations of the group labels over documents "
            "(p = (1 + b) / (1 + permutations); Phipson & Smyth, 2010), with Cramér's V as "
            "effect size (Cramér, 1946)."
            if en
            else f" L'indépendance entre groupe et variante a été testée par le X² de Pearson, "
            f"dont la p-valeur provient de {count(p['n_perm'], lang)} permutations des groupes "
            "entre documents (p = (1 + b) / (1 + permutations) ; Phipson & Smyth, 2010), avec "
            "le V de Cramér comme taille d'effet (Cramér, 1946)."
        )
    return text


def _frames(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    en = lang == "en"
    text = (
        f"hits of each frame per {count(p['per'], lang)} tokens and share of documents with "
        f"at least one hit, {grouping(p['by'], lang)}{filters_note(p, lang)} "
        "(`framing.count_frames`)."
        if en
        else f"occurrences de chaque cadre pour {count(p['per'], lang)} mots et part des "
        f"documents en contenant au moins une, {grouping(p['by'], lang)}{filters_note(p, lang)} "
        "(`framing.count_frames`)."
    )
    if single_document_groups(f.results.get(a.id)) and as_list(p["by"]):
        return text + (
            " With one document per group these rates are descriptive."
            if en
            else " Avec un document par groupe, ces taux sont descriptifs."
        )
    f.cited.add("wilson")
    if p["n_boot"] > 0:
        text += " " + _ci_bootstrap(p, lang, f)
    text += (
        " Shares of documents have Wilson score intervals (Wilson, 1927)."
        if en
        else " Les parts de documents ont des intervalles de Wilson (Wilson, 1927)."
    )
    return text


def _documents(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    item = p["item"]
    if lang == "en":
        noun = "frame" if item == "frame" else "contest variant"
        return (
            f"counts and rates per {count(p['per'], lang)} tokens of each {noun} in every "
            f"document, zeros included{filters_note(p, lang)} (`framing.count_documents`), "
            "for models fitted elsewhere."
        )
    noun = "cadre" if item == "frame" else "variante"
    return (
        f"effectifs et taux pour {count(p['per'], lang)} mots de chaque {noun} dans chaque "
        f"document, zéros compris{filters_note(p, lang)} (`framing.count_documents`), pour "
        "des modèles estimés ailleurs."
    )


def _selection(p: Mapping[str, Any], lang: str) -> str:
    if p.get("frame") is not None:
        names = join([code(x) for x in as_list(p["frame"])], lang)
        return (
            f"the hits of the frame(s) {names}"
            if lang == "en"
            else (f"les occurrences des cadres {names}")
        )
    if p.get("contest") is not None or p.get("variant") is not None:
        names = join([code(x) for x in as_list(p.get("contest"))], lang)
        variants = as_list(p.get("variant"))
        extra = ""
        if variants:
            listed = join([code(v) for v in variants], lang)
            word = ("variant" if lang == "en" else "variante") + ("s" if len(variants) > 1 else "")
            extra = f" ({word} {listed})"
        return (
            f"the mentions of {names}{extra}"
            if lang == "en"
            else f"les mentions de {names}{extra}"
        )
    return "all hits" if lang == "en" else "toutes les occurrences"


def _voice_tally(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    if lang == "en":
        return (
            f"{_selection(p, lang)} tallied by voice (own voice, quoted, attributed) and "
            f"distancing, {grouping(p['by'], lang)}: counts, not estimates."
        )
    return (
        f"{_selection(p, lang)} réparties selon la voix (voix propre, citation, "
        f"attribution) et la mise à distance, {grouping(p['by'], lang)} : des effectifs, non "
        "des estimations."
    )


def _matches(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    if lang == "en":
        return f"{_selection(p, lang)}{filters_note(p, lang)}, shown as found (no statistic)."
    shown = "montrées telles quelles (sans statistique)"
    return f"{_selection(p, lang)}{filters_note(p, lang)}, {shown}."


def _tokens(p: Mapping[str, Any], lang: str) -> str:
    ngram = p["ngram"]
    if isinstance(ngram, (list, tuple)):
        grams = (
            f"{ngram[0]}- to {ngram[1]}-grams"
            if lang == "en"
            else (f"n-grammes de {ngram[0]} à {ngram[1]} mots")
        )
    elif ngram == 1:
        grams = "words" if lang == "en" else "mots"
    else:
        grams = f"{ngram}-grams" if lang == "en" else f"{ngram}-grammes"
    stop = ""
    if p.get("stopwords") is not None:
        stop = ", function words removed" if lang == "en" else ", mots outils retirés"
    if lang == "en":
        return f"terms are lower-cased {grams}{stop}, with at least {p['min_count']} occurrence(s)"
    return (
        f"les termes sont des {grams} en minuscules{stop}, d'au moins {p['min_count']} "
        "occurrence(s)"
    )


def _sides(p: Mapping[str, Any], lang: str) -> str:
    target = join([str(t) for t in as_list(p["target"])], lang)
    if p.get("reference") is None:
        ref = "all other documents" if lang == "en" else "tous les autres documents"
    else:
        ref = join([str(r) for r in as_list(p["reference"])], lang)
    if lang == "en":
        return f"{code(p['by'])} = {target} against {ref}"
    return f"{code(p['by'])} = {target} face à {ref}"


def _keyness(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    f.cited.update({"dunning", "hardie"})
    en = lang == "en"
    text = (
        f"keywords of {_sides(p, lang)}: log-likelihood G² over the full 2 × 2 table "
        "(Dunning, 1993), Pearson's χ², and the log ratio as effect size (Hardie, 2014); "
        "p-values from χ² with one degree of freedom"
        if en
        else f"mots-clés de {_sides(p, lang)} : rapport de vraisemblance G² sur le tableau "
        "2 × 2 complet (Dunning, 1993), χ² de Pearson et log ratio comme taille d'effet "
        "(Hardie, 2014) ; p-valeurs d'après le χ² à un degré de liberté"
    )
    if p["correction"] == "yates":
        text += " (χ² with Yates' correction)" if en else " (χ² avec correction de Yates)"
    if p["p_adjust"] == "fdr_bh":
        f.cited.add("benjamini")
        text += (
            ", adjusted for the false discovery rate (Benjamini & Hochberg, 1995)"
            if en
            else ", ajustées pour le taux de fausses découvertes (Benjamini & Hochberg, 1995)"
        )
    elif p["p_adjust"] == "bonferroni":
        text += ", Bonferroni-adjusted" if en else ", ajustées par Bonferroni"
    text += f"; ranked by {p['measure']}; " if en else f" ; classement par {p['measure']} ; "
    text += _tokens(p, lang)
    if p.get("min_range"):
        text += (
            f", in at least {p['min_range']} documents of the side that over-uses them"
            if en
            else f", présents dans au moins {p['min_range']} documents du côté qui les sur-emploie"
        )
    return text + " (`framing.compare_keyness`)."


def _log_odds(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    f.cited.add("monroe")
    en = lang == "en"
    if p["prior"] == "uniform":
        prior = "a uniform Dirichlet prior" if en else "un a priori de Dirichlet uniforme"
    else:
        prior = (
            "an informative Dirichlet prior from the counts of the whole corpus"
            if en
            else "un a priori de Dirichlet informatif tiré des effectifs du corpus entier"
        )
    if p.get("alpha0") is not None:
        prior += f" (α0 = {p['alpha0']})"
    if en:
        return (
            f"terms that set apart {_sides(p, lang)}: log-odds ratios with {prior} and "
            "their z-scores (Monroe, Colaresi & Quinn, 2008, eqs. 16, 20, 22); "
            f"{_tokens(p, lang)} (`framing.compare_log_odds`)."
        )
    return (
        f"termes qui distinguent {_sides(p, lang)} : log-odds ratios avec {prior} et leurs "
        "z-scores (Monroe, Colaresi & Quinn, 2008, éq. 16, 20, 22) ; "
        f"{_tokens(p, lang)} (`framing.compare_log_odds`)."
    )


def _specificities(a: Analysis, f: RunFacts, lang: str) -> str:
    p = a.params
    f.cited.add("lafon")
    if lang == "en":
        return (
            f"Lafon's (1980) specificities of each term in each group of {code(p['by'])}: "
            "signed log10 hypergeometric tail probabilities, as TXM reports them; "
            f"{_tokens(p, lang)} (`framing.compare_specificities`)."
        )
    return (
        f"spécificités de Lafon (1980) de chaque terme dans chaque groupe de "
        f"{code(p['by'])} : log10 signé des probabilités hypergéométriques, comme les "
        f"donne TXM ; {_tokens(p, lang)} (`framing.compare_specificities`)."
    )


_STATISTICS = {
    "contest": _contest,
    "frames": _frames,
    "documents": _documents,
    "voice": _voice_tally,
    "matches": _matches,
    "keyness": _keyness,
    "log_odds": _log_odds,
    "specificities": _specificities,
}


def _random(a: Analysis) -> bool:
    p = a.params
    if a.type == "contest":
        return (p["n_boot"] > 0 and p["unit"] == "mention") or (
            p["n_perm"] > 0 and bool(as_list(p["by"]))
        )
    return a.type == "frames" and p["n_boot"] > 0


def statistics(f: RunFacts, lang: str) -> str:
    """The Statistics paragraph: one item per analysis, then the seed."""
    head = "**Statistics.**" if lang == "en" else "**Statistiques.**"
    lines = [head]
    for a in f.study.analyses:
        sentence = _STATISTICS[a.type](a, f, lang)
        lines.append(
            f"- *{a.id}*: {sentence[0].upper()}{sentence[1:]}"
            if lang == "en"
            else f"- *{a.id}* : {sentence[0].upper()}{sentence[1:]}"
        )
    seeds = sorted({a.seed for a in f.study.analyses if _random(a)})
    if seeds:
        shown = join([str(s) for s in seeds], lang)
        lines.append("")
        lines.append(
            f"Every random draw (bootstrap replicates, permutations) was seeded with {shown}, "
            "so the run reproduces exactly."
            if lang == "en"
            else f"Tous les tirages aléatoires (réplications bootstrap, permutations) ont "
            f"été initialisés avec la graine {shown} : l'exécution se reproduit à l'identique."
        )
    return "\n".join(lines)
