"""Pages of organisations.

Public: the list and page of approved organisations, their logo. Signed in: create one's
organisation, one's organisations, accept an invitation, and for its responsables manage
the page and the members (``services.may_manage``). Staff pages: ``staff_views``. Thin: the
services decide.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from concerto.accounts.models import User
from concerto.core import ratelimit
from concerto.organisations.forms import (
    InvitationForm,
    OrganisationForm,
    RoleForm,
)
from concerto.organisations.members import (
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_revoke,
    member_leave,
    member_remove,
    member_set_role,
    pending_invitations,
)
from concerto.organisations.models import Invitation, Membership, Organisation
from concerto.organisations.selectors import (
    members_of,
    organisations_of,
    public_organisations,
)
from concerto.organisations.services import (
    OrganisationError,
    is_staff_manager,
    may_manage,
    membership_of,
    organisation_create,
    organisation_update,
)

View = Callable[..., HttpResponseBase]


def request_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def signed_in(view: View) -> View:
    """Anonymous people go to the login page; pages about one's organisations are private."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def form_error(form: Any, exc: OrganisationError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc))


# --- Public ------------------------------------------------------------------------------------


def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organisations/list.html", {"organisations": public_organisations()[:500]}
    )


def _visible(request: HttpRequest, slug: str) -> Organisation:
    """An approved organisation for everyone; a pending or refused one only for its
    members and staff."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("neighbourhood"), slug=slug
    )
    if organisation.is_approved:
        return organisation
    user = request.user if request.user.is_authenticated else None
    if is_staff_manager(user) or membership_of(user, organisation) is not None:
        return organisation
    raise Http404(_("Organisation introuvable."))


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _visible(request, slug)
    user = request_user(request) if request.user.is_authenticated else None
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "membership": membership_of(user, organisation),
            "can_manage": may_manage(user, organisation),
        },
    )


def organisation_logo(request: HttpRequest, slug: str) -> FileResponse:
    organisation = _visible(request, slug)
    if not organisation.logo:
        raise Http404(_("Cette organisation n'a pas de logo."))
    try:
        handle = organisation.logo.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    response = FileResponse(handle, content_type=organisation.logo_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@signed_in
def organisation_create_view(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = organisation_create(
                    data=form.to_input(),
                    actor=request_user(request),
                    logo=form.cleaned_data["logo"],
                )
            except OrganisationError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Organisation enregistrée. L'équipe va la vérifier : une fois validée, "
                        "elle pourra déposer un cahier d'acteurs et proposer des événements."
                    ),
                )
                return redirect("organisations:manage", slug=organisation.slug)
        status = 400
    return render(request, "organisations/form.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD"])
@signed_in
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organisations/mine.html", {"memberships": organisations_of(request_user(request))}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@signed_in
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_token(token)
    except OrganisationError as exc:
        return render(request, "organisations/accept.html", {"error": str(exc)}, status=400)
    if request.method == "POST":
        try:
            membership = invitation_accept(token=token, user=request_user(request))
        except OrganisationError as exc:
            return render(
                request,
                "organisations/accept.html",
                {"error": str(exc), "invitation": invitation},
                status=400,
            )
        messages.success(
            request,
            _("Vous êtes maintenant membre de « %(name)s ».")
            % {"name": membership.organisation.name},
        )
        return redirect("organisations:detail", slug=membership.organisation.slug)
    return render(request, "organisations/accept.html", {"invitation": invitation})


# --- Managing one's organisation ---------------------------------------------------------------


def _managed(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not may_manage(request_user(request), organisation):
        raise PermissionDenied
    return organisation


def _manage_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    form: OrganisationForm | None = None,
    invite_form: InvitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "organisations/manage.html",
        {
            "organisation": organisation,
            "form": form or OrganisationForm(initial=OrganisationForm.initial_of(organisation)),
            "invite_form": invite_form or InvitationForm(),
            "members": members_of(organisation),
            "invitations": pending_invitations(organisation),
            "roles": Membership.Role.choices,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@signed_in
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _managed(request, slug)
    if request.method != "POST":
        return _manage_page(request, organisation)
    form = OrganisationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            organisation_update(
                organisation=organisation,
                data=form.to_input(),
                actor=request_user(request),
                logo=form.cleaned_data["logo"],
            )
        except OrganisationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Page de l'organisation enregistrée."))
            return redirect("organisations:manage", slug=organisation.slug)
    return _manage_page(request, organisation, form=form, status=400)


@require_POST
@signed_in
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _managed(request, slug)
    # Invitations send e-mails to addresses typed by someone: at most 30 an hour per client.
    ratelimit.check(request, "organisation-invite", limit=30)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=request_user(request),
            )
        except OrganisationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Invitation envoyée par e-mail."))
            return redirect("organisations:manage", slug=organisation.slug)
    return _manage_page(request, organisation, invite_form=form, status=400)


@require_POST
@signed_in
def revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _managed(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    invitation_revoke(invitation=invitation, actor=request_user(request))
    messages.success(request, _("Invitation annulée."))
    return redirect("organisations:manage", slug=organisation.slug)


def _back(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    if request.POST.get("from") == "staff" and is_staff_manager(request_user(request)):
        return redirect("organisations:staff:detail", pk=organisation.pk)
    return redirect("organisations:manage", slug=organisation.slug)


@require_POST
@signed_in
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _managed(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle."))
        return _back(request, organisation)
    try:
        member_set_role(
            membership=membership, role=form.cleaned_data["role"], actor=request_user(request)
        )
    except OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Rôle modifié."))
    return _back(request, organisation)


@require_POST
@signed_in
def member_remove_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _managed(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        member_remove(membership=membership, actor=request_user(request))
    except OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Membre retiré·e de l'organisation."))
    return _back(request, organisation)


@require_POST
@signed_in
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        member_leave(organisation=organisation, user=request_user(request))
    except OrganisationError as exc:
        messages.error(request, str(exc))
        return redirect("organisations:mine")
    messages.success(request, _("Vous avez quitté « %(name)s ».") % {"name": organisation.name})
    return redirect("organisations:mine")
