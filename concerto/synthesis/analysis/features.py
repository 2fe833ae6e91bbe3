"""Vector views of texts shared by discovery and suggestions: TF-IDF of lemmas, centred
embeddings, and the rank-weighted nearest-neighbour graph that joins them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

# Neighbourhood sizes of the multi-scale graph (fixed up front, not tuned per corpus): a
# neighbour of rank r weighs the number of scales >= r, so close neighbours count more.
GRAPH_SCALES = (5, 10, 15, 20)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def with_bigrams(lemmas: Sequence[str]) -> list[str]:
    """Lemmas followed by the pairs of consecutive lemmas ("transport commun")."""
    return [*lemmas, *(f"{a} {b}" for a, b in itertools.pairwise(lemmas))]


def tfidf_vectorizer(*, min_df: int | float = 1, max_df: float = 1.0) -> TfidfVectorizer:
    """TF-IDF over already-lemmatised token lists (sublinear tf, L2-normalised rows)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=min_df, max_df=max_df, dtype=np.float32
    )


def lexical_matrix(lemmas: Sequence[list[str]]) -> csr_matrix:
    """TF-IDF rows of the lemmas; words in a single text are kept for small corpora,
    dropped from 50 texts on; words in more than half of the texts are dropped."""
    n = len(lemmas)
    min_df = 1 if n < 50 else 2
    max_df = 0.5 if n >= 20 else 1.0
    try:
        matrix = tfidf_vectorizer(min_df=min_df, max_df=max_df).fit_transform(lemmas)
    except ValueError:  # no word left (tiny or empty corpus)
        matrix = tfidf_vectorizer().fit_transform([["_vide_"] for _ in lemmas])
        matrix = matrix * 0
    return matrix.tocsr()


def centred(embeddings: NDArray[Any]) -> NDArray[np.float32]:
    """Embeddings minus their mean, re-normalised: e5 vectors all point roughly the same
    way (cosines of 0.7 to 0.9), centring spreads them."""
    from sklearn.preprocessing import normalize

    matrix = np.asarray(embeddings, dtype=np.float32)
    result: NDArray[np.float32] = normalize(matrix - matrix.mean(axis=0)).astype(np.float32)
    return result


def nearest_neighbours(
    matrix: Any, k: int, block: int = 500
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Indices (n, k) of each row's ``k`` most similar other rows by cosine, most similar
    first, and their cosines; computed by blocks of rows (memory: ``block`` x n floats,
    not n x n)."""
    from scipy.sparse import issparse
    from sklearn.preprocessing import normalize

    rows = normalize(matrix).astype(np.float32)
    transposed = rows.T.tocsc() if issparse(rows) else np.ascontiguousarray(rows.T)
    n = rows.shape[0]
    result = np.empty((n, k), dtype=np.int64)
    cosines = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        product = rows[start:stop] @ transposed
        similarity = np.asarray(product.toarray() if issparse(product) else product)
        similarity[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        top = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        order = np.take_along_axis(similarity, top, axis=1).argsort(axis=1, kind="stable")
        result[start:stop] = np.take_along_axis(top, order[:, ::-1], axis=1)
        cosines[start:stop] = np.take_along_axis(similarity, result[start:stop], axis=1)
    return result, cosines


def knn_graph(matrix: Any, scales: Sequence[int] = GRAPH_SCALES) -> csr_matrix:
    """Symmetric multi-scale k-nearest-neighbour graph (cosine) of the rows of ``matrix``:
    the sum of the kNN graphs for each k in ``scales``. On small corpora k is capped at a
    quarter of the rows (else every text would neighbour every other); rows with nothing
    in common (cosine <= 0) are never neighbours."""
    from scipy.sparse import csr_matrix as csr

    n = matrix.shape[0]
    cap = max(1, min(n - 1, n // 4))
    usable = sorted({min(k, cap) for k in scales if k > 0}) if n > 1 else []
    if not usable:
        return csr((n, n), dtype=np.float32)
    largest = usable[-1]
    index, cosines = nearest_neighbours(matrix, largest)
    ranks = np.arange(1, largest + 1)
    weight_by_rank = np.array([sum(1 for k in usable if k >= r) for r in ranks], np.float32)
    weights = np.where(cosines > 0, weight_by_rank[None, :], 0).astype(np.float32)
    rows = np.repeat(np.arange(n), largest)
    graph = csr((weights.reshape(-1), (rows, index.reshape(-1))), shape=(n, n), dtype=np.float32)
    graph.eliminate_zeros()
    result: csr_matrix = ((graph + graph.T) * 0.5).tocsr()
    return result
