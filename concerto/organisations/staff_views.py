"""Staff pages of organisations (``permissions.ACCESS``, under /backoffice/organisations/):
the list and its validation queue, creation on request, review, and adding a member found by
name or e-mail (never by an account number)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from concerto.backoffice.permissions import staff_view
from concerto.organisations.forms import (
    AccountSearchForm,
    InvitationForm,
    ReviewForm,
    StaffOrganisationForm,
)
from concerto.organisations.members import member_add, pending_invitations
from concerto.organisations.models import Membership, Organisation
from concerto.organisations.permissions import ACCESS
from concerto.organisations.selectors import account_by_email, account_search, members_of
from concerto.organisations.services import (
    OrganisationError,
    organisation_create,
    organisation_review,
)
from concerto.organisations.views import form_error, request_user


@staff_view("list", table=ACCESS)
def staff_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("statut", "")
    organisations = Organisation.objects.select_related("neighbourhood").order_by("name")
    if status in Organisation.Status.values:
        organisations = organisations.filter(status=status)
    return render(
        request,
        "organisations/staff_list.html",
        {
            "organisations": organisations[:500],
            "status": status,
            "statuses": Organisation.Status.choices,
            "pending_count": Organisation.objects.filter(
                status=Organisation.Status.PENDING
            ).count(),
        },
    )


@staff_view("create", table=ACCESS)
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffOrganisationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = organisation_create(
                    data=form.to_input(),
                    actor=request_user(request),
                    logo=form.cleaned_data["logo"],
                    approve=form.cleaned_data["approve"],
                )
            except OrganisationError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Organisation créée. Ajoutez sa ou son responsable ci-dessous (compte "
                        "existant) ou invitez-la ou le par e-mail."
                    ),
                )
                return redirect("organisations:staff:detail", pk=organisation.pk)
        status = 400
    return render(request, "organisations/staff_create.html", {"form": form}, status=status)


def _staff_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    review_form: ReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    search = AccountSearchForm(request.GET if "q" in request.GET else None)
    found = account_search(search.cleaned_data["q"]) if search.is_valid() else []
    return render(
        request,
        "organisations/staff_detail.html",
        {
            "organisation": organisation,
            "members": members_of(organisation),
            "invitations": pending_invitations(organisation),
            "review_form": review_form or ReviewForm(),
            "search": search,
            "found": found,
            "searched": search.is_bound,
            "roles": Membership.Role.choices,
            "invite_form": InvitationForm(),
        },
        status=status,
    )


@staff_view("detail", table=ACCESS)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_page(request, get_object_or_404(Organisation, pk=pk))


@staff_view("review", table=ACCESS)
def staff_review(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            organisation_review(
                organisation=organisation,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                actor=request_user(request),
            )
        except OrganisationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Décision enregistrée."))
            return redirect("organisations:staff:detail", pk=organisation.pk)
    return _staff_page(request, organisation, review_form=form, status=400)


@staff_view("member_add", table=ACCESS)
def staff_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    account = account_by_email(request.POST.get("account", ""))
    role = request.POST.get("role", Membership.Role.MEMBER)
    if account is None:
        messages.error(
            request,
            _("Aucun compte actif n'a cette adresse : invitez la personne par e-mail."),
        )
        return redirect("organisations:staff:detail", pk=organisation.pk)
    try:
        member_add(organisation=organisation, user=account, role=role, actor=request_user(request))
    except OrganisationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(account)s est maintenant membre.") % {"account": account})
    return redirect("organisations:staff:detail", pk=organisation.pk)
