"""The demo codebook and codings (``manage.py loaddemo``): made through the services,
deterministic, every quote an exact substring of the published text, a double-coded sample
with some disagreement, and fast."""

from __future__ import annotations

import pytest
from django.utils import timezone

from concerto.accounts.models import User
from concerto.core.models import AuditEvent
from concerto.demo import loader
from concerto.demo.loader import Accounts
from concerto.synthesis.agreement import agreement
from concerto.synthesis.models import Codebook, CodebookVersion, Coding, CodingSample, Theme

pytestmark = pytest.mark.django_db


def test_demo_codebook_codings_and_sample():
    result = loader.load_demo(contributions=200, accounts=Accounts.FIXED)
    process = result.process
    book = Codebook.objects.get(process=process)
    names = set(Theme.objects.filter(codebook=book).values_list("name", flat=True))
    assert {"Accès aux droits et non-recours", "Santé mentale", "Aller-vers"} <= names
    assert Theme.objects.filter(codebook=book, parent__isnull=False).exists()
    assert not Theme.objects.filter(codebook=book, parent__parent__isnull=False).exists()
    assert book.version == CodebookVersion.objects.filter(codebook=book).count()
    assert all(t.definition for t in Theme.objects.filter(codebook=book))
    codings = list(Coding.objects.filter(theme__codebook=book).select_related("answer", "coder"))
    assert len(codings) > 100
    analyst = User.objects.get(email="analyse@demo.concerto.test")
    assert {c.coder for c in codings} == {analyst}
    quotes = [c for c in codings if c.is_quote]
    assert len(quotes) > 20
    for coding in codings:
        if coding.start is not None:
            assert coding.answer.shown_text[coding.start : coding.end] == coding.excerpt
    audited = AuditEvent.objects.filter(
        action="synthesis.coding_create", target_id__in=[str(c.pk) for c in codings]
    )
    assert audited.count() == len(codings)
    sample = CodingSample.objects.get(process=process)
    assert sample.is_finished and sample.coder_a == analyst
    summary = agreement(sample)
    assert summary.units >= 12
    kappa = summary.overall_kappa
    assert kappa is not None and 0.4 < kappa < 1  # good, not perfect


def _remove_synthesis(process):
    """Undo the synthesis part of the demo (the rest of the demo stays)."""
    Coding.objects.filter(theme__codebook__process=process).delete()
    CodingSample.objects.filter(process=process).delete()
    Theme.objects.filter(codebook__process=process, parent__isnull=False).delete()
    Codebook.objects.filter(process=process).delete()


def test_demo_is_deterministic_and_works_without_login_accounts():
    from concerto.demo.synthesis import load_demo

    def fingerprint():
        return sorted(
            Coding.objects.values_list(
                "answer__contribution__receipt_number",
                "answer__question__number",
                "theme__name",
                "start",
                "end",
                "is_quote",
            )
        )

    result = loader.load_demo(contributions=60, accounts=Accounts.NONE)
    first = fingerprint()
    assert first
    assert not User.objects.filter(email="analyse@demo.concerto.test").exists()
    coders = set(Coding.objects.values_list("coder__email", flat=True))
    assert coders == {"analyse-automatique@demo.concerto.test"}
    assert not User.objects.get(
        email="analyse-automatique@demo.concerto.test"
    ).has_usable_password()
    _remove_synthesis(result.process)
    load_demo(process=result.process, now=timezone.now())
    assert fingerprint() == first
