from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "concerto.voice"
    label = "voice"
    verbose_name = "Messages téléphoniques"
