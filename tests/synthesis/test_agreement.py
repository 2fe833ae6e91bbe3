"""Double coding: the seeded sample, independent coding, and Cohen's kappa checked against
a table computed by hand."""

from __future__ import annotations

import pytest

from concerto.core.models import AuditEvent
from concerto.synthesis.agreement import agreement, cohen_kappa, kappa_by_theme, overall_kappa
from concerto.synthesis.models import CodingSample, SampleItem, SampleReview
from concerto.synthesis.sample_services import (
    SampleError,
    draw,
    remaining,
    reviews_visible_to,
    sample_create,
    sample_finish,
    sample_review,
)
from tests.factories import UserFactory
from tests.synthesis.factories import published, theme

pytestmark = pytest.mark.django_db


def test_cohen_kappa_by_hand():
    # both 3, only A 1, only B 1, neither 5: pₒ = 0.8, pₑ = 0.4·0.4 + 0.6·0.6 = 0.52,
    # kappa = 0.28 / 0.48.
    assert cohen_kappa(3, 1, 1, 5) == pytest.approx(0.28 / 0.48)
    assert cohen_kappa(0, 5, 5, 0) == pytest.approx(-1.0)
    assert cohen_kappa(4, 0, 0, 6) == pytest.approx(1.0)
    assert cohen_kappa(0, 0, 0, 10) is None  # nobody used the theme: undefined
    assert cohen_kappa(0, 0, 0, 0) is None


def test_draw_is_reproducible_whatever_the_order():
    ids = list(range(1, 101))
    assert draw(ids, 10, 42) == draw(list(reversed(ids)), 10, 42)
    assert draw(ids, 10, 42) != draw(ids, 10, 43)
    assert len(set(draw(ids, 10, 42))) == 10


@pytest.fixture
def ten(process, analyst, analyst_b):
    contributions = [published(process, {1: f"Réponse numéro {i}."}) for i in range(10)]
    themes = {
        name: theme(process, name, actor=analyst) for name in ("Isolement", "Droits", "Santé")
    }
    sample = sample_create(
        process=process, size=10, seed=7, coder_a=analyst, coder_b=analyst_b, actor=analyst
    )
    return contributions, themes, sample


def code_by_hand(sample, contributions, themes, analyst, analyst_b):
    """Isolement: A on 0-3, B on 0-2 and 4. Droits: A on 0-4, B on 5-9. Santé: never."""
    answers = [c.answers.get() for c in contributions]
    for i, answer in enumerate(answers):
        a = [themes["Isolement"]] if i <= 3 else []
        b = [themes["Isolement"]] if i <= 2 or i == 4 else []
        (a if i <= 4 else b).append(themes["Droits"])
        sample_review(sample=sample, answer=answer, themes=a, actor=analyst)
        sample_review(sample=sample, answer=answer, themes=b, actor=analyst_b)


def test_kappa_per_theme_and_overall(ten, analyst, analyst_b):
    contributions, themes, sample = ten
    code_by_hand(sample, contributions, themes, analyst, analyst_b)
    kappas = kappa_by_theme(sample)
    assert kappas == {
        themes["Isolement"].pk: pytest.approx(0.28 / 0.48),
        themes["Droits"].pk: pytest.approx(-1.0),
        themes["Santé"].pk: None,
    }
    # Pooled: both 3, only A 6, only B 6, neither 15 → pₒ 0.6, pₑ 0.3² + 0.7² = 0.58.
    assert overall_kappa(sample) == pytest.approx(0.02 / 0.42)
    summary = agreement(sample)
    assert summary.units == 10
    assert summary.observed == pytest.approx(0.6)
    table = summary.tables[themes["Isolement"].pk]
    assert (table.both, table.only_a, table.only_b, table.neither) == (3, 1, 1, 5)


def test_sample_is_stored_and_seeded(ten, process):
    contributions, _themes, sample = ten
    assert sample.size == 10 and sample.seed == 7
    drawn = list(SampleItem.objects.filter(sample=sample).values_list("contribution_id", flat=True))
    assert sorted(drawn) == sorted(c.pk for c in contributions)
    assert drawn == draw([c.pk for c in contributions], 10, 7)
    assert AuditEvent.objects.filter(action="synthesis.sample_create").count() == 1


@pytest.mark.parametrize(("size", "message"), [(1, "va de 2"), (11, "va de 2")])
def test_bad_sample_requests_change_nothing(process, analyst, analyst_b, size, message):
    for i in range(10):
        published(process, {1: f"Texte {i}."})
    with pytest.raises(SampleError, match=message):
        sample_create(
            process=process, size=size, seed=1, coder_a=analyst, coder_b=analyst_b, actor=analyst
        )
    with pytest.raises(SampleError, match="différent"):
        sample_create(
            process=process, size=2, seed=1, coder_a=analyst, coder_b=analyst, actor=analyst
        )
    moderator = UserFactory(roles=["moderator"])
    with pytest.raises(SampleError, match="droit de coder"):
        sample_create(
            process=process, size=2, seed=1, coder_a=analyst, coder_b=moderator, actor=analyst
        )
    assert not CodingSample.objects.exists() and not SampleItem.objects.exists()


def test_codings_stay_independent_until_both_have_finished(ten, analyst, analyst_b, admin_user):
    contributions, themes, sample = ten
    first = contributions[0].answers.get()
    sample_review(sample=sample, answer=first, themes=[themes["Santé"]], actor=analyst)
    # Each coder sees only their own decisions; someone else sees none.
    assert reviews_visible_to(sample, analyst) == {analyst.pk}
    assert reviews_visible_to(sample, analyst_b) == {analyst_b.pk}
    assert reviews_visible_to(sample, admin_user) == set()
    with pytest.raises(SampleError, match="deux analystes"):
        sample_review(sample=sample, answer=first, themes=[], actor=admin_user)
    with pytest.raises(SampleError, match="reste 9"):
        sample_finish(sample=sample, actor=analyst)
    code_by_hand(sample, contributions, themes, analyst, analyst_b)
    assert remaining(sample, analyst) == 0
    sample_finish(sample=sample, actor=analyst)
    sample.refresh_from_db()
    assert not sample.is_finished
    assert reviews_visible_to(sample, analyst) == {analyst.pk}
    with pytest.raises(SampleError, match="terminé"):
        sample_review(sample=sample, answer=first, themes=[], actor=analyst)
    sample_finish(sample=sample, actor=analyst_b)
    sample.refresh_from_db()
    assert sample.is_finished
    assert reviews_visible_to(sample, admin_user) == {analyst.pk, analyst_b.pk}


def test_a_review_replaces_the_previous_one_and_stays_apart_from_codings(ten, analyst):
    from concerto.synthesis.models import Coding

    contributions, themes, sample = ten
    answer = contributions[0].answers.get()
    sample_review(sample=sample, answer=answer, themes=[themes["Santé"]], actor=analyst)
    sample_review(
        sample=sample, answer=answer, themes=[themes["Droits"]], note="relu", actor=analyst
    )
    review = SampleReview.objects.get(sample=sample, answer=answer, coder=analyst)
    assert list(review.themes.all()) == [themes["Droits"]]
    assert review.note == "relu"
    assert not Coding.objects.exists()


def test_an_answer_outside_the_sample_is_refused(ten, process, analyst):
    _contributions, themes, sample = ten
    outside = published(process, {1: "Hors échantillon."}).answers.get()
    with pytest.raises(SampleError, match="ne fait pas partie"):
        sample_review(sample=sample, answer=outside, themes=[themes["Santé"]], actor=analyst)
    assert not SampleReview.objects.exists()
