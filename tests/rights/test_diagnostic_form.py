"""The counter's diagnostic form: end to end on the real OpenFisca service, and every bad
input gives a French message next to its field, saves nothing, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.rights.models import Case, CaseAccess, Orientation
from tests.rights import factories

pytestmark = pytest.mark.django_db
URL = reverse("rights:diagnostic_new")

GOOD = {
    "_place": "bellevue",
    "mois": "2025-06",
    "quartier": "Bellevue",
    "membres.0.role": "demandeur",
    "membres.0.date_naissance": "1990-03-01",
    "membres.0.activite": "salarie",
    "membres.0.ressources.salaire_brut.mois.0": "1300",
    "membres.0.ressources.salaire_brut.mois.1": "1300",
    "membres.0.ressources.salaire_brut.mois.2": "1 300,00",
    "membres.0.ressources.salaire_brut.douze_mois": "15600",
    "membres.1.role": "enfant",
    "membres.1.date_naissance": "2017-05-01",
    "logement.statut": "locataire_hlm",
    "logement.loyer": "420",
    "logement.charges": "60",
    "prestations_percues.af": "0",
    "charges.energie": "80",
    "charges.mutuelle": "40",
}


@pytest.fixture
def agent_client(client_for, rights_agent):
    factories.place("bellevue", agents=[rights_agent])
    return client_for("rights_agent")


def test_form_states_its_defaults_and_works_without_javascript(agent_client):
    page = agent_client.get(URL).content.decode()
    assert "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    for default in ("Par défaut : le mois en cours.", "Nantes (44109)", "4 fois les trois"):
        assert default in page
    assert 'name="membres.0.ressources.salaire_brut.mois.0"' in page
    assert "RSDAE" in page


def test_end_to_end_diagnostic_opens_a_case(agent_client, openfisca, rights_agent):
    response = agent_client.post(URL, GOOD)
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    assert response["Location"] == reverse("rights:case", args=[case.number])
    diagnostic = case.diagnostics.get()
    assert diagnostic.country_package_version == "176.1.8"
    codes = set(Orientation.objects.filter(case=case).values_list("code", flat=True))
    assert {"ppa", "aide_logement", "asf"} <= codes
    assert case.status == Case.Status.ORIENTED and case.household_type == "parent_seul"
    page = agent_client.get(response["Location"]).content.decode()
    assert "droit potentiellement non réclamé" in page
    assert "Reste à vivre" in page and "CAF de Loire-Atlantique" in page
    assert CaseAccess.objects.filter(case=case).count() == 1
    letter = agent_client.get(reverse("rights:case_letter", args=[case.number]))
    assert letter.content.startswith(b"%PDF")


def test_service_down_says_so_in_french_and_keeps_what_was_typed(agent_client, openfisca_down):
    response = agent_client.post(URL, GOOD)
    assert response.status_code == 503
    page = response.content.decode()
    assert "ne répond pas pour le moment" in page
    assert 'value="15600"' in page and 'value="1990-03-01"' in page
    assert not Case.objects.exists()


SALARY = "membres.0.ressources.salaire_brut"
BAD_INPUTS = [
    ({"logement.loyer": "-20"}, "logement.loyer", "ne peut pas être négatif"),
    ({"logement.loyer": "beaucoup"}, "logement.loyer", "en chiffres"),
    ({"logement.loyer": "0"}, "logement.loyer", "Un·e locataire paie un loyer"),
    ({"membres.0.date_naissance": "2090-01-01"}, "membres.0.date_naissance", "dans le futur"),
    ({"membres.1.date_naissance": "1980-01-01"}, "membres.1.date_naissance", "plus âgé que"),
    ({f"{SALARY}.mois.0": "2000000"}, f"{SALARY}.mois.0", "trop élevé"),
    ({f"{SALARY}.douze_mois": "100"}, f"{SALARY}.douze_mois", "inférieur"),
    ({"membres.0.handicap_taux": "60"}, "membres.0.rsdae", "RSDAE"),
    ({"membres.0.handicap_taux": "140"}, "membres.0.handicap_taux", "entre 0 et 100"),
    ({"mois": "juin"}, "mois", "AAAA-MM"),
    ({"logement.statut": "chateau"}, "logement.statut", "valeurs proposées"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUTS)
def test_bad_input(agent_client, change, field, message):
    response = agent_client.post(URL, {**GOOD, **change})
    assert response.status_code == 200
    page = response.content.decode()
    error_id = "f-" + field.replace(".", "-") + "-error"
    assert f'id="{error_id}"' in page, page[:200]
    assert message in page.split(f'id="{error_id}"', 1)[1][:400]
    assert not Case.objects.exists()


def test_forty_household_members(agent_client):
    data = dict(GOOD)
    for i in range(2, 40):
        data[f"membres.{i}.role"] = "enfant"
        data[f"membres.{i}.date_naissance"] = "2015-01-01"
    response = agent_client.post(URL, data)
    assert response.status_code == 200
    assert "au plus 12 personnes" in response.content.decode()
    assert not Case.objects.exists()


def test_an_error_on_a_later_row_lands_on_that_row(agent_client):
    """Blank rows are skipped; the message goes back to the row that was typed."""
    data = {k: v for k, v in GOOD.items() if not k.startswith("membres.1.")}
    data["membres.3.role"] = "enfant"
    data["membres.3.date_naissance"] = "1970-01-01"
    page = agent_client.post(URL, data).content.decode()
    assert 'id="f-membres-3-date_naissance-error"' in page


def test_place_must_be_one_of_the_agents(agent_client):
    response = agent_client.post(URL, {**GOOD, "_place": "ailleurs"})
    assert "Choisissez le lieu d" in response.content.decode()
    assert not Case.objects.exists()
