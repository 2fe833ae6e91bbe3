"""Phone numbers typed by people: one stored form (E.164, ``+33612345678``) whatever way
they were typed (``06 12 34 56 78``, ``0033 6 12 34 56 78``, ``+33 6 12 34 56 78``), so that
the same number is recognised as the same person. Numbers without a country code are read
as French (``DEFAULT_REGION``). Parsing is Google's libphonenumber (``phonenumbers``)."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "FR"


class InvalidPhoneNumber(ValueError):
    """Not a phone number that can be dialled (too short, too long, letters...)."""


def normalise_phone(raw: str, *, region: str = DEFAULT_REGION) -> str:
    """``raw`` in E.164 (``+33612345678``); "" for an empty value. Raises
    :class:`InvalidPhoneNumber` for anything that is not a possible number."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(raw) from exc
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhoneNumber(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(stored: str, *, region: str = DEFAULT_REGION) -> str:
    """A stored number as people read it: ``06 12 34 56 78`` for a French number,
    ``+44 20 7946 0958`` for another country; a value that cannot be read is shown as it is
    (rows typed before numbers were normalised)."""
    try:
        number = phonenumbers.parse(stored, region)
    except phonenumbers.NumberParseException:
        return stored
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
