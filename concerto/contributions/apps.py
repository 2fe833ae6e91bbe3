from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "concerto.contributions"
    label = "contributions"
    verbose_name = _("Contributions")

    def ready(self) -> None:
        # Connects the receivers that invalidate the cached facet counts of the list page.
        from concerto.contributions import selectors  # noqa: F401
        from concerto.contributions.search import ensure_sqlite_index

        # SQLite drops the search triggers when Django rebuilds the table of contributions.
        post_migrate.connect(
            ensure_sqlite_index, sender=self, dispatch_uid="contributions-search-index"
        )
