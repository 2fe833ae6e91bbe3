"""The staff back-office: moderation queue, contribution detail, audit log, roles.

Views are thin: each is guarded by ``staff_view`` (see permissions.ACCESS), parses a form,
calls a service and renders or redirects.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from concerto.accounts.models import User
from concerto.backoffice import selectors
from concerto.backoffice.forms import (
    DECISION_FORMS,
    AuditFilterForm,
    BulkActionForm,
    PublicTextForm,
    QueueFilterForm,
    RoleForm,
)
from concerto.backoffice.permissions import staff_view
from concerto.backoffice.services import RoleError, role_set
from concerto.contributions.models import Attachment, Contribution
from concerto.contributions.moderation import (
    contribution_mask,
    contribution_moderate,
    contribution_moderate_bulk,
)
from concerto.contributions.services import ContributionError
from concerto.contributions.workflow import TRANSITIONS, available
from concerto.core.pii import find_personal_data
from concerto.core.roles import ROLE_LABELS, Role, can

PAGE_SIZE = 50
FILTERS_MAX_LENGTH = 2000  # BulkActionForm.filters
ACTION_LABELS = {name: transition.label for name, transition in TRANSITIONS.items()}
# What a moderator reads after a decision: a sentence, never the button's label.
DONE_MESSAGES: dict[str, Promise] = {
    "publish": gettext_lazy("La contribution %(receipt)s est publiée."),
    "reject": gettext_lazy(
        "La publication de la contribution %(receipt)s est refusée ; elle reste dans l'analyse."
    ),
    "set_aside": gettext_lazy(
        "La contribution %(receipt)s est écartée de l'analyse : elle est contraire à la charte."
    ),
    "reinstate": gettext_lazy("La contribution %(receipt)s est réintégrée dans l'analyse."),
    "request_changes": gettext_lazy(
        "Une modification de la contribution %(receipt)s est demandée à son auteur·rice."
    ),
    "resubmit": gettext_lazy("La contribution %(receipt)s est renvoyée après modification."),
}


def bulk_done_message(transition: str, count: int) -> str:
    texts = {
        "publish": ngettext(
            "%(count)d contribution est publiée.", "%(count)d contributions sont publiées.", count
        ),
        "reject": ngettext(
            "La publication de %(count)d contribution est refusée.",
            "La publication de %(count)d contributions est refusée.",
            count,
        ),
        "set_aside": ngettext(
            "%(count)d contribution est écartée de l'analyse.",
            "%(count)d contributions sont écartées de l'analyse.",
            count,
        ),
        "request_changes": ngettext(
            "Une modification est demandée pour %(count)d contribution.",
            "Une modification est demandée pour %(count)d contributions.",
            count,
        ),
    }
    default = ngettext(
        "%(count)d contribution est traitée.", "%(count)d contributions sont traitées.", count
    )
    return texts.get(transition, default) % {"count": count}


def _staff_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # staff_view let only logged-in staff through
    return user


@staff_view("dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "processes": selectors.dashboard_counts(),
            "statuses": Contribution.Status.choices,
            "can_audit": can(request.user, "audit.view"),
            "can_queue": can(request.user, "contributions.view_private"),
            "can_answer": can(request.user, "answers.validate"),
            "can_manage_roles": can(request.user, "accounts.manage_roles"),
        },
    )


@staff_view("queue")
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {"status": Contribution.Status.PENDING}
    page = Paginator(selectors.queue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/queue.html",
        {
            "form": form,
            "page": page,
            "rows": selectors.queue_rows(list(page.object_list)),
            "filters_query": query.urlencode(),
            "bulk_form": BulkActionForm(initial={"filters": query.urlencode()}),
            "can_moderate": can(request.user, "contributions.moderate"),
        },
    )


def _queue_url(filters: str) -> str:
    # Only the query string travels through the form: the path is ours, no open redirect.
    # Filters longer than the form allows are not ours (and would make a redirect too long
    # for Django, a bare 400): the queue opens unfiltered.
    query = QueryDict(filters if len(filters) <= FILTERS_MAX_LENGTH else "")
    return reverse("backoffice:queue") + (f"?{query.urlencode()}" if query else "")


@staff_view("bulk")
def bulk(request: HttpRequest) -> HttpResponse:
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
        return redirect(_queue_url(request.POST.get("filters", "")))
    data = form.cleaned_data
    done, errors = contribution_moderate_bulk(
        contributions=data["ids"],
        transition=data["action"],
        actor=_staff_user(request),
        reason=data["reason"],
        note=data["note"],
    )
    if done:
        messages.success(request, bulk_done_message(data["action"], done))
    if errors:
        messages.error(
            request,
            ngettext(
                "%(count)d contribution n'a pas pu être traitée :",
                "%(count)d contributions n'ont pas pu être traitées :",
                len(errors),
            )
            % {"count": len(errors)},
        )
        for error in errors:
            messages.error(request, error)
    return redirect(_queue_url(data["filters"]))


def _get_contribution(pk: int) -> Contribution:
    contribution = selectors.contribution_for_staff(pk)
    if contribution is None:
        raise Http404(_("Contribution introuvable."))
    return contribution


def _render_detail(
    request: HttpRequest,
    contribution: Contribution,
    *,
    bound: Any = None,
    status: int = 200,
) -> HttpResponse:
    """The detail page; ``bound`` is a form sent with errors, shown in place of the blank one."""
    answers = list(contribution.answers.all())
    decision_forms = []
    shown_bound = False
    for transition in available(contribution):
        form_class = DECISION_FORMS[transition.name]
        form = bound if isinstance(bound, form_class) else form_class()
        shown_bound = shown_bound or form is bound
        decision_forms.append((transition.name, ACTION_LABELS[transition.name], form))
    # A decision refused for the current status has no form left to show its error in.
    other_errors = bound if bound is not None and not shown_bound else None
    if isinstance(other_errors, PublicTextForm):
        other_errors = None
    public_form = bound if isinstance(bound, PublicTextForm) else PublicTextForm(answers=answers)
    return render(
        request,
        "backoffice/contribution.html",
        {
            "contribution": contribution,
            "answers": [(answer, find_personal_data(answer.text)) for answer in answers],
            "has_personal_data": any(find_personal_data(a.text) for a in answers),
            "attachments": list(contribution.attachments.all()),
            "history": selectors.audit_history(contribution),
            "decision_forms": decision_forms,
            "other_errors": other_errors,
            "public_form": public_form,
            "can_moderate": can(request.user, "contributions.moderate"),
        },
        status=status,
    )


@staff_view("contribution")
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_contribution(pk))


@staff_view("decide")
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _get_contribution(pk)
    transition = request.POST.get("transition", "")
    form_class = DECISION_FORMS.get(transition)
    if form_class is None:
        return HttpResponse(_("Action de modération inconnue."), status=400)
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            contribution_moderate(
                contribution=contribution,
                transition=transition,
                actor=_staff_user(request),
                reason=data.get("reason", ""),
                note=data.get("note") or data.get("message") or "",
            )
        except ContributionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                str(DONE_MESSAGES[transition]) % {"receipt": contribution.receipt_number},
            )
            return redirect("backoffice:contribution", pk=contribution.pk)
    return _render_detail(request, contribution, bound=form, status=400)


@staff_view("mask")
def mask(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _get_contribution(pk)
    contribution_mask(contribution=contribution, actor=_staff_user(request))
    messages.success(
        request,
        _("Les courriels et numéros de téléphone sont masqués dans le texte publié de %(receipt)s.")
        % {"receipt": contribution.receipt_number},
    )
    return redirect("backoffice:contribution", pk=contribution.pk)


@staff_view("public_texts")
def public_texts(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _get_contribution(pk)
    form = PublicTextForm(request.POST, answers=list(contribution.answers.all()))
    if form.is_valid():
        try:
            contribution_mask(
                contribution=contribution, actor=_staff_user(request), texts=form.texts()
            )
        except ContributionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Le texte publié de la contribution %(receipt)s est enregistré.")
                % {"receipt": contribution.receipt_number},
            )
            return redirect("backoffice:contribution", pk=contribution.pk)
    return _render_detail(request, contribution, bound=form, status=400)


@staff_view("attachment")
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Attachment, pk=pk)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@staff_view("audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET, actions=selectors.audit_actions())
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_log(action=filters.get("action", ""), actor=filters.get("actor", ""))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/audit.html",
        {"form": form, "page": page, "filters_query": query.urlencode()},
    )


@staff_view("roles")
def roles(request: HttpRequest) -> HttpResponse:
    status = 200
    form = RoleForm()
    if request.method == "POST":
        form = RoleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            grant = data["operation"] == "grant"
            try:
                changed = role_set(
                    actor=_staff_user(request),
                    email=data["email"],
                    role=Role(data["role"]),
                    grant=grant,
                )
            except RoleError as exc:
                form.add_error(None, str(exc))
            else:
                label = ROLE_LABELS[Role(data["role"])]
                if not changed:
                    text = _("Rien à changer : %(email)s a déjà ce rôle (%(role)s).")
                    if not grant:
                        text = _("Rien à changer : %(email)s n'a pas ce rôle (%(role)s).")
                elif grant:
                    text = _("Rôle %(role)s attribué à %(email)s.")
                else:
                    text = _("Rôle %(role)s retiré à %(email)s.")
                messages.success(request, text % {"email": data["email"].lower(), "role": label})
                return redirect("backoffice:roles")
        status = 400
    return render(
        request,
        "backoffice/roles.html",
        {"form": form, "accounts": selectors.staff_accounts()},
        status=status,
    )
