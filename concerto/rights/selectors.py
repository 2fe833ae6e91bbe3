"""Reads of concerto.rights. An agent reads the cases of their places; the supervisor all."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from concerto.accounts.models import User
from concerto.core.roles import can
from concerto.rights.models import Case, CaseAccess, Place


def public_places() -> QuerySet[Place]:
    return Place.objects.filter(active=True)


def places_of(user: User) -> QuerySet[Place]:
    if can(user, "rights.supervise"):
        return Place.objects.filter(active=True)
    return Place.objects.filter(active=True, agents=user)


def cases_for(user: User) -> QuerySet[Case]:
    cases = Case.objects.select_related("place")
    if can(user, "rights.supervise"):
        return cases
    return cases.filter(place__agents=user)


def case_for(user: User, number: str) -> Case:
    """The case ``number`` if ``user`` may read it (404 otherwise: a number is not a key)."""
    case = (
        cases_for(user)
        .select_related("next_appointment_place")
        .prefetch_related("orientations", "diagnostics")
        .filter(number=number.strip().upper())
        .first()
    )
    if case is None:
        raise Http404
    return case


def accesses_of(case: Case) -> QuerySet[CaseAccess]:
    return case.accesses.all()
