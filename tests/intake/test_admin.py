"""The paper and phone channels in the Django admin: an admin opens every list and record;
private files are never linked (no storage URL), the caller's number hash is not shown."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from concerto.intake.layout import build_layout
from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch, ScanBatch, ScanPage
from concerto.voice.models import Voicemail
from tests.factories import UrnFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = {
    "intake": ["printbatch", "papersheet", "collectionround", "scanbatch", "scanpage"],
    "voice": ["voicemail"],
}


@pytest.fixture
def records(process) -> dict[str, object]:
    urn = UrnFactory(process=process)
    batch = PrintBatch(
        process=process,
        urn=urn,
        count=1,
        status=PrintBatch.Status.READY,
        layout=build_layout(process).to_json(),
    )
    batch.pdf.save("lot.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    batch.save()
    sheet = PaperSheet.objects.create(
        process=process, urn=urn, batch=batch, number=1, printed_at=timezone.now()
    )
    rounds = CollectionRound.objects.create(urn=urn, collected_on="2022-05-02", sheet_count=3)
    scan = ScanBatch(process=process, extension=".png", content_type="image/png")
    scan.original_name = "scan.png"
    scan.file.save("scan", ContentFile(b"png"), save=False)
    scan.save()
    page = ScanPage(batch=scan, index=0, state="ready", sheet=sheet, draft_text="Bonjour")
    page.image.save("p.png", ContentFile(b"png"), save=False)
    page.save()
    voicemail = Voicemail(
        process=process,
        received_at=timezone.now(),
        caller_hash="c0ffee" * 10,
        source="inbox",
        sha256="a" * 64,
        original_name="m.wav",
        extension=".wav",
        content_type="audio/wav",
        audio_format="wav",
        duration=12.0,
        size=3,
        state="manual",
    )
    voicemail.audio.save("m", ContentFile(b"wav"), save=False)
    voicemail.save()
    return {
        "printbatch": batch,
        "papersheet": sheet,
        "collectionround": rounds,
        "scanbatch": scan,
        "scanpage": page,
        "voicemail": voicemail,
    }


@pytest.fixture
def admin_client(client):
    staff = UserFactory(email="admin-django@exemple.test", roles=["admin"])
    staff.is_staff = True
    staff.save()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(("app", "model"), [(a, m) for a, ms in MODELS.items() for m in ms])
def test_admin_opens_each_list_and_record_without_private_links(admin_client, records, app, model):
    listing = admin_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert listing.status_code == 200, model
    record = records[model]
    detail = admin_client.get(reverse(f"admin:{app}_{model}_change", args=[record.pk]))
    assert detail.status_code == 200, model
    for response in (listing, detail):
        html = response.content.decode()
        assert f"{settings.MEDIA_URL}private" not in html and "private/" not in html
        assert "c0ffee" not in html
    # Read-only: changes go through the staff pages and their audit log.
    assert admin_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403


def test_admin_links_to_the_guarded_staff_pages(admin_client, records):
    batch = records["printbatch"]
    html = admin_client.get(reverse("admin:intake_printbatch_change", args=[batch.pk]))
    assert reverse("intake:batch_pdf", kwargs={"pk": batch.pk}) in html.content.decode()
    voicemail = records["voicemail"]
    html = admin_client.get(reverse("admin:voice_voicemail_change", args=[voicemail.pk]))
    assert reverse("voice:message", kwargs={"pk": voicemail.pk}) in html.content.decode()


def test_staff_without_the_role_does_not_see_them(client, records):
    staff = UserFactory(email="staff-sans-role@exemple.test", roles=["analyst"])
    staff.is_staff = True
    staff.save()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("admin:intake_scanbatch_changelist")).status_code == 403
    assert client.get(reverse("admin:voice_voicemail_changelist")).status_code == 403
