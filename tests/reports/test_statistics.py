"""The statistics against hand-counted fixtures: every value below was counted by hand
from the contributions, events and codings built here."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concerto.contributions.models import Answer, Contribution
from concerto.events.models import Event, Registration
from concerto.processes.models import Channel
from concerto.reports import crosstabs, statistics
from concerto.reports.statistics import KEYS, compute, compute_one
from concerto.voice.models import Voicemail
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContributionFactory, ProcessFactory, UserFactory
from tests.reports.factories import code, theme

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
P = Contribution.Status.PUBLISHED


def at(day: int, month: int = 1) -> dt.datetime:
    return dt.datetime(2022, month, day, 12, 0, tzinfo=PARIS)


def voicemail(contribution: Contribution, caller: str) -> None:
    Voicemail.objects.create(
        process=contribution.process,
        received_at=contribution.submitted_at,
        caller_hash=caller,
        source=Voicemail.Source.WEBHOOK,
        sha256=uuid.uuid4().hex * 2,
        original_name="message.mp3",
        extension=".mp3",
        content_type="audio/mpeg",
        audio_format="mp3",
        duration=12.0,
        size=1000,
        contribution=contribution,
    )


@pytest.fixture
def world(process, resident, analyst, admin_user):
    hoods = {n.slug: n for n in process.neighbourhoods.all()}
    centre, nord = hoods["q0"], hoods["q1"]
    _q1, q2, q3 = process.questions.order_by("number")

    def make(**kwargs):
        kwargs.setdefault("status", P)
        kwargs.setdefault("age_bracket", "")
        return ContributionFactory(process=process, **kwargs)

    c1 = make(
        email="a@exemple.test", neighbourhood=centre, age_bracket="26_40", submitted_at=at(26)
    )
    c2 = make(
        email="A@Exemple.test", neighbourhood=centre, age_bracket="26_40", submitted_at=at(27)
    )
    c3 = make(
        channel=Channel.Kind.PAPER,
        neighbourhood=nord,
        profile=Contribution.Profile.CONCERNED,
        age_bracket="61_75",
        submitted_at=at(28),
    )
    c4 = make(channel=Channel.Kind.PHONE, neighbourhood=None, profile="", submitted_at=at(31))
    c5 = make(
        channel=Channel.Kind.PHONE,
        neighbourhood=nord,
        profile=Contribution.Profile.VOLUNTEER,
        submitted_at=at(1, 2),
    )
    c6 = make(user=resident, neighbourhood=centre, submitted_at=at(2, 2))
    c7 = make(email=resident.email.upper(), neighbourhood=nord, submitted_at=at(3, 2))
    c8 = make(status=Contribution.Status.PENDING, neighbourhood=centre, submitted_at=at(4, 2))
    c9 = make(
        status=Contribution.Status.REJECTED,
        rejection_reason=Contribution.RejectionReason.OFF_TOPIC,
        channel=Channel.Kind.PAPER,
        neighbourhood=centre,
        submitted_at=at(15, 2),
    )
    # Received without consent to publication: analysed, never published.
    c10 = make(
        status=Contribution.Status.PRIVATE,
        consent_publication=False,
        channel=Channel.Kind.PHONE,
        neighbourhood=nord,
        profile=Contribution.Profile.CONCERNED,
        age_bracket="over_75",
        submitted_at=at(16, 2),
    )
    # Insults: set aside from the analysis under the charter, counted as such.
    c11 = make(
        status=Contribution.Status.SET_ASIDE,
        rejection_reason=Contribution.RejectionReason.OFFENSIVE,
        neighbourhood=centre,
        submitted_at=at(17, 2),
    )
    Contribution.objects.filter(pk__in=[c1.pk, c2.pk, c3.pk]).update(published_at=at(1, 2))
    Contribution.objects.filter(pk__in=[c4.pk, c5.pk, c6.pk, c7.pk]).update(published_at=at(2, 2))
    voicemail(c4, "empreinte-1")
    voicemail(c5, "empreinte-1")
    voicemail(c10, "empreinte-2")
    Answer.objects.create(contribution=c1, question=q2, text="Deuxième réponse.")
    Answer.objects.create(contribution=c6, question=q2, text="Deuxième réponse.")
    Answer.objects.create(contribution=c4, question=q3, text="Troisième réponse.")
    Answer.objects.create(contribution=c5, question=q3, text="Troisième réponse.")

    # Events: held, upcoming, not approved; a festival with a session.
    past = timezone.now() - dt.timedelta(days=30)
    e1 = EventFactory(process=process, kind=Event.Kind.MEDIATION, start=past)
    for attended in (True, True, False):
        RegistrationFactory(event=e1, attended=attended)
    RegistrationFactory(event=e1, status=Registration.Status.CANCELLED, attended=True)
    e2 = EventFactory(process=process, kind=Event.Kind.FESTIVAL, start=past)
    e3 = EventFactory(process=process, kind=Event.Kind.CONFERENCE, start=past, parent=e2)
    RegistrationFactory(event=e2, attended=True)
    RegistrationFactory(event=e2, attended=None)
    RegistrationFactory(event=e3, attended=True)
    e4 = EventFactory(process=process, kind=Event.Kind.MEDIATION)  # upcoming
    RegistrationFactory(event=e4, attended=None)
    EventFactory(process=process, kind=Event.Kind.PANEL, start=past, status=Event.Status.PROPOSED)

    # Codings: a theme with a sub-theme, another theme; double coding; a pending one.
    t1 = theme(process, "Isolement", position=0)
    t1a = theme(process, "Seniors", parent=t1)
    t2 = theme(process, "Droits", position=1)
    answers = {
        c.pk: c.answers.order_by("question__number") for c in (c1, c2, c3, c4, c6, c8, c10, c11)
    }
    code(answers[c1.pk][0], t1a, analyst)
    code(answers[c1.pk][1], t1, admin_user)
    code(answers[c2.pk][0], t2, analyst)
    code(answers[c3.pk][0], t1, analyst)
    code(answers[c3.pk][0], t2, analyst)
    code(answers[c4.pk][0], t1a, analyst)
    code(answers[c6.pk][0], t2, analyst)
    code(answers[c6.pk][0], t2, admin_user)
    code(answers[c8.pk][0], t1, analyst)
    code(answers[c10.pk][0], t1, analyst)
    code(answers[c11.pk][0], t2, analyst)  # coded before it was set aside: never counted
    # Another process's codings never count.
    other = ProcessFactory()
    foreign = ContributionFactory(process=other, status=P)
    code(foreign.answers.get(), theme(other, "Ailleurs"), analyst)
    return {
        "c": [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11],
        "answers": answers,
        "themes": (t1, t1a, t2),
    }


def table(stat):
    return dict(zip(stat.rows, stat.values, strict=True))


# Counted by hand. Received: c1..c11 (11). Analysed: all but c11, set aside (10), whatever
# their publication: c8 pending, c9 publication refused, c10 without consent. Published:
# c1..c7 (7). People among the analysed: a@ (c1, c2), c3, caller 1 (c4, c5), the resident
# (c6 by account, c7 by e-mail), c8, c9, caller 2 (c10): 7.


def test_overview(process, world):
    stat = compute_one(process, "overview")
    assert [v[0] for v in stat.values] == [7, 11, 10, 7, 1, 2, 4]
    assert stat.rows[1:5] == (
        "Contributions reçues",
        "Contributions analysées",
        "Contributions publiées",
        "Contributions écartées (contraires à la charte)",
    )


def test_received_analysed_published(process, world):
    stat = compute_one(process, "received_analysed_published")
    assert stat.columns == ("Reçues", "Analysées", "Publiées", "Écartées (charte)")
    assert table(stat) == {
        "Formulaire en ligne": (6, 5, 4, 1),
        "Formulaire papier": (2, 2, 1, 0),
        "Message téléphonique": (3, 3, 2, 0),
    }
    assert stat.total == (11, 10, 7, 1)


def test_by_channel(process, world):
    stat = compute_one(process, "contributions_by_channel")
    assert stat.columns == ("Contributions", "Participants")
    assert table(stat) == {
        "Formulaire en ligne": (5, 3),
        "Formulaire papier": (2, 2),
        "Message téléphonique": (3, 2),
    }
    assert stat.total == (10, 7)
    assert "anonyme" in stat.note


def test_by_neighbourhood(process, world):
    stat = compute_one(process, "contributions_by_neighbourhood")
    assert table(stat) == {
        "Centre-ville": (5, 4),
        "Nantes Nord": (4, 4),
        "Hors Nantes": (0, 0),
        "Non renseigné": (1, 1),
    }


def test_by_question(process, world):
    stat = compute_one(process, "contributions_by_question")
    assert list(table(stat).values()) == [(10, 7), (2, 2), (2, 1)]
    assert stat.rows[0].startswith("1. ")


def test_by_profile_and_age(process, world):
    profile = compute_one(process, "contributions_by_profile")
    assert table(profile) == {
        "Habitant·e": (6, 4),
        "Personne concernée": (2, 2),
        "Bénévole": (1, 1),
        "Non renseigné": (1, 1),
    }
    age = compute_one(process, "contributions_by_age")
    values = table(age)
    assert values["26 à 40 ans"] == (2, 1)
    assert values["61 à 75 ans"] == (1, 1)
    assert values["Plus de 75 ans"] == (1, 1)
    assert values["Moins de 18 ans"] == (0, 0)
    assert values["Non renseigné"] == (6, 4)
    assert len(age.rows) == len(Contribution.AgeBracket.choices) + 1


def test_by_week(process, world):
    stat = compute_one(process, "contributions_by_week")
    assert stat.rows == (
        "Semaine du 24 janvier 2022",
        "Semaine du 31 janvier 2022",
        "Semaine du 7 février 2022",
        "Semaine du 14 février 2022",
    )
    assert stat.values == ((3, 0), (5, 7), (0, 0), (3, 0))
    assert stat.total == (11, 7)


def test_events(process, world):
    stat = compute_one(process, "events_by_kind")
    assert table(stat) == {"Médiation dans un quartier": (1, 3, 2), "Festival": (1, 3, 2)}
    assert stat.total == (2, 6, 4)


def test_themes_by_neighbourhood(process, world):
    stat = compute_one(process, "themes_by_neighbourhood")
    assert stat.columns == ("Centre-ville", "Nantes Nord", "Hors Nantes", "Non renseigné")
    # Isolement: c1 and c8 (pending) in the centre, c3 and c10 (private) in the north, c4
    # without a neighbourhood. Droits: c2 and c6 in the centre (not c11, set aside), c3.
    assert table(stat) == {"Isolement": (2, 2, 0, 1), "Droits": (2, 1, 0, 0)}
    assert stat.stacked and stat.total is None


def test_themes_by_channel(process, world):
    stat = compute_one(process, "themes_by_channel")
    assert stat.columns == ("Formulaire en ligne", "Formulaire papier", "Message téléphonique")
    assert table(stat) == {"Isolement": (2, 1, 2), "Droits": (2, 1, 0)}


def test_weighted_crosstab(process, world, monkeypatch):
    c1, c2 = world["c"][0], world["c"][1]
    weights = {a.pk: 0.5 for a in list(c1.answers.all()) + list(c2.answers.all())}
    monkeypatch.setattr(crosstabs, "_weights", lambda p: weights)
    stat = compute_one(process, "themes_by_neighbourhood_weighted")
    assert table(stat) == {"Isolement": (1.5, 2, 0, 1), "Droits": (1.5, 1, 0, 0)}
    assert "1/N" in stat.note


def test_weighted_without_weights_says_so(process, world, monkeypatch):
    monkeypatch.setattr(crosstabs, "_weights", lambda p: None)
    stat = compute_one(process, "themes_by_channel_weighted")
    assert table(stat) == {"Isolement": (2, 1, 2), "Droits": (2, 1, 0)}
    assert "indisponible" in stat.note


def test_unknown_key():
    with pytest.raises(KeyError):
        compute(ProcessFactory.build(), ["n_existe_pas"])


def test_empty_process(process):
    for stat in compute(process, statistics.UNWEIGHTED_KEYS):
        assert stat.is_empty, stat.key


def test_round_trip(process, world):
    for stat in compute(process, statistics.UNWEIGHTED_KEYS):
        assert statistics.Statistic.from_dict(stat.as_dict()) == stat


def _count_queries(process) -> int:
    with CaptureQueriesContext(connection) as ctx:
        compute(process, statistics.UNWEIGHTED_KEYS)
    return len(ctx.captured_queries)


def test_constant_number_of_queries(analyst):
    sizes = []
    for n in (3, 30):
        process = ProcessFactory()
        isolement = theme(process, "Isolement")
        for index in range(n):
            contribution = ContributionFactory(
                process=process, status=P, email=f"p{index}@exemple.test"
            )
            code(contribution.answers.get(), isolement, analyst)
            EventFactory(process=process, start=timezone.now() - dt.timedelta(days=3))
        sizes.append(_count_queries(process))
    assert sizes[0] == sizes[1]
    assert sizes[0] <= 20


def test_every_key_has_a_definition():
    assert set(KEYS) == set(statistics.DEFINITIONS)
    assert all(k.replace("_", "").isalpha() for k in KEYS)


def test_user_factory_is_not_counted_twice(process):
    user = UserFactory(email="double@exemple.test")
    ContributionFactory(process=process, status=P, user=user)
    ContributionFactory(process=process, status=P, email="DOUBLE@exemple.test")
    assert compute_one(process, "overview").values[0] == (1,)


def test_weighted_with_the_workspace_weights(process, analyst):
    """The real duplicate weights (concerto.synthesis.selectors.answer_weights): the same
    person answering the same question twice counts 1/2 each time."""
    isolement = theme(process, "Isolement")
    for email in ("meme@exemple.test", "MEME@exemple.test", "autre@exemple.test"):
        contribution = ContributionFactory(process=process, status=P, email=email)
        code(contribution.answers.get(), isolement, analyst)
    plain = compute_one(process, "themes_by_neighbourhood")
    weighted = compute_one(process, "themes_by_neighbourhood_weighted")
    assert table(plain)["Isolement"][0] == 3
    assert table(weighted)["Isolement"][0] == 2.0


def test_long_silences_are_left_out(process):
    for day in (at(3), at(10), at(14, 6)):
        ContributionFactory(process=process, status=P, submitted_at=day, published_at=day)
    stat = compute_one(process, "contributions_by_week")
    assert stat.rows == (
        "Semaine du 3 janvier 2022",
        "Semaine du 10 janvier 2022",
        "Semaine du 13 juin 2022",
    )
    assert stat.total == (3, 3)
