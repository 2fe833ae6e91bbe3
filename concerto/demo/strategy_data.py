"""The Nantes strategy as the seeds tell it (``shared/seeds/``), for ``manage.py loaddemo``.

``000`` (6 July 2023): the 7 commitments, 2.35 M€ extra to 2026, 15 flagship actions among
about 100, and the actions it names with their dates (aids of the CCAS opened to 18–25 year
olds « dès l'été 2024 »; three new CCAS counters in Dervallières, Bottière and Nantes Nord,
Dervallières « dès cet été », the two others « d'ici 2026 »; 5 to 10 outreach workers; a
« Maison de la longévité » from 2024; the « Les 1000 fleurs du colibri » grocery, opened as
an experiment in February 2023; the study of a LAEP for 6–11 year olds « d'ici 2024–2025 »;
a street social work team; mental health actions in every neighbourhood; a seniors'
mobility platform « d'ici fin 2025–2026 »; a first call for cooperation in 2024 and a second
in 2025, 250,000 € each; the Coopérative). ``002`` (February 2024): the Coopérative launched
on Tuesday 20 February with 38 participants, missions from March to May, experiments from
May to October, an assessment from October to December; in 2023 a Maison des Ados
permanence at the Breil, a CCAS counter opened in July, health referents deployed in
October, mental health training in several neighbourhoods; the 18–25 aids « d'ici la
rentrée 2024 ». ``004`` (the yearly meeting of 4 December 2025): two new counters open
(Dervallières and Nantes Nord), neighbourhood operators and their « PIN's », aid criteria
based on the « reste à vivre », the Équipe Mobile d'Aide in the street « dès janvier
prochain », « Nantes en Compagnie » operational in September 2026, « Plus qu'un radis »
(nine actors) as a call-for-cooperation project, the Coopérative running since April with
about thirty members.

Where the seeds give no figure, the demo's are plausible and say so: per-action budgets
(they add up to the 2.35 M€), progress percentages, indicator values. Officials appear by
their function, never by name. The seeds name the flagship actions of 2023 (002: the Maison
des Ados permanence, the CCAS counter of July, the health referents, the mental health
training); which others are among the 15 is the demo's choice. What happened after
December 2025 (the last seed) is invented, and each such step says so (``INVENTED``). The
actions the seeds do not name, to reach « une centaine », are in ``strategy_more``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

D = dt.date
END = dt.date(2026, 12, 31)  # « d'ici 2026 » (000)


@dataclass(frozen=True)
class Step:
    """Something that happened to an action on ``on``: a status, a progress, a reason."""

    on: dt.date
    status: str | None = None
    progress: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str
    baseline: int
    target: int
    measures: tuple[tuple[dt.date, int], ...]


@dataclass(frozen=True)
class ActionData:
    title: str
    description: str
    flagship: bool = False
    service: str = ""
    partners: str = ""
    neighbourhoods: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = END
    budget: int = 0  # planned, in euros, over its years
    story: tuple[Step, ...] = ()
    milestones: tuple[tuple[str, dt.date, dt.date | None], ...] = ()  # title, due, done on
    indicator: IndicatorData | None = None
    children: tuple[ActionData, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CommitmentData:
    title: str
    description: str
    decision: str  # the City's answer to the proposal of the same title
    justification: str
    official: str
    service: str
    actions: tuple[ActionData, ...]


ADJOINTE = "Adjointe déléguée aux solidarités et à l'inclusion sociale"
CONSEILLER = "Conseiller municipal délégué à la grande précarité"
CCAS = "CCAS — Département Prévention Solidarités"
ADOPTED = D(2023, 6, 30)  # « le conseil municipal du 30 juin » (000)
ANSWER_PUBLISHED = dt.datetime(2023, 7, 6, 10, 0)  # the article of 6 July 2023 (000)
IN_PROGRESS, DONE, PLANNED = "in_progress", "done", "planned"
INVENTED = "Suite inventée pour la démonstration : les sources s'arrêtent en décembre 2025."

COMMITMENTS: tuple[CommitmentData, ...] = (
    CommitmentData(
        "Lutter contre la précarité financière pour améliorer le reste à vivre",
        "Donner un coup de pouce financier à celles et ceux dont le reste à vivre ne suffit "
        "pas, en commençant par les 18–25 ans.",
        "partly",
        "Retenue en partie. La Ville élargit les aides facultatives du CCAS aux 18–25 ans "
        "(aides coup de pouce, micro-crédit, aides pour payer les factures d'énergie) et revoit "
        "les critères de ses aides pour mieux tenir compte du « reste à vivre » des familles. "
        "Les minima sociaux relèvent de l'État et du Département : la Ville ne peut pas les "
        "relever, elle en facilite l'accès (engagement 2).",
        ADJOINTE,
        CCAS,
        (
            ActionData(
                "Élargir les aides facultatives du CCAS aux 18–25 ans",
                "Aides coup de pouce, micro-crédit et aides pour payer les factures d'énergie, "
                "ouvertes aux jeunes de 18 à 25 ans « dès l'été 2024 ».",
                flagship=True,
                service=CCAS,
                start=D(2024, 1, 1),
                budget=300_000,
                story=(
                    Step(D(2024, 1, 8), IN_PROGRESS, 20),
                    Step(D(2024, 6, 28), None, 70),
                    Step(D(2024, 9, 2), DONE),
                ),
                milestones=(
                    (
                        "Délibération du conseil d'administration du CCAS",
                        D(2024, 3, 31),
                        D(2024, 3, 28),
                    ),
                    ("Premières aides versées à des 18–25 ans", D(2024, 9, 1), D(2024, 9, 2)),
                ),
                indicator=IndicatorData(
                    "Jeunes de 18 à 25 ans aidé·e·s",
                    "personnes",
                    0,
                    600,
                    (
                        (D(2024, 12, 31), 214),
                        (D(2025, 6, 30), 397),
                        (D(2025, 11, 30), 522),
                        (D(2026, 11, 30), 611),
                    ),
                ),
            ),
            ActionData(
                "Revoir les critères des aides du CCAS pour tenir compte du « reste à vivre »",
                "Des critères d'aide fondés sur ce qui reste pour vivre une fois les charges "
                "fixes payées, par unité de consommation.",
                service=CCAS,
                start=D(2024, 1, 1),
                end=D(2025, 12, 31),
                budget=60_000,
                story=(Step(D(2024, 4, 2), IN_PROGRESS, 30), Step(D(2025, 10, 1), DONE)),
            ),
        ),
    ),
    CommitmentData(
        "Renforcer l'accès aux droits",
        "Lutter contre le non-recours aux droits en permettant aux habitants d'activer leurs "
        "droits, au plus près de chez eux et en misant avant tout sur la relation humaine.",
        "retained",
        "Retenue. Trois nouveaux guichets d'accueil et d'accès aux droits du CCAS ouvrent en "
        "proximité (Dervallières, Bottière et Nantes Nord), en plus de ceux de Bellevue et de "
        "Nantes Nord ; les professionnels de l'aller-vers passent de 5 à 10 pour couvrir les "
        "11 quartiers ; une Maison de la longévité ouvre progressivement à partir de 2024.",
        ADJOINTE,
        CCAS,
        (
            ActionData(
                "Ouvrir trois guichets d'accueil et d'accès aux droits du CCAS en proximité",
                "Accueillir les habitants, faire un diagnostic de leurs droits et les orienter "
                "vers les organismes compétents (CAF, CPAM) ; mobiliser si besoin les aides du "
                "CCAS.",
                flagship=True,
                service=CCAS,
                neighbourhoods=("dervallieres-zola", "doulon-bottiere", "nantes-nord"),
                start=D(2023, 7, 1),
                story=(Step(D(2023, 7, 3), IN_PROGRESS),),
                indicator=IndicatorData(
                    "Ménages reçus dans les nouveaux guichets",
                    "ménages",
                    0,
                    3000,
                    (
                        (D(2023, 12, 31), 380),
                        (D(2024, 12, 31), 1150),
                        (D(2025, 11, 30), 2240),
                        (D(2026, 11, 30), 3120),
                    ),
                ),
                children=(
                    ActionData(
                        "Guichet des Dervallières",
                        "Ouvert en juillet 2023, au plus près des habitants du quartier.",
                        flagship=True,
                        service=CCAS,
                        neighbourhoods=("dervallieres-zola",),
                        start=D(2023, 7, 1),
                        end=D(2023, 12, 31),
                        budget=120_000,
                        story=(Step(D(2023, 7, 3), DONE),),
                        milestones=(("Ouverture du guichet", D(2023, 7, 31), D(2023, 7, 3)),),
                    ),
                    ActionData(
                        "Guichet de Nantes Nord",
                        "Le deuxième des trois nouveaux guichets.",
                        service=CCAS,
                        neighbourhoods=("nantes-nord",),
                        start=D(2024, 9, 1),
                        end=D(2025, 12, 31),
                        budget=120_000,
                        story=(
                            Step(D(2024, 9, 2), IN_PROGRESS, 40),
                            Step(D(2025, 3, 3), DONE),
                        ),
                        milestones=(("Ouverture du guichet", D(2025, 3, 31), D(2025, 3, 3)),),
                    ),
                    ActionData(
                        "Guichet de la Bottière",
                        "Le troisième guichet, « d'ici 2026 ».",
                        service=CCAS,
                        neighbourhoods=("doulon-bottiere",),
                        start=D(2025, 6, 1),
                        budget=120_000,
                        story=(
                            Step(D(2025, 6, 2), IN_PROGRESS, 35),
                            Step(D(2026, 6, 15), DONE, reason=INVENTED),
                        ),
                        milestones=(("Ouverture du guichet", D(2026, 6, 30), D(2026, 6, 15)),),
                    ),
                ),
            ),
            ActionData(
                "Aller vers les habitants : de 5 à 10 professionnels dans les 11 quartiers",
                "Des opératrices et opérateurs de quartier vont à la rencontre des habitants et "
                "tiennent des PIN's – Points d'Informations Nantes Solidaire dans l'espace "
                "public ou lors de permanences associatives.",
                flagship=True,
                service=CCAS,
                start=D(2023, 9, 1),
                budget=250_000,
                story=(
                    Step(D(2023, 9, 4), IN_PROGRESS, 20),
                    Step(D(2024, 9, 2), None, 60),
                    Step(D(2025, 9, 1), None, 80),
                    Step(D(2026, 9, 1), None, 95, INVENTED),
                ),
                indicator=IndicatorData(
                    "Professionnels de l'aller-vers",
                    "professionnels",
                    5,
                    10,
                    (
                        (D(2023, 12, 31), 6),
                        (D(2024, 12, 31), 8),
                        (D(2025, 11, 30), 9),
                        (D(2026, 11, 30), 10),
                    ),
                ),
            ),
            ActionData(
                "Ouvrir une Maison de la longévité et des espaces ressources pour les seniors",
                "Un nouveau lieu ressources pour les seniors et les professionnels, ouvert "
                "progressivement à partir de 2024, et des espaces dans les quartiers pour "
                "l'information et l'accès aux droits en proximité.",
                flagship=True,
                service="Direction des personnes âgées",
                start=D(2024, 1, 1),
                budget=100_000,
                story=(
                    Step(D(2024, 5, 6), IN_PROGRESS, 25),
                    Step(D(2025, 5, 5), None, 55),
                    Step(D(2026, 5, 4), None, 80, INVENTED),
                ),
            ),
        ),
    ),
    CommitmentData(
        "Améliorer les conditions de vie des Nantaises et Nantais les plus fragiles",
        "Assurer à chacune et chacun une vie digne et une vie sociale enrichie, dans tous les "
        "champs de la vie quotidienne.",
        "retained",
        "Retenue. L'épicerie sociale « Les 1000 fleurs du colibri » est pérennisée, un lieu "
        "d'accueil parents-enfants pour les 6–11 ans est à l'étude, et une équipe de travail "
        "social de rue va à la rencontre des personnes en situation d'errance.",
        CONSEILLER,
        CCAS,
        (
            ActionData(
                "Pérenniser l'épicerie sociale « Les 1000 fleurs du colibri »",
                "Ouverte en expérimentation en février 2023 à Doulon-Bottière pour prévenir et "
                "lutter contre la précarité alimentaire et la pauvreté dans le quartier.",
                flagship=True,
                service=CCAS,
                neighbourhoods=("doulon-bottiere",),
                start=D(2023, 7, 1),
                budget=120_000,
                story=(Step(D(2023, 7, 3), IN_PROGRESS, 40), Step(D(2024, 7, 1), None, 75)),
            ),
            ActionData(
                "Étudier l'ouverture d'un lieu d'accueil parents-enfants (LAEP) pour les 6–11 ans",
                "Le chaînon manquant entre les LAEP 0–6 ans et la Maison des Adolescents, pour "
                "renforcer d'ici 2024–2025 le soutien à la parentalité.",
                service="Direction de l'éducation",
                start=D(2024, 1, 1),
                end=D(2025, 12, 31),
                budget=60_000,
                story=(
                    Step(D(2024, 2, 5), IN_PROGRESS, 30),
                    Step(D(2025, 6, 30), None, 60),
                ),
            ),
            ActionData(
                "Équipe Mobile d'Aide (EMA) : un travail social de rue",
                "Une équipe mobile pluridisciplinaire, en binômes mêlant compétences sociales et "
                "médicales, à la rencontre des personnes sans abri, du lundi au vendredi de 9 h "
                "à 19 h, pour les orienter vers les soins et les dispositifs adaptés.",
                flagship=True,
                service=CCAS,
                start=D(2025, 1, 1),
                budget=180_000,
                story=(
                    Step(D(2025, 3, 3), IN_PROGRESS, 30),
                    Step(D(2025, 11, 3), None, 60),
                    Step(D(2026, 1, 5), None, 75, INVENTED),
                ),
                milestones=(
                    ("Recrutement des binômes", D(2025, 10, 31), D(2025, 11, 3)),
                    ("Premières interventions dans la rue", D(2026, 1, 5), D(2026, 1, 5)),
                ),
            ),
        ),
    ),
    CommitmentData(
        "Renforcer les aides en matière d'accompagnement de la santé mentale sur le territoire",
        "Accompagner les professionnels et habitants qui accompagnent au quotidien des "
        "personnes en souffrance psychique.",
        "retained",
        "Retenue. Des actions de santé mentale (sensibilisation, formation, groupes de parole, "
        "médiateurs) sont déployées dans tous les quartiers nantais.",
        ADJOINTE,
        "Direction santé publique",
        (
            ActionData(
                "Déployer des actions de santé mentale dans tous les quartiers",
                "Sensibilisation, formation, groupes de parole et médiateurs, dans les 11 "
                "quartiers.",
                flagship=True,
                service="Direction santé publique",
                start=D(2023, 9, 1),
                story=(Step(D(2023, 9, 4), IN_PROGRESS),),
                children=(
                    ActionData(
                        "Référents santé dans les quartiers",
                        "Des référents santé déployés en octobre 2023.",
                        flagship=True,
                        service="Direction santé publique",
                        start=D(2023, 9, 1),
                        end=D(2023, 12, 31),
                        budget=90_000,
                        story=(Step(D(2023, 10, 2), DONE),),
                    ),
                    ActionData(
                        "Formations en santé mentale",
                        "Des formations menées dans plusieurs quartiers, pour les professionnels "
                        "et les habitants.",
                        flagship=True,
                        service="Direction santé publique",
                        start=D(2023, 10, 1),
                        budget=60_000,
                        story=(
                            Step(D(2023, 10, 2), IN_PROGRESS, 25),
                            Step(D(2024, 10, 1), None, 55),
                            Step(D(2025, 10, 1), None, 75),
                        ),
                        indicator=IndicatorData(
                            "Personnes formées",
                            "personnes",
                            0,
                            400,
                            (
                                (D(2023, 12, 31), 45),
                                (D(2024, 12, 31), 180),
                                (D(2025, 11, 30), 290),
                                (D(2026, 11, 30), 385),
                            ),
                        ),
                    ),
                ),
            ),
            ActionData(
                "Une permanence de la Maison des Ados à la maison de quartier du Breil",
                "Une permanence ouverte en janvier 2024.",
                flagship=True,
                service="Direction santé publique",
                neighbourhoods=("breil-barberie",),
                start=D(2024, 1, 1),
                end=D(2024, 1, 31),
                budget=40_000,
                story=(Step(D(2024, 1, 15), DONE),),
            ),
        ),
    ),
    CommitmentData(
        "Lutter contre l'isolement social",
        "Lutter contre les solitudes non choisies et l'isolement social.",
        "retained",
        "Retenue. Une plateforme facilitera les déplacements des seniors isolés : les "
        "citoyens qui le veulent seront mis en relation avec eux pour les aider au quotidien "
        "(balades, courses, visites médicales).",
        ADJOINTE,
        "Direction des personnes âgées",
        (
            ActionData(
                "« Nantes en Compagnie » : accompagner les seniors dans leurs déplacements",
                "Des bénévoles de tout âge accompagnent les personnes de 65 ans et plus, isolées "
                "ou ayant du mal à se déplacer, pour leurs courses, rendez-vous médicaux ou "
                "administratifs et leurs loisirs ; demandes par une ligne téléphonique dédiée ou "
                "une plateforme numérique ; opérationnel en septembre 2026 dans toute la ville.",
                flagship=True,
                service="Direction des personnes âgées",
                partners="Groupement Orpan, Bénénova et les Petits Frères des Pauvres",
                start=D(2024, 6, 1),
                budget=130_000,
                story=(
                    Step(D(2024, 9, 2), IN_PROGRESS, 15),
                    Step(D(2025, 12, 4), None, 45),
                    Step(D(2026, 9, 28), None, 85, INVENTED),
                ),
                milestones=(
                    ("Choix du groupement porteur", D(2025, 3, 31), D(2025, 3, 14)),
                    ("Service opérationnel dans toute la ville", D(2026, 9, 30), D(2026, 9, 28)),
                ),
            ),
        ),
    ),
    CommitmentData(
        "Agir contre les inégalités sociales liées à la transition écologique",
        "Ne laisser personne de côté face aux conséquences du changement climatique, "
        "notamment pour l'accès à une alimentation de qualité et accessible.",
        "partly",
        "Retenue en partie. La Ville lance en 2024 un premier appel à coopérations sur "
        "l'alimentation de qualité et accessible, doté de 250 000 €. La rénovation des "
        "logements mal isolés relève d'autres politiques (habitat, Nantes Métropole) et n'est "
        "pas reprise ici.",
        CONSEILLER,
        "Mission appels à coopérations",
        (
            ActionData(
                "Premier appel à coopérations : une alimentation de qualité et accessible",
                "250 000 € pour le ou les projets lauréats, portés par des acteurs locaux. "
                "Lauréat : « Plus qu'un radis », neuf acteurs de l'agriculture biologique et de "
                "l'aide alimentaire pour passer d'un modèle de don à un modèle d'achat de "
                "produits bio et locaux.",
                flagship=True,
                service="Mission appels à coopérations",
                start=D(2024, 1, 1),
                end=D(2025, 12, 31),
                budget=250_000,
                story=(Step(D(2024, 3, 4), IN_PROGRESS, 20), Step(D(2024, 11, 29), DONE)),
                milestones=(
                    ("Lancement de l'appel", D(2024, 3, 31), D(2024, 3, 4)),
                    ("Choix des lauréats par le jury", D(2024, 11, 30), D(2024, 11, 29)),
                ),
            ),
        ),
    ),
    CommitmentData(
        "Organiser, créer et soutenir les nouvelles solidarités",
        "Poursuivre et développer une action commune entre les acteurs de la solidarité et "
        "favoriser les coopérations à l'échelle du territoire.",
        "retained",
        "Retenue. Une Coopérative nantaise des nouvelles solidarités est co-construite avec les "
        "acteurs, et un nouvel appel à coopérations de 250 000 € est lancé en 2025 sur un "
        "besoin insuffisamment couvert.",
        ADJOINTE,
        CCAS,
        (
            ActionData(
                "Créer la Coopérative nantaise des nouvelles solidarités",
                "Un espace ressources de rencontres, d'entraide et d'incubation de projets "
                "collectifs, autour de quatre principes : croiser les univers, coopérer, "
                "innover, agir concrètement. Une trentaine d'acteurs de cinq univers ; chaque "
                "membre apporte des ressources et s'engage dans au moins un projet collectif.",
                flagship=True,
                service=CCAS,
                start=D(2024, 2, 20),
                budget=100_000,
                story=(
                    Step(D(2024, 2, 20), IN_PROGRESS, 10),
                    Step(D(2024, 12, 20), None, 50),
                    Step(D(2025, 4, 1), None, 70),
                ),
                milestones=(
                    (
                        "Lancement avec 38 participants à l'Hôtel de Ville",
                        D(2024, 2, 20),
                        D(2024, 2, 20),
                    ),
                    ("Missions de la coopérative définies", D(2024, 5, 31), D(2024, 5, 31)),
                    ("Expérimentations (événements et autres)", D(2024, 10, 31), D(2024, 10, 31)),
                    ("Bilan et mode d'emploi de la coopérative", D(2024, 12, 20), D(2024, 12, 20)),
                    ("Ouverture de l'espace de la coopérative", D(2025, 4, 30), D(2025, 4, 1)),
                    ("Gouvernance permanente", D(2026, 12, 31), None),
                ),
                indicator=IndicatorData(
                    "Membres de la coopérative",
                    "membres",
                    0,
                    30,
                    (
                        (D(2024, 2, 20), 38),
                        (D(2025, 4, 1), 30),
                        (D(2025, 11, 30), 30),
                        (D(2026, 11, 30), 31),
                    ),
                ),
            ),
            ActionData(
                "Deuxième appel à coopérations",
                "250 000 € sur un nouveau thème, pour répondre à un ou des besoins "
                "insuffisamment couverts sur le territoire.",
                flagship=True,
                service="Mission appels à coopérations",
                start=D(2025, 1, 1),
                budget=250_000,
                story=(
                    Step(D(2025, 4, 7), IN_PROGRESS, 30),
                    Step(D(2026, 1, 27), None, 60, INVENTED),
                ),
                milestones=(
                    ("Lancement de l'appel", D(2025, 4, 30), D(2025, 4, 7)),
                    ("Choix des lauréats par le jury", D(2026, 1, 31), D(2026, 1, 27)),
                ),
            ),
        ),
    ),
)
