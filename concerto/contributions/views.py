from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from concerto.contributions.forms import AuthorEditForm, ContributionForm
from concerto.contributions.moderation import contribution_from_edit_token, contribution_resubmit
from concerto.contributions.services import (
    ChannelClosed,
    ContributionError,
    ContributionInput,
    contribution_submit,
)
from concerto.contributions.thanks import contribution_from_thanks_token, thanks_url
from concerto.core import ratelimit
from concerto.processes.models import Channel
from concerto.processes.selectors import public_process_or_404


@require_http_methods(["GET", "POST"])
def contribute(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    channel = Channel.objects.filter(process=process, kind=Channel.Kind.ONLINE).first()
    if channel is None or not channel.is_open():
        return render(
            request,
            "contributions/closed.html",
            {"process": process, "channel": channel},
            status=200 if request.method == "GET" else 403,
        )
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        ratelimit.check(request, "contribute", limit=settings.CONCERTO_CONTRIBUTION_RATE)
        form = ContributionForm(request.POST, request.FILES, process=process)
        if form.is_valid():
            data = ContributionInput(
                kind=form.cleaned_data["kind"],
                neighbourhood=form.cleaned_data["neighbourhood"],
                profile=form.cleaned_data["profile"],
                age_bracket=form.cleaned_data["age_bracket"],
                author_name=form.cleaned_data["author_name"],
                email=form.cleaned_data["email"],
                consent_publication=form.cleaned_data["consent_publication"],
                consent_processing=form.cleaned_data["consent_processing"],
                followup_opt_in=form.cleaned_data["followup_opt_in"],
                answers=form.answers(),
                attachments=form.checked_files,
            )
            try:
                result = contribution_submit(
                    process=process,
                    data=data,
                    submission_token=form.cleaned_data["submission_token"],
                    user=user,
                )
            except ChannelClosed:
                return render(
                    request,
                    "contributions/closed.html",
                    {"process": process, "channel": channel},
                    status=403,
                )
            except ContributionError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(thanks_url(result.contribution))
        status = 400
    else:
        initial: dict[str, object] = {"submission_token": uuid.uuid4()}
        if user is not None:
            initial["email"] = user.email
            initial["author_name"] = getattr(user, "display_name", "")
        form = ContributionForm(initial=initial, process=process)
        status = 200
    response = render(
        request,
        "contributions/form.html",
        {"process": process, "form": form, "channel": channel},
        status=status,
    )
    # The form carries its submission token (one contribution per token) and, after a
    # refusal, what the person typed: a shared cache must never hand it to someone else.
    add_never_cache_headers(response)
    return response


@require_safe
def thanks(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The receipt of a contribution just sent: its number, date and what happens next,
    not its text; never stored by a browser or a proxy."""
    contribution = contribution_from_thanks_token(token, slug=slug)
    if contribution is None:
        process = public_process_or_404(slug)
        response = render(
            request, "contributions/thanks_expired.html", {"process": process}, status=404
        )
    else:
        response = render(
            request,
            "contributions/thanks.html",
            {"contribution": contribution, "process": contribution.process},
        )
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def author_edit(request: HttpRequest, token: str) -> HttpResponse:
    contribution = contribution_from_edit_token(token)
    if contribution is None:
        raise Http404("Lien de modification invalide ou expiré.")
    form = AuthorEditForm(request.POST or None, contribution=contribution)
    if request.method == "POST" and form.is_valid():
        try:
            contribution_resubmit(contribution=contribution, texts=form.texts())
        except ContributionError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(thanks_url(contribution))
    return render(
        request,
        "contributions/author_edit.html",
        {"contribution": contribution, "process": contribution.process, "form": form},
        status=400 if form.errors else 200,
    )
