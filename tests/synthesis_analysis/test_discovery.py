from __future__ import annotations

import pytest

from concerto.synthesis.analysis import Cluster, Discovery, discover, embed, lemmatise
from concerto.synthesis.analysis.discovery import auto_floor, class_keywords
from concerto.synthesis.analysis.evaluation import clustering_agreement

from .corpus import corpus


@pytest.fixture(scope="module")
def data():
    texts, labels = corpus()
    return texts, labels, lemmatise(texts), embed(texts)


def test_discover_separates_three_obvious_themes_lexically(data):
    texts, labels, lemmas, _vectors = data
    found = discover(texts, n_clusters=3, seed=0, lemmas=lemmas)
    assert isinstance(found, Discovery)
    assert len(found.clusters) == 3
    assert clustering_agreement(labels, found.labels)["nmi"] > 0.7


def test_discover_with_embeddings_separates_them_too(data):
    texts, labels, lemmas, vectors = data
    found = discover(texts, n_clusters=3, seed=1, embeddings=vectors, lemmas=lemmas)
    scores = clustering_agreement(labels, found.labels)
    assert scores["nmi"] > 0.7
    assert scores["ari"] > 0.6
    assert found.method.startswith("lexique + plongements")


def test_clusters_cover_every_text_once_with_keywords_and_central_members(data):
    texts, _labels, lemmas, vectors = data
    found = discover(texts, n_clusters=3, seed=0, embeddings=vectors, lemmas=lemmas)
    members = sorted(i for c in found.clusters for i in c.members)
    assert members == list(range(len(texts)))
    sizes = [len(c.members) for c in found.clusters]
    assert sizes == sorted(sizes, reverse=True)
    for number, cluster in enumerate(found.clusters):
        assert isinstance(cluster, Cluster)
        assert cluster.keywords and len(cluster.keywords) <= 10
        assert set(cluster.representatives) <= set(cluster.members)
        assert all(found.labels[i] == number for i in cluster.members)
    keywords = {word for c in found.clusters for k in c.keywords for word in k.split()}
    assert {"vélo", "école", "déchet"} <= keywords or {"vélo", "enfant", "déchet"} <= keywords


def test_the_number_of_groups_may_be_chosen_automatically(data):
    texts, labels, lemmas, vectors = data
    found = discover(texts, seed=0, embeddings=vectors, lemmas=lemmas)
    assert 2 <= len(found.clusters) <= 7
    assert found.eigenvalues and found.eigenvalues[0] == pytest.approx(0, abs=1e-6)
    assert clustering_agreement(labels, found.labels)["nmi"] > 0.5
    assert auto_floor(100) == 2
    assert auto_floor(18_690) == 10


def test_empty_texts_get_no_cluster_and_tiny_inputs_do_not_fail():
    found = discover(["Des bancs au parc.", "", "!!!", "Plus de bancs dans le parc."], n_clusters=2)
    assert found.labels[1] == -1 and found.labels[2] == -1
    assert found.labels[0] >= 0 and found.labels[3] >= 0
    assert discover([]).clusters == []
    assert discover(["   "]).labels == [-1]
    single = discover(["Un seul texte sur les vélos."])
    assert single.labels == [0] and single.clusters[0].members == [0]


def test_discover_refuses_misaligned_embeddings(data):
    texts, _labels, _lemmas, vectors = data
    with pytest.raises(ValueError):
        discover(texts[:3], embeddings=vectors)


def test_class_keywords_prefers_words_specific_to_a_class():
    lemmas = [
        ["vélo", "piste", "cyclable", "ville"],
        ["vélo", "piste", "cyclable", "sécurité"],
        ["école", "enfant", "ville"],
        ["école", "enfant", "cantine"],
    ]
    keywords = class_keywords(lemmas, [0, 0, 1, 1], 2)
    assert "piste cyclable" in keywords[0]  # the pair seen twice replaces its two words
    assert "piste" not in keywords[0] and "cyclable" not in keywords[0]
    assert keywords[1][0] in {"école", "enfant", "école enfant"}
    assert "vélo" not in keywords[1]
