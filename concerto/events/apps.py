from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "concerto.events"
    label = "events"
    verbose_name = "Événements et agenda"
