"""Public reading of contributions (placeholder: list and detail, expanded by the reading work)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from concerto.contributions.models import Contribution
from concerto.processes.selectors import public_process_or_404


def contribution_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    contributions = Contribution.objects.filter(
        process=process, status=Contribution.Status.PUBLISHED
    ).prefetch_related("answers__question")[:20]
    return render(
        request, "contributions/list.html", {"process": process, "contributions": contributions}
    )


def contribution_detail(request: HttpRequest, slug: str, receipt: str) -> HttpResponse:
    process = public_process_or_404(slug)
    contribution = get_object_or_404(
        Contribution, process=process, receipt_number=receipt, status=Contribution.Status.PUBLISHED
    )
    return render(
        request, "contributions/detail.html", {"process": process, "contribution": contribution}
    )
