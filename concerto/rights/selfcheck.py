"""« Mes droits en 10 questions »: the public, anonymous self-check. The same engine on a
shorter form; nothing is stored, nothing is logged but the call's duration. The answers
become a docs/rights.md household; its errors are put back on the ten questions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from concerto.rights.forms import ACTIVITY_CHOICES, HOUSING_LABELS
from concerto.rights.household import HOUSING, MONTHLY_BENEFITS

QUESTIONS: tuple[tuple[str, Any, str], ...] = (
    ("naissance", _("1. Votre date de naissance"), "date"),
    ("couple", _("2. Vivez-vous en couple ?"), "yesno"),
    ("naissance_conjoint", _("3. Si oui, la date de naissance de votre conjoint·e"), "date"),
    ("enfants", _("4. L'âge de chaque enfant à charge, séparés par des virgules (ex. : 4, 9)"),
     "text"),
    ("activite", _("5. Votre situation"), "select"),
    ("handicap", _("6. Taux d'incapacité reconnu par la MDPH, en % (0 si aucun)"), "amount"),
    ("logement", _("7. Votre logement"), "select"),
    ("loyer", _("8. Loyer mensuel hors charges, en € (0 si vous n'en payez pas)"), "amount"),
    ("salaire", _("9. Salaire brut mensuel du foyer (ligne « salaire brut » de la fiche de paie)"),
     "amount"),
    ("autres", _("10. Autres revenus mensuels bruts du foyer (chômage, retraite, pension)"),
     "amount"),
)  # fmt: skip
FIELD_OF_PATH = {
    "membres.0.date_naissance": "naissance",
    "membres.1.date_naissance": "naissance_conjoint",
    "membres.0.activite": "activite",
    "membres.0.handicap_taux": "handicap",
    "logement.statut": "logement",
    "logement.loyer": "loyer",
}


def choices(name: str) -> list[tuple[str, Any]]:
    if name == "activite":
        return list(ACTIVITY_CHOICES)
    if name == "logement":
        return [(key, HOUSING_LABELS[key]) for key in HOUSING]
    return []


def household_from_answers(
    post: QueryDict, today: dt.date
) -> tuple[dict[str, Any], dict[str, str]]:
    """The docs/rights.md household of the answers, and the errors found before parsing."""
    errors: dict[str, str] = {}
    value = {name: str(post.get(name, "")).strip() for name, _label, _kind in QUESTIONS}
    applicant: dict[str, Any] = {
        "role": "demandeur",
        "date_naissance": value["naissance"],
        "activite": value["activite"] or "inactif",
        "handicap_taux": value["handicap"] or 0,
        "rsdae": False,
    }
    salary, other = value["salaire"] or "0", value["autres"] or "0"
    applicant["ressources"] = {
        "salaire_brut": {"mois": [salary] * 3},
        "retraite_brute" if value["activite"] == "retraite" else "chomage_brut": {
            "mois": [other] * 3
        },
    }
    members = [applicant]
    if value["couple"] == "oui":
        if not value["naissance_conjoint"]:
            errors["naissance_conjoint"] = str(
                _("Indiquez la date de naissance de votre conjoint·e.")
            )
        members.append({"role": "conjoint", "date_naissance": value["naissance_conjoint"]})
    for raw in [a for a in value["enfants"].replace(";", ",").split(",") if a.strip()]:
        try:
            age = int(raw.strip())
        except ValueError:
            errors["enfants"] = str(_("Indiquez des âges en chiffres, séparés par des virgules."))
            break
        if not 0 <= age < 25:
            errors["enfants"] = str(_("Un enfant à charge a entre 0 et 24 ans."))
            break
        birth = today.replace(day=1) - dt.timedelta(days=round(365.25 * age + 180))
        members.append({"role": "enfant", "date_naissance": birth.isoformat()})
    household = {
        "membres": members,
        "logement": {"statut": value["logement"], "loyer": value["loyer"] or 0},
        "prestations_percues": dict.fromkeys(MONTHLY_BENEFITS, 0),
    }
    return household, errors


def errors_on_questions(errors: dict[str, str]) -> dict[str, str]:
    placed: dict[str, str] = {}
    for path, message in errors.items():
        name = FIELD_OF_PATH.get(path)
        if name is None and path.startswith("membres.0.ressources.salaire_brut"):
            name = "salaire"
        elif name is None and path.startswith("membres.0.ressources"):
            name = "autres"
        elif name is None and path.startswith("membres.") and path.endswith("date_naissance"):
            name = "enfants"
        placed.setdefault(name or "naissance", message)
    return placed
