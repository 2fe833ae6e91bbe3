from django.apps import AppConfig


class RightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "concerto.rights"
    verbose_name = "Accès aux droits"
