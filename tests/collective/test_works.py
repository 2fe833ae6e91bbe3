"""Original works: uploaded by staff, channel "work", published only with a transcript or
an alternative text."""

from __future__ import annotations

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from concerto.collective.models import OriginalWork
from concerto.contributions.models import Contribution
from concerto.processes.models import Channel

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def _create(client, process, text: str = "") -> OriginalWork:
    questions = list(process.questions.order_by("number"))[:2]
    response = client.post(
        reverse("collective:works"),
        {
            "process": str(process.pk),
            "kind": "photo",
            "title": "Dessins de l'école Jean-Moulin",
            "authors": "Classe de CM2",
            "description": "Des dessins du quartier rêvé.",
            "text_alternative": text,
            "questions": [str(q.pk) for q in questions],
            "file": SimpleUploadedFile("dessin.png", _png()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return OriginalWork.objects.get()


def test_publication_requires_an_alternative_text(process, client_for):
    client = client_for("moderator")
    work = _create(client, process)
    assert work.contribution.channel == Channel.Kind.WORK
    assert set(work.questions.all()) == set(process.questions.order_by("number")[:2])
    publish = reverse("collective:work_publish", kwargs={"pk": work.pk})
    response = client.post(publish, follow=True)
    assert "Publication impossible : ajoutez d'abord un texte alternatif" in html.unescape(
        response.content.decode()
    )
    work.contribution.refresh_from_db()
    assert work.contribution.status == Contribution.Status.PENDING
    client.post(
        reverse("collective:work", kwargs={"pk": work.pk}),
        {"text_alternative": "Un dessin au feutre : une place avec des arbres et des bancs."},
    )
    client.post(publish)
    work.contribution.refresh_from_db()
    assert work.contribution.status == Contribution.Status.PUBLISHED


def test_audio_work_needs_a_transcript(process, admin_user):
    from concerto.collective.services import CollectiveError, work_create, work_publish
    from concerto.core.uploads import CheckedFile

    work = work_create(
        process=process,
        kind=OriginalWork.Kind.AUDIO,
        title="Émission de radio",
        authors="",
        description="Une émission sur le quartier.",
        text_alternative="  ",
        questions=list(process.questions.all()[:1]),
        checked=CheckedFile(b"ID3" + b"\x00" * 100, "audio", "audio/mpeg", ".mp3", "radio.mp3"),
        actor=admin_user,
    )
    with pytest.raises(CollectiveError, match="transcription"):
        work_publish(work=work, actor=admin_user)


def test_non_media_file_is_refused(process, client_for):
    client = client_for("admin")
    response = client.post(
        reverse("collective:works"),
        {
            "process": str(process.pk),
            "kind": "video",
            "title": "Film",
            "description": "Un film.",
            "questions": [str(process.questions.first().pk)],
            "file": SimpleUploadedFile("film.mp4", b"pas une video"),
        },
    )
    assert response.status_code == 400
    assert not OriginalWork.objects.exists()


def test_back_office_decision_cannot_publish_a_work_without_its_text(process, client_for):
    client = client_for("moderator")
    work = _create(client, process)
    response = client.post(
        reverse("backoffice:decide", kwargs={"pk": work.contribution.pk}),
        {"transition": "publish"},
    )
    assert response.status_code == 400
    assert "Publication impossible" in html.unescape(response.content.decode())
    work.contribution.refresh_from_db()
    assert work.contribution.status == Contribution.Status.PENDING


def test_a_published_work_has_a_public_page_with_its_file_title_and_alternative_text(
    process, client_for, client
):
    staff = client_for("moderator")
    alternative = "Un dessin au feutre : une place avec des arbres et des bancs."
    work = _create(staff, process, text=alternative)
    receipt = work.contribution.receipt_number
    page = reverse("collective:work_detail", kwargs={"slug": process.slug, "receipt": receipt})
    file_url = reverse(
        "collective:work_public_file", kwargs={"slug": process.slug, "receipt": receipt}
    )
    # Not published yet: nothing public.
    assert client.get(page).status_code == 404
    assert client.get(file_url).status_code == 404

    staff.post(reverse("collective:work_publish", kwargs={"pk": work.pk}))
    # The contribution page of a work leads to the work's own page.
    detail = reverse("contributions:detail", kwargs={"slug": process.slug, "receipt": receipt})
    assert client.get(detail).headers["Location"] == page
    body = html.unescape(client.get(page).content.decode())
    assert "<h1>Dessins de l'école Jean-Moulin</h1>" in body
    assert f'<img src="{file_url}" alt="{alternative}"' in body
    assert "Classe de CM2" in body
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
