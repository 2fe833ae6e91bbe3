"""A caller who calls back is given their receipt number (issue 13, §3): staff search by the
day and the calling number, hashed with the webhook's own function. Numbers are invented."""

from __future__ import annotations

import datetime as dt
import html
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from concerto.core.models import AuditEvent
from concerto.voice import lookup
from concerto.voice.audio import hash_caller
from concerto.voice.models import Voicemail
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
URL = reverse("voice:receipt_lookup")
CALLER = "+33 6 00 00 00 01"  # invented


def message(process, caller: str, at: dt.datetime, contribution=None) -> Voicemail:
    return Voicemail.objects.create(
        process=process,
        received_at=at,
        caller_hash=hash_caller(caller),
        source=Voicemail.Source.WEBHOOK,
        sha256=uuid.uuid4().hex * 2,
        original_name="message.mp3",
        extension=".mp3",
        content_type="audio/mpeg",
        audio_format="mp3",
        duration=30.0,
        size=1000,
        state=Voicemail.State.TRANSCRIBED if contribution else Voicemail.State.MANUAL,
        contribution=contribution,
    )


@pytest.fixture
def messages(process):
    day = dt.datetime(2022, 3, 14, 9, 30, tzinfo=PARIS)
    done = ContributionFactory(process=process, channel="phone")
    return {
        "done": message(process, CALLER, day, done),
        "waiting": message(process, CALLER, day + dt.timedelta(hours=5)),
        "other_day": message(process, CALLER, day + dt.timedelta(days=1)),
        "other_caller": message(process, "06 00 00 00 02", day),
    }


def test_the_same_function_as_the_webhook_is_used():
    assert lookup.hash_caller is hash_caller
    # Typed with or without spaces or the country code: the same caller.
    assert hash_caller("06 00 00 00 01") == hash_caller("0600000001")


def test_staff_find_the_receipt_by_day_and_number(client_for, messages):
    client = client_for("transcriber")
    response = client.get(URL, {"number": "06.00.00.00.01", "day": "2022-03-14"})
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert messages["done"].contribution.receipt_number in text
    assert "pas encore transcrit" in text  # the second message of the day
    found = [m.pk for m in response.context["found"]]
    assert found == [messages["done"].pk, messages["waiting"].pk]
    event = AuditEvent.objects.get(action="voice.caller_lookup")
    assert event.data == {"day": "2022-03-14", "messages": found}
    assert "00 00" not in str(event.data) and "0600" not in str(event.data)


def test_a_number_typed_wrong_gives_a_clear_message_and_nothing_else(client_for, messages):
    client = client_for("transcriber")
    response = client.get(URL, {"number": "06 12", "day": "2022-03-14"})
    assert response.status_code == 400
    assert "trop peu de chiffres" in html.unescape(response.content.decode())
    response = client.get(URL, {"number": "0600000001", "day": "14 mars"})
    assert response.status_code == 400
    assert "Date illisible" in html.unescape(response.content.decode())
    response = client.get(URL, {"number": "0699999999", "day": "2022-03-14"})
    assert response.status_code == 200
    assert "Aucun message de ce numéro ce jour-là" in html.unescape(response.content.decode())
    assert AuditEvent.objects.filter(action="voice.caller_lookup").count() == 1


def test_only_staff_who_handle_messages_may_search(client_for, messages):
    for persona, expected in (
        ("anonymous", 302),
        ("resident", 403),
        ("analyst", 403),
        ("transcriber", 200),
        ("moderator", 200),
    ):
        response = client_for(persona).get(URL, {"number": CALLER, "day": "2022-03-14"})
        assert response.status_code == expected, persona


def test_one_query_whatever_the_number_of_messages(process, django_assert_num_queries):
    day = dt.datetime(2022, 3, 14, 9, 0, tzinfo=PARIS)
    for minute in range(5):
        message(process, CALLER, day + dt.timedelta(minutes=minute))
    with django_assert_num_queries(1):
        assert len(lookup.messages_of_caller(number=CALLER, day=day.date())) == 5


def test_a_message_left_before_a_key_rotation_is_still_found(settings, process):
    at = dt.datetime(2022, 3, 14, 9, 30, tzinfo=PARIS)
    before = message(process, CALLER, at)  # hashed under the key of the day
    settings.CONCERTO_PSEUDONYM_KEY_FALLBACKS = [settings.CONCERTO_PSEUDONYM_KEY]
    settings.CONCERTO_PSEUDONYM_KEY = "cle-de-pseudonymisation-tournee-" + "r" * 40
    assert hash_caller(CALLER) != before.caller_hash
    found = lookup.messages_of_caller(number=CALLER, day=at.date())
    assert [m.pk for m in found] == [before.pk]
