"""Writes of the phone channel. Every function owns its transaction and audit row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.core.audit import audit
from concerto.core.pii import mask_personal_data
from concerto.processes.models import Channel, Neighbourhood, Process, Question
from concerto.voice.audio import (
    AudioError,
    SystemDependencyMissing,
    hash_caller,
    probe,
    safe_name,
)
from concerto.voice.models import Voicemail

logger = logging.getLogger(__name__)
AUDIO_SUFFIXES = {".wav", ".mp3", ".ogg", ".m4a"}
NAME_MASK = "[nom masqué]"


class VoiceError(Exception):
    """A write was refused; ``str(exc)`` is a French message for the person."""


@dataclass
class Received:
    voicemail: Voicemail
    created: bool


def _default_process(now: dt.datetime) -> Process | None:
    for channel in Channel.objects.filter(kind=Channel.Kind.PHONE).select_related("process"):
        if channel.is_open(now):
            return channel.process
    return None


def voicemail_receive(
    *,
    data: bytes,
    name: str,
    caller: str,
    source: str,
    received_at: dt.datetime | None = None,
) -> Received:
    """Store one message (idempotent on its content). An empty, unreadable or too long
    recording raises AudioError (a French message) and leaves a row in the audit log."""
    now = timezone.now()
    received_at = received_at or now
    name = safe_name(name)
    try:
        info = probe(data)
    except SystemDependencyMissing:
        raise  # the server's fault, not the file's: nothing is refused
    except AudioError as exc:
        with transaction.atomic():
            audit(
                actor=None,
                action="voice.refused",
                data={"file": name, "source": source, "message": str(exc)},
            )
        raise
    digest = hashlib.sha256(data).hexdigest()
    existing = Voicemail.objects.filter(sha256=digest).first()
    if existing is not None:
        return Received(existing, created=False)
    manual = not settings.CONCERTO_WHISPER_MODEL_DIR
    try:
        with transaction.atomic():
            voicemail = Voicemail(
                process=_default_process(received_at),
                received_at=received_at,
                caller_hash=hash_caller(caller),
                source=source,
                sha256=digest,
                original_name=name,
                extension=info.extension,
                content_type=info.content_type,
                audio_format=info.format_name,
                duration=info.duration,
                size=len(data),
                state=Voicemail.State.MANUAL if manual else Voicemail.State.QUEUED,
                message=_manual_message() if manual else "",
            )
            voicemail.audio.save("message", ContentFile(data), save=False)
            voicemail.save()
            audit(
                actor=None,
                action="voice.receive",
                target=voicemail,
                data={"source": source, "duration": info.duration},
            )
            if not manual:
                from concerto.voice.tasks import transcribe_voicemail

                transaction.on_commit(
                    partial(transcribe_voicemail.enqueue, voicemail.pk), robust=True
                )
    except IntegrityError:
        existing = Voicemail.objects.filter(sha256=digest).first()
        if existing is None:
            raise
        return Received(existing, created=False)
    return Received(voicemail, created=True)


def _manual_message() -> str:
    return _(
        "Aucun modèle de reconnaissance vocale n'est configuré "
        "(CONCERTO_WHISPER_MODEL_DIR) : écoutez le message et transcrivez-le à la main."
    )


# --- Speech recognition ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _model(model_dir: str) -> Any:
    from faster_whisper import WhisperModel  # type: ignore[import-untyped]

    return WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=2)


def transcribe_file(path: str, model_dir: str) -> tuple[str, list[dict[str, Any]]]:
    """faster-whisper on the CPU (int8): the text and its timestamped segments."""
    # Beam 5, one temperature, no conditioning on the previous text: beam 1 loops ("me
    # faire me faire…") on poor telephone audio, and temperature fallbacks triple the time.
    segments, _info = _model(model_dir).transcribe(
        path,
        language="fr",
        beam_size=5,
        temperature=0.0,
        condition_on_previous_text=False,
        vad_filter=False,
    )
    found = [
        {"start": round(s.start, 2), "end": round(s.end, 2), "text": s.text.strip()}
        for s in segments
    ]
    return " ".join(s["text"] for s in found).strip(), found


def voicemail_transcribe(voicemail: Voicemail) -> Voicemail:
    model_dir = settings.CONCERTO_WHISPER_MODEL_DIR
    if not model_dir:
        voicemail.state, voicemail.message = Voicemail.State.MANUAL, _manual_message()
        voicemail.save(update_fields=["state", "message"])
        return voicemail
    if not voicemail.audio:
        voicemail.state = Voicemail.State.MANUAL
        voicemail.message = _("L'audio a été supprimé : transcription à la main.")
        voicemail.save(update_fields=["state", "message"])
        return voicemail
    Voicemail.objects.filter(pk=voicemail.pk).update(state=Voicemail.State.PROCESSING)
    started = time.monotonic()
    try:
        text, segments = transcribe_file(voicemail.audio.path, model_dir)
    except Exception:
        logger.exception("Transcription du message %s impossible", voicemail.pk)
        voicemail.state = Voicemail.State.ERROR
        voicemail.message = _(
            "La transcription automatique a échoué : transcrivez le message à la main."
        )
        voicemail.save(update_fields=["state", "message"])
        return voicemail
    voicemail.draft_text = mask_personal_data(text)
    voicemail.segments = [{**s, "text": mask_personal_data(s["text"])} for s in segments]
    voicemail.state = Voicemail.State.READY
    voicemail.message = ""
    voicemail.transcribed_seconds = round(time.monotonic() - started, 2)
    voicemail.save(
        update_fields=["draft_text", "segments", "state", "message", "transcribed_seconds"]
    )
    return voicemail


# --- Review ------------------------------------------------------------------------------------


def mask_names(text: str, names: list[str]) -> str:
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", NAME_MASK, text, flags=re.IGNORECASE)
    return mask_personal_data(text)


def voicemail_validate(
    *,
    voicemail: Voicemail,
    process: Process,
    questions: list[Question],
    neighbourhood: Neighbourhood | None,
    text: str,
    names_to_mask: list[str],
    actor: User,
    kind: str = Contribution.Kind.TESTIMONY,
) -> Contribution:
    """The reviewed text becomes a contribution of the "phone" channel."""
    if voicemail.state == Voicemail.State.TRANSCRIBED:
        raise VoiceError(_("Ce message est déjà validé."))
    if not questions:
        raise VoiceError(_("Choisissez au moins une question."))
    cleaned = mask_names(text, names_to_mask).strip()
    if not cleaned:
        raise VoiceError(_("Écrivez la transcription du message avant de valider."))
    with transaction.atomic():
        locked = Voicemail.objects.select_for_update().get(pk=voicemail.pk)
        if locked.contribution_id is not None:
            raise VoiceError(_("Ce message est déjà validé."))
        result = contribution_submit(
            process=process,
            data=ContributionInput(
                kind=kind,
                neighbourhood=neighbourhood,
                profile="",
                consent_publication=True,
                consent_processing=True,
                answers=dict.fromkeys(questions, cleaned),
            ),
            submission_token=uuid.uuid4(),
            channel=Channel.Kind.PHONE,
            check_channel=False,
        )
        locked.process = process
        locked.contribution = result.contribution
        locked.state = Voicemail.State.TRANSCRIBED
        locked.validated_by = actor
        locked.message = ""
        locked.save(update_fields=["process", "contribution", "state", "validated_by", "message"])
        audit(
            actor=actor,
            action="voice.transcribe",
            target=result.contribution,
            data={"voicemail": locked.pk},
        )
    voicemail.refresh_from_db()
    return result.contribution


# --- Inbox and retention --------------------------------------------------------------------


@dataclass
class InboxReport:
    stored: int = 0
    duplicates: int = 0
    refused: int = 0


def _sidecar(path: Path) -> dict[str, str]:
    meta = path.with_suffix(path.suffix + ".json")
    if not meta.exists():
        return {}
    try:
        value = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _move(path: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for item in (path, path.with_suffix(path.suffix + ".json")):
        if item.exists():
            item.replace(folder / item.name)


def inbox_poll(inbox: Path) -> InboxReport:
    """Take every audio file of ``inbox`` once: stored ones go to ``done/``, refused ones to
    ``refused/`` with a ``.txt`` giving the reason. Running it again does nothing new."""
    report = InboxReport()
    if not inbox.is_dir():
        return report
    for path in sorted(inbox.iterdir()):
        if not path.is_file() or path.suffix.lower() not in AUDIO_SUFFIXES:
            continue
        meta = _sidecar(path)
        received = parse_datetime(meta.get("received_at", "")) if meta.get("received_at") else None
        if received is not None and timezone.is_naive(received):
            received = timezone.make_aware(received)
        try:
            result = voicemail_receive(
                data=path.read_bytes(),
                name=path.name,
                caller=meta.get("caller", ""),
                source=Voicemail.Source.INBOX,
                received_at=received,
            )
        except SystemDependencyMissing:
            raise  # stop: the files stay in the inbox for the next run
        except AudioError as exc:
            report.refused += 1
            _move(path, inbox / "refused")
            (inbox / "refused" / f"{path.name}.txt").write_text(str(exc) + "\n", encoding="utf-8")
            continue
        if result.created:
            report.stored += 1
        else:
            report.duplicates += 1
        _move(path, inbox / "done")
    return report


def purge_audio(now: dt.datetime | None = None) -> int:
    """Delete the audio of messages older than the retention period. Idempotent."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=settings.CONCERTO_VOICEMAIL_RETENTION_DAYS)
    count = 0
    for voicemail in Voicemail.objects.filter(received_at__lt=limit, audio_deleted_at=None):
        with transaction.atomic():
            if voicemail.audio:
                voicemail.audio.delete(save=False)
            voicemail.audio = ""
            voicemail.audio_deleted_at = now
            voicemail.save(update_fields=["audio", "audio_deleted_at"])
            audit(actor=None, action="voice.purge_audio", target=voicemail)
        count += 1
    return count
