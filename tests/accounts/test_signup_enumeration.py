"""Sign-up does not tell whether an address has an account (allauth's enumeration
prevention, which needs mandatory e-mail verification): the same page for a taken address
as for a new one; the owner of the taken address gets an "account already exists" e-mail,
and no second account is created."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from concerto.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
NEW_PASSWORD = "un-mot-de-passe-solide-2026"


def _sign_up(email: str):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    return client, response


def _page(response, typed: str) -> bytes:
    return CSRF.sub(b"", response.content).replace(typed.encode(), b"ADRESSE")


def test_signup_with_a_taken_address_gives_the_same_page():
    UserFactory(email="deja@exemple.test")
    mail.outbox.clear()
    taken_client, taken = _sign_up("deja@exemple.test")
    new_client, new = _sign_up("nouvelle@exemple.test")

    assert taken.status_code == new.status_code == 200
    assert taken.redirect_chain == new.redirect_chain
    # Byte for byte, once the CSRF token and the address typed (echoed back) are set aside.
    assert _page(taken, "deja@exemple.test") == _page(new, "nouvelle@exemple.test")
    body = taken.content.decode()
    assert "existe" not in body and "already" not in body
    # No second account, and nobody is signed in by either request.
    assert User.objects.filter(email__iexact="deja@exemple.test").count() == 1
    assert "_auth_user_id" not in taken_client.session
    assert "_auth_user_id" not in new_client.session
    # The owner of the taken address is told by e-mail; the new address gets its link.
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"deja@exemple.test", "nouvelle@exemple.test"}
    assert "/comptes/password/reset/" in by_address["deja@exemple.test"].body
    assert "/comptes/confirm-email/" not in by_address["deja@exemple.test"].body
    assert "/comptes/confirm-email/" in by_address["nouvelle@exemple.test"].body


def test_a_new_account_signs_in_once_its_address_is_verified():
    mail.outbox.clear()
    client, _response = _sign_up("nouvelle@exemple.test")
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/\S+/)", mail.outbox[0].body)
    assert link is not None
    assert client.post(link.group(1)).status_code == 302
    assert EmailAddress.objects.get(email="nouvelle@exemple.test").verified
    login = Client().post(
        reverse("account_login"), {"login": "nouvelle@exemple.test", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302 and login["Location"] == "/"


def test_an_unverified_account_cannot_sign_in_until_verified():
    user = UserFactory(email="pas-verifiee@exemple.test", email_verified=False)
    mail.outbox.clear()
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "/comptes/confirm-email/" in mail.outbox[0].body
