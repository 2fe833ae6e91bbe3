"""Synthetic contributions for the demo: plausible French text, deterministic.

Everything here is invented from templates and phrase banks whose themes come from the
seeds (isolement des seniors, non-recours aux droits, reste à vivre, précarité
alimentaire, logement, jeunes de 18 à 25 ans, engagement bénévole, santé mentale,
épiceries solidaires, coopération entre associations et entreprises...). Nobody real
is quoted and no real person is named. The same ``count`` and ``seed`` always give the
same contributions, in the same order; only their dates depend on the time window.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from concerto.demo.nantes import NEIGHBOURHOODS, NeighbourhoodData

T = TypeVar("T")

DEFAULT_SEED = 2022


@dataclass(frozen=True)
class Theme:
    key: str
    # Question 1: what the situation is.
    situation: tuple[str, ...]
    # Question 2: who can act, and how.
    actors: tuple[str, ...]
    # Question 3: ideas for tomorrow.
    ideas: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "isolement-seniors",
        (
            "Beaucoup de personnes âgées vivent seules {where} et ne voient plus personne "
            "depuis la crise sanitaire.",
            "Ma voisine de 84 ans ne sort plus de chez elle depuis le premier confinement ; "
            "elle attend le passage de l'infirmière pour parler à quelqu'un.",
            "L'isolement des seniors est invisible : les volets restent fermés et personne "
            "ne s'en inquiète avant plusieurs jours.",
            "Depuis la fermeture de certains commerces du quartier, les aînés ont perdu "
            "leurs lieux de rencontre du quotidien.",
        ),
        (
            "Les voisins peuvent faire beaucoup, à condition de savoir qui a besoin d'aide "
            "sans être intrusifs.",
            "Les facteurs, les pharmaciens et les commerçants voient passer les personnes "
            "âgées tous les jours : ce sont des sentinelles précieuses.",
            "Les associations de visites à domicile manquent de bénévoles réguliers, surtout "
            "le week-end et l'été.",
        ),
        (
            "Créer un réseau de voisins relais, avec une petite formation, pour prendre des "
            "nouvelles des aînés isolés une fois par semaine.",
            "Proposer un accompagnement pour les courses, les rendez-vous médicaux et les "
            "balades, demandé par téléphone ou en ligne.",
            "Organiser des repas partagés entre générations dans les maisons de quartier, "
            "avec un transport pour celles et ceux qui ne peuvent plus se déplacer.",
            "Ouvrir un lieu ressource pour les seniors et leurs aidants, où l'on trouve "
            "toutes les informations au même endroit.",
        ),
    ),
    Theme(
        "acces-aux-droits",
        (
            "Beaucoup de personnes ne demandent pas les aides auxquelles elles ont droit, "
            "par méconnaissance ou par peur d'être jugées.",
            "Les démarches sont devenues presque toutes dématérialisées et une partie des "
            "habitant·e·s {where} n'a ni ordinateur ni connexion.",
            "On renonce parfois à une aide parce que le dossier est trop compliqué et qu'il "
            "faut fournir dix fois les mêmes papiers.",
            "Le non-recours touche aussi des personnes qui travaillent et qui ne se pensent "
            "pas concernées par les aides.",
        ),
        (
            "Les travailleurs sociaux font un travail énorme mais ils ne peuvent pas aller "
            "vers tout le monde : il faut des relais dans les quartiers.",
            "Les associations de quartier connaissent les familles et peuvent faire le lien "
            "avec le CCAS, à condition d'être reconnues dans ce rôle.",
            "Les écrivains publics et les médiateurs numériques bénévoles jouent un rôle "
            "essentiel qu'on ne voit pas assez.",
        ),
        (
            "Ouvrir des permanences d'accès aux droits au plus près des lieux de vie, sans "
            "rendez-vous, au moins une fois par semaine.",
            "Envoyer des professionnels à la rencontre des habitant·e·s, sur les marchés et "
            "au pied des immeubles, pour informer sur les aides.",
            "Faire un « diagnostic des droits » en un seul rendez-vous, au lieu d'envoyer les "
            "gens d'un guichet à l'autre.",
            "Garder toujours un accueil humain et un numéro de téléphone gratuit à côté des "
            "démarches en ligne.",
        ),
    ),
    Theme(
        "reste-a-vivre",
        (
            "Une fois le loyer, l'énergie et l'assurance payés, il reste très peu pour vivre "
            "à la fin du mois, même avec un salaire.",
            "Avec la hausse des prix, des familles qui s'en sortaient juste basculent dans la "
            "précarité à la moindre dépense imprévue.",
            "Les familles monoparentales sont en première ligne : un seul revenu et toutes "
            "les charges.",
            "Je connais des retraités qui choisissent entre se chauffer et bien manger.",
        ),
        (
            "La collectivité peut agir sur le reste à vivre par des aides ponctuelles, mais "
            "aussi par les tarifs des services publics.",
            "Les bailleurs sociaux et les fournisseurs d'énergie devraient être autour de la "
            "table, pas seulement les associations.",
            "Les banques pourraient proposer un vrai accompagnement au lieu de multiplier "
            "les frais en cas de découvert.",
        ),
        (
            "Calculer les aides sur le reste à vivre réel plutôt que sur les seuls revenus, "
            "pour ne laisser personne de côté.",
            "Développer le micro-crédit et les aides « coup de pouce » pour faire face à une "
            "panne de voiture ou une facture d'énergie.",
            "Mettre en place une tarification solidaire généralisée pour la cantine, les "
            "transports et les activités de loisirs.",
            "Définir un budget de référence nantais pour savoir ce qu'il faut vraiment pour "
            "vivre dignement aujourd'hui.",
        ),
    ),
    Theme(
        "precarite-alimentaire",
        (
            "Les files d'attente aux distributions alimentaires se sont allongées, avec des "
            "visages qu'on n'y voyait pas avant : étudiants, travailleurs précaires.",
            "Bien manger coûte cher : beaucoup de familles {where} se rabattent sur les "
            "produits les moins chers et les moins sains.",
            "Certaines personnes n'osent pas aller à l'aide alimentaire par honte, et se "
            "privent plutôt que de demander.",
        ),
        (
            "Les commerçants et les supermarchés de proximité peuvent donner leurs "
            "invendus, encore faut-il organiser la collecte.",
            "Les jardins partagés et les producteurs locaux ont un rôle à jouer pour rendre "
            "les produits frais accessibles.",
            "Les étudiants se sont beaucoup mobilisés pendant la crise, il faut s'appuyer "
            "sur cette énergie.",
        ),
        (
            "Soutenir les épiceries solidaires où l'on choisit ses produits et où l'on paie "
            "une petite partie du prix, dans la dignité.",
            "Créer une épicerie avec celles et ceux qui en ont besoin, gérée avec eux et pas "
            "seulement pour eux.",
            "Installer des frigos solidaires dans les halls des équipements municipaux.",
            "Proposer des ateliers cuisine à petit budget dans les centres sociaux, ouverts à "
            "toutes et tous.",
        ),
    ),
    Theme(
        "logement",
        (
            "Les loyers ont tellement augmenté que des personnes avec un emploi n'arrivent "
            "plus à se loger {where}.",
            "Des logements mal isolés coûtent une fortune en chauffage : ce sont toujours les "
            "plus modestes qui y habitent.",
            "L'attente pour un logement social est très longue, et pendant ce temps des "
            "familles vivent à l'hôtel ou chez des proches.",
            "Je vois de plus en plus de personnes dormir dans leur voiture sur le parking.",
        ),
        (
            "Les bailleurs sociaux sont des acteurs clés : ils connaissent les impayés avant "
            "tout le monde et peuvent prévenir les expulsions.",
            "Des habitant·e·s seraient prêts à proposer une chambre à une personne sans "
            "domicile, si c'était encadré et sécurisé.",
            "Les propriétaires privés pourraient louer à des associations avec une garantie "
            "de la collectivité.",
        ),
        (
            "Développer l'hébergement solidaire chez l'habitant, avec un accompagnement "
            "par une association.",
            "Lancer un grand plan d'isolation des logements des ménages modestes, pour "
            "réduire les factures d'énergie.",
            "Mettre en relation des seniors qui ont une chambre libre et des jeunes qui "
            "cherchent un logement.",
            "Repérer plus tôt les impayés de loyer pour proposer une aide avant qu'il ne soit "
            "trop tard.",
        ),
    ),
    Theme(
        "jeunes",
        (
            "Les jeunes de 18 à 25 ans passent entre les mailles du filet : trop vieux pour "
            "certaines aides, pas assez pour le RSA.",
            "Pendant la crise, beaucoup d'étudiants ont perdu leur petit boulot et se sont "
            "retrouvés seuls dans leur chambre.",
            "Des jeunes {where} n'osent pas demander de l'aide et ne savent pas vers qui se "
            "tourner.",
        ),
        (
            "Les jeunes eux-mêmes ont envie de s'engager, mais on leur propose rarement des "
            "missions courtes qui rentrent dans leur emploi du temps.",
            "Les missions locales et les clubs de prévention connaissent les jeunes, il faut "
            "les associer davantage.",
            "Les entreprises peuvent proposer des stages et des premiers emplois aux jeunes "
            "des quartiers populaires.",
        ),
        (
            "Ouvrir les aides du CCAS aux 18–25 ans, pour un coup de pouce financier quand "
            "tout se bloque.",
            "Créer un lieu où les jeunes trouvent en une fois des informations sur le "
            "logement, la santé, l'emploi et les droits.",
            "Proposer des missions de bénévolat courtes et valorisées, par exemple dans le "
            "parcours d'études.",
        ),
    ),
    Theme(
        "engagement-benevole",
        (
            "Beaucoup de gens voudraient aider mais ne savent pas à qui s'adresser ni comment "
            "s'y prendre.",
            "Pendant le confinement, il y a eu un vrai élan de solidarité entre voisins "
            "{where}, qui s'est un peu essoufflé depuis.",
            "Les associations s'appuient sur quelques bénévoles très investis qui finissent "
            "par s'épuiser.",
        ),
        (
            "Tout le monde peut agir : un coup de main ponctuel compte autant qu'un "
            "engagement de longue durée.",
            "Les personnes concernées par la précarité sont aussi des bénévoles et ont des "
            "savoirs à partager.",
            "Les collectifs informels ont montré qu'on peut agir vite, mais ils ont besoin "
            "d'un soutien pour durer.",
        ),
        (
            "Créer une plateforme simple qui recense les besoins des associations près de "
            "chez soi, pour s'engager quelques heures.",
            "Reconnaître l'engagement bénévole, par exemple par une formation gratuite ou un "
            "accès facilité aux équipements.",
            "Ouvrir un lieu ressource de la solidarité où l'on se forme et où l'on monte des "
            "projets collectifs.",
        ),
    ),
    Theme(
        "sante-mentale",
        (
            "La santé mentale s'est beaucoup dégradée depuis la crise sanitaire, chez les "
            "jeunes comme chez les plus âgés.",
            "Les délais pour obtenir un rendez-vous chez un psychologue ou en "
            "centre médico-psychologique sont très longs.",
            "La souffrance psychique isole : on se replie sur soi et on ne répond plus au "
            "téléphone.",
        ),
        (
            "Les professionnels de proximité, gardiens d'immeuble ou animateurs, sont "
            "souvent les premiers à repérer une personne en souffrance.",
            "Les pairs-aidants, qui sont passés par là, peuvent faire un lien précieux avec "
            "les soignants.",
            "Les proches aidants sont eux-mêmes épuisés et ont besoin d'être soutenus.",
        ),
        (
            "Former les habitant·e·s volontaires aux premiers secours en santé mentale dans "
            "chaque quartier.",
            "Mettre en place des groupes de parole gratuits, animés avec des professionnels.",
            "Déployer des médiateurs en santé mentale dans tous les quartiers nantais.",
        ),
    ),
    Theme(
        "cooperation",
        (
            "Les acteurs de la solidarité se connaissent mal et les personnes sont "
            "renvoyées d'une structure à l'autre.",
            "Il existe beaucoup d'initiatives {where}, mais elles sont éparpillées et peu "
            "visibles.",
            "Les associations passent beaucoup de temps à chercher des financements au lieu "
            "d'agir.",
        ),
        (
            "Les entreprises ont des compétences, des locaux et parfois des salariés prêts à "
            "donner du temps : il faut les mettre en relation avec les associations.",
            "Les commerçants de proximité sont des acteurs de la solidarité à part entière, "
            "ils connaissent leurs clients.",
            "La Ville a un rôle d'assemblier : réunir autour de la table associations, "
            "entreprises, bailleurs et institutions.",
        ),
        (
            "Lancer des appels à coopérations qui financent des projets portés par plusieurs "
            "acteurs ensemble.",
            "Créer une coopérative des nouvelles solidarités qui mette en commun des "
            "ressources, des locaux et des formations.",
            "Organiser chaque année un temps fort où les acteurs présentent ce qu'ils font et "
            "montent des projets communs.",
        ),
    ),
    Theme(
        "mobilite-numerique",
        (
            "Sans voiture et avec peu de bus le soir, certaines personnes ne peuvent pas se "
            "rendre à leurs rendez-vous.",
            "La fracture numérique est réelle : prendre un rendez-vous médical ou remplir un "
            "dossier en ligne est impossible pour beaucoup.",
            "Les personnes en situation de handicap rencontrent encore beaucoup d'obstacles "
            "pour se déplacer et accéder aux services.",
        ),
        (
            "Les médiathèques et les maisons de quartier peuvent devenir des lieux d'aide "
            "au numérique, avec des bénévoles.",
            "Les jeunes en service civique pourraient accompagner les aînés sur le numérique.",
            "Les opérateurs de transport doivent être associés pour adapter l'offre aux "
            "horaires décalés.",
        ),
        (
            "Prêter des ordinateurs reconditionnés et proposer des forfaits solidaires aux "
            "ménages modestes.",
            "Mettre en place un transport solidaire avec des chauffeurs bénévoles pour les "
            "rendez-vous médicaux.",
            "Garder partout un guichet physique pour celles et ceux qui ne peuvent pas faire "
            "les démarches en ligne.",
        ),
    ),
    Theme(
        "vivre-ensemble",
        (
            "On ne connaît plus ses voisins : dans mon immeuble {where}, les gens se "
            "croisent sans se parler.",
            "Les lieux où l'on se retrouve gratuitement, sans rien consommer, manquent "
            "cruellement.",
            "La solitude touche aussi les parents seuls avec de jeunes enfants, qui "
            "n'ont personne pour souffler.",
        ),
        (
            "Chaque habitant·e peut faire un petit geste : dire bonjour, proposer un coup de "
            "main, frapper à la porte d'à côté.",
            "Les centres sociaux et les maisons de quartier sont des lieux clés, à condition "
            "d'être ouverts le soir et le week-end.",
            "Les écoles et les associations de parents d'élèves sont de bons relais pour "
            "toucher les familles.",
        ),
        (
            "Organiser une fête des voisins solidaire dans chaque quartier, avec les associations.",
            "Créer des « tiers-lieux » de quartier ouverts à tous, où l'on peut boire un café "
            "et rencontrer du monde.",
            "Développer les lieux d'accueil parents-enfants pour rompre l'isolement des parents.",
        ),
    ),
    Theme(
        "transition-ecologique",
        (
            "Les personnes les plus précaires sont les plus exposées aux canicules, dans des "
            "logements mal isolés.",
            "Les produits bio et locaux restent inaccessibles pour les petits budgets.",
            "Les factures d'énergie pèsent de plus en plus lourd pour les ménages modestes "
            "{where}.",
        ),
        (
            "Les associations de l'économie sociale et solidaire montrent qu'on peut allier "
            "écologie et solidarité.",
            "Les ressourceries et les repair cafés sont des lieux d'entraide autant que de "
            "recyclage.",
            "Les entreprises du territoire peuvent soutenir des projets d'alimentation "
            "durable accessibles à tous.",
        ),
        (
            "Lancer un appel à coopérations sur l'alimentation durable et accessible.",
            "Aider les ménages modestes à rénover leur logement avant les plus aisés.",
            "Développer les jardins partagés au pied des immeubles, avec des paniers solidaires.",
        ),
    ),
)

# Figures from the seeds (003), quoted in some contributions.
FIGURES: tuple[str, ...] = (
    "D'après le Nantoscope, 17 % des Nantais·e·s vivent en dessous du seuil de pauvreté.",
    "J'ai lu que 83 % des Nantais·e·s ont le sentiment que l'isolement progresse.",
    "L'enquête dit que 52 % des Nantais·e·s ne savent pas à qui s'adresser pour s'engager.",
    "Il paraît que 53 % des ménages nantais sont des personnes seules : c'est énorme.",
    "On parle de 43 % des locataires du parc social en situation de pauvreté.",
    "L'enquête montre que 58 % des Nantais·e·s voudraient s'engager davantage.",
)

OPENERS: dict[str, tuple[str, ...]] = {
    "testimony": (
        "Je vis {where} depuis une quinzaine d'années.",
        "Je voudrais témoigner de ce que je vois autour de moi.",
        "Je suis moi-même passé·e par une période difficile l'an dernier.",
        "Ce que je constate au quotidien :",
        "",
    ),
    "experience": (
        "Dans notre association, nous accompagnons chaque semaine des familles {where}.",
        "Pendant le confinement, j'ai participé à une chaîne d'entraide entre voisins.",
        "Je travaille dans l'action sociale depuis plusieurs années.",
        "Nous avons essayé quelque chose qui a bien marché :",
        "",
    ),
    "proposal": (
        "Je propose une idée simple.",
        "Voici une proposition concrète.",
        "Il faudrait, à mon avis, commencer par le plus simple.",
        "",
        "",
    ),
}

PHONE_OPENERS: tuple[str, ...] = (
    "Bonjour, je vous appelle au sujet des Assises.",
    "Oui bonjour, c'est pour laisser un message sur la solidarité.",
    "Bonjour, je n'ai pas internet alors je téléphone.",
)

CLOSERS: tuple[str, ...] = (
    "Merci de nous donner la parole.",
    "J'espère que ce sera entendu.",
    "Il faut aller vers les gens, pas attendre qu'ils viennent.",
    "Ce serait déjà un grand pas.",
    "",
    "",
    "",
)

FIRST_NAMES: tuple[str, ...] = (
    "Camille",
    "Dominique",
    "Claude",
    "Sacha",
    "Alex",
    "Yannick",
    "Maryse",
    "Fatima",
    "Jean-Luc",
    "Nadia",
    "Karim",
    "Sophie",
    "Mireille",
    "Lucas",
    "Inès",
    "Léa",
    "Mamadou",
    "Gaëlle",
    "Bernard",
    "Odile",
    "Yasmine",
    "Hugo",
    "Chantal",
    "Rémi",
    "Aïcha",
    "Solène",
    "Patrice",
    "Malik",
    "Annick",
    "Thao",
)

KINDS: tuple[tuple[str, int], ...] = (("testimony", 35), ("experience", 25), ("proposal", 40))
PROFILES: tuple[tuple[str, int], ...] = (
    ("resident", 44),
    ("concerned", 16),
    ("volunteer", 12),
    ("professional", 11),
    ("association", 8),
    ("company", 3),
    ("elected", 1),
    ("other", 5),
)
AGES: tuple[tuple[str, int], ...] = (
    ("", 10),
    ("under_18", 2),
    ("18_25", 14),
    ("26_40", 26),
    ("41_60", 27),
    ("61_75", 15),
    ("over_75", 6),
)
CHANNELS: tuple[tuple[str, int], ...] = (("online", 75), ("paper", 17), ("phone", 8))
# Hours of the day at which contributions arrive (weights).
HOURS: tuple[tuple[int, int], ...] = tuple(
    (hour, weight)
    for hour, weight in zip(
        range(7, 24), (2, 4, 6, 7, 7, 6, 7, 6, 6, 6, 7, 8, 9, 10, 8, 5, 2), strict=True
    )
)
REJECTIONS: tuple[tuple[str, str], ...] = (
    ("off_topic", "Votre message ne porte pas sur les questions des Assises."),
    ("duplicate", "Cette contribution reprend mot pour mot une contribution déjà publiée."),
    ("advertising", "Les contributions ne peuvent pas promouvoir une entreprise."),
)
CHANGE_REQUESTS: tuple[str, ...] = (
    "Merci de retirer le nom de la personne que vous citez : nous ne publions pas de "
    "données personnelles.",
    "Votre contribution contient un numéro de téléphone : pouvez-vous le retirer ?",
)


@dataclass(frozen=True)
class DemoContribution:
    """One synthetic contribution, before it is saved."""

    index: int
    submitted_after: dt.timedelta  # since the start of the window
    channel: str
    kind: str
    profile: str
    age_bracket: str
    neighbourhood: str  # slug
    author_name: str
    email: str
    answers: dict[int, str]  # question number -> text
    status: str
    publish_delay: dt.timedelta
    rejection_reason: str
    moderation_note: str
    consent_publication: bool


def _weighted(rng: random.Random, choices: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _weight in choices]
    weights = [weight for _value, weight in choices]
    return rng.choices(values, weights=weights, k=1)[0]


def _author(
    rng: random.Random, profile: str, channel: str, place: NeighbourhoodData
) -> tuple[str, str]:
    """A pseudonym (often empty) and, rarely, an address at exemple.test."""
    first = rng.choice(FIRST_NAMES)
    roll = rng.random()
    if channel == "phone" and roll < 0.6:
        return "", ""
    if roll < 0.2:
        name = ""
    elif profile == "association":
        name = f"Une association {place.of}"
    elif profile == "company":
        name = rng.choice(["Un commerçant", "Une commerçante", "Une entreprise"]) + f" {place.of}"
    elif profile == "volunteer":
        name = rng.choice(["Un bénévole", "Une bénévole"]) + f" {place.of}"
    elif profile == "professional":
        name = rng.choice(["Travailleuse sociale", "Travailleur social", "Une professionnelle"])
    elif roll < 0.55:
        name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTV')}."
    else:
        name = rng.choice(["Habitante", "Habitant"]) + f" {place.of}"
    email = ""
    if channel == "online" and rng.random() < 0.06:
        simple = first.lower().replace("ï", "i").replace("è", "e").replace("ë", "e")
        simple = simple.replace("é", "e").replace("ç", "c").replace("-", "")
        email = f"{simple}.{rng.randint(10, 99)}@exemple.test"
    return name, email


def _sentence(rng: random.Random, bank: Sequence[str], place: NeighbourhoodData) -> str:
    return rng.choice(bank).format(where=place.where)


def _answer(
    rng: random.Random, number: int, kind: str, themes: Sequence[Theme], place: NeighbourhoodData
) -> str:
    theme = themes[0] if rng.random() < 0.75 else themes[-1]
    parts: list[str] = []
    if number == 1:
        parts.append(_sentence(rng, theme.situation, place))
        if rng.random() < 0.5:
            other = [s for s in theme.situation if s.format(where=place.where) != parts[0]]
            parts.append(_sentence(rng, other, place))
        if rng.random() < 0.25:
            parts.append(rng.choice(FIGURES))
    elif number == 2:
        parts.append(_sentence(rng, theme.actors, place))
        if rng.random() < 0.45:
            other = [s for s in theme.actors if s.format(where=place.where) != parts[0]]
            parts.append(_sentence(rng, other, place))
    else:
        parts.append(_sentence(rng, theme.ideas, place))
        if rng.random() < 0.5:
            other = [s for s in theme.ideas if s.format(where=place.where) != parts[0]]
            parts.append(_sentence(rng, other, place))
        if kind == "proposal" and rng.random() < 0.3:
            parts.append("On pourrait commencer par une expérimentation dans un quartier.")
    return " ".join(parts)


# What moderation made of them: a process whose contributions closed long ago has nothing
# left to moderate; an open one has some waiting (status, share of the contributions).
CLOSED: tuple[tuple[str, float], ...] = (("published", 0.94), ("rejected", 1.0))
OPEN: tuple[tuple[str, float], ...] = (
    ("published", 0.55),
    ("pending", 0.85),
    ("rejected", 0.93),
    ("changes_requested", 1.0),
)


def generate(
    count: int,
    *,
    window: dt.timedelta,
    seed: int = DEFAULT_SEED,
    statuses: tuple[tuple[str, float], ...] = CLOSED,
    channels: tuple[tuple[str, int], ...] = CHANNELS,
) -> list[DemoContribution]:
    """``count`` contributions spread over ``window``, sorted by submission time.

    ``statuses``: cumulative shares (the last is 1.0) of what moderation decided.
    """
    rng = random.Random(f"concerto-demo-{seed}-{count}")
    days = max(window.days, 1)
    places = [(place, place.weight) for place in NEIGHBOURHOODS]
    result: list[DemoContribution] = []
    for index in range(count):
        place = _weighted(rng, places)
        kind = _weighted(rng, KINDS)
        profile = _weighted(rng, PROFILES)
        age = _weighted(rng, AGES)
        channel = _weighted(rng, channels)
        themes = rng.sample(THEMES, 2)
        how_many = _weighted(rng, ((1, 50), (2, 32), (3, 18)))
        if how_many == 3:
            numbers = [1, 2, 3]
        else:
            preferred = {"testimony": 1, "experience": 2, "proposal": 3}[kind]
            others = [n for n in (1, 2, 3) if n != preferred]
            numbers = sorted([preferred, *rng.sample(others, how_many - 1)])
        answers = {n: _answer(rng, n, kind, themes, place) for n in numbers}
        opener = rng.choice(PHONE_OPENERS if channel == "phone" else OPENERS[kind])
        first = numbers[0]
        if opener:
            answers[first] = f"{opener.format(where=place.where)} {answers[first]}"
        closer = rng.choice(CLOSERS)
        if closer:
            answers[numbers[-1]] = f"{answers[numbers[-1]]} {closer}"
        author_name, email = _author(rng, profile, channel, place)
        # When: a day of the window (a little busier at the start and the end), an hour.
        position = rng.betavariate(0.9, 0.9)
        day = min(int(position * days), days - 1)
        minutes = _weighted(rng, HOURS) * 60 + rng.randrange(60)
        submitted_after = dt.timedelta(days=day, minutes=minutes)
        if submitted_after >= window:  # a window shorter than a day
            submitted_after = window * position
        roll = rng.random()
        reason = note = ""
        status = next(name for name, share in statuses if roll < share)
        if status == "rejected":
            reason, note = rng.choice(REJECTIONS)
        elif status == "changes_requested":
            note = rng.choice(CHANGE_REQUESTS)
        if status == "changes_requested" and not email:
            # Moderation asks for a change through the e-mailed edit link only.
            email = f"contributeur.{index}@exemple.test"
        consent = status == "published" or rng.random() < 0.85
        delay = dt.timedelta(hours=rng.randint(2, 72), minutes=rng.randrange(60))
        result.append(
            DemoContribution(
                index=index,
                submitted_after=submitted_after,
                channel=channel,
                kind=kind,
                profile=profile,
                age_bracket=age,
                neighbourhood=place.slug,
                author_name=author_name,
                email=email,
                answers=answers,
                status=status,
                publish_delay=delay,
                rejection_reason=reason,
                moderation_note=note,
                consent_publication=consent,
            )
        )
    result.sort(key=lambda c: (c.submitted_after, c.index))
    return result
