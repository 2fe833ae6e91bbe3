from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "concerto.organisations"
    label = "organisations"
    verbose_name = "Organisations"
