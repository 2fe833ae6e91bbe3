from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "concerto.accounts"
    label = "accounts"
    verbose_name = "Comptes"
