"""Writing events, registrations and reports. Every function owns its transaction and
writes its audit row; e-mails are enqueued after the commit."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.services import (
    ContributionError,
    ContributionInput,
    contribution_submit,
)
from concerto.core.audit import audit
from concerto.core.roles import can
from concerto.events.models import Event, EventReport, RouteStop
from concerto.events.workflow import TRANSITIONS
from concerto.organisations.models import Membership, Organisation
from concerto.organisations.services import organisation_refusal
from concerto.processes.models import Channel, Neighbourhood, Process, Question

CAPACITY_MESSAGE = gettext_lazy(
    "Le nombre de places doit être d'au moins 1 (laissez vide s'il n'y a pas de limite)."
)
REASON_MESSAGE = gettext_lazy(
    "Expliquez pourquoi : ce message est envoyé à la personne qui a proposé l'événement."
)

# Path segments of the agenda that an event slug must not take.
RESERVED_SLUGS = frozenset({"proposer", "mois", "quartiers", "inscription", "mes-evenements"})


class EventError(Exception):
    """A write was refused; ``str(exc)`` is a French message, ``field`` the form field
    it is about (if any)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class EventInput:
    kind: str
    title: str
    description: str
    start: dt.datetime
    end: dt.datetime
    organiser_kind: str = Event.Organiser.RESIDENT
    organisation: Organisation | None = None
    place_name: str = ""
    address: str = ""
    neighbourhood: Neighbourhood | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    online_url: str = ""
    visibility: str = Event.Visibility.PUBLIC
    audience: str = ""
    step_free_access: bool = False
    sign_language: bool = False
    hearing_loop: bool = False
    childcare: bool = False
    is_free: bool = True
    price: str = ""
    accessibility_notes: str = ""
    capacity: int | None = None
    registration_open: bool = True
    parent: Event | None = None
    room: str = ""
    speakers: str = ""


# --- who may do what on one event ---------------------------------------------------------


def is_member(user: User | None, organisation_id: int | None) -> bool:
    if user is None or not user.is_authenticated or organisation_id is None:
        return False
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


