"""What the provider sends that cannot be read never loses a message: an impossible date,
a missing field, a garbage field. The message is a queue entry with its reason (audio kept
privately, to check and transcribe by hand); the webhook answers 2xx, and a documented 4xx
only when nothing was received. The inbox's sidecar files are read the same way."""

from __future__ import annotations

import datetime as dt
import json
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from concerto.voice.models import Voicemail
from concerto.voice.provider import read_received_at
from tests.voice.conftest import TOKEN

pytestmark = pytest.mark.django_db
URL = "/webhooks/voicemail/"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def _post(client, fields: dict, **extra):
    return client.post(URL, fields, **AUTH, **extra)


def _audio(make_audio, seconds: float = 1.5) -> SimpleUploadedFile:
    return SimpleUploadedFile("appel.wav", make_audio(seconds))


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-02-30T10:00:00+01:00", "date impossible"),
        ("2024-13-01T10:00:00", "date impossible"),
        ("2024-01-01T25:00:00", "date impossible"),
        ("hier vers midi", "ce n'est pas une date"),
        ("1970-01-01T00:00:00Z", "date invraisemblable"),
        ("2999-01-01T00:00:00Z", "date invraisemblable"),
    ],
)
def test_an_unreadable_date_keeps_the_message_to_check(
    client,
    client_for,
    webhook_settings,
    make_audio,
    django_capture_on_commit_callbacks,
    value,
    reason,
):
    webhook_settings.CONCERTO_WHISPER_MODEL_DIR = "/un/modele"  # would transcribe otherwise
    before = timezone.now()
    with django_capture_on_commit_callbacks() as callbacks:
        response = _post(
            client, {"audio": _audio(make_audio), "caller": "0611223344", "received_at": value}
        )
    assert response.status_code == 201, response.content
    body = response.json()
    voicemail = Voicemail.objects.get()
    assert body["id"] == voicemail.pk and body["problem"] == "invalid_data"
    assert voicemail.problem == Voicemail.Problem.INVALID_DATA
    assert voicemail.state == Voicemail.State.MANUAL
    assert callbacks == []  # not sent to speech recognition: checked by a person
    assert reason in voicemail.message and value[:20] in voicemail.message
    assert before <= voicemail.received_at <= timezone.now()  # the arrival time
    assert voicemail.audio.name.startswith("private/voicemail/")
    page = client_for("transcriber").get(reverse("voice:message", kwargs={"pk": voicemail.pk}))
    html = unescape(page.content.decode())
    assert "données de l'opérateur à vérifier" in html and reason in html
    assert "<audio" in html  # a good recording: played, not only downloaded


def test_a_good_date_is_used_and_a_naive_one_is_paris_time(client, webhook_settings, make_audio):
    _post(client, {"audio": _audio(make_audio), "received_at": "2022-04-12T09:30:00"})
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "" and voicemail.message.startswith("Aucun modèle")
    local = timezone.localtime(voicemail.received_at)
    assert (local.date(), local.hour, local.minute) == (dt.date(2022, 4, 12), 9, 30)


def test_missing_caller_and_date_are_not_problems(client, webhook_settings, make_audio):
    response = _post(client, {"audio": _audio(make_audio)})
    assert response.status_code == 201
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "" and voicemail.caller_hash == ""


def test_missing_audio_with_a_caller_is_an_entry(client, webhook_settings):
    response = _post(client, {"caller": "0611223344", "received_at": "2024-02-30T10:00:00"})
    assert response.status_code == 201
    voicemail = Voicemail.objects.get()
    assert response.json()["problem"] == "empty" == voicemail.problem
    assert "aucun fichier audio" in voicemail.message
    assert "date impossible" in voicemail.message
    assert not voicemail.audio


def test_the_file_under_another_field_name_is_the_message(client, webhook_settings, make_audio):
    response = _post(client, {"recording": _audio(make_audio), "caller": "0611223344"})
    assert response.status_code == 201
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "invalid_data" and voicemail.duration > 1
    assert "« recording »" in voicemail.message


def test_audio_sent_as_text_is_kept_as_unreadable(client, webhook_settings):
    response = _post(client, {"audio": "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQ"})
    assert response.status_code == 201
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "unreadable" and voicemail.audio
    assert "n'était pas un fichier" in voicemail.message


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", "multipart/form-data; boundary=rien"),
        (b"--rien\r\nContent-Disposition: form-data; name=\r\n", "multipart/form-data"),
        (b'{"audio": "..."}', "application/json"),
    ],
)
def test_nothing_received_is_a_documented_400(client, webhook_settings, body, content_type):
    response = client.post(URL, body, content_type=content_type, **AUTH)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Voicemail.objects.exists()


def test_inbox_sidecar_with_an_impossible_date(webhook_settings, make_audio):
    inbox = webhook_settings.CONCERTO_VOICEMAIL_INBOX
    inbox.mkdir()
    (inbox / "a.wav").write_bytes(make_audio(1.0))
    (inbox / "a.wav.json").write_text(json.dumps({"received_at": "2023-02-29T08:00:00"}))
    call_command("watch_voicemail_inbox", "--once")
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "invalid_data" and "date impossible" in voicemail.message
    assert (inbox / "done" / "a.wav").exists()


def test_reading_a_date():
    assert read_received_at("").value is None and read_received_at("").note == ""
    read = read_received_at("2022-04-12T09:30:00+02:00")
    assert read.value == dt.datetime(2022, 4, 12, 7, 30, tzinfo=dt.UTC) and not read.note
    long_garbage = read_received_at("x" * 500 + "\x00")
    assert long_garbage.value is None and len(long_garbage.note) < 250
