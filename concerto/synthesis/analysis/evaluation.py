"""Measures of the machine help against human labels (one label per text): agreement of
clusters with categories (NMI, ARI) and macro-F1 of suggestions, cross-validated."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from concerto.synthesis.analysis.suggest import Suggester

if TYPE_CHECKING:
    from numpy.typing import NDArray


@dataclass
class Score:
    """A measure repeated over seeds: mean, standard deviation and each value."""

    mean: float
    std: float
    values: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, values: Sequence[float]) -> Score:
        clean = [float(v) for v in values]
        spread = statistics.pstdev(clean) if len(clean) > 1 else 0.0
        return cls(mean=statistics.fmean(clean), std=spread, values=clean)

    def as_dict(self) -> dict[str, Any]:
        return {
            "moyenne": round(self.mean, 4),
            "ecart_type": round(self.std, 4),
            "valeurs": [round(v, 4) for v in self.values],
        }


def clustering_agreement(labels: Sequence[str], clusters: Sequence[int]) -> dict[str, float]:
    """NMI and ARI between human ``labels`` and ``clusters`` (same rows)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return {
        "nmi": float(normalized_mutual_info_score(labels, clusters)),
        "ari": float(adjusted_rand_score(labels, clusters)),
    }


def _top(prediction: Mapping[str, float]) -> str:
    return max(prediction.items(), key=lambda item: item[1])[0] if prediction else ""


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted, labels=sorted(set(truth)), average="macro"))


def cross_validated_f1(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    definitions: Mapping[str, str] | None = None,
    lemmas: Sequence[list[str]] | None = None,
    embeddings: NDArray[Any] | None = None,
    per_label: int | None = None,
    folds: int = 5,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
) -> Score:
    """Macro-F1 of the top suggestion with stratified ``folds``-fold cross-validation,
    repeated over ``seeds``. With ``per_label``, each training fold is cut down to that
    many examples per label (drawn at random): an analyst who coded only a few.
    ``definitions`` default to the label names themselves."""
    from sklearn.model_selection import StratifiedKFold

    from concerto.synthesis.analysis.text import lemmatise

    truth = np.asarray(labels)
    names = sorted(set(labels))
    definitions = definitions or {name: name for name in names}
    lemmas = list(lemmas) if lemmas is not None else lemmatise(texts)
    smallest = min(int((truth == name).sum()) for name in names)
    splits = max(2, min(folds, smallest))
    results = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        predicted = np.empty(len(texts), dtype=object)
        splitter = StratifiedKFold(n_splits=splits, shuffle=True, random_state=seed)
        for train, test in splitter.split(np.zeros(len(texts)), truth):
            if per_label:
                train = np.concatenate(
                    [
                        rng.choice(
                            train[truth[train] == name],
                            size=min(per_label, int((truth[train] == name).sum())),
                            replace=False,
                        )
                        for name in names
                    ]
                )
            model = Suggester.fit(
                [texts[i] for i in train],
                [{labels[i]} for i in train],
                definitions,
                embeddings=embeddings[train] if embeddings is not None else None,
                lemmas=[lemmas[i] for i in train],
            )
            predictions = model.predict(
                [texts[i] for i in test],
                embeddings=embeddings[test] if embeddings is not None else None,
                lemmas=[lemmas[i] for i in test],
            )
            predicted[test] = [_top(p) for p in predictions]
        results.append(macro_f1(labels, [str(p) for p in predicted]))
    return Score.of(results)


def untrained_f1(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    definitions: Mapping[str, str] | None = None,
    lemmas: Sequence[list[str]] | None = None,
    embeddings: NDArray[Any] | None = None,
) -> float:
    """Macro-F1 of the suggestions made from the definitions alone (no coding): by
    default the label names."""
    names = sorted(set(labels))
    model = Suggester.fit(
        [],
        [],
        definitions or {name: name for name in names},
        embeddings=np.zeros((0, embeddings.shape[1]), np.float32)
        if embeddings is not None
        else None,
    )
    predictions = model.predict(texts, embeddings=embeddings, lemmas=lemmas)
    return macro_f1(labels, [_top(p) for p in predictions])
