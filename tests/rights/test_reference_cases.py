"""Reference households (concerto/rights/reference/*.json, the docs/rights.md format), run
through ``manage.py rights_diagnose`` in one batch against the real OpenFisca-France Web API.

Expected amounts are the law's figures of June 2025, where the law fixes them:
- RSA, montant forfaitaire for one person from 1 April 2025: 646,52 € (décret n° 2025-337
  revalorisation +1,7 %); forfait logement for one person: 12 % of it, 77,58 €;
- AAH, full amount from 1 April 2025: 1 033,32 €;
- ASPA, one person from 1 January 2025: 12 411,44 € a year (1 034,29 € a month, rounded);
- BMAF (base mensuelle des allocations familiales) from 1 April 2025: 474,37 €;
  allocations familiales: 32 % of it for two children (151,80 €), 73 % for three (346,29 €);
  complément familial majoré: 62,4 % (296,39 €).
Elsewhere (prime d'activité, housing aid) the test states what must hold (a right, zero).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

HOUSEHOLDS = Path(__file__).resolve().parents[2] / "concerto" / "rights" / "reference"
FILES = sorted(HOUSEHOLDS.glob("*.json"))

RSA_BASE = 646.52
RSA_ONE_PERSON_HOUSED = round(RSA_BASE * 0.88, 2)  # 568,94 €
AAH_FULL = 1033.32
ASPA_SINGLE = round(12411.44 / 12, 2)  # 1 034,29 €
BMAF = 474.37


@pytest.fixture(scope="module")
def results(openfisca_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    batch = tmp_path_factory.mktemp("rights") / "batch.json"
    batch.write_text(json.dumps([json.loads(f.read_text()) for f in FILES]), encoding="utf-8")
    out = io.StringIO()
    with override_settings(CONCERTO_OPENFISCA_URL=openfisca_url):
        call_command("rights_diagnose", str(batch), stdout=out)
    answers = json.loads(out.getvalue())
    assert len(answers) == len(FILES) >= 12
    return {f.stem: answer for f, answer in zip(FILES, answers, strict=True)}


def amounts(result: dict[str, Any]) -> dict[str, float]:
    return {e["code"]: e["estimated"] for e in result["entitlements"]}


def entitlement(result: dict[str, Any], code: str) -> dict[str, Any]:
    return next(e for e in result["entitlements"] if e["code"] == code)


def test_every_result_records_the_country_package_version(results):
    for result in results.values():
        assert result["country_package"] == "openfisca-france"
        assert result["version"] == "176.1.8"
        assert result["month"] == "2025-06"


def test_single_person_without_income_tenant(results):
    result = results["01_seul_sans_ressources_locataire"]
    got = amounts(result)
    assert got["rsa"] == pytest.approx(RSA_ONE_PERSON_HOUSED, abs=0.01)
    assert got["aide_logement"] > 0
    assert entitlement(result, "rsa")["status"] == "non_reclame"
    assert entitlement(result, "css")["detail"] == "gratuite"


def test_homeless_person_gets_rsa_without_housing_deduction(results):
    assert amounts(results["02_seul_sans_domicile"])["rsa"] == pytest.approx(RSA_BASE, abs=0.01)


def test_adult_with_disability_80_percent(results):
    got = amounts(results["03_adulte_handicap_80"])
    assert got["aah"] == pytest.approx(AAH_FULL, abs=0.01)
    assert got["rsa"] == 0  # the AAH is above the RSA


def test_rsdae_decides_the_aah_between_50_and_79_percent(results):
    assert amounts(results["04_adulte_handicap_60_rsdae"])["aah"] == pytest.approx(
        AAH_FULL, abs=0.01
    )
    without = amounts(results["05_adulte_handicap_60_sans_rsdae"])
    assert without["aah"] == 0
    assert without["rsa"] == pytest.approx(RSA_ONE_PERSON_HOUSED, abs=0.01)  # housed for free


def test_seventy_year_old_without_pension_gets_the_full_aspa(results):
    assert amounts(results["06_retraitee_70_ans_sans_pension"])["aspa"] == pytest.approx(
        ASPA_SINGLE, abs=0.01
    )


def test_seventy_year_old_with_a_small_pension_gets_the_difference(results):
    result = results["07_retraite_70_ans_petite_pension"]
    assert amounts(result)["aspa"] == pytest.approx(ASPA_SINGLE - 600, abs=0.01)
    # The CSS with participation lowers the mutuelle (60 €) after claiming.
    assert result["charges_after"] < result["charges_before"]


def test_couple_with_two_children_in_work(results):
    result = results["08_couple_deux_enfants_salaries"]
    got = amounts(result)
    assert got["af"] == pytest.approx(round(0.32 * BMAF, 2), abs=0.01)
    af = entitlement(result, "af")
    assert af["received"] == pytest.approx(151.80) and af["status"] == "percu" and af["gap"] == 0
    assert got["rsa"] == 0


def test_single_parent_in_work(results):
    result = results["09_parent_seul_en_emploi"]
    got = amounts(result)
    assert got["ppa"] > 0 and got["aide_logement"] > 0 and got["asf"] > 0
    assert result["reste_a_vivre_after"] > result["reste_a_vivre_before"]


def test_student_aged_20(results):
    got = amounts(results["10_etudiante_20_ans"])
    assert got["rsa"] == 0  # under 25 without a child
    assert got["aide_logement"] > 0


def test_social_housing_tenant_full_time_minimum_wage(results):
    got = amounts(results["11_locataire_hlm_smic_temps_plein"])
    assert got["ppa"] > 0 and got["rsa"] == 0


def test_family_with_three_children_without_work(results):
    got = amounts(results["12_famille_trois_enfants_sans_emploi"])
    assert got["af"] == pytest.approx(round(0.73 * BMAF, 2), abs=0.01)
    assert got["cf"] == pytest.approx(296.39, abs=0.01)  # complément familial majoré
    assert got["rsa"] > 0 and got["ars"] > 0


def test_young_person_aged_19_without_income(results):
    result = results["13_jeune_19_ans_sans_ressources"]
    assert amounts(result)["rsa"] == 0
    assert entitlement(result, "css")["detail"] == "gratuite"


def test_reste_a_vivre_follows_the_formula(results):
    """(resources + benefits − charges) ÷ OECD units ÷ 30, by hand for household 09:
    one adult and one child under 14 = 1,3 unit."""
    result = results["09_parent_seul_en_emploi"]
    assert result["consumption_units"] == 1.3
    expected = (
        (result["resources"] + result["benefits_before"] - result["charges_before"]) / 1.3 / 30
    )
    assert result["reste_a_vivre_before"] == pytest.approx(expected, abs=0.01)
    assert result["charges_before"] == 420 + 60 + 80 + 40
