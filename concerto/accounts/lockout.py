"""Login lockout (django-axes) and the login history it keeps.

Failures are counted per (address typed, client IP) together (``AXES_LOCKOUT_PARAMETERS``):

- five failures with addresses that do not exist lock out nobody else: each address has its
  own counter, and none is shared "NULL" username;
- a known address attacked from one IP is locked there only: its owner still logs in from
  another IP;
- the client IP is ``core.clientip.client_ip`` (``CONCERTO_TRUSTED_PROXIES``), the same as
  the rate limiter's: behind the proxy, people are not one address.

Axes keeps, with the address, the IP and the browser: the attempts (deleted one hour after
the last failure, when the cool-off ends) and the successful logins (``AccessLog``, kept to
investigate a compromised account). ``login_history_purge`` erases all of it after
``CONCERTO_LOGIN_HISTORY_DAYS`` (run by ``manage.py purge_personal_data``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from concerto.core.audit import audit
from concerto.core.pseudonym import LOGIN, pseudonym


def normalise_login(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip().lower() or None


def login_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the address typed, normalised as the account's is. allauth
    authenticates with ``email=``, Django's admin with ``username=``, the form posts
    ``login``."""
    for name in ("email", "username", "login"):
        if credentials and credentials.get(name):
            return normalise_login(credentials[name])
    if request is not None:
        data = getattr(request, "POST", None) or {}
        for name in ("login", "email", "username"):
            if data.get(name):
                return normalise_login(data.get(name))
    return None


def client_str(
    username: str | None,
    ip_address: str | None,
    user_agent: str | None,
    path_info: str | None,
    request: HttpRequest | None,
) -> str:
    """AXES_CLIENT_STR_CALLABLE: how axes names a client in the logs. Neither the address
    nor the IP: a keyed hash of the pair, enough to follow one attack through the log."""
    pair = pseudonym(LOGIN, f"{username or ''}|{ip_address or ''}")[:12]
    return f"{{client: {pair}, path_info: {path_info or '-'}}}"


def login_history_purge(*, days: int, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Erase the login history older than ``days`` days (attempts, failures, successful
    logins); the number of rows erased (or to erase, with ``dry_run``)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    querysets = [
        AccessAttempt.objects.filter(attempt_time__lt=cutoff),
        AccessFailureLog.objects.filter(attempt_time__lt=cutoff),
        AccessLog.objects.filter(attempt_time__lt=cutoff),
    ]
    if dry_run:
        return sum(int(qs.count()) for qs in querysets)
    with transaction.atomic():
        erased = sum(int(qs.delete()[0]) for qs in querysets)
        if erased:
            audit(
                actor=None,
                action="accounts.login_history_purge",
                data={"days": days, "cutoff": cutoff.isoformat(), "rows": erased},
            )
    return erased
