"""The login lockout cannot be turned against other people (issue 11 §2).

Real logins through allauth's login view with the test client: failures are counted per
(address typed, client IP), the client IP is the one the rate limiter uses (trusted proxies
included), and the person who is locked out gets the French page.
"""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
ELSEWHERE = "198.51.100.20"
PROXY = "10.0.0.1"


def login(email: str, password: str, *, ip: str = ATTACKER, forwarded: str | None = None):
    """One login through allauth's view, from a fresh browser; (response, client)."""
    client = Client()
    extra = {"REMOTE_ADDR": ip}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, **extra
    )
    return response, client


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def assert_locked_page(response) -> None:
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Trop de tentatives de connexion" in html
    assert "la connexion est bloquée pendant une heure" in html


def test_five_failures_with_unknown_addresses_do_not_block_another_person():
    person = UserFactory(email="habitante.nantes@exemple.test")
    for index in range(5):
        response, _ = login(f"inconnu{index}@exemple.test", "au-hasard")
        assert response.status_code == 200  # the form again, with its error
    response, client = login(person.email, PASSWORD)  # same IP (a NAT, a proxy)
    assert response.status_code == 302
    assert logged_in(client)


def test_five_failures_on_one_unknown_address_lock_that_address_only():
    person = UserFactory(email="voisin.nantes@exemple.test")
    for _ in range(5):
        login("personne.inconnue@exemple.test", "au-hasard")
    response, _ = login("personne.inconnue@exemple.test", "au-hasard")
    assert_locked_page(response)
    response, client = login(person.email, PASSWORD)  # same IP
    assert response.status_code == 302
    assert logged_in(client)


def test_a_known_staff_address_attacked_from_one_ip_logs_in_from_another():
    staff = UserFactory(email="moderation.mairie@exemple.test", roles=["moderator"])
    statuses = [login(staff.email, "devine-un-mot-de-passe")[0].status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    # The attacker's IP is locked for this address, even with the right password.
    response, client = login(staff.email, PASSWORD)
    assert_locked_page(response)
    assert not logged_in(client)
    # Its owner, elsewhere, logs in (allauth's per-address limit would have refused).
    response, client = login(staff.email, PASSWORD, ip=ELSEWHERE)
    assert response.status_code == 302
    assert logged_in(client)


def test_behind_a_trusted_proxy_two_clients_are_two_clients(settings):
    settings.CONCERTO_TRUSTED_PROXIES = 1
    person = UserFactory(email="agent.quartier@exemple.test")
    for _ in range(5):
        login(person.email, "mauvais", ip=PROXY, forwarded=ATTACKER)
    # The attacker, through the proxy, is locked; writing another client address in front
    # of the header changes nothing (the proxy appends the real one).
    response, _ = login(person.email, PASSWORD, ip=PROXY, forwarded=ATTACKER)
    assert_locked_page(response)
    response, _ = login(person.email, PASSWORD, ip=PROXY, forwarded=f"{ELSEWHERE}, {ATTACKER}")
    assert_locked_page(response)
    # The person, through the same proxy, is not.
    response, client = login(person.email, PASSWORD, ip=PROXY, forwarded=ELSEWHERE)
    assert response.status_code == 302
    assert logged_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_allauth_limits_count_per_client_behind_the_proxy(settings):
    """allauth's own "failed logins per IP" limit uses the same client IP: eleven people
    mistyping their password through the proxy do not lock out the twelfth."""
    settings.CONCERTO_TRUSTED_PROXIES = 1
    for index in range(11):
        response, _ = login(
            f"distrait{index}@exemple.test", "oups", ip=PROXY, forwarded=f"192.0.2.{index + 1}"
        )
        assert response.status_code == 200
    person = UserFactory(email="douzieme@exemple.test")
    response, client = login(person.email, PASSWORD, ip=PROXY, forwarded="192.0.2.99")
    assert response.status_code == 302
    assert logged_in(client)


def test_attempts_are_recorded_by_normalised_address_and_client_ip(settings, caplog):
    caplog.set_level(logging.DEBUG)
    settings.CONCERTO_TRUSTED_PROXIES = 1
    login("  Cible.Exemple@EXEMPLE.test ", "mauvais", ip=PROXY, forwarded=ATTACKER)
    login("cible.exemple@exemple.test", "mauvais", ip=PROXY, forwarded=ATTACKER)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("cible.exemple@exemple.test", ATTACKER)
    assert attempt.failures_since_start == 2
    assert "cible" not in attempt.post_data.lower()  # the address typed is masked there
    for record in caplog.records:  # axes names a client by a hash, not address and IP
        if record.name.startswith("axes"):
            assert "cible" not in record.getMessage().lower()
            assert ATTACKER not in record.getMessage()


def test_a_successful_login_clears_only_its_own_pair():
    person = UserFactory(email="paire@exemple.test")
    for _ in range(3):
        login(person.email, "mauvais")
        login(person.email, "mauvais", ip=ELSEWHERE)
    response, _ = login(person.email, PASSWORD, ip=ELSEWHERE)
    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        (ATTACKER, 3)
    ]
