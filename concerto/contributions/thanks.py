"""The "merci" page shown after an online contribution: its link is signed and short-lived
(``THANKS_MAX_AGE``), so it cannot be guessed, nor reopened from a shared computer's
history days later. It shows the receipt, never the text (which may hold what moderation
would mask)."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from concerto.contributions.models import Contribution

THANKS_SALT = "concerto.contributions.thanks"
THANKS_MAX_AGE = 24 * 60 * 60  # seconds


def thanks_url(contribution: Contribution) -> str:
    token = signing.dumps({"c": contribution.pk}, salt=THANKS_SALT)
    return reverse(
        "contributions:thanks", kwargs={"slug": contribution.process.slug, "token": token}
    )


def contribution_from_thanks_token(token: str, *, slug: str) -> Contribution | None:
    """The contribution of a valid, unexpired link of process ``slug``, or None."""
    try:
        payload = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("c"), int):
        return None
    return (
        Contribution.objects.select_related("process")
        .filter(pk=payload["c"], process__slug=slug)
        .first()
    )
