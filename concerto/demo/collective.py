"""Cahiers d'acteurs of the Nantes demo (``manage.py loaddemo``).

The seeds count 97 collective cahiers but name none of them: the demo files 97 too, under
invented, generic organisation names marked "(démo)" (never a real organisation or
person), through the same code as a cahier typed in by staff, then publishes them. Six
are written out below; the others are assembled from the phrase banks of the text
generator (``concerto.demo.textgen``), one per kind of group and quartier.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from concerto.accounts.models import User
from concerto.collective.models import CollectiveContribution
from concerto.collective.services import CahierInput, _create
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.demo.nantes import NEIGHBOURHOODS
from concerto.demo.textgen import THEMES
from concerto.processes.models import Channel, Process


@dataclass(frozen=True)
class CahierData:
    slug: str
    name: str
    kind: str
    people: int
    method: str
    sections: tuple[str, str, str]  # one per question (1 to 3); "" = not answered
    proposals: tuple[str, ...]


CAHIERS: tuple[CahierData, ...] = (
    CahierData(
        "habitants-bellevue",
        "Collectif d'habitant·e·s de Bellevue (démo)",
        "collectif",
        23,
        "Trois réunions en pied d'immeuble et un questionnaire glissé dans les boîtes aux "
        "lettres du quartier.",
        (
            "Beaucoup de personnes âgées vivent seules dans les tours et ne sortent plus "
            "l'hiver ; les familles monoparentales peinent à boucler la fin du mois.",
            "Les voisins font déjà beaucoup, sans être reconnus : il manque un lieu pour se "
            "retrouver et des relais dans les bailleurs sociaux.",
            "Ouvrir une salle commune le soir et le week-end, animée avec les habitant·e·s.",
        ),
        (
            "Ouvrir une salle commune en pied d'immeuble, gérée avec les habitant·e·s.",
            "Créer un réseau de voisins relais pour les personnes isolées.",
            "Afficher dans chaque hall les aides et les permanences du quartier.",
        ),
    ),
    CahierData(
        "entraide-nantes-nord",
        "Association d'entraide de Nantes Nord (démo)",
        "association",
        41,
        "Deux ateliers avec les bénévoles et les personnes accompagnées, animés par un "
        "membre du bureau.",
        (
            "Les demandes d'aide alimentaire ont augmenté ; des étudiant·e·s et des "
            "travailleurs pauvres viennent désormais.",
            "",
            "Mieux coordonner les distributions entre associations et avec le CCAS.",
        ),
        (
            "Un calendrier commun des distributions alimentaires du quartier.",
            "Un accueil de jour avec douches et laverie.",
            "Des paniers de produits frais à prix solidaire.",
            "Une formation des bénévoles à l'accès aux droits.",
        ),
    ),
    CahierData(
        "conseil-citoyen-malakoff",
        "Conseil citoyen de Malakoff (démo)",
        "conseil",
        15,
        "Une séance plénière du conseil citoyen, ouverte au public.",
        (
            "Le quartier change vite ; certaines personnes n'ont plus de repères et ne "
            "savent pas à qui s'adresser.",
            "Le conseil citoyen peut faire le lien, mais manque de moyens pour se faire connaître.",
            "Des permanences mobiles dans le quartier, avec un interprète.",
        ),
        (
            "Des permanences d'accès aux droits dans le quartier, avec interprète.",
            "Un budget pour que le conseil citoyen se fasse connaître.",
            "Un point numérique accompagné à la médiathèque.",
        ),
    ),
    CahierData(
        "epicerie-solidaire-breil",
        "Épicerie solidaire du Breil (démo)",
        "association",
        12,
        "Une réunion de l'équipe et des échanges avec les adhérent·e·s pendant un mois.",
        (
            "",
            "Les commerces de proximité et les entreprises du secteur veulent aider mais "
            "ne savent pas comment.",
            "Associer les entreprises à des dons réguliers et à des chantiers d'insertion.",
        ),
        (
            "Une plateforme locale de dons des commerces aux associations.",
            "Des chantiers d'insertion avec les entreprises du secteur.",
            "Des horaires d'ouverture le samedi pour les personnes qui travaillent.",
        ),
    ),
    CahierData(
        "jeunesse-doulon",
        "Collectif jeunesse de Doulon (démo)",
        "collectif",
        30,
        "Un atelier théâtre-forum et deux soirées de discussion avec des jeunes de 16 à 25 ans.",
        (
            "Des jeunes décrochent sans que personne ne le voie ; le manque de stage et de "
            "transport pèse lourd.",
            "Les jeunes eux-mêmes peuvent agir si on leur fait confiance.",
            "Un lieu pour les jeunes géré par les jeunes, et des stages trouvés ensemble.",
        ),
        (
            "Un lieu ouvert le soir, géré par un collectif de jeunes.",
            "Une bourse aux stages avec les entreprises du quartier.",
            "Des tickets de transport gratuits pour les recherches d'emploi.",
            "Des parrainages entre jeunes et retraité·e·s.",
        ),
    ),
    CahierData(
        "aidants-ile-de-nantes",
        "Réseau des aidant·e·s de l'Île de Nantes (démo)",
        "association",
        18,
        "Des entretiens individuels et une réunion de synthèse.",
        (
            "Les personnes qui aident un proche s'épuisent et s'isolent à leur tour.",
            "",
            "Du répit pour les aidant·e·s, et une reconnaissance de leur rôle.",
        ),
        (
            "Des solutions de répit de quelques heures, près de chez soi.",
            "Un café des aidant·e·s chaque mois dans le quartier.",
            "Une information claire sur les aides, en un seul endroit.",
        ),
    ),
)


TOTAL = 97  # « 97 cahiers d'acteurs collectifs » (seed 000)
GROUPS = (
    ("Association de solidarité {of}", "association", "Deux ateliers avec les bénévoles."),
    ("Collectif d'habitant·e·s {of}", "collectif", "Trois réunions en pied d'immeuble."),
    ("Conseil citoyen {of}", "conseil", "Une séance plénière ouverte au public."),
    ("Centre social {of}", "association", "Un atelier avec les usager·e·s du centre."),
    ("Commerçant·e·s {of}", "collectif", "Une réunion de l'union des commerçant·e·s."),
    ("Entreprises solidaires {of}", "entreprise", "Un petit-déjeuner de chef·fes d'entreprise."),
    ("Amicale des locataires {of}", "association", "Un questionnaire glissé dans les halls."),
    ("Parents d'élèves {of}", "collectif", "Une soirée de discussion à l'école."),
    ("Club des aîné·e·s {of}", "association", "Deux après-midi d'échanges au club."),
)


def generated_cahiers(count: int) -> list[CahierData]:
    """``count`` cahiers assembled from the text generator's phrases (deterministic)."""
    rng = random.Random("concerto-demo-cahiers")
    places = [n for n in NEIGHBOURHOODS if not n.is_outside]
    result = []
    for index in range(count):
        name, kind, method = GROUPS[index % len(GROUPS)]
        place = places[(index // len(GROUPS)) % len(places)]
        theme = THEMES[(index * 5) % len(THEMES)]
        other = THEMES[(index * 5 + 3) % len(THEMES)]
        skipped = index % 4  # one cahier in four leaves one question aside

        situation, actors, ideas_line = (
            "" if number == skipped else rng.choice(bank).format(where=place.where)
            for number, bank in enumerate((theme.situation, theme.actors, theme.ideas), 1)
        )
        ideas = list(dict.fromkeys(i.format(where=place.where) for i in theme.ideas + other.ideas))
        result.append(
            CahierData(
                slug=f"cahier-{index + 1:03d}",
                name=f"{name.format(of=place.of)} (démo)",
                kind=kind,
                people=8 + rng.randrange(40),
                method=method,
                sections=(situation, actors, ideas_line),
                proposals=tuple(rng.sample(ideas, 3)),
            )
        )
    return result


def load_cahiers(*, process: Process, moderator: User, now: dt.datetime) -> int:
    """File and publish the demo cahiers inside the collective channel's window."""
    channel = Channel.objects.filter(process=process, kind=Channel.Kind.COLLECTIVE).first()
    if channel is None:
        return 0
    end = min(channel.closes_at, now)
    if end <= channel.opens_at:
        return 0
    questions = {q.number: q for q in process.questions.all()}
    cahiers = [*CAHIERS, *generated_cahiers(TOTAL - len(CAHIERS))]
    step = (end - channel.opens_at) / (len(cahiers) + 1)
    for index, data in enumerate(cahiers, 1):
        filed_at = channel.opens_at + step * index
        cahier: CollectiveContribution = _create(
            process=process,
            data=CahierInput(
                organisation_name=data.name,
                organisation_kind=data.kind,
                people_count=data.people,
                production_method=data.method,
                sections={
                    questions[n]: text
                    for n, text in enumerate(data.sections, 1)
                    if text and n in questions
                },
                proposals=list(data.proposals),
                contact_name="Contact (démo)",
                contact_email=f"contact-{data.slug}@exemple.test",
            ),
            source=CollectiveContribution.Source.DOCUMENT,
            actor=moderator,
            document=None,
            check_channel=False,
            now=filed_at,
        )
        contribution = cahier.contribution
        Contribution.objects.filter(pk=contribution.pk).update(
            is_demo=True, published_at=min(filed_at + dt.timedelta(days=3), now)
        )
        contribution.refresh_from_db()
        contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
    return len(cahiers)
