"""The household of a diagnostic, read from the documented JSON format (docs/rights.md).

One reader for the staff form, the public self-check and ``manage.py rights_diagnose``:
``parse_household(data)`` returns a typed ``Household`` or raises ``HouseholdErrors`` whose
``errors`` map a field path ("membres.1.date_naissance", "logement.loyer") to a French
message. Defaults are documented (``DEFAULTS``) and shown on screen, never silently assumed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_MEMBERS = 12
MAX_AMOUNT = 100_000.0
NANTES = "44109"

ROLES = ("demandeur", "conjoint", "enfant", "autre")
ACTIVITIES = {  # our word -> OpenFisca's TypesActivite
    "salarie": "actif",
    "chomeur": "chomeur",
    "etudiant": "etudiant",
    "retraite": "retraite",
    "inactif": "inactif",
}
HOUSING = (
    "locataire_hlm",
    "locataire_vide",
    "locataire_meuble",
    "locataire_foyer",
    "proprietaire",
    "primo_accedant",
    "loge_gratuitement",
    "sans_domicile",
)
TENANT = frozenset({"locataire_hlm", "locataire_vide", "locataire_meuble", "locataire_foyer"})
# Resources of a member, as the payslip or the notice shows them (gross for salaries).
RESOURCES = (
    "salaire_brut",
    "chomage_brut",
    "retraite_brute",
    "pension_invalidite",
    "pension_alimentaire_recue",
)
# Benefits the household says it receives (monthly amounts; ARS and chèque énergie: yearly).
MONTHLY_BENEFITS = ("rsa", "ppa", "aide_logement", "aah", "aspa", "asi", "af", "asf", "cf")
YEARLY_BENEFITS = ("ars", "cheque_energie")
CHARGES = ("energie", "eau", "assurance", "mutuelle", "transport", "dettes", "pension_versee")

DEFAULTS = {
    "mois": "le mois en cours",
    "commune": "Nantes (44109)",
    "douze_mois": "4 fois la somme des 3 derniers mois",
    "prestations_percues": "0 € pour chaque prestation non renseignée",
    "charges": "0 € pour chaque charge non renseignée",
    "revenu_fiscal_reference": "calculé par OpenFisca à partir des ressources",
}


class HouseholdErrors(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Resource:
    months: tuple[float, float, float]  # M-1, M-2, M-3
    year: float  # the last twelve months, M-1..M-12

    @property
    def earlier_months(self) -> float:
        """The monthly amount of M-4..M-12 (what the 12 months add to the last three)."""
        return round((self.year - sum(self.months)) / 9, 2)


@dataclass(frozen=True)
class Member:
    role: str
    birth: dt.date
    activity: str
    disability_rate: float = 0.0
    rsdae: bool = False
    shared_custody: bool = False
    resources: dict[str, Resource] = field(default_factory=dict)

    def age_on(self, day: dt.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth.month, self.birth.day)
        return day.year - self.birth.year - before_birthday


@dataclass(frozen=True)
class Housing:
    status: str
    rent: float = 0.0
    charges: float = 0.0
    since: dt.date | None = None


@dataclass(frozen=True)
class Household:
    month: dt.date  # first day of the diagnostic's month
    commune: str
    quartier: str
    members: tuple[Member, ...]
    housing: Housing
    received: dict[str, float]
    css_received: bool
    charges: dict[str, float]
    reference_income: float | None = None
    tax_shares: float | None = None

    @property
    def adults(self) -> list[Member]:
        return [m for m in self.members if m.role != "enfant"]

    @property
    def children(self) -> list[Member]:
        return [m for m in self.members if m.role == "enfant"]

    def consumption_units(self) -> float:
        """OECD modified scale: 1 for the first person, 0.5 per other person aged 14 or
        more, 0.3 per child under 14."""
        units = 1.0
        for member in self.members[1:]:
            units += 0.5 if member.age_on(self.month) >= 14 else 0.3
        return units


def _amount(value: Any, path: str, errors: dict[str, str], *, allow_none: bool = True) -> float:
    if value is None or value == "":
        if not allow_none:
            errors[path] = _("Indiquez un montant (0 si aucun).")
        return 0.0
    if isinstance(value, bool):
        errors[path] = _("Indiquez un montant en euros, en chiffres.")
        return 0.0
    if isinstance(value, str):
        cleaned = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            errors[path] = _("Indiquez un montant en euros, en chiffres (par exemple 1234,50).")
            return 0.0
    if not isinstance(value, int | float) or value != value:  # NaN
        errors[path] = _("Indiquez un montant en euros, en chiffres.")
        return 0.0
    if value < 0:
        errors[path] = _("Un montant ne peut pas être négatif.")
        return 0.0
    if value > MAX_AMOUNT:
        errors[path] = _("Ce montant paraît trop élevé (plus de 100 000 €) : vérifiez-le.")
        return 0.0
    return round(float(value), 2)


def _date(value: Any, path: str, errors: dict[str, str], *, month: bool = False) -> dt.date | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        if month and re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date.fromisoformat(text + "-01")
        return dt.date.fromisoformat(text)
    except ValueError:
        errors[path] = (
            _("Indiquez un mois sous la forme AAAA-MM.")
            if month
            else _("Indiquez une date sous la forme AAAA-MM-JJ.")
        )
        return None


def _choice(value: Any, choices: tuple[str, ...], path: str, errors: dict[str, str]) -> str:
    if value not in choices:
        errors[path] = _("Choisissez une des valeurs proposées.")
        return choices[0]
    return str(value)


def _resource(raw: Any, path: str, errors: dict[str, str]) -> Resource | None:
    if raw in (None, "", {}):
        return None
    if not isinstance(raw, dict):
        errors[path] = _("Indiquez les montants des 3 derniers mois et des 12 derniers mois.")
        return None
    months_raw = raw.get("mois") or []
    if not isinstance(months_raw, list) or len(months_raw) > 3:
        errors[f"{path}.mois"] = _("Indiquez au plus trois montants : M-1, M-2, M-3.")
        return None
    months_raw = list(months_raw) + [0] * (3 - len(months_raw))
    months = tuple(_amount(v, f"{path}.mois.{i}", errors) for i, v in enumerate(months_raw))
    if raw.get("douze_mois") in (None, ""):
        year = round(4 * sum(months), 2)
    else:
        year = _amount(raw.get("douze_mois"), f"{path}.douze_mois", errors)
        if year + 0.01 < sum(months):
            errors[f"{path}.douze_mois"] = _(
                "Le total des 12 derniers mois ne peut pas être inférieur à celui des 3 derniers."
            )
    if not any(months) and not year:
        return None
    return Resource(months=(months[0], months[1], months[2]), year=year)


def _member(raw: Any, index: int, month: dt.date, errors: dict[str, str]) -> Member | None:
    path = f"membres.{index}"
    if not isinstance(raw, dict):
        errors[path] = _("Chaque membre du foyer se décrit par ses réponses.")
        return None
    role = _choice(raw.get("role"), ROLES, f"{path}.role", errors)
    birth = _date(raw.get("date_naissance"), f"{path}.date_naissance", errors)
    if birth is None:
        errors.setdefault(f"{path}.date_naissance", _("Indiquez la date de naissance."))
        birth = dt.date(1970, 1, 1)
    elif birth > month.replace(day=28) + dt.timedelta(days=4) or birth > dt.date.today():
        errors[f"{path}.date_naissance"] = _("La date de naissance ne peut pas être dans le futur.")
    elif birth.year < month.year - 120:
        errors[f"{path}.date_naissance"] = _("Cette date de naissance paraît impossible.")
    default_activity = "inactif"
    activity = raw.get("activite") or default_activity
    activity = _choice(activity, tuple(ACTIVITIES), f"{path}.activite", errors)
    rate = _amount(raw.get("handicap_taux"), f"{path}.handicap_taux", errors)
    if rate > 100:
        errors[f"{path}.handicap_taux"] = _("Un taux d'incapacité est compris entre 0 et 100 %.")
    rsdae_raw = raw.get("rsdae")
    if 50 <= rate < 80 and rsdae_raw is None:
        errors[f"{path}.rsdae"] = _(
            "Avec un taux entre 50 et 79 %, dites si la MDPH a reconnu une restriction "
            "substantielle et durable d'accès à l'emploi (RSDAE)."
        )
    resources = {}
    raw_resources = raw.get("ressources") or {}
    if not isinstance(raw_resources, dict):
        errors[f"{path}.ressources"] = _("Indiquez les ressources par type.")
        raw_resources = {}
    for key in raw_resources:
        if key not in RESOURCES:
            errors[f"{path}.ressources.{key}"] = _("Type de ressource inconnu.")
    for key in RESOURCES:
        found = _resource(raw_resources.get(key), f"{path}.ressources.{key}", errors)
        if found is not None:
            resources[key] = found
    return Member(
        role=role,
        birth=birth,
        activity=activity,
        disability_rate=rate,
        rsdae=bool(rsdae_raw) and 50 <= rate < 80,
        shared_custody=bool(raw.get("garde_alternee")) and role == "enfant",
        resources=resources,
    )


def _check_members(members: list[Member], month: dt.date, errors: dict[str, str]) -> None:
    roles = [m.role for m in members]
    if roles.count("demandeur") != 1 or roles[0] != "demandeur":
        errors["membres.0.role"] = _("La première personne du foyer est le ou la demandeur·se.")
    if roles.count("conjoint") > 1:
        errors["membres"] = _("Un foyer compte au plus un·e conjoint·e.")
    parents = [m for m in members if m.role in ("demandeur", "conjoint")]
    for index, member in enumerate(members):
        path = f"membres.{index}.date_naissance"
        if member.role == "enfant":
            if any(member.birth <= parent.birth for parent in parents):
                errors.setdefault(path, _("Un enfant ne peut pas être plus âgé que son parent."))
            elif member.age_on(month) >= 25:
                errors.setdefault(
                    path,
                    _("Un enfant à charge a moins de 25 ans : indiquez-le comme « autre adulte »."),
                )
        elif member.role == "demandeur" and member.age_on(month) < 16:
            errors.setdefault(path, _("Le ou la demandeur·se a au moins 16 ans."))


def parse_household(data: Any, *, today: dt.date | None = None) -> Household:
    """The household described by ``data`` (docs/rights.md), or HouseholdErrors."""
    errors: dict[str, str] = {}
    if not isinstance(data, dict):
        raise HouseholdErrors(
            {"": _("Le foyer se décrit par un objet JSON (voir docs/rights.md).")}
        )
    today = today or dt.date.today()
    month = _date(data.get("mois"), "mois", errors, month=True) or today
    month = month.replace(day=1)
    commune = str(data.get("commune") or NANTES).strip()
    if not re.fullmatch(r"\d[\dAB]\d{3}", commune):
        errors["commune"] = _(
            "Indiquez le code INSEE de la commune (5 caractères, 44109 pour Nantes)."
        )
    raw_members = data.get("membres")
    if not isinstance(raw_members, list) or not raw_members:
        raise HouseholdErrors({**errors, "membres": _("Indiquez au moins la personne reçue.")})
    if len(raw_members) > MAX_MEMBERS:
        raise HouseholdErrors(
            {
                **errors,
                "membres": _("Un foyer compte au plus %(n)s personnes ici.") % {"n": MAX_MEMBERS},
            }
        )
    members = [m for i, r in enumerate(raw_members) if (m := _member(r, i, month, errors))]
    _check_members(members, month, errors)

    raw_housing = data.get("logement") or {}
    if not isinstance(raw_housing, dict):
        raw_housing = {}
        errors["logement"] = _("Décrivez le logement.")
    status = _choice(raw_housing.get("statut"), HOUSING, "logement.statut", errors)
    rent = _amount(raw_housing.get("loyer"), "logement.loyer", errors)
    if status in TENANT and rent == 0 and "logement.loyer" not in errors:
        errors["logement.loyer"] = _(
            "Un·e locataire paie un loyer : indiquez son montant (hors charges)."
        )
    since = _date(raw_housing.get("depuis"), "logement.depuis", errors, month=True)
    if since is not None and since > month:
        errors["logement.depuis"] = _(
            "La date d'arrivée dans le logement ne peut pas être dans le futur."
        )
    housing = Housing(
        status=status,
        rent=rent,
        charges=_amount(raw_housing.get("charges"), "logement.charges", errors),
        since=since,
    )

    raw_received = data.get("prestations_percues") or {}
    if not isinstance(raw_received, dict):
        raw_received = {}
    for key in raw_received:
        if key not in (*MONTHLY_BENEFITS, *YEARLY_BENEFITS, "css"):
            errors[f"prestations_percues.{key}"] = _("Prestation inconnue.")
    received = {
        key: _amount(raw_received.get(key), f"prestations_percues.{key}", errors)
        for key in (*MONTHLY_BENEFITS, *YEARLY_BENEFITS)
    }
    raw_charges = data.get("charges") or {}
    if not isinstance(raw_charges, dict):
        raw_charges = {}
    charges = {key: _amount(raw_charges.get(key), f"charges.{key}", errors) for key in CHARGES}
    rfr = data.get("revenu_fiscal_reference")
    reference_income = (
        None if rfr in (None, "") else _amount(rfr, "revenu_fiscal_reference", errors)
    )
    shares_raw = data.get("parts_fiscales")
    shares = None
    if shares_raw not in (None, ""):
        shares = _amount(shares_raw, "parts_fiscales", errors)
        if not 1 <= shares <= 10:
            errors["parts_fiscales"] = _("Le nombre de parts est compris entre 1 et 10.")
    if errors:
        raise HouseholdErrors(errors)
    return Household(
        month=month,
        commune=commune,
        quartier=str(data.get("quartier") or "")[:60],
        members=tuple(members),
        housing=housing,
        received=received,
        css_received=bool(raw_received.get("css")),
        charges=charges,
        reference_income=reference_income,
        tax_shares=shares,
    )
