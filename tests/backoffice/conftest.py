"""Fixtures of the back-office tests: a contribution with personal data and a file."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from concerto.contributions.models import Attachment, Contribution
from tests.factories import ContributionFactory

PII_TEXT = (
    "Il faudrait une permanence au centre social. "
    "Appelez-moi au 06 12 34 56 78 ou écrivez à camille.exemple@exemple.test."
)
PDF_BYTES = b"%PDF-1.4\n% document de test\n%%EOF\n"


@pytest.fixture
def contribution(process) -> Contribution:
    return ContributionFactory(process=process, email="auteur@exemple.test", text=PII_TEXT)


@pytest.fixture
def attachment(contribution) -> Attachment:
    item = Attachment(
        contribution=contribution,
        kind=Attachment.Kind.PDF,
        content_type="application/pdf",
        original_name="plan du quartier.pdf",
        size=len(PDF_BYTES),
        extension=".pdf",
    )
    item.file.save("upload", ContentFile(PDF_BYTES), save=False)
    item.save()
    return item
