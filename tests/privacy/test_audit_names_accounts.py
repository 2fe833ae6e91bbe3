"""Issue 11 §5, checked end to end: after a resident's whole path (a contribution sent while
logged in, moderated, an event registration, a membership, a privacy request, an export,
an erasure) and staff work (a role granted), no audit row holds an address, a name or a
phone number; accounts are named "compte n° <id>"; and no audit() call in the code puts
an address, a name or a phone into a row."""

from __future__ import annotations

import ast
import json
import pathlib
import re
import uuid

import pytest

from concerto.backoffice.services import role_set
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.core.models import AuditEvent
from concerto.core.roles import Role
from concerto.events.registrations import registration_create
from concerto.privacy.services import (
    personal_data_erase,
    personal_data_export,
    privacy_request_create,
)
from tests.events.factories import EventFactory
from tests.factories import UserFactory

ROOT = pathlib.Path(__file__).resolve().parents[2] / "concerto"
EMAIL = "morgane.habitante@exemple.test"
NAME = "Morgane Habitante"
PHONE = "06 12 34 56 78"


def _all_rows() -> str:
    return " ".join(
        " ".join([e.actor_label, e.target_label, e.reason, json.dumps(e.data, ensure_ascii=False)])
        for e in AuditEvent.objects.all()
    )


@pytest.mark.django_db
def test_a_residents_whole_path_leaves_only_account_numbers_in_the_audit_log(
    process, moderator, admin_user
):
    person = UserFactory(email=EMAIL, display_name=NAME)
    question = process.questions.order_by("number").first()
    contribution = contribution_submit(
        process=process,
        data=ContributionInput(
            kind=Contribution.Kind.TESTIMONY,
            neighbourhood=None,
            profile="",
            consent_publication=True,
            consent_processing=True,
            answers={question: "Les personnes âgées isolées attendent une visite."},
            email=EMAIL,
            author_name=NAME,
        ),
        submission_token=uuid.uuid4(),
        user=person,
        check_channel=False,
    ).contribution
    contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
    registration_create(event=EventFactory(process=process), name=NAME, phone=PHONE, user=person)
    privacy_request_create(kind="export", receipt=contribution.receipt_number, email=EMAIL)
    role_set(actor=admin_user, email=EMAIL, role=Role.ANALYST, grant=True)
    role_set(actor=admin_user, email=EMAIL, role=Role.ANALYST, grant=False)
    personal_data_export(user=person, actor=person)
    personal_data_erase(actor=person, user=person)

    text = _all_rows()
    assert AuditEvent.objects.count() >= 7
    for value in (EMAIL, NAME, "Morgane", "12 34 56", "+336123", moderator.email):
        assert value not in text, value
    assert f"compte n° {person.pk}" in text
    assert f"compte n° {moderator.pk}" in text
    # The resident's rows are not linked to their account; staff rows are.
    assert not AuditEvent.objects.filter(actor_id=person.pk).exists()
    assert AuditEvent.objects.filter(actor=moderator, action="contribution.publish").exists()


PERSONAL = re.compile(r"\.(e?mail|display_name|author_name|contact_\w+|phone|name)\b|str\(\w*user")


def test_no_audit_call_writes_an_address_a_name_or_a_phone():
    found = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit":
                for keyword in node.keywords:
                    if keyword.arg in ("data", "reason", "actor_label"):
                        source = ast.unparse(keyword.value)
                        # bool(x.email) says whether there was one, not what it is
                        source = re.sub(r"bool\([^()]*\)", "", source)
                        if PERSONAL.search(source):
                            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {source[:120]}")
    assert not found, found
