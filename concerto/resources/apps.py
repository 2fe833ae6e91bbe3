from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "concerto.resources"
    label = "resources"
    verbose_name = "Ressources et actualités"
