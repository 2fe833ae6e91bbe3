from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "concerto.contributions"
    label = "contributions"
    verbose_name = "Contributions"

    def ready(self) -> None:
        # Connects the receivers that invalidate the cached facet counts of the list page.
        from concerto.contributions import selectors  # noqa: F401
