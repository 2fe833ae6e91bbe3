"""Cases in the person's export and erasure, retention purge, nothing of a case in logs."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from concerto.privacy.services import personal_data_erase, personal_data_export
from concerto.rights.models import Case, CaseAccess, Diagnostic
from concerto.rights.services import case_opened, purge_cases
from tests.rights import factories

pytestmark = pytest.mark.django_db


def test_export_by_case_number_includes_the_answers_and_who_opened_it(rights_agent):
    case = factories.case(rights_agent)
    case_opened(user=rights_agent, case=case)
    archive = zipfile.ZipFile(io.BytesIO(personal_data_export(receipts=[case.number.lower()])))
    data = json.loads(archive.read("data.json"))
    [exported] = data["rights_cases"]
    assert exported["number"] == case.number
    assert exported["answers"]["logement"]["loyer"] == 450
    assert exported["diagnostics"][0]["model"] == "openfisca-france 176.1.8"
    assert exported["openings"][0]["by"] == f"compte n° {rights_agent.pk}"


def test_erasure_by_case_number_deletes_the_case(rights_agent, admin_user):
    case = factories.case(rights_agent)
    other = factories.case(rights_agent)
    report = personal_data_erase(actor=admin_user, receipts=[case.number])
    assert report.others["rights_cases"] == 1 and report.changed
    assert list(Case.objects.values_list("number", flat=True)) == [other.number]
    assert not Diagnostic.objects.filter(case_id=case.pk).exists()


def test_purge_after_retention(rights_agent):
    old = factories.case(rights_agent)
    kept = factories.case(rights_agent)
    Case.objects.filter(pk=old.pk).update(purge_after=dt.date(2020, 1, 1))
    assert purge_cases(dry_run=True) == 1 and Case.objects.count() == 2
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "dossiers d'accès aux droits" in out.getvalue()
    assert list(Case.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not CaseAccess.objects.filter(case_id=old.pk).exists()


def test_retention_is_pushed_back_by_each_step(rights_agent):
    case = factories.case(rights_agent)
    assert (case.purge_after - dt.date.today()).days >= 700


def test_no_case_data_in_logs(client_for, rights_agent, caplog, openfisca_down):
    factories.place("bellevue", agents=[rights_agent])
    with caplog.at_level(logging.DEBUG):
        client_for("rights_agent").post(
            reverse("rights:diagnostic_new"),
            {
                "_place": "bellevue",
                "membres.0.role": "demandeur",
                "membres.0.date_naissance": "1977-07-17",
                "membres.0.handicap_taux": "85",
                "logement.statut": "locataire_vide",
                "logement.loyer": "612,34",
            },
        )
    text = " ".join(r.getMessage() for r in caplog.records)
    assert "OpenFisca ne répond pas" in text
    for value in ("1977-07-17", "612.34", "612,34"):
        assert value not in text


def test_case_data_is_not_in_the_api(client, rights_agent):
    case = factories.case(rights_agent)
    schema = client.get("/api/openapi.json").content.decode()
    assert "rights" not in schema.lower() or case.number not in schema
    assert "dossier" not in schema.lower()


@pytest.mark.django_db
def test_the_privacy_notice_has_a_section_for_the_counter_diagnostic(client, settings):
    import html

    settings.CONCERTO_RIGHTS_RETENTION_MONTHS = 18
    body = html.unescape(client.get(reverse("privacy")).content.decode())
    assert "Diagnostic d'accès aux droits au guichet du CCAS" in body
    assert "Effacé 18 mois après la dernière démarche" in body
