"""Writes of the phone channel. Every function owns its transaction and audit row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.core.audit import audit
from concerto.core.pii import mask_personal_data
from concerto.processes.models import Channel, Neighbourhood, Process, Question
from concerto.voice.audio import (
    AudioError,
    AudioInfo,
    SystemDependencyMissing,
    format_duration,
    format_size,
    former_caller_hashes,
    hash_caller,
    probe,
    safe_name,
)
from concerto.voice.models import Voicemail
from concerto.voice.provider import read_received_at
from concerto.voice.speech import transcribe_file

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


def _with_notes(message: str, notes: Sequence[str]) -> str:
    return " ".join([message, *notes]).strip()


def voicemail_receive(
    *,
    data: bytes,
    name: str,
    caller: str,
    source: str,
    received_at: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> Received:
    """Store one message (idempotent on its content). Bad input is never lost: an empty,
    unreadable, too long or too large file becomes a queue entry for manual handling, with
    a French message saying why (see ``Voicemail.Problem``); so does a good recording about
    which the provider sent something unreadable (``notes``, French, e.g. an impossible
    date: ``Problem.INVALID_DATA``). Only a recording that can be listened to, within the
    length limit and without notes, goes to speech recognition."""
    now = timezone.now()
    received_at = received_at or now
    name = safe_name(name)
    if len(data) > settings.CONCERTO_VOICEMAIL_MAX_BYTES:
        return _queue_problem(
            problem=Voicemail.Problem.TOO_LARGE,
            message=_with_notes(_too_large_message(len(data)), notes),
            data=b"",
            size=len(data),
            name=name,
            caller=caller,
            source=source,
            received_at=received_at,
        )
    try:
        info = probe(data)
    except SystemDependencyMissing:
        raise  # the server's fault, not the file's: nothing is decided
    except AudioError as exc:
        empty = exc.problem == Voicemail.Problem.EMPTY
        reason = _empty_message(str(exc)) if empty else _unreadable_message(str(exc))
        return _queue_problem(
            problem=exc.problem,
            message=_with_notes(reason, notes),
            data=b"" if empty else data,  # an empty file stores nothing but the entry
            size=len(data),
            name=name,
            caller=caller,
            source=source,
            received_at=received_at,
        )
    if info.duration > settings.CONCERTO_VOICEMAIL_MAX_SECONDS:
        problem, reason = Voicemail.Problem.TOO_LONG, _too_long_message(info.duration)
    elif notes:  # the recording is fine, what came with it is not: checked by a person
        problem, reason = Voicemail.Problem.INVALID_DATA, _check_message()
    else:
        problem, reason = Voicemail.Problem.NONE, ""
    if problem:
        return _queue_problem(
            problem=problem,
            message=_with_notes(reason, notes),
            data=data,  # kept privately to be listened to, never sent to recognition
            size=len(data),
            name=name,
            caller=caller,
            source=source,
            received_at=received_at,
            info=info,
        )
    manual = not settings.CONCERTO_WHISPER_MODEL_DIR
    return _store(
        data=data,
        digest=hashlib.sha256(data).hexdigest(),
        name=name,
        caller=caller,
        source=source,
        received_at=received_at,
        info=info,
        state=Voicemail.State.MANUAL if manual else Voicemail.State.QUEUED,
        message=_manual_message() if manual else "",
        transcribe=not manual,
    )


def _store(
    *,
    data: bytes,
    digest: str,
    name: str,
    caller: str,
    source: str,
    received_at: dt.datetime,
    info: AudioInfo | None,
    state: str,
    message: str,
    problem: str = "",
    size: int | None = None,
    transcribe: bool = False,
) -> Received:
    existing = Voicemail.objects.filter(sha256=digest).first()
    if existing is not None:
        return Received(existing, created=False)
    try:
        with transaction.atomic():
            voicemail = Voicemail(
                process=_default_process(received_at),
                received_at=received_at,
                caller_hash=hash_caller(caller),
                source=source,
                sha256=digest,
                original_name=name,
                extension=info.extension if info else ".bin",
                content_type=info.content_type if info else "application/octet-stream",
                audio_format=info.format_name if info else "",
                duration=info.duration if info else 0,
                size=len(data) if size is None else size,
                state=state,
                problem=problem,
                message=message[:600],
            )
            if data:
                voicemail.audio.save("message", ContentFile(data), save=False)
            voicemail.save()
            if voicemail.caller_hash:
                # Lazy re-keying: this caller's earlier messages, hashed under a former key,
                # take the current hash (one caller stays one caller in the statistics).
                Voicemail.objects.filter(caller_hash__in=former_caller_hashes(caller)).update(
                    caller_hash=voicemail.caller_hash
                )
            audit(
                actor=None,
                action="voice.receive",
                target=voicemail,
                data={
                    "source": source,
                    "duration": voicemail.duration,
                    **({"problem": problem} if problem else {}),
                },
            )
            if transcribe:
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


def _queue_problem(
    *,
    problem: str,
    message: str,
    data: bytes,
    size: int,
    name: str,
    caller: str,
    source: str,
    received_at: dt.datetime,
    info: AudioInfo | None = None,
) -> Received:
    """A message that cannot go to speech recognition: a queue entry "to transcribe by
    hand" with its reason. Idempotent like the others: on the content when there is one,
    else on what the provider told us (name, caller, arrival time)."""
    if data:
        digest = hashlib.sha256(data).hexdigest()
    else:
        key = f"{problem}|{size}|{name}|{hash_caller(caller)}|{received_at.isoformat()}"
        digest = hashlib.sha256(key.encode()).hexdigest()
    return _store(
        data=data,
        digest=digest,
        name=name,
        caller=caller,
        source=source,
        received_at=received_at,
        info=info,
        state=Voicemail.State.MANUAL,
        message=message,
        problem=problem,
        size=size,
    )


def _check_message() -> str:
    return _(
        "Ce que l'opérateur a envoyé avec ce message n'a pas pu être lu : vérifiez-le, "
        "écoutez le message et transcrivez-le à la main."
    )


def _missing_audio_message() -> str:
    return _("l'opérateur n'a envoyé aucun fichier audio")


def _too_long_message(duration: float) -> str:
    return _(
        "Enregistrement trop long (%(duration)s, plus que le maximum de %(max)s) : il n'est "
        "pas envoyé à la reconnaissance vocale. À écouter et transcrire à la main."
    ) % {
        "duration": format_duration(duration),
        "max": format_duration(settings.CONCERTO_VOICEMAIL_MAX_SECONDS),
    }


def _too_large_message(size: int) -> str:
    return _(
        "Fichier trop volumineux (%(size)s, plus que le maximum de %(max)s) : il n'a pas été "
        "conservé. Demandez l'enregistrement à l'opérateur, ou classez le message sans suite."
    ) % {"size": format_size(size), "max": format_size(settings.CONCERTO_VOICEMAIL_MAX_BYTES)}


def _empty_message(reason: str) -> str:
    return _(
        "Fichier audio vide : il n'y a rien à écouter (%(reason)s). Classez le message sans "
        "suite, ou transcrivez-le si l'opérateur vous l'a transmis autrement."
    ) % {"reason": reason.rstrip(".")}


def _unreadable_message(reason: str) -> str:
    return _(
        "Fichier audio illisible : %(reason)s Le fichier est conservé (téléchargez-le pour "
        "l'ouvrir avec un autre lecteur) ; transcrivez-le à la main ou classez-le sans suite."
    ) % {"reason": reason}


def voicemail_queue_without_audio(
    *,
    source: str,
    caller: str = "",
    received_at: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> Voicemail:
    """The provider announced a message (a caller, a time...) without any audio: a queue
    entry says it exists, to ask the provider for the recording or to dismiss."""
    return _queue_problem(
        problem=Voicemail.Problem.EMPTY,
        message=_with_notes(_empty_message(_missing_audio_message()), notes),
        data=b"",
        size=0,
        name="message",
        caller=caller,
        source=source,
        received_at=received_at or timezone.now(),
    ).voicemail


def voicemail_queue_too_large(
    *,
    size: int,
    source: str,
    name: str = "message",
    caller: str = "",
    received_at: dt.datetime | None = None,
    notes: Sequence[str] = (),
) -> Voicemail:
    """The provider sent more than the size limit: the file is not read, but the message
    is not lost either, a queue entry says it exists."""
    return _queue_problem(
        problem=Voicemail.Problem.TOO_LARGE,
        message=_with_notes(_too_large_message(size), notes),
        data=b"",
        size=size,
        name=safe_name(name),
        caller=caller,
        source=source,
        received_at=received_at or timezone.now(),
    ).voicemail


def voicemail_dismiss(*, voicemail: Voicemail, reason: str, actor: User) -> Voicemail:
    """Close a message without a contribution (empty, a wrong number, nothing said...).
    Audited; the audio follows the retention period as any other."""
    with transaction.atomic():
        locked = Voicemail.objects.select_for_update().get(pk=voicemail.pk)
        if locked.state == Voicemail.State.TRANSCRIBED:
            raise VoiceError(_("Ce message est déjà validé : il ne peut plus être classé."))
        if locked.state == Voicemail.State.DISMISSED:
            raise VoiceError(_("Ce message est déjà classé sans suite."))
        locked.state = Voicemail.State.DISMISSED
        locked.dismissed_by = actor
        locked.dismissed_at = timezone.now()
        locked.dismiss_reason = reason.strip()[:300]
        locked.save(update_fields=["state", "dismissed_by", "dismissed_at", "dismiss_reason"])
        audit(
            actor=actor,
            action="voice.dismiss",
            target=locked,
            data={"reason": locked.dismiss_reason, "problem": locked.problem},
        )
    voicemail.refresh_from_db()
    return voicemail


def _manual_message() -> str:
    return _(
        "Aucun modèle de reconnaissance vocale n'est configuré "
        "(CONCERTO_WHISPER_MODEL_DIR) : écoutez le message et transcrivez-le à la main."
    )


# --- Speech recognition ---------------------------------------------------------------------


def voicemail_transcribe(voicemail: Voicemail) -> Voicemail:
    model_dir = settings.CONCERTO_WHISPER_MODEL_DIR
    if not model_dir:
        voicemail.state, voicemail.message = Voicemail.State.MANUAL, _manual_message()
        voicemail.save(update_fields=["state", "message"])
        return voicemail
    if voicemail.problem:  # too long, empty...: never sent to speech recognition
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
    if voicemail.state == Voicemail.State.DISMISSED:
        raise VoiceError(_("Ce message est classé sans suite."))
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
    problems: int = 0  # stored too, as queue entries to handle by hand


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
    """Take every audio file of ``inbox`` once and move it to ``done/``. An empty,
    unreadable or too long file is a queue entry too (counted in ``problems``); a file over
    the size limit is not read: its entry says so, and the file goes to ``refused/`` with a
    ``.txt`` giving the reason. Running it again does nothing new."""
    report = InboxReport()
    if not inbox.is_dir():
        return report
    for path in sorted(inbox.iterdir()):
        if not path.is_file() or path.suffix.lower() not in AUDIO_SUFFIXES:
            continue
        meta = _sidecar(path)
        given = read_received_at(meta.get("received_at", ""))
        received, notes = given.value, [given.note] if given.note else []
        size = path.stat().st_size
        if size > settings.CONCERTO_VOICEMAIL_MAX_BYTES:
            entry = voicemail_queue_too_large(
                size=size,
                source=Voicemail.Source.INBOX,
                name=path.name,
                caller=meta.get("caller", ""),
                received_at=received or dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC),
                notes=notes,
            )
            report.problems += 1
            _move(path, inbox / "refused")
            (inbox / "refused" / f"{path.name}.txt").write_text(entry.message + "\n", "utf-8")
            continue
        try:
            result = voicemail_receive(
                data=path.read_bytes(),
                name=path.name,
                caller=meta.get("caller", ""),
                source=Voicemail.Source.INBOX,
                received_at=received,
                notes=notes,
            )
        except SystemDependencyMissing:
            raise  # stop: the files stay in the inbox for the next run
        if not result.created:
            report.duplicates += 1
        elif result.voicemail.problem:
            report.problems += 1
        else:
            report.stored += 1
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
