"""OpenFisca's traps, one test each, on the situation sent (no service needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from concerto.rights.household import HouseholdErrors, parse_household
from concerto.rights.situation import build_situation, month_key, past_months

BASE = {
    "mois": "2025-06",
    "membres": [
        {
            "role": "demandeur",
            "date_naissance": "1990-03-01",
            "activite": "salarie",
            "ressources": {"salaire_brut": {"mois": [1500, 1200, 900], "douze_mois": 14100}},
        }
    ],
    "logement": {"statut": "locataire_vide", "loyer": 500, "charges": 50, "depuis": "2019-01"},
    "prestations_percues": {"aide_logement": 120, "ars": 420},
}


def situation(data=BASE):
    return build_situation([parse_household(data)])


def test_month_keys():
    assert month_key(dt.date(2025, 1, 1), 1) == "2024-12"
    assert past_months(dt.date(2025, 6, 1), 3) == ["2025-05", "2025-04", "2025-03"]


def test_salaries_are_sent_gross_never_as_net():
    person = situation()["individus"]["h0p0"]
    assert person["salaire_de_base"]["2025-05"] == 1500  # gross, as the payslip shows it
    assert "salaire_net" in person and all(v is None for v in person["salaire_net"].values())


def test_last_three_months_as_answered_and_earlier_months_from_the_year():
    salary = situation()["individus"]["h0p0"]["salaire_de_base"]
    assert [salary[m] for m in ("2025-05", "2025-04", "2025-03")] == [1500, 1200, 900]
    earlier = [salary[m] for m in past_months(dt.date(2025, 6, 1), 12)[3:]]
    assert earlier == [pytest.approx((14100 - 3600) / 9, abs=0.01)] * 9
    assert sum(salary[m] for m in past_months(dt.date(2025, 6, 1), 12)) == pytest.approx(
        14100, abs=0.05
    )


def test_twelve_month_default_is_four_times_the_quarter():
    data = {
        **BASE,
        "membres": [
            {**BASE["membres"][0], "ressources": {"salaire_brut": {"mois": [1000, 1000, 1000]}}}
        ],
    }
    household = parse_household(data)
    assert household.members[0].resources["salaire_brut"].year == 12000


def test_housing_is_set_for_the_earlier_months_too():
    home = situation()["menages"]["h0m"]
    for month in ["2025-06", *past_months(dt.date(2025, 6, 1), 12)]:
        assert home["loyer"][month] == 500
        assert home["statut_occupation_logement"][month] == "locataire_vide"
        assert home["depcom"][month] == "44109"


def test_benefits_received_are_set_for_earlier_months_not_forced_to_zero():
    family = situation()["familles"]["h0f"]
    assert all(family["aide_logement"][m] == 120 for m in past_months(dt.date(2025, 6, 1), 12))
    assert family["aide_logement"]["2025-06"] is None  # the month of the diagnostic: estimated
    assert family["ars"] == {"2025": None}  # yearly amounts are compared, not injected
    assert family["rsa"] == {"2025-06": None}  # nothing declared: left to OpenFisca


def test_reference_income_and_shares_go_to_the_years_the_aids_read():
    fiscal = situation({**BASE, "revenu_fiscal_reference": 9000, "parts_fiscales": 1.5})[
        "foyers_fiscaux"
    ]["h0ff"]
    assert fiscal["rfr"] == {"2024": 9000, "2023": 9000}
    assert fiscal["nbptr"] == {"2024": 1.5, "2023": 1.5}


def test_a_batch_is_one_situation_with_separate_households():
    households = [parse_household(BASE) for _ in range(3)]
    sent = build_situation(households)
    assert set(sent["familles"]) == {"h0f", "h1f", "h2f"}
    assert sent["menages"]["h2m"]["personne_de_reference"] == ["h2p0"]


def test_another_adult_has_a_family_of_their_own():
    data = {
        **BASE,
        "membres": [*BASE["membres"], {"role": "autre", "date_naissance": "1960-01-01"}],
    }
    sent = situation(data)
    assert sent["familles"]["h0f0"] == {"parents": ["h0p1"]}
    assert sent["menages"]["h0m"]["autres"] == ["h0p1"]


def test_disability_and_rsdae():
    data = {**BASE, "membres": [{**BASE["membres"][0], "handicap_taux": 60, "rsdae": True}]}
    person = situation(data)["individus"]["h0p0"]
    assert person["taux_incapacite"]["2025-06"] == 0.6
    assert person["aah_restriction_substantielle_durable_acces_emploi"]["2025-06"] is True


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"membres": []},
        {"membres": "moi"},
        {"membres": [{"role": "enfant", "date_naissance": "2010-01-01"}]},
    ],
)
def test_unreadable_households_are_refused_with_a_message(data):
    with pytest.raises(HouseholdErrors) as caught:
        parse_household(data)
    assert all(isinstance(m, str) and m for m in caught.value.errors.values())


def test_consumption_units_oecd():
    data = {**BASE, "membres": [
        *BASE["membres"],
        {"role": "conjoint", "date_naissance": "1991-01-01"},
        {"role": "enfant", "date_naissance": "2008-01-01"},  # 17: 0.5
        {"role": "enfant", "date_naissance": "2015-01-01"},  # 10: 0.3
    ]}  # fmt: skip
    assert parse_household(data).consumption_units() == pytest.approx(2.3)
