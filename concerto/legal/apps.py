from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "concerto.legal"
    label = "legal"
    verbose_name = "Pages légales"
