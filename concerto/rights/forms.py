"""The staff diagnostic form, without JavaScript: its inputs are named after the paths of
the docs/rights.md format ("membres.0.date_naissance"), so that the one reader
(``household.parse_household``) checks the form, the public self-check and the command, and
its errors land next to their field. What was typed is always shown back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from concerto.rights.household import (
    CHARGES,
    HOUSING,
    MAX_MEMBERS,
    MONTHLY_BENEFITS,
    RESOURCES,
    YEARLY_BENEFITS,
)

ROWS = 6  # member rows shown; more appear after a submission with more
ROLE_CHOICES = [
    ("demandeur", _("demandeur·se")),
    ("conjoint", _("conjoint·e")),
    ("enfant", _("enfant à charge")),
    ("autre", _("autre adulte")),
]
ACTIVITY_CHOICES = [
    ("salarie", _("salarié·e")),
    ("chomeur", _("demandeur·se d'emploi")),
    ("etudiant", _("étudiant·e")),
    ("retraite", _("retraité·e")),
    ("inactif", _("sans activité")),
]
HOUSING_LABELS = {
    "locataire_hlm": _("locataire d'un logement social (HLM)"),
    "locataire_vide": _("locataire d'un logement vide (privé)"),
    "locataire_meuble": _("locataire d'un meublé"),
    "locataire_foyer": _("en foyer ou résidence sociale"),
    "proprietaire": _("propriétaire"),
    "primo_accedant": _("accédant·e à la propriété"),
    "loge_gratuitement": _("hébergé·e gratuitement"),
    "sans_domicile": _("sans domicile"),
}
RESOURCE_LABELS = {
    "salaire_brut": _("Salaire brut (ligne « salaire brut » de la fiche de paie)"),
    "chomage_brut": _("Allocation chômage brute (France Travail)"),
    "retraite_brute": _("Retraite brute"),
    "pension_invalidite": _("Pension d'invalidité"),
    "pension_alimentaire_recue": _("Pension alimentaire reçue"),
}
BENEFIT_LABELS = {
    "rsa": _("RSA"),
    "ppa": _("Prime d'activité"),
    "aide_logement": _("Aide au logement (APL, ALF, ALS)"),
    "aah": _("AAH"),
    "aspa": _("ASPA (minimum vieillesse)"),
    "asi": _("ASI"),
    "af": _("Allocations familiales"),
    "asf": _("Allocation de soutien familial"),
    "cf": _("Complément familial"),
    "ars": _("Allocation de rentrée scolaire (montant de l'année)"),
    "cheque_energie": _("Chèque énergie (montant de l'année)"),
}
CHARGE_LABELS = {
    "energie": _("Énergie (électricité, gaz, chauffage)"),
    "eau": _("Eau"),
    "assurance": _("Assurances (habitation, voiture)"),
    "mutuelle": _("Mutuelle"),
    "transport": _("Transports"),
    "dettes": _("Plan de surendettement, remboursements"),
    "pension_versee": _("Pension alimentaire versée"),
}


@dataclass
class Field:
    name: str
    label: Any
    kind: str = "amount"  # amount, text, date, month, select, checkbox, yesno
    value: str = ""
    error: str = ""
    choices: Any = ()
    help: Any = ""

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")


def nested_from_post(post: QueryDict) -> tuple[dict[str, Any], list[int]]:
    """The docs/rights.md dict from the form's inputs (empty inputs left out), and the row
    number of each member (blank rows are skipped) to put errors back on their row."""
    data: dict[str, Any] = {}
    members: dict[int, dict[str, Any]] = {}
    for name in post:
        value = str(post.get(name, "")).strip()
        if not value or name == "csrfmiddlewaretoken" or name.startswith("_"):
            continue
        parts = name.split(".")
        if parts[0] == "membres" and len(parts) >= 3 and parts[1].isdigit():
            target = members.setdefault(int(parts[1]), {})
            path = parts[2:]
        elif parts[0] in ("logement", "prestations_percues", "charges") and len(parts) == 2:
            target = data.setdefault(parts[0], {})
            path = parts[1:]
        elif len(parts) == 1:
            target, path = data, parts
        else:
            continue
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    rows = []
    for index in sorted(members):
        row = members[index]
        for resource in row.get("ressources", {}).values():
            if isinstance(resource, dict) and isinstance(resource.get("mois"), dict):
                months = resource["mois"]
                resource["mois"] = [months.get(str(i), "0") for i in range(3)]
        for flag in ("garde_alternee",):
            if flag in row:
                row[flag] = row[flag] == "on"
        if "rsdae" in row:
            row["rsdae"] = {"oui": True, "non": False}.get(row["rsdae"])
        rows.append(row)
    if rows:
        data["membres"] = rows
    if "css" in data.get("prestations_percues", {}):
        data["prestations_percues"]["css"] = data["prestations_percues"]["css"] == "on"
    return data, sorted(members)


def errors_on_rows(errors: dict[str, str], rows: list[int]) -> dict[str, str]:
    placed = {}
    for path, message in errors.items():
        parts = path.split(".")
        if (
            parts[0] == "membres"
            and len(parts) > 1
            and parts[1].isdigit()
            and int(parts[1]) < len(rows)
        ):
            parts[1] = str(rows[int(parts[1])])
        placed[".".join(parts)] = message
    return placed


def member_count(post: QueryDict | None) -> int:
    if post is None:
        return ROWS
    indexes = [
        int(name.split(".")[1])
        for name in post
        if name.startswith("membres.") and name.split(".")[1].isdigit()
    ]
    return min(max([ROWS, *(i + 2 for i in indexes)]), MAX_MEMBERS + 2)


def sections(post: QueryDict | None, errors: dict[str, str]) -> list[dict[str, Any]]:
    """The form's steps, each with its fields (value typed and error)."""
    values = post or QueryDict()

    def field(name: str, label: Any, kind: str = "amount", **extra: Any) -> Field:
        return Field(
            name, label, kind, value=values.get(name, ""), error=errors.get(name, ""), **extra
        )

    members = []
    for i in range(member_count(post)):
        prefix = f"membres.{i}"
        resources = [
            {
                "label": RESOURCE_LABELS[key],
                "fields": [
                    field(f"{prefix}.ressources.{key}.mois.{m}", _("M-%(n)s") % {"n": m + 1})
                    for m in range(3)
                ]
                + [field(f"{prefix}.ressources.{key}.douze_mois", _("12 derniers mois"))],
                "errors": [
                    v for k, v in errors.items() if k.startswith(f"{prefix}.ressources.{key}")
                ],
            }
            for key in RESOURCES
        ]
        members.append(
            {
                "number": i + 1,
                "error": errors.get(prefix, ""),
                "fields": [
                    field(f"{prefix}.role", _("Rôle"), "select", choices=ROLE_CHOICES),
                    field(f"{prefix}.date_naissance", _("Date de naissance"), "date"),
                    field(f"{prefix}.activite", _("Activité"), "select", choices=ACTIVITY_CHOICES),
                    field(f"{prefix}.handicap_taux", _("Taux d'incapacité (MDPH), en %")),
                    field(
                        f"{prefix}.rsdae",
                        _("Si le taux est de 50 à 79 % : RSDAE reconnue par la MDPH ?"),
                        "yesno",
                    ),
                    field(f"{prefix}.garde_alternee", _("Enfant en garde alternée"), "checkbox"),
                ],
                "resources": resources,
            }
        )
    housing_choices = [(key, HOUSING_LABELS[key]) for key in HOUSING]
    return [
        {
            "title": _("Le diagnostic"),
            "fields": [
                field("mois", _("Mois du diagnostic (AAAA-MM)"), "month",
                      help=_("Par défaut : le mois en cours.")),
                field("commune", _("Code INSEE de la commune"), "text",
                      help=_("Par défaut : Nantes (44109).")),
                field("quartier", _("Quartier (pour les chiffres agrégés seulement)"), "text"),
            ],
        },
        {"title": _("Les membres du foyer"), "members": members,
         "help": _("La première ligne est la personne reçue. Laissez vides les lignes inutiles. "
                   "Ressources : les montants des 3 derniers mois (M-1 = le mois dernier) et le "
                   "total des 12 derniers mois ; sans ce total, nous comptons 4 fois les trois "
                   "derniers mois.")},
        {
            "title": _("Le logement"),
            "fields": [
                field("logement.statut", _("Situation"), "select", choices=housing_choices),
                field("logement.loyer", _("Loyer mensuel hors charges (€)")),
                field("logement.charges", _("Charges locatives mensuelles (€)")),
                field("logement.depuis", _("Dans ce logement depuis (AAAA-MM)"), "month",
                      help=_("Nous comptons la même situation pour les 12 derniers mois.")),
            ],
        },
        {
            "title": _("Les prestations déjà perçues"),
            "help": _("Montants par mois (0 € si le champ est vide), tels que la personne "
                      "les reçoit."),
            "fields": [field(f"prestations_percues.{k}", BENEFIT_LABELS[k])
                       for k in (*MONTHLY_BENEFITS, *YEARLY_BENEFITS)]
            + [field("prestations_percues.css", _("A déjà la complémentaire santé solidaire"),
                     "checkbox")],
        },
        {
            "title": _("L'avis d'imposition"),
            "fields": [
                field("revenu_fiscal_reference", _("Revenu fiscal de référence (€)"),
                      help=_("Si vide, OpenFisca le calcule à partir des ressources.")),
                field("parts_fiscales", _("Nombre de parts"), help=_("Si vide : calculé.")),
            ],
        },
        {
            "title": _("Les charges fixes mensuelles"),
            "help": _("Le loyer et les charges locatives sont déjà comptés ; 0 € si vide."),
            "fields": [field(f"charges.{k}", CHARGE_LABELS[k]) for k in CHARGES],
        },
    ]  # fmt: skip
