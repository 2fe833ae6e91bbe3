"""The anonymous page cache: fast repeated reads, never stale after moderation, never
shared with logged-in people."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from tests.factories import ContributionFactory


@pytest.fixture
def cached(settings):
    settings.CONCERTO_PAGE_CACHE_SECONDS = 60


@pytest.mark.django_db
def test_second_anonymous_read_is_served_from_cache(client, process, cached):
    ContributionFactory(process=process, status=Contribution.Status.PUBLISHED)
    url = reverse("contributions:list", kwargs={"slug": process.slug})
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert len(queries) == 0  # the test cache is in memory; the database cache adds one
    assert "Content-Security-Policy" in second


@pytest.mark.django_db
def test_publishing_and_rejecting_show_at_once(client, process, moderator, cached):
    waiting = ContributionFactory(process=process, text="Un texte encore en attente.")
    listing = reverse("contributions:list", kwargs={"slug": process.slug})
    assert "encore en attente" not in client.get(listing).content.decode()
    contribution_moderate(contribution=waiting, transition="publish", actor=moderator)
    assert "encore en attente" in client.get(listing).content.decode()
    detail = waiting.get_absolute_url()
    assert client.get(detail).status_code == 200
    contribution_moderate(
        contribution=waiting, transition="reject", actor=moderator, reason="off_topic"
    )
    assert client.get(detail).status_code == 404
    assert "encore en attente" not in client.get(listing).content.decode()


@pytest.mark.django_db
def test_editing_the_process_shows_at_once(client, process, cached):
    url = process.get_absolute_url()
    client.get(url)
    process.title = "Un nouveau titre de démarche"
    process.save()
    assert "Un nouveau titre de démarche" in client.get(url).content.decode()


@pytest.mark.django_db
def test_logged_in_people_get_their_own_page(client, process, resident, cached):
    url = process.get_absolute_url()
    anonymous = client.get(url).content.decode()
    assert "Se connecter" in anonymous
    client.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    mine = client.get(url).content.decode()
    assert "Se déconnecter" in mine
    client.logout()
    assert "Se déconnecter" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_pages_with_pending_messages_are_neither_served_nor_stored(client, process, cached):
    url = process.get_absolute_url()
    client.get(url)
    client.cookies["messages"] = "x"
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0


@pytest.mark.django_db
def test_editing_an_event_shows_in_the_cached_feed_at_once(client, process, cached):
    from tests.events.factories import EventFactory

    event = EventFactory(process=process, title="Atelier du mardi")
    url = reverse("events:process_ics", kwargs={"slug": process.slug})
    assert "Atelier du mardi" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 0
    event.title = "Atelier du jeudi"
    event.save()
    body = client.get(url).content.decode()
    assert "Atelier du jeudi" in body
    assert "Atelier du mardi" not in body
