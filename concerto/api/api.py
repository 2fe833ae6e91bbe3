"""The read-only JSON API: processes, their questions and their published contributions.

OpenAPI schema at ``/api/openapi.json``, documentation at ``/api/docs``. Public data only,
through the same selectors as the pages; every list is served in a constant number of
queries. Invalid parameters are answered with 422 (validation) or 404, never 500.
"""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from concerto.api.schemas import (
    AnswerOut,
    AttachmentOut,
    ContributionDetailOut,
    ContributionOut,
    ContributionQuery,
    ProcessDetailOut,
    ProcessOut,
    QuestionOut,
)
from concerto.contributions import selectors
from concerto.contributions.models import Contribution
from concerto.processes.models import Neighbourhood, Process, Question
from concerto.processes.selectors import (
    process_for_page,
    public_process_or_404,
    public_processes,
)

api = NinjaAPI(
    title="Concerto API",
    version="1",
    description=(
        "API ouverte, en lecture seule, de Concerto : les démarches publiées, leurs questions "
        "et leurs contributions publiées (sans nom ni adresse e-mail)."
    ),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)


class ContributionPagination(LimitOffsetPagination):
    """``limit`` (1 to 100, 20 by default) and ``offset`` (bounded, so never an overflow)."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="Nombre de résultats (100 au plus)")
        offset: int = Field(0, ge=0, le=10_000_000, description="Rang du premier résultat")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=100, **kwargs)

    def paginate_queryset(
        self,
        queryset: QuerySet[Contribution],
        pagination: Any,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        offset: int = pagination.offset
        limit: int = pagination.limit
        count = queryset.count()
        page = list(queryset[offset : offset + limit]) if offset < count else []
        # Three queries: the count, the page, its answers.
        return {"items": [contribution_out(c) for c in page], "count": count}


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def process_out(process: Process) -> dict[str, Any]:
    return {
        "slug": process.slug,
        "title": process.title,
        "summary": process.summary,
        "receipt_year": process.receipt_year,
        "url": _absolute(process.get_absolute_url()),
    }


def contribution_out(contribution: Contribution) -> dict[str, Any]:
    return {
        "receipt_number": contribution.receipt_number,
        "process": contribution.process.slug,
        "published_at": contribution.published_at,
        "channel": contribution.channel,
        "kind": contribution.kind,
        "profile": contribution.profile,
        "neighbourhood": (
            {"slug": contribution.neighbourhood.slug, "name": contribution.neighbourhood.name}
            if contribution.neighbourhood is not None
            else None
        ),
        "author": contribution.public_author,
        "url": _absolute(contribution.get_absolute_url()),
        "answers": [
            AnswerOut(question=answer.question.number, text=answer.shown_text)
            for answer in contribution.answers.all()
        ],
    }


@api.get("/processes", response=list[ProcessOut], tags=["démarches"])
def list_processes(request: HttpRequest) -> list[dict[str, Any]]:
    """Les démarches publiées."""
    return [process_out(p) for p in public_processes()]


@api.get("/processes/{slug:slug}", response=ProcessDetailOut, tags=["démarches"])
def get_process(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Une démarche publiée, avec son calendrier, ses canaux, ses quartiers et ses questions."""
    process = process_for_page(slug)
    return {
        **process_out(process),
        "who_may_take_part": process.who_may_take_part,
        "objectives": process.objectives,
        "policy_impacts": process.policy_impacts,
        "commitment": process.commitment,
        "phone_number": process.phone_number,
        "phases": list(process.phases.all()),
        "channels": list(process.channels.all()),
        "neighbourhoods": list(process.neighbourhoods.all()),
        "questions": list(process.questions.all()),
    }


@api.get("/processes/{slug:slug}/questions", response=list[QuestionOut], tags=["démarches"])
def list_questions(request: HttpRequest, slug: str) -> QuerySet[Question]:
    """Les questions posées par une démarche publiée."""
    process = public_process_or_404(slug)
    return Question.objects.filter(process=process).order_by("number")


@api.get(
    "/processes/{slug:slug}/contributions",
    response=list[ContributionOut],
    tags=["contributions"],
)
@paginate(ContributionPagination)
def list_contributions(
    request: HttpRequest, slug: str, filters: Query[ContributionQuery]
) -> list[dict[str, Any]] | QuerySet[Contribution]:
    """Les contributions publiées d'une démarche, les plus récentes d'abord.

    Filtres combinables : numéro de question, quartier (slug), profil, nature, canal et
    recherche plein texte ``q``. Pagination par ``limit`` (100 au plus) et ``offset``.
    """
    process = public_process_or_404(slug)
    question_pk: int | None = None
    neighbourhood_pk: int | None = None
    if filters.question is not None:
        question_pk = (
            Question.objects.filter(process=process, number=filters.question)
            .values_list("pk", flat=True)
            .first()
        )
        if question_pk is None:
            return Contribution.objects.none()
    if filters.neighbourhood is not None:
        neighbourhood_pk = (
            Neighbourhood.objects.filter(process=process, slug=filters.neighbourhood)
            .values_list("pk", flat=True)
            .first()
        )
        if neighbourhood_pk is None:
            return Contribution.objects.none()
    wanted = selectors.ContributionFilters(
        question=question_pk,
        neighbourhood=neighbourhood_pk,
        profile=filters.profile,
        kind=filters.kind,
        channel=filters.channel,
        q=selectors.clean_search(filters.q or ""),
    )
    return selectors.api_contributions(process, wanted)


