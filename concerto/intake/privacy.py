"""Personal data of the paper channel (see ``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from concerto.core.personal_data import (
    Erasure,
    ExportBundle,
    NotPersonal,
    PersonalData,
    Subject,
)
from concerto.intake.models import ScanPage

TEAM = _("le membre de l'équipe qui a imprimé, relevé, numérisé ou classé (son numéro)")
TEAM_RETENTION = _("la durée de la démarche : trace du travail de l'équipe")


def _pages(subject: Subject) -> QuerySet[ScanPage]:
    return (
        ScanPage.objects.filter(contribution_id__in=subject.contribution_ids)
        .select_related("contribution")
        .order_by("batch_id", "index")
    )


def _export_page(page: ScanPage, bundle: ExportBundle) -> dict[str, Any]:
    assert page.contribution is not None
    receipt = get_valid_filename(page.contribution.receipt_number)
    image = ""
    if page.image:
        extension = page.image.name.rsplit(".", 1)[-1] if "." in page.image.name else "png"
        image = bundle.add_file(f"paper/{receipt}/page.{extension}", page.image)
    return {
        "receipt_number": page.contribution.receipt_number,
        "state": page.get_state_display(),
        "draft_text": page.draft_text,
        "image": image,
    }


def _erase_pages(
    rows: QuerySet[ScanPage], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # The handwriting and what the OCR read of it go; the page row stays (batch counts).
    changed = 0
    for page in ScanPage.objects.filter(pk__in=rows.values("pk")).select_for_update():
        if page.image or page.draft_text or page.draft_ticks:
            if page.image:
                bundle.deleted_files.append(page.image.name)
            page.image = ""
            page.draft_text = ""
            page.draft_ticks = {}
            page.save(update_fields=["image", "draft_text", "draft_ticks", "updated_at"])
            changed += 1
    return {"scan_pages": changed}


DECLARATIONS = [
    PersonalData(
        model="intake.ScanPage",
        fields=("image", "draft_text", "draft_ticks", "message"),
        subject=_("la personne qui a rempli le formulaire papier"),
        erasure=Erasure.ANONYMISE,
        retention=_(
            "la durée de la démarche ; l'image de la page et sa lecture sont effacées à la "
            "demande de la personne"
        ),
        rows=_pages,
        export_key="paper_pages",
        export=_export_page,
        erase=_erase_pages,
    ),
    PersonalData(
        model="intake.ScanBatch",
        fields=("file", "original_name", "error"),
        subject=_("les personnes dont les formulaires sont dans le lot numérisé"),
        erasure=Erasure.KEEP,
        retention=_(
            "la durée de la démarche : le fichier du lot contient les pages de plusieurs "
            "personnes ; celle de la personne est effacée de sa page (ScanPage)"
        ),
    ),
    PersonalData(
        model="intake.ScanBatch",
        fields=("uploaded_by", "dismissed_by"),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="intake.PrintBatch",
        fields=("created_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="intake.CollectionRound",
        fields=("recorded_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    NotPersonal(
        model="intake.PrintBatch",
        fields=("layout", "pdf", "error"),
        reason=_("des formulaires vierges numérotés et leur mise en page"),
    ),
]
