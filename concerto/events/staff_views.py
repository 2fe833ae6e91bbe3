"""Staff pages of the events under /backoffice/evenements/: the proposals to moderate and
the decision on one event. Each view is guarded by ``staff_view`` with EVENT_ACCESS."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.models import AuditEvent
from concerto.events import selectors
from concerto.events.forms import DecisionForm, SessionForm, StopForm, initial_from_session
from concerto.events.models import Event, RouteStop
from concerto.events.permissions import EVENT_ACCESS
from concerto.events.services import EventError, event_moderate, session_save, stop_save
from concerto.events.services import stop_delete as stop_delete_service
from concerto.events.workflow import TRANSITIONS, available

PAGE_SIZE = 50


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Statut"),
        required=False,
        choices=[("", gettext_lazy("Tous")), *Event.Status.choices],
    )


def _staff_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@staff_view("queue", table=EVENT_ACCESS)
def queue(request: HttpRequest) -> HttpResponse:
    data = request.GET if "status" in request.GET else {"status": Event.Status.PROPOSED}
    form = StatusFilterForm(data)
    status = form.cleaned_data["status"] if form.is_valid() else Event.Status.PROPOSED
    page = Paginator(selectors.moderation_queue(status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/staff/queue.html",
        {"form": form, "page": page, "filters_query": query.urlencode()},
    )


def _render_event(
    request: HttpRequest, event: Event, *, bound: DecisionForm | None = None, status: int = 200
) -> HttpResponse:
    decisions = []
    for transition in available(event):
        form = (
            bound
            if bound is not None and bound.data.get("transition") == transition.name
            else DecisionForm(initial={"transition": transition.name})
        )
        decisions.append((transition, form))
    history = (
        AuditEvent.objects.filter(target_type=event._meta.label_lower, target_id=str(event.pk))
        .select_related("actor")
        .prefetch_related("actor__groups")
        .order_by("-id")[:50]
    )
    counts = Event.objects.filter(pk=event.pk).aggregate(
        sessions=Count("sessions", distinct=True), stops=Count("stops", distinct=True)
    )
    return render(
        request,
        "events/staff/event.html",
        {
            "event": event,
            "decisions": decisions,
            "history": list(history),
            "session_count": counts["sessions"],
            "stop_count": counts["stops"],
        },
        status=status,
    )


@staff_view("event", table=EVENT_ACCESS)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("process", "neighbourhood", "organisation", "proposer"),
        pk=pk,
    )
    return _render_event(request, event)


# What staff read after a decision: a sentence, never the button's label.
DONE_MESSAGES: dict[str, Promise] = {
    "approve": gettext_lazy("L'événement « %(title)s » est publié dans l'agenda."),
    "request_changes": gettext_lazy(
        "Une modification de l'événement « %(title)s » est demandée à la personne qui l'a proposé."
    ),
    "refuse": gettext_lazy("L'événement « %(title)s » est refusé."),
    "cancel": gettext_lazy("L'événement « %(title)s » est annulé."),
    "resubmit": gettext_lazy("L'événement « %(title)s » est renvoyé après modification."),
}


@staff_view("decide", table=EVENT_ACCESS)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("process", "neighbourhood", "organisation", "proposer"),
        pk=pk,
    )
    form = DecisionForm(request.POST)
    if form.is_valid():
        transition = form.cleaned_data["transition"]
        if transition not in TRANSITIONS:
            form.add_error(None, _("Action inconnue."))
        else:
            try:
                event_moderate(
                    event=event,
                    transition=transition,
                    actor=_staff_user(request),
                    reason=form.cleaned_data["reason"],
                )
            except EventError as exc:
                form.add_error("reason" if exc.field == "reason" else None, str(exc))
            else:
                messages.success(request, str(DONE_MESSAGES[transition]) % {"title": event.title})
                return redirect("events:staff:event", pk=event.pk)
    return _render_event(request, event, bound=form, status=400)


# --- the programme of a multi-session event ------------------------------------------------


def _top_event(pk: int) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("process", "neighbourhood", "organisation"), pk=pk
    )
    if event.parent_id is not None:
        raise Http404(_("Une séance n'a pas de programme : ouvrez l'événement principal."))
    return event


@staff_view("sessions", table=EVENT_ACCESS)
def sessions(request: HttpRequest, pk: int) -> HttpResponse:
    event = _top_event(pk)
    return render(
        request,
        "events/staff/sessions.html",
        {"event": event, "sessions": selectors.staff_sessions(event)},
    )


def _session_form(request: HttpRequest, event: Event, session: Event | None) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = SessionForm(request.POST, parent=event)
        if form.is_valid():
            try:
                saved = session_save(
                    parent=event, data=form.to_input(), actor=_staff_user(request), session=session
                )
            except EventError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(
                    request,
                    _("La séance « %(title)s » est enregistrée.") % {"title": saved.title},
                )
                return redirect("events:staff:sessions", pk=event.pk)
        status = 400
    elif session is not None:
        form = SessionForm(initial=initial_from_session(session), parent=event)
    else:
        start = timezone.localtime(event.start)
        form = SessionForm(
            initial={"start": start, "end": start + dt.timedelta(hours=1)}, parent=event
        )
    return render(
        request,
        "events/staff/session_form.html",
        {"event": event, "session": session, "form": form},
        status=status,
    )


@staff_view("session_create", table=EVENT_ACCESS)
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, _top_event(pk), None)


@staff_view("session_edit", table=EVENT_ACCESS)
def session_edit(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    event = _top_event(pk)
    item = get_object_or_404(Event, pk=session, parent=event)
    return _session_form(request, event, item)


# --- the stops of a walking route ----------------------------------------------------------


@staff_view("stops", table=EVENT_ACCESS)
def stops(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("process"), pk=pk)
    return render(
        request,
        "events/staff/stops.html",
        {"event": event, "stops": selectors.route_stops(event)},
    )


def _stop_form(request: HttpRequest, event: Event, stop: RouteStop | None) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = StopForm(request.POST, request.FILES, event=event)
        if form.is_valid():
            try:
                saved = stop_save(
                    event=event,
                    data=form.to_input(),
                    actor=_staff_user(request),
                    stop=stop,
                    photo=form.checked_photo,
                    remove_photo=bool(form.cleaned_data.get("remove_photo")),
                )
            except EventError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(
                    request,
                    _("L'étape n°%(number)s « %(place)s » est enregistrée.")
                    % {"number": saved.position, "place": saved.place_name},
                )
                return redirect("events:staff:stops", pk=event.pk)
        status = 400
    elif stop is not None:
        form = StopForm(
            initial={
                name: getattr(stop, name)
                for name in (
                    "position",
                    "place_name",
                    "initiative",
                    "description",
                    "address",
                    "neighbourhood",
                    "latitude",
                    "longitude",
                    "photo_alt",
                )
            },
            event=event,
        )
    else:
        last = event.stops.order_by("-position").values_list("position", flat=True).first()
        form = StopForm(initial={"position": (last or 0) + 1}, event=event)
    return render(
        request,
        "events/staff/stop_form.html",
        {"event": event, "stop": stop, "form": form},
        status=status,
    )


@staff_view("stop_create", table=EVENT_ACCESS)
def stop_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("process"), pk=pk)
    return _stop_form(request, event, None)


@staff_view("stop_edit", table=EVENT_ACCESS)
def stop_edit(request: HttpRequest, pk: int, stop: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("process"), pk=pk)
    item = get_object_or_404(RouteStop, pk=stop, event=event)
    return _stop_form(request, event, item)


@staff_view("stop_delete", table=EVENT_ACCESS)
def stop_delete(request: HttpRequest, pk: int, stop: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    item = get_object_or_404(RouteStop, pk=stop, event=event)
    place = item.place_name
    stop_delete_service(stop=item, actor=_staff_user(request))
    messages.success(request, _("L'étape « %(place)s » est supprimée.") % {"place": place})
    return redirect("events:staff:stops", pk=event.pk)
