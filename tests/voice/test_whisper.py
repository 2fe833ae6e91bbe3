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
