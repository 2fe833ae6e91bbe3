"""The access-to-rights demo: the CCAS's places from the seeds, two agents, 30 invented
households diagnosed by OpenFisca in one batch, with cases at every stage. Every case is
marked ``invented``; addresses and opening hours are not in the seeds: they say so.

Sources: seed 000 (the guichets of Bellevue and Nantes Nord, the new ones of the
Dervallières, summer 2023, Bottière and Nantes Nord by 2026; the Maison de la longévité from
2024; the PIN's of the neighbourhood operators, seed 002), seed 001 (the guichet opened in
July 2023 at the Pôle Daniel Asseray).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from concerto.accounts.models import User
from concerto.core.roles import Role
from concerto.demo.loader import DEMO_DOMAIN, DEMO_PASSWORD
from concerto.rights import services
from concerto.rights.engine import diagnose_many
from concerto.rights.household import parse_household
from concerto.rights.models import Case, LocalAid, Orientation, Place

TO_CONFIRM = "Adresse et horaires à confirmer auprès du CCAS (non donnés par les sources)."
PLACES: tuple[dict[str, Any], ...] = (
    {"slug": "guichet-bellevue", "name": "Guichet d'accès aux droits de Bellevue",
     "kind": Place.Kind.COUNTER, "quartier": "Bellevue – Chantenay – Sainte-Anne"},
    {"slug": "guichet-nantes-nord", "name": "Guichet d'accès aux droits de Nantes Nord",
     "kind": Place.Kind.COUNTER, "quartier": "Nantes Nord"},
    {"slug": "guichet-dervallieres", "name": "Guichet d'accès aux droits des Dervallières",
     "kind": Place.Kind.COUNTER, "quartier": "Dervallières – Zola",
     "opened_on": dt.date(2023, 7, 1)},
    {"slug": "guichet-bottiere", "name": "Guichet d'accès aux droits de la Bottière",
     "kind": Place.Kind.COUNTER, "quartier": "Doulon – Bottière",
     "note": "Ouverture annoncée d'ici 2026 (stratégie 2023–2026)."},
    {"slug": "pole-daniel-asseray", "name": "Guichet CCAS de proximité du Pôle Daniel Asseray",
     "kind": Place.Kind.COUNTER, "quartier": "à préciser", "opened_on": dt.date(2023, 7, 1)},
    {"slug": "pins-quartiers", "name": "PIN's — Points d'Informations Nantes Solidaire",
     "kind": Place.Kind.PINS, "quartier": "les 11 quartiers",
     "note": "Tenus par les opérateur·rice·s de quartier dans l'espace public et lors de "
             "permanences associatives."},
    {"slug": "maison-longevite", "name": "Maison de la longévité", "kind": Place.Kind.SENIORS,
     "quartier": "toute la ville", "opened_on": dt.date(2024, 1, 1),
     "note": "Lieu ressources pour les seniors et les professionnels, ouvert progressivement "
             "à partir de 2024."},
)  # fmt: skip
INVENTED_DECISION = "Seuils inventés pour la démonstration (pas ceux du CCAS)"
AIDS: tuple[dict[str, Any], ...] = (
    {"name": "Coup de pouce", "description": "aide ponctuelle, ouverte aux 18–25 ans depuis "
     "l'été 2024", "min_age": 18, "max_reste_a_vivre": 12, "amount": 150,
     "valid_from": dt.date(2024, 7, 1)},
    {"name": "Micro-crédit accompagné", "description": "prêt à taux zéro", "min_age": 18,
     "max_reste_a_vivre": 15, "amount": 3000, "valid_from": dt.date(2024, 7, 1)},
    {"name": "Aide aux factures d'énergie", "description": "une facture par an",
     "max_reste_a_vivre": 10, "amount": 250, "valid_from": dt.date(2024, 7, 1)},
    {"name": "Aide alimentaire (épicerie sociale)", "description": "accès pour 3 mois",
     "max_reste_a_vivre": 8, "amount": 90, "valid_from": dt.date(2023, 2, 1),
     "quartiers": "Bottière"},
)  # fmt: skip
AGENTS = (
    (f"guichet@{DEMO_DOMAIN}", "Agent·e d'accès aux droits (démo)", Role.RIGHTS_AGENT),
    (f"responsable-droits@{DEMO_DOMAIN}", "Responsable accès aux droits (démo)",
     Role.RIGHTS_SUPERVISOR),
)  # fmt: skip
HOUSEHOLDS = Path(__file__).resolve().parents[1] / "rights" / "reference"
QUARTIERS = ("Bellevue", "Nantes Nord", "Dervallières", "Bottière", "Malakoff", "Breil")
COUNT = 30


@dataclass
class RightsDemo:
    places: int
    cases: int
    agents: list[str]


def _accounts() -> list[User]:
    users = []
    shared = make_password(DEMO_PASSWORD)
    for email, name, role in AGENTS:
        user, _ = User.objects.get_or_create(email=email)
        user.display_name, user.is_active, user.password = name, True, shared
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.groups.set([Group.objects.get_or_create(name=role.value)[0]])
        users.append(user)
    return users


def _invented_households(month: dt.date) -> list[dict[str, Any]]:
    """30 invented households: the reference households with amounts and dates varied."""
    rng = random.Random(14)
    bases = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(HOUSEHOLDS.glob("*.json"))]
    households = []
    for index in range(COUNT):
        data = json.loads(json.dumps(bases[index % len(bases)]))
        data["mois"] = f"{month:%Y-%m}"
        data["quartier"] = QUARTIERS[index % len(QUARTIERS)]
        housing = data.get("logement", {})
        if housing.get("loyer"):
            housing["loyer"] = round(housing["loyer"] * rng.uniform(0.85, 1.2))
        for member in data["membres"]:
            for resource in member.get("ressources", {}).values():
                factor = rng.uniform(0.8, 1.25)
                resource["mois"] = [round(v * factor, 2) for v in resource["mois"]]
                resource.pop("douze_mois", None)
        data["charges"] = {
            "energie": rng.choice([45, 60, 80, 110]),
            "mutuelle": rng.choice([0, 30, 55]),
        }
        households.append(data)
    return households


@transaction.atomic
def load_rights_demo(*, now: dt.datetime | None = None) -> RightsDemo:
    """Places and agents always; the invented cases through the services (needs OpenFisca)."""
    now = now or timezone.now()
    places = []
    for spec in PLACES:
        values = {k: v for k, v in spec.items() if k != "slug"}
        values.setdefault("note", TO_CONFIRM)
        place, _ = Place.objects.update_or_create(slug=spec["slug"], defaults=values)
        places.append(place)
    agent, supervisor = _accounts()
    LocalAid.objects.filter(invented=True).delete()
    for aid in AIDS:
        LocalAid.objects.create(invented=True, decided_by=INVENTED_DECISION, **aid)
    for place in places[:2]:
        place.agents.add(agent)
    Case.objects.filter(invented=True).delete()
    raw = _invented_households(timezone.localdate(now).replace(day=1))
    households = [parse_household(data) for data in raw]
    diagnoses = diagnose_many(households)
    rng = random.Random(2)
    for index, (data, household, diagnosis) in enumerate(
        zip(raw, households, diagnoses, strict=True)
    ):
        case = services.case_create(
            agent=supervisor, place=places[index % 5], data=data, household=household,
            diagnosis=diagnosis, invented=True,
        )  # fmt: skip
        stage = index % 5  # new, oriented, followed up, appointment, closed
        orientations = list(case.orientations.all())
        if stage >= 2:
            for orientation in orientations:
                outcome = rng.choice(
                    [Orientation.Outcome.OBTAINED] * 3
                    + [Orientation.Outcome.REFUSED, Orientation.Outcome.ORIENTED]
                )
                services.orientation_record(
                    agent=supervisor, orientation=orientation, outcome=outcome
                )
        if stage == 3:
            services.appointment_set(
                agent=supervisor, case=case, when=now + dt.timedelta(days=7 + index),
                place=case.place,
                next_step="Apporter l'avis d'imposition et les trois dernières fiches de paie.",
            )  # fmt: skip
        if stage == 4:
            services.case_close(agent=supervisor, case=case)
    return RightsDemo(places=len(places), cases=len(raw), agents=[a[0] for a in AGENTS])
