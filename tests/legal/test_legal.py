"""The legal pages of a public body: from settings, editable by an admin in the back-office
(audited), the privacy notice's retention periods read from the settings the purges read."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from concerto.core.models import AuditEvent
from concerto.legal import notice
from concerto.legal.axe import last_axe_run
from concerto.legal.models import LegalTexts

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "resident", "moderator", "analyst", "admin", "official")
PAGES = ("legal:mentions", "privacy", "accessibility", "legal:charter")


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_open_for_everyone_and_are_linked_from_the_footer(client_for, name):
    url = reverse(name)
    for persona in PERSONAS:
        assert client_for(persona).get(url).status_code == 200, persona
    home = client_for("anonymous").get(reverse("processes:home")).content.decode()
    assert f'href="{url}"' in home


def test_mentions_come_from_settings(client, settings):
    settings.CONCERTO_LEGAL_PUBLISHER = "Ville de Testville, 1 place de la Mairie"
    settings.CONCERTO_LEGAL_DIRECTOR = "Le maire de Testville"
    settings.CONCERTO_LEGAL_HOST = "Hébergeur Exemple SAS, Nantes"
    body = client.get(reverse("legal:mentions")).content.decode()
    for text in ("Ville de Testville", "Le maire de Testville", "Hébergeur Exemple SAS"):
        assert text in body


def test_privacy_notice_follows_the_retention_settings(client, settings):
    settings.CONCERTO_RETENTION_DAYS = 123
    settings.CONCERTO_LOGIN_HISTORY_DAYS = 45
    settings.CONCERTO_VOICEMAIL_RETENTION_DAYS = 7
    settings.CONCERTO_INVITATION_DAYS = 1
    settings.CONCERTO_DPO_CONTACT = "dpo@testville.example"
    body = client.get(reverse("privacy")).content.decode()
    for text in ("123 jours", "45 jours", "7 jours", "1 jour)", "dpo@testville.example"):
        assert text in body, text
    for text in ("CNIL", "intérêt public", "Consentement", "portabilité", "Qui la voit"):
        assert text in body, text


def _retention_settings_read_by(module) -> set[str]:
    source = inspect.getsource(module)
    return set(re.findall(r"settings\.(CONCERTO_\w+_DAYS)", source))


def test_every_retention_setting_a_purge_reads_is_in_the_notice():
    """The notice cannot drift: each setting a purge command or service reads is listed."""
    from concerto.organisations import members as organisations_members
    from concerto.privacy.management.commands import purge_personal_data
    from concerto.voice.management.commands import purge_voicemail_audio

    read = set()
    for module in (purge_personal_data, purge_voicemail_audio, organisations_members):
        read |= _retention_settings_read_by(module)
    assert read, "no retention setting found: the test reads the wrong modules"
    assert read <= set(notice.RETENTION_SETTINGS), read - set(notice.RETENTION_SETTINGS)


def test_the_purge_and_the_notice_say_the_same_period(client, settings):
    settings.CONCERTO_RETENTION_DAYS = 77
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "77 jours" in out.getvalue()
    assert "77 jours" in client.get(reverse("privacy")).content.decode()


def test_accessibility_statement_follows_the_rgaa_model(client):
    body = client.get(reverse("accessibility")).content.decode()
    for text in (
        "non conforme",
        "Aucun audit",
        "Non-conformités",
        "Dérogations",
        "Retour d",
        "Défenseur des droits",
        "ce n'est pas un audit",
    ):
        assert text in body, text


def test_axe_results_are_listed_as_automated_tests_never_as_an_audit(client, settings, tmp_path):
    settings.CONCERTO_AXE_RESULTS_DIR = tmp_path
    assert last_axe_run() is None
    (tmp_path / "gw0.json").write_text(
        json.dumps(
            {
                "finished_at": timezone.now().isoformat(),
                "axe_version": "4.11.4",
                "pages": [{"path": "/", "violations": 0}, {"path": "/agenda/", "violations": 2}],
            }
        )
    )
    (tmp_path / "broken.json").write_text("{")
    run = last_axe_run()
    assert run is not None and run.failing == 1 and len(run.pages) == 2
    body = client.get(reverse("accessibility")).content.decode()
    assert "axe-core 4.11.4" in body and "/agenda/" in body
    assert "Tests automatiques (ce n" in body
    assert "non conforme" in body  # automated results never change the status


def test_edit_page_permissions(client_for):
    url = reverse("legal:edit")
    statuses = {p: client_for(p).get(url).status_code for p in PERSONAS}
    assert statuses == {
        "anonymous": 302,
        "resident": 403,
        "moderator": 403,
        "analyst": 403,
        "admin": 200,
        "official": 403,
    }
    assert client_for("moderator").post(url, {"charter": "x"}).status_code == 403
    assert not LegalTexts.objects.exists()


def test_an_admin_edits_the_texts_audited_and_empty_means_default(
    client_for, settings, django_capture_on_commit_callbacks
):
    client = client_for("admin")
    home = client_for("anonymous").get(reverse("processes:home")).content.decode()
    assert "Accessibilité : non conforme" in home
    form = client.get(reverse("legal:edit")).content.decode()
    assert settings.CONCERTO_LEGAL_PUBLISHER[:40] in form  # the defaults, ready to edit
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("legal:edit"),
            {
                "publisher": "Ville de Nantes, 2 rue de l'Hôtel de Ville, 44094 Nantes Cedex 1",
                "accessibility_status": "partial",
                "audit_date": "2026-11-03",
                "charter": "Soyez courtois·e·s.\n\nPas d'insultes.",
            },
        )
    assert response.status_code == 302
    row = LegalTexts.objects.get()
    assert row.publication_director == ""  # left to its default
    assert row.audit_date == dt.date(2026, 11, 3)
    audit_row = AuditEvent.objects.get(action="legal.update")
    assert set(audit_row.data["changed"]) == {
        "publisher",
        "accessibility_status",
        "audit_date",
        "charter",
    }
    public = client_for("anonymous")
    assert "Hôtel de Ville" in public.get(reverse("legal:mentions")).content.decode()
    statement = public.get(reverse("accessibility")).content.decode()
    assert "partiellement conforme" in statement and "3 novembre 2026" in statement
    assert "Accessibilité : partiellement conforme" in statement  # the footer, as the RGAA asks
    assert "Pas d" in public.get(reverse("legal:charter")).content.decode()


def test_bad_input_is_refused_in_french_and_nothing_saved(client_for):
    response = client_for("admin").post(
        reverse("legal:edit"), {"accessibility_status": "bientot", "audit_date": "31/02/2026"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sélectionnez un choix valide" in body and "Saisissez une date valide" in body
    assert not LegalTexts.objects.exists() and not AuditEvent.objects.exists()
