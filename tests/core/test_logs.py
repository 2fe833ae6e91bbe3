"""No personal data in logs (e-mail, name, phone) during a submission."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from concerto.core.logging import ScrubPersonalData
from tests.contributions.helpers import form_data


@pytest.mark.django_db
def test_submission_logs_contain_no_personal_data(
    client, process, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    url = reverse("contributions:contribute", kwargs={"slug": process.slug})
    data = form_data(
        process,
        author_name="Maëlys Tournesol",
        email="maelys.tournesol@exemple.test",
        question_1="Appelez-moi au 06 12 34 56 78 pour en parler.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    # and a refused one, which logs a "Bad Request" warning
    client.post(url, {**data, "kind": "x", "submission_token": "pas-un-uuid"})
    handler_filter = ScrubPersonalData()
    for record in caplog.records:
        handler_filter.filter(record)
        text = record.getMessage()
        assert "maelys.tournesol@exemple.test" not in text
        assert "Tournesol" not in text
        assert "06 12 34 56 78" not in text


def test_scrub_filter_masks_emails_and_phones():
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "contact %s or %s",
        ("a.b@exemple.test", "+33 6 12 34 56 78"),
        None,
    )
    ScrubPersonalData().filter(record)
    assert record.getMessage() == "contact [courriel masqué] or [téléphone masqué]"
