"""Every URL of the builder, every persona: the expected status; each view is guarded by
its BUILDER_ACCESS entry; a POST is refused to those without the right (nothing changes)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from concerto.builder.permissions import BUILDER_ACCESS
from concerto.core.models import AuditEvent
from concerto.core.roles import PERMISSIONS
from concerto.processes.models import Process
from tests.conftest import PERSONAS
from tests.factories import ProcessFactory, UrnFactory


def builder_patterns() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace == "builder":
                found[entry.name] = entry

    walk(get_resolver().url_patterns, "")
    return found


URLS = builder_patterns()
BUILDERS = {"moderator", "admin"}  # the personas whose roles hold processes.build
PUBLISHERS = {"admin"}  # processes.manage


def test_builder_personas_match_the_permissions():
    assert {role.value for role in PERMISSIONS["processes.build"]} == BUILDERS
    assert {role.value for role in PERMISSIONS["processes.manage"]} == PUBLISHERS


def test_every_url_has_an_access_entry_and_is_guarded_by_it():
    assert set(URLS) == set(BUILDER_ACCESS)
    for name, pattern in URLS.items():
        assert getattr(pattern.callback, "access", None) is BUILDER_ACCESS[name], name


@pytest.fixture
def urls(db):
    process = ProcessFactory(is_published=False, slug="brouillon")
    urn = UrnFactory(process=process)
    question = process.questions.first()
    slug = {"slug": process.slug}
    return {
        "index": reverse("builder:index"),
        "create": reverse("builder:create"),
        "process": reverse("builder:process", kwargs=slug),
        "edit": reverse("builder:edit", kwargs=slug),
        "copy": reverse("builder:copy", kwargs=slug),
        "profiles": reverse("builder:profiles", kwargs=slug),
        "preview": reverse("builder:preview", kwargs=slug),
        "publish": reverse("builder:publish", kwargs=slug),
        "part_create": reverse("builder:part_create", kwargs={**slug, "kind": "questions"}),
        "part_edit": reverse(
            "builder:part_edit", kwargs={**slug, "kind": "questions", "pk": question.pk}
        ),
        "part_delete": reverse(
            "builder:part_delete", kwargs={**slug, "kind": "urnes", "pk": urn.pk}
        ),
        "question_move": reverse("builder:question_move", kwargs={**slug, "pk": question.pk}),
    }


def _expected_get(name: str, persona: str) -> int:
    if persona == "anonymous":
        return 302
    allowed = PUBLISHERS if name == "publish" else BUILDERS
    if persona not in allowed:
        return 403
    return (
        405
        if "POST" in BUILDER_ACCESS[name].methods and "GET" not in BUILDER_ACCESS[name].methods
        else 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_every_page(persona, client_for, urls):
    client = client_for(persona)
    errors = []
    for name, url in urls.items():
        response = client.get(url)
        expected = _expected_get(name, persona)
        if response.status_code != expected:
            errors.append(f"{name} {url} as {persona}: {response.status_code}, attendu {expected}")
        if expected == 200:
            assert (
                "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
            ), name
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "resident", "analyst", "official", "transcriber"])
def test_posts_are_refused_without_the_right(persona, client_for, urls):
    client = client_for(persona)
    for name, url in urls.items():
        if "POST" not in BUILDER_ACCESS[name].methods:
            continue
        response = client.post(url, {"title": "Piratée", "published": "1", "direction": "up"})
        assert response.status_code == (302 if persona == "anonymous" else 403), name
    assert not AuditEvent.objects.exists()
    assert not Process.objects.get(slug="brouillon").is_published


@pytest.mark.django_db
def test_a_moderator_builds_but_does_not_publish(client_for, urls):
    response = client_for("moderator").post(urls["publish"], {"published": "1"})
    assert response.status_code == 403
    assert not Process.objects.get(slug="brouillon").is_published
    page = client_for("moderator").get(urls["process"]).content.decode()
    assert "Publier la démarche" not in page
    assert "Une administratrice ou un administrateur publie la démarche" in page
