from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "concerto.privacy"
    label = "privacy"
    verbose_name = "Données personnelles"
