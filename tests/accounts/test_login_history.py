"""The login history (django-axes) is purged by the retention command (issue 11 §5)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.core.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def rows(when: dt.datetime, email: str) -> None:
    common = {"username": email, "ip_address": "203.0.113.8", "user_agent": "Navigateur"}
    AccessLog.objects.create(**common)
    AccessFailureLog.objects.create(**common)
    AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="", **common)
    for model in (AccessLog, AccessFailureLog, AccessAttempt):  # attempt_time is auto_now_add
        model.objects.filter(username=email).update(attempt_time=when)


def purge(*args: str) -> str:
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_history_older_than_the_delay_is_erased(settings):
    settings.CONCERTO_LOGIN_HISTORY_DAYS = 30
    now = timezone.now()
    rows(now - dt.timedelta(days=31), "ancienne@exemple.test")
    rows(now - dt.timedelta(days=29), "recente@exemple.test")

    assert "(adresse, IP, navigateur) à effacer : 3" in purge("--dry-run")
    assert AccessLog.objects.count() == 2  # the dry run erased nothing

    assert "historique des connexions de plus de 30 jours" in (out := purge())
    assert "(adresse, IP, navigateur) effacé(e)s : 3" in out
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["recente@exemple.test"]
    event = AuditEvent.objects.get(action="accounts.login_history_purge")
    assert event.data["rows"] == 3 and event.data["days"] == 30
    assert "exemple.test" not in str(event.data)

    assert "effacé(e)s : 0" in purge()  # idempotent
    assert AuditEvent.objects.filter(action="accounts.login_history_purge").count() == 1


def test_a_real_login_is_recorded_then_purged(settings):
    settings.CONCERTO_LOGIN_HISTORY_DAYS = 1
    user = UserFactory(email="connexion@exemple.test")
    response = Client().post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302
    log = AccessLog.objects.get()
    assert (log.username, log.ip_address) == ("connexion@exemple.test", "192.0.2.7")
    AccessLog.objects.update(attempt_time=timezone.now() - dt.timedelta(days=2))
    purge()
    assert not AccessLog.objects.exists()
