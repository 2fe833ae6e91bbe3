"""The anonymous page cache is renewed by every change of the strategy or the answer; the
staff pages render with data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concerto.strategy.services import action_progress_update, answer_save, answer_validate
from concerto.strategy.services import answers_publish as publish
from tests.strategy.factories import answer_input, scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(process, admin_user, analyst, official):
    return scenario(process, admin=admin_user, analyst=analyst, official=official)


def test_cached_public_pages_follow_every_change(
    settings, client, process, world, analyst, official, admin_user,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.CONCERTO_PAGE_CACHE_SECONDS = 60
    other = world["other"]
    dashboard = reverse("strategy:dashboard", kwargs={"slug": process.slug})
    assert 'value="0"' in client.get(dashboard).content.decode()
    assert 'value="0"' in client.get(other.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        action_progress_update(action=other, progress=35, actor=analyst)
    assert 'value="35"' in client.get(dashboard).content.decode()
    assert 'value="35"' in client.get(other.get_absolute_url()).content.decode()
    answer_page = reverse("strategy:answer", kwargs={"slug": process.slug})
    assert "Le Département" not in client.get(answer_page).content.decode()
    answer = answer_save(
        proposal=world["proposals"][2],
        data=answer_input(
            "not_retained", justification="Le Département s'en charge.", reason="Précision."
        ),
        actor=analyst,
    )
    answer_validate(answer=answer, actor=official)
    with django_capture_on_commit_callbacks(execute=True):
        publish(process=process, actor=admin_user)
    assert "Le Département" in client.get(answer_page).content.decode()


def test_staff_pages_render(client_for, process, world, analyst):
    admin = client_for("admin")
    engagement, flagship = world["commitment"], world["flagship"]
    for url in (
        reverse("strategy:staff_index"),
        reverse("strategy:answers", kwargs={"slug": process.slug}),
        reverse("strategy:answers_publish", kwargs={"slug": process.slug}),
        reverse("strategy:actions", kwargs={"slug": process.slug}),
        reverse("strategy:commitment_edit", kwargs={"pk": engagement.pk}),
        reverse("strategy:action_create", kwargs={"pk": engagement.pk}),
        reverse("strategy:action_edit", kwargs={"pk": flagship.pk}),
        reverse("strategy:action_update", kwargs={"pk": flagship.pk}),
        reverse("strategy:answer_edit", kwargs={"slug": process.slug, "number": 1}),
    ):
        response = admin.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"].startswith("max-age=0")
    official = client_for("official")
    page = official.get(reverse("strategy:staff_index")).content.decode()
    assert reverse("strategy:answers_validate", kwargs={"slug": process.slug}) in page
    assert reverse("strategy:actions", kwargs={"slug": process.slug}) not in page
    html = admin.get(reverse("strategy:action_update", kwargs={"pk": flagship.pk})).content.decode()
    assert str(analyst) in html  # who changed what: on the staff page only
    assert (
        str(analyst)
        not in client_for("anonymous").get(flagship.get_absolute_url()).content.decode()
    )
