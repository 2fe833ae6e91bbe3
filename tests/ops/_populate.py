"""Fill the database of DATABASE_URL with contributions that carry attachments.

Run by tests/ops/test_backup_restore.py in a subprocess (its own database, committed
data): ``python -m tests.ops._populate COUNT`` prints a JSON summary.
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings_test")

import django

django.setup()

from PIL import Image  # noqa: E402

from concerto.contributions.models import Attachment, Contribution  # noqa: E402
from concerto.contributions.services import ContributionInput, contribution_submit  # noqa: E402
from concerto.core.uploads import CheckedFile  # noqa: E402
from tests.factories import ProcessFactory  # noqa: E402

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (seed % 256, 40, 200)).save(out, format="PNG")
    return out.getvalue()


def main(count: int) -> None:
    process = ProcessFactory(slug=f"sauvegarde-{uuid.uuid4().hex[:8]}")
    questions = list(process.questions.order_by("number"))
    for index in range(count):
        files = [CheckedFile(png(index), "image", "image/png", ".png", f"photo-{index}.png")]
        if index % 3 == 0:
            files.append(CheckedFile(PDF, "pdf", "application/pdf", ".pdf", "note.pdf"))
        contribution_submit(
            process=process,
            data=ContributionInput(
                kind="proposal",
                neighbourhood=process.neighbourhoods.first(),
                profile="resident",
                consent_publication=True,
                consent_processing=True,
                author_name="Alix",
                email=f"alix{index}@exemple.test",
                answers={questions[index % 3]: f"Proposition n°{index} : des fontaines à eau."},
                attachments=files,
            ),
            submission_token=uuid.uuid4(),
        )
    print(
        json.dumps(
            {
                "contributions": Contribution.objects.count(),
                "attachments": Attachment.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
