from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "concerto.followup"
    label = "followup"
    verbose_name = "Droit de suite"
