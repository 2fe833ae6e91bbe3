"""The Nantes demo, as data: the « Assises des nouvelles solidarités » (2022).

Texts in quotes come verbatim from the public documents in ``shared/seeds/``:
``003`` is the press kit of 17 January 2022, ``004`` the announcement of 15 October
2021 and ``000`` the article of 6 July 2023 on the strategy adopted on 30 June 2023.
Dates inside the texts are written ``{debut}``, ``{temps_fort}``...: ``date_words()``
gives them as in the seeds, or shifted like the calendar with ``--live``.
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

# The historical calendar (Europe/Paris local dates).
CONTRIBUTIONS_START = dt.date(2022, 1, 26)
INDIVIDUAL_END = dt.date(2022, 6, 20)
COLLECTIVE_END = dt.date(2022, 5, 29)
CLOSING_TIME = dt.time(23, 59)
# With --live, today is this many days after the start of the contributions phase.
LIVE_DAYS_AFTER_START = 60

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _day(date: dt.date) -> str:
    return "1er" if date.day == 1 else str(date.day)


def date_words(shift: dt.timedelta = dt.timedelta(0)) -> dict[str, str]:
    """The dates quoted in the texts below (``{debut}``...), moved by ``shift``.

    Without a shift they read exactly as in the seeds (« 26 janvier », « 10 et 11 juin
    2022 »...); with ``--live`` they follow the shifted calendar.
    """
    start = CONTRIBUTIONS_START + shift
    end = INDIVIDUAL_END + shift
    collective = COLLECTIVE_END + shift
    middle = end - dt.timedelta(days=5)
    event = next(p for p in PHASES if p.kind == "event")
    event_start, event_end = event.starts_on + shift, event.ends_on + shift
    instruction = next(p for p in PHASES if p.kind == "instruction").ends_on + shift
    answer = next(p for p in PHASES if p.kind == "answer").starts_on + shift
    strategy = next(p for p in PHASES if p.kind == "implementation")
    strategy_start, strategy_end = strategy.starts_on + shift, strategy.ends_on + shift
    if event_start.month == event_end.month:
        days = f"{_day(event_start)} et {_day(event_end)} {MONTHS[event_end.month - 1]}"
    else:
        days = (
            f"{_day(event_start)} {MONTHS[event_start.month - 1]} et "
            f"{_day(event_end)} {MONTHS[event_end.month - 1]}"
        )
    return {
        "debut": f"{_day(start)} {MONTHS[start.month - 1]}",
        "fin": f"{_day(end)} {MONTHS[end.month - 1]}",
        "fin_collectif": f"{_day(collective)} {MONTHS[collective.month - 1]}",
        "mi_fin": f"mi-{MONTHS[middle.month - 1]} {middle.year}",
        "temps_fort": f"{days} {event_end.year}",
        "rapport": f"{MONTHS[instruction.month - 1]} {instruction.year}",
        "reponse": f"{_day(answer)} {MONTHS[answer.month - 1]} {answer.year}",
        "mise_en_oeuvre": str(strategy_start.year),
        "strategie": f"{strategy_start.year}–{strategy_end.year}",
        "fin_strategie": str(strategy_end.year),
    }


SUMMARY = (
    "La justice sociale et la lutte contre les inégalités sont au cœur des actions et des "
    "politiques publiques de la Ville de Nantes. Dans un contexte de crise sanitaire et "
    "sociale qui met en évidence les situations d'inégalités sociales à l'échelle nationale, "
    "et conformément à ses engagements, la Ville lance ce {debut} les Assises des nouvelles "
    "solidarités. Au programme, 120 jours de dialogue citoyen et des temps forts autour des "
    "solidarités en faveur de la lutte contre la précarité et l'isolement social."
)

WHO_MAY_TAKE_PART = (
    "À partir du {debut} et jusqu'à {mi_fin}, la Ville de Nantes invite toutes celles "
    "et tous ceux qui se sentent concerné·e·s, et qui veulent agir à participer à une grande "
    "démarche de dialogue citoyen et notamment :\n"
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
    "Concrètement, les Assises des nouvelles solidarités visent 3 objectifs :\n"
    '1) Affiner, consolider et partager le diagnostic social et repérer les "nouvelles" '
    "situations de précarité/isolement.\n"
    "2) Soutenir l'engagement solidaire.\n"
    "3) Renforcer les solutions et les coopérations existantes et inventer de nouvelles "
    "solidarités."
)

POLICY_IMPACTS = (
    "Un rapport « qui retrace et organise toutes les contributions collectées. Il sera "
    "ensuite rendu public et présenté aux élu·e·s de la Ville de Nantes pour instruction et "
    "définition d'un Pacte nantais des nouvelles solidarités. »\n"
    "« Au rapport final remis succédera un « Pacte nantais des nouvelles solidarités » pour "
    "la mise en place d'une politique publique « Nouvelles solidarités » dont découlera en "
    "{mise_en_oeuvre} un plan d'actions municipal et partenarial pour lutter contre la "
    "précarité et l'isolement. De plus, conformément aux engagements du mandat municipal, "
    "un appel à projets « Nouvelles solidarités » sera lancé en {mise_en_oeuvre} pour "
    "renforcer et permettre l'émergence de nouveaux projets solidaires. »"
)

COMMITMENT = (
    "Le rapport final, fruit et synthèse des 4 mois de dialogue citoyen, « sera rendu public "
    "puis instruit par les élu.e.s de la ville de Nantes et les partenaires pour nourrir le "
    "Pacte nantais des nouvelles solidarités ». Les élu·e·s s'engagent à y répondre par une "
    "stratégie adoptée en conseil municipal, « résultat concret de cette concertation "
    "citoyenne », et à revenir annuellement vers les participants, « dans le cadre du droit "
    "de suite, pour présenter les réalisations concrètes »."
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
        "Chacune et chacun sera interrogé·e sur les enjeux sociaux qu'ils estiment majeurs à "
        "Nantes pour identifier ceux pour lesquels il faudrait agir en priorité, notamment au "
        "regard des conséquences de la crise sanitaire.",
        "Parmi les questions qui pourront se poser : quelles sont les problématiques sociales "
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
        "un « déclic de solidarité ». L'enjeu est ici de davantage mettre en lumière et "
        "d'analyser les diverses formes d'engagement possibles, d'en comprendre les logiques "
        "mais aussi d'identifier les freins et leviers éventuels.",
        "Parmi les questions qui pourront se poser : quels sont les différents profils de "
        "personnes engagées et comment soutenir leur engagement ? À quelles conditions ces "
        "formes d'engagement sont-elles durables, éthiques et bénéfiques ? Etc.",
    ),
    QuestionData(
        3,
        "Agir contre la précarité et l'isolement, quelles idées pour demain ?",
        "Les participantes et participants pourront imaginer de nouvelles solutions et "
        "coopérations pour améliorer les conditions de vie et lutter contre l'isolement social.",
        "Parmi les questions qui pourront se poser : quelles actions innovantes, existantes sur "
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
        "Cette première phase permettra de contribuer, de manière individuelle ou collective. "
        "Les contributions pourront être individuelles (jusqu'au {fin}) à déposer en ligne "
        "sur la plateforme de participation citoyenne ou physiquement dans une urne parmi "
        "celles installées dans divers lieux à Nantes. Des contributions collectives seront "
        "aussi possibles (jusqu'au {fin_collectif}) sous la forme d'un cahier d'acteurs.",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
    ),
    PhaseData(
        "event",
        "Temps fort des « Assises des nouvelles solidarités »",
        "{temps_fort} : ces 2 jours permettront de faire un premier bilan des 4 mois : "
        "actions et initiatives entreprises, contributions collectées, remise des avis "
        "citoyens, ateliers menés, approfondissement de thèmes phares, valorisation des "
        "initiatives solidaires des acteurs, etc. Au programme : des conférences, des "
        "tables-rondes, des ateliers, etc. Un « Parcours des solidarités » sera aussi proposé "
        "aux habitant·e·s pour découvrir des lieux / initiatives solidaires portés par des "
        "acteurs et partenaires locaux.",
        dt.date(2022, 6, 10),
        dt.date(2022, 6, 11),
    ),
    PhaseData(
        "instruction",
        "Le temps de l'instruction",
        "Un rapport final, fruit et synthèse des 4 mois de dialogue citoyen, qui comprendra un "
        "diagnostic de la démarche engagée, les enjeux et les défis identifiés, les "
        "contributions collectées ainsi que les leviers en termes d'engagement et des "
        "préconisations de solutions et d'actions pour le territoire nantais. Il sera rendu "
        "public et présenté aux élu·e·s de la Ville de Nantes et aux partenaires, pour "
        "instruction et définition d'un Pacte nantais des nouvelles solidarités. Le rapport "
        "des Assises est sorti en {rapport}.",
        dt.date(2022, 7, 1),
        dt.date(2022, 12, 31),
    ),
    PhaseData(
        "answer",
        "La Stratégie nantaise des nouvelles solidarités adoptée",
        "La Stratégie des nouvelles solidarités, adoptée au conseil municipal du {reponse}, "
        "est le résultat concret de cette concertation citoyenne : une enveloppe "
        "supplémentaire de 2,35 millions d'euros ainsi qu'un plan d'action de 100 mesures, "
        "à partir de 7 engagements majeurs, une centaine d'actions, dont 15 actions phares.",
        dt.date(2023, 6, 30),
        dt.date(2023, 6, 30),
    ),
    PhaseData(
        "implementation",
        "Mise en œuvre de la stratégie {strategie}",
        "Mettre en œuvre d'ici {fin_strategie}, à partir de 7 engagements majeurs, une centaine "
        "d'actions, dont 15 actions phares. La collectivité revient annuellement vers les "
        "participants, dans le cadre du droit de suite, pour présenter les réalisations "
        "concrètes.",
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
        "Remplir le formulaire de participation en ligne, pour s'exprimer sur 1 ou les 3 "
        "questions.",
    ),
    ChannelData(
        "paper",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
        "Glisser le formulaire papier dans une urne « Assises des nouvelles solidarités » de "
        "son quartier : maisons de quartier, mairies annexes, centres sociaux Accoord et abords "
        "des commerces et supermarchés de proximité. Les bulletins sont à détacher dans le "
        "livret d'informations disponible dans tous les lieux municipaux.",
    ),
    ChannelData(
        "phone",
        CONTRIBUTIONS_START,
        INDIVIDUAL_END,
        "Appeler la ligne téléphonique dédiée (le 0800 73 23 35) et laisser un message : la "
        "contribution déposée sera ensuite retranscrite sur la plateforme de participation en "
        "ligne.",
    ),
    ChannelData(
        "collective",
        CONTRIBUTIONS_START,
        COLLECTIVE_END,
        "Par le biais de cahiers d'acteurs. Ce document normé permet de synthétiser le fruit "
        "d'une réflexion collective en réponse à l'une ou plusieurs questions débattues pendant "
        "la démarche de participation citoyenne.",
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
        "La Ville lance ce {debut} les Assises des nouvelles solidarités. Au programme, 120 "
        "jours de dialogue citoyen et des temps forts autour des solidarités en faveur de la "
        "lutte contre la précarité et l'isolement social.",
        "Du {debut} à {mi_fin}, tous les Nantaises et les Nantais qui se sentent "
        "concerné·e·s et qui souhaitent agir, et les partenaires, peuvent participer aux "
        "Assises des nouvelles solidarités. Pendant ces 120 jours, 3 grandes questions vont "
        "être réfléchies.\n\n"
        "Il sera possible de participer, et de répondre à 1 ou plusieurs des 3 questions "
        "posées, via différents supports et des formats participatifs inclusifs. Les "
        "contributions pourront être individuelles (jusqu'au {fin}) à déposer en ligne sur la "
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
        "Le {debut} ont lieu les Rencontres de la médiation à la Manufacture à Nantes, à "
        "l'attention des acteurs de la « médiation ».",
        "Le {debut} ont lieu les Rencontres de la médiation à la Manufacture à Nantes "
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
        "{temps_fort} : les « Assises des nouvelles solidarités »",
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
)
