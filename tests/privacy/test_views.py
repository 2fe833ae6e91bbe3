"""The pages: who may open them, the resident's own flow, the public request form, staff."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from concerto.accounts.models import User
from concerto.contributions.models import Attachment, Contribution
from concerto.core.models import AuditEvent
from concerto.privacy.models import PrivacyRequest
from concerto.privacy.services import ERASED_TEXT
from tests.factories import PASSWORD, ContributionFactory
from tests.privacy.helpers import PDF_BYTES, add_attachment, assert_not_in_audit, read_zip

STAFF_PERSONAS = ("anonymous", "resident", "moderator", "analyst", "admin")


@pytest.fixture
def privacy_request(db, process) -> PrivacyRequest:
    contribution = ContributionFactory(process=process, email="dominique@exemple.test")
    return PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.ERASURE,
        receipt=contribution.receipt_number,
        email="dominique@exemple.test",
        message="Merci d'effacer ma contribution.",
    )


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and reverse("account_login") in response["Location"]


# --- Who may open what --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_own_data_page_needs_an_account(client_for, persona):
    response = client_for(persona).get(reverse("privacy:my_data"))
    if persona == "anonymous":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == 200
        assert "Télécharger mes données" in response.content.decode()
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_own_export_needs_an_account(client_for, persona):
    response = client_for(persona).post(reverse("privacy:export"))
    if persona == "anonymous":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_own_erasure_needs_an_account(client_for, persona):
    response = client_for(persona).post(reverse("privacy:erase"), {"confirmation": "non"})
    if persona == "anonymous":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == 400
    assert User.objects.filter(is_active=True).count() == (0 if persona == "anonymous" else 1)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
@pytest.mark.parametrize("name", ["erased", "request", "request_sent"])
def test_public_pages_are_open_to_everyone(client_for, persona, name):
    assert client_for(persona).get(reverse(f"privacy:{name}")).status_code == 200


@pytest.mark.django_db
def test_export_and_erasure_refuse_get(client_for):
    client = client_for("resident")
    assert client.get(reverse("privacy:export")).status_code == 405
    assert client.get(reverse("privacy:erase")).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
def test_staff_list_is_for_request_handlers_only(client_for, persona, privacy_request):
    response = client_for(persona).get(reverse("privacy:staff_requests"))
    if persona == "anonymous":
        assert _is_login_redirect(response)
    elif persona == "admin":
        assert response.status_code == 200
        assert str(privacy_request) in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", STAFF_PERSONAS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_detail_is_for_request_handlers_only(client_for, persona, method, privacy_request):
    url = reverse("privacy:staff_request", kwargs={"pk": privacy_request.pk})
    data = {"action": "erase", "receipts": privacy_request.receipt, "confirmation": "EFFACER"}
    response = getattr(client_for(persona), method)(url, data if method == "post" else None)
    if persona == "anonymous":
        assert _is_login_redirect(response)
    elif persona == "admin":
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 403
    if persona != "admin":
        assert Contribution.objects.get().email == "dominique@exemple.test"
        assert not AuditEvent.objects.filter(action="privacy.erase").exists()


# --- A resident with an account -----------------------------------------------------------


@pytest.mark.django_db
def test_resident_downloads_their_data(client_for, resident, process):
    contribution = ContributionFactory(process=process, user=resident, author_name="Habitante")
    add_attachment(contribution)
    response = client_for("resident").post(reverse("privacy:export"))
    data, files = read_zip(response.content)
    assert data["account"]["email"] == resident.email
    assert data["contributions"][0]["receipt_number"] == contribution.receipt_number
    assert PDF_BYTES in files.values()
    assert_not_in_audit(resident.email, "Habitante", actions_prefix="privacy.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"confirmation": "oui", "password": PASSWORD}, "Écrivez le mot EFFACER"),
        ({"confirmation": "EFFACER", "password": "mauvais"}, "n&#x27;est pas le bon"),
        ({"confirmation": "", "password": ""}, "Ce champ est obligatoire"),
    ],
)
def test_erasure_form_errors_are_in_french_and_change_nothing(
    client_for, resident, process, data, message
):
    ContributionFactory(process=process, user=resident)
    response = client_for("resident").post(reverse("privacy:erase"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.filter(pk=resident.pk).exists()
    assert Contribution.objects.get().user_id == resident.pk


@pytest.mark.django_db
def test_resident_erases_their_account_and_is_logged_out(
    client_for, resident, process, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(process=process, user=resident, text="Mon texte.")
    add_attachment(contribution)
    client = client_for("resident")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:erase"), {"confirmation": "effacer ", "password": PASSWORD}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:erased")
    assert "effacées" in client.get(response["Location"]).content.decode()
    assert not User.objects.filter(pk=resident.pk).exists()
    assert "_auth_user_id" not in client.session
    contribution.refresh_from_db()
    assert contribution.user_id is None
    assert contribution.answers.get().text == ERASED_TEXT
    assert not Attachment.objects.exists()
    assert_not_in_audit(resident.email, "Habitante", actions_prefix="privacy.")


@pytest.mark.django_db
def test_staff_member_cannot_erase_their_own_account_here(client_for, admin_user):
    client = client_for("admin")
    assert "retirer vos rôles" in client.get(reverse("privacy:my_data")).content.decode()
    response = client.post(
        reverse("privacy:erase"), {"confirmation": "EFFACER", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert User.objects.filter(pk=admin_user.pk, is_active=True).exists()


# --- Someone without an account ---------------------------------------------------------------


@pytest.mark.django_db
def test_request_form_records_a_request(client, process):
    contribution = ContributionFactory(process=process)
    response = client.post(
        reverse("privacy:request"),
        {
            "kind": "export",
            "receipt": f"  {contribution.receipt_number.lower()} ",
            "email": "Dominique@Exemple.test",
            "message": "Je n'ai pas d'ordinateur, appelez la maison de quartier.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:request_sent")
    request = PrivacyRequest.objects.get()
    assert request.receipt == contribution.receipt_number
    assert request.email == "dominique@exemple.test"
    assert request.status == PrivacyRequest.Status.NEW
    assert_not_in_audit("dominique@exemple.test", "maison de quartier")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"receipt": "ZZZ-2022-999999"}, "Nous ne trouvons pas ce numéro de récépissé"),
        ({"receipt": "<script>alert(1)</script>"}, "Nous ne trouvons pas ce numéro de récépissé"),
        ({"receipt": "x" * 33}, "au plus 32 caractères"),
        ({"receipt": ""}, "Ce champ est obligatoire"),
        ({"kind": "tout"}, "Sélectionnez un choix valide"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"message": "a" * 2001}, "au plus 2000 caractères"),
        ({"message": "<script>alert('x')</script>"}, "sans balises HTML"),
        ({"message": "bonjour <img src=x onerror=alert(1)>"}, "sans balises HTML"),
        ({"message": "texte\x00nul"}, "caractère nul"),
        ({"website": "http://spam.example"}, "Ce champ doit rester vide"),
    ],
)
def test_request_form_bad_input_is_refused_in_french(client, process, overrides, message):
    contribution = ContributionFactory(process=process)
    data = {"kind": "erasure", "receipt": contribution.receipt_number, "email": "", "message": ""}
    data.update(overrides)
    response = client.post(reverse("privacy:request"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page or message in page
    assert "<script>alert" not in page
    assert not PrivacyRequest.objects.exists()


@pytest.mark.django_db
def test_request_form_accepts_a_lone_less_than_sign(client, process):
    contribution = ContributionFactory(process=process)
    response = client.post(
        reverse("privacy:request"),
        {"kind": "erasure", "receipt": contribution.receipt_number, "message": "merci <3"},
    )
    assert response.status_code == 302
    assert PrivacyRequest.objects.get().message == "merci <3"


@pytest.mark.django_db
def test_request_form_is_rate_limited(client, process, settings):
    settings.CONCERTO_PRIVACY_REQUEST_RATE = 2
    contribution = ContributionFactory(process=process)
    data = {"kind": "erasure", "receipt": contribution.receipt_number}
    codes = [client.post(reverse("privacy:request"), data).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert PrivacyRequest.objects.count() == 2


# --- Staff handle a request ---------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_preview_by_receipt_then_export_then_erase(
    client_for, process, privacy_request, admin_user, django_capture_on_commit_callbacks
):
    contribution = Contribution.objects.get(receipt_number=privacy_request.receipt)
    add_attachment(contribution)
    ContributionFactory(process=process, email="autre@exemple.test")
    client = client_for("admin")
    url = reverse("privacy:staff_request", kwargs={"pk": privacy_request.pk})

    page = client.get(url).content.decode()
    assert contribution.receipt_number in page
    assert "identique à celle de la demande" in page
    assert "Merci d&#x27;effacer" in page

    search = {"receipts": contribution.receipt_number, "email": ""}
    response = client.post(url, {**search, "action": "export"})
    assert response["Content-Disposition"].startswith("attachment;")
    data, files = read_zip(response.content)
    assert [c["receipt_number"] for c in data["contributions"]] == [contribution.receipt_number]
    assert PDF_BYTES in files.values()

    response = client.post(url, {**search, "action": "erase", "confirmation": "mauvais"})
    assert response.status_code == 400
    assert "Écrivez le mot EFFACER" in response.content.decode()
    assert Contribution.objects.get(pk=contribution.pk).email

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**search, "action": "erase", "confirmation": "EFFACER"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.email == ""
    assert contribution.author_name == ""
    assert not contribution.attachments.exists()
    assert Contribution.objects.filter(email="autre@exemple.test").exists()
    privacy_request.refresh_from_db()
    assert privacy_request.status == PrivacyRequest.Status.DONE
    assert privacy_request.handled_by == admin_user
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"privacy.export", "privacy.erase"} <= actions
    assert_not_in_audit(
        "dominique@exemple.test", "autre@exemple.test", "Camille Exemple", "Merci d'effacer"
    )


@pytest.mark.django_db
def test_staff_find_contributions_by_email(client_for, process, privacy_request):
    other = ContributionFactory(process=process, email="dominique@exemple.test")
    url = reverse("privacy:staff_request", kwargs={"pk": privacy_request.pk})
    client = client_for("admin")
    response = client.post(url, {"receipts": "", "email": "DOMINIQUE@exemple.test"})
    page = response.content.decode()
    assert response.status_code == 200
    assert other.receipt_number in page
    assert privacy_request.receipt in page

    client.post(
        url,
        {
            "receipts": "",
            "email": "dominique@exemple.test",
            "action": "erase",
            "confirmation": "EFFACER",
        },
    )
    assert not Contribution.objects.filter(email="dominique@exemple.test").exists()
    assert Contribution.objects.filter(anonymised_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_staff_search_needs_a_criterion(client_for, privacy_request):
    url = reverse("privacy:staff_request", kwargs={"pk": privacy_request.pk})
    response = client_for("admin").post(url, {"receipts": "", "email": "", "action": "export"})
    assert response.status_code == 400
    assert "Indiquez un numéro de récépissé ou une adresse e-mail" in response.content.decode()


@pytest.mark.django_db
def test_staff_close_a_request(client_for, privacy_request, admin_user):
    url = reverse("privacy:staff_request", kwargs={"pk": privacy_request.pk})
    client = client_for("admin")
    assert client.post(url, {"action": "close", "status": "bizarre"}).status_code == 302
    privacy_request.refresh_from_db()
    assert privacy_request.is_open
    client.post(url, {"action": "close", "status": "refused"})
    privacy_request.refresh_from_db()
    assert privacy_request.status == PrivacyRequest.Status.REFUSED
    assert privacy_request.handled_by == admin_user
    list_page = client.get(reverse("privacy:staff_requests") + "?statut=traitees")
    assert str(privacy_request) in list_page.content.decode()
    assert AuditEvent.objects.filter(action="privacy.request_close").count() == 1


@pytest.mark.django_db
def test_privacy_page_lists_the_retention_period_and_links(client, settings):
    settings.CONCERTO_RETENTION_DAYS = 200
    page = client.get(reverse("privacy")).content.decode()
    assert "200 jours" in page
    assert reverse("privacy:my_data") in page
    assert reverse("privacy:request") in page


@pytest.mark.django_db
def test_anonymous_client_is_really_anonymous():
    assert Client().get(reverse("privacy:my_data")).status_code == 302
