"""Signed links sent by e-mail: cancelling a registration without an account."""

from __future__ import annotations

from django.core import signing

from concerto.events.models import Registration

CANCEL_SALT = "concerto.events.registration.cancel"
CANCEL_LINK_MAX_AGE = 60 * 60 * 24 * 365


def cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    try:
        payload = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    registration_id, event_id = payload.get("r"), payload.get("e")
    if not isinstance(registration_id, int) or not isinstance(event_id, int):
        return None
    return (
        Registration.objects.select_related("event__process")
        .filter(pk=registration_id, event_id=event_id)
        .first()
    )
