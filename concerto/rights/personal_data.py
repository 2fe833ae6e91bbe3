"""A resident's cases in their data export and erasure (concerto.privacy calls these with
the numbers the person gives: a case has no name, address nor account, the case number is
what identifies it). The export includes who opened the case and when."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from concerto.rights.models import Case


def case_numbers(numbers: Iterable[str]) -> list[str]:
    """The case numbers (DR-…) among what the person gave."""
    return [n.strip().upper() for n in numbers if n.strip().upper().startswith("DR-")]


def cases_export(numbers: Iterable[str]) -> list[dict[str, Any]]:
    cases = (
        Case.objects.filter(number__in=case_numbers(numbers))
        .select_related("place", "next_appointment_place")
        .prefetch_related("diagnostics", "orientations", "accesses")
    )
    return [
        {
            "number": case.number,
            "place": case.place.name,
            "opened_at": case.created_at.isoformat(),
            "status": case.get_status_display(),
            "answers": case.household,
            "diagnostics": [
                {
                    "at": d.created_at.isoformat(),
                    "month": d.month,
                    "model": f"{d.country_package} {d.country_package_version}",
                    "result": d.result,
                }
                for d in case.diagnostics.all()
            ],
            "orientations": [
                {
                    "right": o.label,
                    "organisation": o.organisation,
                    "outcome": o.get_outcome_display(),
                }
                for o in case.orientations.all()
            ],
            "next_appointment": case.next_appointment.isoformat()
            if case.next_appointment
            else None,
            "openings": [
                {"at": a.at.isoformat(), "by": a.user_label, "what": a.action}
                for a in case.accesses.all()
            ],
            "delete_after": case.purge_after.isoformat(),
        }
        for case in cases
    ]


def cases_erase(numbers: Iterable[str]) -> list[str]:
    """Delete the cases (answers, diagnostics, orientations, access log); their numbers."""
    cases = Case.objects.select_for_update().filter(number__in=case_numbers(numbers))
    erased = list(cases.values_list("number", flat=True))
    cases.delete()
    return erased
