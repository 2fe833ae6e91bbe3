from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from concerto.contributions.models import Answer, Attachment, Contribution
from tests.factories import ContributionFactory


def published(process, **kwargs) -> Contribution:
    return ContributionFactory(process=process, status=Contribution.Status.PUBLISHED, **kwargs)


def make_contributions(process, count: int) -> list[Contribution]:
    """``count`` published contributions spread over neighbourhoods, kinds and questions,
    each with two answers and an image."""
    neighbourhoods = list(process.neighbourhoods.all())
    questions = list(process.questions.order_by("number"))
    kinds = list(Contribution.Kind.values)
    made = []
    for i in range(count):
        contribution = published(
            process,
            neighbourhood=neighbourhoods[i % len(neighbourhoods)],
            kind=kinds[i % len(kinds)],
            text=f"Texte numéro {i} sur le logement et la solidarité.",
        )
        Answer.objects.create(
            contribution=contribution, question=questions[1], text=f"Seconde réponse {i}."
        )
        add_image(contribution)
        made.append(contribution)
    return made


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def add_image(contribution: Contribution) -> Attachment:
    attachment = Attachment(
        contribution=contribution,
        kind=Attachment.Kind.IMAGE,
        content_type="image/png",
        original_name="photo-de-Camille-Exemple.png",
        size=10,
        extension=".png",
    )
    attachment.file.save("upload", ContentFile(png_bytes()), save=False)
    attachment.save()
    return attachment


def add_pdf(contribution: Contribution) -> Attachment:
    attachment = Attachment(
        contribution=contribution,
        kind=Attachment.Kind.PDF,
        content_type="application/pdf",
        original_name="mon-cv.pdf",
        size=10,
        extension=".pdf",
    )
    attachment.file.save("upload", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def hidden(process) -> list[Contribution]:
    """One contribution in every non-public state, each with a secret word and a file,
    plus a published contribution of an unpublished process."""
    made = []
    for status in (
        Contribution.Status.PENDING,
        Contribution.Status.REJECTED,
        Contribution.Status.CHANGES_REQUESTED,
    ):
        contribution = ContributionFactory(
            process=process,
            status=status,
            text=f"Motsecretinvisible dans une contribution {status}.",
            author_name="Secrète Personne",
            email="secret@exemple.test",
        )
        # As if it had been published before (the search document is stale on purpose).
        contribution.search_document = "Motsecretinvisible"
        contribution.save(update_fields=["search_document"])
        add_image(contribution)
        made.append(contribution)
    return made


@pytest.fixture
def postgres_only(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
