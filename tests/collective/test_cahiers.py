"""Cahiers d'acteurs: filed online by a member of an organisation, or entered by staff from
a PDF or DOCX; the deadline; the private contact; the page and the PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from concerto.collective.models import CollectiveContribution
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.core.models import AuditEvent
from concerto.processes.models import Channel
from tests.collective.conftest import cahier_post, docx_bytes, open_channel, pdf_bytes, upload

pytestmark = pytest.mark.django_db

CONTACT = ("Camille Secrète", "camille.secrete@exemple.test", "06 12 34 56 78")


def _file_url(process) -> str:
    return reverse("collective:file", kwargs={"slug": process.slug})


def test_member_files_a_cahier_online(process, resident, organisation, client_for):
    open_channel(process)
    client = client_for("resident")
    page = client.get(_file_url(process))
    assert page.status_code == 200
    assert "Collectif des Dervallières" in page.content.decode()
    response = client.post(
        _file_url(process), cahier_post(process, organisation=str(organisation.pk))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cahier = CollectiveContribution.objects.get()
    contribution = cahier.contribution
    assert contribution.channel == Channel.Kind.COLLECTIVE
    assert contribution.user == resident
    assert contribution.email == ""  # the contact lives only in the private cahier
    assert cahier.organisation == organisation
    assert cahier.organisation_name == "Collectif des Dervallières"
    assert cahier.organisation_kind == "collectif"
    assert cahier.people_count == 42
    assert cahier.source == CollectiveContribution.Source.ONLINE
    assert not cahier.is_late
    assert [(p.number, p.text) for p in cahier.proposals.all()] == [
        (1, "Installer des bancs"),
        (2, "Élargir les horaires"),
        (3, "Un marché le dimanche"),
    ]
    assert contribution.answers.count() == 2
    assert AuditEvent.objects.filter(action="collective.submit").exists()


def test_someone_outside_the_organisation_cannot_file(process, resident, client_for):
    from tests.events.factories import OrganisationFactory

    open_channel(process)
    other = OrganisationFactory()
    client = client_for("resident")
    page = client.get(_file_url(process))
    assert "Seul·e·s les membres" in page.content.decode()
    response = client.post(_file_url(process), cahier_post(process, organisation=str(other.pk)))
    assert response.status_code == 403
    assert not CollectiveContribution.objects.exists()


def test_anonymous_people_are_sent_to_login(process, client):
    open_channel(process)
    response = client.get(_file_url(process))
    assert response.status_code == 302 and response["Location"].startswith("/comptes/login/")


def test_closed_channel_says_so_and_accepts_nothing_online(
    process, resident, organisation, client_for
):
    open_channel(process, open_now=False)
    client = client_for("resident")
    page = client.get(_file_url(process))
    assert "est fermé" in page.content.decode()
    response = client.post(
        _file_url(process), cahier_post(process, organisation=str(organisation.pk))
    )
    assert response.status_code == 409
    assert not CollectiveContribution.objects.exists()


def test_service_refuses_a_closed_channel(process, resident, organisation):
    from concerto.collective.services import CahierInput, cahier_submit_online
    from concerto.contributions.services import ChannelClosed

    open_channel(process, open_now=False)
    question = process.questions.first()
    data = CahierInput(
        organisation_name="",
        organisation_kind="",
        people_count=3,
        production_method="Réunion",
        sections={question: "Texte"},
        proposals=[],
        contact_name="A",
        contact_email="a@exemple.test",
        organisation=organisation,
    )
    with pytest.raises(ChannelClosed):
        cahier_submit_online(process=process, data=data, actor=resident)


def _staff_url(process) -> str:
    return reverse("collective:staff_enter", kwargs={"slug": process.slug})


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("cahier.pdf", pdf_bytes(), "pdf"), ("cahier.docx", docx_bytes(), "docx")],
)
def test_staff_enter_a_cahier_from_a_document_after_the_deadline(
    process, moderator, client_for, name, data, kind
):
    open_channel(process, open_now=False)
    client = client_for("moderator")
    assert client.get(_staff_url(process)).status_code == 200
    post = cahier_post(
        process,
        process=str(process.pk),
        organisation_name="Conseil citoyen Nord",
        organisation_kind="conseil",
        document=upload(name, data),
    )
    response = client.post(_staff_url(process), post)
    assert response.status_code == 302, response.content.decode()[:3000]
    cahier = CollectiveContribution.objects.get()
    assert cahier.source == CollectiveContribution.Source.DOCUMENT
    assert cahier.is_late  # the channel was closed: entered, flagged late
    assert cahier.entered_by == moderator
    assert cahier.original_name == name
    assert cahier.original.name.startswith("private/collective/")
    assert cahier.original.read() == data
    assert cahier.contribution.channel == Channel.Kind.COLLECTIVE
    original = client.get(reverse("collective:staff_original", kwargs={"pk": cahier.pk}))
    assert original.status_code == 200
    assert b"".join(original.streaming_content) == data
    # Neither a resident nor an analyst may download the original.
    for persona in ("resident", "analyst", "transcriber"):
        assert (
            client_for(persona)
            .get(reverse("collective:staff_original", kwargs={"pk": cahier.pk}))
            .status_code
            == 403
        )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cahier.docm", docx_bytes(macros=True), "macros"),
        ("cahier.docx", docx_bytes(macros=True), "macros"),
        ("cahier.docx", b"PK\x03\x04 pas un zip", "illisible"),
        ("cahier.pdf", b"%PDF-1.4\n%%EOF\n", "illisible"),
        ("cahier.txt", b"bonjour", "ni un PDF"),
        ("cahier.pdf", docx_bytes(), "ne correspond pas"),
    ],
)
def test_bad_documents_are_refused_with_a_message(process, client_for, name, data, message):
    client = client_for("admin")
    post = cahier_post(
        process,
        process=str(process.pk),
        organisation_name="Asso",
        organisation_kind="association",
        document=upload(name, data),
    )
    response = client.post(_staff_url(process), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CollectiveContribution.objects.exists()


def _published_cahier(process, client_for, admin_user) -> CollectiveContribution:
    open_channel(process)
    client = client_for("admin")
    post = cahier_post(
        process,
        process=str(process.pk),
        organisation_name="Association des usagers",
        organisation_kind="association",
        document=upload("cahier.pdf", pdf_bytes()),
    )
    assert client.post(_staff_url(process), post).status_code == 302
    cahier = CollectiveContribution.objects.get()
    contribution_moderate(contribution=cahier.contribution, transition="publish", actor=admin_user)
    cahier.refresh_from_db()
    return cahier


def test_contact_is_never_public_and_pdf_renders(process, admin_user, client_for):
    cahier = _published_cahier(process, client_for, admin_user)
    receipt = cahier.contribution.receipt_number
    kwargs = {"slug": process.slug, "receipt": receipt}
    anonymous = client_for("anonymous")
    page = anonymous.get(reverse("collective:detail", kwargs=kwargs))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Association des usagers" in html
    assert "Un marché le dimanche" in html and "42" in html
    detail = anonymous.get(cahier.contribution.get_absolute_url()).content.decode()
    pdf = anonymous.get(reverse("collective:pdf", kwargs=kwargs))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Un marché le dimanche" in text and "Association des usagers" in text
    for secret in CONTACT:
        assert secret not in html
        assert secret not in detail
        assert secret not in text
    # Staff see the contact on the private page.
    staff = client_for("moderator").get(
        reverse("collective:staff_cahier", kwargs={"pk": cahier.pk})
    )
    assert CONTACT[1] in staff.content.decode()


def test_unpublished_cahier_is_not_public(process, client_for):
    open_channel(process)
    client = client_for("admin")
    post = cahier_post(
        process,
        process=str(process.pk),
        organisation_name="Asso",
        organisation_kind="association",
        document=upload("cahier.pdf", pdf_bytes()),
    )
    client.post(_staff_url(process), post)
    cahier = CollectiveContribution.objects.get()
    assert cahier.contribution.status == Contribution.Status.PENDING
    kwargs = {"slug": process.slug, "receipt": cahier.contribution.receipt_number}
    assert (
        client_for("anonymous").get(reverse("collective:detail", kwargs=kwargs)).status_code == 404
    )
    assert client_for("anonymous").get(reverse("collective:pdf", kwargs=kwargs)).status_code == 404


def test_process_page_links_to_the_cahier_while_open(process, client):
    channel = open_channel(process)
    url = reverse("collective:file", kwargs={"slug": process.slug})
    assert url in client.get(process.get_absolute_url()).content.decode()
    channel.closes_at = channel.opens_at + (channel.closes_at - channel.opens_at) / 10
    channel.save()
    assert url not in client.get(process.get_absolute_url()).content.decode()
