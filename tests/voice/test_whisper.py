"""Speech recognition with a real model, when one is installed (bin/install-whisper-model.sh):
the draft gets timestamped segments. Without a model the manual path is tested elsewhere."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from concerto.voice.models import Voicemail
from tests.voice.conftest import require

MODEL_DIR = os.environ.get("CONCERTO_WHISPER_MODEL_DIR") or str(
    Path(django_settings.BASE_DIR) / "var" / "whisper" / "base"
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (Path(MODEL_DIR) / "model.bin").exists(),
        reason="aucun modèle Whisper installé (bin/install-whisper-model.sh)",
    ),
]


def test_transcription_task_fills_a_timestamped_draft(settings, tmp_path):
    from concerto.voice.services import voicemail_receive
    from concerto.voice.tasks import transcribe_voicemail

    espeak, sox = require("espeak-ng"), require("sox")
    raw, phone = tmp_path / "raw.wav", tmp_path / "tel.wav"
    subprocess.run(
        [espeak, "-v", "fr", "-w", str(raw), "Merci de nous écouter, au revoir."], check=True
    )
    subprocess.run([sox, str(raw), "-r", "8000", "-c", "1", "-e", "mu-law", str(phone)], check=True)
    settings.CONCERTO_WHISPER_MODEL_DIR = MODEL_DIR
    received = voicemail_receive(data=phone.read_bytes(), name="tel.wav", caller="", source="inbox")
    voicemail = received.voicemail
    assert voicemail.state == Voicemail.State.QUEUED
    transcribe_voicemail.call(voicemail.pk)
    voicemail.refresh_from_db()
    assert voicemail.state == Voicemail.State.READY, voicemail.message
    assert voicemail.segments and isinstance(voicemail.segments[0]["start"], float)
    assert "revoir" in voicemail.draft_text.lower()


# espeak-ng's voice through a phone line's 8 kHz is hard to hear, for people as for Whisper:
# a plain sentence, of which the draft must share at least three words of four letters or more.
WORDS = "Bonjour, je m'appelle Paul. Il faut plus de bus le dimanche pour les personnes âgées."


def _words(text: str) -> set[str]:
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return {w for w in re.findall(r"[a-z]+", folded) if len(w) > 3}


def test_spoken_message_goes_through_webhook_task_and_review_page(
    client, client_for, webhook_settings, tmp_path, django_capture_on_commit_callbacks
):
    """End to end with the real model: espeak-ng speaks a French message, the provider posts
    it to the webhook, the transcription task fills the draft, and the review page shows it."""
    from django.urls import reverse

    from tests.voice.conftest import TOKEN

    espeak, sox = require("espeak-ng"), require("sox")
    raw, phone = tmp_path / "raw.wav", tmp_path / "appel.wav"
    subprocess.run([espeak, "-v", "fr", "-s", "130", "-w", str(raw), WORDS], check=True)
    # What a phone line delivers: 8 kHz mono mu-law.
    subprocess.run([sox, str(raw), "-r", "8000", "-c", "1", "-e", "mu-law", str(phone)], check=True)
    webhook_settings.CONCERTO_WHISPER_MODEL_DIR = MODEL_DIR
    with django_capture_on_commit_callbacks(execute=True), phone.open("rb") as audio:
        response = client.post(
            "/webhooks/voicemail/",
            {"audio": audio, "caller": "0611223344", "received_at": "2026-12-01T09:30:00+01:00"},
            HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
        )
    assert response.status_code == 201, response.content
    voicemail = Voicemail.objects.get(pk=response.json()["id"])
    assert voicemail.state == Voicemail.State.READY, voicemail.message
    shared = _words(voicemail.draft_text) & _words(WORDS)
    assert len(shared) >= 3, (voicemail.draft_text, shared)
    page = client_for("transcriber").get(reverse("voice:message", kwargs={"pk": voicemail.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert all(word in _words(html) for word in shared)
    assert "0611223344" not in html
