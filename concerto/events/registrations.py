"""Registrations to events: seats, waiting list, cancellation, attendance. Every function
owns its transaction and writes its audit row; e-mails are enqueued after the commit.

No oracle: asking to register answers the same whether or not the person is already
registered, and what their registration is; that goes only to the address on file, by
e-mail (``send_registration_email``, kind ``"already"``). Phone numbers are stored in
E.164 (``concerto.core.phones``), so one number typed two ways is one person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.core.phones import InvalidPhoneNumber, normalise_phone
from concerto.events.models import Event, Registration
from concerto.events.services import EventError, is_organiser

ALREADY = "already"  # the e-mail kind sent to someone who was already registered


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool

    @property
    def waitlisted(self) -> bool:
        return self.registration.status == Registration.Status.WAITLISTED


def _notify(registration: Registration, kind: str) -> None:
    if registration.email:
        from concerto.events.tasks import send_registration_email

        transaction.on_commit(
            partial(send_registration_email.enqueue, registration.pk, kind), robust=True
        )


def registration_refusal(event: Event, now: dt.datetime) -> str | None:
    """Why nobody may register to ``event`` now (a French message), or None."""
    if event.status != Event.Status.APPROVED:
        return _("Cet événement n'est pas ouvert aux inscriptions.")
    if event.visibility != Event.Visibility.PUBLIC:
        return _("Cet événement est fermé : la participation se fait sur invitation.")
    if not event.registration_open:
        return _("Les inscriptions à cet événement sont fermées.")
    if event.start <= now:
        return _("Cet événement a déjà commencé : les inscriptions sont closes.")
    return None


def phone_message() -> str:
    return _(
        "Saisissez un numéro de téléphone complet, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."
    )


def registration_create(
    *,
    event: Event,
    name: str,
    email: str = "",
    phone: str = "",
    user: User | None = None,
    now: dt.datetime | None = None,
) -> RegistrationResult:
    """Take a seat, or a place on the waiting list when the event is full.

    The event row is locked for the whole transaction, so two people asking for the last
    seat at the same moment are served one after the other: one gets it, the other is
    waitlisted. The same person registering twice gets their first registration back, and
    an e-mail (to the address on file) saying so: the same account; else the same e-mail
    address; else, for someone who gave only a phone number, the same number. A phone
    number given with a new e-mail address is a new registration: answering "already
    registered" to that address would tell a stranger whose number it is.
    """
    now = now or timezone.now()
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise EventError(_("Indiquez votre nom."), "name")
    try:
        phone = normalise_phone(phone)
    except InvalidPhoneNumber as exc:
        raise EventError(phone_message(), "phone") from exc
    if not email and not phone:
        raise EventError(
            _("Indiquez une adresse e-mail ou un numéro de téléphone pour être prévenu·e."),
            "email",
        )
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        refusal = registration_refusal(locked, now)
        if refusal is not None:
            raise EventError(refusal)
        active = Registration.objects.filter(event=locked).exclude(
            status=Registration.Status.CANCELLED
        )
        same = None
        if user is not None:
            same = active.filter(user=user).first()
        if same is None and email:
            same = active.filter(email=email).first()
        if same is None and phone and not email:
            same = active.filter(phone=phone).first()
        if same is not None:
            audit(
                actor=user,
                action="event.register_again",
                target=same,
                data={"event": locked.pk, "status": same.status},
            )
            _notify(same, ALREADY)
            return RegistrationResult(same, created=False)
        confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
        full = locked.capacity is not None and confirmed >= locked.capacity
        registration = Registration.objects.create(
            event=locked,
            user=user,
            name=name,
            email=email,
            phone=phone,
            status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
            created_at=now,
        )
        audit(
            actor=user,
            action="event.register",
            target=registration,
            data={"event": locked.pk, "status": registration.status},
        )
        _notify(registration, registration.status)
    return RegistrationResult(registration, created=True)


def _fill_free_seats(event: Event, now: dt.datetime) -> list[Registration]:
    """Move people up from the waiting list while seats are free (event row locked)."""
    if event.start <= now:
        return []
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED)
    if event.capacity is None:
        promoted = list(waiting)
    else:
        confirmed = Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).count()
        free = max(event.capacity - confirmed, 0)
        promoted = list(waiting.order_by("created_at", "id")[:free]) if free else []
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        audit(actor=None, action="event.promote", target=registration, data={"event": event.pk})
        _notify(registration, "promoted")
    return promoted


def registration_cancel(
    *, registration: Registration, actor: User | None = None, now: dt.datetime | None = None
) -> list[Registration]:
    """Cancel a registration (idempotent); returns who moved up from the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return []
        before = current.status
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        audit(actor=actor, action="event.unregister", target=current, data={"from": before})
        promoted = _fill_free_seats(event, now) if before == Registration.Status.CONFIRMED else []
    registration.status, registration.cancelled_at = current.status, current.cancelled_at
    return promoted


def attendance_record(
    *, event: Event, present: set[int], actor: User, now: dt.datetime | None = None
) -> int:
    """Record who came: the confirmed registrations in ``present`` attended, the others
    did not. Returns the number of people marked present."""
    now = now or timezone.now()
    if not is_organiser(actor, event):
        raise PermissionError(_("Seul·e l'organisateur·rice peut noter les présences."))
    if event.start > now:
        raise EventError(_("L'événement n'a pas encore commencé : pas de présences à noter."))
    with transaction.atomic():
        confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        came = confirmed.filter(pk__in=present).update(attended=True)
        confirmed.exclude(pk__in=present).update(attended=False)
        audit(actor=actor, action="event.attendance", target=event, data={"present": came})
    return came
