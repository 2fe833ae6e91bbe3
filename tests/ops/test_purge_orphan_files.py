"""purge_orphan_files: the clean-up after a worker died between writing a file and commit."""

from __future__ import annotations

import io
import os
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from concerto.contributions.models import Attachment
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.core.uploads import CheckedFile

HOUR = 3600


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(out, format="PNG")
    return out.getvalue()


def submit_with_attachment(process):
    checked = CheckedFile(png(), "image", "image/png", ".png", "photo.png")
    data = ContributionInput(
        kind="testimony",
        neighbourhood=process.neighbourhoods.first(),
        profile="resident",
        consent_publication=True,
        consent_processing=True,
        answers={process.questions.get(number=1): "Un banc à l'ombre devant l'école."},
        attachments=[checked],
    )
    return contribution_submit(process=process, data=data, submission_token=uuid.uuid4())


def stray_file(name: str, *, age: float) -> Path:
    path = Path(settings.MEDIA_ROOT) / "private" / "attachments" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png())
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_orphan_files", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_deletes_only_old_unreferenced_files_and_is_idempotent(process):
    attachment = submit_with_attachment(process).contribution.attachments.get()
    kept = Path(attachment.file.path)
    os.utime(kept, (time.time() - 5 * HOUR, time.time() - 5 * HOUR))  # old but referenced
    old_orphan = stray_file(f"{uuid.uuid4().hex}.png", age=2 * HOUR)
    young_orphan = stray_file(f"{uuid.uuid4().hex}.png", age=60)  # maybe still in flight

    assert "1 fichiers orphelins supprimés" in run()

    assert kept.read_bytes() == attachment.file.open("rb").read()
    assert not old_orphan.exists()
    assert young_orphan.exists()
    assert "0 fichiers orphelins supprimés" in run()  # idempotent
    assert young_orphan.exists()
    assert Attachment.objects.count() == 1


@pytest.mark.django_db
def test_dry_run_lists_without_deleting_and_min_age_is_configurable(process):
    orphan = stray_file(f"{uuid.uuid4().hex}.png", age=120)
    assert "0 fichiers orphelins" in run("--dry-run")
    output = run("--dry-run", "--min-age", "60")
    assert f"private/attachments/{orphan.name}" in output
    assert orphan.exists()
    run("--min-age", "60")
    assert not orphan.exists()


@pytest.mark.django_db
def test_no_attachment_folder_is_fine():
    assert "0 fichiers orphelins supprimés" in run()
