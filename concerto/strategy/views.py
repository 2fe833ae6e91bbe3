"""Public pages: "La réponse de la Ville" (page and PDF), the strategy's dashboard, one
action's page, and the open-data export of the actions. Anonymous readers get cached pages
(``core.pagecache``); every write of the strategy bumps the cache version."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concerto.core.pagecache import anonymous_page_cache
from concerto.processes.selectors import public_process_or_404
from concerto.strategy import exports
from concerto.strategy.charts import indicator_chart
from concerto.strategy.dashboard import DashboardFilters, action_page, strategy_dashboard
from concerto.strategy.forms import DashboardFilterForm
from concerto.strategy.models import Action, AnswerPublication, Commitment
from concerto.strategy.selectors import answer_page


@require_safe
@anonymous_page_cache
def answer(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    page = answer_page(process)
    if page is None:
        raise Http404(_("La réponse de la Ville n'est pas encore publiée."))
    return render(request, "strategy/answer.html", {"process": process, "page": page})


@require_safe
def answer_pdf(request: HttpRequest, slug: str) -> FileResponse:
    process = public_process_or_404(slug)
    publication = (
        AnswerPublication.objects.filter(process=process)
        .exclude(pdf="")
        .order_by("-number")
        .first()
    )
    if publication is None:
        raise Http404(_("Le PDF de la réponse de la Ville n'est pas encore prêt."))
    try:
        handle = publication.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    return FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"reponse-de-la-ville-{process.slug}-{publication.number}.pdf",
    )


@require_safe
@anonymous_page_cache
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    neighbourhoods = [n for n in process.neighbourhoods.all() if not n.is_outside]
    if not Commitment.objects.filter(process=process).exists():
        raise Http404(_("La stratégie de cette démarche n'est pas encore publiée."))
    form = DashboardFilterForm(request.GET, neighbourhoods=neighbourhoods)
    neighbourhood, status, ignored = form.values()
    data = strategy_dashboard(process, DashboardFilters(neighbourhood=neighbourhood, status=status))
    return render(
        request,
        "strategy/dashboard.html",
        {
            "process": process,
            "dashboard": data,
            "form": form,
            "ignored": ignored,
            "filtered": bool(neighbourhood or status),
            "neighbourhood": neighbourhood,
            "status_label": dict(Action.Status.choices).get(status or ""),
        },
    )


@require_safe
@anonymous_page_cache
def action(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    process = public_process_or_404(slug)
    page = action_page(process, code)
    for indicator in page.indicators:
        indicator.chart = indicator_chart(  # type: ignore[attr-defined]
            [(m.measured_on, m.value) for m in indicator.measures.all()],
            baseline=indicator.baseline,
            target=indicator.target,
        )
    return render(
        request, "strategy/action.html", {"process": process, "page": page, "action": page.action}
    )


@require_safe
def export_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    process = public_process_or_404(slug)
    response = StreamingHttpResponse(
        exports.csv_lines(process), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="actions-{process.slug}.csv"'
    return response


@require_safe
def export_json(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    process = public_process_or_404(slug)
    response = StreamingHttpResponse(
        exports.json_chunks(process), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="actions-{process.slug}.json"'
    return response
