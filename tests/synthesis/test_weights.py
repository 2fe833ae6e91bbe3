"""Answer weights for statistics: a person (same account or same e-mail) answering the same
question N times counts 1/N."""

from __future__ import annotations

import pytest

from concerto.contributions.models import Contribution
from concerto.synthesis.selectors import answer_weights, person_keys
from tests.factories import ContributionFactory, UserFactory
from tests.synthesis.factories import published

pytestmark = pytest.mark.django_db


def test_person_keys_link_accounts_and_addresses(process):
    user = UserFactory()
    a = published(process, user=user)
    b = published(process, user=user, email="Camille@Exemple.test")
    c = published(process, email="camille@exemple.test ")  # same address, other case
    d = published(process)  # anonymous
    e = published(process)  # anonymous
    keys = person_keys([a, b, c, d, e])
    assert keys[a.pk] == keys[b.pk] == keys[c.pk]
    assert len({keys[a.pk], keys[d.pk], keys[e.pk]}) == 3


def test_same_person_same_question_counts_one(process):
    user = UserFactory()
    twice = [published(process, {1: f"Réponse {i}"}, user=user) for i in range(2)]
    thrice = [published(process, {2: f"Autre {i}"}, email="meme@exemple.test") for i in range(3)]
    other_question = published(process, {3: "Une seule fois."}, user=user)
    alone = published(process, {1: "Quelqu'un d'autre."})
    pending = ContributionFactory(process=process, user=user)  # analysed: counted
    ContributionFactory(process=process, user=user, status=Contribution.Status.SET_ASIDE)
    weights = answer_weights(process)
    for c in [*twice, pending]:
        assert weights[c.answers.get().pk] == pytest.approx(1 / 3)
    for c in thrice:
        assert weights[c.answers.get().pk] == pytest.approx(1 / 3)
    assert weights[other_question.answers.get().pk] == 1
    assert weights[alone.answers.get().pk] == 1
    assert len(weights) == 8
    assert sum(weights.values()) == pytest.approx(4)  # four people-questions
