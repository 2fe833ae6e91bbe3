"""The whole analysis of a table of texts (``manage.py analyse``): themes, duplicates and,
when labels are given, how well the machine help agrees with them. Returns a JSON-ready
dictionary (keys in French, like the printed summary)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from concerto.synthesis.analysis.csvinput import Table

PER_LABEL = 20
EXCERPT = 500  # characters of a representative text in the report


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def analyse_table(
    table: Table,
    *,
    n_clusters: int | None = None,
    seed: int = 0,
    use_embeddings: bool = True,
    duplicate_threshold: float = 0.85,
    evaluation_seeds: int = 3,
) -> dict[str, Any]:
    """Discovery on every text (k = ``n_clusters``, else the number of distinct labels,
    else automatic), near-duplicates, and with labels: NMI/ARI of the groups, macro-F1
    of the suggestions without training, cross-validated, and with 20 per label."""
    from concerto.synthesis.analysis.discovery import discover
    from concerto.synthesis.analysis.duplicates import find_duplicates
    from concerto.synthesis.analysis.model_version import MODEL_VERSION
    from concerto.synthesis.analysis.text import lemmatise

    texts = table.texts
    timings: dict[str, float] = {}
    started = time.perf_counter()
    lemmas = lemmatise(texts)
    timings["lemmes"] = time.perf_counter() - started
    vectors = None
    if use_embeddings:
        from concerto.synthesis.analysis.embeddings import embed

        started = time.perf_counter()
        vectors = embed(texts)
        timings["plongements"] = time.perf_counter() - started
    labelled = [i for i, label in enumerate(table.labels or []) if label]
    label_of = {i: str((table.labels or [])[i]) for i in labelled}
    k = n_clusters or (len(set(label_of.values())) if labelled else None)
    started = time.perf_counter()
    found = discover(texts, n_clusters=k, seed=seed, embeddings=vectors, lemmas=lemmas)
    timings["decouverte"] = time.perf_counter() - started
    started = time.perf_counter()
    groups = find_duplicates(texts, threshold=duplicate_threshold)
    timings["doublons"] = time.perf_counter() - started
    report: dict[str, Any] = {
        "lignes": len(texts),
        "lignes_sans_texte": sum(1 for t in texts if not t.strip()),
        "encodage": table.encoding,
        "modele_plongements": MODEL_VERSION if use_embeddings else None,
        "graine": seed,
        "decouverte": {
            "methode": found.method,
            "k": len(found.clusters),
            "groupes": [
                {
                    "numero": number,
                    "taille": len(cluster.members),
                    "mots_cles": cluster.keywords,
                    "representants": [
                        {"rang": i + 1, "texte": _excerpt(texts[i])}
                        for i in cluster.representatives
                    ],
                    "membres": [i + 1 for i in cluster.members],
                }
                for number, cluster in enumerate(found.clusters, start=1)
            ],
        },
        "doublons": {
            "seuil": duplicate_threshold,
            "groupes": [
                {"rangs": [i + 1 for i in g], "taille": len(g), "texte": _excerpt(texts[g[0]])}
                for g in groups
            ],
        },
        "metriques": {},
    }
    if labelled:
        started = time.perf_counter()
        report["metriques"] = _metrics(
            texts, lemmas, vectors, labelled, label_of, found.labels, seed, evaluation_seeds
        )
        timings["evaluation"] = time.perf_counter() - started
    report["durees_s"] = {name: round(value, 2) for name, value in timings.items()}
    return report


def _metrics(
    texts: Sequence[str],
    lemmas: Sequence[list[str]],
    vectors: Any,
    labelled: list[int],
    label_of: dict[int, str],
    clusters: Sequence[int],
    seed: int,
    evaluation_seeds: int,
) -> dict[str, Any]:
    from concerto.synthesis.analysis.evaluation import (
        clustering_agreement,
        cross_validated_f1,
        untrained_f1,
    )

    counts = Counter(label_of.values())
    metrics: dict[str, Any] = {
        "textes_etiquetes": len(labelled),
        "etiquettes": dict(sorted(counts.items())),
    }
    if len(counts) >= 2:
        metrics.update(
            clustering_agreement([label_of[i] for i in labelled], [clusters[i] for i in labelled])
        )
    # suggestions: labels with at least 2 texts (a fold needs one to learn, one to test)
    kept = [i for i in labelled if counts[label_of[i]] >= 2]
    left_out = sorted(label for label, n in counts.items() if n < 2)
    if left_out:
        metrics["etiquettes_ecartees_des_suggestions"] = left_out
    if len({label_of[i] for i in kept}) < 2:
        return metrics
    sub_texts = [texts[i] for i in kept]
    sub_labels = [label_of[i] for i in kept]
    sub_lemmas = [lemmas[i] for i in kept]
    sub_vectors = vectors[kept] if vectors is not None else None
    seeds = [seed + s for s in range(max(1, evaluation_seeds))]
    metrics["f1_macro_sans_entrainement"] = untrained_f1(
        sub_texts, sub_labels, lemmas=sub_lemmas, embeddings=sub_vectors
    )
    full = cross_validated_f1(
        sub_texts, sub_labels, lemmas=sub_lemmas, embeddings=sub_vectors, seeds=seeds
    )
    few = cross_validated_f1(
        sub_texts,
        sub_labels,
        lemmas=sub_lemmas,
        embeddings=sub_vectors,
        per_label=PER_LABEL,
        seeds=seeds,
    )
    metrics["f1_macro_validation_croisee"] = full.as_dict()
    metrics[f"f1_macro_{PER_LABEL}_par_etiquette"] = few.as_dict()
    return metrics


def _number(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def french_summary(report: dict[str, Any]) -> list[str]:
    """The lines printed by ``manage.py analyse``."""
    found = report["decouverte"]
    lines = [
        f"Textes analysés : {report['lignes']}"
        + (f" (dont {report['lignes_sans_texte']} vides)" if report["lignes_sans_texte"] else ""),
        f"Groupes trouvés : {found['k']} ({found['methode']})",
    ]
    for group in found["groupes"]:
        keywords = ", ".join(group["mots_cles"][:6])
        lines.append(f"  {group['numero']:>2}. {group['taille']} textes : {keywords}")
    duplicates = report["doublons"]["groupes"]
    lines.append(
        f"Doublons et quasi-doublons : {len(duplicates)} groupe(s), "
        f"{sum(g['taille'] for g in duplicates)} textes"
    )
    metrics = report["metriques"]
    if "nmi" in metrics:
        lines.append(f"NMI (groupes / étiquettes) : {_number(metrics['nmi'])}")
        lines.append(f"ARI (groupes / étiquettes) : {_number(metrics['ari'])}")
    if "f1_macro_sans_entrainement" in metrics:
        lines.append(
            "F1 macro des suggestions sans entraînement (noms des étiquettes) : "
            + _number(metrics["f1_macro_sans_entrainement"])
        )
        for key, title in (
            ("f1_macro_validation_croisee", "validation croisée en 5 plis"),
            (f"f1_macro_{PER_LABEL}_par_etiquette", f"{PER_LABEL} exemples par étiquette"),
        ):
            score = metrics[key]
            lines.append(
                f"F1 macro des suggestions, {title} : {_number(score['moyenne'])} "
                f"± {_number(score['ecart_type'])}"
            )
    elif metrics:
        lines.append("Pas assez d'étiquettes différentes pour évaluer les suggestions.")
    return lines
