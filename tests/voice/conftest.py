from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TOKEN = "jeton-secret-de-test-0123456789"


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} est introuvable : lancez `make system-deps` (paquets Debian).")
    return path


@pytest.fixture
def make_audio(tmp_path):
    """make_audio(seconds, ext) -> bytes of a generated tone (ffmpeg)."""
    ffmpeg = require("ffmpeg")
    require("ffprobe")

    def make(seconds: float = 2.0, ext: str = "wav") -> bytes:
        out = tmp_path / f"son-{seconds}.{ext}"
        subprocess.run(
            [
                ffmpeg,
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=440:duration={seconds}",
                "-ar",
                "8000",
                "-ac",
                "1",
                str(out),
            ],
            check=True,
        )
        return Path(out).read_bytes()

    return make


@pytest.fixture
def webhook_settings(settings, tmp_path):
    settings.CONCERTO_VOICEMAIL_TOKEN = TOKEN
    settings.CONCERTO_WHISPER_MODEL_DIR = ""
    settings.CONCERTO_VOICEMAIL_INBOX = tmp_path / "inbox"
    return settings
