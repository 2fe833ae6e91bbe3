"""Reading events for the pages, feeds and exports, in a constant number of queries."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from concerto.core.dates import date_format
from concerto.events.models import Event, Registration, RouteStop
from concerto.processes.models import Process

R = Registration.Status


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _with_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=R.CONFIRMED)),
        waitlist_count=Count("registrations", filter=Q(registrations__status=R.WAITLISTED)),
    )


def published_events(process: Process) -> QuerySet[Event]:
    """Approved events of ``process`` (public and closed ones), with what lists show."""
    return Event.objects.filter(process=process, status=Event.Status.APPROVED).select_related(
        "process", "neighbourhood", "organisation"
    )


def local_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())


def agenda_events(
    process: Process, filters: dict[str, Any], *, now: dt.datetime | None = None
) -> QuerySet[Event]:
    """The agenda list: top-level approved events matching ``filters``; without a date
    filter, those not yet over."""
    return _with_counts(agenda_filtered(process, filters, now=now)).order_by("start", "id")


def agenda_filtered(
    process: Process, filters: dict[str, Any], *, now: dt.datetime | None = None
) -> QuerySet[Event]:
    now = now or timezone.now()
    queryset = published_events(process).filter(parent__isnull=True)
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("neighbourhood"):
        queryset = queryset.filter(neighbourhood_id=filters["neighbourhood"])
    date_from: dt.date | None = filters.get("date_from")
    date_to: dt.date | None = filters.get("date_to")
    if date_from is not None:
        queryset = queryset.filter(end__gt=local_day_start(date_from))
    if date_to is not None:
        queryset = queryset.filter(start__lt=local_day_start(date_to + dt.timedelta(days=1)))
    if date_from is None and date_to is None:
        queryset = queryset.filter(end__gt=now)
    for feature in filters.get("access", []):
        queryset = queryset.filter(**{feature: True})
    return queryset


@dataclass
class Day:
    date: dt.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    previous: dt.date
    next: dt.date

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def count(self) -> int:
        return len({e.pk for week in self.weeks for d in week if d.in_month for e in d.events})


def month_grid(process: Process, year: int, month: int, filters: dict[str, Any]) -> Month:
    """A Monday-first calendar of ``month`` with the events of each day (one query)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    grid_start, grid_end = weeks[0][0], weeks[-1][-1] + dt.timedelta(days=1)
    wanted = {**filters, "date_from": grid_start, "date_to": grid_end - dt.timedelta(days=1)}
    events = list(agenda_events(process, wanted))
    zone = local_zone()
    by_day: dict[dt.date, list[Event]] = {}
    for event in events:
        first = max(event.start.astimezone(zone).date(), grid_start)
        last_moment = event.end.astimezone(zone) - dt.timedelta(microseconds=1)
        last = min(last_moment.date(), grid_end - dt.timedelta(days=1))
        day = first
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += dt.timedelta(days=1)
    first_of_month = dt.date(year, month, 1)
    previous = (first_of_month - dt.timedelta(days=1)).replace(day=1)
    following = (first_of_month + dt.timedelta(days=32)).replace(day=1)
    return Month(
        year=year,
        month=month,
        weeks=[[Day(d, d.month == month, by_day.get(d, [])) for d in week] for week in weeks],
        previous=previous,
        next=following,
    )


def event_for_page(process: Process, slug: str) -> Event:
    """One event of ``process`` with its counts, sessions and report (any status: the view
    decides who may see it)."""
    sessions = (
        Event.objects.filter(status=Event.Status.APPROVED)
        .select_related("process", "neighbourhood")
        .order_by("start", "id")
    )
    queryset = _with_counts(
        Event.objects.filter(process=process).select_related(
            "process", "neighbourhood", "organisation", "parent", "report__contribution"
        )
    ).prefetch_related(Prefetch("sessions", queryset=sessions))
    event = queryset.filter(slug=slug).first()
    if event is None:
        raise Http404("Événement introuvable.")
    return event


