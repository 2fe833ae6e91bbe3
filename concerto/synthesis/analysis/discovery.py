"""Theme discovery: groups of similar contributions, their keywords and their most
representative members.

Method (chosen on the Lille Grand Débat proposals, see bench/RESULTS.md): two views of
each text, TF-IDF of its lemmas and its e5 embedding (centred), each turned into a
multi-scale nearest-neighbour graph (``features.knn_graph``); the sum of the graphs is cut
by spectral clustering. Without embeddings, the lexical graph alone is used. The number of
groups is given, or chosen by the largest eigengap of the graph's normalised Laplacian
between ``auto_floor(n)`` (2 for small corpora, 10 from 10,000 texts) and
``MAX_AUTO_CLUSTERS``. Keywords are class-based TF-IDF (BERTopic's
c-TF-IDF) over lemmas and pairs of lemmas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from concerto.synthesis.analysis.features import (
    centred,
    knn_graph,
    lexical_matrix,
    with_bigrams,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

MAX_AUTO_CLUSTERS = 20
MIN_AUTO_CLUSTERS = 10  # the floor of the automatic choice never exceeds this
KEYWORDS = 10
REPRESENTATIVES = 5


@dataclass
class Cluster:
    """A group of texts: indices into the input, best keywords first, the most central
    members first."""

    keywords: list[str]
    members: list[int]
    representatives: list[int]


@dataclass
class Discovery:
    """``labels[i]`` is the index in ``clusters`` of text i, or -1 (empty text)."""

    clusters: list[Cluster]
    labels: list[int]
    method: str = ""
    eigenvalues: list[float] = field(default_factory=list)  # normalised Laplacian, ascending


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def discover(
    texts: Sequence[str],
    *,
    n_clusters: int | None = None,
    seed: int = 0,
    embeddings: NDArray[Any] | None = None,
    lemmas: Sequence[list[str]] | None = None,
) -> Discovery:
    """Group ``texts`` into themes. ``embeddings`` (rows aligned with ``texts``, e.g. from
    ``embed``) add the semantic view; without them the grouping is lexical only.
    ``lemmas`` (from ``lemmatise``) may be passed to avoid computing them again."""
    n = len(texts)
    if embeddings is not None and len(embeddings) != n:
        raise ValueError("embeddings and texts differ in length")
    if lemmas is None:
        from concerto.synthesis.analysis.text import lemmatise

        lemmas = lemmatise(texts)
    elif len(lemmas) != n:
        raise ValueError("lemmas and texts differ in length")
    active = [
        i for i in range(n) if _has_words(str(texts[i])) and (embeddings is not None or lemmas[i])
    ]
    labels = [-1] * n
    if not active:
        return Discovery(clusters=[], labels=labels, method="vide")
    sub_lemmas = [lemmas[i] for i in active]
    lexical = lexical_matrix(sub_lemmas)
    semantic = centred(np.asarray(embeddings)[active]) if embeddings is not None else None
    method = "lexique + plongements" if semantic is not None else "lexique"
    if len(active) <= 2:
        assignment = np.zeros(len(active), dtype=int)
        eigenvalues: list[float] = []
    else:
        assignment, eigenvalues = _spectral(lexical, semantic, n_clusters, seed)
        method += ", k donné" if n_clusters else ", k par écart propre (eigengap)"
    return _assemble(
        texts, sub_lemmas, active, assignment, lexical, semantic, labels, method, eigenvalues
    )


def _joint(lexical: Any, semantic: NDArray[np.float32] | None) -> Any:
    """Both views side by side with equal weight (rows of unit length)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.preprocessing import normalize

    lex = normalize(lexical)
    if semantic is None:
        return lex
    return hstack([lex * math.sqrt(0.5), csr_matrix(semantic * math.sqrt(0.5))]).tocsr()


def _spectral(
    lexical: Any,
    semantic: NDArray[np.float32] | None,
    n_clusters: int | None,
    seed: int,
) -> tuple[NDArray[np.int_], list[float]]:
    """Normalised spectral clustering of the summed graphs; k given or by the largest
    eigengap of the normalised Laplacian between 2 and ``MAX_AUTO_CLUSTERS``."""
    from sklearn.cluster import KMeans

    graph = knn_graph(lexical)
    if semantic is not None:
        graph = graph + knn_graph(semantic)
    n = graph.shape[0]
    wanted = max(1, min(int(n_clusters), n)) if n_clusters else None
    largest = wanted if wanted else min(MAX_AUTO_CLUSTERS, n - 1)
    if largest < 2:
        return np.zeros(n, dtype=int), []
    values, vectors = _laplacian_eigen(graph, min(largest + 1, n), seed)
    if wanted:
        k = wanted
    else:
        smallest = min(largest, auto_floor(n))
        gaps = np.diff(values)  # gaps[k - 1]: between the k-th and the (k + 1)-th eigenvalue
        k = smallest + int(np.argmax(gaps[smallest - 1 : largest]))
    found = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(vectors[:, :k])
    return np.asarray(found, dtype=int), [round(float(v), 4) for v in values]


