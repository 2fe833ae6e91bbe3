from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from concerto.processes.models import Channel

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    '{type}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(*, macros: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", CONTENT_TYPES.format(type=DOCM_MAIN if macros else DOCX_MAIN)
        )
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def open_channel(process, *, open_now: bool = True) -> Channel:
    now = timezone.now()
    if open_now:
        opens, closes = now - dt.timedelta(days=5), now + dt.timedelta(days=5)
    else:
        opens, closes = now - dt.timedelta(days=30), now - dt.timedelta(days=1)
    return Channel.objects.create(
        process=process, kind=Channel.Kind.COLLECTIVE, opens_at=opens, closes_at=closes
    )


@pytest.fixture
def organisation(resident):
    from tests.events.factories import MembershipFactory, OrganisationFactory

    org = OrganisationFactory(name="Collectif des Dervallières", kind="collectif")
    MembershipFactory(organisation=org, user=resident)
    return org


def cahier_post(target, **extra) -> dict[str, object]:
    questions = list(target.questions.order_by("number"))
    data: dict[str, object] = {
        "people_count": "42",
        "production_method": "Trois ateliers au centre social, en mars.",
        f"q_{questions[0].pk}": "Nous voulons plus de bancs.",
        f"q_{questions[1].pk}": "Des horaires élargis pour la bibliothèque.",
        "proposals": "Installer des bancs\n\nÉlargir les horaires\nUn marché le dimanche",
        "contact_name": "Camille Secrète",
        "contact_email": "camille.secrete@exemple.test",
        "contact_phone": "06 12 34 56 78",
        "consent_publication": "on",
    }
    data.update(extra)
    return data
