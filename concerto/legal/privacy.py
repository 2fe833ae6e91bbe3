"""The legal pages hold no personal data but the number of the admin who edited them (see
``concerto.core.personal_data``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import Erasure, NotPersonal, PersonalData

DECLARATIONS = [
    PersonalData(
        model="legal.LegalTexts",
        fields=("updated_by",),
        subject=_("l'administrateur·rice qui a modifié les pages légales (son numéro)"),
        erasure=Erasure.KEEP,
        retention=_("tant que les pages légales existent : qui les a modifiées en dernier"),
    ),
    NotPersonal(
        model="legal.LegalTexts",
        fields=(
            "publisher",
            "host",
            "data_controller",
            "dpo_contact",
            "audit_scope",
            "non_conformities",
            "derogations",
            "accessibility_contact",
            "charter",
        ),
        reason=_(
            "les textes publics des pages légales : l'organisme public, son hébergeur et les "
            "contacts de ses services"
        ),
    ),
]