def is_organiser(user: object, event: Event) -> bool:
    """Staff with ``events.moderate``, the proposer, or a member of the organisation."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return False
    if can(user, "events.moderate"):
        return True
    if event.proposer_id is not None and event.proposer_id == user.pk:
        return True
    return is_member(user, event.organisation_id)


# --- proposals and moderation --------------------------------------------------------------


def validate_event(
    process: Process, data: EventInput, *, actor: User | None, now: dt.datetime, allow_past: bool
) -> None:
    """The rules the form also checks, enforced again here for every caller."""
    if not data.title.strip():
        raise EventError(_("Donnez un titre à l'événement."), "title")
    if data.start.tzinfo is None or data.end.tzinfo is None:
        raise EventError(_("Les dates doivent avoir un fuseau horaire."), "start")
    if not allow_past and data.start <= now:
        raise EventError(_("La date de début est passée : choisissez une date à venir."), "start")
    if data.end <= data.start:
        raise EventError(_("La fin doit être après le début."), "end")
    if data.capacity is not None and data.capacity <= 0:
        raise EventError(
            str(CAPACITY_MESSAGE),
            "capacity",
        )
    if data.neighbourhood is not None and data.neighbourhood.process_id != process.pk:
        raise EventError(_("Ce quartier n'appartient pas à cette démarche."), "neighbourhood")
    if data.parent is not None and data.parent.process_id != process.pk:
        raise EventError(_("Cet événement n'appartient pas à cette démarche."), "parent")
    if not (data.place_name.strip() or data.address.strip()) and not data.online_url.strip():
        raise EventError(_("Indiquez un lieu ou un lien de réunion en ligne."), "place_name")
    if (data.latitude is None) != (data.longitude is None):
        raise EventError(_("Donnez la latitude et la longitude, ou aucune des deux."), "latitude")
    if data.latitude is not None and not Decimal(-90) <= data.latitude <= Decimal(90):
        raise EventError(_("La latitude doit être comprise entre -90 et 90."), "latitude")
    if data.longitude is not None and not Decimal(-180) <= data.longitude <= Decimal(180):
        raise EventError(_("La longitude doit être comprise entre -180 et 180."), "longitude")
    if data.organiser_kind == Event.Organiser.ORGANISATION:
        if data.organisation is None:
            raise EventError(_("Choisissez l'organisation qui organise."), "organisation")
        if actor is not None and not (
            can(actor, "events.moderate") or is_member(actor, data.organisation.pk)
        ):
            raise EventError(_("Vous ne faites pas partie de cette organisation."), "organisation")
        refusal = organisation_refusal(data.organisation)
        if refusal and actor is not None and not can(actor, "events.moderate"):
            raise EventError(refusal, "organisation")
    elif data.organiser_kind == Event.Organiser.CITY:
        if actor is not None and not can(actor, "events.moderate"):
            raise EventError(
                _("Seule l'équipe de la démarche peut proposer un événement de la Ville."),
                "organiser_kind",
            )
    elif data.organiser_kind != Event.Organiser.RESIDENT:
        raise EventError(_("Organisateur inconnu."), "organiser_kind")


def _apply(event: Event, data: EventInput) -> None:
    for item in fields(data):
        value = getattr(data, item.name)
        if isinstance(value, str):
            value = value.strip()
        setattr(event, item.name, value)
    if event.organiser_kind != Event.Organiser.ORGANISATION:
        event.organisation = None
    if event.is_free:
        event.price = ""


def _unique_slug(process: Process, title: str) -> str:
    base = slugify(title)[:80].strip("-") or "evenement"
    if base in RESERVED_SLUGS:
        base = f"{base}-evenement"
    taken = set(
        Event.objects.filter(process=process, slug__startswith=base).values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def event_propose(
    *,
    process: Process,
    data: EventInput,
    proposer: User | None,
    now: dt.datetime | None = None,
    allow_past: bool = False,
    is_demo: bool = False,
) -> Event:
    """Save a proposed event (status « proposé »), waiting for the moderation."""
    now = now or timezone.now()
    validate_event(process, data, actor=proposer, now=now, allow_past=allow_past)
    for _attempt in range(5):
        event = Event(process=process, proposer=proposer, is_demo=is_demo)
        _apply(event, data)
        event.slug = _unique_slug(process, data.title)
        try:
            with transaction.atomic():
                event.save()
                audit(
                    actor=proposer,
                    action="event.propose",
                    target=event,
                    data={"process": process.slug, "kind": event.kind},
                )
        except IntegrityError:
            if Event.objects.filter(process=process, slug=event.slug).exists():
                continue  # another proposal took the same slug meanwhile: try the next one
            raise
        return event
    raise EventError(_("Impossible de trouver une adresse libre pour cet événement."), "title")


def event_resubmit(
    *, event: Event, data: EventInput, actor: User, now: dt.datetime | None = None
) -> Event:
    """The proposer corrects an event the moderation sent back; it waits again."""
    now = now or timezone.now()
    if event.proposer_id != actor.pk:
        raise PermissionError(_("Seule la personne qui a proposé l'événement peut le modifier."))
    validate_event(event.process, data, actor=actor, now=now, allow_past=False)
    step = TRANSITIONS["resubmit"]
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status not in step.sources:
            raise EventError(
                _("Cet événement est « %(status)s » : il ne peut plus être modifié.")
                % {"status": locked.get_status_display()}
            )
        _apply(locked, data)
        locked.status = step.target
        locked.save()
        audit(actor=actor, action="event.resubmit", target=locked)
    return locked


def event_moderate(*, event: Event, transition: str, actor: User, reason: str = "") -> Event:
    """Approve, ask for changes, refuse or cancel an event; the proposer is told by e-mail."""
    step = TRANSITIONS.get(transition)
    if step is None or step.permission == "proposer":
        raise EventError(_("Action inconnue."))
    if not can(actor, step.permission):
        raise PermissionError(_("Vous n'avez pas le droit de modérer les événements."))
    reason = reason.strip()
    if step.needs_reason and not reason:
        raise EventError(
            str(REASON_MESSAGE),
            "reason",
        )
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status not in step.sources:
            raise EventError(
                _("Cet événement est « %(status)s » : action impossible.")
                % {"status": locked.get_status_display()}
            )
        before = locked.status
        locked.status = step.target
        if transition == "refuse":
            locked.refusal_reason = reason
            locked.moderation_note = ""
        elif transition in ("request_changes", "cancel"):
            locked.moderation_note = reason
        else:
            locked.refusal_reason = ""
            locked.moderation_note = ""
        locked.save(update_fields=["status", "refusal_reason", "moderation_note", "updated_at"])
        # The sessions of a programme follow their event (a cancelled session stays so).
        Event.objects.filter(parent=locked).exclude(status=Event.Status.CANCELLED).update(
            status=locked.status, updated_at=timezone.now()
        )
        audit(
            actor=actor,
            action=f"event.{transition}",
            target=locked,
            reason=reason,
            data={"from": before, "to": locked.status},
        )
        if step.notifies_proposer and locked.proposer_id is not None:
            from concerto.events.tasks import send_decision_email

            transaction.on_commit(
                partial(send_decision_email.enqueue, locked.pk, transition), robust=True
            )
    return locked


# --- after the event: the report ---------------------------------------------------------------

PROFILE_OF_ORGANISATION = {
    Organisation.Kind.ASSOCIATION: Contribution.Profile.ASSOCIATION,
    Organisation.Kind.COLLECTIF: Contribution.Profile.ASSOCIATION,
    Organisation.Kind.ENTREPRISE: Contribution.Profile.COMPANY,
    Organisation.Kind.INSTITUTION: Contribution.Profile.PROFESSIONAL,
    Organisation.Kind.CONSEIL: Contribution.Profile.OTHER,
}


def _report_profile(event: Event) -> str:
    if event.organisation is not None:
        return PROFILE_OF_ORGANISATION[Organisation.Kind(event.organisation.kind)]
    if event.organiser_kind == Event.Organiser.RESIDENT:
        return Contribution.Profile.RESIDENT
    return Contribution.Profile.OTHER


def report_publish(
    *,
    event: Event,
    answers: dict[Question, str],
    kind: str,
    actor: User,
    now: dt.datetime | None = None,
) -> EventReport:
    """Publish the report of a past event: it becomes a collective contribution of the
    process (channel « compte rendu d'événement »), moderated like every other one."""
    now = now or timezone.now()
    if not is_organiser(actor, event):
        raise PermissionError(_("Seul·e l'organisateur·rice peut publier le compte rendu."))
    if event.status != Event.Status.APPROVED:
        raise EventError(_("Seul un événement publié dans l'agenda peut avoir un compte rendu."))
    if event.end > now:
        raise EventError(_("Le compte rendu se publie une fois l'événement terminé."))
    with transaction.atomic():
        locked = (
            Event.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=event.pk)
        )
        if EventReport.objects.filter(event=locked).exists():
            raise EventError(_("Le compte rendu de cet événement est déjà publié."))
        try:
            result = contribution_submit(
                process=locked.process,
                data=ContributionInput(
                    kind=kind,
                    neighbourhood=locked.neighbourhood,
                    profile=_report_profile(locked),
                    consent_publication=True,
                    consent_processing=True,
                    answers=answers,
                    author_name=locked.organiser_label[:80],
                    email=actor.email,
                ),
                submission_token=uuid.uuid4(),
                channel=Channel.Kind.EVENT,
                user=actor,
                now=now,
                check_channel=False,
            )
        except ContributionError as exc:
            raise EventError(str(exc)) from exc
        report = EventReport.objects.create(
            event=locked, contribution=result.contribution, author=actor
        )
        audit(
            actor=actor,
            action="event.report",
            target=locked,
            data={"contribution": result.contribution.receipt_number},
        )
    return report


