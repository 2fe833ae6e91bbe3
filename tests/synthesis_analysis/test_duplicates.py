from __future__ import annotations

import random

import pytest

from concerto.synthesis.analysis import duplicate_weights, find_duplicates

TEXTS = [
    "Il faut créer des pistes cyclables sécurisées le long du boulevard de la Loire.",  # 0
    "Les bus devraient passer toutes les dix minutes le soir dans le quartier nord.",  # 1
    "IL FAUT créer des pistes cyclables sécurisées, le long du boulevard de la Loire !",  # 2
    "La cantine scolaire doit proposer un repas végétarien chaque jour aux enfants.",  # 3
    "Les bus devraient passer toutes les dix minutes le soir dans le quartier sud.",  # 4
    "Ouvrir la médiathèque le dimanche matin pour les familles qui travaillent.",  # 5
    "",  # 6
    "",  # 7
]


def test_exact_and_near_copies_are_grouped_distinct_texts_are_not():
    groups = find_duplicates(TEXTS)
    assert [0, 2] in groups  # the same text, other case and punctuation
    assert [1, 4] in groups  # one word changed
    grouped = {i for g in groups for i in g}
    assert 3 not in grouped and 5 not in grouped
    assert 6 not in grouped and 7 not in grouped  # empty texts are not duplicates
    assert all(len(g) >= 2 and g == sorted(g) for g in groups)


def test_the_threshold_controls_near_duplicates():
    assert find_duplicates(TEXTS, threshold=1.0) == [[0, 2]]  # only equal normal forms
    loose = find_duplicates(TEXTS, threshold=0.2)
    assert len({i for g in loose for i in g}) >= 4


def test_short_texts_are_only_grouped_when_equal():
    assert find_duplicates(["Oui.", "oui", "Non", "Bof"]) == [[0, 1]]
    assert find_duplicates(["Plus de bus", "Plus de bancs"]) == []


def test_duplicate_weights_count_a_group_of_n_as_one():
    assert duplicate_weights([[0, 2], [1, 3, 4]], 6) == [0.5, 1 / 3, 0.5, 1 / 3, 1 / 3, 1.0]
    assert duplicate_weights([], 2) == [1.0, 1.0]
    with pytest.raises(ValueError):
        duplicate_weights([[0, 5]], 3)


def test_find_duplicates_finds_one_pair_among_thousands_of_texts():
    """Correctness at volume; the speed is measured in bench/synthesis_bench.py (RESULTS)."""
    rng = random.Random(6)
    syllables = [
        "ba",
        "ve",
        "lo",
        "ri",
        "tu",
        "ma",
        "no",
        "ge",
        "pa",
        "si",
        "de",
        "chu",
        "fon",
        "tra",
        "mi",
    ]
    words = ["".join(rng.choice(syllables) for _ in range(3)) for _ in range(600)]
    texts = [" ".join(rng.choice(words) for _ in range(14)) for _ in range(4000)]
    texts.append(texts[17] + " merci")
    groups = find_duplicates(texts)
    assert [17, 4000] in groups
    assert len(groups) == 1
