from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "concerto.demo"
    label = "demo"
