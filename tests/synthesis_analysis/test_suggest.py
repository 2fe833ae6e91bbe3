from __future__ import annotations

import pytest

from concerto.synthesis.analysis import Suggester, embed, lemmatise, uncertainty_order
from concerto.synthesis.analysis.evaluation import cross_validated_f1, untrained_f1

from .corpus import corpus, definitions

NEW = [
    "Un abri pour les vélos devant la médiathèque.",
    "Plus d'animateurs pour les enfants à la cantine de l'école.",
    "Des poubelles de tri sélectif dans chaque rue.",
]
EXPECTED = ["mobilite", "education", "dechets"]


def top(prediction):
    return max(prediction, key=prediction.get)


@pytest.fixture(scope="module")
def data():
    texts, labels = corpus()
    return texts, labels, embed(texts)


def test_cold_start_from_definitions_ranks_the_right_theme_first():
    model = Suggester.fit([], [], definitions())
    predictions = model.predict(NEW)
    assert [top(p) for p in predictions] == EXPECTED
    for prediction in predictions:
        assert set(prediction) == set(definitions())
        assert all(0.0 <= v <= 1.0 for v in prediction.values())
    assert "définitions" in model.version


def test_cold_start_with_embeddings(data):
    model = Suggester.fit([], [], definitions(), embeddings=embed([])[:0])
    predictions = model.predict(NEW, embeddings=embed(NEW))
    assert [top(p) for p in predictions] == EXPECTED


def test_the_suggester_learns_from_codings(data):
    texts, labels, vectors = data
    # definitions that say nothing: only the codings can teach the themes
    blank = {"mobilite": "Thème A", "education": "Thème B", "dechets": "Thème C"}
    untrained = Suggester.fit([], [], blank).predict(NEW)
    trained = Suggester.fit(texts, [{label} for label in labels], blank, embeddings=vectors)
    predictions = trained.predict(NEW, embeddings=embed(NEW))
    assert [top(p) for p in predictions] == EXPECTED
    for before, after, key in zip(untrained, predictions, EXPECTED, strict=True):
        assert after[key] > before[key] + 0.1
    assert trained.training_size == len(texts)
    assert "codages" in trained.version


def test_predict_computes_missing_embeddings_and_accepts_multi_label_codings(data):
    texts, labels, vectors = data
    codes = [{label} for label in labels]
    codes[-1] = {"dechets", "education"}  # the clean-up day with schools: both themes
    model = Suggester.fit(texts, codes, definitions(), embeddings=vectors)
    [prediction] = model.predict(["Des bacs de compost à la cantine de l'école."])
    best_two = sorted(prediction, key=prediction.get, reverse=True)[:2]
    assert set(best_two) == {"dechets", "education"}


def test_labels_outside_the_definitions_become_themes():
    texts, labels = corpus()
    codes = [{label} for label in labels]
    codes[0] = {"mobilite", "securite"}
    model = Suggester.fit(texts, codes, definitions())
    assert "securite" in model.themes
    assert "securite" in model.predict(["Un passage piéton devant l'école."])[0]


def test_uncertainty_order_puts_the_ambiguous_text_first():
    model = Suggester.fit([], [], definitions())
    texts = [
        NEW[0],
        "Un parking à vélos à côté de l'école pour les enfants.",  # mobility or education?
        NEW[2],
    ]
    predictions = model.predict(texts)
    order = uncertainty_order(predictions)
    assert order[0] == 1
    assert sorted(order) == [0, 1, 2]
    assert uncertainty_order([{"a": 0.9, "b": 0.1}, {"a": 0.5, "b": 0.5}, {}]) == [2, 1, 0]
    assert uncertainty_order([]) == []


def test_fit_refuses_inconsistent_input():
    with pytest.raises(ValueError):
        Suggester.fit(["un texte"], [], definitions())
    with pytest.raises(ValueError):
        Suggester.fit([], [], {})


def test_evaluation_helpers_on_the_tiny_corpus(data):
    texts, labels, vectors = data
    lemmas = lemmatise(texts)
    full = cross_validated_f1(texts, labels, lemmas=lemmas, embeddings=vectors, seeds=(0, 1))
    assert full.mean > 0.8 and len(full.values) == 2
    few = cross_validated_f1(texts, labels, lemmas=lemmas, per_label=3, seeds=(0,))
    assert 0.0 <= few.mean <= 1.0
    assert untrained_f1(texts, labels, definitions=definitions(), lemmas=lemmas) > 0.8
