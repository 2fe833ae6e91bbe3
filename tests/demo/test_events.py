"""The events of the Nantes demo (concerto.demo.events, called by ``loaddemo``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.events.models import Event, EventReport, Registration, RouteStop
from concerto.processes.models import Process

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
SLUG = "assises-des-nouvelles-solidarites"


def loaddemo(*args: str) -> Process:
    call_command("loaddemo", "--contributions", "5", *args, stdout=StringIO())
    return Process.objects.get(slug=SLUG)


class TestEventsOfTheDemo(TestCase):
    """One demo for the tests below (loading it takes a while)."""

    @classmethod
    def setUpTestData(cls) -> None:
        loaddemo()

    def test_fifty_events_like_the_seeds(self) -> None:
        process = Process.objects.get(slug=SLUG)
        every = Event.objects.filter(process=process)
        assert all(e.is_demo for e in every)
        # « pas moins de 50 évènements » during the Assises (the festival's 13 sessions are
        # part of it), then the yearly meetings of the droit de suite.
        events = every.filter(start__date__lte=dt.date(2022, 6, 20))
        assert events.filter(parent__isnull=True).count() == 50
        assert events.filter(parent__isnull=False).count() == 13
        kinds = Counter(events.filter(parent__isnull=True).values_list("kind", flat=True))
        assert kinds[Event.Kind.PANEL] >= 2
        assert 4 <= kinds[Event.Kind.VEILLEURS] <= 6
        assert kinds[Event.Kind.MEDIATION] >= 10
        assert kinds[Event.Kind.ASSOCIATION_WORKSHOP] >= 8
        assert kinds[Event.Kind.FESTIVAL] == 1
        # Closed panels: engagement and budget de référence, no public registration.
        panels = events.filter(kind=Event.Kind.PANEL)
        assert {p.visibility for p in panels} == {Event.Visibility.CLOSED}
        assert any("engagement" in p.title for p in panels)
        assert any("budget de référence" in p.title for p in panels)
        assert not Registration.objects.filter(event__in=panels).exists()
        # Mediation events spread over the neighbourhoods.
        mediations = events.filter(kind=Event.Kind.MEDIATION)
        assert mediations.values("neighbourhood").distinct().count() >= 10
        # Everything of 2022 was moderated long ago: nothing waits (the scenario has one).
        assert not every.filter(status=Event.Status.PROPOSED).exists()
        assert Event.objects.filter(
            process__slug="scenario-de-demonstration", status=Event.Status.PROPOSED
        ).exists()

    def test_the_two_day_festival_and_its_route(self) -> None:
        process = Process.objects.get(slug=SLUG)
        festival = Event.objects.get(process=process, kind=Event.Kind.FESTIVAL)
        start, end = (
            timezone.localtime(festival.start, PARIS),
            timezone.localtime(festival.end, PARIS),
        )
        assert (start.date(), end.date()) == (dt.date(2022, 6, 10), dt.date(2022, 6, 11))
        sessions = list(festival.sessions.order_by("start"))
        assert all(festival.start <= s.start and s.end <= festival.end for s in sessions)
        days = Counter(timezone.localtime(s.start, PARIS).date() for s in sessions)
        assert days[dt.date(2022, 6, 10)] >= 2  # the launch evening
        assert days[dt.date(2022, 6, 11)] >= 8  # the festival day
        assert {s.kind for s in sessions} >= {
            Event.Kind.CONFERENCE,
            Event.Kind.ROUND_TABLE,
            Event.Kind.ASSOCIATION_WORKSHOP,
        }
        assert all(s.room for s in sessions)
        parcours = next(s for s in sessions if s.title == "Parcours des solidarités")
        stops = list(RouteStop.objects.filter(event=parcours).order_by("position"))
        assert 7 <= len(stops) <= 9
        assert [s.position for s in stops] == list(range(1, len(stops) + 1))
        assert all(47.15 < float(s.latitude) < 47.30 for s in stops)
        initiatives = " ".join(s.initiative for s in stops)
        assert "épicerie solidaire" in initiatives and "jardin partagé" in initiatives

    def test_registrations_and_reports_are_invented_and_published(self) -> None:
        process = Process.objects.get(slug=SLUG)
        registrations = Registration.objects.filter(event__process=process)
        assert registrations.count() > 50
        assert all(r.email.endswith("@exemple.test") or r.phone for r in registrations)
        assert registrations.filter(status=Registration.Status.WAITLISTED).exists()
        assert registrations.filter(attended=True).exists()
        reports = EventReport.objects.filter(event__process=process).select_related("contribution")
        assert 2 <= reports.count() <= 6
        for report in reports:
            assert report.contribution.status == Contribution.Status.PUBLISHED
            assert report.contribution.is_demo and not report.contribution.email

    def test_pages_of_the_festival_and_the_yearly_meetings(self) -> None:
        client = self.client
        process = Process.objects.get(slug=SLUG)
        festival = Event.objects.get(process=process, kind=Event.Kind.FESTIVAL)
        assert festival.end < timezone.now()  # held in 2022
        for report in EventReport.objects.filter(event__process=process).select_related("event"):
            assert report.event.end <= timezone.now()
        meetings = list(
            Event.objects.filter(process=process, title__startswith="Rendez-vous annuel").order_by(
                "start"
            )
        )
        assert [timezone.localtime(m.start, PARIS).date() for m in meetings] == [
            dt.date(2025, 12, 4),  # seed 002
            dt.date(2026, 12, 10),  # invented, and said so
        ]
        assert "150 personnes" in meetings[0].description
        assert "inventée" in meetings[1].title and "inventés" in meetings[1].description
        agenda = client.get(reverse("events:agenda", kwargs={"slug": SLUG}))
        assert agenda.status_code == 200 and 'id="map-data"' in agenda.content.decode()
        route = client.get(
            reverse("events:route", kwargs={"slug": SLUG, "event": "parcours-des-solidarites"})
        )
        assert route.status_code == 200 and "Étape 8" in route.content.decode()
        programme = client.get(
            reverse("events:programme", kwargs={"slug": SLUG, "event": festival.slug})
        )
        assert programme.status_code == 200
