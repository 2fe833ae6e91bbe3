"""Official numbers of organisations, checked by format and key.

SIREN (9 digits) and SIRET (14 digits) are checked with python-stdnum (Luhn key, La Poste's
exception included); an RNA number (répertoire national des associations) is W followed by 9
digits. Every refusal is a French message for the form.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren, siret

RNA = re.compile(r"W\d{9}")


def clean_siret(value: str) -> str:
    """A SIRET (14 digits) or a SIREN (9 digits), spaces and dots removed; '' stays ''."""
    compact = siret.compact(value or "")
    if not compact:
        return ""
    module = siren if len(compact) == 9 else siret
    try:
        return str(module.validate(compact))
    except InvalidChecksum as exc:
        raise ValidationError(
            _(
                "Ce numéro SIRET ou SIREN est mal recopié : sa clé de contrôle ne correspond "
                "pas. Vérifiez-le sur votre avis de situation au répertoire SIRENE."
            ),
            code="siret_key",
        ) from exc
    except (InvalidFormat, InvalidLength, StdnumError) as exc:
        raise ValidationError(
            _("Un numéro SIRET compte 14 chiffres (ou 9 chiffres pour un SIREN)."),
            code="siret_format",
        ) from exc


def clean_rna(value: str) -> str:
    """An RNA number: W and 9 digits (spaces removed, upper case); '' stays ''."""
    compact = re.sub(r"\s", "", value or "").upper()
    if not compact:
        return ""
    if not RNA.fullmatch(compact):
        raise ValidationError(
            _("Un numéro RNA commence par W, suivi de 9 chiffres (par exemple W442001234)."),
            code="rna_format",
        )
    return compact
