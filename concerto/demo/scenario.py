"""The « Scénario de démonstration »: a second demo process, open today, to try Concerto.

Everything here is invented and says so on every page (title, summary, news): the
process, its questions, its dates, its contributions and its events. Its dates follow the
day ``loaddemo`` runs (``now``): contributions opened ``OPENED_DAYS_AGO`` days ago and
close in ``CLOSES_IN_DAYS`` days, some contributions wait for the moderation, some
published ones wait for the analysis, and events are still to come, so the three jobs
(contribute, moderate, analyse) can be tried at once. Texts speak of what is to come in the
future tense and give the weekday of each date they name, computed from the date itself.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from concerto.accounts.models import User
from concerto.demo import nantes
from concerto.demo.contributions import (
    create_contributions,
    create_neighbourhoods,
    create_urns,
)
from concerto.demo.events import K, _at, _Builder, _registrations, _urn_place
from concerto.demo.synthesis import load_demo as load_codings
from concerto.demo.textgen import OPEN
from concerto.events.models import Event, Organisation
from concerto.processes.models import Channel, Phase, Process, Question
from concerto.resources.models import NewsPost

PARIS = ZoneInfo("Europe/Paris")
SLUG = "scenario-de-demonstration"
TITLE = "Scénario de démonstration : quelles solidarités après 2026 ?"
RECEIPT_PREFIX = "DEMO"
CONTRIBUTIONS = 60
OPENED_DAYS_AGO = 30
CLOSES_IN_DAYS = 40
CAHIERS_CLOSE_IN_DAYS = 30
EVENING_IN_DAYS = 47  # the « soirée de restitution », a week after the close
REPORT_IN_DAYS = 120
CODED_SHARE = 0.4  # of the published contributions: the rest waits for the analysts
URNS = ("mq-madeleine-champ-de-mars", "cs-bellevue", "ma-nantes-nord", "mq-ile")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def french_date(day: dt.date, *, weekday: bool = True, year: bool = True) -> str:
    """``jeudi 1er janvier 2027``: the weekday computed from the date, « 1er »."""
    number = "1er" if day.day == 1 else str(day.day)
    words = [WEEKDAYS[day.weekday()]] if weekday else []
    words += [number, MONTHS[day.month - 1]]
    if year:
        words.append(str(day.year))
    return " ".join(words)


def _next(day: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` (0 = Monday) on or after ``day``."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


QUESTIONS = (
    (
        "Qu'est-ce qui a changé pour vous depuis 2022 ?",
        "Ce qui va mieux, ce qui va moins bien, dans votre quartier ou dans votre vie.",
    ),
    (
        "Quelles actions de la stratégie 2023–2026 faut-il garder ou changer ?",
        "Un guichet, une aide, un projet : ce qui vous a servi, ce qui vous a manqué.",
    ),
    (
        "Quelles priorités pour les solidarités après 2026 ?",
        "Vos idées pour la suite, seul·e ou à plusieurs.",
    ),
)


class Calendar:
    """The scenario's dates, relative to the day it is loaded."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.opens = today - dt.timedelta(days=OPENED_DAYS_AGO)
        self.closes = today + dt.timedelta(days=CLOSES_IN_DAYS)
        self.cahiers_close = today + dt.timedelta(days=CAHIERS_CLOSE_IN_DAYS)
        self.evening = today + dt.timedelta(days=EVENING_IN_DAYS)
        self.report = today + dt.timedelta(days=REPORT_IN_DAYS)


