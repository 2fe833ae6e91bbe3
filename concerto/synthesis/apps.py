from django.apps import AppConfig


class SynthesisConfig(AppConfig):
    name = "concerto.synthesis"
    label = "synthesis"
    verbose_name = "Synthèse : grille de codage, codage et aide à l'analyse"
