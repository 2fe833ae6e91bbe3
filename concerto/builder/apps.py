from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuilderConfig(AppConfig):
    name = "concerto.builder"
    verbose_name = _("Constructeur de démarches")
