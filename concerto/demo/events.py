"""The events of the Nantes demo (``manage.py loaddemo``), from the seeds.

The press kit (``shared/seeds/003``) describes them: the « Rencontres de la médiation » on
26 January at la Manufacture, two closed citizen panels (engagement; « budget de
référence »), « veilleurs » workshops studying solidarity projects from elsewhere,
workshops that associations ran with their members, mediation events in the
neighbourhoods, and the two-day « temps fort » of 10 and 11 June 2022 (a launch evening,
then a festival day with conferences, round tables, workshops and the walking « Parcours
des solidarités »). ``000`` counts « pas moins de 50 évènements »: so does the demo.

Titles and programmes are plausible reconstructions, not the historical programme; places
are public places of Nantes (addresses and coordinates approximate); initiatives are named
generically; every person and organisation is invented. Everything goes through the
services (proposal, moderation, programme, route, report), like real data; registrations
are written directly, since the historical events are past.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.core.phones import normalise_phone
from concerto.demo import nantes
from concerto.events.models import Event, Registration
from concerto.events.services import (
    EventInput,
    SessionInput,
    StopInput,
    event_moderate,
    event_propose,
    report_publish,
    session_save,
    stop_save,
)
from concerto.organisations.models import Organisation
from concerto.processes.models import Neighbourhood, Process, Question

PARIS = ZoneInfo("Europe/Paris")
K = Event.Kind
FESTIVAL_DAY_1 = nantes.FESTIVAL_DAY_1
FESTIVAL_DAY_2 = nantes.FESTIVAL_DAY_2
# The next yearly meeting of the droit de suite: the seeds stop at the one of 4 December
# 2025, so its date, place and programme are invented (and said to be).
ANNUAL_MEETING_2026 = dt.date(2026, 12, 10)  # a Thursday, like the one of 2025


@dataclass(frozen=True)
class OrganisationData:
    slug: str
    name: str
    kind: str


ORGANISATIONS: tuple[OrganisationData, ...] = (
    OrganisationData("demo-voisins-solidaires", "Collectif des voisins solidaires", "collectif"),
    OrganisationData("demo-aide-alimentaire", "Association d'aide alimentaire", "association"),
    OrganisationData("demo-seniors-lien", "Association Lien entre générations", "association"),
    OrganisationData("demo-numerique-pour-tous", "Association Numérique pour tous", "association"),
    OrganisationData("demo-jeunes-engages", "Collectif Jeunes engagé·e·s", "collectif"),
    OrganisationData("demo-conseil-nuit", "Conseil de la nuit", "conseil"),
)


@dataclass(frozen=True)
class Place:
    name: str
    address: str
    neighbourhood: str
    latitude: str
    longitude: str


def _urn_place(code: str) -> Place:
    urn = next(u for u in nantes.URNS if u.code == code)
    return Place(urn.place_name, urn.address, urn.neighbourhood, urn.latitude, urn.longitude)


MANUFACTURE = Place(
    "La Manufacture", "10 bis boulevard Stalingrad, 44000 Nantes", "malakoff-saint-donatien",
    "47.219500", "-1.535600",
)  # fmt: skip
CITE_CONGRES = Place(
    "Cité des congrès", "5 rue de Valmy, 44000 Nantes", "centre-ville", "47.213100", "-1.542700"
)
HOTEL_DE_VILLE = Place(
    "Hôtel de ville", "2 rue de l'Hôtel de Ville, 44000 Nantes", "centre-ville",
    "47.218400", "-1.553600",
)  # fmt: skip
MEDIATHEQUE = Place(
    "Médiathèque Jacques Demy", "24 quai de la Fosse, 44000 Nantes", "centre-ville",
    "47.211300", "-1.562400",
)  # fmt: skip

# Mediation events in every neighbourhood, at its public places.
MEDIATION_PLACES = (
    "mq-madeleine-champ-de-mars",
    "ma-nantes-nord",
    "co-place-zola",
    "mq-halveque",
    "ma-doulon",
    "co-place-mangin",
    "cs-saint-donatien",
    "cs-bellevue",
    "mq-dervallieres",
    "ma-hauts-paves",
    "cs-breil",
    "cs-boissiere",
    "cs-port-boyer",
    "co-bottiere",
    "mq-haubans",
    "mq-ile",
    "cs-clos-toreau",
    "ma-chantenay",
)
MEDIATION_TOPICS = (
    "Précarité et isolement : ce que vous vivez dans le quartier",
    "Qui peut agir pour les solidarités ? Parlons-en au pied des immeubles",
    "Des idées pour demain contre l'isolement",
)

VEILLEURS = (
    ("Atelier veilleurs : les épiceries solidaires d'ailleurs", "Les épiceries où chacun "
     "paie selon ses moyens, vues à Lyon, Lille et Bruxelles : qu'en retenir pour Nantes ?"),
    ("Atelier veilleurs : les cafés suspendus", "Un café payé d'avance pour un·e inconnu·e : "
     "une idée venue de Naples, qui a fait le tour du monde."),
    ("Atelier veilleurs : colocations entre générations", "Des étudiant·e·s logé·e·s chez des "
     "personnes âgées : expériences en France et en Espagne."),
    ("Atelier veilleurs : les territoires zéro chômeur", "Des emplois créés à partir des "
     "besoins du territoire : ce que montrent les expérimentations françaises."),
    ("Atelier veilleurs : les frigos solidaires", "Des réfrigérateurs en libre-service dans "
     "la rue, remplis par les voisin·e·s et les commerces : Berlin, Paris, Marseille."),
)  # fmt: skip

ASSOCIATION_WORKSHOPS = (
    "Nos adhérent·e·s répondent aux trois questions des Assises",
    "Cahier d'acteurs : atelier d'écriture collective",
    "L'isolement des personnes âgées : ce que voient nos bénévoles",
    "Aide alimentaire : de l'urgence à la dignité",
    "Le numérique, nouvelle source d'exclusion ?",
    "S'engager quand on a 20 ans",
    "La nuit, les solidarités aussi",
    "Les familles monoparentales face à la précarité",
    "Accueillir les personnes exilées dans le quartier",
    "Bénévolat : comment donner envie ?",
    "Se loger dignement : témoignages et propositions",
    "Le lien social au marché",
    "Précarité étudiante : entraide entre étudiant·e·s",
    "Atelier cuisine partagée et débat",
    "Les aidant·e·s familiaux : qui aide celles et ceux qui aident ?",
    "Précarité énergétique : passer l'hiver au chaud",
    "Les commerçant·e·s du quartier, premiers témoins de l'isolement",
    "Santé mentale : en parler sans tabou",
    "Sortir de la rue : la parole des personnes accompagnées",
    "Le sport, un levier contre l'isolement",
    "Entreprises et associations : coopérer autrement",
)

FESTIVAL_SESSIONS = (
    # (day, start, end, kind, room, title, speakers)
    (FESTIVAL_DAY_1, "18:30", "19:15", K.CONFERENCE, "Auditorium",
     "Soirée de lancement : quatre mois de dialogue citoyen",
     "La maire de Nantes\nL'adjointe en charge des solidarités"),
    (FESTIVAL_DAY_1, "19:15", "20:30", K.ROUND_TABLE, "Auditorium",
     "Remise des avis des panels citoyens",
     "Des membres du panel « engagement »\nDes membres du panel « budget de référence »"),
    (FESTIVAL_DAY_1, "20:30", "22:00", K.OTHER, "Hall",
     "Concert et buffet solidaire", "Une chorale de quartier"),
    (FESTIVAL_DAY_2, "09:30", "10:30", K.CONFERENCE, "Auditorium",
     "Les nouvelles précarités à Nantes : ce que disent les chiffres",
     "Le Centre communal d'action sociale\nUne chercheuse en sociologie"),
    (FESTIVAL_DAY_2, "10:45", "12:15", K.ROUND_TABLE, "Salle 300",
     "Table ronde : s'engager, à quel prix ?",
     "Des associations de solidarité\nUn collectif d'habitant·e·s"),
    (FESTIVAL_DAY_2, "10:45", "12:15", K.ASSOCIATION_WORKSHOP, "Salle 150",
     "Atelier : inventer une épicerie avec ceux qui en ont besoin",
     "Une épicerie solidaire"),
    (FESTIVAL_DAY_2, "10:45", "12:15", K.VEILLEURS, "Salle 2.01",
     "Atelier veilleurs : ce qui marche ailleurs", "Des médiateur·rice·s des Assises"),
    (FESTIVAL_DAY_2, "14:00", "15:30", K.CONFERENCE, "Auditorium",
     "Conférence : le budget de référence, vivre dignement à Nantes",
     "Un économiste\nDes membres du panel citoyen"),
    (FESTIVAL_DAY_2, "14:00", "15:30", K.ROUND_TABLE, "Salle 300",
     "Table ronde : entreprises, commerçants, banques… tous acteurs des solidarités ?",
     "Une entreprise de l'économie sociale et solidaire\nUne commerçante"),
    (FESTIVAL_DAY_2, "15:45", "17:15", K.ASSOCIATION_WORKSHOP, "Salle 150",
     "Atelier : rompre l'isolement des seniors", "Une association de visites à domicile"),
    (FESTIVAL_DAY_2, "15:45", "17:15", K.ROUND_TABLE, "Salle 300",
     "Table ronde : la place des personnes concernées",
     "Des habitant·e·s ayant connu la précarité"),
    (FESTIVAL_DAY_2, "17:30", "18:30", K.CONFERENCE, "Auditorium",
     "Clôture : premières pistes pour un Pacte nantais des nouvelles solidarités",
     "L'adjointe en charge des solidarités"),
)  # fmt: skip


@dataclass(frozen=True)
class StopData:
    place_name: str
    initiative: str
    description: str
    address: str
    neighbourhood: str
    latitude: str
    longitude: str


PARCOURS: tuple[StopData, ...] = (
    StopData("Cité des congrès, parvis", "point de départ et d'accueil",
             "Départ du parcours : un plan et une gourde sont remis à chaque marcheur·se.",
             "5 rue de Valmy, 44000 Nantes", "centre-ville", "47.213100", "-1.542700"),
    StopData("Jardin des Plantes, entrée de la rue Stanislas Baudry", "jardin partagé",
             "Des bénévoles racontent comment un jardin cultivé à plusieurs crée du lien "
             "entre voisin·e·s qui ne se parlaient pas.",
             "Rue Stanislas Baudry, 44000 Nantes", "malakoff-saint-donatien",
             "47.219700", "-1.542400"),
    StopData("Place du Bouffay", "frigo solidaire",
             "Un réfrigérateur en libre-service, rempli par les commerces et les habitant·e·s : "
             "chacun·e dépose ou se sert, sans justificatif.",
             "Place du Bouffay, 44000 Nantes", "centre-ville", "47.214600", "-1.553100"),
    StopData("Médiathèque Jacques Demy", "permanence d'aide au numérique",
             "Des médiateur·rice·s aident à faire ses démarches en ligne : CAF, impôts, "
             "prise de rendez-vous médicaux.",
             "24 quai de la Fosse, 44000 Nantes", "centre-ville", "47.211300", "-1.562400"),
    StopData("Maison de quartier Madeleine – Champ-de-Mars", "épicerie solidaire",
             "Des produits à petit prix et un espace café pour se retrouver : la "
             "précarité alimentaire racontée par celles et ceux qui la vivent.",
             "2 bis rue d'Enghien, 44000 Nantes", "centre-ville", "47.211900", "-1.545400"),
    StopData("Marché de Talensac", "glanage solidaire en fin de marché",
             "Les invendus des étals sont collectés et redistribués le jour même à des "
             "associations d'aide alimentaire.",
             "Rue Talensac, 44000 Nantes", "centre-ville", "47.221900", "-1.559600"),
    StopData("Parc des Chantiers, Île de Nantes", "atelier de réparation (repair café)",
             "Réparer ensemble plutôt que jeter : des bénévoles transmettent leurs savoir-faire "
             "et font baisser les dépenses des ménages.",
             "Boulevard Léon Bureau, 44200 Nantes", "ile-de-nantes", "47.206500", "-1.564000"),
    StopData("Maison de quartier de l'Île", "bagagerie solidaire",
             "Un lieu où les personnes sans domicile déposent leurs affaires en sécurité : "
             "arrivée du parcours et goûter partagé.",
             "Boulevard Vincent Gâche, 44200 Nantes", "ile-de-nantes", "47.205400", "-1.546100"),
)  # fmt: skip

FIRST_NAMES = (
    "Camille", "Dominique", "Sacha", "Alix", "Morgane", "Yanis", "Léa", "Nour", "Jules",
    "Inès", "Malo", "Awa", "Hugo", "Lina", "Tom", "Maëlle", "Karim", "Zoé", "Elouan", "Rose",
)  # fmt: skip
LAST_INITIALS = "ABCDEFGHJKLMNPRSTV"


@dataclass
class EventsDemoResult:
    events: int = 0
    registrations: int = 0
    reports: int = 0


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


class _Builder:
    def __init__(self, process: Process, moderator: User) -> None:
        self.process = process
        self.moderator = moderator
        self.places = {n.slug: n for n in Neighbourhood.objects.filter(process=process)}
        self.events: list[Event] = []

    def neighbourhood(self, slug: str) -> Neighbourhood | None:
        return self.places.get(slug)

    def add(
        self,
        *,
        kind: str,
        title: str,
        description: str,
        day: dt.date,
        start: str,
        end: str,
        place: Place,
        organisation: Organisation | None = None,
        approve: bool = True,
        end_day: dt.date | None = None,
        **extra: object,
    ) -> Event:
        data = EventInput(
            kind=kind,
            title=title,
            description=description,
            start=_at(day, start),
            end=_at(end_day or day, end),
            organiser_kind=Event.Organiser.ORGANISATION if organisation else Event.Organiser.CITY,
            organisation=organisation,
            place_name=place.name,
            address=place.address,
            neighbourhood=self.neighbourhood(place.neighbourhood),
            latitude=Decimal(place.latitude),
            longitude=Decimal(place.longitude),
            **extra,  # type: ignore[arg-type]
        )
        event = event_propose(
            process=self.process,
            data=data,
            proposer=None,
            allow_past=True,
            is_demo=True,
        )
        if approve:
            event = event_moderate(event=event, transition="approve", actor=self.moderator)
        self.events.append(event)
        return event


def load_events(
    *, process: Process, moderator: User, now: dt.datetime | None = None
) -> EventsDemoResult:
    """Create the 50 events of the Assises and the yearly meetings of the droit de suite."""
    now = now or timezone.now()
    rng = random.Random(2022)
    approved = Organisation.Status.APPROVED
    organisations = [
        Organisation.objects.get_or_create(
            slug=o.slug, defaults={"name": o.name, "kind": o.kind, "status": approved}
        )[0]
        for o in ORGANISATIONS
    ]
    build = _Builder(process, moderator)
    start = nantes.CONTRIBUTIONS_START

    build.add(
        kind=K.CONFERENCE,
        title="Les Rencontres de la médiation",
        description=(
            "Une journée pour les acteurs de la « médiation » — associations, partenaires non "
            "associatifs, professionnel·le·s de la collectivité — qui interviennent directement "
            "auprès des personnes en situation de précarité et d'isolement : la démarche des "
            "Assises, les 3 questions, les formes de participation, et comment organiser des "
            "ateliers dans son quartier. En format mixte, sur place et à distance."
        ),
        day=start,
        start="09:30",
        end="16:30",
        place=MANUFACTURE,
        online_url="https://visio.exemple.test/rencontres-mediation",
        audience="Acteurs de la médiation",
        step_free_access=True,
        hearing_loop=True,
    )

    # The two closed citizen panels, two sessions each.
    panels = (
        ("engagement", "Panel citoyen « engagement »", "l'engagement solidaire : où en est-on "
         "à Nantes et quels sont les leviers pour favoriser l'engagement collectif ?"),
        ("budget", "Panel citoyen « budget de référence »", "le budget de référence, c'est-à-"
         "dire le reste à vivre nécessaire pour vivre décemment à Nantes."),
    )  # fmt: skip
    for index, (_key, title, topic) in enumerate(panels):
        for number, offset in enumerate((30 + 7 * index, 72 + 7 * index), start=1):
            build.add(
                kind=K.PANEL,
                title=f"{title} — séance {number}",
                description=(
                    "Un atelier citoyen qui réunit un panel de Nantais·e·s volontaires et "
                    f"représentatif·ve·s pour aller plus loin sur {topic} Cet atelier n'est pas "
                    "ouvert au public."
                ),
                day=start + dt.timedelta(days=offset),
                start="18:00",
                end="21:00",
                place=HOTEL_DE_VILLE,
                visibility=Event.Visibility.CLOSED,
                registration_open=False,
                audience="Panel de citoyen·ne·s tiré·e·s au sort ou volontaires",
                step_free_access=True,
                childcare=True,
            )

    veilleur_places = ("cs-saint-donatien", "mq-halveque", "cs-bellevue", "ma-doulon", "mq-ile")
    for index, (title, description) in enumerate(VEILLEURS):
        place = _urn_place(veilleur_places[index])
        build.add(
            kind=K.VEILLEURS,
            title=title,
            description=description
            + " Les ateliers « veilleurs » étudient des projets solidaires décalés, méconnus "
            "et inspirants, pour identifier ce qui pourrait fonctionner à Nantes.",
            day=start + dt.timedelta(days=20 + 18 * index),
            start="14:00",
            end="16:30",
            place=place,
            capacity=15,
            step_free_access=index % 2 == 0,
        )

    for index, code in enumerate(MEDIATION_PLACES):
        place = _urn_place(code)
        topic = MEDIATION_TOPICS[index % len(MEDIATION_TOPICS)]
        build.add(
            kind=K.MEDIATION,
            title=f"{topic} — {place.name}",
            description=(
                "Des médiateur·rice·s vont à la rencontre des habitant·e·s pour recueillir leur "
                "parole et les aider à contribuer, seul·e ou à plusieurs. Café offert."
            ),
            day=start + dt.timedelta(days=10 + 7 * index),
            start="10:00" if index % 2 else "16:00",
            end="12:00" if index % 2 else "18:30",
            place=place,
            audience="Tout public",
            step_free_access=True,
            childcare=index % 3 == 0,
            sign_language=index == 4,
        )

    association_places = (
        "co-marche-talensac", "co-place-zola", "co-place-viarme", "ma-nantes-nord",
        "co-ile-superette", "co-place-mangin", "mq-haubans", "cs-breil",
    )  # fmt: skip
    for index, title in enumerate(ASSOCIATION_WORKSHOPS):
        organisation = organisations[index % len(organisations)]
        place = _urn_place(association_places[index % len(association_places)])
        build.add(
            kind=K.ASSOCIATION_WORKSHOP,
            title=title,
            description=(
                f"{organisation.name} propose à ses adhérent·e·s de réfléchir ensemble à une ou "
                "plusieurs des 3 questions des Assises, avec le guide d'animation de la Ville. "
                "Ce qui sera dit deviendra un cahier d'acteurs."
            ),
            day=start + dt.timedelta(days=14 + 6 * index),
            start="18:30",
            end="20:30",
            place=place,
            organisation=organisation,
            capacity=20 if index % 2 == 0 else None,
            audience="Adhérent·e·s et sympathisant·e·s",
        )

    festival = build.add(
        kind=K.FESTIVAL,
        title="Temps fort des Assises des nouvelles solidarités",
        description=(
            "Ces 2 jours permettront de faire un premier bilan des 4 mois : actions et "
            "initiatives entreprises, contributions collectées, remise des avis citoyens, "
            "ateliers menés, approfondissement de thèmes phares, valorisation des initiatives "
            "solidaires des acteurs. Une soirée de lancement le vendredi, puis une journée "
            "type « Festival des solidarités », ouverte à toutes et tous : des conférences, "
            "des tables-rondes, des ateliers, et un « Parcours des solidarités » pour "
            "découvrir des lieux et des initiatives solidaires portés par des acteurs locaux."
        ),
        day=FESTIVAL_DAY_1,
        start="18:00",
        end_day=FESTIVAL_DAY_2,
        end="19:00",
        place=CITE_CONGRES,
        audience="Tout public",
        step_free_access=True,
        sign_language=True,
        hearing_loop=True,
        childcare=True,
    )
    sessions: list[Event] = []
    for day, begin, finish, kind, room, title, speakers in FESTIVAL_SESSIONS:
        sessions.append(
            session_save(
                parent=festival,
                data=SessionInput(
                    kind=kind,
                    title=title,
                    description=f"{title}. Une séance du temps fort des Assises.",
                    start=_at(day, begin),
                    end=_at(day, finish),
                    room=room,
                    speakers=speakers,
                    capacity=None if room == "Auditorium" else 40,
                ),
                actor=moderator,
            )
        )
    parcours = session_save(
        parent=festival,
        data=SessionInput(
            kind=K.OTHER,
            title="Parcours des solidarités",
            description=(
                "Un parcours en ville, à pied, pour découvrir et aller à la rencontre des "
                "acteurs nantais qui portent des initiatives solidaires. Environ 4 km, "
                "3 heures, départ de la Cité des congrès, arrivée sur l'Île de Nantes."
            ),
            start=_at(FESTIVAL_DAY_2, "14:00"),
            end=_at(FESTIVAL_DAY_2, "17:00"),
            room="Départ : parvis",
            speakers="Des bénévoles des initiatives visitées",
            capacity=25,
        ),
        actor=moderator,
    )
    sessions.append(parcours)
    for position, stop in enumerate(PARCOURS, start=1):
        stop_save(
            event=parcours,
            data=StopInput(
                position=position,
                place_name=stop.place_name,
                initiative=stop.initiative,
                description=stop.description,
                address=stop.address,
                latitude=Decimal(stop.latitude),
                longitude=Decimal(stop.longitude),
                neighbourhood=build.neighbourhood(stop.neighbourhood),
            ),
            actor=moderator,
        )

    _annual_meetings(build)

    result = EventsDemoResult(events=len(build.events) + len(sessions))
    result.registrations = _registrations(build.events + sessions, rng, now)
    result.reports = _reports(process, build.events, moderator, now)
    return result


def _annual_meetings(build: _Builder) -> None:
    """The yearly meetings of the droit de suite: the one of 4 December 2025 (seed 002)
    and the next one, whose date and programme are invented."""
    build.add(
        kind=K.CONFERENCE,
        title="Rendez-vous annuel de la Stratégie nantaise des nouvelles solidarités 2025",
        description=(
            "Dans le cadre du droit de suite, la collectivité revient annuellement vers les "
            "participants pour présenter les réalisations concrètes. Plus de 150 personnes "
            "– habitants, associations, professionnels et élus – s'y sont retrouvées, autour "
            "de trois thèmes : mieux accéder à ses droits, lutter contre l'isolement des "
            "seniors, mieux coopérer entre acteurs de la solidarité. (Lieu et horaires "
            "inventés pour la démonstration.)"
        ),
        day=nantes.ANNUAL_MEETING_2025,
        start="18:00",
        end="21:00",
        place=HOTEL_DE_VILLE,
        audience="Tout public, participant·e·s des Assises",
        step_free_access=True,
        hearing_loop=True,
    )
    build.add(
        kind=K.CONFERENCE,
        title="Rendez-vous annuel 2026 de la Stratégie (date inventée pour la démo)",
        description=(
            "Le rendez-vous annuel du droit de suite, au terme de la stratégie 2023–2026 : "
            "le bilan des réalisations, ce qui reste à faire, et les questions des "
            "participant·e·s. "
            "Date, lieu et programme inventés pour la démonstration : les sources s'arrêtent "
            "au rendez-vous du 4 décembre 2025."
        ),
        day=ANNUAL_MEETING_2026,
        start="18:00",
        end="21:00",
        place=HOTEL_DE_VILLE,
        audience="Tout public, participant·e·s des Assises",
        capacity=200,
        step_free_access=True,
        hearing_loop=True,
    )


def _registrations(events: list[Event], rng: random.Random, now: dt.datetime) -> int:
    """Invented people (@exemple.test or a phone number) on the open events."""
    rows = []
    for event in events:
        if (
            event.status != Event.Status.APPROVED
            or event.visibility != Event.Visibility.PUBLIC
            or event.kind == K.FESTIVAL
        ):
            continue
        wanted = (
            rng.randint(3, 12) if event.capacity is None else event.capacity + rng.randint(0, 3)
        )
        past = event.end <= now
        confirmed = 0
        for index in range(wanted):
            first = rng.choice(FIRST_NAMES)
            initial = rng.choice(LAST_INITIALS)
            full = event.capacity is not None and confirmed >= event.capacity
            status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
            confirmed += status == Registration.Status.CONFIRMED
            by_phone = index % 7 == 3
            rows.append(
                Registration(
                    event=event,
                    name=f"{first} {initial}.",
                    email=""
                    if by_phone
                    else f"{first.lower()}.{initial.lower()}{event.pk}-{index}@exemple.test",
                    phone=normalise_phone(
                        f"06 00 {index // 100:02d} {index % 100:02d} {event.pk % 100:02d}"
                    )
                    if by_phone
                    else "",
                    status=status,
                    attended=(rng.random() < 0.8)
                    if past and status == Registration.Status.CONFIRMED
                    else None,
                    created_at=event.start - dt.timedelta(days=rng.randint(2, 20)),
                )
            )
    Registration.objects.bulk_create(rows, batch_size=500)
    return len(rows)


REPORT_TEXTS = {
    1: "Les participant·e·s décrivent un isolement qui touche aussi des actifs, des jeunes "
    "parents et des étudiant·e·s, souvent invisible pour les voisin·e·s.",
    2: "Beaucoup veulent s'engager mais manquent de temps ou ne savent pas à qui s'adresser ; "
    "un point d'information par quartier est souhaité.",
    3: "Idées retenues : un frigo solidaire par quartier, des repas partagés mensuels et une "
    "carte des lieux où demander de l'aide.",
}


def _reports(process: Process, events: list[Event], moderator: User, now: dt.datetime) -> int:
    """The organisers' reports of a few past workshops, published as contributions."""
    questions = {q.number: q for q in Question.objects.filter(process=process)}
    candidates = [
        e
        for e in events
        if e.status == Event.Status.APPROVED
        and e.end <= now
        and e.kind in (K.VEILLEURS, K.ASSOCIATION_WORKSHOP, K.MEDIATION)
    ]
    count = 0
    for event in candidates[::4][:4]:
        event = Event.objects.select_related("process", "organisation").get(pk=event.pk)
        report = report_publish(
            event=event,
            answers={questions[n]: text for n, text in REPORT_TEXTS.items() if n in questions},
            kind=Contribution.Kind.PROPOSAL,
            actor=moderator,
            now=now,
        )
        contribution = report.contribution
        # Demo data: no address kept (so no receipt is sent), the date of the writing.
        Contribution.objects.filter(pk=contribution.pk).update(
            is_demo=True, email="", submitted_at=min(event.end + dt.timedelta(days=2), now)
        )
        contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
        count += 1
    return count
