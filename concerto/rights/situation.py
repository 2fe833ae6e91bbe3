"""OpenFisca situations built from households (one request for one or many households).

The traps of OpenFisca-France, each handled here and tested (tests/rights/test_situation.py):
- salaries are entered gross (``salaire_de_base``, as the payslip shows it): OpenFisca derives
  the net, taxable and contribution bases the aids read (housing aid and the reference income
  read taxable and gross salary, not only net);
- resources are given month by month: M-1..M-3 as answered (RSA and prime d'activité average
  them), M-4..M-12 spread from the 12-month total (housing aid reads 12 months);
- the housing situation (status, rent, commune) is set for the current and the twelve earlier
  months, since the aids of month M read earlier months' housing aid;
- the benefits the household says it receives are set for the earlier months (never forced
  to zero); the month of the diagnostic is left to OpenFisca: its estimate.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from concerto.rights.benefits import BENEFITS, EXTRA_VARIABLES
from concerto.rights.household import ACTIVITIES, Household, Member

OPENFISCA_RESOURCES = {
    "salaire_brut": "salaire_de_base",
    "chomage_brut": "chomage_brut",
    "retraite_brute": "retraite_brute",
    "pension_invalidite": "pensions_invalidite",
    "pension_alimentaire_recue": "pensions_alimentaires_percues",
}
# Net amounts asked back for the reste à vivre (average of M-1..M-3).
NET_VARIABLES = ("salaire_net", "chomage_net", "retraite_nette")
ENTITY_PLURAL = {
    "individu": "individus",
    "famille": "familles",
    "foyer_fiscal": "foyers_fiscaux",
    "menage": "menages",
}


def month_key(day: dt.date, back: int = 0) -> str:
    index = day.year * 12 + day.month - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def past_months(day: dt.date, count: int = 12) -> list[str]:
    return [month_key(day, back) for back in range(1, count + 1)]


def _member_values(member: Member, household: Household) -> dict[str, Any]:
    month = household.month
    current = month_key(month)
    history = past_months(month, 12)
    all_months = [current, *history]
    values: dict[str, Any] = {
        "date_naissance": {"ETERNITY": member.birth.isoformat()},
        "activite": dict.fromkeys(all_months, ACTIVITIES[member.activity]),
    }
    if member.disability_rate:
        values["taux_incapacite"] = dict.fromkeys(all_months, member.disability_rate / 100)
        values["handicap"] = dict.fromkeys(all_months, member.disability_rate >= 50)
        values["aah_restriction_substantielle_durable_acces_emploi"] = dict.fromkeys(
            all_months, member.rsdae
        )
    if member.shared_custody:
        values["garde_alternee"] = dict.fromkeys(all_months, True)
    for key, variable in OPENFISCA_RESOURCES.items():
        resource = member.resources.get(key)
        if resource is None:
            continue
        series = {history[i]: resource.months[i] for i in range(3)}
        series.update(dict.fromkeys(history[3:], resource.earlier_months))
        series[current] = resource.months[0]  # the resources go on as last month
        values[variable] = series
    return values


def _received_series(amount: float, household: Household) -> dict[str, float]:
    return dict.fromkeys(past_months(household.month, 12), amount)


def _disabled_adult_index(household: Household) -> int:
    """Who receives the AAH or ASI the household declares: the first adult with a rate."""
    for index, member in enumerate(household.members):
        if member.role != "enfant" and member.disability_rate >= 50:
            return index
    return 0


def add_household(situation: dict[str, Any], household: Household, prefix: str) -> None:
    """Add ``household`` to ``situation`` under ids starting with ``prefix``."""
    month = household.month
    current = month_key(month)
    year = str(month.year)
    ids = [f"{prefix}p{i}" for i in range(len(household.members))]
    individuals = situation.setdefault("individus", {})
    for pid, member in zip(ids, household.members, strict=True):
        individuals[pid] = _member_values(member, household)
    parents = [
        pid
        for pid, m in zip(ids, household.members, strict=True)
        if m.role in ("demandeur", "conjoint")
    ]
    children = [pid for pid, m in zip(ids, household.members, strict=True) if m.role == "enfant"]
    others = [pid for pid, m in zip(ids, household.members, strict=True) if m.role == "autre"]

    family: dict[str, Any] = {"parents": parents, "enfants": children}
    fiscal: dict[str, Any] = {"declarants": parents, "personnes_a_charge": children}
    disabled = ids[_disabled_adult_index(household)]
    for code, amount in household.received.items():
        benefit = BENEFITS[code]
        if benefit.period != "month" or not amount:
            continue
        if benefit.entity == "famille":
            family[benefit.variable] = _received_series(amount, household)
        else:
            individuals[disabled][benefit.variable] = _received_series(amount, household)
    for benefit in BENEFITS.values():
        period = current if benefit.period == "month" else year
        target = {"famille": family, "menage": None, "individu": None}[benefit.entity]
        if target is not None:
            target.setdefault(benefit.variable, {})[period] = None
        elif benefit.entity == "individu":
            for pid in parents + others:
                individuals[pid].setdefault(benefit.variable, {})[period] = None
    family["cmu_c"] = {current: None}
    family["css_participation_forfaitaire"] = {current: None}
    for pid in ids:
        for variable in NET_VARIABLES:
            individuals[pid][variable] = dict.fromkeys(past_months(month, 3))
    if household.reference_income is not None:
        for back in (1, 2):
            fiscal["rfr"] = {
                **fiscal.get("rfr", {}),
                str(month.year - back): household.reference_income,
            }
    if household.tax_shares is not None:
        fiscal["nbptr"] = {str(month.year - back): household.tax_shares for back in (1, 2)}

    housing = household.housing
    months = [current, *past_months(month, 12)]
    home: dict[str, Any] = {
        "personne_de_reference": [ids[0]],
        "conjoint": [p for p in parents if p != ids[0]],
        "enfants": children,
        "autres": others,
        "statut_occupation_logement": dict.fromkeys(months, housing.status),
        "loyer": dict.fromkeys(months, housing.rent),
        "charges_locatives": dict.fromkeys(months, housing.charges),
        "depcom": dict.fromkeys(months, household.commune),
    }
    for benefit in BENEFITS.values():
        if benefit.entity == "menage":
            home[benefit.variable] = {current if benefit.period == "month" else year: None}
    for variable, period_kind in EXTRA_VARIABLES.items():
        home[variable] = {current if period_kind == "month" else year: None}

    situation.setdefault("familles", {})[f"{prefix}f"] = family
    situation.setdefault("foyers_fiscaux", {})[f"{prefix}ff"] = fiscal
    situation.setdefault("menages", {})[f"{prefix}m"] = home
    for index, pid in enumerate(others):  # another adult: a family and a tax household of their own
        situation["familles"][f"{prefix}f{index}"] = {"parents": [pid]}
        situation["foyers_fiscaux"][f"{prefix}ff{index}"] = {"declarants": [pid]}


def build_situation(households: list[Household]) -> dict[str, Any]:
    situation: dict[str, Any] = {}
    for number, household in enumerate(households):
        add_household(situation, household, f"h{number}")
    return situation
