"""Personal data of cahiers d'acteurs and original works (``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from concerto.collective.models import CollectiveContribution, OriginalWork
from concerto.core.personal_data import (
    Erasure,
    ExportBundle,
    NotPersonal,
    PersonalData,
    Subject,
    iso,
)

TEAM = _("le membre de l'équipe qui a saisi ou déposé (son compte, par son numéro)")
TEAM_RETENTION = _("la durée de la démarche : trace du travail de l'équipe")


def _cahiers(subject: Subject) -> QuerySet[CollectiveContribution]:
    """The cahiers the person is the contact of (by address) or sent (their contribution)."""
    query = Q(contribution_id__in=subject.contribution_ids)
    for address in subject.emails:
        query |= Q(contact_email__iexact=address)
    return (
        CollectiveContribution.objects.filter(query)
        .select_related("contribution")
        .order_by("created_at", "id")
    )


def _export_cahier(cahier: CollectiveContribution, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "receipt_number": cahier.contribution.receipt_number,
        "organisation_name": cahier.organisation_name,
        "organisation_kind": cahier.get_organisation_kind_display(),
        "contact_name": cahier.contact_name,
        "contact_email": cahier.contact_email,
        "contact_phone": cahier.contact_phone,
        "source": cahier.get_source_display(),
        "created_at": iso(cahier.created_at),
    }


def _erase_contacts(
    rows: QuerySet[CollectiveContribution], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # The cahier is the organisation's: its text and proposals stay; the contact goes.
    changed = (
        CollectiveContribution.objects.filter(pk__in=rows.values("pk"))
        .filter(~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone=""))
        .update(contact_name="", contact_email="", contact_phone="")
    )
    return {"cahier_contacts": changed}


def _purge_contacts(
    cutoff: dt.datetime, now: dt.datetime, dry_run: bool, bundle: ExportBundle
) -> Mapping[str, int]:
    """Cahiers sent before the cutoff: the contact person goes; the organisation, its text
    and its proposals stay."""
    rows = CollectiveContribution.objects.filter(contribution__submitted_at__lt=cutoff).filter(
        ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")
    )
    if dry_run:
        return {"cahier_contacts": rows.count()}
    return {"cahier_contacts": rows.update(contact_name="", contact_email="", contact_phone="")}


def _works(subject: Subject) -> QuerySet[OriginalWork]:
    return (
        OriginalWork.objects.filter(contribution_id__in=subject.contribution_ids)
        .select_related("contribution")
        .order_by("created_at", "id")
    )


def _export_work(work: OriginalWork, bundle: ExportBundle) -> dict[str, Any]:
    receipt = get_valid_filename(work.contribution.receipt_number)
    name = get_valid_filename(work.original_name) or f"oeuvre{work.extension}"
    return {
        "receipt_number": work.contribution.receipt_number,
        "kind": work.get_kind_display(),
        "title": work.title,
        "authors": work.authors,
        "description": work.description,
        "text_alternative": work.text_alternative,
        "file": bundle.add_file(f"works/{receipt}/{name}", work.file) if work.file else "",
    }


def _erase_works(
    rows: QuerySet[OriginalWork], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # Published with consent: the work stays as published, its authors' names go. Otherwise
    # the file goes too (the row stays for the figures of the analysis).
    changed = 0
    for work in OriginalWork.objects.filter(pk__in=rows.values("pk")).select_for_update():
        kept = work.contribution.is_published and work.contribution.consent_publication
        fields = []
        if work.authors:
            work.authors = ""
            fields.append("authors")
        if not kept and work.file:
            bundle.deleted_files.append(work.file.name)
            work.file = ""
            work.description = ""
            work.text_alternative = ""
            fields += ["file", "description", "text_alternative"]
        if fields:
            work.save(update_fields=fields)
            changed += 1
    return {"works": changed}


DECLARATIONS = [
    PersonalData(
        model="collective.CollectiveContribution",
        fields=("contact_name", "contact_email", "contact_phone"),
        subject=_("la personne à contacter pour l'organisation"),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "CONCERTO_RETENTION_DAYS jours après l'envoi du cahier (purge_personal_data) ; "
            "le cahier lui-même est celui de l'organisation"
        ),
        rows=_cahiers,
        export_key="cahier_contacts",
        export=_export_cahier,
        erase=_erase_contacts,
        purge=_purge_contacts,
    ),
    PersonalData(
        model="collective.CollectiveContribution",
        fields=("entered_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    NotPersonal(
        model="collective.CollectiveContribution",
        fields=("organisation_name", "production_method", "original", "original_name"),
        reason=_("le cahier d'une organisation (personne morale) et son document d'origine"),
    ),
    NotPersonal(
        model="collective.Proposal",
        fields=("text",),
        reason=_("une proposition d'une organisation"),
    ),
    PersonalData(
        model="collective.OriginalWork",
        fields=("authors", "file", "description", "text_alternative", "original_name"),
        subject=_("les auteurs ou autrices de l'œuvre"),
        erasure=Erasure.ANONYMISE,
        retention=_("la durée de la démarche ; publiée seulement avec leur accord"),
        rows=_works,
        export_key="original_works",
        export=_export_work,
        erase=_erase_works,
    ),
    PersonalData(
        model="collective.OriginalWork",
        fields=("uploaded_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
]
