"""Personal data rights: a resident's own page, the public request form, the staff pages.

Nothing personal goes in a URL (searches are POSTed), so it cannot end up in access logs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from concerto.accounts.models import User
from concerto.core import ratelimit
from concerto.core.roles import can, staff_roles
from concerto.privacy.forms import ErasureForm, PrivacyRequestForm, StaffSearchForm
from concerto.privacy.models import PrivacyRequest
from concerto.privacy.selectors import open_requests, request_counts
from concerto.privacy.services import (
    ErasureReport,
    PrivacyError,
    find_contributions,
    personal_data_erase,
    personal_data_export,
    privacy_request_close,
    privacy_request_create,
    privacy_request_extend,
)

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def _private(view: View, permission: str | None) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if permission is not None and not can(request.user, permission):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper  # type: ignore[return-value]


def account_view(view: View) -> View:
    """Logged-in people only (others go to the login page); never cached."""
    return _private(view, None)


def staff_view(view: View) -> View:
    """Staff who handle requests: anonymous people go to the login page, others get 403."""
    return _private(view, "privacy.handle_requests")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the decorators let only logged-in people through
    return user


def _zip_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Length"] = str(len(content))
    return response


def _zip_name(label: str) -> str:
    return f"donnees-personnelles-{label}-{timezone.localdate():%Y-%m-%d}.zip"


# --- A resident's own data ------------------------------------------------------------------


def _my_data_page(request: HttpRequest, form: ErasureForm, status: int = 200) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "privacy/my_data.html",
        {
            "form": form,
            "contribution_count": find_contributions(user=user).count(),
            "is_staff_member": bool(staff_roles(user)),
            "retention_days": settings.CONCERTO_RETENTION_DAYS,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
@account_view
def my_data(request: HttpRequest) -> HttpResponse:
    return _my_data_page(request, ErasureForm(user=_user(request)))


@require_POST
@account_view
def my_data_export(request: HttpRequest) -> HttpResponse:
    ratelimit.check(request, "privacy-export", limit=10)
    user = _user(request)
    content = personal_data_export(user=user, actor=user)
    return _zip_response(content, _zip_name("concerto"))


@require_POST
@account_view
def my_data_erase(request: HttpRequest) -> HttpResponse:
    ratelimit.check(request, "privacy-erase", limit=10)
    user = _user(request)
    form = ErasureForm(request.POST, user=user)
    if form.is_valid():
        try:
            personal_data_erase(actor=user, user=user)
        except PrivacyError as exc:
            form.add_error(None, str(exc))
        else:
            logout(request)
            return redirect("privacy:erased")
    return _my_data_page(request, form, status=400)


def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/erased.html")


# --- People without an account ---------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        ratelimit.check(request, "privacy-request", limit=settings.CONCERTO_PRIVACY_REQUEST_RATE)
        form = PrivacyRequestForm(request.POST)
        if form.is_valid():
            privacy_request_create(
                kind=form.cleaned_data["kind"],
                receipt=form.cleaned_data["receipt"],
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
            )
            return redirect("privacy:request_sent")
        status = 400
    else:
        form = PrivacyRequestForm()
        status = 200
    return render(request, "privacy/request_form.html", {"form": form}, status=status)


def request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/request_sent.html")


# --- Staff -------------------------------------------------------------------------------------


def erasure_message(report: ErasureReport) -> str:
    """What staff read after an erasure, in sentences."""
    parts = [
        ngettext(
            "Les données sont effacées : %(count)d contribution est anonymisée",
            "Les données sont effacées : %(count)d contributions sont anonymisées",
            report.anonymised,
        )
        % {"count": report.anonymised},
        ngettext(
            "%(count)d fichier est supprimé",
            "%(count)d fichiers sont supprimés",
            report.attachments_deleted,
        )
        % {"count": report.attachments_deleted},
        ngettext(
            "%(count)d texte publié avec l'accord de son auteur·rice reste public.",
            "%(count)d textes publiés avec l'accord de leurs auteur·rice·s restent publics.",
            report.texts_kept,
        )
        % {"count": report.texts_kept},
    ]
    return _("%(first)s, %(second)s et %(third)s") % {
        "first": parts[0],
        "second": parts[1],
        "third": parts[2],
    }


STATUS_FILTERS = {"a-traiter": PrivacyRequest.Status.NEW, "traitees": None}


@require_http_methods(["GET", "HEAD"])
@staff_view
def staff_requests(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("statut", "a-traiter")
    if show not in STATUS_FILTERS:
        show = "a-traiter"
    today = timezone.localdate()
    items: Any
    if show == "a-traiter":
        items = open_requests(today)  # overdue first, then by legal deadline
    else:
        items = PrivacyRequest.objects.select_related("handled_by").exclude(
            status=PrivacyRequest.Status.NEW
        )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    rows = [(item, item.days_left(today)) for item in page.object_list]
    return render(
        request,
        "privacy/staff_list.html",
        {
            "page": page,
            "rows": rows,
            "show": show,
            "counts": request_counts(today),
        },
    )


def _matches(receipts: list[str], email: str, privacy_request: PrivacyRequest) -> list[Any]:
    contributions = (
        find_contributions(email=email, receipts=receipts)
        .select_related("process")
        .annotate(attachment_count=Count("attachments"))
        .order_by("submitted_at", "id")
    )
    rows = []
    for contribution in contributions:
        rows.append(
            {
                "contribution": contribution,
                "text_kept": contribution.is_published and contribution.consent_publication,
                "email_matches": bool(
                    privacy_request.email
                    and contribution.email
                    and contribution.email.lower() == privacy_request.email.lower()
                ),
                "has_email": bool(contribution.email),
            }
        )
    return rows


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view
def staff_request(request: HttpRequest, pk: int) -> HttpResponse:
    privacy_request = get_object_or_404(PrivacyRequest, pk=pk)
    actor = _user(request)
    action = request.POST.get("action", "preview") if request.method == "POST" else "preview"
    if request.method == "POST":
        form = StaffSearchForm(request.POST)
    else:
        form = StaffSearchForm(
            {"receipts": privacy_request.receipt, "email": privacy_request.email}
        )
    status = 200
    if action == "close" and request.method == "POST":
        outcome = request.POST.get("status", "")
        try:
            privacy_request_close(privacy_request=privacy_request, actor=actor, status=outcome)
        except PrivacyError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("La demande n° %(n)s est close.") % {"n": privacy_request.pk}
            )
        return redirect("privacy:staff_request", pk=privacy_request.pk)
    if action == "extend" and request.method == "POST":
        try:
            privacy_request_extend(
                privacy_request=privacy_request,
                actor=actor,
                reason=request.POST.get("extension_reason", ""),
            )
        except PrivacyError as exc:
            messages.error(request, str(exc))
        else:
            privacy_request.refresh_from_db()
            messages.success(
                request,
                _(
                    "Le délai de la demande n° %(n)s est prolongé jusqu'au %(date)s : "
                    "écrivez à la personne pour le lui dire, avec le motif."
                )
                % {"n": privacy_request.pk, "date": date_format(privacy_request.deadline)},
            )
        return redirect("privacy:staff_request", pk=privacy_request.pk)
    rows: list[Any] = []
    if form.is_valid():
        receipts = form.cleaned_data["receipts"]
        email = form.cleaned_data["email"]
        if action == "export":
            content = personal_data_export(email=email, receipts=receipts, actor=actor)
            return _zip_response(content, _zip_name(f"demande-{privacy_request.pk}"))
        if action == "erase" and form.check_confirmation():
            report = personal_data_erase(
                actor=actor, email=email, receipts=receipts, privacy_request=privacy_request
            )
            messages.success(request, erasure_message(report))
            return redirect("privacy:staff_request", pk=privacy_request.pk)
        rows = _matches(receipts, email, privacy_request)
    if request.method == "POST" and form.errors:
        status = 400
    return render(
        request,
        "privacy/staff_detail.html",
        {
            "privacy_request": privacy_request,
            "form": form,
            "rows": rows,
            "days_left": privacy_request.days_left(),
            "can_extend": privacy_request.is_open
            and privacy_request.extended_at is None
            and timezone.localdate() <= privacy_request.first_deadline,
        },
        status=status,
    )
