"""Two people taking the last seat at the same moment, on PostgreSQL: one gets it, the
other is waitlisted; never more confirmed seats than the capacity."""

from __future__ import annotations

import pytest

from concerto.events.models import Registration
from concerto.events.registrations import registration_cancel, registration_create
from tests.concurrency import run_in_threads
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_for_the_last_seat(pg_only):
    event = EventFactory(process=ProcessFactory(), capacity=1)
    results, errors = run_in_threads(
        2,
        lambda i: registration_create(event=event, name=f"P{i}", email=f"p{i}@exemple.test"),
    )
    assert not errors
    assert sorted(r.registration.status for r in results) == ["confirmed", "waitlisted"]


def test_many_people_never_overbook(pg_only):
    event = EventFactory(process=ProcessFactory(), capacity=5)
    _, errors = run_in_threads(
        16,
        lambda i: registration_create(event=event, name=f"P{i}", email=f"p{i}@exemple.test"),
    )
    assert not errors
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    waiting = Registration.objects.filter(event=event, status="waitlisted").count()
    assert (confirmed, waiting) == (5, 11)


def test_cancellations_and_registrations_at_once(pg_only):
    event = EventFactory(process=ProcessFactory(), capacity=3)
    seated = [RegistrationFactory(event=event) for _ in range(3)]
    waiting = [
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED) for _ in range(3)
    ]

    def act(index):
        if index < 3:
            return registration_cancel(registration=seated[index])
        return registration_create(event=event, name=f"N{index}", email=f"n{index}@exemple.test")

    _, errors = run_in_threads(6, act)
    assert not errors
    confirmed = set(
        Registration.objects.filter(event=event, status="confirmed").values_list("pk", flat=True)
    )
    assert len(confirmed) == 3
    # the people who waited first got the freed seats, not the newcomers
    assert confirmed == {r.pk for r in waiting}
