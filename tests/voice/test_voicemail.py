"""The phone channel: webhook, inbox, manual transcription, retention."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.processes.models import Channel
from concerto.voice.audio import hash_caller
from concerto.voice.models import Voicemail
from tests.voice.conftest import TOKEN

pytestmark = pytest.mark.django_db
URL = "/webhooks/voicemail/"
CALLER = "06 11 22 33 44"


def _post(client, data: bytes, name: str = "message.wav", token: str | None = TOKEN, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(
        URL, {"audio": SimpleUploadedFile(name, data), "caller": CALLER, **extra}, **headers
    )


def test_url_is_the_documented_one():
    assert reverse("voice:webhook") == URL


@pytest.mark.parametrize("token", [None, "", "mauvais-jeton", TOKEN + "x"])
def test_missing_or_bad_token_is_refused(client, webhook_settings, make_audio, token):
    response = _post(client, make_audio(), token=token)
    assert response.status_code == 403
    assert not Voicemail.objects.exists()


def test_no_configured_token_closes_the_webhook(client, webhook_settings, make_audio):
    webhook_settings.CONCERTO_VOICEMAIL_TOKEN = ""
    assert _post(client, make_audio(), token="").status_code == 403


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize("ext", ["wav", "mp3", "ogg", "m4a"])
def test_good_upload_is_stored_privately_with_the_number_hashed(
    client, webhook_settings, make_audio, ext
):
    data = make_audio(2.0, ext)
    response = _post(client, data, name=f"appel.{ext}")
    assert response.status_code == 201, response.content
    voicemail = Voicemail.objects.get()
    # The pseudonymisation key's HMAC (concerto.core.pseudonym), not SECRET_KEY's.
    expected = salted_hmac(
        "concerto.voice.caller",
        "0611223344",
        secret=settings.CONCERTO_PSEUDONYM_KEY,
        algorithm="sha256",
    ).hexdigest()
    assert voicemail.caller_hash == expected
    assert "0611223344" not in json.dumps(list(Voicemail.objects.values()), default=str)
    assert voicemail.audio.name.startswith("private/voicemail/")
    assert 1.5 < voicemail.duration < 2.6
    assert voicemail.received_at is not None
    assert voicemail.state == Voicemail.State.MANUAL  # no model configured
    # The same file twice: one message.
    again = _post(client, data, name=f"appel.{ext}")
    assert again.status_code == 200 and Voicemail.objects.count() == 1


def test_caller_number_is_never_shown(client_for, webhook_settings, make_audio):
    _post(client_for("anonymous"), make_audio())
    voicemail = Voicemail.objects.get()
    page = client_for("transcriber").get(reverse("voice:message", kwargs={"pk": voicemail.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert CALLER not in html and voicemail.caller_hash not in html


@pytest.mark.parametrize(
    ("data", "name", "problem", "message", "stored"),
    [
        (b"", "vide.wav", "empty", "Fichier audio vide", False),
        (
            b"ceci n'est pas un son" * 20,
            "faux.wav",
            "unreadable",
            "n'est pas un enregistrement audio",
            True,
        ),
        (b"%PDF-1.4\n%%EOF\n", "faux.mp3", "unreadable", "Fichier audio illisible", True),
    ],
)
def test_empty_and_non_audio_files_become_queue_entries(
    client, client_for, webhook_settings, data, name, problem, message, stored
):
    response = _post(client, data, name=name)
    if response.status_code == 400:  # the multipart parser dropped an empty file
        assert data == b"" and not Voicemail.objects.exists()
        from concerto.voice.services import voicemail_receive

        voicemail = voicemail_receive(data=data, name=name, caller=CALLER, source="inbox").voicemail
    else:
        assert response.status_code == 201, response.content
        assert response.json()["problem"] == problem
        voicemail = Voicemail.objects.get()
    assert voicemail.problem == problem and voicemail.state == Voicemail.State.MANUAL
    assert message in voicemail.message
    assert bool(voicemail.audio) is stored
    assert voicemail.audio.name.startswith("private/voicemail/") if stored else True
    # Visible to the reviewers, with its reason.
    listing = client_for("transcriber").get(reverse("voice:messages")).content.decode()
    assert f"Message n° {voicemail.pk}" in listing
    assert message.split()[0] in listing
    page = client_for("transcriber").get(reverse("voice:message", kwargs={"pk": voicemail.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "Classer sans suite" in html and "<audio" not in html
    if stored:  # an unreadable file is offered as a download, not played
        download = client_for("transcriber").get(
            reverse("voice:audio", kwargs={"pk": voicemail.pk})
        )
        assert download["Content-Disposition"].startswith("attachment")
        assert b"".join(download.streaming_content) == data


def test_zero_length_recording_is_an_empty_entry(client, webhook_settings, make_audio):
    response = _post(client, make_audio(0.01))
    assert response.status_code == 201
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "empty" and not voicemail.audio
    assert "durée nulle" in voicemail.message


def test_too_long_recording_is_kept_for_manual_transcription_only(
    client, client_for, webhook_settings, make_audio, settings
):
    webhook_settings.CONCERTO_VOICEMAIL_MAX_SECONDS = 60
    settings.CONCERTO_WHISPER_MODEL_DIR = "/un/modele"  # would transcribe a normal message
    data = make_audio(125.0)
    response = _post(client, data)
    assert response.status_code == 201
    voicemail = Voicemail.objects.get()
    assert response.json()["problem"] == "too_long"
    assert voicemail.state == Voicemail.State.MANUAL and voicemail.problem == "too_long"
    assert voicemail.message.startswith("Enregistrement trop long (2 min 05 s")
    assert "plus que le maximum de 1 min 00 s" in voicemail.message
    assert "transcrire à la main" in voicemail.message
    assert voicemail.audio and voicemail.audio.size == len(data)
    # Never sent to speech recognition, even when the task runs.
    from concerto.voice.tasks import transcribe_voicemail

    transcribe_voicemail.call(voicemail.pk)
    voicemail.refresh_from_db()
    assert voicemail.state == Voicemail.State.MANUAL and not voicemail.draft_text
    page = client_for("transcriber").get(reverse("voice:message", kwargs={"pk": voicemail.pk}))
    assert "<audio" in page.content.decode()  # to be listened to


def test_two_hour_message_reads_as_hours(webhook_settings):
    from concerto.voice.services import _too_long_message

    assert _too_long_message(7200.0).startswith("Enregistrement trop long (2 h 00,")


def test_size_limit_gives_an_entry_without_the_file(client, webhook_settings, make_audio):
    webhook_settings.CONCERTO_VOICEMAIL_MAX_BYTES = 1000
    response = _post(client, make_audio(2.0))
    assert response.status_code == 413
    voicemail = Voicemail.objects.get(pk=response.json()["id"])
    assert voicemail.problem == "too_large" and not voicemail.audio
    assert response.json()["error"] == voicemail.message
    assert "Fichier trop volumineux" in voicemail.message


def test_dismiss_closes_an_entry_and_is_audited(client_for, webhook_settings):
    from concerto.voice.services import voicemail_receive

    voicemail = voicemail_receive(data=b"", name="vide.wav", caller="", source="inbox").voicemail
    url = reverse("voice:dismiss", kwargs={"pk": voicemail.pk})
    assert client_for("analyst").post(url, {"reason": "x"}).status_code == 403
    client = client_for("transcriber")
    response = client.post(url, {"reason": "fichier vide"})
    assert response.status_code == 302
    voicemail.refresh_from_db()
    assert voicemail.state == Voicemail.State.DISMISSED
    assert voicemail.dismiss_reason == "fichier vide" and voicemail.dismissed_by is not None
    event = AuditEvent.objects.get(action="voice.dismiss")
    assert event.data["reason"] == "fichier vide" and event.data["problem"] == "empty"
    # Twice: refused with a message, nothing changed.
    again = client.post(url, {"reason": "encore"}, follow=True)
    assert "déjà classé" in again.content.decode()
    voicemail.refresh_from_db()
    assert voicemail.dismiss_reason == "fichier vide"
    assert AuditEvent.objects.filter(action="voice.dismiss").count() == 1


def test_inbox_once_is_idempotent(webhook_settings, make_audio, tmp_path):
    inbox = webhook_settings.CONCERTO_VOICEMAIL_INBOX
    inbox.mkdir()
    (inbox / "a.wav").write_bytes(make_audio(1.0))
    (inbox / "b.mp3").write_bytes(make_audio(1.5, "mp3"))
    (inbox / "b.mp3.json").write_text(json.dumps({"caller": "+33 6 11 22 33 44"}))
    (inbox / "vide.wav").write_bytes(b"")
    (inbox / "notes.txt").write_text("ignoré")
    call_command("watch_voicemail_inbox", "--once")
    assert Voicemail.objects.count() == 3
    assert Voicemail.objects.get(original_name="vide.wav").problem == "empty"
    hashed = Voicemail.objects.get(original_name="b.mp3").caller_hash
    assert hashed == hash_caller("06 11 22 33 44")
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "a.wav",
        "b.mp3",
        "b.mp3.json",
        "vide.wav",
    ]
    call_command("watch_voicemail_inbox", "--once")
    assert Voicemail.objects.count() == 3
    # The same file dropped again is recognised.
    (inbox / "a-bis.wav").write_bytes((inbox / "done" / "a.wav").read_bytes())
    call_command("watch_voicemail_inbox", "--once")
    assert Voicemail.objects.count() == 3


def test_inbox_file_over_the_size_limit_is_queued_not_read(webhook_settings, make_audio):
    webhook_settings.CONCERTO_VOICEMAIL_MAX_BYTES = 1000
    inbox = webhook_settings.CONCERTO_VOICEMAIL_INBOX
    inbox.mkdir()
    (inbox / "long.wav").write_bytes(make_audio(2.0))
    call_command("watch_voicemail_inbox", "--once")
    voicemail = Voicemail.objects.get()
    assert voicemail.problem == "too_large" and voicemail.original_name == "long.wav"
    assert (inbox / "refused" / "long.wav").exists()
    assert "trop volumineux" in (inbox / "refused" / "long.wav.txt").read_text()
    call_command("watch_voicemail_inbox", "--once")
    assert Voicemail.objects.count() == 1


def test_manual_transcription_gives_a_phone_contribution(
    process, client_for, webhook_settings, make_audio
):
    Channel.objects.create(
        process=process,
        kind=Channel.Kind.PHONE,
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=1),
    )
    _post(client_for("anonymous"), make_audio())
    voicemail = Voicemail.objects.get()
    assert voicemail.process == process
    client = client_for("transcriber")
    url = reverse("voice:message", kwargs={"pk": voicemail.pk})
    page = client.get(url).content.decode()
    assert "à la main" in page and "<audio" in page
    question = process.questions.first()
    hood = process.neighbourhoods.first()
    response = client.post(
        url,
        {
            "process": str(process.pk),
            "text": "Bonjour, je suis Martine Dupuis, rappelez-moi au 06 12 34 56 78. "
            "Il faut plus de bus le soir.",
            "questions": [str(question.pk)],
            "neighbourhood": str(hood.pk),
            "kind": "testimony",
            "names_to_mask": "Martine Dupuis",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    voicemail.refresh_from_db()
    contribution = voicemail.contribution
    assert contribution is not None and contribution.channel == Channel.Kind.PHONE
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.neighbourhood == hood
    text = contribution.answers.get().text
    assert "Martine" not in text and "06 12" not in text
    assert "[nom masqué]" in text and "plus de bus" in text
    assert voicemail.state == Voicemail.State.TRANSCRIBED
    # Validating twice is refused.
    assert (
        client.post(
            url,
            {
                "process": str(process.pk),
                "text": "x",
                "questions": [str(question.pk)],
                "kind": "testimony",
            },
        ).status_code
        == 400
    )


def test_audio_is_served_to_staff_only(client_for, webhook_settings, make_audio):
    data = make_audio()
    _post(client_for("anonymous"), data)
    voicemail = Voicemail.objects.get()
    url = reverse("voice:audio", kwargs={"pk": voicemail.pk})
    response = client_for("transcriber").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert client_for("analyst").get(url).status_code == 403
    assert client_for("resident").get(url).status_code == 403


def test_segments_are_timestamps_for_the_player(client_for, webhook_settings, make_audio):
    _post(client_for("anonymous"), make_audio())
    voicemail = Voicemail.objects.get()
    voicemail.segments = [{"start": 1.5, "end": 3.0, "text": "il faut des bancs"}]
    voicemail.state = Voicemail.State.READY
    voicemail.save()
    page = client_for("moderator").get(reverse("voice:message", kwargs={"pk": voicemail.pk}))
    html = page.content.decode()
    assert 'data-seek="1.5"' in html and "il faut des bancs" in html
    assert "js/voicemail" in html and "<script>" not in html


def test_task_without_model_leaves_manual_transcription(webhook_settings, make_audio):
    from concerto.voice.services import voicemail_receive
    from concerto.voice.tasks import transcribe_voicemail

    received = voicemail_receive(data=make_audio(), name="m.wav", caller="", source="inbox")
    Voicemail.objects.filter(pk=received.voicemail.pk).update(state=Voicemail.State.QUEUED)
    transcribe_voicemail.call(received.voicemail.pk)
    received.voicemail.refresh_from_db()
    assert received.voicemail.state == Voicemail.State.MANUAL
    assert "CONCERTO_WHISPER_MODEL_DIR" in received.voicemail.message


def test_purge_audio_after_retention_is_idempotent(webhook_settings, make_audio):
    from concerto.voice.services import voicemail_receive

    webhook_settings.CONCERTO_VOICEMAIL_RETENTION_DAYS = 30
    old = voicemail_receive(
        data=make_audio(1.0),
        name="vieux.wav",
        caller="",
        source="inbox",
        received_at=timezone.now() - dt.timedelta(days=31),
    ).voicemail
    recent = voicemail_receive(
        data=make_audio(2.0), name="recent.wav", caller="", source="inbox"
    ).voicemail
    path = old.audio.path
    call_command("purge_voicemail_audio")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.audio and old.audio_deleted_at is not None
    assert recent.audio
    import os

    assert not os.path.exists(path)
    call_command("purge_voicemail_audio")
    assert AuditEvent.objects.filter(action="voice.purge_audio").count() == 1


def test_missing_ffprobe_refuses_nothing(webhook_settings, make_audio, monkeypatch):
    """Without ffprobe the inbox stops with a message and leaves the files in place."""
    from concerto.voice import audio

    inbox = webhook_settings.CONCERTO_VOICEMAIL_INBOX
    inbox.mkdir()
    (inbox / "a.wav").write_bytes(make_audio(1.0))
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    with pytest.raises(audio.SystemDependencyMissing, match="make system-deps"):
        call_command("watch_voicemail_inbox", "--once")
    assert (inbox / "a.wav").exists() and not (inbox / "done").exists()
    assert not Voicemail.objects.exists()


def test_audio_supports_byte_ranges_for_the_player(client_for, webhook_settings, make_audio):
    data = make_audio()
    _post(client_for("anonymous"), data)
    url = reverse("voice:audio", kwargs={"pk": Voicemail.objects.get().pk})
    client = client_for("moderator")
    partial = client.get(url, HTTP_RANGE="bytes=10-19")
    assert partial.status_code == 206
    assert partial.content == data[10:20]
    assert partial["Content-Range"] == f"bytes 10-19/{len(data)}"
    tail = client.get(url, HTTP_RANGE="bytes=-5")
    assert tail.status_code == 206 and tail.content == data[-5:]
    whole = client.get(url, HTTP_RANGE="bytes=999999999-")
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
