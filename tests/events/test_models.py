"""Database constraints hold whatever the caller."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from concerto.events.models import Event, Registration
from tests.events.factories import EventFactory, OrganisationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _fails(**kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(**kwargs)


def test_end_after_start(process):
    start = dt.datetime(2030, 6, 10, 18, tzinfo=dt.UTC)
    _fails(process=process, start=start, end=start)
    _fails(process=process, start=start, end=start - dt.timedelta(hours=1))


@pytest.mark.parametrize("capacity", [0])
def test_capacity_positive_when_set(process, capacity):
    _fails(process=process, capacity=capacity)
    assert EventFactory(process=process, capacity=None).capacity is None


def test_slug_unique_per_process(process):
    EventFactory(process=process, slug="atelier")
    _fails(process=process, slug="atelier")
    EventFactory(slug="atelier")  # another process: fine


def test_organisation_matches_organiser_kind(process):
    _fails(process=process, organiser_kind=Event.Organiser.ORGANISATION, organisation=None)
    _fails(process=process, organiser_kind=Event.Organiser.CITY, organisation=OrganisationFactory())


def test_registration_needs_a_contact(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, email="", phone="")


def test_one_active_registration_per_account(event, resident):
    RegistrationFactory(event=event, user=resident, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=event, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, user=resident)