# --- the programme of a multi-session event (festival) ------------------------------------

SESSION_KINDS = (
    Event.Kind.CONFERENCE,
    Event.Kind.ROUND_TABLE,
    Event.Kind.ASSOCIATION_WORKSHOP,
    Event.Kind.VEILLEURS,
    Event.Kind.MEDIATION,
    Event.Kind.OTHER,
)
# What a session takes from its event: where, who organises, for whom, accessibility.
INHERITED = (
    "organiser_kind",
    "organisation",
    "place_name",
    "address",
    "neighbourhood",
    "latitude",
    "longitude",
    "online_url",
    "visibility",
    "audience",
    "step_free_access",
    "sign_language",
    "hearing_loop",
    "childcare",
    "is_free",
    "price",
    "accessibility_notes",
)


@dataclass
class SessionInput:
    kind: str
    title: str
    description: str
    start: dt.datetime
    end: dt.datetime
    room: str = ""
    speakers: str = ""
    capacity: int | None = None
    registration_open: bool = True


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def validate_session(parent: Event, data: SessionInput) -> None:
    if parent.parent_id is not None:
        raise EventError(_("Une séance ne peut pas avoir elle-même de séances."))
    if data.kind not in SESSION_KINDS:
        raise EventError(_("Choisissez le type de la séance."), "kind")
    if not data.title.strip():
        raise EventError(_("Donnez un titre à la séance."), "title")
    if data.start.tzinfo is None or data.end.tzinfo is None:
        raise EventError(_("Les dates doivent avoir un fuseau horaire."), "start")
    if data.end <= data.start:
        raise EventError(_("La fin doit être après le début."), "end")
    if data.start < parent.start or data.start >= parent.end:
        raise EventError(
            _("La séance doit commencer pendant l'événement, entre le %(start)s et le %(end)s.")
            % {"start": _local(parent.start), "end": _local(parent.end)},
            "start",
        )
    if data.end > parent.end:
        raise EventError(
            _("La séance doit finir au plus tard à la fin de l'événement, le %(end)s.")
            % {"end": _local(parent.end)},
            "end",
        )
    if data.capacity is not None and data.capacity <= 0:
        raise EventError(str(CAPACITY_MESSAGE), "capacity")


