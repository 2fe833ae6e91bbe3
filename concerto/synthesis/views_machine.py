"""Machine help: the background runs and their state, discovered clusters, the
suggestion queue (least certain first) and the duplicate groups."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.backoffice.permissions import staff_view
from concerto.contributions.models import Answer
from concerto.contributions.workflow import analysed
from concerto.synthesis import selectors
from concerto.synthesis.assist_services import (
    likely_themes,
    suggestion_accept,
    suggestion_correct,
    theme_from_cluster,
)
from concerto.synthesis.codebook_services import CodebookError, codebook_for
from concerto.synthesis.coding_services import CodingError
from concerto.synthesis.forms import ClusterThemeForm, RunForm, SuggestionForm, ordered_themes
from concerto.synthesis.models import AnalysisRun, Cluster, DuplicateGroup, Suggestion
from concerto.synthesis.permissions import ACCESS
from concerto.synthesis.runs import RunError, codings_since_training, retrain_every, run_request
from concerto.synthesis.views import context, error, process_of, user_of

RUNS_SHOWN = 30
BUSY = (AnalysisRun.State.QUEUED, AnalysisRun.State.RUNNING)
PAGE_SIZE = 20


@staff_view("machine", table=ACCESS)
def machine(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    runs = AnalysisRun.objects.filter(process=process).select_related("question", "created_by")
    items = list(runs[:RUNS_SHOWN])
    return render(
        request,
        "synthesis/machine.html",
        context(
            process,
            "machine",
            runs=items,
            busy=any(r.state in BUSY for r in items),
            form=RunForm(process=process),
            questions=list(process.questions.order_by("number")),
        ),
    )


@staff_view("run_start", table=ACCESS)
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    form = RunForm(request.POST, process=process)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("synthesis:machine", slug=process.slug)
    data = form.cleaned_data
    params = {"n_clusters": data["n_clusters"]} if data.get("n_clusters") else {}
    try:
        run = run_request(
            process=process,
            kind=data["kind"],
            question=data["question"] if data["kind"] == AnalysisRun.Kind.DISCOVERY else None,
            params=params,
            actor=user_of(request),
        )
    except RunError as exc:
        error(request, exc)
        return redirect("synthesis:machine", slug=process.slug)
    messages.success(
        request, _("Analyse demandée : elle tourne en arrière-plan. Rechargez la page pour suivre.")
    )
    return redirect("synthesis:run", slug=process.slug, pk=run.pk)


@staff_view("run", table=ACCESS)
def run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    item = get_object_or_404(
        AnalysisRun.objects.select_related("question", "created_by"), pk=pk, process=process
    )
    clusters = list(item.clusters.select_related("theme")) if item.kind == "discovery" else []
    return render(
        request,
        "synthesis/run.html",
        context(
            process,
            "machine",
            run=item,
            clusters=clusters,
            theme_form=ClusterThemeForm(codebook=codebook_for(process)),
        ),
    )


@staff_view("cluster_theme", table=ACCESS)
def cluster_theme(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    cluster = get_object_or_404(Cluster.objects.select_related("run"), pk=pk, run__process=process)
    form = ClusterThemeForm(request.POST, codebook=codebook_for(process))
    back = reverse("synthesis:run", kwargs={"slug": slug, "pk": cluster.run_id})
    if not form.is_valid():
        messages.error(request, _("Choix du thème parent invalide."))
        return redirect(back)
    try:
        theme = theme_from_cluster(
            cluster=cluster,
            actor=user_of(request),
            parent=form.cleaned_data["parent"],
            name=form.cleaned_data["name"],
        )
    except CodebookError as exc:
        error(request, exc)
        return redirect(f"{back}#groupe-{cluster.pk}")
    messages.success(
        request,
        _("Thème « %(name)s » créé dans la grille : relisez sa définition.") % {"name": theme.name},
    )
    return redirect("synthesis:theme", slug=slug, pk=theme.pk)


@staff_view("suggestions", table=ACCESS)
def suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    themes = ordered_themes(codebook_for(process))
    names = {t.pk: t for t in themes}
    page = Paginator(selectors.waiting_suggestions(process), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = []
    for suggestion in page.object_list:
        likely = likely_themes(suggestion.scores)
        items.append(
            {
                "suggestion": suggestion,
                "scores": [
                    (names[int(pk)], confidence, int(pk) in likely)
                    for pk, confidence in suggestion.scores
                    if int(pk) in names
                ],
                "form": SuggestionForm(
                    initial={"themes": likely}, themes=themes, prefix=f"s{suggestion.pk}"
                ),
            }
        )
    since, _last = codings_since_training(process)
    return render(
        request,
        "synthesis/suggestions.html",
        context(
            process,
            "suggestions",
            page=page,
            items=items,
            last=selectors.last_run(process, AnalysisRun.Kind.SUGGESTIONS, done=False),
            last_done=selectors.last_run(process, AnalysisRun.Kind.SUGGESTIONS),
            since=since,
            retrain_every=retrain_every(),
            coded=selectors.home_counts(process)["coded"],
        ),
    )


@staff_view("suggestion_decide", table=ACCESS)
def suggestion_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("answer"), pk=pk, run__process=process
    )
    themes = ordered_themes(codebook_for(process))
    form = SuggestionForm(request.POST, themes=themes, prefix=f"s{suggestion.pk}")
    back = redirect("synthesis:suggestions", slug=slug)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return back
    actor = user_of(request)
    try:
        if form.cleaned_data["action"] == "accept":
            codings = suggestion_accept(suggestion=suggestion, actor=actor)
        else:
            codings = suggestion_correct(
                suggestion=suggestion, themes=list(form.cleaned_data["themes"]), actor=actor
            )
    except CodingError as exc:
        error(request, exc)
    else:
        messages.success(
            request,
            ngettext("%(count)d codage enregistré.", "%(count)d codages enregistrés.", len(codings))
            % {"count": len(codings)},
        )
    return back


@staff_view("duplicates", table=ACCESS)
def duplicates(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    last = selectors.last_run(process, AnalysisRun.Kind.DUPLICATES)
    kind = request.GET.get("type", "")
    if kind not in DuplicateGroup.Kind.values:
        kind = ""
    groups = (
        selectors.duplicate_group_queryset(last, kind or None)
        if last
        else DuplicateGroup.objects.none()
    )
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "synthesis/duplicates.html",
        context(
            process,
            "duplicates",
            run=last,
            page=page,
            groups=selectors.duplicate_groups(list(page.object_list)),
            filters_query=f"type={kind}" if kind else "",
            kind=kind,
            kinds=DuplicateGroup.Kind.choices,
            answers_total=Answer.objects.filter(
                analysed("contribution__"), contribution__process=process
            ).count(),
        ),
    )
