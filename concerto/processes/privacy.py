"""The processes hold no personal data (see ``concerto.core.personal_data``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import NotPersonal

DECLARATIONS = [
    NotPersonal(
        model="processes.Process",
        fields=(
            "summary",
            "who_may_take_part",
            "objectives",
            "policy_impacts",
            "commitment",
            "phone_number",
            "contact_email",
            "profile_labels",
        ),
        reason=_("la présentation publique de la démarche et le contact du service"),
    ),
    NotPersonal(
        model="processes.Phase", fields=("description",), reason=_("une phase de la démarche")
    ),
    NotPersonal(
        model="processes.Question",
        fields=("description", "prompts"),
        reason=_("une question posée au public"),
    ),
    NotPersonal(model="processes.Neighbourhood", fields=("name",), reason=_("un quartier")),
    NotPersonal(
        model="processes.Channel",
        fields=("instructions",),
        reason=_("les consignes publiques d'un canal"),
    ),
    NotPersonal(
        model="processes.Urn",
        fields=("place_name", "address"),
        reason=_("le lieu public d'une urne"),
    ),
]
