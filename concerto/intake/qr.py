"""The QR code of a sheet: a short signed string naming the process, the urn and the sheet.

``sign_sheet`` -> ``"C1.<process>.<urn>.<number>:<signature>"``. The signature (HMAC of the
project's secret key, django.core.signing) makes a forged or altered code detectable; the
process id lets a sheet of another process be told apart from an unknown one.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.core import signing

SALT = "concerto.intake.sheet"
PREFIX = "C1"


class QrError(ValueError):
    """A QR code that is not one of our sheets (``str(exc)`` is French)."""


@dataclass(frozen=True)
class SheetRef:
    process_id: int
    urn_id: int
    number: int


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def sign_sheet(ref: SheetRef) -> str:
    return _signer().sign(f"{PREFIX}.{ref.process_id}.{ref.urn_id}.{ref.number}")


def read_sheet(text: str) -> SheetRef:
    from django.utils.translation import gettext as _

    try:
        value = _signer().unsign(text.strip())
    except signing.BadSignature as exc:
        raise QrError(
            _("QR code non reconnu : ce n'est pas une feuille de Concerto, ou il a été altéré.")
        ) from exc
    parts = value.split(".")
    if len(parts) != 4 or parts[0] != PREFIX or not all(p.isdigit() for p in parts[1:]):
        raise QrError(_("QR code d'un format inconnu."))
    return SheetRef(int(parts[1]), int(parts[2]), int(parts[3]))


def qr_svg_data_uri(payload: str) -> str:
    """The QR code as an SVG data URI, without quiet zone (the layout keeps one around it)."""
    code = segno.make_qr(payload, error="m")
    return str(code.svg_data_uri(border=0, scale=1))
