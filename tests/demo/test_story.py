"""The demo tells the true story at the real dates, and a scenario is open today.

Hand-counted expectations from the seeds (``shared/seeds/``): more than 350 individual
contributions, 97 cahiers d'acteurs, 50 events, 7 commitments, about 100 actions of which
15 flagship, 2.35 M€; the dates of 2022–2025 and their weekdays. The scenario's dates are
relative to the day the demo is loaded; its texts name weekdays computed from the dates.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from concerto.collective.models import CollectiveContribution
from concerto.contributions.models import Contribution
from concerto.demo import scenario
from concerto.demo.textgen import CLOSED, generate
from concerto.events.models import Event
from concerto.processes.models import Channel, Phase, Process
from concerto.resources.models import NewsPost
from concerto.strategy.models import Action, BudgetLine, Commitment
from concerto.synthesis.models import Coding

pytestmark = pytest.mark.django_db
ASSISES = "assises-des-nouvelles-solidarites"
SCENARIO = "scenario-de-demonstration"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
# Past-tense forms that must never speak of something still to come.
PAST = re.compile(
    r"\b(a eu lieu|ont eu lieu|s'est tenue?s?|a réuni|ont réuni|se sont retrouvée?s|"
    r"a été|ont été|a permis|ont participé|s'est déroulée?|était|étaient)\b"
)
# Future forms that must never speak of something that is over.
FUTURE = re.compile(r"\b(permettra|permettront|sera|seront|pourront|aura lieu|auront lieu)\b")
W = "|".join(WEEKDAYS)
DATED = re.compile(
    rf"\b({W}) (1er|\d{{1,2}})(?: et ({W}) (1er|\d{{1,2}}))? ({'|'.join(MONTHS)})(?: (\d{{4}}))?"
)
YEAR = re.compile(r".{0,30}?\b(20\d\d)\b")


def loaddemo(*args: str) -> str:
    out = StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def text_of(response) -> str:
    body = response.content.decode()
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def check_weekdays(text: str, year_of_text: int | None = None) -> int:
    """Every « jeudi 4 décembre 2025 », « vendredi 10 et samedi 11 juin 2022 » or
    « mercredi 26 janvier au lundi 20 juin 2022 » in ``text`` names the right weekday; a
    date without its year (« mardi 20 février ») is of ``year_of_text`` (the year of a news
    post), or skipped on a page. Returns how many dates it checked."""
    count = 0
    for match in DATED.finditer(text):
        weekday, day, weekday2, day2, month, year = match.groups()
        if year is None:
            later = (
                YEAR.match(text, match.end() + 4)
                if text[match.end() :].startswith(" au ")
                else None
            )
            if later is None and year_of_text is None:
                continue
            year = later.group(1) if later is not None else str(year_of_text)
        for name, number in ((weekday, day), (weekday2, day2)):
            if name is None:
                continue
            date = dt.date(
                int(year), MONTHS.index(month) + 1, 1 if number == "1er" else int(number)
            )
            assert WEEKDAYS[date.weekday()] == name, f"{name} {number} {month} {year}"
            count += 1
    return count


def test_make_demo_loads_more_than_350_individual_contributions():
    """``make demo`` runs ``loaddemo --reset --contributions 400``: the text generator makes
    them, moderation long over (« plus de 350 contributions individuelles », 000)."""
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "DEMO_CONTRIBUTIONS ?= 400" in makefile
    assert "loaddemo --reset --contributions $(DEMO_CONTRIBUTIONS)" in makefile
    specs = generate(400, window=dt.timedelta(days=145), statuses=CLOSED)
    statuses = Counter(spec.status for spec in specs)
    assert statuses == {"published": 373, "rejected": 27}
    assert {spec.channel for spec in specs} == {"online", "paper", "phone"}


class TestTheStory(TestCase):
    """One demo for the tests below (loaded once: it takes a while)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.out = loaddemo("--contributions", "30")

    def test_the_seeds_figures_and_both_processes_in_loaddemo(self) -> None:
        client = self.client
        """Both processes in loaddemo's output; the figures of the seeds."""
        out = self.out
        assert "Assises des nouvelles solidarités" in out and "Scénario de démonstration" in out
        assert f"/demarches/{ASSISES}/" in out and f"/demarches/{SCENARIO}/" in out
        assises = Process.objects.get(slug=ASSISES)
        contributions = Contribution.objects.filter(process=assises)
        individual = contributions.filter(
            channel__in=(Channel.Kind.ONLINE, Channel.Kind.PAPER, Channel.Kind.PHONE)
        )
        # 30 here, 400 with make demo (test_make_demo_loads_more_than_350_...), all moderated.
        assert individual.count() == 30
        assert not individual.filter(status=Contribution.Status.PENDING).exists()
        # « 97 cahiers d'acteurs collectifs », all published.
        cahiers = CollectiveContribution.objects.filter(contribution__process=assises)
        assert cahiers.count() == 97
        assert (
            contributions.filter(
                channel=Channel.Kind.COLLECTIVE, status=Contribution.Status.PUBLISHED
            ).count()
            == 97
        )
        # « pas moins de 50 évènements » from 26 January to 20 June 2022.
        events = Event.objects.filter(process=assises, parent__isnull=True)
        assert events.filter(start__date__lte=dt.date(2022, 6, 20)).count() == 50
        # 7 commitments, « une centaine d'actions, dont 15 actions phares », 2.35 M€.
        assert Commitment.objects.filter(process=assises).count() == 7
        actions = Action.objects.filter(process=assises)
        assert actions.count() == 100
        assert actions.filter(is_flagship=True).count() == 15
        assert BudgetLine.objects.filter(action__process=assises).aggregate(s=Sum("planned"))[
            "s"
        ] == Decimal("2350000")
        # 81 actions are not in the seeds: each says so on its page.
        invented = actions.filter(description__contains="Action inventée pour la démonstration")
        assert invented.count() == 81
        assert not invented.filter(is_flagship=True).exists()
        page = client.get(reverse("strategy:dashboard", kwargs={"slug": ASSISES}))
        assert page.status_code == 200
        one = invented.first()
        detail = client.get(reverse("strategy:action", kwargs={"slug": ASSISES, "code": one.code}))
        assert "Action inventée pour la démonstration" in text_of(detail)

    def test_the_assises_at_their_real_dates(self) -> None:
        client = self.client
        assises = Process.objects.get(slug=ASSISES)
        phases = {p.kind: p for p in assises.phases.all()}
        assert (phases["contributions"].starts_on, phases["contributions"].ends_on) == (
            dt.date(2022, 1, 26),
            dt.date(2022, 6, 20),
        )
        assert (phases["event"].starts_on, phases["event"].ends_on) == (
            dt.date(2022, 6, 10),
            dt.date(2022, 6, 11),
        )
        assert phases["instruction"].ends_on == dt.date(2022, 12, 31)
        assert phases["answer"].starts_on == dt.date(2023, 6, 30)
        assert (phases["implementation"].starts_on, phases["implementation"].ends_on) == (
            dt.date(2023, 7, 1),
            dt.date(2026, 12, 31),
        )
        channels = {c.kind: c for c in assises.channels.all()}
        assert timezone.localtime(channels["collective"].closes_at).date() == dt.date(2022, 5, 29)
        assert timezone.localtime(channels["online"].closes_at).date() == dt.date(2022, 6, 20)
        assert not any(c.is_open() for c in channels.values())
        version = assises.report.versions.get()
        assert timezone.localtime(version.published_at).date() == dt.date(2022, 12, 15)
        # The report of December 2022, the answer after the adoption of 30 June 2023.
        answer_page = reverse("strategy:answer", kwargs={"slug": ASSISES})
        assert "30 juin 2023" in text_of(client.get(answer_page))

    def test_no_past_tense_about_the_future_nor_future_about_the_past(self) -> None:
        client = self.client
        today = timezone.localdate()
        now = timezone.now()
        for process in Process.objects.all():
            for phase in process.phases.all():
                text = phase.title + " " + phase.description
                if phase.starts_on > today:
                    assert not PAST.search(text), (process.slug, phase.kind, text)
                if phase.ends_on < today:
                    assert not FUTURE.search(text), (process.slug, phase.kind, text)
            for event in Event.objects.filter(process=process, parent__isnull=True):
                if event.start > now:
                    assert not PAST.search(event.description), event.title
                else:
                    assert not re.search(r"\b(réunira|aura lieu|se tiendra)\b", event.description)
        # The Assises' page tells what happened: no future tense about 2022–2023.
        assises = text_of(client.get(reverse("processes:detail", kwargs={"slug": ASSISES})))
        assert "a mené les Assises" in assises
        assert not FUTURE.search(assises), FUTURE.search(assises)
        # The key pages: nothing there speaks of the scenario's future in the past tense.
        page = text_of(client.get(reverse("processes:detail", kwargs={"slug": SCENARIO})))
        assert "Scénario de démonstration" in page
        for sentence in re.split(r"(?<=[.;:])\s", page):
            if "jusqu'au" in sentence or "réunira" in sentence or "présentera" in sentence:
                assert not PAST.search(sentence), sentence

    def test_weekdays_match_their_dates_on_the_pages(self) -> None:
        client = self.client
        named = 0
        for slug in (ASSISES, SCENARIO):
            for name in ("processes:detail", "events:agenda", "resources:news_list"):
                response = client.get(reverse(name, kwargs={"slug": slug}))
                assert response.status_code == 200
                named += check_weekdays(text_of(response))
            for event in Event.objects.filter(process__slug=slug, parent__isnull=True):
                named += check_weekdays(event.description)
            for post in NewsPost.objects.filter(process__slug=slug):
                named += check_weekdays(post.body)
        assert named >= 12  # the texts do name dates with their weekday

    def test_the_process_page_and_the_agenda_agree_on_upcoming_events(self) -> None:
        client = self.client
        now = timezone.now()
        for slug in (ASSISES, SCENARIO):
            process = Process.objects.get(slug=slug)
            agenda = client.get(reverse("events:agenda", kwargs={"slug": slug}))
            listed = list(agenda.context["events"]) if "events" in agenda.context else None
            page = client.get(process.get_absolute_url())
            figures = page.context["figures"]
            upcoming = Event.objects.filter(
                process=process, status=Event.Status.APPROVED, parent__isnull=True, end__gt=now
            ).count()
            assert figures.events_upcoming == upcoming
            if listed is not None:
                assert len(listed) == upcoming
        # Hand-counted: the scenario has four events to come whatever the day it is loaded;
        # the Assises have the next yearly meeting (10 December 2026, invented) until it is held.
        scenario_page = client.get(reverse("processes:detail", kwargs={"slug": SCENARIO}))
        assert scenario_page.context["figures"].events_upcoming == 4
        assert scenario_page.context["figures"].events_held == 2
        assises_page = client.get(reverse("processes:detail", kwargs={"slug": ASSISES}))
        held_2026 = now >= dt.datetime(2026, 12, 10, 21, tzinfo=dt.UTC)
        assert assises_page.context["figures"].events_upcoming == (0 if held_2026 else 1)
        assert assises_page.context["figures"].events_held == (52 if held_2026 else 51)

    def test_the_scenario_is_open_today_to_contribute_moderate_and_analyse(self) -> None:
        client = self.client
        process = Process.objects.get(slug=SCENARIO)
        today = timezone.localdate()
        assert process.title.startswith("Scénario de démonstration")
        assert process.summary.startswith("Scénario de démonstration : cette démarche est inventée")
        assert (process.receipt_prefix, process.receipt_year) == ("DEMO", today.year)
        contributions_phase = process.phases.get(kind=Phase.Kind.CONTRIBUTIONS)
        assert contributions_phase.starts_on == today - dt.timedelta(days=30)
        assert contributions_phase.ends_on == today + dt.timedelta(days=40)
        assert contributions_phase.is_current(today)
        channels = {c.kind: c for c in process.channels.all()}
        assert channels["online"].is_open() and channels["paper"].is_open()
        assert french_in(process.summary, today + dt.timedelta(days=40))
        # To moderate: 17 waiting, 1 change requested; to analyse: published, not all coded.
        contributions = Contribution.objects.filter(process=process)
        assert contributions.count() == 60
        assert contributions.filter(status=Contribution.Status.PENDING).count() == 17
        assert contributions.filter(status=Contribution.Status.CHANGES_REQUESTED).count() == 1
        published = contributions.filter(status=Contribution.Status.PUBLISHED)
        assert published.count() == 35
        coded = set(
            Coding.objects.filter(answer__contribution__process=process).values_list(
                "answer__contribution", flat=True
            )
        )
        assert 0 < len(coded) < published.count()
        assert all(c.submitted_at <= timezone.now() for c in contributions)
        # One event proposal waits for the moderation.
        assert Event.objects.filter(process=process, status=Event.Status.PROPOSED).count() == 1
        # Anyone can contribute, today.
        form = client.get(reverse("contributions:contribute", kwargs={"slug": SCENARIO}))
        assert form.status_code == 200 and 'name="question_1"' in form.content.decode()
        page = text_of(client.get(process.get_absolute_url()))
        assert "Scénario de démonstration" in page


def french_in(text: str, day: dt.date) -> bool:
    return scenario.french_date(day) in text


def test_french_dates_name_the_right_weekday():
    assert scenario.french_date(dt.date(2026, 12, 10)) == "jeudi 10 décembre 2026"
    assert scenario.french_date(dt.date(2027, 1, 1)) == "vendredi 1er janvier 2027"
    assert scenario.french_date(dt.date(2022, 6, 10), year=False) == "vendredi 10 juin"
