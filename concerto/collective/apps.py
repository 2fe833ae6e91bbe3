from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiveConfig(AppConfig):
    name = "concerto.collective"
    label = "collective"
    verbose_name = _("Cahiers d'acteurs et œuvres originales")

    def ready(self) -> None:
        from concerto.collective.services import work_publish_refusal
        from concerto.contributions.moderation import PUBLISH_GUARDS

        if work_publish_refusal not in PUBLISH_GUARDS:
            PUBLISH_GUARDS.append(work_publish_refusal)
