"""Reading audio files by their content (ffprobe, from Debian's ffmpeg) and hashing the
caller's number. Every refusal carries a French message."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from concerto.core.pseudonym import CALLER, pseudonym, pseudonyms

# ffprobe format name -> (extension, content type)
FORMATS = {
    "wav": (".wav", "audio/wav"),
    "mp3": (".mp3", "audio/mpeg"),
    "ogg": (".ogg", "audio/ogg"),
    "mov,mp4,m4a,3gp,3g2,mj2": (".m4a", "audio/mp4"),
}
PROBE_TIMEOUT = 30


class AudioError(Exception):
    """The file cannot be listened to; ``str(exc)`` is a French message and ``problem``
    says why ("empty" or "unreadable", the values of ``Voicemail.Problem``)."""

    def __init__(self, message: str, problem: str = "unreadable") -> None:
        super().__init__(message)
        self.problem = problem


class SystemDependencyMissing(AudioError):
    pass


@dataclass(frozen=True)
class AudioInfo:
    format_name: str
    extension: str
    content_type: str
    duration: float


def ffprobe_path() -> str:
    path = shutil.which("ffprobe")
    if path is None:
        raise SystemDependencyMissing(
            _("ffprobe est introuvable : installez ffmpeg (lancez « make system-deps »).")
        )
    return path


def probe(data: bytes) -> AudioInfo:
    """Check that ``data`` is a WAV, MP3, OGG or M4A recording with a readable, non-zero
    duration. The duration is not capped here: a too long recording is still a message
    (``voicemail_receive`` queues it for manual transcription)."""
    if not data:
        raise AudioError(_("Le fichier audio est vide."), "empty")
    binary = ffprobe_path()
    with tempfile.NamedTemporaryFile(suffix=".audio") as handle:
        handle.write(data)
        handle.flush()
        try:
            run = subprocess.run(  # noqa: S603 - our own arguments, no shell
                [
                    binary,
                    "-v",
                    "error",
                    "-show_entries",
                    "format=format_name,duration:stream=codec_type",
                    "-of",
                    "json",
                    handle.name,
                ],
                capture_output=True,
                timeout=PROBE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise AudioError(_("Le fichier audio n'a pas pu être lu à temps.")) from exc
    unreadable = AudioError(
        _("Ce fichier n'est pas un enregistrement audio lisible (WAV, MP3, OGG ou M4A).")
    )
    if run.returncode != 0:
        raise unreadable
    try:
        info = json.loads(run.stdout or b"{}")
        fmt = info["format"]
        format_name = str(fmt["format_name"])
        duration = float(fmt.get("duration", 0) or 0)
    except (ValueError, KeyError, TypeError) as exc:
        raise unreadable from exc
    streams = info.get("streams") or []
    if format_name not in FORMATS or not any(s.get("codec_type") == "audio" for s in streams):
        raise unreadable
    if any(s.get("codec_type") == "video" for s in streams) and format_name != "mp3":
        raise unreadable  # cover art in an MP3 is fine; a video is not a voicemail
    if duration <= 0.05:
        raise AudioError(_("L'enregistrement est vide (durée nulle)."), "empty")
    extension, content_type = FORMATS[format_name]
    return AudioInfo(format_name, extension, content_type, round(duration, 2))


def format_duration(seconds: float) -> str:
    """« 2 h 00 », « 12 min 05 s », « 45 s »."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d}"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def format_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo" if size >= 1024 * 1024 else f"{size // 1024} ko"


_NON_DIGITS = re.compile(r"[^\d+]")


def _normalise_caller(number: str) -> str:
    normalised = _NON_DIGITS.sub("", number or "")
    if normalised.startswith("+33"):
        normalised = "0" + normalised[3:]
    elif normalised.startswith("0033"):
        normalised = "0" + normalised[4:]
    return normalised


def hash_caller(number: str) -> str:
    """The caller's pseudonym (``concerto.core.pseudonym``): the same caller gives the same
    hash, which cannot be turned back into the number."""
    normalised = _normalise_caller(number)
    return pseudonym(CALLER, normalised) if normalised else ""


def former_caller_hashes(number: str) -> list[str]:
    """The hashes this number had under former keys (re-keyed when it calls again)."""
    normalised = _normalise_caller(number)
    return pseudonyms(CALLER, normalised)[1:] if normalised else []


def safe_name(name: str) -> str:
    return Path(name.replace("\\", "/")).name[:120] or "message"
