"""Every URL of the paper channel, every persona: the permission declared in
concerto/intake/permissions.py (ACCESS) is enforced, on GET and on POST."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.core.roles import PERMISSIONS, Role
from concerto.intake.layout import build_layout
from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch, ScanBatch, ScanPage
from concerto.intake.permissions import ACCESS, PUBLIC_VIEWS
from concerto.processes.models import Urn
from tests.conftest import PERSONAS
from tests.factories import UrnFactory

PERSONA_ROLES: dict[str, frozenset[Role] | None] = {
    "anonymous": None,
    "resident": frozenset(),
    "moderator": frozenset({Role.MODERATOR}),
    "analyst": frozenset({Role.ANALYST}),
    "admin": frozenset({Role.ADMIN}),
    "transcriber": frozenset({Role.TRANSCRIBER}),
    "official": frozenset({Role.OFFICIAL}),
}


def intake_patterns() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns: list[Any], namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, (*namespaces, entry.namespace or ""))
            elif (
                isinstance(entry, URLPattern)
                and "intake" in namespaces
                and entry.name not in PUBLIC_VIEWS  # public: see the URL matrix
            ):
                found[entry.name or ""] = entry

    walk(get_resolver().url_patterns, ())
    return found


URLS = intake_patterns()


def test_every_url_has_an_entry_and_is_guarded_by_it():
    assert set(PERSONA_ROLES) == set(PERSONAS)
    assert set(URLS) == set(ACCESS)
    for name, pattern in URLS.items():
        assert getattr(pattern.callback, "access", None) is ACCESS[name], name


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def cheap_batch(urn) -> PrintBatch:
    """Three sheets of a print batch, with a stand-in PDF (WeasyPrint is slow; the real PDF
    is tested in test_printing.py)."""
    batch = PrintBatch(
        process=urn.process,
        urn=urn,
        count=3,
        status=PrintBatch.Status.READY,
        layout=build_layout(urn.process).to_json(),
    )
    batch.pdf.save("lot.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    batch.save()
    PaperSheet.objects.bulk_create(
        PaperSheet(process=urn.process, urn=urn, batch=batch, number=n, printed_at=timezone.now())
        for n in (1, 2, 3)
    )
    return batch


@pytest.fixture
def objects(process, cheap_batch) -> dict[str, Any]:
    printed = cheap_batch
    scan = ScanBatch.objects.create(
        process=process,
        extension=".png",
        content_type="image/png",
        original_name="a.png",
        page_count=3,
    )
    refused = ScanBatch(
        process=process,
        extension=".pdf",
        content_type="application/octet-stream",
        original_name="protege.pdf",
        error="Le PDF est protégé par un mot de passe.",
    )
    refused.file.save("scan", ContentFile(b"%PDF-1.4 chiffre"), save=False)
    refused.save()
    pages = {}
    for index, state in enumerate(("ready", "needs_identification", "error")):
        page = ScanPage(batch=scan, index=index, state=state)
        if state == "ready":
            page.sheet = printed.sheets.get(number=1)
        page.image.save("p.png", ContentFile(_png()), save=False)
        page.save()
        pages[state] = page
    return {
        "urn": printed.urn,
        "spare_urn": UrnFactory(process=process),
        "batch": printed,
        "scan": scan,
        "refused": refused,
        "page": pages["ready"],
        "unidentified": pages["needs_identification"],
        "failed": pages["error"],
    }


# URL name -> the object whose pk goes in the URL
OBJECT_FOR = {
    "urn_detail": "urn",
    "urn_edit": "urn",
    "urn_delete": "spare_urn",
    "print_batch": "urn",
    "collection_round": "urn",
    "batch_pdf": "batch",
    "scan_batch": "scan",
    "batch_file": "refused",
    "batch_dismiss": "refused",
    "page_dismiss": "unidentified",
    "page": "page",
    "page_image": "page",
    "page_identify": "unidentified",
    "page_retry": "failed",
}


def url_for(name: str, objects: dict[str, Any]) -> str:
    kwargs = {}
    if "pk" in URLS[name].pattern.converters:
        kwargs["pk"] = objects[OBJECT_FOR[name]].pk
    return reverse(f"intake:{name}", kwargs=kwargs)


def may(persona: str, permission: str) -> bool:
    roles = PERSONA_ROLES[persona]
    return bool(roles and roles & PERMISSIONS[permission])


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(URLS))
def test_get(name, persona, client_for, objects):
    access = ACCESS[name]
    response = client_for(persona).get(url_for(name, objects))
    if PERSONA_ROLES[persona] is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/comptes/login/?next=")
    elif not may(persona, access.permission):
        assert response.status_code == 403
    elif "GET" not in access.methods:
        assert response.status_code == 405
    elif name == "next_page":
        assert response.status_code == 302
    else:
        assert response.status_code == 200, response.content[:500]
        assert "no-store" in response.get("Cache-Control", "")


def _urn_data(o: dict[str, Any], **extra: Any) -> dict[str, Any]:
    urn: Urn = o["urn"]
    return {
        "process": urn.process_id,
        "code": "nouvelle-urne",
        "place_name": "Médiathèque",
        "place_kind": "autre",
        "address": "2 rue de l'Exemple",
        "neighbourhood": urn.neighbourhood_id,
        **extra,
    }


def _transcription(o: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": "Texte transcrit.",
        "questions": [o["page"].batch.process.questions.first().pk],
        "kind": "testimony",
        "consent_processing": "on",
    }


POST_CASES: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], Callable[..., bool]]] = {
    "urn_create": (
        _urn_data,
        lambda o: Urn.objects.filter(code="nouvelle-urne").exists(),
    ),
    "urn_edit": (
        lambda o: _urn_data(o, code=o["urn"].code, place_name="Lieu renommé"),
        lambda o: Urn.objects.get(pk=o["urn"].pk).place_name == "Lieu renommé",
    ),
    "urn_delete": (lambda o: {}, lambda o: not Urn.objects.filter(pk=o["spare_urn"].pk).exists()),
    "print_batch": (lambda o: {"count": 1}, lambda o: PrintBatch.objects.count() == 2),
    "collection_round": (
        lambda o: {"collected_on": "2022-05-02", "sheet_count": 12},
        lambda o: CollectionRound.objects.filter(sheet_count=12).exists(),
    ),
    "scans": (
        lambda o: {
            "process": o["urn"].process_id,
            "file": ContentFile(_png(), name="scan.png"),
        },
        lambda o: ScanBatch.objects.count() == 3,
    ),
    "page": (_transcription, lambda o: Contribution.objects.filter(channel="paper").exists()),
    "page_identify": (
        lambda o: {"number": 2},
        lambda o: ScanPage.objects.get(pk=o["unidentified"].pk).sheet_id is not None,
    ),
    "page_retry": (
        lambda o: {},
        lambda o: ScanPage.objects.get(pk=o["failed"].pk).state != "error",
    ),
    "page_dismiss": (
        lambda o: {},
        lambda o: ScanPage.objects.get(pk=o["unidentified"].pk).state == "dismissed",
    ),
    "batch_dismiss": (
        lambda o: {},
        lambda o: ScanBatch.objects.get(pk=o["refused"].pk).dismissed_at is not None,
    ),
}
POST_URLS = sorted(name for name, access in ACCESS.items() if "POST" in access.methods)


def test_every_post_url_has_a_case():
    assert set(POST_URLS) == set(POST_CASES)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", POST_URLS)
def test_post(name, persona, client_for, objects):
    build, had_effect = POST_CASES[name]
    audit_before = AuditEvent.objects.count()
    response = client_for(persona).post(url_for(name, objects), build(objects))
    allowed = may(persona, ACCESS[name].permission_for("POST"))
    if PERSONA_ROLES[persona] is None:
        assert response.status_code == 302
        assert response["Location"].startswith("/comptes/login/?next=")
    elif not allowed:
        assert response.status_code == 403
    else:
        assert response.status_code == 302, response.content.decode()[:3000]
    assert had_effect(objects) is allowed, (name, persona)
    assert (AuditEvent.objects.count() > audit_before) is allowed
