"""Reading processes for the builder's pages, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from concerto.processes.models import Channel, Phase, Process, Question, Urn
from concerto.resources.models import NewsPost, Resource


def builder_processes() -> QuerySet[Process]:
    """Every process, drafts first, with the counts the list shows."""
    return Process.objects.annotate(
        question_count=Count("questions", distinct=True),
        phase_count=Count("phases", distinct=True),
        channel_count=Count("channels", distinct=True),
    ).order_by("is_published", "-receipt_year", "title")


def process_for_builder(slug: str) -> Process:
    """One process with all its parts (published or not)."""
    queryset = Process.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("number")),
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "id")),
        Prefetch("channels", queryset=Channel.objects.order_by("opens_at", "kind")),
        Prefetch("urns", queryset=Urn.objects.select_related("neighbourhood")),
        "neighbourhoods",
        Prefetch("resources", queryset=Resource.objects.order_by("order", "title")),
        Prefetch("news", queryset=NewsPost.objects.order_by("-published_at", "-id")),
    )
    return get_object_or_404(queryset, slug=slug)
