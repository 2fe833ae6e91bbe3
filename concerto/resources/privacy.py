"""Resources hold no personal data (see ``concerto.core.personal_data``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import NotPersonal

DECLARATIONS = [
    NotPersonal(
        model="resources.Resource",
        fields=("description", "file"),
        reason=_("un document public de la démarche"),
    ),
    NotPersonal(
        model="resources.NewsPost",
        fields=("summary", "body"),
        reason=_("une actualité publique de la démarche"),
    ),
]