def _texts(cal: Calendar) -> dict[str, str]:
    closes, cahiers = french_date(cal.closes), french_date(cal.cahiers_close)
    evening = french_date(cal.evening)
    return {
        "summary": (
            "Scénario de démonstration : cette démarche est inventée pour essayer Concerto. "
            "Elle n'a pas eu lieu et n'engage pas la Ville de Nantes ; ses dates suivent le "
            "jour où la démonstration a été chargée. Elle imagine la suite des Assises des "
            f"nouvelles solidarités : les contributions sont ouvertes jusqu'au {closes}, "
            f"les cahiers d'acteurs jusqu'au {cahiers}."
        ),
        "who": (
            "Toutes celles et tous ceux qui le souhaitent (scénario de démonstration : "
            "essayez de contribuer, en ligne ou sur papier)."
        ),
        "objectives": (
            "Essayer le parcours complet d'une démarche : contribuer, modérer les "
            "contributions reçues, les analyser, puis préparer le rapport."
        ),
        "impacts": (
            "Aucun : c'est un scénario de démonstration. Dans une vraie démarche, le rapport "
            "serait présenté aux élu·e·s, qui y répondraient point par point."
        ),
        "commitment": (
            "Scénario de démonstration : un rapport sera rédigé à partir des contributions, "
            f"vers le {french_date(cal.report)}."
        ),
        "contributions": (
            f"Du {french_date(cal.opens)} au {closes}, chacun·e peut contribuer en ligne ou "
            f"déposer un formulaire papier dans une urne ; les cahiers d'acteurs seront "
            f"reçus jusqu'au {cahiers}."
        ),
        "event": (
            f"Le {evening}, une soirée de restitution présentera les premières tendances des "
            "contributions (scénario de démonstration)."
        ),
        "instruction": (
            "Après la clôture, les analystes coderont les contributions et rédigeront le "
            f"rapport, attendu vers le {french_date(cal.report)}."
        ),
        "news": (
            f"La démarche de démonstration est ouverte : contributions jusqu'au {closes}, "
            f"cahiers d'acteurs jusqu'au {cahiers}, soirée de restitution le {evening}. "
            "Tout y est inventé, pour essayer la plateforme."
        ),
    }


def _create(cal: Calendar) -> Process:
    words = _texts(cal)
    process = Process.objects.create(
        title=TITLE,
        slug=SLUG,
        summary=words["summary"],
        who_may_take_part=words["who"],
        objectives=words["objectives"],
        policy_impacts=words["impacts"],
        commitment=words["commitment"],
        contact_email="demo@exemple.test",
        receipt_prefix=RECEIPT_PREFIX,
        receipt_year=cal.today.year,
        is_published=True,
    )
    Question.objects.bulk_create(
        Question(process=process, number=number, title=title, description=description)
        for number, (title, description) in enumerate(QUESTIONS, start=1)
    )
    Phase.objects.bulk_create(
        [
            Phase(
                process=process,
                kind=Phase.Kind.CONTRIBUTIONS,
                title="Contributions (scénario de démonstration)",
                description=words["contributions"],
                starts_on=cal.opens,
                ends_on=cal.closes,
            ),
            Phase(
                process=process,
                kind=Phase.Kind.EVENT,
                title="Soirée de restitution (scénario de démonstration)",
                description=words["event"],
                starts_on=cal.evening,
                ends_on=cal.evening,
            ),
            Phase(
                process=process,
                kind=Phase.Kind.INSTRUCTION,
                title="Analyse et rapport (scénario de démonstration)",
                description=words["instruction"],
                starts_on=cal.evening + dt.timedelta(days=1),
                ends_on=cal.report,
            ),
        ]
    )

    def aware(day: dt.date, time: dt.time = dt.time(0, 0)) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=PARIS)

    Channel.objects.bulk_create(
        Channel(
            process=process,
            kind=kind,
            opens_at=aware(cal.opens),
            closes_at=aware(closes, nantes.CLOSING_TIME),
            instructions=instructions,
        )
        for kind, closes, instructions in (
            (Channel.Kind.ONLINE, cal.closes, "Remplir le formulaire en ligne."),
            (
                Channel.Kind.PAPER,
                cal.closes,
                "Déposer le formulaire papier dans une des urnes de démonstration.",
            ),
            (Channel.Kind.COLLECTIVE, cal.cahiers_close, "Déposer un cahier d'acteurs."),
        )
    )
    create_neighbourhoods(process)
    create_urns(process, present_from=cal.opens, present_until=cal.closes, codes=URNS)
    NewsPost.objects.create(
        process=process,
        title="Le scénario de démonstration est ouvert",
        slug="ouverture-du-scenario",
        summary=words["news"],
        body=words["news"],
        published_at=aware(cal.opens, dt.time(9)),
    )
    return process


