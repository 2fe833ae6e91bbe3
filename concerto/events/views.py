"""Public and organiser pages of the events: agenda, month, detail, registration,
proposals, attendance, report, feeds and open data. Views are thin: parse, call a
service or a selector, render."""

from __future__ import annotations

import csv
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.accounts.models import User
from concerto.core import ratelimit
from concerto.core.pagecache import anonymous_page_cache
from concerto.core.phones import display_phone
from concerto.events import exports, ical, printing, selectors
from concerto.events.forms import (
    ACCESSIBILITY_FILTERS,
    AgendaFilterForm,
    EventForm,
    RegistrationForm,
    ReportForm,
    initial_from_event,
)
from concerto.events.models import Event, Registration, RouteStop
from concerto.events.registrations import (
    attendance_record,
    registration_cancel,
    registration_create,
    registration_refusal,
)
from concerto.events.services import (
    EventError,
    event_propose,
    event_resubmit,
    is_organiser,
    report_publish,
)
from concerto.events.tokens import registration_from_token
from concerto.processes.models import Neighbourhood, Process
from concerto.processes.selectors import public_process_or_404

PAGE_SIZE = 30


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _filter_form(request: HttpRequest, process: Process) -> AgendaFilterForm:
    return AgendaFilterForm(request.GET, neighbourhoods=list(process.neighbourhoods.all()))


