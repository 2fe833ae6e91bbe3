"""Non-take-up figures: aggregates only, per month, quartier, age band and right. A cell
counting fewer than ``SMALL_CELL`` households is suppressed (None): a figure never points
at a household. These totals are the measures of commitment 2's indicators
(``manage.py rights_indicators``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from concerto.rights.models import Case, Orientation

SMALL_CELL = 10


@dataclass(frozen=True)
class Cell:
    month: dt.date
    quartier: str
    age_band: str
    right: str
    households: int | None  # cases diagnosed (None: fewer than SMALL_CELL)
    unclaimed: int | None  # rights found unclaimed
    obtained: int | None  # rights obtained after orientation
    recovered: Decimal | None  # estimated monthly amounts of the rights obtained


def _suppress(households: int, *values: object) -> tuple[object, ...]:
    if households < SMALL_CELL:
        return (None,) * (len(values) + 1)
    return (households, *values)


def cells() -> list[Cell]:
    """One row per (month, quartier, age band, right) found unclaimed at least once."""
    rows = (
        Orientation.objects.annotate(month=TruncMonth("case__created_at"))
        .values("month", "case__quartier", "case__age_band", "label")
        .annotate(
            households=Count("case", distinct=True),
            unclaimed=Count("pk"),
            obtained=Count("pk", filter=Q(outcome=Orientation.Outcome.OBTAINED)),
            recovered=Sum("monthly_amount", filter=Q(outcome=Orientation.Outcome.OBTAINED)),
        )
        .order_by("month", "case__quartier", "case__age_band", "label")
    )
    result = []
    for row in rows:
        households, unclaimed, obtained, recovered = _suppress(
            row["households"], row["unclaimed"], row["obtained"], row["recovered"] or Decimal(0)
        )
        month = row["month"]
        result.append(
            Cell(
                month=month.date() if isinstance(month, dt.datetime) else month,
                quartier=row["case__quartier"],
                age_band=row["case__age_band"],
                right=row["label"],
                households=households,  # type: ignore[arg-type]
                unclaimed=unclaimed,  # type: ignore[arg-type]
                obtained=obtained,  # type: ignore[arg-type]
                recovered=recovered,  # type: ignore[arg-type]
            )
        )
    return result


@dataclass(frozen=True)
class Totals:
    diagnostics: int | None
    unclaimed: int | None
    obtained: int | None
    recovered: Decimal | None


def totals(*, until: dt.date | None = None) -> Totals:
    """The city-wide totals (the indicators' measures); suppressed under SMALL_CELL cases."""
    cases = Case.objects.all()
    orientations = Orientation.objects.all()
    if until is not None:
        cases = cases.filter(created_at__date__lte=until)
        orientations = orientations.filter(case__created_at__date__lte=until)
    count = cases.count()
    obtained = orientations.filter(outcome=Orientation.Outcome.OBTAINED)
    values = _suppress(
        count,
        orientations.count(),
        obtained.count(),
        obtained.aggregate(total=Sum("monthly_amount"))["total"] or Decimal(0),
    )
    return Totals(*values)  # type: ignore[arg-type]
