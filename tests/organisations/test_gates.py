"""Only an organisation approved by the team files a cahier d'acteurs or proposes an event
in its name: a clear French message otherwise, nothing saved. Refusal e-mails and every
contribution form link to the public moderation charter."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from concerto.collective.models import CollectiveContribution
from concerto.contributions.moderation import contribution_moderate
from concerto.events.models import Event
from concerto.organisations.models import Membership
from tests.collective.conftest import cahier_post, open_channel
from tests.events.factories import OrganisationFactory
from tests.events.helpers import event_post
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(resident):
    organisation = OrganisationFactory(name="Collectif en attente", status="pending")
    Membership.objects.create(organisation=organisation, user=resident, role="admin")
    return organisation


def test_a_pending_organisation_cannot_file_a_cahier(process, resident, waiting, client_for):
    open_channel(process)
    client = client_for("resident")
    url = reverse("collective:file", kwargs={"slug": process.slug})
    page = client.get(url).content.decode()
    assert "attend la validation" in page and "Collectif en attente" in page
    response = client.post(url, cahier_post(process, organisation=str(waiting.pk)))
    assert response.status_code == 403
    assert not CollectiveContribution.objects.exists()


def test_the_service_refuses_a_pending_organisation_in_french(process, resident, waiting):
    from concerto.collective.services import CahierInput, CollectiveError, cahier_submit_online

    open_channel(process)
    data = CahierInput(
        organisation_name="",
        organisation_kind="",
        people_count=3,
        production_method="Réunion",
        sections={process.questions.first(): "Texte"},
        proposals=[],
        contact_name="Camille",
        contact_email="camille@exemple.test",
        organisation=waiting,
    )
    with pytest.raises(CollectiveError, match="attend encore la validation"):
        cahier_submit_online(process=process, data=data, actor=resident)
    waiting.status = "refused"
    waiting.save()
    with pytest.raises(CollectiveError, match="n'a pas été validée"):
        cahier_submit_online(process=process, data=data, actor=resident)
    assert not CollectiveContribution.objects.exists()


def test_a_pending_organisation_cannot_propose_an_event(process, waiting, client_for):
    data = event_post(process, organiser_kind="organisation", organisation=str(waiting.pk))
    response = client_for("resident").post(
        reverse("events:propose", kwargs={"slug": process.slug}), data
    )
    assert response.status_code == 400
    assert "attend encore la validation" in response.content.decode()
    assert not Event.objects.exists()
    waiting.status = "approved"
    waiting.save()
    response = client_for("resident").post(
        reverse("events:propose", kwargs={"slug": process.slug}), data
    )
    assert response.status_code == 302 and Event.objects.get().organisation == waiting


@pytest.mark.parametrize(
    ("transition", "reason"), [("reject", "off_topic"), ("set_aside", "offensive")]
)
def test_refusal_emails_link_to_the_charter(
    process, moderator, transition, reason, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(process=process, email="a@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        contribution_moderate(
            contribution=contribution, transition=transition, actor=moderator, reason=reason
        )
    assert reverse("legal:charter") in mail.outbox[-1].body


def test_contribution_forms_link_to_the_charter(process, client_for):
    charter = reverse("legal:charter")
    open_channel(process)
    OrganisationFactory()
    pages = [
        reverse("contributions:contribute", kwargs={"slug": process.slug}),
        reverse("events:propose", kwargs={"slug": process.slug}),
        reverse("organisations:create"),
    ]
    client = client_for("resident")
    for url in pages:
        assert charter in client.get(url).content.decode(), url


def test_a_cahier_typed_by_staff_is_linked_to_the_organisation_of_that_name(process, moderator):
    from concerto.collective.services import CahierInput, cahier_enter
    from concerto.core.uploads import CheckedFile
    from tests.collective.conftest import pdf_bytes

    known = OrganisationFactory(name="Conseil citoyen Nord", kind="conseil")
    document = CheckedFile(pdf_bytes(), "pdf", "application/pdf", ".pdf", "cahier.pdf")

    def enter(name: str):
        data = CahierInput(
            organisation_name=name,
            organisation_kind="conseil",
            people_count=3,
            production_method="Réunion",
            sections={process.questions.first(): "Texte"},
            proposals=[],
            contact_name="Camille",
            contact_email="camille@exemple.test",
        )
        return cahier_enter(process=process, data=data, document=document, actor=moderator)

    linked = enter("conseil citoyen nord")
    assert linked.organisation == known and linked.organisation_name == "conseil citoyen nord"
    assert enter("Un collectif inconnu").organisation is None
