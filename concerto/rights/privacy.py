"""Personal data of access to rights (see ``concerto.core.personal_data``): the cases of the
CCAS counters. A case has no name, address nor account: the case number (DR-…) the person
gives, as a receipt number, is what finds it. The export includes who opened it and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import Erasure, ExportBundle, NotPersonal, PersonalData, Subject
from concerto.rights.models import Case
from concerto.rights.personal_data import case_numbers, cases_export

CASES = _("la personne reçue au guichet (son foyer, ses ressources, ses droits)")
RETENTION = _(
    "24 mois après la dernière démarche (CONCERTO_RIGHTS_RETENTION_MONTHS), puis supprimé "
    "par manage.py purge_personal_data"
)


def _cases(subject: Subject) -> QuerySet[Case]:
    return Case.objects.filter(number__in=case_numbers(subject.receipts)).order_by("created_at")


def _export_case(case: Case, bundle: ExportBundle) -> dict[str, Any]:
    [exported] = cases_export([case.number])
    return exported


def _erase_cases(
    rows: QuerySet[Case], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    deleted = Case.objects.filter(pk__in=rows.values("pk")).count()
    Case.objects.filter(pk__in=rows.values("pk")).delete()
    return {"rights_cases": deleted}


DECLARATIONS = [
    PersonalData(
        model="rights.Case",
        fields=("household", "quartier", "age_band", "household_type", "next_step"),
        subject=CASES,
        erasure=Erasure.DELETE,
        retention=RETENTION,
        rows=_cases,
        export_key="rights_cases",
        export=_export_case,
        erase=_erase_cases,
    ),
    PersonalData(
        model="rights.Diagnostic",
        fields=("result",),
        subject=CASES,
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
    PersonalData(
        model="rights.Orientation",
        fields=("label", "organisation"),
        subject=CASES,
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
    PersonalData(
        model="rights.CaseAccess",
        fields=("user", "user_label"),
        subject=_("l'agent·e qui a ouvert le dossier (journal des consultations)"),
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
    PersonalData(
        model="rights.Case",
        fields=("created_by",),
        subject=_("l'agent·e qui a ouvert le dossier"),
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
    PersonalData(
        model="rights.Diagnostic",
        fields=("created_by",),
        subject=_("l'agent·e qui a fait le diagnostic"),
        erasure=Erasure.WITH_PARENT,
        retention=RETENTION,
    ),
    NotPersonal(
        model="rights.Place",
        fields=("name", "address", "opening_hours", "note", "quartier"),
        reason=_("un lieu d'accueil public du CCAS"),
    ),
    PersonalData(
        model="rights.Place",
        fields=("agents",),
        subject=_("les agent·e·s attaché·e·s à un lieu d'accueil (leur compte)"),
        erasure=Erasure.KEEP,
        retention=_("tant que l'agent·e y travaille : l'équipe retire son rattachement"),
    ),
    NotPersonal(
        model="rights.LocalAid",
        fields=("name", "description", "household_types", "quartiers", "decided_by"),
        reason=_("une aide du CCAS et ses conditions publiques"),
    ),
]
