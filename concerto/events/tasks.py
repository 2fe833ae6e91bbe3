"""Background e-mails for events (Django Tasks API)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from concerto.events.models import Event, Registration
from concerto.events.tokens import cancel_token

DECISION_SUBJECTS = {
    "approve": _("Votre événement « %(title)s » est publié dans l'agenda"),
    "request_changes": _("Votre événement « %(title)s » : une modification est demandée"),
    "refuse": _("Votre événement « %(title)s » n'a pas été retenu"),
    "cancel": _("Votre événement « %(title)s » est annulé"),
}

REGISTRATION_SUBJECTS = {
    Registration.Status.CONFIRMED: _("Inscription confirmée : %(title)s"),
    Registration.Status.WAITLISTED: _("Vous êtes sur la liste d'attente : %(title)s"),
    "promoted": _("Une place s'est libérée : vous êtes inscrit·e à %(title)s"),
}
# Someone asked again for a seat with this address (or this person's number): the page
# said nothing, the status goes to the address on file.
ALREADY_SUBJECTS = {
    Registration.Status.CONFIRMED: _("Vous êtes déjà inscrit·e : %(title)s"),
    Registration.Status.WAITLISTED: _("Vous êtes déjà sur la liste d'attente : %(title)s"),
}


@task()
def send_decision_email(event_id: int, transition: str) -> None:
    event = Event.objects.select_related("process", "proposer").filter(pk=event_id).first()
    if event is None or event.proposer is None or not event.proposer.email:
        return
    context = {"event": event, "transition": transition, "SITE_URL": settings.SITE_URL}
    send_mail(
        subject=str(DECISION_SUBJECTS[transition]) % {"title": event.title},
        message=render_to_string("events/email/decision.txt", context),
        from_email=None,
        recipient_list=[event.proposer.email],
    )


@task()
def send_registration_email(registration_id: int, kind: str) -> None:
    registration = (
        Registration.objects.select_related("event__process").filter(pk=registration_id).first()
    )
    if registration is None or not registration.email:
        return
    if registration.status == Registration.Status.CANCELLED:
        return
    cancel_url = settings.SITE_URL + reverse(
        "events:cancel", kwargs={"token": cancel_token(registration)}
    )
    context = {
        "registration": registration,
        "event": registration.event,
        "kind": kind,
        "cancel_url": cancel_url,
        "SITE_URL": settings.SITE_URL,
    }
    if kind == "already":
        subject = ALREADY_SUBJECTS[Registration.Status(registration.status)]
    else:
        subject = REGISTRATION_SUBJECTS[kind]
    send_mail(
        subject=str(subject) % {"title": registration.event.title},
        message=render_to_string("events/email/registration.txt", context),
        from_email=None,
        recipient_list=[registration.email],
    )
