from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "concerto.reports"
    label = "reports"
    verbose_name = "Rapport de synthèse"