def _query(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in drop:
        query.pop(name, None)
    return query.urlencode()


def _add_error(form: Any, exc: EventError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


# --- agenda ------------------------------------------------------------------------------------


@require_safe
@anonymous_page_cache
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    form = _filter_form(request, process)
    filters, ignored = form.filters()
    page = Paginator(selectors.agenda_events(process, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    return render(
        request,
        "events/agenda.html",
        {
            "process": process,
            "form": form,
            "ignored": ignored,
            "page": page,
            "events": list(page.object_list),
            "filters_query": _query(request, "page"),
            "has_filters": bool(filters),
            "today": today,
            "access_filters": ACCESSIBILITY_FILTERS,
            **map_context(
                selectors.agenda_map_points(process, filters),
                label=_("Carte des événements à venir"),
            ),
        },
    )


@require_safe
def month_current(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    today = timezone.localdate()
    query = _query(request)
    url = reverse(
        "events:month", kwargs={"slug": process.slug, "year": today.year, "month": today.month}
    )
    return redirect(f"{url}?{query}" if query else url)


@require_safe
@anonymous_page_cache
def month(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    process = public_process_or_404(slug)
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404(_("Mois introuvable."))
    form = _filter_form(request, process)
    filters, ignored = form.filters()
    filters.pop("date_from", None)
    filters.pop("date_to", None)
    grid = selectors.month_grid(process, year, month, filters)
    return render(
        request,
        "events/month.html",
        {
            "process": process,
            "form": form,
            "ignored": ignored,
            "grid": grid,
            "filters_query": _query(request, "date_from", "date_to"),
            "today": timezone.localdate(),
            "access_filters": ACCESSIBILITY_FILTERS,
        },
    )


def _event_or_404(request: HttpRequest, process: Process, event_slug: str) -> Event:
    event = selectors.event_for_page(process, event_slug)
    if event.status != Event.Status.APPROVED and not is_organiser(request.user, event):
        raise Http404(_("Événement introuvable."))
    return event


def _render_detail(
    request: HttpRequest,
    process: Process,
    event: Event,
    *,
    form: RegistrationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    refusal = registration_refusal(event, now)
    user = _user(request)
    if form is None and refusal is None:
        initial = {"name": user.display_name, "email": user.email} if user is not None else {}
        form = RegistrationForm(initial=initial)
    confirmed = getattr(event, "confirmed_count", 0)
    seats_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    return render(
        request,
        "events/detail.html",
        {
            "process": process,
            "event": event,
            "sessions": list(event.sessions.all()),
            "form": form if refusal is None else None,
            "refusal": refusal,
            "seats_left": seats_left,
            "is_past": event.end <= now,
            "can_organise": is_organiser(request.user, event),
            "report": getattr(event, "report", None),
            "has_route": event.stops.exists(),
        },
        status=status,
    )


@require_safe
def detail(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = _event_or_404(request, process, event)
    response = _render_detail(request, process, item)
    if item.status != Event.Status.APPROVED:
        add_never_cache_headers(response)
    return response


@require_POST
def register(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = _event_or_404(request, process, event)
    ratelimit.check(request, "event_register", limit=settings.CONCERTO_EVENT_REGISTRATION_RATE)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration_create(
                event=item,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                user=_user(request),
            )
        except EventError as exc:
            if exc.field is None and registration_refusal(item, timezone.now()) is not None:
                return _render_detail(request, process, item, status=403)
            _add_error(form, exc)
        else:
            # The same page whether or not this person was already registered, and
            # whatever their status: that goes to the address on file, by e-mail.
            response = render(
                request,
                "events/registration_received.html",
                {
                    "process": process,
                    "event": item,
                    "by_email": bool(form.cleaned_data["email"]),
                },
            )
            add_never_cache_headers(response)
            return response
    return _render_detail(request, process, item, form=form, status=400)


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    if registration is None:
        raise Http404(_("Lien d'annulation invalide ou expiré."))
    done = False
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        registration_cancel(registration=registration, actor=_user(request))
        done = True
    response = render(
        request,
        "events/cancel.html",
        {"registration": registration, "event": registration.event, "done": done},
    )
    add_never_cache_headers(response)
    return response


# --- proposals ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    user = _user(request)
    assert user is not None
    if request.method == "POST":
        form = EventForm(request.POST, process=process, user=user)
        if form.is_valid():
            try:
                event_propose(process=process, data=form.to_input(), proposer=user)
            except EventError as exc:
                _add_error(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Merci ! Votre événement est transmis à l'équipe de la démarche. Vous "
                        "serez prévenu·e par e-mail dès qu'il sera publié dans l'agenda."
                    ),
                )
                return redirect("events:mine")
        status = 400
    else:
        form = EventForm(process=process, user=user)
        status = 200
    return render(
        request,
        "events/form.html",
        {"process": process, "form": form, "editing": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = get_object_or_404(Event, process=process, slug=event)
    user = _user(request)
    assert user is not None
    if item.proposer_id != user.pk:
        raise PermissionDenied
    if item.status != Event.Status.CHANGES_REQUESTED:
        messages.info(request, _("Cet événement n'attend pas de modification."))
        return redirect("events:mine")
    if request.method == "POST":
        form = EventForm(request.POST, process=process, user=user)
        if form.is_valid():
            try:
                event_resubmit(event=item, data=form.to_input(), actor=user)
            except EventError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, _("Merci ! Votre événement modifié est transmis."))
                return redirect("events:mine")
        status = 400
    else:
        form = EventForm(initial=initial_from_event(item), process=process, user=user)
        status = 200
    return render(
        request,
        "events/form.html",
        {"process": process, "form": form, "editing": item},
        status=status,
    )


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    events = list(
        Event.objects.filter(proposer=user).select_related("process").order_by("-start", "-id")
    )
    response = render(request, "events/mine.html", {"events": events})
    add_never_cache_headers(response)
    return response


# --- organiser pages --------------------------------------------------------------------------


def _organiser_event(request: HttpRequest, slug: str, event: str) -> tuple[Process, Event] | None:
    """The event, if the person may organise it; None for an anonymous person (who is sent
    to the login page); PermissionDenied for anyone else."""
    process = public_process_or_404(slug)
    item = selectors.event_for_page(process, event)
    if not request.user.is_authenticated:
        return None
    if not is_organiser(request.user, item):
        raise PermissionDenied
    return process, item


@require_http_methods(["GET", "POST"])
def attendees(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    found = _organiser_event(request, slug, event)
    if found is None:
        return redirect_to_login(request.get_full_path())
    process, item = found
    user = _user(request)
    assert user is not None
    error = ""
    status = 200
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
        try:
            count = attendance_record(event=item, present=present, actor=user)
        except EventError as exc:
            error, status = str(exc), 400
        else:
            messages.success(
                request,
                ngettext(
                    "Présence enregistrée : %(count)d personne.",
                    "Présences enregistrées : %(count)d personnes.",
                    count,
                )
                % {"count": count},
            )
            return redirect("events:attendees", slug=process.slug, event=item.slug)
    response = render(
        request,
        "events/attendees.html",
        {
            "process": process,
            "event": item,
            "registrations": selectors.registrations_for_organiser(item),
            "started": item.start <= timezone.now(),
            "error": error,
        },
        status=status,
    )
    add_never_cache_headers(response)
    return response


@require_safe
def attendees_csv(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    found = _organiser_event(request, slug, event)
    if found is None:
        return redirect_to_login(request.get_full_path())
    _process, item = found
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscrits-{item.slug}.csv"'
    add_never_cache_headers(response)
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(["nom", "contact", "statut", "present"])
    for registration in selectors.registrations_for_organiser(item):
        attended = {True: "oui", False: "non", None: ""}[registration.attended]
        writer.writerow(
            [
                exports.neutralise(registration.name),
                exports.neutralise(registration.email or display_phone(registration.phone)),
                registration.get_status_display(),
                attended,
            ]
        )
    return response


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    found = _organiser_event(request, slug, event)
    if found is None:
        return redirect_to_login(request.get_full_path())
    process, item = found
    user = _user(request)
    assert user is not None
    existing = getattr(item, "report", None)
    if existing is not None:
        messages.info(request, _("Le compte rendu de cet événement est déjà publié."))
        return redirect(item.get_absolute_url())
    form = ReportForm(request.POST or None, process=process)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = report_publish(
                    event=item, answers=form.answers(), kind=form.cleaned_data["kind"], actor=user
                )
            except EventError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Compte rendu enregistré comme contribution %(receipt)s : il sera "
                        "publié après relecture par la modération."
                    )
                    % {"receipt": done.contribution.receipt_number},
                )
                return redirect(item.get_absolute_url())
        status = 400
    return render(
        request,
        "events/report_form.html",
        {"process": process, "event": item, "form": form, "is_over": item.end <= timezone.now()},
        status=status,
    )


# --- feeds and open data ------------------------------------------------------------------------


@require_safe
@anonymous_page_cache
def process_ics(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    return ical.calendar_response(
        selectors.feed_events(process),
        name=_("Agenda — %(title)s") % {"title": process.title},
        filename=f"agenda-{process.slug}.ics",
    )


@require_safe
@anonymous_page_cache
def neighbourhood_ics(request: HttpRequest, slug: str, neighbourhood: str) -> HttpResponse:
    process = public_process_or_404(slug)
    place = get_object_or_404(Neighbourhood, process=process, slug=neighbourhood)
    return ical.calendar_response(
        selectors.feed_events(process, neighbourhood_id=place.pk),
        name=_("Agenda — %(title)s — %(place)s") % {"title": process.title, "place": place.name},
        filename=f"agenda-{process.slug}-{place.slug}.ics",
    )


@require_safe
@anonymous_page_cache
def event_ics(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = selectors.event_for_page(process, event)
    if item.status != Event.Status.APPROVED:
        raise Http404(_("Événement introuvable."))
    return ical.calendar_response(
        [item, *item.sessions.all()], name=item.title, filename=f"{item.slug}.ics"
    )


@require_safe
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    return exports.csv_response(process)


@require_safe
def export_json(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    return exports.json_response(process)


# --- festival programme, walking route, map ----------------------------------------------------


def map_context(points: list[dict[str, Any]], *, label: str) -> dict[str, Any]:
    """What ``events/_map.html`` needs: the points (read by static/js/map.js from a JSON
    block, so no inline script) and the tiles configured in the settings."""
    return {
        "map_points": points,
        "map_label": label,
        "map_tiles": settings.CONCERTO_MAP_TILES_URL,
        "map_attribution": settings.CONCERTO_MAP_ATTRIBUTION,
    }


@require_safe
def programme(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = _event_or_404(request, process, event)
    days = selectors.programme_days(list(item.sessions.all()))
    rooms = sorted({s.room for day in days for slot in day.slots for s in slot.sessions if s.room})
    return render(
        request,
        "events/programme.html",
        {
            "process": process,
            "event": item,
            "days": days,
            "rooms": rooms,
            "has_route": item.stops.exists(),
        },
    )


@require_safe
def route(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = _event_or_404(request, process, event)
    stops = selectors.route_stops(item)
    return render(
        request,
        "events/route.html",
        {
            "process": process,
            "event": item,
            "stops": stops,
            **map_context(
                selectors.route_map_points(stops),
                label=_("Carte des étapes du parcours"),
            ),
        },
    )


@require_safe
def route_pdf(request: HttpRequest, slug: str, event: str) -> HttpResponse:
    process = public_process_or_404(slug)
    item = _event_or_404(request, process, event)
    body = printing.route_pdf(process, item, selectors.route_stops(item))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="parcours-{item.slug}.pdf"'
    if item.status != Event.Status.APPROVED:
        add_never_cache_headers(response)
    return response


@require_safe
def stop_photo(request: HttpRequest, slug: str, event: str, pk: int) -> FileResponse:
    process = public_process_or_404(slug)
    item = _event_or_404(request, process, event)
    stop = get_object_or_404(RouteStop, pk=pk, event=item)
    if not stop.photo:
        raise Http404(_("Pas de photo pour cette étape."))
    try:
        handle = stop.photo.open("rb")
    except OSError as exc:
        raise Http404(_("Photo introuvable.")) from exc
    response = FileResponse(handle, content_type=stop.photo_content_type or "image/jpeg")
    response["Content-Disposition"] = (
        f'inline; filename="etape-{stop.position}{stop.photo.name[-4:]}"'
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
