"""Exact and near-duplicate texts (copy-paste campaigns, the same person twice).

Texts are compared in their normal form (lower case, no accents, punctuation and spacing
ignored). Equal normal forms are exact duplicates. Near duplicates are pairs whose TF-IDF
vectors of character 5-grams (spaces included, so word order counts) have a cosine of at
least ``threshold``; pairs are found by sparse matrix products over blocks of rows
(no n × n matrix), and linked into groups (union-find, so a group may chain).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from concerto.synthesis.analysis.text import normalise

BLOCK_ROWS = 500
MIN_CHARACTERS = 20  # shorter texts are only grouped when exactly equal


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_duplicates(texts: Sequence[str], *, threshold: float = 0.85) -> list[list[int]]:
    """Groups (two texts or more, indices in increasing order, groups ordered by their
    first index) of texts that are equal or nearly equal. Empty texts are ignored."""
    n = len(texts)
    links = _UnionFind(n)
    normal = [normalise(str(t)) for t in texts]
    first_seen: dict[str, int] = {}
    representatives: list[int] = []  # one text per distinct normal form
    for i, form in enumerate(normal):
        if not form:
            continue
        if form in first_seen:
            links.union(first_seen[form], i)
        else:
            first_seen[form] = i
            representatives.append(i)
    candidates = [i for i in representatives if len(normal[i]) >= MIN_CHARACTERS]
    if len(candidates) >= 2 and threshold <= 1.0:
        _link_near(links, [normal[i] for i in candidates], candidates, threshold)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        if normal[i]:
            groups.setdefault(links.find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: g[0])


def _link_near(links: _UnionFind, forms: list[str], indices: list[int], threshold: float) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer="char",
        ngram_range=(5, 5),
        sublinear_tf=True,
        dtype=np.float32,
    )
    matrix = vectorizer.fit_transform(forms).tocsr()
    transposed = matrix.T.tocsc()
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
        keep = (block.data >= threshold) & (block.row + start < block.col)
        for row, col in zip(block.row[keep], block.col[keep], strict=True):
            links.union(indices[int(row) + start], indices[int(col)])


def duplicate_weights(groups: Sequence[Sequence[int]], n: int) -> list[float]:
    """Weight of each of ``n`` texts when counting: 1/N for a member of a group of N,
    1.0 for the others (a person answering N times counts once)."""
    weights = [1.0] * n
    for group in groups:
        members = set(group)
        for i in members:
            if not 0 <= i < n:
                raise ValueError(f"index {i} outside 0..{n - 1}")
            weights[i] = 1.0 / len(members)
    return weights
