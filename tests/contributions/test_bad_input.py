"""Bad input on the public form: a clear French message, a 4xx, nothing saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from concerto.contributions.models import Attachment, Contribution
from concerto.contributions.moderation import contribution_moderate
from tests.contributions.helpers import form_data, minimal_pdf, png_bytes


def post(client, process, files=None, **overrides):
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    data = form_data(process, **overrides)
    if files:
        data["attachments"] = files
    return client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"question_1": ""}, "Répondez à au moins une des questions"),
        ({"question_1": "x" * 10_001}, "au plus 10000 caractères"),
        ({"kind": "poeme"}, "Sélectionnez un choix valide"),
        ({"kind": None}, "Ce champ est obligatoire"),
        ({"neighbourhood": "999999"}, "Sélectionnez un choix valide"),
        ({"neighbourhood": "abc"}, "Sélectionnez un choix valide"),
        ({"profile": "roi"}, "Sélectionnez un choix valide"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"consent_processing": None}, "Cet accord est nécessaire"),
        ({"submission_token": "pas-un-uuid"}, "UUID"),
        ({"author_name": "a" * 81}, "au plus 80 caractères"),
        ({"question_1": "texte\x00nul"}, "caractère nul"),
        ({"website": "http://spam.example"}, "Ce champ doit rester vide"),
    ],
)
def test_bad_values_are_refused_with_french_message(client, process, overrides, message):
    response = post(client, process, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_neighbourhood_of_another_process_is_refused(client, process):
    from tests.factories import ProcessFactory

    other = ProcessFactory()
    response = post(client, process, neighbourhood=other.neighbourhoods.first().pk)
    assert response.status_code == 400
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_script_tags_are_stored_as_text_and_escaped(client, process, moderator):
    payload = "<script>alert('x')</script> <img src=x onerror=alert(1)> {{ 7*7 }} {% now 'Y' %}"
    response = post(client, process, question_1=payload, author_name="<b>moi</b>")
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "{{ 7*7 }}" in page  # not evaluated


@pytest.mark.django_db
def test_valid_image_and_pdf_are_kept_and_exif_is_stripped(client, process):
    files = [
        SimpleUploadedFile("photo.jpg", png_bytes(exif_gps=True), content_type="image/jpeg"),
        SimpleUploadedFile("doc.pdf", minimal_pdf(), content_type="application/pdf"),
    ]
    response = post(client, process, files=files)
    assert response.status_code == 302
    image, pdf = Attachment.objects.order_by("id")
    from PIL import Image

    with image.file.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()
    assert image.original_name == "photo.jpg"
    assert image.file.name.startswith("private/attachments/")
    assert pdf.kind == "pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"MZ\x90\x00" + b"\x00" * 200, "pas une image"),
        ("lettre.pdf", png_bytes(), "ne correspond pas à son extension"),
        ("vide.png", b"", "est vide"),
        ("coupe.png", png_bytes()[:60], "illisible"),
        ("coupe.pdf", minimal_pdf()[:-40], "illisible"),
        ("page.html", b"<html><script>alert(1)</script></html>", "pas une image"),
    ],
)
def test_bad_files_are_refused(client, process, name, content, message):
    files = [SimpleUploadedFile(name, content)]
    response = post(client, process, files=files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Contribution.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_encrypted_pdf_is_refused(client, process):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    response = post(client, process, files=[SimpleUploadedFile("c.pdf", out.getvalue())])
    assert response.status_code == 400
    assert "protégé par un mot de passe" in response.content.decode()


@pytest.mark.django_db
def test_polyglot_image_loses_its_payload(client, process):
    payload = b"<script>alert(1)</script>%PDF-1.4"
    files = [SimpleUploadedFile("p.png", png_bytes() + payload)]
    response = post(client, process, files=files)
    assert response.status_code == 302
    stored = Attachment.objects.get().file.read()
    assert payload not in stored


@pytest.mark.django_db
@override_settings(CONCERTO_MAX_ATTACHMENT_BYTES=1024 * 1024)
def test_too_large_file_is_refused(client, process):
    big = SimpleUploadedFile("grand.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    response = post(client, process, files=[big])
    assert response.status_code == 400
    assert "dépasse la taille maximale de 1 Mo" in response.content.decode()


@pytest.mark.django_db
@override_settings(CONCERTO_MAX_ATTACHMENTS=2)
def test_too_many_files_are_refused(client, process):
    files = [SimpleUploadedFile(f"{i}.png", png_bytes()) for i in range(3)]
    response = post(client, process, files=files)
    assert response.status_code == 400
    assert "2 fichiers au plus" in response.content.decode()


@pytest.mark.django_db
def test_fifty_megabyte_upload_is_refused_without_500(client, process):
    big = SimpleUploadedFile("enorme.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (50 * 1024 * 1024))
    response = post(client, process, files=[big])
    assert response.status_code == 400
    assert "dépasse la taille maximale" in response.content.decode()
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_answers_429_with_a_readable_page(client, process, settings):
    settings.CONCERTO_CONTRIBUTION_RATE = 2
    for _ in range(2):
        assert post(client, process).status_code == 302
    response = post(client, process)
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert Contribution.objects.count() == 2
