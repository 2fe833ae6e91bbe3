"""PDFs with active content (JavaScript, /Launch and other automatic actions, embedded
files, XFA forms) are refused with a French message by the one checker every upload path
uses (contributions, cahiers d'acteurs, paper scans, resources); the test
files are built here with pypdf. A harmless PDF (a page to open at, a web link) passes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concerto.collective.uploads import check_document
from concerto.contributions.models import Attachment, Contribution
from concerto.core.uploads import check_pdf, check_upload
from concerto.intake.models import ScanBatch
from concerto.resources.admin import ResourceForm
from tests.contributions.helpers import active_pdf, form_data, minimal_pdf

ACTIVE = {
    "javascript": "du JavaScript",
    "open_action_js": "du JavaScript",
    "page_action": "du JavaScript",
    "launch": "lance un programme",
    "embedded": "des fichiers joints",
    "xfa": "un formulaire XFA",
    "submit": "une action automatique",
}
MAX = 10 * 1024 * 1024


def _file(kind: str, name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, active_pdf(kind), content_type="application/pdf")


@pytest.mark.parametrize(("kind", "what"), ACTIVE.items())
def test_the_checker_refuses_active_content(kind, what):
    with pytest.raises(ValidationError) as refused:
        check_pdf(active_pdf(kind), "document.pdf")
    message = " ".join(refused.value.messages)
    assert "Le PDF « document.pdf » contient" in message and what in message
    assert "Enregistrer au format PDF" in message


@pytest.mark.parametrize("data", [minimal_pdf(), active_pdf("links")])
def test_a_harmless_pdf_passes(data):
    check_pdf(data, "document.pdf")
    assert check_upload(_upload(data), max_bytes=MAX).kind == "pdf"


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("document.pdf", data, content_type="application/pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["javascript", "launch", "embedded"])
def test_a_contribution_attachment_is_refused_next_to_its_field(client, process, kind):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    data = form_data(process)
    data["attachments"] = [_file(kind)]
    response = client.post(url, data)
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert ACTIVE[kind] in response.content.decode()
    assert not Contribution.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize("kind", ["javascript", "xfa"])
def test_a_cahier_document_is_refused(kind):
    with pytest.raises(ValidationError, match=ACTIVE[kind]):
        check_document(_file(kind, "cahier.pdf"), max_bytes=MAX)


@pytest.mark.django_db
def test_a_paper_scan_is_refused_and_kept_as_a_batch_in_error(process, client_for):
    response = client_for("moderator").post(
        reverse("intake:scans"), {"process": process.pk, "file": _file("launch", "scan.pdf")}
    )
    batch = ScanBatch.objects.get()  # never lost: kept privately, to download and check
    assert response.status_code == 302
    assert "lance un programme" in batch.error and batch.page_count == 0
    assert batch.content_type == "application/octet-stream"
    with batch.file.open("rb") as handle:
        assert handle.read() == active_pdf("launch")


@pytest.mark.django_db
def test_a_resource_file_is_refused(process):
    data = {"process": process.pk, "kind": "other", "title": "Décryptage", "order": 0}
    form = ResourceForm(data=data, files={"file": _file("embedded")})
    assert not form.is_valid()
    assert ACTIVE["embedded"] in " ".join(form.errors["file"])
    harmless = ResourceForm(data=data, files={"file": _upload(minimal_pdf())})
    assert harmless.is_valid(), harmless.errors
