from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "concerto.strategy"
    label = "strategy"
    verbose_name = "Réponse de la Ville et stratégie"
