"""Writes of concerto.rights: each owns its transaction and writes its audit row. Audit rows
and logs hold the case number and counts only, never the household's answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import account_label, audit
from concerto.core.roles import can
from concerto.rights.engine import Diagnosis
from concerto.rights.household import Household
from concerto.rights.models import Case, CaseAccess, Diagnostic, Orientation, Place


class RightsError(Exception):
    """A refused action; ``str(exc)`` is a French message."""


def age_band(age: int) -> str:
    for limit, label in ((18, "0-17"), (26, "18-25"), (40, "26-39"), (60, "40-59"), (75, "60-74")):
        if age < limit:
            return label
    return "75+"


def household_type(household: Household) -> str:
    couple = any(m.role == "conjoint" for m in household.members)
    children = bool(household.children)
    if couple:
        return "couple_avec_enfants" if children else "couple_sans_enfant"
    return "parent_seul" if children else "personne_seule"


def _purge_date(start: dt.date) -> dt.date:
    months = settings.CONCERTO_RIGHTS_RETENTION_MONTHS
    return start + dt.timedelta(days=round(months * 30.44))


def _check_place(agent: User, place: Place) -> None:
    if not can(agent, "rights.diagnose"):
        raise RightsError(_("Vous n'avez pas le rôle d'agent·e d'accès aux droits."))
    if not can(agent, "rights.supervise") and not place.agents.filter(pk=agent.pk).exists():
        raise RightsError(_("Vous n'êtes pas rattaché·e à ce lieu d'accueil."))


def _record(case: Case, agent: User, data: dict[str, Any], diagnosis: Diagnosis) -> Diagnostic:
    diagnostic = Diagnostic.objects.create(
        case=case,
        created_by=agent,
        month=diagnosis.month,
        country_package=diagnosis.country_package,
        country_package_version=diagnosis.version,
        result=diagnosis.as_dict(),
        monthly_unclaimed=Decimal(str(diagnosis.monthly_unclaimed)),
    )
    for entitlement in diagnosis.unclaimed:
        Orientation.objects.update_or_create(
            case=case,
            code=entitlement.code,
            defaults={
                "label": entitlement.label,
                "organisation": entitlement.organisation,
                "monthly_amount": Decimal(str(round(entitlement.monthly_gap, 2))),
            },
        )
    case.household = data
    if diagnosis.unclaimed and case.status == Case.Status.OPEN:
        case.status = Case.Status.ORIENTED
    case.purge_after = _purge_date(timezone.localdate())
    case.save()
    return diagnostic


@transaction.atomic
def case_create(
    *,
    agent: User,
    place: Place,
    data: dict[str, Any],
    household: Household,
    diagnosis: Diagnosis,
    invented: bool = False,
) -> Case:
    """A new case with its first diagnostic; its orientations are the unclaimed rights."""
    _check_place(agent, place)
    applicant = household.members[0]
    case = Case.objects.create(
        place=place,
        created_by=agent,
        quartier=household.quartier or place.quartier,
        age_band=age_band(applicant.age_on(household.month)),
        household_type=household_type(household),
        household=data,
        purge_after=_purge_date(timezone.localdate()),
        invented=invented,
    )
    _record(case, agent, data, diagnosis)
    audit(
        actor=agent,
        action="rights.case_created",
        target=case,
        data={"place": place.slug, "unclaimed": len(diagnosis.unclaimed)},
    )
    return case


@transaction.atomic
def diagnostic_add(
    *, agent: User, case: Case, data: dict[str, Any], diagnosis: Diagnosis
) -> Diagnostic:
    _check_place(agent, case.place)
    if case.status == Case.Status.CLOSED:
        raise RightsError(_("Ce dossier est clos : rouvrez-en un nouveau."))
    diagnostic = _record(case, agent, data, diagnosis)
    audit(actor=agent, action="rights.diagnostic_added", target=case)
    return diagnostic


@transaction.atomic
def case_opened(*, user: User, case: Case, action: str = "consultation") -> CaseAccess:
    """Every opening of a case is logged (the supervisor sees it, so does the export)."""
    access = CaseAccess.objects.create(
        case=case, user=user, user_label=account_label(user.pk), action=action
    )
    audit(actor=user, action="rights.case_opened", target=case, data={"what": action})
    return access


@transaction.atomic
def orientation_record(*, agent: User, orientation: Orientation, outcome: str) -> Orientation:
    _check_place(agent, orientation.case.place)
    if outcome not in Orientation.Outcome.values:
        raise RightsError(_("Choisissez une des suites proposées."))
    orientation.outcome = outcome
    orientation.outcome_at = timezone.now()
    orientation.save(update_fields=["outcome", "outcome_at"])
    case = orientation.case
    case.purge_after = _purge_date(timezone.localdate())
    case.save(update_fields=["purge_after", "updated_at"])
    audit(
        actor=agent,
        action="rights.orientation_recorded",
        target=case,
        data={"right": orientation.code, "outcome": outcome},
    )
    return orientation


@transaction.atomic
def appointment_set(
    *,
    agent: User,
    case: Case,
    when: dt.datetime | None,
    place: Place | None,
    next_step: str,
) -> Case:
    _check_place(agent, case.place)
    if when is not None and when < timezone.now() - dt.timedelta(days=1):
        raise RightsError(_("Le prochain rendez-vous ne peut pas être dans le passé."))
    if len(next_step) > 500:
        raise RightsError(_("La prochaine étape tient en 500 caractères au plus."))
    case.next_appointment = when
    case.next_appointment_place = place
    case.next_step = next_step.strip()
    case.save()
    audit(actor=agent, action="rights.appointment_set", target=case)
    return case


@transaction.atomic
def case_close(*, agent: User, case: Case) -> Case:
    _check_place(agent, case.place)
    if case.status == Case.Status.CLOSED:
        raise RightsError(_("Ce dossier est déjà clos."))
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.purge_after = _purge_date(timezone.localdate())
    case.save()
    audit(actor=agent, action="rights.case_closed", target=case)
    return case


@transaction.atomic
def purge_cases(*, today: dt.date | None = None, dry_run: bool = False) -> int:
    """Delete the cases whose retention has run out (with their diagnostics, orientations
    and access log). Returns how many."""
    today = today or timezone.localdate()
    expired = Case.objects.filter(purge_after__lt=today)
    count = expired.count()
    if count and not dry_run:
        expired.delete()
        audit(actor=None, action="rights.cases_purged", data={"count": count})
    return count
