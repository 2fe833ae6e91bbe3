"""Proposing an event, and the moderation workflow with its e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from concerto.core.models import AuditEvent
from concerto.events.models import Event
from concerto.events.services import EventError, EventInput, event_moderate, event_propose
from tests.events.factories import EventFactory, MembershipFactory, soon
from tests.events.helpers import event_post, local_input
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db(transaction=False)


def _propose_url(process):
    return reverse("events:propose", kwargs={"slug": process.slug})


def test_anonymous_is_sent_to_login(client, process):
    response = client.get(_propose_url(process))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


def test_resident_proposes_an_event(client_for, process, resident):
    client = client_for("resident")
    assert client.get(_propose_url(process)).status_code == 200
    response = client.post(_propose_url(process), event_post(process))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.status == Event.Status.PROPOSED
    assert event.proposer == resident
    assert event.slug == "atelier-cuisiner-ensemble"
    assert event.capacity == 12 and event.step_free_access and not event.sign_language
    assert timezone.localtime(event.start).hour == 18
    assert AuditEvent.objects.filter(action="event.propose").count() == 1
    # not in the public agenda yet, but visible to its proposer
    agenda = client_for("anonymous").get(reverse("events:agenda", kwargs={"slug": process.slug}))
    assert event.title not in agenda.content.decode()
    assert client_for("anonymous").get(event.get_absolute_url()).status_code == 404
    assert client.get(event.get_absolute_url()).status_code == 200


BAD_INPUT = [
    ("start", {"start": "past"}, "Cette date est passée"),
    ("end", {"end": "before"}, "La fin doit être après le début"),
    ("capacity", {"capacity": "0"}, "au moins 1"),
    ("capacity", {"capacity": "-3"}, "au moins 1"),
    ("capacity", {"capacity": "douze"}, "nombre entier"),
    ("online_url", {"online_url": "pas une adresse"}, "adresse web complète"),
    ("online_url", {"online_url": "javascript:alert(1)"}, "adresse web complète"),
    ("neighbourhood", {"neighbourhood": "other"}, "n&#x27;appartient pas à cette démarche"),
    ("start", {"start": "32/13/2022 25:00"}, "Saisissez une date"),
    ("place_name", {"place_name": "", "address": ""}, "Indiquez un lieu"),
    ("organiser_kind", {"organiser_kind": "city"}, "Sélectionnez un choix valide"),
    ("price", {"is_free": None, "price": ""}, "Indiquez le tarif"),
]


@pytest.mark.parametrize(("field", "change", "message"), BAD_INPUT)
def test_bad_input_is_refused_next_to_the_field(client_for, process, field, change, message):
    data = event_post(process)
    start = timezone.localtime() + dt.timedelta(days=10)
    for key, value in change.items():
        if value == "past":
            value = local_input(timezone.now() - dt.timedelta(days=1))
        elif value == "before":
            value = local_input(start - dt.timedelta(days=1))
        elif value == "other":
            value = str(ProcessFactory().neighbourhoods.first().pk)
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    response = client_for("resident").post(_propose_url(process), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'class="error-summary"' in body
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert not Event.objects.exists()


def test_member_may_propose_for_their_organisation(client_for, process, resident):
    membership = MembershipFactory(user=resident)
    data = event_post(
        process, organiser_kind="organisation", organisation=str(membership.organisation.pk)
    )
    response = client_for("resident").post(_propose_url(process), data)
    assert response.status_code == 302
    assert Event.objects.get().organisation == membership.organisation


def test_non_member_may_not_use_an_organisation(client_for, process):
    other = MembershipFactory().organisation
    data = event_post(process, organiser_kind="organisation", organisation=str(other.pk))
    response = client_for("resident").post(_propose_url(process), data)
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_service_refuses_what_the_form_refuses(process, resident):
    base = {
        "kind": "other",
        "title": "Test",
        "description": "x",
        "place_name": "Ici",
    }
    start = soon()
    with pytest.raises(EventError) as exc:
        event_propose(
            process=process,
            data=EventInput(**base, start=start, end=start - dt.timedelta(hours=1)),
            proposer=resident,
        )
    assert exc.value.field == "end"
    with pytest.raises(EventError):
        event_propose(
            process=process,
            data=EventInput(**base, start=start, end=start + dt.timedelta(hours=1), capacity=0),
            proposer=resident,
        )
    with pytest.raises(EventError):
        event_propose(
            process=process,
            data=EventInput(
                **base,
                start=start,
                end=start + dt.timedelta(hours=1),
                neighbourhood=ProcessFactory().neighbourhoods.first(),
            ),
            proposer=resident,
        )
    assert not Event.objects.exists()


def test_same_title_gets_another_slug(process, resident):
    start = soon()
    data = EventInput(
        kind="other",
        title="Proposer",
        description="x",
        start=start,
        end=start + dt.timedelta(hours=1),
        place_name="Ici",
    )
    first = event_propose(process=process, data=data, proposer=resident)
    second = event_propose(process=process, data=data, proposer=resident)
    assert first.slug == "proposer-evenement"  # "proposer" is a path of the agenda
    assert second.slug == "proposer-evenement-2"


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def _decide(client, event, transition, reason="", commits=None):
    """POST a decision; with ``commits``, run the on-commit callbacks (the e-mails)."""
    url = reverse("events:staff:decide", kwargs={"pk": event.pk})
    data = {"transition": transition, "reason": reason}
    if commits is None:
        return client.post(url, data)
    with commits(execute=True):
        return client.post(url, data)


def test_moderator_approves_and_proposer_is_told(client_for, process, resident, moderator, commits):
    event = EventFactory(process=process, status=Event.Status.PROPOSED, proposer=resident)
    client = client_for("moderator")
    queue = client.get(reverse("events:staff:queue"))
    assert event.title in queue.content.decode()
    mail.outbox.clear()
    with_commit = _decide(client, event, "approve", commits=commits)
    assert with_commit.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.APPROVED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]
    assert "publié" in mail.outbox[0].subject
    assert event.get_absolute_url() in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="event.approve", actor=moderator).exists()


def test_refuse_needs_a_reason_and_sends_it(client_for, process, resident, commits):
    event = EventFactory(process=process, status=Event.Status.PROPOSED, proposer=resident)
    client = client_for("moderator")
    response = _decide(client, event, "refuse")
    assert response.status_code == 400
    assert "Expliquez pourquoi" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.PROPOSED
    mail.outbox.clear()
    assert (
        _decide(client, event, "refuse", "Hors du thème des solidarités.", commits).status_code
        == 302
    )
    event.refresh_from_db()
    assert event.status == Event.Status.REFUSED
    assert event.refusal_reason == "Hors du thème des solidarités."
    assert "Hors du thème des solidarités." in mail.outbox[0].body


def test_request_changes_then_proposer_edits_and_resubmits(client_for, process, resident, commits):
    event = EventFactory(process=process, status=Event.Status.PROPOSED, proposer=resident)
    mail.outbox.clear()
    _decide(client_for("moderator"), event, "request_changes", "Précisez l'adresse.", commits)
    event.refresh_from_db()
    assert event.status == Event.Status.CHANGES_REQUESTED
    edit_url = reverse("events:edit", kwargs={"slug": process.slug, "event": event.slug})
    assert edit_url in mail.outbox[0].body
    client = client_for("resident")
    page = client.get(edit_url)
    assert page.status_code == 200
    assert "Précisez l&#x27;adresse." in page.content.decode()
    response = client.post(edit_url, event_post(process, address="3 place Exemple"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PROPOSED
    assert event.address == "3 place Exemple"
    # Only the proposer may edit
    assert client_for("analyst").post(edit_url, event_post(process)).status_code == 403


def test_impossible_transition_is_a_message_not_a_500(process, moderator):
    event = EventFactory(process=process, status=Event.Status.CANCELLED)
    with pytest.raises(EventError):
        event_moderate(event=event, transition="approve", actor=moderator)
    with pytest.raises(EventError):
        event_moderate(event=event, transition="nope", actor=moderator)


def test_analyst_may_not_moderate(process, analyst):
    event = EventFactory(process=process, status=Event.Status.PROPOSED)
    with pytest.raises(PermissionError):
        event_moderate(event=event, transition="approve", actor=analyst)


def test_my_events_lists_the_status(client_for, process, resident):
    EventFactory(
        process=process,
        status=Event.Status.REFUSED,
        proposer=resident,
        title="Ma soirée",
        refusal_reason="Doublon d'un autre atelier.",
    )
    body = client_for("resident").get(reverse("events:mine")).content.decode()
    assert "Ma soirée" in body and "Doublon d" in body
