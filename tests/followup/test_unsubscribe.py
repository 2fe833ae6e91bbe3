"""One-click unsubscribe: a signed link, RFC 8058 headers, idempotent, audited."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.followup.detection import followups_detect
from concerto.followup.notifications import followups_send
from concerto.followup.recipients import UNSUBSCRIBE_SALT, recipient_key, unsubscribe_token
from tests.followup import factories as f

pytestmark = pytest.mark.django_db
T0 = f.aware(2024, 3, 4, 8)


def sent_link() -> str:
    followups_detect()
    followups_send(now=T0)
    message = next(m for m in mail.outbox if m.to == [f.AUTHOR_EMAIL])
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    return re.sub(r"^https?://[^/]+", "", link)


def page(response) -> str:
    return html_lib.unescape(response.content.decode())


def test_link_shows_a_button_then_the_post_unsubscribes_every_contribution_of_the_address(
    process,
):
    chain = f.full_chain(process)
    first = chain.contribution
    second = f.contribution(process, email=f.AUTHOR_EMAIL.upper())
    other = f.contribution(process, email="autre@exemple.test")
    path = sent_link()
    client = Client()
    response = client.get(path)
    assert response.status_code == 200
    assert "Me désabonner" in page(response)
    assert Contribution.objects.filter(followup_opt_in=True).count() == 3  # GET changes nothing

    response = client.post(path)
    assert response.status_code == 200
    assert "Désabonnement confirmé" in page(response)
    for item in (first, second):
        item.refresh_from_db()
        assert item.followup_opt_in is False
        assert item.email  # only the news stop; nothing else is erased
    other.refresh_from_db()
    assert other.followup_opt_in is True

    events = AuditEvent.objects.filter(action="followup.unsubscribe")
    assert events.count() == 1
    event = events.get()
    assert event.data == {"recipient": recipient_key(f.AUTHOR_EMAIL)[:12], "contributions": 2}
    assert f.AUTHOR_EMAIL not in str(event.data) + event.target_label + event.actor_label

    # Idempotent: again, the same confirmation, nothing changed, nothing more audited.
    response = client.post(path)
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="followup.unsubscribe").count() == 1
    # And no more news for that address.
    f.action(process, 2, proposals=[chain.proposal], started_on=dt.date(2024, 3, 20))
    followups_detect()
    followups_send(now=T0 + dt.timedelta(days=30))
    assert sorted(m.to[0] for m in mail.outbox) == ["autre@exemple.test", f.AUTHOR_EMAIL]


def test_one_click_post_from_the_mail_client_needs_no_csrf_token(process):
    f.full_chain(process)
    path = sent_link()
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Contribution.objects.filter(followup_opt_in=True).exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: signing.dumps({"c": 1, "k": "0" * 32}, salt="autre-sel"),
        lambda token: signing.dumps({"c": "1", "k": "0" * 32}, salt=UNSUBSCRIBE_SALT),
        lambda token: "jeton-invalide",
    ],
)
def test_tampered_tokens_are_refused(process, tamper):
    item = f.full_chain(process).contribution
    token = unsubscribe_token(contribution_id=item.pk, email=item.email)
    url = reverse("followup:unsubscribe", kwargs={"token": tamper(token)})
    assert Client().get(url).status_code == 404
    response = Client().post(url)
    assert response.status_code == 403
    assert "Lien de désabonnement invalide" in page(response)
    item.refresh_from_db()
    assert item.followup_opt_in is True
    assert not AuditEvent.objects.filter(action="followup.unsubscribe").exists()


def test_token_of_another_address_changes_nothing(process):
    """A valid token naming a contribution whose address is not the one it was made for
    (changed, or erased by the privacy purge) unsubscribes nobody."""
    item = f.full_chain(process).contribution
    token = unsubscribe_token(contribution_id=item.pk, email="ancienne@exemple.test")
    response = Client().post(reverse("followup:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.followup_opt_in is True


def test_the_token_holds_no_address(process):
    item = f.full_chain(process).contribution
    token = unsubscribe_token(contribution_id=item.pk, email=item.email)
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    assert item.email not in str(payload)
    assert "exemple" not in token