def auto_floor(n: int) -> int:
    """Fewest groups the automatic choice may make for ``n`` texts: √n / 10, between 2
    and ``MIN_AUTO_CLUSTERS`` (on big consultations the largest eigengap is often the
    one after 2 groups, a cut too coarse to read)."""
    return max(2, min(MIN_AUTO_CLUSTERS, round(math.sqrt(n) / 10)))


def _laplacian_eigen(
    graph: Any, count: int, seed: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The ``count`` smallest eigenvalues of the normalised Laplacian (ascending) and the
    matching spectral embedding (eigenvectors divided by the square root of the degree)."""
    from scipy.sparse.linalg import eigsh

    degree = np.asarray(graph.sum(axis=1), dtype=np.float64).ravel()
    inverse_root = 1.0 / np.sqrt(np.maximum(degree, 1e-12))
    walk = graph.multiply(inverse_root[:, None]).multiply(inverse_root[None, :]).tocsr()
    n = graph.shape[0]
    if n <= 500 or count >= n - 1:
        values, vectors = np.linalg.eigh(walk.toarray())
        top = np.argsort(-values)[:count]
    else:
        start = np.random.default_rng(seed).uniform(-1.0, 1.0, n)
        values, vectors = eigsh(walk, k=count, which="LA", v0=start, tol=1e-6)
        top = np.argsort(-values)
    laplacian = 1.0 - values[top]
    embedding = vectors[:, top] * inverse_root[:, None]
    signs = np.sign(embedding[np.abs(embedding).argmax(axis=0), range(embedding.shape[1])])
    return laplacian, embedding * np.where(signs == 0, 1.0, signs)


def _assemble(
    texts: Sequence[str],
    lemmas: Sequence[list[str]],
    active: list[int],
    assignment: NDArray[np.int_],
    lexical: Any,
    semantic: NDArray[np.float32] | None,
    labels: list[int],
    method: str,
    eigenvalues: list[float],
) -> Discovery:
    groups = sorted(
        {int(g) for g in assignment},
        key=lambda g: (-int((assignment == g).sum()), int(np.argmax(assignment == g))),
    )
    renumber = {g: position for position, g in enumerate(groups)}
    local = np.array([renumber[int(g)] for g in assignment], dtype=int)
    keywords = class_keywords(lemmas, local.tolist(), len(groups))
    joint = _joint(lexical, semantic)
    clusters = []
    for position in range(len(groups)):
        rows = np.flatnonzero(local == position)
        centroid = np.asarray(joint[rows].mean(axis=0)).ravel()
        closeness = np.asarray(joint[rows] @ centroid).ravel()
        order = rows[np.argsort(-closeness, kind="stable")]
        members = [active[int(r)] for r in rows]
        for r in rows:
            labels[active[int(r)]] = position
        clusters.append(
            Cluster(
                keywords=keywords[position],
                members=members,
                representatives=[active[int(r)] for r in order[:REPRESENTATIVES]],
            )
        )
    return Discovery(clusters=clusters, labels=labels, method=method, eigenvalues=eigenvalues)


def class_keywords(
    lemmas: Sequence[list[str]], labels: Sequence[int], n_classes: int, top: int = KEYWORDS
) -> list[list[str]]:
    """Class-based TF-IDF: each class is one document made of its members' lemmas (and
    pairs of lemmas); a term's weight is its frequency in the class times
    log(1 + average class length / its frequency over all classes)."""
    from sklearn.feature_extraction.text import CountVectorizer

    documents: list[list[str]] = [[] for _ in range(n_classes)]
    for tokens, label in zip(lemmas, labels, strict=True):
        if label >= 0:
            documents[label].extend(with_bigrams(tokens))
    if not any(documents):
        return [[] for _ in range(n_classes)]
    vectorizer = CountVectorizer(analyzer=lambda tokens: tokens)
    counts = vectorizer.fit_transform(documents).toarray().astype(np.float64)
    terms = vectorizer.get_feature_names_out()
    per_class = counts.sum(axis=1, keepdims=True)
    tf = counts / np.maximum(per_class, 1)
    average = counts.sum() / n_classes
    idf = np.log1p(average / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    result = []
    for c in range(n_classes):
        chosen: list[str] = []
        for j in np.argsort(-scores[c], kind="stable"):
            if scores[c, j] <= 0 or len(chosen) >= top:
                break
            term = str(terms[j])
            words = term.split()
            if len(words) > 1:
                if counts[c, j] < 2:
                    continue  # a pair seen once is an accident of wording
                if any(word in t.split() for t in chosen if " " in t for word in words):
                    continue  # overlaps a pair already kept
                # the pair replaces its words already kept alone ("circuit", "court")
                places = [i for i, t in enumerate(chosen) if t in words]
                if places:
                    chosen[places[0]] = term
                    chosen = [t for i, t in enumerate(chosen) if i not in places[1:]]
                    continue
            elif any(term in t.split() for t in chosen):
                continue
            chosen.append(term)
        result.append(chosen)
    return result