def feed_events(process: Process, *, neighbourhood_id: int | None = None) -> list[Event]:
    """Every approved event of the process (sessions included), for the iCalendar feeds."""
    queryset = published_events(process).select_related("parent")
    if neighbourhood_id is not None:
        queryset = queryset.filter(neighbourhood_id=neighbourhood_id)
    return list(queryset.order_by("start", "id"))


def registrations_for_organiser(event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event)
        .exclude(status=R.CANCELLED)
        .order_by("status", "created_at", "id")
    )


@dataclass(frozen=True)
class Figures:
    events_held: int
    events_upcoming: int
    registered: int
    attended: int


def participation_figures(process: Process, *, now: dt.datetime | None = None) -> Figures:
    """Events held and to come, people registered and people who came (two queries).

    Events are counted as the agenda lists them: a festival's sessions are part of it."""
    now = now or timezone.now()
    events = Event.objects.filter(
        process=process, status=Event.Status.APPROVED, parent__isnull=True
    ).aggregate(
        held=Count("pk", filter=Q(end__lte=now)),
        upcoming=Count("pk", filter=Q(end__gt=now)),
    )
    people = Registration.objects.filter(
        event__process=process, event__status=Event.Status.APPROVED
    ).aggregate(
        registered=Count("pk", filter=Q(status=R.CONFIRMED)),
        attended=Count("pk", filter=Q(status=R.CONFIRMED, attended=True)),
    )
    return Figures(
        events_held=events["held"],
        events_upcoming=events["upcoming"],
        registered=people["registered"],
        attended=people["attended"],
    )


def moderation_queue(status: str | None) -> QuerySet[Event]:
    queryset = Event.objects.select_related("process", "neighbourhood", "organisation", "proposer")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("start", "id")


def staff_sessions(event: Event) -> list[Event]:
    """Every session of ``event`` (any status), for the back-office."""
    return list(
        _with_counts(Event.objects.filter(parent=event).select_related("process")).order_by(
            "start", "room", "id"
        )
    )


@dataclass
class Slot:
    """The sessions that start at the same time (in parallel rooms)."""

    start: dt.datetime
    sessions: list[Event]


@dataclass
class ProgrammeDay:
    date: dt.date
    slots: list[Slot]


def programme_days(sessions: list[Event]) -> list[ProgrammeDay]:
    """Sessions grouped by local day, then by start time; rooms in order in each slot."""
    zone = local_zone()
    days: list[ProgrammeDay] = []
    for session in sorted(sessions, key=lambda s: (s.start, s.room, s.pk)):
        start = session.start.astimezone(zone)
        if not days or days[-1].date != start.date():
            days.append(ProgrammeDay(start.date(), []))
        slots = days[-1].slots
        if not slots or slots[-1].start != start:
            slots.append(Slot(start, []))
        slots[-1].sessions.append(session)
    return days


def route_stops(event: Event) -> list[RouteStop]:
    return list(
        RouteStop.objects.filter(event=event).select_related("neighbourhood").order_by("position")
    )


MAP_LIMIT = 500


def agenda_map_points(process: Process, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of the agenda (as filtered) that have coordinates, for the map; one
    query, at most MAP_LIMIT points."""
    rows = (
        agenda_filtered(process, filters)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("start", "id")
        .values("title", "slug", "start", "place_name", "latitude", "longitude", "process__slug")[
            :MAP_LIMIT
        ]
    )
    zone = local_zone()
    points = []
    for row in rows:
        when = date_format(row["start"].astimezone(zone), "j F Y, H\\hi")
        points.append(
            {
                "lat": float(row["latitude"] or 0),
                "lng": float(row["longitude"] or 0),
                "title": row["title"],
                "detail": f"{when} · {row['place_name']}" if row["place_name"] else when,
                "url": reverse(
                    "events:detail",
                    kwargs={"slug": row["process__slug"], "event": row["slug"]},
                ),
            }
        )
    return points


def route_map_points(stops: list[RouteStop]) -> list[dict[str, Any]]:
    return [
        {
            "lat": float(stop.latitude),
            "lng": float(stop.longitude),
            "title": f"{stop.position}. {stop.place_name}",
            "detail": stop.initiative,
            "url": f"#etape-{stop.position}",
            "label": str(stop.position),
        }
        for stop in stops
    ]
