"""SIRET/SIREN by format and key (python-stdnum), RNA by format: French messages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from concerto.organisations.numbers import clean_rna, clean_siret


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("732 829 320 00074", "73282932000074"),  # SIRET, spaces accepted
        ("732.829.320", "732829320"),  # SIREN
        ("35600000000048", "35600000000048"),  # La Poste: its own key rule
        ("", ""),
    ],
)
def test_good_numbers_are_kept_compact(typed, stored):
    assert clean_siret(typed) == stored


def test_a_wrong_key_is_refused_in_french():
    with pytest.raises(ValidationError) as caught:
        clean_siret("73282932000075")
    assert caught.value.code == "siret_key"
    assert "clé de contrôle" in caught.value.messages[0]


@pytest.mark.parametrize("typed", ["1234", "7328293200007A", "123456789012345"])
def test_a_wrong_format_is_refused(typed):
    with pytest.raises(ValidationError) as caught:
        clean_siret(typed)
    assert caught.value.code in {"siret_format", "siret_key"}
    assert "14 chiffres" in caught.value.messages[0] or "clé" in caught.value.messages[0]


@pytest.mark.parametrize(("typed", "stored"), [("w442001234", "W442001234"), ("", "")])
def test_rna(typed, stored):
    assert clean_rna(typed) == stored


@pytest.mark.parametrize("typed", ["W44200123", "X442001234", "W4420012345", "W44200123A"])
def test_bad_rna_is_refused(typed):
    with pytest.raises(ValidationError, match="W, suivi de 9 chiffres"):
        clean_rna(typed)
