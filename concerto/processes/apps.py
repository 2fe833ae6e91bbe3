from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "concerto.processes"
    label = "processes"
    verbose_name = "Démarches"
