"""Publishing an original work (no form, so no profile) must not break the public API:
before, its empty profile failed the schema and the whole list answered 500."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from concerto.collective.models import OriginalWork
from concerto.contributions.models import Contribution

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_published_original_work_is_in_the_contributions_api(client, client_for, process):
    staff = client_for("moderator")
    response = staff.post(
        reverse("collective:works"),
        {
            "process": str(process.pk),
            "kind": "photo",
            "title": "Dessins de l'école Jean-Moulin",
            "authors": "Classe de CM2",
            "description": "Des dessins du quartier rêvé.",
            "text_alternative": "Un dessin au feutre : une place avec des arbres et des bancs.",
            "questions": [str(process.questions.order_by("number").first().pk)],
            "file": SimpleUploadedFile("dessin.png", _png()),
        },
    )
    assert response.status_code == 302
    work = OriginalWork.objects.get()
    staff.post(reverse("collective:work_publish", kwargs={"pk": work.pk}))
    work.contribution.refresh_from_db()
    assert work.contribution.status == Contribution.Status.PUBLISHED
    assert work.contribution.profile == ""

    response = client.get(f"/api/processes/{process.slug}/contributions")
    assert response.status_code == 200
    items = response.json()["items"]
    mine = [i for i in items if i["receipt_number"] == work.contribution.receipt_number]
    assert len(mine) == 1 and mine[0]["profile"] is None
    response = client.get(f"/api/contributions/{work.contribution.receipt_number}")
    assert response.status_code == 200 and response.json()["profile"] is None