@api.get("/contributions/{slug:receipt}", response=ContributionDetailOut, tags=["contributions"])
def get_contribution(request: HttpRequest, receipt: str) -> dict[str, Any]:
    """Une contribution publiée, par son numéro de récépissé."""
    contribution = selectors.public_contribution(receipt)
    return {
        **contribution_out(contribution),
        "attachments": [
            AttachmentOut(
                kind=attachment.kind,
                url=_absolute(
                    reverse(
                        "contributions:attachment",
                        kwargs={
                            "slug": contribution.process.slug,
                            "receipt": contribution.receipt_number,
                            "pk": attachment.pk,
                        },
                    )
                ),
            )
            for attachment in contribution.attachments.all()
        ],
    }


# --- Events (concerto.events) ---------------------------------------------------------------
from concerto.events import api as events_api  # noqa: E402
from concerto.events.schemas import EventDetailOut, EventOut  # noqa: E402


@api.get("/processes/{slug:slug}/events", response=list[EventOut], tags=["événements"])
def list_events(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Les événements publiés d'une démarche (ouverts ou fermés), sessions comprises, par date.

    Aucune donnée personnelle : ni la personne qui a proposé l'événement, ni les inscrit·e·s.
    """
    return events_api.process_events(public_process_or_404(slug))


@api.get("/events/{event_id}", response=EventDetailOut, tags=["événements"])
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    """Un événement publié, avec sa description et le nombre de personnes inscrites."""
    return events_api.event_detail(event_id)


# --- The synthesis report (concerto.reports) ----------------------------------------------
from concerto.reports import api as reports_api  # noqa: E402
from concerto.reports.schemas import ReportFigureOut, ReportOut, ReportProposalOut  # noqa: E402


@api.get("/processes/{slug:slug}/report", response=ReportOut, tags=["rapport"])
def get_report(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Le rapport de synthèse publié (dernière version) : ses versions, ses préconisations
    numérotées et ses figures, tels que figés à la publication. 404 tant que rien n'est publié."""
    return reports_api.report_detail(slug)


@api.get(
    "/processes/{slug:slug}/report/proposals",
    response=list[ReportProposalOut],
    tags=["rapport"],
)
def list_report_proposals(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Les préconisations de la dernière version publiée, par numéro (retirées comprises)."""
    return reports_api.report_proposals(slug)


@api.get("/processes/{slug:slug}/report/figures", response=list[ReportFigureOut], tags=["rapport"])
def list_report_figures(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Les figures de la dernière version publiée, avec leurs données."""
    return reports_api.report_figures(slug)


# --- The answer and the strategy (concerto.strategy) ----------------------------------------
from concerto.strategy import api as strategy_api  # noqa: E402
from concerto.strategy.schemas import (  # noqa: E402
    ActionDetailOut,
    ActionOut,
    CityAnswerOut,
    CommitmentOut,
)


@api.get("/processes/{slug:slug}/answers", response=list[CityAnswerOut], tags=["réponse"])
def list_answers(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """La réponse de la Ville, préconisation par préconisation, telle que publiée : chaque
    réponse avec toutes ses versions publiées (date, motif du changement) et les actions qui
    la mettent en œuvre. Vide tant que rien n'est publié."""
    return strategy_api.answers(public_process_or_404(slug))


@api.get("/processes/{slug:slug}/commitments", response=list[CommitmentOut], tags=["stratégie"])
def list_commitments(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Les engagements de la stratégie, avec leur avancement et leurs actions."""
    return strategy_api.commitments(public_process_or_404(slug))


@api.get("/processes/{slug:slug}/actions", response=list[ActionOut], tags=["stratégie"])
def list_actions(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Les actions de la stratégie (sous-actions comprises), avec budget et avancement."""
    return strategy_api.actions(public_process_or_404(slug))


@api.get("/processes/{slug:slug}/actions/{code}", response=ActionDetailOut, tags=["stratégie"])
def get_action(request: HttpRequest, slug: str, code: str) -> dict[str, Any]:
    """Une action : ses jalons, son budget par année, ses indicateurs et leurs mesures, et
    l'historique de ses changements (sans le nom des personnes)."""
    return strategy_api.action_detail(public_process_or_404(slug), code)
