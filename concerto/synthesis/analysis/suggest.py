"""Theme suggestions: learned from what analysts coded, from the theme definitions before.

Before anything is coded, a text's themes come from its similarity to each theme's text
(name, definition, examples): cosine of e5 embeddings ("query: " for the theme, as e5
expects for short queries), or of TF-IDF lemma vectors without embeddings, turned into a
distribution by a softmax (the *prior*). Once codings exist, each theme with at least one
coded and one non-coded example gets a logistic regression (one against the rest,
balanced classes, C = 1) on TF-IDF lemmas concatenated with the embeddings; its
probability is mixed with the prior with weight
``PRIOR_STRENGTH / (PRIOR_STRENGTH + coded examples of the theme)``: the definitions
matter at first and fade as codings accumulate. A text may get several themes
(multi-label): the confidences are per theme, each in [0, 1].
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from concerto.synthesis.analysis.features import tfidf_vectorizer

if TYPE_CHECKING:
    from numpy.typing import NDArray

PRIOR_STRENGTH = 5.0  # pseudo-count of the definitions prior
EMBEDDING_TEMPERATURE = 0.02  # e5 cosines are compressed (0.7-0.9): a sharp softmax
LEXICAL_TEMPERATURE = 0.05


def _softmax(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return result


class Suggester:
    """Use ``Suggester.fit(...)`` then ``predict(texts)``."""

    def __init__(self) -> None:
        self.themes: list[str] = []
        self.version = ""
        self.uses_embeddings = False
        self.training_size = 0
        self._definition_lemmas: list[list[str]] = []
        self._definition_vectors: NDArray[np.float32] | None = None
        self._vectorizer: Any = None
        self._classifiers: dict[int, Any] = {}
        self._positives: NDArray[np.float64] = np.zeros(0)

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[Collection[str]],
        definitions: Mapping[str, str],
        *,
        embeddings: NDArray[Any] | None = None,
        lemmas: Sequence[list[str]] | None = None,
    ) -> Suggester:
        """Learn from ``texts`` coded with ``labels`` (theme keys, several allowed; texts
        may be none at all) and the themes' ``definitions`` (key -> name and definition).
        With ``embeddings`` (rows aligned with ``texts``) the semantic view is used, and
        ``predict`` will need (or compute) embeddings too."""
        from concerto.synthesis.analysis.embeddings import MODEL_VERSION, embed
        from concerto.synthesis.analysis.text import lemmatise

        if len(labels) != len(texts):
            raise ValueError("texts and labels differ in length")
        if embeddings is not None and len(embeddings) != len(texts):
            raise ValueError("embeddings and texts differ in length")
        self = cls()
        themes = list(definitions)
        for theme_set in labels:
            themes.extend(t for t in theme_set if t not in definitions and t not in themes)
        if not themes:
            raise ValueError("no theme: give at least one definition")
        self.themes = themes
        theme_texts = [definitions.get(t) or t for t in themes]
        self._definition_lemmas = lemmatise(theme_texts)
        self.uses_embeddings = embeddings is not None
        if self.uses_embeddings:
            self._definition_vectors = embed(theme_texts, query=True)
        text_lemmas = list(lemmas) if lemmas is not None else lemmatise(texts)
        self.training_size = sum(1 for s in labels if s)
        # the vocabulary covers the definitions too (the prior compares texts with them)
        self._vectorizer = tfidf_vectorizer().fit([*text_lemmas, *self._definition_lemmas])
        index = {t: i for i, t in enumerate(themes)}
        target = np.zeros((len(texts), len(themes)), dtype=bool)
        for row, theme_set in enumerate(labels):
            for theme in theme_set:
                target[row, index[theme]] = True
        coded = target.any(axis=1)
        self._positives = target[coded].sum(axis=0).astype(np.float64)
        if coded.any():
            features = self._features(
                [text_lemmas[i] for i in np.flatnonzero(coded)],
                np.asarray(embeddings)[coded] if embeddings is not None else None,
            )
            self._train(features, target[coded])
        mode = "codages" if self._classifiers else "définitions"
        self.version = f"suggestions/{mode}" + (f"+{MODEL_VERSION}" if self.uses_embeddings else "")
        return self

    def _features(self, lemmas: Sequence[list[str]], embeddings: NDArray[Any] | None) -> Any:
        from scipy.sparse import csr_matrix, hstack

        lexical = self._vectorizer.transform(lemmas)
        if embeddings is None:
            return lexical.tocsr()
        return hstack([lexical, csr_matrix(np.asarray(embeddings, dtype=np.float32))]).tocsr()

    def _train(self, features: Any, target: NDArray[np.bool_]) -> None:
        from sklearn.linear_model import LogisticRegression

        for column in range(target.shape[1]):
            positives = int(target[:, column].sum())
            if positives == 0 or positives == target.shape[0]:
                continue  # nothing to tell apart: the prior alone speaks for this theme
            model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
            model.fit(features, target[:, column])
            self._classifiers[column] = model

    def _prior(
        self, lemmas: Sequence[list[str]], embeddings: NDArray[Any] | None
    ) -> NDArray[np.float64]:
        """Softmax of the similarities to the theme texts: e5 cosines when embeddings are
        used (far better on real proposals: bench/RESULTS.md), else TF-IDF cosines."""
        if embeddings is not None and self._definition_vectors is not None:
            similarity = np.asarray(embeddings, dtype=np.float64) @ self._definition_vectors.T
            return _softmax(similarity / EMBEDDING_TEMPERATURE)
        from sklearn.preprocessing import normalize

        texts = normalize(self._vectorizer.transform(lemmas))
        themes = normalize(self._vectorizer.transform(self._definition_lemmas))
        similarity = np.asarray((texts @ themes.T).toarray(), dtype=np.float64)
        return _softmax(similarity / LEXICAL_TEMPERATURE)

    def predict(
        self,
        texts: Sequence[str],
        *,
        embeddings: NDArray[Any] | None = None,
        lemmas: Sequence[list[str]] | None = None,
    ) -> list[dict[str, float]]:
        """For each text, every theme key -> confidence in [0, 1] (higher: likelier)."""
        from concerto.synthesis.analysis.text import lemmatise

        if not texts:
            return []
        text_lemmas = list(lemmas) if lemmas is not None else lemmatise(texts)
        vectors: NDArray[Any] | None = None
        if self.uses_embeddings:
            if embeddings is None:
                from concerto.synthesis.analysis.embeddings import embed

                embeddings = embed(texts)
            vectors = np.asarray(embeddings)
        confidence = self._prior(text_lemmas, vectors)
        if self._classifiers:
            features = self._features(text_lemmas, vectors)
            for column, model in self._classifiers.items():
                probability = model.predict_proba(features)[:, 1]
                pseudo = PRIOR_STRENGTH
                weight = pseudo / (pseudo + self._positives[column]) if pseudo > 0 else 0.0
                confidence[:, column] = (1 - weight) * probability + weight * confidence[:, column]
        confidence = np.clip(confidence, 0.0, 1.0)
        return [{theme: float(row[i]) for i, theme in enumerate(self.themes)} for row in confidence]


def uncertainty_order(predictions: Sequence[Mapping[str, float]]) -> list[int]:
    """Indices of ``predictions``, least certain first (margin sampling): the smaller the
    gap between the two likeliest themes, the earlier; ties by the lower top confidence."""

    def key(index: int) -> tuple[float, float, int]:
        values = sorted(predictions[index].values(), reverse=True)
        top = values[0] if values else 0.0
        second = values[1] if len(values) > 1 else 0.0
        return (top - second, top, index)

    return sorted(range(len(predictions)), key=key)
