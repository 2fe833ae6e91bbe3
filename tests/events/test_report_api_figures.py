"""The report becomes a collective contribution; API, open data and figures."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from concerto.contributions.models import Contribution
from concerto.events.models import Event, EventReport, Registration
from concerto.events.services import EventError, report_publish
from tests.events.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def _past(process, **kwargs):
    start = timezone.now() - dt.timedelta(days=2)
    return EventFactory(process=process, start=start, end=start + dt.timedelta(hours=2), **kwargs)


def test_organiser_publishes_the_report(client_for, process, resident):
    membership = MembershipFactory(user=resident)
    event = _past(
        process, organiser_kind=Event.Organiser.ORGANISATION, organisation=membership.organisation
    )
    client = client_for("resident")
    url = reverse("events:report", kwargs={"slug": process.slug, "event": event.slug})
    assert client.get(url).status_code == 200
    empty = client.post(url, {"kind": "proposal"})
    assert empty.status_code == 400
    assert "au moins une question" in empty.content.decode()
    response = client.post(
        url, {"kind": "proposal", "question_1": "Les participant·e·s proposent une épicerie."}
    )
    assert response.status_code == 302
    report = EventReport.objects.get()
    contribution = report.contribution
    assert report.event == event
    assert contribution.channel == "event"
    assert contribution.process == process
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.author_name == membership.organisation.name
    assert contribution.profile == Contribution.Profile.ASSOCIATION
    assert contribution.answers.get().text.startswith("Les participant·e·s")
    # only one report
    again = client.get(url)
    assert again.status_code == 302
    with pytest.raises(EventError):
        report_publish(
            event=event,
            answers={process.questions.first(): "Encore"},
            kind="proposal",
            actor=resident,
        )


def test_no_report_before_the_end_nor_by_a_stranger(client_for, process, resident, analyst):
    event = EventFactory(process=process, proposer=resident)
    with pytest.raises(EventError):
        report_publish(
            event=event, answers={process.questions.first(): "x"}, kind="proposal", actor=resident
        )
    past = _past(process)
    with pytest.raises(PermissionError):
        report_publish(
            event=past, answers={process.questions.first(): "x"}, kind="proposal", actor=analyst
        )
    url = reverse("events:report", kwargs={"slug": process.slug, "event": past.slug})
    assert (
        client_for("analyst").post(url, {"kind": "proposal", "question_1": "x"}).status_code == 403
    )
    assert not Contribution.objects.exists()


def test_api_lists_public_events_without_personal_data(client, process, resident):
    organisation = OrganisationFactory(name="Collectif Exemple")
    event = EventFactory(
        process=process,
        proposer=resident,
        organiser_kind=Event.Organiser.ORGANISATION,
        organisation=organisation,
        latitude="47.2",
        longitude="-1.55",
    )
    EventFactory(process=process, status=Event.Status.PROPOSED, title="Caché")
    RegistrationFactory(event=event, email="secret@exemple.test", name="Nom Secret")
    response = client.get(f"/api/processes/{process.slug}/events")
    assert response.status_code == 200
    data = response.json()
    assert [e["id"] for e in data] == [event.pk]
    assert data[0]["organiser"] == "Collectif Exemple"
    assert data[0]["start"].endswith(("+01:00", "+02:00"))
    detail = client.get(f"/api/events/{event.pk}")
    assert detail.status_code == 200
    assert detail.json()["registered"] == 1
    text = response.content.decode() + detail.content.decode()
    for secret in (resident.email, "secret@exemple.test", "Nom Secret", resident.display_name):
        assert secret not in text
    hidden = Event.objects.get(title="Caché")
    assert client.get(f"/api/events/{hidden.pk}").status_code == 404
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/events/abc").status_code == 422
    assert client.get("/api/processes/inconnue/events").status_code == 404


def test_open_data_exports(client, process, resident):
    event = EventFactory(process=process, proposer=resident, title="=Atelier", capacity=5)
    RegistrationFactory(event=event, attended=True, email="secret@exemple.test")
    EventFactory(process=process, status=Event.Status.REFUSED, title="Refusé")
    response = client.get(reverse("events:export_csv", kwargs={"slug": process.slug}))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["title"] == "'=Atelier"
    assert rows[0]["registered"] == "1" and rows[0]["attended"] == "1"
    assert "secret@exemple.test" not in response.content.decode()
    assert resident.email not in response.content.decode()
    data = client.get(reverse("events:export_json", kwargs={"slug": process.slug})).json()
    assert data[0]["title"] == "=Atelier"


def test_figures_on_the_process_page(client, process):
    held = _past(process)
    RegistrationFactory(event=held, attended=True)
    RegistrationFactory(event=held, attended=False)
    RegistrationFactory(event=held, status=Registration.Status.CANCELLED)
    upcoming = EventFactory(process=process)
    RegistrationFactory(event=upcoming)
    _past(process, status=Event.Status.REFUSED)
    response = client.get(process.get_absolute_url())
    figures = response.context["figures"]
    assert (figures.events_held, figures.events_upcoming) == (1, 1)
    assert (figures.registered, figures.attended) == (3, 1)
    body = response.content.decode()
    assert "Voir l'agenda" in body or "Voir l&#x27;agenda" in body
