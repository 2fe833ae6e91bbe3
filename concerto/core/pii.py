"""Detecting and masking personal data that people type into free text."""

from __future__ import annotations

import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# French numbers: 0X XX XX XX XX, +33 X XX XX XX XX, with spaces, dots or dashes.
PHONE_RE = re.compile(r"(?:(?:\+|00)33[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")

EMAIL_MASK = "[courriel masqué]"
PHONE_MASK = "[téléphone masqué]"


def find_personal_data(text: str) -> list[str]:
    """The e-mail addresses and phone numbers found in ``text``, in order."""
    found = [(m.start(), m.group()) for m in EMAIL_RE.finditer(text)]
    found += [(m.start(), m.group()) for m in PHONE_RE.finditer(text)]
    return [value for _, value in sorted(found)]


def mask_personal_data(text: str) -> str:
    text = EMAIL_RE.sub(EMAIL_MASK, text)
    return PHONE_RE.sub(PHONE_MASK, text)
