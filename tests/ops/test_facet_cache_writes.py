"""The facet cache of the public list and the submission transaction (deadline rush).

Found by bench/run.py rush on PostgreSQL: the post_save handler wrote the facet version to
the shared cache *inside* contribution_submit's transaction. With the database cache that
row stayed locked until the commit, while the transaction also locks the process row for
its receipt counter: two submissions took the two locks in opposite orders and PostgreSQL
killed one with "deadlock detected" (a 500 for the resident). A new pending contribution,
which changes no public count, no longer writes the version at all.
"""

from __future__ import annotations

import uuid

import pytest

from concerto.contributions import selectors
from concerto.contributions.models import Contribution
from concerto.contributions.services import ContributionInput, contribution_submit
from tests.factories import ContributionFactory


def version(process) -> str | None:
    from django.core.cache import cache

    return cache.get(selectors._version_key(process.pk))


def submit(process):
    data = ContributionInput(
        kind="proposal",
        neighbourhood=process.neighbourhoods.first(),
        profile="resident",
        consent_publication=True,
        consent_processing=True,
        answers={process.questions.get(number=1): "Plus d'arbres dans la cour de l'école."},
    )
    return contribution_submit(process=process, data=data, submission_token=uuid.uuid4())


@pytest.mark.django_db
def test_a_new_pending_submission_keeps_the_cached_counts(
    process, django_capture_on_commit_callbacks
):
    selectors.facets_changed(process.pk)
    before = version(process)
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(process)
    assert result.contribution.status == Contribution.Status.PENDING
    assert version(process) == before


@pytest.mark.django_db
def test_publication_changes_the_version(process, django_capture_on_commit_callbacks):
    contribution = ContributionFactory(process=process)
    selectors.facets_changed(process.pk)
    before = version(process)
    with django_capture_on_commit_callbacks(execute=True):
        contribution.status = Contribution.Status.PUBLISHED
        contribution.save(update_fields=["status"])
    assert version(process) != before


@pytest.mark.django_db
def test_unpublishing_and_deleting_change_the_version(process, django_capture_on_commit_callbacks):
    contribution = ContributionFactory(process=process, status=Contribution.Status.PUBLISHED)
    for change in ("reject", "delete"):
        selectors.facets_changed(process.pk)
        before = version(process)
        with django_capture_on_commit_callbacks(execute=True):
            if change == "reject":
                contribution.status = Contribution.Status.REJECTED
                contribution.save(update_fields=["status"])
            else:
                contribution.delete()
        assert version(process) != before
