"""News posts of a process: list, detail and Atom feed show only what is published."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import NewsPostFactory, ProcessFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def posts(process):
    now = timezone.now()
    return {
        "old": NewsPostFactory(
            process=process,
            title="Lancement des Assises",
            slug="lancement",
            summary="Cent vingt jours de dialogue.",
            published_at=now - dt.timedelta(days=10),
        ),
        "recent": NewsPostFactory(
            process=process,
            title="Les Rencontres de la médiation",
            slug="mediation",
            published_at=now - dt.timedelta(hours=1),
        ),
        "draft": NewsPostFactory(
            process=process, title="Brouillon secret", slug="brouillon", published_at=None
        ),
        "future": NewsPostFactory(
            process=process,
            title="Annonce programmée",
            slug="programmee",
            published_at=now + dt.timedelta(days=2),
        ),
    }


def parse(content: bytes) -> ET.Element:
    # Our own feed, produced by the test itself: not untrusted XML.
    return ET.fromstring(content)  # noqa: S314


def detail_url(process, slug):
    return reverse("resources:news_detail", kwargs={"slug": process.slug, "news_slug": slug})


def test_list_shows_published_posts_newest_first(client, process, posts):
    other = NewsPostFactory(title="Actualité d'une autre démarche")
    response = client.get(reverse("resources:news_list", kwargs={"slug": process.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Les Rencontres de la médiation") < html.index("Lancement des Assises")
    assert "Cent vingt jours de dialogue." in html
    assert "Brouillon secret" not in html
    assert "Annonce programmée" not in html
    assert other.title not in html


def test_list_of_unpublished_process_is_404(client):
    hidden = ProcessFactory(is_published=False)
    NewsPostFactory(process=hidden)
    response = client.get(reverse("resources:news_list", kwargs={"slug": hidden.slug}))
    assert response.status_code == 404


def test_detail_of_published_post(client, process, posts):
    response = client.get(detail_url(process, "lancement"))
    assert response.status_code == 200
    assert "Lancement des Assises" in response.content.decode()


@pytest.mark.parametrize("key", ["draft", "future"])
def test_detail_of_unpublished_or_future_post_is_404(client, process, posts, key):
    assert client.get(detail_url(process, posts[key].slug)).status_code == 404


def test_detail_under_another_process_is_404(client, process, posts):
    other = ProcessFactory()
    assert client.get(detail_url(other, "lancement")).status_code == 404


def test_detail_of_unpublished_process_is_404(client):
    hidden = ProcessFactory(is_published=False)
    post = NewsPostFactory(process=hidden)
    assert client.get(detail_url(hidden, post.slug)).status_code == 404


def test_atom_feed_lists_published_posts(client, process, posts):
    NewsPostFactory(title="Actualité d'une autre démarche")
    response = client.get(reverse("resources:news_feed", kwargs={"slug": process.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == f"Actualités — {process.title}"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Les Rencontres de la médiation",
        "Lancement des Assises",
    ]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[1].endswith(posts["old"].get_absolute_url())
    assert entries[1].findtext(f"{ATOM}summary") == "Cent vingt jours de dialogue."
    updated = dt.datetime.fromisoformat(entries[1].findtext(f"{ATOM}published"))
    assert abs(updated - posts["old"].published_at) < dt.timedelta(seconds=1)


def test_atom_feed_of_unpublished_process_is_404(client):
    hidden = ProcessFactory(is_published=False)
    response = client.get(reverse("resources:news_feed", kwargs={"slug": hidden.slug}))
    assert response.status_code == 404


def test_empty_feed_is_valid_xml(client, process):
    response = client.get(reverse("resources:news_feed", kwargs={"slug": process.slug}))
    assert response.status_code == 200
    assert parse(response.content).findall(f"{ATOM}entry") == []
