from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthesisConfig(AppConfig):
    name = "concerto.synthesis"
    label = "synthesis"
    verbose_name = _("Synthèse : grille de codage, codage et aide à l'analyse")
