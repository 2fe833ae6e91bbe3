"""The strategy's other actions, invented: the seeds count « une centaine d'actions » but
describe about twenty (``strategy_data``). To show a strategy of its real size, the demo
adds these, each saying on its page that it is invented. None is a flagship action and
none has a budget line of its own (the 2.35 M€ are those of ``strategy_data``); their
dates and progress are plausible, not historical.
"""

from __future__ import annotations

import datetime as dt

from concerto.demo.strategy_data import DONE, IN_PROGRESS, ActionData, Step

NOTE = (
    " (Action inventée pour la démonstration : la stratégie compte une centaine d'actions, "
    "les sources n'en détaillent qu'une vingtaine.)"
)

# Per commitment (1 to 7): the titles of its invented actions.
TITLES: dict[int, tuple[str, ...]] = {
    1: (
        "Informer sur le micro-crédit personnel dans chaque mairie annexe",
        "Une aide d'urgence versée sous 48 heures",
        "Des permanences budget avec les associations de consommateurs",
        "Un accompagnement aux impayés d'énergie avec les fournisseurs",
        "Une aide à l'équipement pour les ménages qui s'installent",
        "Des tarifs solidaires pour la cantine, révisés selon le reste à vivre",
        "Un fonds d'aide aux étudiant·e·s en difficulté, avec le CROUS",
        "Un guide des aides locales en langage clair",
        "Des ateliers de gestion du budget dans les centres sociaux",
        "Une aide à la mobilité pour les personnes en recherche d'emploi",
        "Un suivi annuel du budget de référence nantais",
        "Des aides aux familles monoparentales pour la garde d'enfants",
    ),
    2: (
        "Un rendez-vous « droits » sans attente un jour par semaine",
        "Former les agents d'accueil municipaux au repérage du non-recours",
        "Des médiateur·rice·s numériques dans les guichets du CCAS",
        "Un simulateur de droits accessible depuis le site de la Ville",
        "Des permanences de la CAF et de la CPAM dans les quartiers",
        "Un accueil en plusieurs langues avec des interprètes",
        "Des ateliers d'accès aux droits pour les seniors",
        "Une fiche unique pour ne pas redonner dix fois ses papiers",
        "Des points d'information dans les marchés de quartier",
        "Un accompagnement des personnes sorties d'hospitalisation",
        "Une campagne d'information sur les aides méconnues",
        "Un baromètre annuel du non-recours à Nantes",
    ),
    3: (
        "Des douches et une laverie dans un accueil de jour",
        "Des paniers de produits frais à prix solidaire",
        "Une bagagerie solidaire pour les personnes sans domicile",
        "Des places d'hébergement d'urgence ouvertes toute l'année",
        "Un accueil des familles à la rue avec des enfants",
        "Des cours de français pour adultes dans les maisons de quartier",
        "Une aide aux démarches pour les personnes exilées",
        "Des jardins partagés au pied des immeubles",
        "Un accès facilité aux activités sportives et culturelles",
        "Des vacances pour les familles qui ne partent jamais",
        "Une médiation santé dans les quartiers prioritaires",
        "Des actions contre la précarité menstruelle",
    ),
    4: (
        "Des groupes de parole pour les aidant·e·s",
        "Former les bénévoles à l'écoute des personnes en souffrance psychique",
        "Un annuaire des lieux d'écoute et de soin",
        "Des médiateur·rice·s en santé mentale dans les quartiers",
        "Une semaine d'information sur la santé mentale chaque année",
        "Des consultations de psychologues sans avance de frais",
        "Un accompagnement des jeunes en décrochage",
        "Un partenariat avec les bailleurs sur les troubles de voisinage",
        "Des temps d'échange entre professionnels du social et du soin",
        "Des ateliers de bien-être dans les résidences autonomie",
        "Une attention aux personnes isolées après un deuil",
    ),
    5: (
        "Un réseau de voisin·e·s relais formé·e·s",
        "Des repas partagés entre générations",
        "Des appels de convivialité aux personnes âgées isolées",
        "Un plan canicule et grand froid avec les associations",
        "Des cafés solidaires dans les quartiers",
        "Des visites à domicile de bénévoles le week-end et l'été",
        "Une carte des lieux où rompre la solitude",
        "Des colocations entre générations",
        "Des activités pour les personnes âgées le dimanche",
        "Un accompagnement au numérique pour garder le lien",
        "Des sorties culturelles accompagnées",
        "Une campagne pour parler de la solitude sans honte",
    ),
    6: (
        "Des conseils pour réduire les factures d'énergie, à domicile",
        "Un petit équipement pour économiser l'eau et l'énergie",
        "Des îlots de fraîcheur accessibles l'été",
        "Des ateliers de cuisine de saison à petit prix",
        "Des bons pour des produits bio et locaux",
        "Des ateliers de réparation dans les quartiers",
        "Une recyclerie solidaire",
        "Un accompagnement à la rénovation pour les propriétaires modestes",
        "Des vélos à prix solidaire",
        "Des épiceries solidaires approvisionnées en circuit court",
        "Un suivi des effets sociaux des mesures écologiques",
    ),
    7: (
        "Un agenda commun des actions de solidarité",
        "Un annuaire des associations de solidarité",
        "Un appui aux petites associations pour leurs demandes de subvention",
        "Des formations communes aux bénévoles et aux professionnels",
        "Un mécénat de compétences avec les entreprises du territoire",
        "Des rencontres entre commerçant·e·s et associations",
        "Une plateforme de dons de matériel entre structures",
        "Un soutien aux collectifs d'habitant·e·s émergents",
        "Des locaux partagés pour les associations",
        "Des rencontres annuelles des acteurs de la solidarité",
        "Une évaluation partagée de la stratégie avec les acteurs",
    ),
}


def more_actions(number: int, service: str) -> tuple[ActionData, ...]:
    """The invented actions of commitment ``number``, with a plausible story (deterministic):
    about a third done, most others under way, a few still planned."""
    actions = []
    for index, title in enumerate(TITLES.get(number, ())):
        seed = number * 13 + index
        start = dt.date(2023, 9, 1) + dt.timedelta(days=(seed * 37) % 900)
        began = start + dt.timedelta(days=3)
        story: tuple[Step, ...]
        if start > dt.date(2026, 3, 1) or seed % 7 == 6:
            story = ()  # still planned
        elif seed % 3 == 0:
            story = (
                Step(began, IN_PROGRESS, 30),
                Step(min(began + dt.timedelta(days=200), dt.date(2026, 11, 2)), DONE),
            )
        else:
            progress = 20 + (seed * 11) % 70
            story = (Step(began, IN_PROGRESS, progress),)
        actions.append(
            ActionData(
                title,
                title + "." + NOTE,
                service=service,
                start=start,
                story=story,
            )
        )
    return tuple(actions)
