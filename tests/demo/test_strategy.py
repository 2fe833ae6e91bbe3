"""The demo answer and strategy (``manage.py loaddemo``), from the seeds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from concerto.demo.strategy import load_demo
from concerto.processes.models import Process
from concerto.strategy.models import (
    Action,
    ActionChange,
    AnswerPublication,
    BudgetLine,
    Commitment,
    ProposalAnswer,
)
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db
SLUG = "assises-des-nouvelles-solidarites"


def _snapshot(process: Process) -> list[tuple]:
    return [
        (a.code, a.title, a.status, a.progress, a.is_flagship, a.started_on, a.done_on)
        for a in Action.objects.filter(process=process).order_by("code")
    ]


def test_loaddemo_answers_and_builds_the_strategy():
    call_command("loaddemo", "--contributions", "30", stdout=StringIO())
    process = Process.objects.get(slug=SLUG)
    commitments = list(Commitment.objects.filter(process=process).order_by("number"))
    assert len(commitments) == 7
    assert commitments[1].title == "Renforcer l'accès aux droits"
    titles = " | ".join(Action.objects.filter(process=process).values_list("title", flat=True))
    for name in (
        "Guichet des Dervallières",
        "Guichet de la Bottière",
        "Guichet de Nantes Nord",
        "18–25 ans",
        "Les 1000 fleurs du colibri",
        "LAEP",
        "Équipe Mobile d'Aide",
        "santé mentale",
        "Nantes en Compagnie",
        "appel à coopérations",
        "Coopérative",
    ):
        assert name in titles, name
    # 2.35 M€ extra to 2026, never more spent than committed.
    total = BudgetLine.objects.filter(action__process=process).aggregate(
        planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent")
    )
    assert total["planned"] == Decimal("2350000")
    assert total["spent"] <= total["committed"] <= total["planned"]
    assert BudgetLine.objects.filter(action__process=process, year__gt=2026).count() == 0
    # What the seeds say opened when.
    dervallieres = Action.objects.get(process=process, title="Guichet des Dervallières")
    assert dervallieres.status == "done" and dervallieres.done_on == dt.date(2023, 7, 3)
    # After December 2025 (the last seed) the story is invented, and says so.
    bottiere = Action.objects.get(process=process, title="Guichet de la Bottière")
    assert bottiere.status == "done" and bottiere.done_on == dt.date(2026, 6, 15)
    assert ActionChange.objects.filter(action=bottiere, reason__contains="inventée").exists()
    counters = dervallieres.parent
    # The three counters are open (the third in June 2026): the roll-up says 100 %.
    assert counters.is_flagship and counters.code == "2.1" and counters.progress == 100
    cooperative = Action.objects.get(process=process, title__startswith="Créer la Coopérative")
    assert cooperative.started_on == dt.date(2024, 2, 20)
    for action in Action.objects.filter(process=process):
        if action.start_date and action.end_date:
            assert action.end_date >= action.start_date
        if action.done_on:
            assert action.status == "done" and action.progress == 100
    # The answer: validated by an official, published, one per proposal of the report.
    answers = ProposalAnswer.objects.filter(process=process)
    assert answers.count() == 7
    assert set(answers.values_list("state", flat=True)) == {"published"}
    assert all(a.validated_by.groups.filter(name="official").exists() for a in answers)
    publication = AnswerPublication.objects.get(process=process)
    assert publication.total == 7 and publication.partly_count == 2
    # Each action of a commitment cites the proposal of the same title and its answer.
    assert counters.proposals.get().title == "Renforcer l'accès aux droits"
    assert counters.answers.get().proposal.title == "Renforcer l'accès aux droits"
    # A history, in date order, with the roll-up of the sub-actions.
    changes = list(ActionChange.objects.filter(action=counters).order_by("pk"))
    dates = [c.created_at for c in changes]
    assert dates == sorted(dates)
    assert any("sous-actions" in c.reason for c in changes)


def test_before_the_adoption_the_strategy_is_only_planned():
    """Loaded as of a day before 30 June 2023, nothing has started and no answer is out."""
    process = ProcessFactory()
    load_demo(process=process, now=timezone.make_aware(dt.datetime(2023, 1, 15, 12, 0)))
    actions = Action.objects.filter(process=process)
    assert actions.count() == 100
    assert set(actions.values_list("status", flat=True)) == {"planned"}
    assert not BudgetLine.objects.filter(action__process=process, spent__gt=0).exists()
    assert not ProposalAnswer.objects.filter(process=process).exists()  # no report here
    assert BudgetLine.objects.filter(action__process=process).aggregate(s=Sum("planned"))[
        "s"
    ] == Decimal("2350000")


def test_demo_is_deterministic():
    now = timezone.make_aware(dt.datetime(2025, 1, 15, 12, 0))
    first, second = ProcessFactory(), ProcessFactory()
    load_demo(process=first, now=now)
    load_demo(process=second, now=now)
    assert _snapshot(first) == _snapshot(second)
    snapshot = {code: status for code, _t, status, *_rest in _snapshot(first)}
    # As of January 2025: the Nantes Nord counter is not open yet, the EMA not started.
    assert snapshot["2.1.2"] == "in_progress" and snapshot["3.3"] == "planned"
