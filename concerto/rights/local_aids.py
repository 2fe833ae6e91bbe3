"""Which CCAS aids (``LocalAid``, dated rules kept by staff) a case may ask for, on a day,
from its reste à vivre per consumption unit and per day, the applicant's age, the household
type and the quartier."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet

from concerto.rights.models import Case, LocalAid


def _listed(raw: str) -> set[str]:
    return {item.strip().lower() for item in raw.split(",") if item.strip()}


def valid_on(day: dt.date) -> QuerySet[LocalAid]:
    return LocalAid.objects.filter(valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def age_of(case: Case) -> int | None:
    """The applicant's age from the case's answers (None when unreadable)."""
    try:
        birth = dt.date.fromisoformat(str(case.household["membres"][0]["date_naissance"]))
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    day = case.created_at.date()
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def eligible_aids(case: Case, reste_a_vivre: float, day: dt.date) -> list[LocalAid]:
    age = age_of(case)
    found = []
    for aid in valid_on(day):
        if age is not None and aid.min_age is not None and age < aid.min_age:
            continue
        if age is not None and aid.max_age is not None and age > aid.max_age:
            continue
        if (
            aid.max_reste_a_vivre is not None
            and Decimal(str(reste_a_vivre)) > aid.max_reste_a_vivre
        ):
            continue
        types = _listed(aid.household_types)
        if types and case.household_type.lower() not in types:
            continue
        quartiers = _listed(aid.quartiers)
        if quartiers and case.quartier.lower() not in quartiers:
            continue
        found.append(aid)
    return found
