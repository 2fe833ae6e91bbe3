"""A diagnostic: entitlements estimated by OpenFisca-France, gaps, reste à vivre.

``diagnose(household)`` sends one request; ``diagnose_many(households)`` one request for the
whole batch. Both return plain data (``Diagnosis.as_dict()`` is the JSON of
``manage.py rights_diagnose`` and what a case keeps), with the country package's version.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from concerto.rights import openfisca
from concerto.rights.benefits import (
    BENEFITS,
    CPAM,
    CSS_DOCUMENTS,
    CSS_EXPLANATION,
    CSS_LABEL,
)
from concerto.rights.household import Household
from concerto.rights.situation import NET_VARIABLES, build_situation, month_key, past_months

NOT_CLAIMED = "non_reclame"
SHORTFALL = "ecart"
RECEIVED = "percu"
TO_CHECK = "a_verifier"
NOT_ELIGIBLE = "non_eligible"
STATUS_LABELS = {
    NOT_CLAIMED: "droit potentiellement non réclamé",
    SHORTFALL: "montant perçu inférieur à l'estimation",
    RECEIVED: "perçu",
    TO_CHECK: "perçu mais non retrouvé par le calcul : à vérifier",
    NOT_ELIGIBLE: "pas de droit estimé",
}
CLAIMABLE = frozenset({NOT_CLAIMED, SHORTFALL})
INPUT_RESOURCES = ("pensions_invalidite", "pensions_alimentaires_percues")


@dataclass
class Entitlement:
    code: str
    label: str
    period: str  # "month" or "year"
    estimated: float
    received: float
    gap: float
    status: str
    status_label: str
    organisation: str
    organisation_url: str
    documents: list[str]
    explanation: str
    detail: str = ""

    @property
    def claimable(self) -> bool:
        return self.status in CLAIMABLE

    @property
    def monthly_gap(self) -> float:
        return self.gap / 12 if self.period == "year" else self.gap


@dataclass
class Diagnosis:
    month: str
    country_package: str
    version: str
    entitlements: list[Entitlement]
    consumption_units: float
    resources: float  # net monthly resources, average of M-1..M-3, before benefits
    benefits_before: float
    benefits_after: float
    charges_before: float
    charges_after: float
    reste_a_vivre_before: float
    reste_a_vivre_after: float
    transport_reduction: float = 0.0  # % off the TAN pass (OpenFisca-France-Local)
    defaults: list[str] = field(default_factory=list)

    @property
    def unclaimed(self) -> list[Entitlement]:
        return [e for e in self.entitlements if e.claimable]

    @property
    def monthly_unclaimed(self) -> float:
        return round(sum(e.monthly_gap for e in self.unclaimed), 2)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["monthly_unclaimed"] = self.monthly_unclaimed
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnosis:
        values = {k: v for k, v in data.items() if k != "monthly_unclaimed"}
        values["entitlements"] = [Entitlement(**e) for e in data["entitlements"]]
        return cls(**values)


def _status(estimated: float, received: float) -> str:
    if received > 0 and estimated < 1:
        return TO_CHECK
    if estimated < 1:
        return NOT_ELIGIBLE
    if received == 0:
        return NOT_CLAIMED
    if estimated - received >= max(10.0, 0.05 * estimated):
        return SHORTFALL
    return RECEIVED


def _entitlement(code: str, estimated: float, received: float, **extra: Any) -> Entitlement:
    benefit = BENEFITS.get(code)
    status = _status(estimated, received)
    return Entitlement(
        code=code,
        label=extra.pop("label", benefit.label if benefit else code),
        period=extra.pop("period", benefit.period if benefit else "month"),
        estimated=round(estimated, 2),
        received=round(received, 2),
        gap=round(max(estimated - received, 0.0), 2) if status in CLAIMABLE else 0.0,
        status=status,
        status_label=STATUS_LABELS[status],
        organisation=extra.pop("organisation", benefit.organisation.name if benefit else ""),
        organisation_url=extra.pop("organisation_url", benefit.organisation.url if benefit else ""),
        documents=list(extra.pop("documents", benefit.documents if benefit else ())),
        explanation=extra.pop("explanation", benefit.explanation if benefit else ""),
        **extra,
    )


def read_diagnosis(
    calculation: openfisca.Calculation, household: Household, prefix: str
) -> Diagnosis:
    result = calculation.result
    current = month_key(household.month)
    year = str(household.month.year)
    people = [f"{prefix}p{i}" for i in range(len(household.members))]
    family = result["familles"][f"{prefix}f"]
    home = result["menages"][f"{prefix}m"]
    individuals = result["individus"]

    def value(entity: dict[str, Any], variable: str, period: str) -> float:
        return float((entity.get(variable) or {}).get(period) or 0.0)

    entitlements = []
    for code, benefit in BENEFITS.items():
        period = current if benefit.period == "month" else year
        if benefit.entity == "famille":
            estimated = value(family, benefit.variable, period)
        elif benefit.entity == "menage":
            estimated = value(home, benefit.variable, period)
        else:
            estimated = sum(value(individuals[p], benefit.variable, period) for p in people)
        entitlements.append(_entitlement(code, estimated, household.received.get(code, 0.0)))

    free_css = bool((family.get("cmu_c") or {}).get(current))
    participation = value(family, "css_participation_forfaitaire", current)
    css_estimated = 1.0 if free_css or participation > 0 else 0.0
    css = _entitlement(
        "css",
        css_estimated,
        1.0 if household.css_received else 0.0,
        label=CSS_LABEL,
        organisation=CPAM.name,
        organisation_url=CPAM.url,
        documents=CSS_DOCUMENTS,
        explanation=CSS_EXPLANATION,
        detail=(
            _("gratuite")
            if free_css
            else _("avec une participation de %(amount).2f € par mois") % {"amount": participation}
            if participation > 0
            else ""
        ),
    )
    css.estimated = css.received = css.gap = 0.0  # a right, not an amount
    entitlements.append(css)

    # Reste à vivre: net resources (average of the last three months) + benefits − charges.
    months = past_months(household.month, 3)
    net = 0.0
    for pid in people:
        person = individuals[pid]
        for variable in NET_VARIABLES:
            net += sum(value(person, variable, m) for m in months) / 3
    for member in household.members:
        for key in ("pension_invalidite", "pension_alimentaire_recue"):
            if key in member.resources:
                net += sum(member.resources[key].months) / 3
    before = after = 0.0
    for entitlement in entitlements:
        if entitlement.code == "css":
            continue
        divisor = 12 if entitlement.period == "year" else 1
        before += entitlement.received / divisor
        after += max(entitlement.received, entitlement.estimated) / divisor
    charges = household.housing.rent + household.housing.charges + sum(household.charges.values())
    charges_after = charges
    mutuelle = household.charges.get("mutuelle", 0.0)
    if css.claimable and mutuelle:
        charges_after -= mutuelle if free_css else max(mutuelle - participation, 0.0)
    units = household.consumption_units()

    def per_unit_per_day(amount: float) -> float:
        return round(amount / units / 30, 2)

    return Diagnosis(
        month=current,
        country_package=calculation.country_package,
        version=calculation.version,
        entitlements=entitlements,
        consumption_units=round(units, 2),
        resources=round(net, 2),
        benefits_before=round(before, 2),
        benefits_after=round(after, 2),
        charges_before=round(charges, 2),
        charges_after=round(charges_after, 2),
        reste_a_vivre_before=per_unit_per_day(net + before - charges),
        reste_a_vivre_after=per_unit_per_day(net + after - charges_after),
        transport_reduction=value(
            home, "nantes_metropole_tarification_solidaire_transport", current
        ),
    )


def diagnose(household: Household) -> Diagnosis:
    """One household, one request. Raises openfisca.OpenFiscaUnavailable when down."""
    calculation = openfisca.calculate(build_situation([household]))
    return read_diagnosis(calculation, household, "h0")


def diagnose_many(households: list[Household]) -> list[Diagnosis]:
    """Many households in one request (batches, reference cases, aggregates)."""
    if not households:
        return []
    calculation = openfisca.calculate(
        build_situation(households), timeout=settings.CONCERTO_OPENFISCA_BATCH_TIMEOUT
    )
    return [read_diagnosis(calculation, h, f"h{i}") for i, h in enumerate(households)]
