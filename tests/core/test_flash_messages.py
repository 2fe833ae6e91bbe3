"""Every flash message is a French sentence (issue 13 §7): "La contribution ASN-… est
publiée.", never "« Publier » fait." — checked on every messages.*() call of concerto/
whose text is written in the code, and on the decision messages built from workflows."""

from __future__ import annotations

import ast
import pathlib
import re

from concerto.backoffice.views import DONE_MESSAGES as CONTRIBUTION_DONE
from concerto.backoffice.views import bulk_done_message
from concerto.contributions.workflow import TRANSITIONS as CONTRIBUTION_TRANSITIONS
from concerto.events.staff_views import DONE_MESSAGES as EVENT_DONE
from concerto.events.workflow import TRANSITIONS as EVENT_TRANSITIONS

ROOT = pathlib.Path(__file__).resolve().parents[2] / "concerto"
LEVELS = {"success", "info", "warning", "error", "debug", "add_message"}
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
CODE_LIKE = re.compile(r"»\s*fait\b|\b[a-z]+\.[a-z_]+\b|\b\w+ : \[|\bfrom : |\bto : ")


def problems(text: str) -> list[str]:
    found = []
    if not (text[:1].isupper() or text[:1].isdigit() or text.startswith("%(")):
        found.append("ne commence pas par une majuscule")
    if text.rstrip()[-1:] not in (".", "!", "?", ":"):
        found.append("ne finit pas par un point")
    if CODE_LIKE.search(text):
        found.append("contient un code ou un libellé de bouton")
    return found


def _texts(node: ast.expr) -> list[str] | None:
    """The literal texts of a message expression, or None if it is built elsewhere."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _texts(node.left)
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body), _texts(node.orelse)
        return (body or []) + (orelse or []) if body is not None or orelse is not None else None
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in GETTEXT:
        return [a.value for a in node.args if isinstance(a, ast.Constant)][:2]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    return None


def written_messages() -> list[tuple[str, str]]:
    found = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and getattr(node.func.value, "id", "") == "messages"
                and node.func.attr in LEVELS
                and len(node.args) >= 2
            ):
                continue
            message = node.args[2] if node.func.attr == "add_message" else node.args[1]
            for text in _texts(message) or []:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", text))
    return found


def test_the_scan_finds_the_messages():
    texts = [text for _where, text in written_messages()]
    assert len(texts) > 60
    assert "Le rapport est en préparation." in texts


def test_every_flash_message_written_in_the_code_is_a_sentence():
    bad = [(where, text, problems(text)) for where, text in written_messages() if problems(text)]
    assert not bad, bad


def test_decisions_on_contributions_and_events_are_told_in_sentences():
    assert set(CONTRIBUTION_DONE) == set(CONTRIBUTION_TRANSITIONS)
    assert set(EVENT_DONE) == set(EVENT_TRANSITIONS)
    for template in [*CONTRIBUTION_DONE.values(), *EVENT_DONE.values()]:
        text = str(template) % {"receipt": "ASN-2022-000123", "title": "Repas partagé"}
        assert not problems(text), text
    assert str(CONTRIBUTION_DONE["publish"]) % {"receipt": "ASN-2022-000123"} == (
        "La contribution ASN-2022-000123 est publiée."
    )
    for transition in ("publish", "reject", "set_aside", "request_changes"):
        for count in (1, 3):
            assert not problems(bulk_done_message(transition, count))
    assert bulk_done_message("publish", 3) == "3 contributions sont publiées."


def test_the_checker_refuses_what_the_issue_found():
    assert problems("« Publier » fait.")
    assert problems("contribution.reject")
    assert problems("from : pending / to : rejected")
    assert problems("answers : [701] edited : False")
    assert not problems("La contribution ASN-2022-000123 est publiée.")
