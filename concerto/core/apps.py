from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Models shown on the cached public pages (core/pagecache.py); contributions bump the
# version themselves (contributions/selectors.py), only when something public changes.
# Registrations do not: seats left on the agenda may be up to PAGE_CACHE_SECONDS old (the
# registration itself always checks the real count under a row lock).
PUBLIC_MODELS = (
    "processes.Process",
    "processes.Phase",
    "processes.Question",
    "processes.Neighbourhood",
    "processes.Channel",
    "processes.Urn",
    "resources.Resource",
    "resources.NewsPost",
    "events.Event",
    "events.RouteStop",
)


def _bump(**kwargs: object) -> None:
    from concerto.core.pagecache import bump_public_version

    bump_public_version()


class CoreConfig(AppConfig):
    name = "concerto.core"
    label = "core"
    verbose_name = _("Noyau")

    def ready(self) -> None:
        from concerto.core import checks  # noqa: F401 - registers the deploy checks

        for label in PUBLIC_MODELS:
            model = apps.get_model(label)
            post_save.connect(_bump, sender=model, dispatch_uid=f"pagecache-save-{label}")
            post_delete.connect(_bump, sender=model, dispatch_uid=f"pagecache-delete-{label}")
