"""Caller hashes across key changes: re-keyed lazily when the caller calls again."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from concerto.voice.audio import hash_caller
from concerto.voice.models import Voicemail
from tests.voice.conftest import TOKEN

pytestmark = pytest.mark.django_db
CALLER = "06 11 22 33 44"
NEW_PSEUDONYM_KEY = "nouvelle-cle-de-pseudonymisation-" + "n" * 40


def receive(data: bytes):
    return Client().post(
        "/webhooks/voicemail/",
        {"audio": SimpleUploadedFile("appel.wav", data), "caller": CALLER},
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
    )


def test_a_hash_written_before_the_dedicated_key_is_rekeyed_on_the_next_call(
    settings, webhook_settings, make_audio
):
    legacy = hmac.new(settings.SECRET_KEY.encode(), b"0611223344", hashlib.sha256).hexdigest()
    assert receive(make_audio(1.0)).status_code == 201
    Voicemail.objects.update(caller_hash=legacy)  # as the former code wrote it
    assert receive(make_audio(1.5)).status_code == 201
    assert set(Voicemail.objects.values_list("caller_hash", flat=True)) == {hash_caller(CALLER)}


def test_a_rotated_pseudonym_key_keeps_one_caller_one_hash(settings, webhook_settings, make_audio):
    assert receive(make_audio(1.0)).status_code == 201
    other = Voicemail.objects.get()
    settings.CONCERTO_PSEUDONYM_KEY_FALLBACKS = [settings.CONCERTO_PSEUDONYM_KEY]
    settings.CONCERTO_PSEUDONYM_KEY = NEW_PSEUDONYM_KEY
    old_hash = other.caller_hash
    assert receive(make_audio(1.5)).status_code == 201
    hashes = set(Voicemail.objects.values_list("caller_hash", flat=True))
    assert hashes == {hash_caller(CALLER)}
    assert old_hash not in hashes


def test_without_the_former_key_the_old_hash_stays_as_it_was(
    settings, webhook_settings, make_audio
):
    """Nothing is lost: an unmatched hash is left alone (counted as another caller)."""
    assert receive(make_audio(1.0)).status_code == 201
    old_hash = Voicemail.objects.get().caller_hash
    settings.CONCERTO_PSEUDONYM_KEY = NEW_PSEUDONYM_KEY
    assert receive(make_audio(1.5)).status_code == 201
    assert set(Voicemail.objects.values_list("caller_hash", flat=True)) == {
        old_hash,
        hash_caller(CALLER),
    }