def session_save(
    *, parent: Event, data: SessionInput, actor: User, session: Event | None = None
) -> Event:
    """Create (``session`` None) or change one session of ``parent``'s programme. It takes
    its place, organiser, audience and accessibility from the event, and its status."""
    if not can(actor, "events.moderate"):
        raise PermissionError(_("Seule l'équipe de la démarche modifie les programmes."))
    if session is not None and session.parent_id != parent.pk:
        raise EventError(_("Cette séance n'appartient pas à cet événement."))
    validate_session(parent, data)
    event_input = EventInput(
        kind=data.kind,
        title=data.title,
        description=data.description,
        start=data.start,
        end=data.end,
        capacity=data.capacity,
        registration_open=data.registration_open,
        parent=parent,
        room=data.room,
        speakers=data.speakers,
        **{name: getattr(parent, name) for name in INHERITED},
    )
    with transaction.atomic():
        locked_parent = Event.objects.select_for_update().get(pk=parent.pk)
        if session is None:
            item = Event(
                process=locked_parent.process,
                proposer=None,
                is_demo=locked_parent.is_demo,
                status=locked_parent.status,
            )
            _apply(item, event_input)
            item.slug = _unique_slug(locked_parent.process, data.title)
            item.save()
            action = "event.session_create"
        else:
            item = Event.objects.select_for_update().get(pk=session.pk)
            _apply(item, event_input)
            item.save()
            action = "event.session_update"
        audit(actor=actor, action=action, target=item, data={"parent": locked_parent.pk})
    return item


# --- the stops of a walking route (« Parcours des solidarités ») ---------------------------


