from django.apps import AppConfig


class BuilderConfig(AppConfig):
    name = "concerto.builder"
    verbose_name = "Constructeur de démarches"
