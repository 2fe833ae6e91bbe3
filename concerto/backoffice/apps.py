from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "concerto.backoffice"
    label = "backoffice"
