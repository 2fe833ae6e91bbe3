"""Who gets news: a recipient is an e-mail address, known to this app only by a keyed hash.

The address itself stays on the contributions (where the privacy purge erases it); digests,
audit rows and logs only ever hold ``recipient_key(address)`` or a short prefix of it.
"""

from __future__ import annotations

from django.core import signing

from concerto.core.pseudonym import RECIPIENT, matches, pseudonym, pseudonyms

UNSUBSCRIBE_SALT = "concerto.followup.unsubscribe"
# An unsubscribe link keeps working for two years: an old e-mail must still let people leave.
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365 * 2


def normalise_email(email: str) -> str:
    return email.strip().lower()


def recipient_key(email: str) -> str:
    """A stable, keyed hash of an address (``concerto.core.pseudonym``, current key)."""
    return pseudonym(RECIPIENT, normalise_email(email))


def recipient_keys(email: str) -> list[str]:
    """Every key the address may have been stored under (current key first)."""
    return pseudonyms(RECIPIENT, normalise_email(email))


def is_recipient_key_prefix(email: str, prefix: str) -> bool:
    """Whether ``prefix`` (from an unsubscribe link) names this address, under the current
    pseudonym key or a former one: links in old e-mails keep working after a rotation."""
    return matches(RECIPIENT, normalise_email(email), prefix, length=len(prefix))


def unsubscribe_token(*, contribution_id: int, email: str) -> str:
    """A signed token naming one contribution of the recipient and the hash of the address:
    nothing personal in the link (it ends up in web server logs)."""
    return signing.dumps(
        {"c": contribution_id, "k": recipient_key(email)[:32]},
        salt=UNSUBSCRIBE_SALT,
        compress=True,
    )


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """``(contribution_id, key_prefix)`` of a valid token, None if it was tampered with."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    contribution_id, key = payload.get("c"), payload.get("k")
    if not isinstance(contribution_id, int) or not isinstance(key, str) or len(key) != 32:
        return None
    return contribution_id, key
