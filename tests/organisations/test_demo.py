"""The demo's organisations, loaded through the services, twice without duplicates."""

from __future__ import annotations

import pytest

from concerto.demo.organisations import APPROVED_SLUG, PENDING, load_organisations
from concerto.organisations.models import Membership, Organisation
from tests.events.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_resident_is_responsable_and_has_one_waiting(resident, moderator):
    approved = OrganisationFactory(slug=APPROVED_SLUG)
    for _ in range(2):
        load_organisations(resident=resident, moderator=moderator)
    assert Membership.objects.get(organisation=approved, user=resident).role == "admin"
    waiting = Organisation.objects.get(name=PENDING.name)
    assert waiting.status == "pending" and "inventée" in waiting.name
    assert Organisation.objects.count() == 2
