from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "concerto.api"
    label = "api"
