from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "concerto.intake"
    label = "intake"
    verbose_name = "Formulaires papier"
