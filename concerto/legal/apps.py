from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "concerto.legal"
    label = "legal"
    verbose_name = _("Pages légales")
