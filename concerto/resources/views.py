from __future__ import annotations

import datetime as dt
import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from concerto.processes.models import Process
from concerto.processes.selectors import public_process_or_404
from concerto.resources.models import NewsPost, Resource
from concerto.resources.selectors import published_news


def news_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    return render(
        request,
        "resources/news_list.html",
        {"process": process, "posts": published_news(process)[:100]},
    )


def news_detail(request: HttpRequest, slug: str, news_slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    post = get_object_or_404(published_news(process), slug=news_slug)
    return render(request, "resources/news_detail.html", {"process": process, "post": post})


def resource_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    process = public_process_or_404(slug)
    resource = get_object_or_404(Resource, process=process, pk=pk, is_published=True)
    if not resource.file:
        raise Http404("Pas de fichier.")
    content_type = mimetypes.guess_type(resource.file.name)[0] or "application/octet-stream"
    response = FileResponse(resource.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{resource.pk}{resource.file.name[-4:]}"'
    return response


class NewsFeed(Feed[NewsPost, Process]):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Process:
        return public_process_or_404(slug)

    def title(self, obj: Process) -> str:
        return _("Actualités — %(title)s") % {"title": obj.title}

    def link(self, obj: Process) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Process) -> str:
        return obj.summary[:200]

    def items(self, obj: Process) -> QuerySet[NewsPost]:
        return published_news(obj).select_related("process")[:30]

    def item_title(self, item: NewsPost) -> str:
        return item.title

    def item_description(self, item: NewsPost) -> str:
        return item.summary or item.body[:500]

    def item_pubdate(self, item: NewsPost) -> dt.datetime | None:
        return item.published_at
