"""Delete the audio of voicemails older than CONCERTO_VOICEMAIL_RETENTION_DAYS."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from concerto.voice.services import purge_audio


class Command(BaseCommand):
    help = "Supprime l'audio des messages plus anciens que la durée de conservation."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_audio()
        self.stdout.write(
            f"{count} audio(s) supprimé(s) (conservation : "
            f"{settings.CONCERTO_VOICEMAIL_RETENTION_DAYS} jours)."
        )
