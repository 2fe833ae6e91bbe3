"""The builder's pages, as the dialogue team uses them (no JavaScript): forms in French,
refusals that keep what was typed and save nothing, the preview, the publish switch."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from concerto.core.models import AuditEvent
from concerto.processes.models import Channel, Phase, Process
from concerto.resources.models import Resource
from tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Budget participatif 2026",
    "slug": "budget-2026",
    "receipt_prefix": "bp",
    "receipt_year": "2026",
    "summary": "Proposez des projets pour votre quartier.",
    "objectives": "Trois objectifs :\n- écouter\n- décider ensemble\n- rendre compte",
    "phone_number": "0 800 00 44 00",
}


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def admin(client_for):
    return client_for("admin")


@pytest.fixture
def draft(admin):
    response = admin.post(reverse("builder:create"), NEW)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Process.objects.get(slug="budget-2026")


def part_url(process, kind, pk=None, action=""):
    if pk is None:
        return reverse("builder:part_create", kwargs={"slug": process.slug, "kind": kind})
    name = "builder:part_delete" if action == "delete" else "builder:part_edit"
    return reverse(name, kwargs={"slug": process.slug, "kind": kind, "pk": pk})


def test_create_a_process(admin, draft):
    assert draft.receipt_prefix == "BP" and not draft.is_published
    page = admin.get(reverse("builder:process", kwargs={"slug": draft.slug})).content.decode()
    assert "BP-2026-000001" in page and "Brouillon" in page


def test_create_with_a_taken_slug_keeps_the_form_and_saves_nothing(admin):
    ProcessFactory(slug="budget-2026", title="Déjà là")
    response = admin.post(reverse("builder:create"), NEW)
    assert response.status_code == 400
    page = response.content.decode()
    assert "est déjà celle de la démarche « Déjà là »" in page
    assert "Proposez des projets pour votre quartier." in page  # what was typed stays
    assert Process.objects.count() == 1 and not AuditEvent.objects.exists()


def test_create_refuses_a_bad_slug_and_year_in_french(admin):
    response = admin.post(
        reverse("builder:create"), {**NEW, "slug": "Budget 2026!", "receipt_year": "deux"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Seulement des lettres minuscules sans accent" in page
    assert "Saisissez une année, par exemple 2026." in page


def test_phase_ending_before_it_starts_is_refused(admin, draft):
    response = admin.post(
        part_url(draft, "calendrier"),
        {
            "kind": "contributions",
            "title": "Contributions",
            "starts_on": "05/03/2026",
            "ends_on": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert "avant d&#x27;avoir commencé" in response.content.decode()
    assert not draft.phases.exists()


def test_channel_closing_after_the_process_is_refused(admin, draft):
    admin.post(
        part_url(draft, "calendrier"),
        {
            "kind": "contributions",
            "title": "Contributions",
            "starts_on": "2026-01-26",
            "ends_on": "2026-06-20",
        },
    )
    response = admin.post(
        part_url(draft, "canaux"),
        {"kind": "online", "opens_at": "2026-01-26T09:00", "closes_at": "2026-09-01T12:00"},
    )
    assert response.status_code == 400
    assert "après la fin de la démarche (le 20 juin 2026" in response.content.decode()
    assert not draft.channels.exists()
    response = admin.post(
        part_url(draft, "canaux"),
        {"kind": "online", "opens_at": "2026-01-26T09:00", "closes_at": "20/06/2026 18:00"},
    )
    assert response.status_code == 302
    assert draft.channels.get().kind == Channel.Kind.ONLINE


def test_build_preview_and_publish(admin, draft, client_for):
    admin.post(part_url(draft, "questions"), {"title": "Que proposez-vous ?"})
    admin.post(part_url(draft, "questions"), {"title": "Où ?", "prompts": "Un lieu précis."})
    admin.post(
        part_url(draft, "calendrier"),
        {
            "kind": "contributions",
            "title": "Dépôt des projets",
            "starts_on": "2026-01-26",
            "ends_on": "2026-06-20",
        },
    )
    admin.post(
        part_url(draft, "canaux"),
        {"kind": "online", "opens_at": "2026-01-26T09:00", "closes_at": "2026-06-20T18:00"},
    )
    admin.post(part_url(draft, "quartiers"), {"name": "Nantes Nord"})
    north = draft.neighbourhoods.get()
    response = admin.post(
        part_url(draft, "urnes"),
        {
            "place_name": "Mairie annexe",
            "place_kind": "mairie_annexe",
            "address": "2 rue d'Aix",
            "neighbourhood": north.pk,
            "opening_hours": "9 h – 17 h",
        },
    )
    assert response.status_code == 302
    public = reverse("processes:detail", kwargs={"slug": draft.slug})
    assert client_for("anonymous").get(public).status_code == 404

    preview = admin.get(reverse("builder:preview", kwargs={"slug": draft.slug}))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "pas encore publique" in page
    assert "<ul><li>écouter</li><li>décider ensemble</li><li>rendre compte</li></ul>" in page
    assert "Que proposez-vous ?" in page and "Mairie annexe" in page
    assert "0 800 00 44 00" in page
    assert (
        client_for("resident")
        .get(reverse("builder:preview", kwargs={"slug": draft.slug}))
        .status_code
        == 403
    )

    response = admin.post(
        reverse("builder:publish", kwargs={"slug": draft.slug}), {"published": "1"}
    )
    assert response.status_code == 302
    assert client_for("anonymous").get(public).status_code == 200
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "builder.process_created",
        "builder.question_created",
        "builder.question_created",
        "builder.phase_created",
        "builder.channel_created",
        "builder.neighbourhood_created",
        "builder.urn_created",
        "builder.process_published",
    ]


def test_publishing_an_empty_process_says_what_is_missing(admin, draft):
    response = admin.post(
        reverse("builder:publish", kwargs={"slug": draft.slug}), {"published": "1"}, follow=True
    )
    assert "ajoutez au moins une question" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_resources_are_checked_by_content_and_open(admin, client_for):
    process = ProcessFactory(slug="ouverte")
    fake = SimpleUploadedFile("note.pdf", b"Ceci n'est pas un PDF.", content_type="application/pdf")
    response = admin.post(
        part_url(process, "ressources"),
        {
            "kind": "decryptage",
            "title": "Décryptage",
            "order": "0",
            "is_published": "on",
            "upload": fake,
        },
    )
    assert response.status_code == 400
    assert "n&#x27;est pas une image (JPEG, PNG, WebP) ni un PDF" in response.content.decode()
    assert not Resource.objects.exists()

    response = admin.post(
        part_url(process, "ressources"),
        {"kind": "decryptage", "title": "Sans rien", "order": "0", "is_published": "on"},
    )
    assert response.status_code == 400
    assert "Joignez un fichier ou indiquez un lien" in response.content.decode()

    good = SimpleUploadedFile("decryptage.pdf", pdf_bytes(), content_type="application/pdf")
    response = admin.post(
        part_url(process, "ressources"),
        {
            "kind": "decryptage",
            "title": "Décryptage",
            "order": "0",
            "is_published": "on",
            "upload": good,
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    opened = client_for("anonymous").get(
        reverse("resources:file", kwargs={"slug": process.slug, "pk": resource.pk})
    )
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    assert b"".join(opened.streaming_content).startswith(b"%PDF")


def test_news_draft_and_published(admin, client_for):
    process = ProcessFactory(slug="avec-actus")
    admin.post(part_url(process, "actualites"), {"title": "Brouillon", "body": "Pas encore."})
    admin.post(
        part_url(process, "actualites"),
        {
            "title": "Lancement",
            "body": "Au programme :\n- un\n- deux",
            "published_at": "2026-01-26T09:00",
        },
    )
    page = (
        client_for("anonymous")
        .get(reverse("resources:news_list", kwargs={"slug": process.slug}))
        .content.decode()
    )
    assert "Lancement" in page and "Brouillon" not in page
    post = reverse("resources:news_detail", kwargs={"slug": process.slug, "news_slug": "lancement"})
    detail = client_for("anonymous").get(post).content.decode()
    assert "<p>Au programme :</p><ul><li>un</li><li>deux</li></ul>" in detail


def test_profiles_change_the_contribution_form(admin, client_for):
    process = ProcessFactory(slug="profils")
    data = {
        "offer_resident": "on",
        "label_resident": "Nantais·e",
        "offer_association": "on",
        "label_association": "association",
    }
    response = admin.post(reverse("builder:profiles", kwargs={"slug": process.slug}), data)
    assert response.status_code == 302
    form = (
        client_for("anonymous")
        .get(reverse("contributions:contribute", kwargs={"slug": process.slug}))
        .content.decode()
    )
    assert ">Nantais·e</option>" in form and "élu·e" not in form
    response = admin.post(reverse("builder:profiles", kwargs={"slug": process.slug}), {})
    assert response.status_code == 400
    assert "Proposez au moins un profil." in response.content.decode()


def test_delete_asks_first_then_deletes(admin):
    process = ProcessFactory(slug="suppression")
    phase = process.phases.get()
    confirm = admin.get(part_url(process, "calendrier", phase.pk, "delete"))
    assert (
        confirm.status_code == 200 and "Supprimer « Contributions » ?" in confirm.content.decode()
    )
    assert Phase.objects.filter(pk=phase.pk).exists()
    response = admin.post(part_url(process, "calendrier", phase.pk, "delete"))
    assert response.status_code == 302
    assert not Phase.objects.filter(pk=phase.pk).exists()


def test_questions_move_down(admin):
    process = ProcessFactory(slug="ordre")
    first = process.questions.get(number=1)
    admin.post(
        reverse("builder:question_move", kwargs={"slug": process.slug, "pk": first.pk}),
        {"direction": "down"},
    )
    first.refresh_from_db()
    assert first.number == 2


def test_copy_page(admin):
    source = ProcessFactory(slug="assises", receipt_prefix="ASN", receipt_year=2022)
    url = reverse("builder:copy", kwargs={"slug": source.slug})
    form = admin.get(url).content.decode()
    year = max(timezone.localdate().year, 2023)
    assert 'value="ASN"' in form and f'value="{year}"' in form
    response = admin.post(
        url,
        {
            "title": "Assises 2026",
            "slug": "assises-2026",
            "receipt_prefix": "ASN",
            "receipt_year": "2026",
        },
    )
    assert response.status_code == 302
    copy = Process.objects.get(slug="assises-2026")
    assert copy.questions.count() == 3
    response = admin.post(
        url, {"title": "Encore", "slug": "encore", "receipt_prefix": "ASN", "receipt_year": "2026"}
    )
    assert response.status_code == 400
    assert "sont déjà ceux de la démarche « Assises 2026 »" in response.content.decode()


def test_pages_have_no_dashes_placeholder_nor_raw_objects(admin):
    process = ProcessFactory(slug="propre")
    urls = [
        reverse("builder:index"),
        reverse("builder:create"),
        reverse("builder:process", kwargs={"slug": process.slug}),
        reverse("builder:edit", kwargs={"slug": process.slug}),
        reverse("builder:copy", kwargs={"slug": process.slug}),
        reverse("builder:profiles", kwargs={"slug": process.slug}),
        *(
            part_url(process, kind)
            for kind in (
                "questions",
                "calendrier",
                "canaux",
                "quartiers",
                "urnes",
                "ressources",
                "actualites",
            )
        ),
    ]
    for url in urls:
        response = admin.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "---------" not in page, url
        assert " object (" not in page, url
    urn_form = admin.get(part_url(process, "urnes")).content.decode()
    assert ">Nantes Nord</option>" in urn_form


def test_unknown_part_is_404(admin):
    process = ProcessFactory(slug="inconnue")
    assert admin.get(part_url(process, "licornes")).status_code == 404


def test_edit_keeps_the_dates_of_a_phase(admin):
    process = ProcessFactory(slug="dates")
    phase = process.phases.get()
    page = admin.get(part_url(process, "calendrier", phase.pk)).content.decode()
    assert f'value="{phase.starts_on:%Y-%m-%d}"' in page
