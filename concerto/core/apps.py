from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "concerto.core"
    label = "core"
    verbose_name = "Noyau"
