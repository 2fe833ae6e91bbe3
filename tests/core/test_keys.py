"""Keys (issue 11 §7): pseudonyms have their own key, both keys rotate without breaking
unsubscribe links nor caller hashes, and pseudonyms written before still match."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.crypto import salted_hmac

from concerto.contributions.models import Contribution
from concerto.followup.detection import followups_detect
from concerto.followup.models import FollowupDigest
from concerto.followup.notifications import followup_unsubscribe, followups_send
from concerto.followup.recipients import recipient_key, unsubscribe_token
from concerto.voice.audio import hash_caller
from tests.followup import factories as f

pytestmark = pytest.mark.django_db

OLD_PSEUDONYM_KEY = "ancienne-cle-de-pseudonymisation-" + "a" * 40
NEW_PSEUDONYM_KEY = "nouvelle-cle-de-pseudonymisation-" + "n" * 40
OLD_SECRET_KEY = "ancienne-cle-secrete-" + "s" * 50
NEW_SECRET_KEY = "nouvelle-cle-secrete-" + "S" * 50
CALLER = "06 11 22 33 44"
T0 = f.aware(2024, 3, 4, 8)


def unsubscribe_page(token: str):
    return Client().post(reverse("followup:unsubscribe", kwargs={"token": token}))


def test_rotating_secret_key_changes_no_pseudonym(settings):
    settings.SECRET_KEY = OLD_SECRET_KEY
    before = (recipient_key(f.AUTHOR_EMAIL), hash_caller(CALLER))
    settings.SECRET_KEY = NEW_SECRET_KEY  # and no fallback at all
    assert (recipient_key(f.AUTHOR_EMAIL), hash_caller(CALLER)) == before
    settings.CONCERTO_PSEUDONYM_KEY = NEW_PSEUDONYM_KEY
    assert recipient_key(f.AUTHOR_EMAIL) != before[0]
    assert hash_caller(CALLER) != before[1]


def test_old_unsubscribe_links_work_after_a_secret_key_rotation(settings, process):
    item = f.contribution(process)
    settings.SECRET_KEY = OLD_SECRET_KEY
    token = unsubscribe_token(contribution_id=item.pk, email=f.AUTHOR_EMAIL)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_SECRET_KEY, [OLD_SECRET_KEY]
    response = unsubscribe_page(token)
    assert response.status_code == 200
    assert "Désabonnement confirmé" in response.content.decode()
    item.refresh_from_db()
    assert item.followup_opt_in is False


def test_old_unsubscribe_links_work_after_a_pseudonym_key_rotation(settings, process):
    item = f.contribution(process)
    settings.CONCERTO_PSEUDONYM_KEY = OLD_PSEUDONYM_KEY
    token = unsubscribe_token(contribution_id=item.pk, email=f.AUTHOR_EMAIL)
    settings.CONCERTO_PSEUDONYM_KEY = NEW_PSEUDONYM_KEY
    assert followup_unsubscribe(token=token).contributions == 0  # without the fallback: lost
    settings.CONCERTO_PSEUDONYM_KEY_FALLBACKS = [OLD_PSEUDONYM_KEY]
    assert followup_unsubscribe(token=token).contributions == 1
    assert not Contribution.objects.filter(followup_opt_in=True).exists()


def test_links_and_digests_from_before_the_dedicated_key_still_count(settings, process):
    """Before: recipients were salted_hmac("concerto.followup.recipient", SECRET_KEY)."""
    f.full_chain(process)
    legacy = salted_hmac(
        "concerto.followup.recipient",
        f.AUTHOR_EMAIL,
        secret=settings.SECRET_KEY,
        algorithm="sha256",
    ).hexdigest()
    FollowupDigest.objects.create(
        recipient_key=legacy, sent_at=T0, contribution_count=1, event_count=1
    )
    followups_detect()
    report = followups_send(now=T0 + dt.timedelta(days=2))
    assert (report.sent, report.waiting) == (0, 1)  # the weekly limit holds
    assert mail.outbox == []


def test_pseudonyms_differ_by_purpose_and_unknown_purposes_are_refused():
    from concerto.core import pseudonym as p

    values = {p.pseudonym(purpose, "0611223344") for purpose in p.PURPOSES}
    assert len(values) == len(p.PURPOSES)
    with pytest.raises(ValueError, match="inconnu"):
        p.pseudonym("autre", "x")
