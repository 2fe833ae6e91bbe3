"""Background work of the phone channel (Django Tasks API): speech recognition."""

from __future__ import annotations

from django_tasks import task

from concerto.voice.models import Voicemail


@task()
def transcribe_voicemail(voicemail_id: int) -> None:
    from concerto.voice.services import voicemail_transcribe

    voicemail = Voicemail.objects.filter(pk=voicemail_id).first()
    if voicemail is not None and voicemail.state in (
        Voicemail.State.QUEUED,
        Voicemail.State.PROCESSING,
    ):
        voicemail_transcribe(voicemail)
