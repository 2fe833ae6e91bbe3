from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "concerto.contributions"
    label = "contributions"
    verbose_name = "Contributions"
