"""Voicemails of the Nantes demo (``manage.py loaddemo``): no audio, so that loading the
demo needs neither espeak-ng nor a speech model.

- Every phone contribution of the demo gets the message it came from: validated, its
  audio deleted after the retention period (as the purge command would have done).
- A few messages wait in the reviewers' queue: drafts from the speech recognition with
  their timestamps, a message to transcribe by hand, a recording too long for the speech
  recognition, an empty file. The texts are invented; no real person is named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.conf import settings

from concerto.contributions.models import Contribution
from concerto.processes.models import Channel, Process
from concerto.voice.models import Voicemail

# (duration in seconds, state, problem, draft segments (start, end, text))
Segment = tuple[float, float, str]
PENDING: tuple[tuple[float, str, str, tuple[Segment, ...]], ...] = (
    (
        48.0,
        Voicemail.State.READY,
        "",
        (
            (0.0, 6.4, "Bonjour, j'appelle pour les assises des solidarités."),
            (
                6.4,
                19.8,
                "Je suis à la retraite, j'habite seule aux Dervallières et l'hiver "
                "je ne vois plus personne, les bus sont rares le dimanche.",
            ),
            (
                19.8,
                34.0,
                "Il faudrait des visites de bénévoles, ou un café le dimanche "
                "après-midi à la maison de quartier.",
            ),
            (34.0, 48.0, "Voilà, merci de m'avoir écoutée, au revoir."),
        ),
    ),
    (
        71.5,
        Voicemail.State.READY,
        "",
        (
            (0.0, 9.1, "Oui bonjour, c'est pour donner mon avis sur la précarité."),
            (
                9.1,
                27.3,
                "Je travaille à temps partiel et à la fin du mois il ne reste rien, "
                "on n'ose pas aller à l'épicerie solidaire, on a honte.",
            ),
            (
                27.3,
                51.0,
                "Ce serait bien que les aides soient expliquées simplement, dans un "
                "seul endroit, avec quelqu'un qui prend le temps.",
            ),
            (51.0, 71.5, "Et pour les enfants, que la cantine soit moins chère. Merci."),
        ),
    ),
    (64.0, Voicemail.State.MANUAL, "", ()),
    (2 * 3600.0, Voicemail.State.MANUAL, Voicemail.Problem.TOO_LONG, ()),
    (0.0, Voicemail.State.MANUAL, Voicemail.Problem.EMPTY, ()),
)
MESSAGES = {
    "": "Transcription automatique indisponible pour ce message : écoutez-le et "
    "transcrivez-le à la main.",
    Voicemail.Problem.TOO_LONG: "Enregistrement trop long (2 h 00, plus que le maximum de "
    "10 min 00 s) : il n'est pas envoyé à la reconnaissance vocale. À écouter et transcrire "
    "à la main.",
    Voicemail.Problem.EMPTY: "Fichier audio vide : il n'y a rien à écouter (Le fichier "
    "audio est vide). Classez le message sans suite, ou transcrivez-le si l'opérateur vous "
    "l'a transmis autrement.",
}


def _digest(process: Process, key: str) -> str:
    return hashlib.sha256(f"demo-voicemail|{process.pk}|{key}".encode()).hexdigest()


def load_voicemails(*, process: Process, now: dt.datetime) -> int:
    """The demo's voicemails; returns how many were created."""
    rng = random.Random(2022)
    retention = dt.timedelta(days=settings.CONCERTO_VOICEMAIL_RETENTION_DAYS)
    rows = []
    phone = Contribution.objects.filter(process=process, channel=Channel.Kind.PHONE)
    for contribution in phone.order_by("submitted_at").only("pk", "submitted_at"):
        received = contribution.submitted_at - dt.timedelta(hours=rng.randint(2, 40))
        rows.append(
            Voicemail(
                process=process,
                received_at=received,
                source=Voicemail.Source.WEBHOOK,
                sha256=_digest(process, f"c{contribution.pk}"),
                original_name="message.mp3",
                extension=".mp3",
                content_type="audio/mpeg",
                audio_format="mp3",
                duration=float(rng.randint(20, 150)),
                size=0,
                state=Voicemail.State.TRANSCRIBED,
                contribution=contribution,
                audio_deleted_at=received + retention if received + retention < now else None,
            )
        )
    channel = Channel.objects.filter(process=process, kind=Channel.Kind.PHONE).first()
    if channel is not None:
        last = min(channel.closes_at, now) - dt.timedelta(hours=30)
        for index, (duration, state, problem, segments) in enumerate(PENDING):
            received = last + dt.timedelta(hours=5 * index)
            text = " ".join(s[2] for s in segments)
            rows.append(
                Voicemail(
                    process=process,
                    received_at=received,
                    source=Voicemail.Source.WEBHOOK,
                    sha256=_digest(process, f"p{index}"),
                    original_name="message.mp3",
                    extension=".mp3",
                    content_type="audio/mpeg",
                    audio_format="mp3" if duration else "",
                    duration=duration,
                    size=0,
                    state=state,
                    problem=problem,
                    message="" if segments else MESSAGES[problem],
                    draft_text=text,
                    segments=[{"start": a, "end": b, "text": t} for a, b, t in segments],
                    transcribed_seconds=round(duration * 0.3, 1) if segments else None,
                )
            )
    Voicemail.objects.bulk_create(rows)
    return len(rows)
