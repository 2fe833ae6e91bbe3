"""Reading processes for the public pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from concerto.processes.models import Channel, Phase, Process, Question, Urn


def public_processes() -> QuerySet[Process]:
    return Process.objects.filter(is_published=True)


def public_process_or_404(slug: str) -> Process:
    return get_object_or_404(public_processes(), slug=slug)


def process_for_page(slug: str) -> Process:
    """A published process with everything its public page shows, in a fixed number of queries."""
    queryset = public_processes().prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "id")),
        Prefetch("questions", queryset=Question.objects.order_by("number")),
        Prefetch("channels", queryset=Channel.objects.order_by("opens_at")),
        Prefetch("urns", queryset=Urn.objects.select_related("neighbourhood")),
        "neighbourhoods",
    )
    return get_object_or_404(queryset, slug=slug)
