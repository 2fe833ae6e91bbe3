"""The back-office speaks in sentences (issue 13 §7): every audit action written anywhere
in the code has a French sentence, and the audit pages show sentences, not codes."""

from __future__ import annotations

import ast
import html
import pathlib

import pytest
from django.urls import reverse

from concerto.builder.actions import BUILDER_ACTIONS
from concerto.contributions import workflow as contribution_workflow
from concerto.core.audit import audit
from concerto.core.audit_display import describe, sentences
from concerto.events import workflow as event_workflow
from tests.factories import ContributionFactory

ROOT = pathlib.Path(__file__).resolve().parents[2] / "concerto"
# Actions built from a workflow's transitions: f"<prefix>{transition}".
DYNAMIC = {
    "contribution.": list(contribution_workflow.TRANSITIONS),
    "event.": list(event_workflow.TRANSITIONS),
    # the builder's parts: f"builder.{name}_{verb}" over actions.PARTS
    "builder.": [action.removeprefix("builder.") for action in BUILDER_ACTIONS],
    "builder.news_": ["created", "updated"],
    "builder.resource_": ["created", "updated"],
}


def _strings(node: ast.expr) -> list[str] | None:
    """The action strings an expression can take, or None when they cannot be read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        prefix = str(node.values[0].value)
        assert prefix in DYNAMIC, f"action construite inconnue : {ast.unparse(node)}"
        return [prefix + name for name in DYNAMIC[prefix]]
    return None


def written_actions() -> set[str]:
    """Every action passed to ``audit()`` in concerto/: literals, both sides of a
    conditional, f-strings over a workflow, and names bound in the calling function or
    passed as ``action=`` to it by its callers."""
    found: set[str] = set()
    unresolved: list[tuple[str, str]] = []  # (function name, variable)
    kwargs_by_function: dict[str, list[ast.expr]] = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts and path.name != "0004_audit_labels_by_account.py":
            continue
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        kwargs_by_function.setdefault(name, []).append(keyword.value)
                writes = name == "audit" or (
                    name == "create" and "AuditEvent" in ast.unparse(node.func)
                )
                if not writes:
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "action":
                        continue
                    values = _strings(keyword.value)
                    if values is not None:
                        found.update(values)
                    elif isinstance(keyword.value, ast.Name):
                        variable = keyword.value.id
                        bound = [
                            s
                            for a in ast.walk(function)
                            if isinstance(a, ast.Assign)
                            and any(getattr(t, "id", "") == variable for t in a.targets)
                            for s in (_strings(a.value) or [])
                        ]
                        if bound:
                            found.update(bound)
                        else:
                            unresolved.append((function.name, variable))
                    else:
                        raise AssertionError(f"action illisible : {ast.unparse(keyword.value)}")
    for function_name, _variable in unresolved:
        passed = kwargs_by_function.get(function_name, [])
        values = [s for value in passed for s in (_strings(value) or [])]
        assert values, f"les actions de {function_name}() ne se lisent pas"
        found.update(values)
    return found


def test_the_scan_finds_the_actions_of_every_kind_of_call():
    actions = written_actions()
    assert {
        "contribution.reject",  # f-string over the workflow
        "event.refuse",
        "role.revoke",  # conditional
        "event.session_create",  # bound to a name
        "synthesis.theme_archive",  # passed by a caller
        "privacy.erase",
        "core.audit_labels_pseudonymised",  # written by a migration
    } <= actions
    assert len(actions) > 90


def test_every_audit_action_written_in_the_code_has_a_sentence():
    missing = sorted(written_actions() - set(sentences()))
    assert not missing, "Ajoutez une phrase à l'audit_sentences.py de l'app pour : " + ", ".join(
        missing
    )


@pytest.mark.django_db
def test_every_sentence_reads_without_error_even_on_an_empty_row(moderator):
    for action in sentences():
        row = audit(actor=moderator, action=action, data={})
        text = describe(row)
        assert text[0].isupper() and text.rstrip()[-1] in ".:»)—", (action, text)
        assert action not in text


@pytest.mark.django_db
def test_a_refusal_reads_as_the_issue_says(process, moderator):
    contribution = ContributionFactory(process=process)
    row = audit(
        actor=moderator,
        action="contribution.reject",
        target=contribution,
        data={"from": "pending", "to": "rejected", "reason": "offensive"},
    )
    assert describe(row) == (
        f"Modération a refusé la publication de la contribution "
        f"{contribution.receipt_number} : propos injurieux, haineux ou discriminatoires."
    )
    assert "offensive" not in describe(row)
    masked = audit(
        actor=moderator,
        action="contribution.mask",
        target=contribution,
        data={"answers": [701], "edited": False},
    )
    assert describe(masked) == (
        "Modération a masqué les courriels et téléphones de 1 réponse de la contribution "
        f"{contribution.receipt_number}."
    )


@pytest.mark.django_db
def test_an_unknown_action_still_reads_as_a_sentence():
    row = audit(actor=None, action="old.thing")
    assert describe(row) == "Le système : action « old.thing » sur —."


@pytest.mark.django_db
def test_the_audit_pages_show_sentences_not_codes(client_for, process, moderator):
    contribution = ContributionFactory(process=process)
    audit(
        actor=moderator,
        action="contribution.reject",
        target=contribution,
        data={"from": "pending", "to": "rejected", "reason": "offensive"},
    )
    for url in (
        reverse("backoffice:audit"),
        reverse("backoffice:contribution", args=[contribution.pk]),
    ):
        page = html.unescape(client_for("admin").get(url).content.decode())
        assert "Modération a refusé la publication de la contribution" in page, url
        assert "from : pending" not in page and "<td>contribution.reject</td>" not in page


@pytest.mark.django_db
def test_an_events_history_reads_in_sentences(client_for, process, moderator):
    from concerto.events.models import Event
    from concerto.events.services import event_moderate
    from tests.events.factories import EventFactory

    event = EventFactory(process=process, status=Event.Status.PROPOSED, title="Repas partagé")
    event_moderate(event=event, transition="refuse", actor=moderator, reason="Hors du sujet.")
    page = html.unescape(
        client_for("moderator").get(reverse("events:staff:event", args=[event.pk])).content.decode()
    )
    assert "Modération a refusé l'événement « Repas partagé » : Hors du sujet." in page
    assert "event.refuse" not in page


@pytest.mark.django_db
def test_the_audit_filter_lists_actions_in_french(client_for, process, moderator):
    contribution = ContributionFactory(process=process)
    audit(actor=moderator, action="contribution.reject", target=contribution, data={})
    audit(actor=moderator, action="builder.process_published", target=process, data={})
    page = html.unescape(client_for("admin").get(reverse("backoffice:audit")).content.decode())
    assert '<option value="builder.process_published">… a publié la démarche « … ».' in page
    assert ">contribution.reject</option>" not in page and ">builder." not in page
    # The filter still filters by the action's code.
    filtered = client_for("admin").get(
        reverse("backoffice:audit"), {"action": "builder.process_published"}
    )
    assert filtered.status_code == 200
