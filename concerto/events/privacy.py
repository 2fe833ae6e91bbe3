"""Personal data of events (see ``concerto.core.personal_data``): registrations, the events
a person proposed, the reports they wrote (organisation memberships: ``organisations.privacy``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import (
    Erasure,
    ExportBundle,
    NotPersonal,
    PersonalData,
    Subject,
    iso,
)
from concerto.events.models import Event, EventReport, Registration


def _has_user(subject: Subject) -> bool:
    return subject.user is not None and subject.user.pk is not None


def find_registrations(subject: Subject) -> QuerySet[Registration]:
    """The event registrations of a person: made with their account or their address."""
    query = Q(pk__in=[])
    if _has_user(subject):
        query |= Q(user=subject.user)
    for address in subject.emails:
        query |= Q(email__iexact=address)
    return (
        Registration.objects.filter(query)
        .select_related("event__process")
        .order_by("created_at", "id")
    )


def _export_registration(r: Registration, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "event": r.event.title,
        "process": r.event.process.title,
        "event_start": iso(r.event.start),
        "name": r.name,
        "email": r.email,
        "phone": r.phone,
        "status": r.get_status_display(),
        "attended": r.attended,
        "registered_at": iso(r.created_at),
        "cancelled_at": iso(r.cancelled_at),
        "anonymised_at": iso(r.anonymised_at),
    }


def _erase_registrations(
    rows: QuerySet[Registration], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # Name and contact erased, the row kept (the figures of who came do not change).
    changed = rows.filter(Q(anonymised_at__isnull=True) | Q(user__isnull=False)).update(
        name="", email="", phone="", user=None, anonymised_at=now
    )
    return {"registrations": changed}


def _purge_registrations(
    cutoff: dt.datetime, now: dt.datetime, dry_run: bool, bundle: ExportBundle
) -> Mapping[str, int]:
    """Events ended before the cutoff: the name and contact of who registered go; the rows
    stay (the figures of who registered and came do not change)."""
    rows = Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
    if dry_run:
        return {"registrations": rows.count()}
    return {"registrations": rows.update(name="", email="", phone="", anonymised_at=now)}


def _proposed(subject: Subject) -> QuerySet[Event]:
    if not _has_user(subject):
        return Event.objects.none()
    return (
        Event.objects.filter(proposer=subject.user)
        .select_related("process", "organisation")
        .order_by("start", "id")
    )


def _export_event(event: Event, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "title": event.title,
        "process": event.process.title,
        "kind": event.get_kind_display(),
        "organisation": event.organisation.name if event.organisation else "",
        "start": iso(event.start),
        "end": iso(event.end),
        "place_name": event.place_name,
        "address": event.address,
        "description": event.description,
        "speakers": event.speakers,
        "status": event.get_status_display(),
        "refusal_reason": event.refusal_reason,
        "moderation_note": event.moderation_note,
    }


def _erase_proposer(
    rows: QuerySet[Event], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # The event stays in the programme (it is public and may have registrations); only the
    # link to the person's account goes.
    return {"events_proposed": Event.objects.filter(pk__in=rows.values("pk")).update(proposer=None)}


def _reports(subject: Subject) -> QuerySet[EventReport]:
    if not _has_user(subject):
        return EventReport.objects.none()
    return (
        EventReport.objects.filter(author=subject.user)
        .select_related("event", "contribution")
        .order_by("created_at", "id")
    )


def _export_report(report: EventReport, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "event": report.event.title,
        "receipt_number": report.contribution.receipt_number,
        "created_at": iso(report.created_at),
    }


def _erase_reports(
    rows: QuerySet[EventReport], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    ids = list(rows.values_list("pk", flat=True))
    return {"event_reports": EventReport.objects.filter(pk__in=ids).update(author=None)}


DECLARATIONS = [
    PersonalData(
        model="events.Registration",
        fields=("user", "name", "email", "phone"),
        subject=_("la personne inscrite"),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "nom et contact : CONCERTO_RETENTION_DAYS jours après la fin de l'événement "
            "(purge_personal_data) ; la ligne reste pour les chiffres de participation"
        ),
        rows=find_registrations,
        export_key="event_registrations",
        export=_export_registration,
        erase=_erase_registrations,
        purge=_purge_registrations,
    ),
    PersonalData(
        model="events.Event",
        fields=("proposer", "speakers", "refusal_reason", "moderation_note"),
        subject=_(
            "la personne qui a proposé l'événement (et les intervenant·e·s qu'elle nomme pour "
            "publication)"
        ),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "la durée de la démarche : l'événement fait partie du programme public ; le lien "
            "au compte est retiré à l'effacement"
        ),
        rows=_proposed,
        export_key="events_proposed",
        export=_export_event,
        erase=_erase_proposer,
    ),
    PersonalData(
        model="events.EventReport",
        fields=("author",),
        subject=_("la personne qui a écrit le compte rendu"),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "la durée de la démarche (le compte rendu est une contribution, effacée comme "
            "elle) ; le lien au compte est retiré à l'effacement"
        ),
        rows=_reports,
        export_key="event_reports",
        export=_export_report,
        erase=_erase_reports,
    ),
    NotPersonal(
        model="events.Event",
        fields=("description", "place_name", "address", "accessibility_notes"),
        reason=_("la description publique de l'événement et de son lieu"),
    ),
    NotPersonal(
        model="events.RouteStop",
        fields=("place_name", "description", "address", "photo"),
        reason=_("une étape publique d'un parcours : un lieu, sa photo, son initiative"),
    ),
]
