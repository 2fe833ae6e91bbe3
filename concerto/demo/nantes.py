"""The Nantes demo, as data: the « Assises des nouvelles solidarités » (2022), at their dates.

Texts in quotes come verbatim from the public documents in ``shared/seeds/``:
``003`` is the press kit of 17 January 2022, ``004`` the announcement of 15 October
2021, ``000`` the article of 6 July 2023 on the strategy adopted on 30 June 2023, ``002``
the launch of the Coopérative (February 2024) and the yearly meeting of 4 December 2025.
The demo is seen from today, after the strategy's adoption: the process, its phases and
channels tell what happened, in the past tense; the news keep the words of their day.
Places for the urns are public places (maisons de quartier, mairies annexes, centres
sociaux, commerces de proximité); their addresses and coordinates are plausible
approximations for the demo, not a reference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SLUG = "assises-des-nouvelles-solidarites"
TITLE = "Assises des nouvelles solidarités"
RECEIPT_PREFIX = "ASN"
RECEIPT_YEAR = 2022
PHONE_NUMBER = "0800 73 23 35"
CONTACT_EMAIL = "assises-solidarites@mairie-nantes.fr"

# The calendar (Europe/Paris local dates), from the seeds.
CONTRIBUTIONS_START = dt.date(2022, 1, 26)  # a Wednesday (003)
INDIVIDUAL_END = dt.date(2022, 6, 20)  # « jusqu'au 20 juin » (003)
COLLECTIVE_END = dt.date(2022, 5, 29)  # « jusqu'au 29 mai » (003)
FESTIVAL_DAY_1 = dt.date(2022, 6, 10)  # « 10 et 11 juin 2022 », a Friday and a Saturday
FESTIVAL_DAY_2 = dt.date(2022, 6, 11)
ADOPTED = dt.date(2023, 6, 30)  # « le conseil municipal du 30 juin », « ce vendredi » (000)
ANNUAL_MEETING_2025 = dt.date(2025, 12, 4)  # « le 4 décembre dernier » (002), a Thursday
CLOSING_TIME = dt.time(23, 59)

SUMMARY = (
    "Du 26 janvier au 20 juin 2022, la Ville de Nantes a mené les Assises des nouvelles "
    "solidarités : 120 jours de dialogue citoyen et des temps forts autour des solidarités, "
    "« en faveur de la lutte contre la précarité et l'isolement social ». 4300 participants, "
    "plus de 350 contributions individuelles, 97 cahiers d'acteurs collectifs, pas moins de "
    "50 évènements. Le rapport des Assises est sorti en décembre 2022 ; la Stratégie nantaise "
    "des nouvelles solidarités 2023–2026, qui y répond, a été adoptée au conseil municipal du "
    "vendredi 30 juin 2023. Sa mise en œuvre est suivie ici, action par action."
)

WHO_MAY_TAKE_PART = (
    "Du 26 janvier à mi-juin 2022, la Ville de Nantes a invité toutes celles et tous ceux "
    "qui se sentaient concerné·e·s, et qui voulaient agir, à participer à une grande démarche "
    "de dialogue citoyen, et notamment :\n"
    "- Les habitant·e·s, dont celles et ceux concerné·e·s par la précarité/l'isolement et les "
    "acteurs de la solidarité.\n"
    "- Les acteurs traditionnels, historiques et émergents du champ des solidarités : "
    "associations et collectifs, mais aussi les acteurs non associatifs : bailleurs sociaux, "
    "professionnel·le·s de l'action sociale, partenaires institutionnels (conseil "
    "départemental, etc.).\n"
    "- Les acteurs qui ne font pas partie de l'écosystème classique des solidarités et qui "
    "souhaitent jouer un rôle ou renforcer leur rôle et leur mobilisation dans le portage "
    "d'actions solidaires : entreprises, commerçants, professionnels indépendants, secteur "
    "assurantiel, banques..."
)

OBJECTIVES = (
    "Les Assises des nouvelles solidarités visaient 3 objectifs :\n"
    '1) Affiner, consolider et partager le diagnostic social et repérer les "nouvelles" '
    "situations de précarité/isolement.\n"
    "2) Soutenir l'engagement solidaire.\n"
    "3) Renforcer les solutions et les coopérations existantes et inventer de nouvelles "
    "solidarités."
)

POLICY_IMPACTS = (
    "Le mandat de janvier 2022 annonçait un rapport « qui retrace et organise toutes les "
    "contributions collectées », « rendu public et présenté aux élu·e·s de la Ville de Nantes "
    "pour instruction », puis un plan d'actions municipal et partenarial pour lutter contre "
    "la précarité et l'isolement.\n"
    "Ce qu'il en est advenu : le rapport des Assises est sorti en décembre 2022 ; la "
    "Stratégie nantaise des nouvelles solidarités 2023–2026, adoptée le 30 juin 2023, y "
    "répond par 7 engagements majeurs, une centaine d'actions dont 15 actions phares et une "
    "enveloppe supplémentaire de 2,35 millions d'euros ; le premier appel à coopérations, "
    "doté de 250 000 €, a été lancé en 2024."
)

COMMITMENT = (
    "Le rapport final devait être « rendu public puis instruit par les élu.e.s de la ville de "
    "Nantes et les partenaires ». Les élu·e·s y ont répondu point par point, puis par une "
    "stratégie adoptée en conseil municipal, « résultat concret de cette concertation "
    "citoyenne ». Depuis, la collectivité revient annuellement vers les participants, « dans "
    "le cadre du droit de suite, pour présenter les réalisations concrètes »."
)


@dataclass(frozen=True)
class QuestionData:
    number: int
    title: str
    description: str
    prompts: str


QUESTIONS: tuple[QuestionData, ...] = (
    QuestionData(
        1,
        "Précarité et isolement, quelle est la situation actuelle ?",
        "Chacune et chacun a été interrogé·e sur les enjeux sociaux qu'ils estimaient majeurs à "
        "Nantes pour identifier ceux pour lesquels il faudrait agir en priorité, notamment au "
        "regard des conséquences de la crise sanitaire.",
        "Parmi les questions qui pouvaient se poser : quelles sont les problématiques sociales "
        "insuffisamment prises en compte ? Faut-il actualiser la définition des besoins "
        "essentiels pour vivre dignement aujourd'hui ? Y a-t-il de nouvelles personnes qui ne "
        "sont pas prises en charge par les dispositifs existants ou qui n'accèdent pas à leurs "
        "droits ? Etc.",
    ),
    QuestionData(
        2,
        "Citoyens, associations, entreprises et collectivités... qui peut agir pour les "
        "solidarités ?",
        "Pendant la crise sanitaire, différents acteurs dans le champ des solidarités se sont "
        "mobilisés (citoyennes et citoyens, personnes directement concernées, acteurs "
        "économiques, commerçants, etc.) ce qui a parfois permis l'émergence de nouvelles "
        "pratiques, en complément des acteurs « traditionnels ». Cette période a parfois permis "
        "un « déclic de solidarité ». L'enjeu était ici de davantage mettre en lumière et "
        "d'analyser les diverses formes d'engagement possibles, d'en comprendre les logiques "
        "mais aussi d'identifier les freins et leviers éventuels.",
        "Parmi les questions qui pouvaient se poser : quels sont les différents profils de "
        "personnes engagées et comment soutenir leur engagement ? À quelles conditions ces "
        "formes d'engagement sont-elles durables, éthiques et bénéfiques ? Etc.",
    ),
    QuestionData(
        3,
        "Agir contre la précarité et l'isolement, quelles idées pour demain ?",
        "Les participantes et participants ont pu imaginer de nouvelles solutions et "
        "coopérations pour améliorer les conditions de vie et lutter contre l'isolement social.",
        "Parmi les questions qui pouvaient se poser : quelles actions innovantes, existantes sur "
        "d'autres territoires, seraient intéressantes à mettre en œuvre sur Nantes ? Y a-t-il "
        "des solutions nouvelles à inventer ? Quelles sont les nouvelles formes de coopération "
        "à encourager ? Toutes les solidarités sont-elles adaptées au territoire ? Etc.",
    ),
)


@dataclass(frozen=True)
class PhaseData:
    kind: str
    title: str
    description: str
    starts_on: dt.date
    ends_on: dt.date


PHASES: tuple[PhaseData, ...] = (
    PhaseData(
        "contributions",
        "120 jours de dialogue citoyen",
        "Du mercredi 26 janvier au lundi 20 juin 2022, chacun·e a pu contribuer, de manière "
        "individuelle ou collective. Les contributions individuelles (jusqu'au 20 juin) ont été "
        "déposées en ligne, glissées dans une urne de quartier ou laissées en message vocal sur "
        "la ligne gratuite ; les contributions collectives (jusqu'au 29 mai) ont pris la forme "
        "d'un cahier d'acteurs.",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
    ),
    PhaseData(
        "event",
        "Temps fort des « Assises des nouvelles solidarités »",
        "Les vendredi 10 et samedi 11 juin 2022 : une soirée de lancement, puis une journée "
        "type « Festival des solidarités », ouverte à toutes et tous, pour dresser un premier "
        "bilan des 4 mois (actions et initiatives entreprises, contributions collectées, "
        "remise des avis citoyens, ateliers menés). Au programme : des conférences, des "
        "tables-rondes, des ateliers, et un « Parcours des solidarités » pour découvrir des "
        "lieux et des initiatives solidaires portés par des acteurs et partenaires locaux.",
        FESTIVAL_DAY_1,
        FESTIVAL_DAY_2,
    ),
    PhaseData(
        "instruction",
        "Le temps de l'instruction",
        "De juillet à décembre 2022. Le rapport des Assises, sorti en décembre 2022, a dressé "
        "des constats, énuméré les enjeux et fait des propositions qui découlent de l'analyse "
        "de l'ensemble des contributions ; il met en exergue 3 grands enjeux et leviers "
        "d'amélioration. Rendu public, il a été instruit par les élu·e·s de la Ville de Nantes "
        "et les partenaires.",
        dt.date(2022, 7, 1),
        dt.date(2022, 12, 31),
    ),
    PhaseData(
        "answer",
        "La Stratégie nantaise des nouvelles solidarités adoptée",
        "Adoptée au conseil municipal du vendredi 30 juin 2023, la Stratégie des nouvelles "
        "solidarités est « le résultat concret de cette concertation citoyenne » : une "
        "enveloppe supplémentaire de 2,35 millions d'euros et un plan d'action de 100 mesures, "
        "à partir de 7 engagements majeurs, une centaine d'actions, dont 15 actions phares. "
        "La Ville a répondu à chaque proposition du rapport : retenue ou non, et pourquoi.",
        ADOPTED,
        ADOPTED,
    ),
    PhaseData(
        "implementation",
        "Mise en œuvre de la stratégie 2023–2026",
        "Depuis juillet 2023 et jusqu'à fin 2026, la Ville met en œuvre les 7 engagements et "
        "leurs actions ; chaque action est suivie ici (état, jalons, budget, indicateurs). La "
        "collectivité revient annuellement vers les participants, dans le cadre du droit de "
        "suite, pour présenter les réalisations concrètes : plus de 150 personnes au "
        "rendez-vous du jeudi 4 décembre 2025 ; le prochain rendez-vous figure à l'agenda.",
        dt.date(2023, 7, 1),
        dt.date(2026, 12, 31),
    ),
)


@dataclass(frozen=True)
class ChannelData:
    kind: str
    opens_on: dt.date
    closes_on: dt.date
    instructions: str


CHANNELS: tuple[ChannelData, ...] = (
    ChannelData(
        "online",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
        "Le formulaire de participation en ligne permettait de s'exprimer sur 1 ou les 3 "
        "questions.",
    ),
    ChannelData(
        "paper",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
        "Le formulaire papier se glissait dans une urne « Assises des nouvelles solidarités » "
        "de son quartier : maisons de quartier, mairies annexes, centres sociaux Accoord et "
        "abords des commerces et supermarchés de proximité. Les bulletins étaient à détacher "
        "dans le livret d'informations disponible dans tous les lieux municipaux.",
    ),
    ChannelData(
        "phone",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
        "La ligne téléphonique dédiée (le 0800 73 23 35) recevait les messages : chaque "
        "contribution déposée a ensuite été retranscrite sur la plateforme de participation en "
        "ligne.",
    ),
    ChannelData(
        "collective",
        CONTRIBUTIONS_START,
        COLLECTIVE_END,
        "Par le biais de cahiers d'acteurs : ce document normé a permis de synthétiser le "
        "fruit d'une réflexion collective en réponse à l'une ou plusieurs questions débattues "
        "pendant la démarche de participation citoyenne.",
    ),
)


@dataclass(frozen=True)
class NeighbourhoodData:
    slug: str
    name: str
    # "à Doulon", "sur l'Île de Nantes": where, in a sentence.
    where: str
    # "de Doulon", "du Breil": used in pseudonyms ("Habitante de Doulon").
    of: str
    # Relative weight of the quartier among the demo contributions.
    weight: int
    is_outside: bool = False


NEIGHBOURHOODS: tuple[NeighbourhoodData, ...] = (
    NeighbourhoodData(
        "centre-ville", "Centre-ville", "dans le centre-ville", "du centre-ville", 12
    ),
    NeighbourhoodData(
        "bellevue-chantenay-sainte-anne",
        "Bellevue – Chantenay – Sainte-Anne",
        "à Chantenay",
        "de Chantenay",
        11,
    ),
    NeighbourhoodData("dervallieres-zola", "Dervallières – Zola", "aux Dervallières", "de Zola", 9),
    NeighbourhoodData(
        "hauts-paves-saint-felix", "Hauts-Pavés – Saint-Félix", "à Saint-Félix", "de Saint-Félix", 8
    ),
    NeighbourhoodData("breil-barberie", "Breil – Barberie", "au Breil", "du Breil", 7),
    NeighbourhoodData("nantes-nord", "Nantes Nord", "à Nantes Nord", "de Nantes Nord", 10),
    NeighbourhoodData("nantes-erdre", "Nantes Erdre", "à Nantes Erdre", "de Nantes Erdre", 8),
    NeighbourhoodData("doulon-bottiere", "Doulon – Bottière", "à la Bottière", "de Doulon", 10),
    NeighbourhoodData(
        "malakoff-saint-donatien", "Malakoff – Saint-Donatien", "à Malakoff", "de Malakoff", 9
    ),
    NeighbourhoodData(
        "ile-de-nantes", "Île de Nantes", "sur l'Île de Nantes", "de l'Île de Nantes", 8
    ),
    NeighbourhoodData("nantes-sud", "Nantes Sud", "à Nantes Sud", "de Nantes Sud", 6),
    NeighbourhoodData(
        "hors-nantes", "Hors Nantes", "dans l'agglomération", "de l'agglomération", 2, True
    ),
)


@dataclass(frozen=True)
class UrnData:
    code: str
    place_name: str
    place_kind: str
    address: str
    neighbourhood: str
    latitude: str
    longitude: str
    opening_hours: str


_MQ = "Du lundi au vendredi, 9 h – 12 h 30 et 14 h – 18 h"
_MA = "Du lundi au vendredi, 8 h 30 – 17 h ; samedi 9 h – 12 h"
_CS = "Du lundi au vendredi, 9 h – 12 h et 13 h 30 – 18 h 30"
_CO = "Aux heures d'ouverture des commerces, du mardi au samedi"

URNS: tuple[UrnData, ...] = (
    UrnData(
        "mq-madeleine-champ-de-mars",
        "Maison de quartier Madeleine – Champ-de-Mars",
        "maison_quartier",
        "2 bis rue d'Enghien, 44000 Nantes",
        "centre-ville",
        "47.211900",
        "-1.545400",
        _MQ,
    ),
    UrnData(
        "co-marche-talensac",
        "Commerces de proximité du marché de Talensac",
        "commerce",
        "Rue Talensac, 44000 Nantes",
        "centre-ville",
        "47.221900",
        "-1.559600",
        _CO,
    ),
    UrnData(
        "ma-chantenay",
        "Mairie annexe de Chantenay",
        "mairie_annexe",
        "Place de la Liberté, 44100 Nantes",
        "bellevue-chantenay-sainte-anne",
        "47.205200",
        "-1.592800",
        _MA,
    ),
    UrnData(
        "cs-bellevue",
        "Centre socioculturel de Bellevue",
        "centre_social",
        "Place Denis Forestier, 44100 Nantes",
        "bellevue-chantenay-sainte-anne",
        "47.212300",
        "-1.620400",
        _CS,
    ),
    UrnData(
        "mq-dervallieres",
        "Maison de quartier des Dervallières",
        "maison_quartier",
        "Rue Auguste Renoir, 44100 Nantes",
        "dervallieres-zola",
        "47.223100",
        "-1.597500",
        _MQ,
    ),
    UrnData(
        "co-place-zola",
        "Commerces de proximité de la place Émile Zola",
        "commerce",
        "Place Émile Zola, 44100 Nantes",
        "dervallieres-zola",
        "47.216800",
        "-1.582900",
        _CO,
    ),
    UrnData(
        "ma-hauts-paves",
        "Mairie annexe des Hauts-Pavés – Saint-Félix",
        "mairie_annexe",
        "Rue des Hauts-Pavés, 44000 Nantes",
        "hauts-paves-saint-felix",
        "47.228600",
        "-1.563900",
        _MA,
    ),
    UrnData(
        "co-place-viarme",
        "Commerces de proximité de la place Viarme",
        "commerce",
        "Place Viarme, 44000 Nantes",
        "hauts-paves-saint-felix",
        "47.222300",
        "-1.562800",
        _CO,
    ),
    UrnData(
        "cs-breil",
        "Centre socioculturel du Breil",
        "centre_social",
        "Rue du Breil, 44100 Nantes",
        "breil-barberie",
        "47.238800",
        "-1.586400",
        _CS,
    ),
    UrnData(
        "ma-nantes-nord",
        "Mairie annexe de Nantes Nord",
        "mairie_annexe",
        "Boulevard Le Lasseur, 44300 Nantes",
        "nantes-nord",
        "47.253400",
        "-1.567800",
        _MA,
    ),
    UrnData(
        "cs-boissiere",
        "Centre socioculturel de la Boissière",
        "centre_social",
        "Rue du Bourget, 44300 Nantes",
        "nantes-nord",
        "47.258100",
        "-1.571200",
        _CS,
    ),
    UrnData(
        "cs-port-boyer",
        "Centre socioculturel de Port-Boyer",
        "centre_social",
        "Rue de Port-Boyer, 44300 Nantes",
        "nantes-erdre",
        "47.241900",
        "-1.538300",
        _CS,
    ),
    UrnData(
        "mq-halveque",
        "Maison de quartier de la Halvêque",
        "maison_quartier",
        "Rue de la Halvêque, 44300 Nantes",
        "nantes-erdre",
        "47.249600",
        "-1.519700",
        _MQ,
    ),
    UrnData(
        "ma-doulon",
        "Mairie annexe de Doulon",
        "mairie_annexe",
        "Rue de la Basse-Chesnaie, 44300 Nantes",
        "doulon-bottiere",
        "47.228400",
        "-1.515300",
        _MA,
    ),
    UrnData(
        "co-bottiere",
        "Commerces de proximité de la Bottière",
        "commerce",
        "Place de la Bottière, 44300 Nantes",
        "doulon-bottiere",
        "47.232600",
        "-1.520800",
        _CO,
    ),
    UrnData(
        "mq-haubans",
        "Maison de quartier des Haubans",
        "maison_quartier",
        "1 bis boulevard de Berlin, 44000 Nantes",
        "malakoff-saint-donatien",
        "47.214600",
        "-1.527200",
        _MQ,
    ),
    UrnData(
        "cs-saint-donatien",
        "Centre socioculturel de Saint-Donatien",
        "centre_social",
        "Rue du Général Buat, 44000 Nantes",
        "malakoff-saint-donatien",
        "47.226700",
        "-1.542100",
        _CS,
    ),
    UrnData(
        "mq-ile",
        "Maison de quartier de l'Île",
        "maison_quartier",
        "Boulevard Vincent Gâche, 44200 Nantes",
        "ile-de-nantes",
        "47.205400",
        "-1.547600",
        _MQ,
    ),
    UrnData(
        "co-ile-superette",
        "Supérette de proximité de l'Île de Nantes",
        "commerce",
        "Boulevard des Martyrs Nantais de la Résistance, 44200 Nantes",
        "ile-de-nantes",
        "47.207900",
        "-1.556200",
        _CO,
    ),
    UrnData(
        "cs-clos-toreau",
        "Centre socioculturel du Clos Toreau",
        "centre_social",
        "Rue Julien Videment, 44200 Nantes",
        "nantes-sud",
        "47.192800",
        "-1.530600",
        _CS,
    ),
    UrnData(
        "co-place-mangin",
        "Commerces de proximité de la place Mangin",
        "commerce",
        "Place Mangin, 44200 Nantes",
        "nantes-sud",
        "47.196400",
        "-1.541800",
        _CO,
    ),
)


@dataclass(frozen=True)
class ResourceData:
    kind: str
    title: str
    description: str


RESOURCES: tuple[ResourceData, ...] = (
    ResourceData(
        "decryptage",
        "Document de décryptage",
        "Un document de décryptage qui donne les principales données sur la précarité, "
        "l'isolement, l'histoire et les conceptions des solidarités. Il pose les bases de la "
        "démarche.",
    ),
    ResourceData(
        "survey",
        "Synthèse de l'enquête « Inégalités, solidarités et engagement »",
        "Enquête menée auprès de 1100 nantaises et nantais et réalisée durant le mois de "
        "novembre 2021 par le cabinet TMO (par téléphone entre le 2 et le 18 novembre 2021, "
        "selon la méthode des quotas). Quelques chiffres :\n"
        "- 83 % des Nantais·e·s ont le sentiment de vivre dans une société où il y a de plus "
        "en plus de personnes en situation d'isolement.\n"
        "- 48 % des Nantais·e·s ont observé des situations d'isolement dans leur environnement "
        "proche pendant la crise sanitaire.\n"
        "- 58 % des Nantais·e·s souhaiteraient s'engager davantage en faveur des personnes en "
        "difficulté.\n"
        "- 52 % des Nantais·e·s ne savent pas à qui s'adresser ou comment procéder pour "
        "s'engager.",
    ),
    ResourceData(
        "other",
        "Nantoscope 2021",
        "Ce document, édité chaque année par le Centre Communal d'Action Sociale (CCAS) de la "
        "Ville de Nantes, dresse un portrait social de la Ville de Nantes en matière de "
        "précarité et de pauvreté. L'édition 2021, réalisée par le cabinet COMPAS, recense 449 "
        "contributions collectées par le biais d'un questionnaire en ligne. Quelques chiffres :\n"
        "- 17 % des Nantais·e·s (46 260 personnes) vivent en dessous du seuil de pauvreté.\n"
        "- 43 % des locataires du parc social sont en situation de pauvreté.\n"
        "- 86 105 Nantais·e·s vivent seul·e·s, 53 % des ménages. Ce taux était de 39 % en 1990.",
    ),
)


@dataclass(frozen=True)
class NewsData:
    slug: str
    title: str
    summary: str
    body: str
    published_at: dt.datetime  # naive, Europe/Paris


NEWS: tuple[NewsData, ...] = (
    NewsData(
        "lancement-des-assises",
        "La Ville de Nantes lance 4 mois de dialogue citoyen autour des solidarités",
        "La Ville lance ce 26 janvier les Assises des nouvelles solidarités. Au programme, 120 "
        "jours de dialogue citoyen et des temps forts autour des solidarités en faveur de la "
        "lutte contre la précarité et l'isolement social.",
        "Du 26 janvier à mi-juin 2022, tous les Nantaises et les Nantais qui se sentent "
        "concerné·e·s et qui souhaitent agir, et les partenaires, peuvent participer aux "
        "Assises des nouvelles solidarités. Pendant ces 120 jours, 3 grandes questions vont "
        "être réfléchies.\n\n"
        "Il sera possible de participer, et de répondre à 1 ou plusieurs des 3 questions "
        "posées, via différents supports et des formats participatifs inclusifs. Les "
        "contributions pourront être individuelles (jusqu'au 20 juin) à déposer en ligne sur la "
        "plateforme de participation citoyenne ou physiquement dans une urne parmi celles "
        "installées dans divers lieux à Nantes. Pour faciliter la participation de toutes et "
        "tous il sera aussi possible de laisser un message vocal sur une ligne téléphonique "
        "dédiée (le 0800 73 23 35) qui sera ensuite retranscrit sur la plateforme web.\n\n"
        "Pour plus de renseignements : assises-solidarites@mairie-nantes.fr",
        dt.datetime(2022, 1, 26, 9, 0),
    ),
    NewsData(
        "rencontres-de-la-mediation",
        "Les Rencontres de la médiation",
        "Le 26 janvier ont lieu les Rencontres de la médiation à la Manufacture à Nantes, à "
        "l'attention des acteurs de la « médiation ».",
        "Le 26 janvier ont lieu les Rencontres de la médiation à la Manufacture à Nantes "
        "(compte-tenu de la situation sanitaire, elles se tiendront en format mixte, alliant "
        "distanciel et présentiel) à l'attention des acteurs de la « médiation », c'est-à-dire "
        "les associations, les partenaires non associatifs ou encore les professionnels de la "
        "collectivité qui interviennent directement auprès des personnes en situation de "
        "précarité et d'isolement.\n\n"
        "L'objectif de cette journée est d'expliquer à ces acteurs la démarche des Assises des "
        "nouvelles solidarités (les enjeux, les 3 questions débattues, etc.) et les formes de "
        "participation qui seront proposées (outils, espaces de participation).",
        dt.datetime(2022, 1, 26, 14, 0),
    ),
    NewsData(
        "temps-fort-10-et-11-juin",
        "10 et 11 juin 2022 : les « Assises des nouvelles solidarités »",
        "Pendant ces 2 jours auront lieu une soirée de lancement et une journée type "
        "« Festival des solidarités » (ouverte à toutes et tous).",
        "Pendant ces 2 jours auront lieu une soirée de lancement et une journée type "
        "« Festival des solidarités » (ouverte à toutes et tous). Ils permettront de dresser un "
        "premier bilan des actions entreprises pendant ces 4 mois, des contributions "
        "collectées, de valoriser les initiatives nantaises et d'identifier les pistes "
        "d'actions à mettre en place pour lutter contre l'isolement et améliorer les "
        "conditions de vie à Nantes. Au programme : des conférences, des tables-rondes, des "
        "ateliers, etc. Un « Parcours des solidarités », avec un parcours en ville, sera aussi "
        "proposé, pour découvrir et aller à la rencontre des acteurs nantais qui portent des "
        "initiatives solidaires.",
        dt.datetime(2022, 3, 15, 10, 0),
    ),
    NewsData(
        "rapport-des-assises",
        "Le rapport des Assises est publié",
        "Le rapport des Assises dresse des constats, énumère les enjeux et fait des "
        "propositions qui découlent de l'analyse de l'ensemble des contributions.",
        "A l'issue de ces débats intenses, le rapport des Assises sorti en décembre 2022 a "
        "permis de dresser des constats, énumérer les enjeux et faire des propositions qui "
        "découlent de l'analyse de l'ensemble des contributions. Il met ainsi en exergue 3 "
        "grands enjeux et leviers d'amélioration :\n\n"
        "- Mieux soutenir, articuler et organiser les actions de solidarité ;\n"
        "- Vivre dignement et participer à la vie sociale pour ne pas être et rester isolé ;\n"
        "- Renforcer les solidarités de proximité et le vivre-ensemble.",
        dt.datetime(2022, 12, 15, 10, 0),
    ),
    NewsData(
        "strategie-adoptee",
        "Conseil municipal : la Stratégie nantaise des nouvelles solidarités issue du dialogue "
        "citoyen adoptée",
        "Une enveloppe supplémentaire de 2,35 millions d'euros ainsi qu'un plan d'action de 100 "
        "mesures ont été votés au conseil municipal du 30 juin.",
        "Un an après les Assises des nouvelles solidarités, lancées à Nantes entre janvier et "
        "juin 2022, une enveloppe supplémentaire de 2,35 millions d'euros ainsi qu'un plan "
        "d'action de 100 mesures ont été votées au conseil municipal du 30 juin.\n\n"
        "4300 participants, plus de 350 contributions individuelles, 97 cahiers d'acteurs "
        "collectifs, pas moins de 50 évènements,… il y a 1 an, les Assises des nouvelles "
        "solidarités avaient largement mobilisé citoyennes et citoyens, associations, "
        "entreprises et institutions sur la ville de Nantes pendant 120 jours.\n\n"
        "Au total, une enveloppe supplémentaire de 2,35 millions d'euros est mobilisée, pour "
        "mettre en œuvre d'ici 2026, à partir de 7 engagements majeurs, une centaine "
        "d'actions, dont 15 actions phares.",
        dt.datetime(2023, 7, 6, 10, 0),
    ),
    NewsData(
        "lancement-de-la-cooperative",
        "Lancement de la Coopérative nantaise des nouvelles solidarités",
        "Des acteurs du monde de la solidarité, des habitants, des acteurs économiques et des "
        "représentants de la Ville se sont retrouvés mardi 20 février à l'Hôtel de Ville.",
        "Des acteurs du monde de la solidarité, des habitants, des acteurs économiques et des "
        "représentants de la Ville de Nantes se sont retrouvés mardi 20 février à l'Hôtel de "
        "Ville pour le lancement de la Coopérative nantaise des nouvelles solidarités. 38 "
        "participants ont accepté de rejoindre une communauté d'acteurs.\n\n"
        "De mars à mai, les participants vont débattre autour des missions de la coopérative et "
        "définir les actions à tester. De mai à octobre, les actions seront expérimentées "
        "concrètement et d'octobre à décembre, un bilan de ces expérimentations sera réalisé.",
        dt.datetime(2024, 2, 21, 10, 0),
    ),
    NewsData(
        "rendez-vous-annuel-2025",
        "Retour sur le rendez-vous annuel de la Stratégie nantaise des nouvelles solidarités",
        "Plus de 150 personnes se sont retrouvées le 4 décembre pour faire le point sur les "
        "initiatives nées des Assises, dans le cadre du droit de suite.",
        "La collectivité revient annuellement vers les participants, dans le cadre du droit de "
        "suite, pour présenter les réalisations concrètes. Ce sont plus de 150 personnes – "
        "habitants, associations, professionnels et élus – qui se sont retrouvées le 4 "
        "décembre pour faire le point sur les initiatives nées des Assises des nouvelles "
        "solidarités. L'événement était organisé autour de trois thèmes :\n\n"
        "- Mieux accéder à ses droits\n"
        "- Lutter contre l'isolement des seniors\n"
        "- Mieux coopérer entre acteurs de la solidarité",
        dt.datetime(2025, 12, 8, 10, 0),
    ),
)