def _events(process: Process, cal: Calendar, moderator: User, now: dt.datetime) -> None:
    """Two events held, four to come, one proposal waiting for the moderation."""
    organisation = Organisation.objects.get_or_create(
        slug="demo-voisins-solidaires",
        defaults={"name": "Collectif des voisins solidaires", "kind": "collectif"},
    )[0]
    build = _Builder(process, moderator)
    mediation_day = _next(cal.today + dt.timedelta(days=3), 5)  # a Saturday
    workshop_day = _next(cal.today + dt.timedelta(days=9), 2)  # a Wednesday
    association_day = _next(cal.today + dt.timedelta(days=15), 1)  # a Tuesday
    planned = (
        (cal.opens + dt.timedelta(days=2), "18:30", "20:30", K.CONFERENCE,
         "Réunion d'ouverture du scénario", "mq-madeleine-champ-de-mars", None),
        (cal.today - dt.timedelta(days=12), "10:00", "12:00", K.MEDIATION,
         "Café-contributions au marché", "co-marche-talensac", None),
        (mediation_day, "10:00", "12:00", K.MEDIATION,
         "Café-contributions au pied des immeubles", "cs-bellevue", None),
        (workshop_day, "14:00", "16:30", K.VEILLEURS,
         "Atelier veilleurs : ce qui marche ailleurs", "mq-ile", None),
        (association_day, "18:30", "20:30", K.ASSOCIATION_WORKSHOP,
         "Écrire un cahier d'acteurs à plusieurs", "ma-nantes-nord", organisation),
        (cal.evening, "18:30", "21:00", K.CONFERENCE,
         "Soirée de restitution", "mq-madeleine-champ-de-mars", None),
    )  # fmt: skip
    for day, start, end, kind, title, place, organiser in planned:
        when = french_date(day)
        tense = "a réuni" if _at(day, end) <= now else "réunira"
        build.add(
            kind=kind,
            title=title,
            description=(
                f"Scénario de démonstration : le {when}, de {start.replace(':', ' h ')} à "
                f"{end.replace(':', ' h ')}, ce rendez-vous inventé {tense} habitant·e·s et "
                "associations autour des trois questions."
            ),
            day=day,
            start=start,
            end=end,
            place=_urn_place(place),
            organisation=organiser,
            audience="Tout public",
            capacity=20 if kind in (K.VEILLEURS, K.ASSOCIATION_WORKSHOP) else None,
            step_free_access=True,
        )
    build.add(
        kind=K.ASSOCIATION_WORKSHOP,
        title="Atelier : monter une cagnotte solidaire de quartier",
        description="Une proposition d'habitant·e·s, en attente de modération (démonstration).",
        day=cal.today + dt.timedelta(days=20),
        start="18:00",
        end="20:00",
        place=_urn_place("cs-clos-toreau"),
        approve=False,
    )
    _registrations(
        [e for e in build.events if e.status == Event.Status.APPROVED],
        random.Random(2026),
        now,
    )


def load_scenario(
    *, moderator: User, resident: User | None, now: dt.datetime | None = None
) -> tuple[Process, int]:
    """Create the scenario process; returns it and its number of contributions."""
    now = now or timezone.now()
    cal = Calendar(timezone.localdate(now))
    process = _create(cal)
    count = create_contributions(
        process,
        CONTRIBUTIONS,
        moderator,
        resident,
        now,
        statuses=OPEN,
        channels=(("online", 80), ("paper", 20)),
    )
    _events(process, cal, moderator, now)
    load_codings(process=process, now=now, coded_share=CODED_SHARE, double_coding=False)
    return process, count
