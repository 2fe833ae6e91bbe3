"""Pseudonyms: keyed hashes of personal identifiers (e-mail addresses, phone numbers, IPs).

One derivation for the whole project, HMAC-SHA256 under ``CONCERTO_PSEUDONYM_KEY`` with a
key salt per purpose (the same address gives unrelated pseudonyms in two purposes)::

    pseudonym("followup.recipient", "jean@exemple.fr")

The key is not ``SECRET_KEY``: rotating the secret key (sessions, signed links) leaves every
stored pseudonym valid, and rotating the pseudonym key is its own documented step (README,
"Rotation des clés"):

- ``pseudonym()`` always writes with the current key;
- ``pseudonyms()`` lists what a value may have been stored under, best first: the current
  key, then each of ``CONCERTO_PSEUDONYM_KEY_FALLBACKS``, then the derivations used before
  this module existed (HMACs of ``SECRET_KEY`` and ``SECRET_KEY_FALLBACKS`` in each
  purpose's former style). Lookups compare against all of them;
- stored pseudonyms are re-keyed lazily, when the value comes back (a caller who calls
  again: ``concerto.voice``), or never need to be (a digest only matters for a week; an
  unsubscribe link carries its own pseudonym and is checked against all candidates).
  HMACs cannot be recomputed without the value, so no migration can re-key them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.utils.crypto import salted_hmac

RECIPIENT = "followup.recipient"
CALLER = "voice.caller"
RATELIMIT = "ratelimit"
LOGIN = "accounts.login"  # (address, IP) pairs in the lockout's log lines
PURPOSES = (RECIPIENT, CALLER, RATELIMIT, LOGIN)


def _salt(purpose: str) -> str:
    # "concerto.followup.recipient" is also the salt recipients were hashed with before,
    # under SECRET_KEY: putting the former SECRET_KEY in CONCERTO_PSEUDONYM_KEY_FALLBACKS
    # is enough for those.
    return f"concerto.{purpose}"


def _derive(key: str, purpose: str, value: str) -> str:
    return salted_hmac(_salt(purpose), value, secret=key, algorithm="sha256").hexdigest()


def _legacy_caller(secret: str, value: str) -> str:
    """concerto.voice before this module: a bare HMAC-SHA256 of SECRET_KEY."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


# Former derivations, from SECRET_KEY (and its fallbacks), by purpose: read, never written.
_LEGACY: dict[str, Callable[[str, str], str]] = {
    RECIPIENT: lambda secret, value: _derive(secret, RECIPIENT, value),
    CALLER: _legacy_caller,
}


def _check(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValueError(f"Usage de pseudonyme inconnu : {purpose!r}")


def pseudonym(purpose: str, value: str) -> str:
    """The pseudonym of ``value`` (already normalised by the caller) under the current key."""
    _check(purpose)
    return _derive(str(settings.CONCERTO_PSEUDONYM_KEY), purpose, value)


def pseudonyms(purpose: str, value: str) -> list[str]:
    """Every pseudonym ``value`` may be stored under, the current one first, no repeats."""
    _check(purpose)
    found = [pseudonym(purpose, value)]
    for key in settings.CONCERTO_PSEUDONYM_KEY_FALLBACKS:
        found.append(_derive(str(key), purpose, value))
    legacy = _LEGACY.get(purpose)
    if legacy is not None:
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
            found.append(legacy(str(secret), value))
    return list(dict.fromkeys(found))


def matches(purpose: str, value: str, stored: str, *, length: int | None = None) -> bool:
    """Whether ``stored`` (or its first ``length`` characters) is a pseudonym of ``value``."""
    return any(
        hmac.compare_digest(candidate[:length] if length else candidate, stored)
        for candidate in pseudonyms(purpose, value)
    )
