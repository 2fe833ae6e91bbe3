"""Pages of concerto.rights: the public list of places, the counter's diagnostic, the case
and its follow-up, the orientation letter. Thin: parse, call the engine or a service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.core.roles import can
from concerto.rights import engine, selectors, services
from concerto.rights.engine import Diagnosis
from concerto.rights.forms import errors_on_rows, nested_from_post, sections
from concerto.rights.household import DEFAULTS, HouseholdErrors, parse_household
from concerto.rights.local_aids import eligible_aids
from concerto.rights.models import Case, Orientation, Place
from concerto.rights.openfisca import OpenFiscaRejected, OpenFiscaUnavailable
from concerto.rights.permissions import ACCESS
from concerto.rights.selfcheck import QUESTIONS as SELF_QUESTIONS
from concerto.rights.selfcheck import choices as selfcheck_choices
from concerto.rights.selfcheck import errors_on_questions
from concerto.rights.selfcheck import household_from_answers as selfcheck_answers


def _user(request: HttpRequest) -> User:
    """The staff member of a guarded view (staff_view sends anonymous people away)."""
    assert isinstance(request.user, User)
    return request.user


def places(request: HttpRequest) -> HttpResponse:
    return render(request, "rights/places.html", {"places": selectors.public_places()})


@staff_view("staff_home", table=ACCESS)
def staff_home(request: HttpRequest) -> HttpResponseBase:
    number = request.GET.get("numero", "").strip()
    if number:
        return redirect("rights:case", number=number.upper())
    user = _user(request)
    return render(
        request,
        "rights/staff_home.html",
        {"cases": selectors.cases_for(user)[:50], "places": selectors.places_of(user)},
    )


def _form(
    request: HttpRequest, errors: dict[str, str], problem: str = "", status: int = 200
) -> HttpResponse:
    post = request.POST if request.method == "POST" else None
    return render(
        request,
        "rights/diagnostic_form.html",
        {
            "sections": sections(post, errors),
            "errors": errors,
            "place_error": errors.get("_place", ""),
            "problem": problem,
            "places": selectors.places_of(_user(request)),
            "place_value": request.POST.get("_place", "") if post else "",
            "defaults": DEFAULTS,
        },
        status=status,
    )


@staff_view("diagnostic_new", table=ACCESS)
def diagnostic_new(request: HttpRequest) -> HttpResponseBase:
    if request.method != "POST":
        return _form(request, {})
    data, rows = nested_from_post(request.POST)
    place = selectors.places_of(_user(request)).filter(slug=request.POST.get("_place", "")).first()
    errors: dict[str, str] = {}
    household = None
    try:
        household = parse_household(data)
    except HouseholdErrors as exc:
        errors = errors_on_rows(exc.errors, rows)
    if place is None:
        errors["_place"] = _("Choisissez le lieu d'accueil.")
    if errors or household is None or place is None:
        return _form(request, errors, _("Des réponses sont à corriger : voir les messages."))
    try:
        diagnosis = engine.diagnose(household)
    except (OpenFiscaUnavailable, OpenFiscaRejected) as exc:
        return _form(request, {}, str(exc), status=503)
    try:
        case = services.case_create(
            agent=_user(request),
            place=place,
            data=data,
            household=household,
            diagnosis=diagnosis,
        )
    except services.RightsError as exc:
        return _form(request, {}, str(exc))
    messages.success(request, _("Dossier %(n)s créé.") % {"n": case.number})
    return redirect("rights:case", number=case.number)


def _diagnosis(case: Case) -> Diagnosis | None:
    latest = case.diagnostics.first()
    return Diagnosis.from_dict(latest.result) if latest else None


@staff_view("case", table=ACCESS)
def case(request: HttpRequest, number: str) -> HttpResponseBase:
    found = selectors.case_for(_user(request), number)
    services.case_opened(user=_user(request), case=found)
    latest = found.diagnostics.first()
    diagnosis = _diagnosis(found)
    aids = (
        eligible_aids(found, diagnosis.reste_a_vivre_before, timezone.localdate())
        if diagnosis
        else []
    )
    return render(
        request,
        "rights/case.html",
        {
            "case": found,
            "diagnosis": diagnosis,
            "aids": aids,
            "diagnostic": latest,
            "outcomes": Orientation.Outcome.choices,
            "places": Place.objects.filter(active=True),
            "perms_supervise": can(_user(request), "rights.supervise"),
        },
    )


@staff_view("case_update", table=ACCESS)
def case_update(request: HttpRequest, number: str) -> HttpResponseBase:
    found = selectors.case_for(_user(request), number)
    agent = _user(request)
    action = request.POST.get("action", "")
    try:
        if action == "outcome":
            orientation = get_object_or_404(
                found.orientations, pk=request.POST.get("orientation") or 0
            )
            services.orientation_record(
                agent=agent, orientation=orientation, outcome=request.POST.get("outcome", "")
            )
        elif action == "appointment":
            when = None
            raw = request.POST.get("when", "").strip()
            if raw:
                try:
                    when = timezone.make_aware(dt.datetime.fromisoformat(raw))
                except ValueError:
                    raise services.RightsError(
                        _("Indiquez la date et l'heure du rendez-vous.")
                    ) from None
            place = Place.objects.filter(slug=request.POST.get("place", "")).first()
            services.appointment_set(
                agent=agent,
                case=found,
                when=when,
                place=place,
                next_step=request.POST.get("next_step", ""),
            )
        elif action == "close":
            services.case_close(agent=agent, case=found)
        else:
            raise services.RightsError(_("Action inconnue."))
    except services.RightsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Dossier mis à jour."))
    return redirect("rights:case", number=found.number)


@staff_view("case_letter", table=ACCESS)
def case_letter(request: HttpRequest, number: str) -> HttpResponseBase:
    """The orientation letter for the resident (PDF, WeasyPrint), printed at the counter."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    found = selectors.case_for(_user(request), number)
    services.case_opened(user=_user(request), case=found, action="lettre")
    html = render_to_string(
        "rights/letter.html",
        {"case": found, "diagnosis": _diagnosis(found), "today": timezone.localdate()},
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="orientation-{found.number}.pdf"'
    return response


@staff_view("figures", table=ACCESS)
def figures(request: HttpRequest) -> HttpResponseBase:
    """Non-take-up aggregates (cells under 10 households suppressed)."""
    from concerto.rights import figures as numbers

    return render(
        request,
        "rights/figures.html",
        {"cells": numbers.cells(), "totals": numbers.totals(), "small": numbers.SMALL_CELL},
    )


@staff_view("case_accesses", table=ACCESS)
def case_accesses(request: HttpRequest, number: str) -> HttpResponseBase:
    found = selectors.case_for(_user(request), number)
    return render(
        request,
        "rights/case_accesses.html",
        {"case": found, "accesses": selectors.accesses_of(found)},
    )


@never_cache
def selfcheck(request: HttpRequest) -> HttpResponse:
    """« Mes droits en 10 questions »: anonymous, stored nowhere, no JavaScript."""
    errors: dict[str, str] = {}
    diagnosis = None
    problem = ""
    if request.method == "POST":
        data, errors = selfcheck_answers(request.POST, timezone.localdate())
        if not errors:
            try:
                diagnosis = engine.diagnose(parse_household(data))
            except HouseholdErrors as exc:
                errors = errors_on_questions(exc.errors)
            except (OpenFiscaUnavailable, OpenFiscaRejected) as exc:
                problem = str(exc)
    values = request.POST if request.method == "POST" else {}
    questions = [
        {"name": name, "label": label, "kind": kind, "value": values.get(name, ""),
         "error": errors.get(name, ""), "choices": selfcheck_choices(name)}
        for name, label, kind in SELF_QUESTIONS
    ]  # fmt: skip
    return render(
        request,
        "rights/selfcheck.html",
        {
            "questions": questions,
            "diagnosis": diagnosis,
            "problem": problem,
            "has_errors": bool(errors),
            "counters": selectors.public_places(),
        },
        status=503 if problem else 200,
    )
