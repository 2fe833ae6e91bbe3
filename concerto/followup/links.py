"""Links to a contribution's path page (``/suivi/<récépissé>/``) that the site itself gives.

Receipt numbers follow each other, so whoever types them one after the other could walk
every contribution's path: looking a number up is rate-limited per address. But every
published contribution's page, the "merci" page and the follow-up e-mails link to the path
too, and a social centre's wifi or a town-hall computer shares one address among many
people who only follow those links. So the links the site gives carry a signature of the
receipt number (``django.core.signing``, salted for this use): a GET with a valid signature
is not counted, one without (a typed or guessed address) is.

The signature reveals nothing and grants nothing but the exemption: the page is the same
as without it. A link whose signature no longer checks (the key rotated) still opens the
page, counted like a typed number.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

SALT = "concerto.followup.path-link"
PARAM = "lien"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def signature(receipt: str) -> str:
    return _signer().signature(receipt.upper())


def is_signed(receipt: str, value: str | None) -> bool:
    """Whether ``value`` is the signature the site gives for ``receipt``."""
    if not value:
        return False
    try:
        _signer().unsign(f"{receipt.upper()}{_signer().sep}{value}")
    except signing.BadSignature:
        return False
    return True


def path_url(receipt: str) -> str:
    """The path page of ``receipt``, as the public pages and the e-mails link to it."""
    path = reverse("followup:path", kwargs={"receipt": receipt})
    return f"{path}?{PARAM}={signature(receipt)}"
