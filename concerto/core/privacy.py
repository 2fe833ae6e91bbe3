"""Personal data of the shared kernel (see ``concerto.core.personal_data``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import Erasure, NotPersonal, PersonalData

DECLARATIONS = [
    PersonalData(
        model="core.AuditEvent",
        fields=("actor",),
        subject=_("le membre de l'équipe qui a agi (les comptes y sont nommés par leur numéro)"),
        erasure=Erasure.KEEP,
        retention=_(
            "pour toujours : le journal d'audit ne se modifie pas ; une habitante ou un "
            "habitant n'y est jamais lié à son compte, seulement nommé par un numéro"
        ),
    ),
    NotPersonal(
        model="core.AuditEvent",
        fields=("reason", "data"),
        reason=_(
            "le motif d'une décision et des numéros ou des comptes, jamais d'adresse ni de "
            "texte de contribution (tests/core/test_audit_labels.py)"
        ),
    ),
    NotPersonal(
        model="core.SiteIdentity",
        fields=("platform_name", "city_name", "footer_links", "contact_address", "contact_phone"),
        reason=_("l'identité publique de la Ville et de son site : son nom et son accueil"),
    ),
]
