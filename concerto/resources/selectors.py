from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from concerto.processes.models import Process
from concerto.resources.models import NewsPost, Resource


def published_news(process: Process) -> QuerySet[NewsPost]:
    return NewsPost.objects.filter(process=process, published_at__lte=timezone.now())


def process_resources_and_news(
    process: Process, news_limit: int = 3
) -> tuple[list[Resource], list[NewsPost]]:
    resources = list(Resource.objects.filter(process=process, is_published=True))
    news = list(published_news(process)[:news_limit])
    return resources, news
