"""The coding pages: the list of contributions to code and the coding of one of them."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.backoffice.permissions import staff_view
from concerto.synthesis import coding_services, selectors
from concerto.synthesis.codebook_services import codebook_for
from concerto.synthesis.coding_services import CodingError, Target, coding_create, coding_set_quote
from concerto.synthesis.forms import CodingForm, QueueFilterForm, ordered_themes
from concerto.synthesis.models import Coding
from concerto.synthesis.permissions import ACCESS
from concerto.synthesis.views import context, error, process_of, user_of

PAGE_SIZE = 50


@staff_view("contributions", table=ACCESS)
def contributions(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    book = codebook_for(process)
    form = QueueFilterForm(request.GET or None, process=process, codebook=book)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.coding_queue(process, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "synthesis/contributions.html",
        context(
            process,
            "contributions",
            form=form,
            page=page,
            rows=selectors.queue_rows(list(page.object_list)),
            filters_query=query.urlencode(),
        ),
    )


@staff_view("code", table=ACCESS)
def code(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    contribution = selectors.analysed_contribution(process, pk)
    book = codebook_for(process)
    themes = ordered_themes(book)
    answers = selectors.answer_views(contribution)
    posted = request.POST.get("answer") if request.method == "POST" else None
    forms = {}
    status = 200
    for view in answers:
        bound = posted == str(view.answer.pk)
        forms[view.answer.pk] = CodingForm(
            request.POST if bound else None, answer=view.answer, themes=themes
        )
    if request.method == "POST":
        form = forms.get(int(posted)) if posted and posted.isdecimal() else None
        if form is None:
            messages.error(request, _("Choisissez la réponse à coder."))
            return redirect("synthesis:code", slug=process.slug, pk=contribution.pk)
        if form.is_valid():
            start, end, excerpt = form.target()
            try:
                created = coding_create(
                    answer=form.answer,
                    themes=list(form.cleaned_data["themes"]),
                    target=Target(start=start, end=end, excerpt=excerpt),
                    is_quote=form.cleaned_data["is_quote"],
                    note=form.cleaned_data["note"],
                    actor=user_of(request),
                )
            except CodingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d codage enregistré.",
                        "%(count)d codages enregistrés.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                url = reverse(
                    "synthesis:code", kwargs={"slug": process.slug, "pk": contribution.pk}
                )
                return redirect(f"{url}#reponse-{form.answer.pk}")
        status = 400
    return render(
        request,
        "synthesis/code.html",
        context(
            process,
            "contributions",
            contribution=contribution,
            answers=[(view, forms[view.answer.pk]) for view in answers],
            has_themes=bool(themes),
            next_uncoded=selectors.next_uncoded(process, contribution),
        ),
        status=status,
    )


def _coding(slug: str, pk: int) -> Coding:
    return get_object_or_404(
        Coding.objects.select_related("answer__contribution", "theme"),
        pk=pk,
        answer__contribution__process__slug=slug,
    )


def _back(slug: str, coding: Coding) -> HttpResponse:
    url = reverse("synthesis:code", kwargs={"slug": slug, "pk": coding.answer.contribution_id})
    return redirect(f"{url}#reponse-{coding.answer_id}")


@staff_view("coding_delete", table=ACCESS)
def coding_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = _coding(slug, pk)
    try:
        coding_services.coding_delete(
            coding=item, actor=user_of(request), reason=request.POST.get("reason", "")
        )
    except CodingError as exc:
        error(request, exc)
    else:
        messages.success(request, _("Codage « %(theme)s » retiré.") % {"theme": item.theme.name})
    return _back(slug, item)


@staff_view("coding_quote", table=ACCESS)
def coding_quote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = _coding(slug, pk)
    try:
        coding_set_quote(
            coding=item, is_quote=request.POST.get("is_quote") == "1", actor=user_of(request)
        )
    except CodingError as exc:
        error(request, exc)
    return _back(slug, item)
