"""The commands' bad cases: unreadable file, answers to correct, service down."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_rights_diagnose_lists_the_answers_to_correct(tmp_path):
    path = tmp_path / "foyers.json"
    household = {
        "membres": [{"role": "demandeur", "date_naissance": "2090-01-01"}],
        "logement": {"statut": "locataire_vide", "loyer": "-4"},
    }
    path.write_text(json.dumps([household]))
    with pytest.raises(CommandError) as caught:
        call_command("rights_diagnose", str(path))
    message = str(caught.value)
    assert "foyer 1 : membres.0.date_naissance" in message and "négatif" in message


def test_rights_diagnose_unreadable_file(tmp_path):
    (tmp_path / "x.json").write_text("{pas du json")
    with pytest.raises(CommandError, match="pas du JSON valide"):
        call_command("rights_diagnose", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("rights_diagnose", str(tmp_path / "absent.json"))


def test_rights_diagnose_service_down(tmp_path, openfisca_down):
    path = tmp_path / "foyer.json"
    path.write_text(json.dumps({"membres": [{"role": "demandeur", "date_naissance": "1980-01-01"}],
                                "logement": {"statut": "sans_domicile"}}))  # fmt: skip
    with pytest.raises(CommandError, match="ne répond pas"):
        call_command("rights_diagnose", str(path))


def test_loaddemo_rights_says_when_openfisca_is_down(openfisca_down):
    with pytest.raises(CommandError, match="OpenFisca ne répond pas"):
        call_command("loaddemo_rights")
