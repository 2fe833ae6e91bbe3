"""Personal data of the phone channel (see ``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import Erasure, ExportBundle, PersonalData, Subject, iso
from concerto.voice.models import Voicemail


def _messages(subject: Subject) -> QuerySet[Voicemail]:
    return (
        Voicemail.objects.filter(contribution_id__in=subject.contribution_ids)
        .select_related("contribution")
        .order_by("received_at", "id")
    )


def _export(voicemail: Voicemail, bundle: ExportBundle) -> dict[str, Any]:
    assert voicemail.contribution is not None
    receipt = get_valid_filename(voicemail.contribution.receipt_number)
    audio = ""
    if voicemail.audio:
        audio = bundle.add_file(
            f"voicemail/{receipt}/message{voicemail.extension}", voicemail.audio
        )
    return {
        "receipt_number": voicemail.contribution.receipt_number,
        "received_at": iso(voicemail.received_at),
        "duration_seconds": voicemail.duration,
        "draft_text": voicemail.draft_text,
        "audio": audio,
        "audio_deleted_at": iso(voicemail.audio_deleted_at),
    }


def _erase(
    rows: QuerySet[Voicemail], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # The voice, the caller's number (as a hash) and the machine's draft go; the row stays.
    changed = 0
    for voicemail in Voicemail.objects.filter(pk__in=rows.values("pk")).select_for_update():
        if voicemail.audio or voicemail.caller_hash or voicemail.draft_text or voicemail.segments:
            if voicemail.audio:
                bundle.deleted_files.append(voicemail.audio.name)
                voicemail.audio_deleted_at = now
            voicemail.audio = ""
            voicemail.caller_hash = ""
            voicemail.draft_text = ""
            voicemail.segments = []
            voicemail.save(
                update_fields=["audio", "caller_hash", "draft_text", "segments", "audio_deleted_at"]
            )
            changed += 1
    return {"voicemails": changed}


DECLARATIONS = [
    PersonalData(
        model="voice.Voicemail",
        fields=(
            "caller_hash",
            "audio",
            "original_name",
            "draft_text",
            "segments",
            "message",
            "dismiss_reason",
        ),
        subject=_("la personne qui a laissé le message"),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "l'enregistrement : CONCERTO_VOICEMAIL_RETENTION_DAYS jours "
            "(purge_voicemail_audio) ; le numéro n'est gardé que sous forme d'empreinte"
        ),
        rows=_messages,
        export_key="voicemails",
        export=_export,
        erase=_erase,
    ),
    PersonalData(
        model="voice.Voicemail",
        fields=("validated_by", "dismissed_by"),
        subject=_("le membre de l'équipe qui a relu ou classé le message (son numéro)"),
        erasure=Erasure.KEEP,
        retention=_("la durée de la démarche : trace du travail de l'équipe"),
    ),
]
