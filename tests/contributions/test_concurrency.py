"""Concurrent submissions on PostgreSQL: nothing doubled, receipts unique and contiguous."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from concerto.contributions.models import Contribution
from concerto.contributions.services import ContributionInput, contribution_submit
from tests.concurrency import run_in_threads
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _input(process):
    return ContributionInput(
        kind="proposal",
        neighbourhood=process.neighbourhoods.first(),
        profile="resident",
        consent_publication=True,
        consent_processing=True,
        answers={process.questions.first(): "Ouvrir des lieux de répit pour les aidants."},
    )


@pytest.fixture
def pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrence réelle testée sur PostgreSQL")


def test_same_token_from_eight_threads_creates_one(pg_only):
    process = ProcessFactory()
    token = uuid.uuid4()
    results, errors = run_in_threads(
        8,
        lambda i: contribution_submit(
            process=process, data=_input(process), submission_token=token
        ),
    )
    assert not errors
    assert Contribution.objects.count() == 1
    assert len({r.contribution.pk for r in results}) == 1
    assert sum(r.created for r in results) == 1


def test_parallel_submissions_get_contiguous_receipts(pg_only):
    process = ProcessFactory()
    _, errors = run_in_threads(
        10,
        lambda i: contribution_submit(
            process=process, data=_input(process), submission_token=uuid.uuid4()
        ),
    )
    assert not errors
    numbers = sorted(Contribution.objects.values_list("receipt_number", flat=True))
    assert numbers == [f"{process.receipt_prefix}-2022-{n:06d}" for n in range(1, 11)]
