"""Organisations' pages: who may open each (permission tests), forms without JavaScript,
bad input answered in French with nothing saved, no raw account number anywhere."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from concerto.core.models import AuditEvent
from concerto.organisations.members import invitation_create, invitation_token
from concerto.organisations.models import Invitation, Membership, Organisation
from concerto.organisations.services import OrganisationInput, organisation_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "resident", "moderator", "analyst", "admin", "official")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _post(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Jardins du Breil",
        "kind": "association",
        "rna": "W442001234",
        "siret": "",
        "description": "Des jardins partagés.",
    }
    data.update(extra)
    return data


@pytest.fixture
def pending(resident) -> Organisation:
    return organisation_create(
        data=OrganisationInput(name="Jardins du Breil", kind="collectif"), actor=resident
    )


def test_a_resident_registers_their_organisation_with_a_logo(client_for, resident):
    client = client_for("resident")
    assert client.get(reverse("organisations:create")).status_code == 200
    logo = SimpleUploadedFile("logo.png", _png())
    response = client.post(reverse("organisations:create"), _post(logo=logo))
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.status == "pending" and organisation.logo_content_type == "image/png"
    assert response["Location"] == reverse(
        "organisations:manage", kwargs={"slug": "jardins-du-breil"}
    )
    assert Membership.objects.get().user == resident
    # Pending: not public, but its members see it.
    detail = reverse("organisations:detail", kwargs={"slug": organisation.slug})
    assert client_for("anonymous").get(detail).status_code == 404
    assert "attend la validation" in client.get(detail).content.decode()
    assert (
        client_for("anonymous")
        .get(reverse("organisations:logo", kwargs={"slug": organisation.slug}))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"kind": "entreprise", "rna": "", "siret": "73282932000075"}, "clé de contrôle"),
        ({"rna": "W123"}, "W, suivi de 9 chiffres"),
        ({"rna": ""}, "Une association indique"),
        ({"logo": "fake"}, "n&#x27;est pas une image"),
    ],
)
def test_bad_input_is_answered_in_french_and_nothing_is_saved(client_for, extra, words):
    if extra.get("logo") == "fake":
        extra = {"logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>")}
    response = client_for("resident").post(reverse("organisations:create"), _post(**extra))
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Organisation.objects.exists() and not AuditEvent.objects.exists()


def test_anonymous_people_are_sent_to_login(client):
    for name in ("organisations:create", "organisations:mine"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_only_responsables_and_staff_manage(client_for, pending, resident):
    url = reverse("organisations:manage", kwargs={"slug": pending.slug})
    statuses = {p: client_for(p).get(url).status_code for p in PERSONAS}
    assert statuses == {
        "anonymous": 302,
        "resident": 200,  # its responsable
        "moderator": 200,
        "analyst": 403,
        "admin": 200,
        "official": 403,
    }
    member = UserFactory()
    Membership.objects.create(organisation=pending, user=member, role="member")
    client = client_for("anonymous")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403  # a plain member manages nothing
    post = client.post(
        reverse("organisations:invite", kwargs={"slug": pending.slug}),
        {"email": "x@exemple.test", "role": "admin"},
    )
    assert post.status_code == 403 and not Invitation.objects.exists()


def test_manage_page_invites_changes_roles_and_removes(client_for, pending, resident):
    client = client_for("resident")
    response = client.post(
        reverse("organisations:invite", kwargs={"slug": pending.slug}),
        {"email": "camille@exemple.test", "role": "member"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    page = client.get(reverse("organisations:manage", kwargs={"slug": pending.slug})).content
    assert "camille@exemple.test" in page.decode()
    bad = client.post(
        reverse("organisations:invite", kwargs={"slug": pending.slug}),
        {"email": "pas-une-adresse", "role": "member"},
    )
    assert bad.status_code == 400 and Invitation.objects.count() == 1
    client.post(reverse("organisations:revoke", kwargs={"slug": pending.slug, "pk": invitation.pk}))
    invitation.refresh_from_db()
    assert invitation.status == "revoked" and invitation.email == ""
    other = UserFactory()
    membership = Membership.objects.create(organisation=pending, user=other)
    client.post(
        reverse("organisations:role", kwargs={"slug": pending.slug, "pk": membership.pk}),
        {"role": "admin"},
    )
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(reverse("organisations:remove", kwargs={"slug": pending.slug, "pk": membership.pk}))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    # The last responsable cannot leave: a French message, nothing changes.
    response = client.post(
        reverse("organisations:leave", kwargs={"slug": pending.slug}), follow=True
    )
    assert "seul·e responsable" in response.content.decode()
    assert Membership.objects.filter(organisation=pending, user=resident).exists()


def test_accepting_an_invitation_through_the_link(client_for, pending, resident):
    invitation = invitation_create(
        organisation=pending, email="camille@exemple.test", role="member", actor=resident
    )
    url = reverse("organisations:accept", kwargs={"token": invitation_token(invitation)})
    anonymous = client_for("anonymous").get(url)
    assert anonymous.status_code == 302 and "/comptes/login/" in anonymous["Location"]
    camille = UserFactory(email="camille@exemple.test")
    client = client_for("anonymous")
    client.force_login(camille, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(url)
    assert page.status_code == 200 and "Accepter l" in page.content.decode()
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(user=camille, organisation=pending).exists()
    again = client.post(url)
    assert again.status_code == 400 and "déjà été utilisée" in again.content.decode()


def test_a_forged_link_says_so(client_for):
    url = reverse("organisations:accept", kwargs={"token": "abc:def:ghi"})
    response = client_for("resident").get(url)
    assert response.status_code == 400
    assert "n&#x27;est pas valide" in response.content.decode()


def test_staff_review_and_public_listing(client_for, pending, moderator):
    review = reverse("organisations:staff:review", kwargs={"pk": pending.pk})
    client = client_for("moderator")
    refused = client.post(review, {"decision": "refuse", "reason": ""})
    assert refused.status_code == 400 and "motif" in refused.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert client.post(review, {"decision": "approve"}).status_code == 302
    pending.refresh_from_db()
    assert pending.is_approved
    listing = client_for("anonymous").get(reverse("organisations:list")).content.decode()
    assert "Jardins du Breil" in listing
    detail = client_for("anonymous").get(pending.get_absolute_url())
    assert detail.status_code == 200


def test_staff_add_a_member_found_by_name_or_email_never_by_number(client_for, pending):
    UserFactory(email="dominique@exemple.test", display_name="Dominique Martin")
    page_url = reverse("organisations:staff:detail", kwargs={"pk": pending.pk})
    client = client_for("moderator")
    for query in ("Dominique", "dominique@exe"):
        body = client.get(page_url, {"q": query}).content.decode()
        assert "dominique@exemple.test" in body
        assert 'name="account" value="dominique@exemple.test"' in body
    short = client.get(page_url, {"q": "do"}).content.decode()
    assert "au moins 3 caractères" in short
    response = client.post(
        reverse("organisations:staff:member_add", kwargs={"pk": pending.pk}),
        {"account": "dominique@exemple.test", "role": "member"},
    )
    assert response.status_code == 302
    assert pending.memberships.filter(user__email="dominique@exemple.test").exists()
    unknown = client.post(
        reverse("organisations:staff:member_add", kwargs={"pk": pending.pk}),
        {"account": "personne@exemple.test", "role": "member"},
        follow=True,
    )
    assert "Aucun compte actif" in unknown.content.decode()


def test_staff_create_on_request(client_for):
    client = client_for("moderator")
    response = client.post(
        reverse("organisations:staff:create"),
        _post(name="Conseil citoyen Nord", kind="conseil", rna="", approve="on"),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.is_approved and not organisation.memberships.exists()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("organisations:staff:list", {}),
        ("organisations:staff:create", {}),
        ("organisations:staff:detail", {"pk": "org"}),
    ],
)
def test_staff_pages_permissions(client_for, pending, name, kwargs):
    url = reverse(name, kwargs={k: pending.pk for k in kwargs})
    statuses = {p: client_for(p).get(url).status_code for p in PERSONAS}
    assert statuses == {
        "anonymous": 302,
        "resident": 403,
        "moderator": 200,
        "analyst": 403,
        "admin": 200,
        "official": 403,
    }


@pytest.mark.parametrize("name", ["organisations:staff:review", "organisations:staff:member_add"])
def test_staff_actions_are_refused_to_others(client_for, pending, name):
    url = reverse(name, kwargs={"pk": pending.pk})
    for persona in ("resident", "analyst", "official"):
        assert client_for(persona).post(url, {"decision": "approve"}).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_an_approved_organisation_shows_its_logo_to_everyone(client_for, resident, moderator):
    from concerto.core.uploads import CheckedFile
    from concerto.organisations.services import organisation_review

    logo = CheckedFile(_png(), "image", "image/png", ".png", "logo.png")
    organisation = organisation_create(
        data=OrganisationInput(name="Jardins du Breil", kind="collectif"),
        actor=resident,
        logo=logo,
    )
    organisation_review(organisation=organisation, approve=True, reason="", actor=moderator)
    response = client_for("anonymous").get(
        reverse("organisations:logo", kwargs={"slug": organisation.slug})
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client_for("anonymous").get(organisation.get_absolute_url()).content.decode()
    assert "Logo de Jardins du Breil" in page