@dataclass
class StopInput:
    position: int
    place_name: str
    initiative: str
    description: str
    address: str
    latitude: Decimal
    longitude: Decimal
    neighbourhood: Neighbourhood | None = None
    photo_alt: str = ""


@dataclass(frozen=True)
class StopPhoto:
    """A photo already checked and re-encoded (``concerto.core.uploads``)."""

    content: bytes
    content_type: str
    extension: str


def stop_save(
    *,
    event: Event,
    data: StopInput,
    actor: User,
    stop: RouteStop | None = None,
    photo: StopPhoto | None = None,
    remove_photo: bool = False,
) -> RouteStop:
    from django.core.files.base import ContentFile

    if not can(actor, "events.moderate"):
        raise PermissionError(_("Seule l'équipe de la démarche modifie les parcours."))
    if stop is not None and stop.event_id != event.pk:
        raise EventError(_("Cette étape n'appartient pas à cet événement."))
    if data.position < 1:
        raise EventError(_("Le numéro d'étape commence à 1."), "position")
    for name in ("place_name", "initiative", "description", "address"):
        if not str(getattr(data, name)).strip():
            raise EventError(_("Ce champ est obligatoire."), name)
    if not Decimal(-90) <= data.latitude <= Decimal(90):
        raise EventError(_("La latitude doit être comprise entre -90 et 90."), "latitude")
    if not Decimal(-180) <= data.longitude <= Decimal(180):
        raise EventError(_("La longitude doit être comprise entre -180 et 180."), "longitude")
    if data.neighbourhood is not None and data.neighbourhood.process_id != event.process_id:
        raise EventError(_("Ce quartier n'appartient pas à cette démarche."), "neighbourhood")
    keeps_photo = photo is not None or (stop is not None and stop.photo and not remove_photo)
    if keeps_photo and not data.photo_alt.strip():
        raise EventError(
            _("Décrivez la photo en une phrase, pour les personnes qui ne la voient pas."),
            "photo_alt",
        )
    old_file = ""
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        taken = RouteStop.objects.filter(event=event, position=data.position)
        if stop is not None:
            taken = taken.exclude(pk=stop.pk)
        if taken.exists():
            raise EventError(
                _("L'étape n°%(number)s existe déjà : choisissez un autre numéro.")
                % {"number": data.position},
                "position",
            )
        item = stop if stop is not None else RouteStop(event=event)
        for name in ("position", "latitude", "longitude", "neighbourhood"):
            setattr(item, name, getattr(data, name))
        for name in ("place_name", "initiative", "description", "address", "photo_alt"):
            setattr(item, name, str(getattr(data, name)).strip())
        if (photo is not None or remove_photo) and item.photo:
            old_file = item.photo.name
            item.photo = ""
            item.photo_content_type = ""
        if photo is not None:
            item.photo.save(f"etape{photo.extension}", ContentFile(photo.content), save=False)
            item.photo_content_type = photo.content_type
        if not item.photo:
            item.photo_alt = ""
        item.save()
        audit(
            actor=actor,
            action="event.stop_create" if stop is None else "event.stop_update",
            target=item,
            data={"event": event.pk, "position": item.position, "photo": bool(item.photo)},
        )
        if old_file:
            transaction.on_commit(partial(_delete_stored, old_file), robust=True)
    return item


def stop_delete(*, stop: RouteStop, actor: User) -> None:
    if not can(actor, "events.moderate"):
        raise PermissionError(_("Seule l'équipe de la démarche modifie les parcours."))
    with transaction.atomic():
        name = stop.photo.name if stop.photo else ""
        audit(
            actor=actor,
            action="event.stop_delete",
            target=stop,
            data={"event": stop.event_id, "position": stop.position},
        )
        stop.delete()
        if name:
            transaction.on_commit(partial(_delete_stored, name), robust=True)


def _delete_stored(name: str) -> None:
    from django.core.files.storage import default_storage

    with contextlib.suppress(OSError):  # the row is gone; a stray file is harmless
        default_storage.delete(name)
