"""The audit log in plain French: every row shown as a sentence ("Modération a refusé la
publication de la contribution ASN-2022-000123 : propos injurieux.") instead of its
action code and raw data.

Each app says how its actions read in ``<app>/audit_sentences.py``::

    from django.utils.translation import gettext_lazy as _

    SENTENCES = {
        # a template: %(actor)s, %(target)s, %(reason)s and every key of the row's data
        "urn.create": _("%(actor)s a ajouté l'urne « %(target)s »."),
        # or a function of the row and that same context, for choices and plurals
        "contribution.reject": reject_sentence,
    }

The sentences are collected by discovery (``import_module``), so ``core`` imports no app;
``tests/core/test_audit_sentences.py`` fails when an action written anywhere in the code
has no sentence. A row whose action is unknown (an old row) still reads as a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.core.models import AuditEvent
from concerto.core.roles import Role, staff_roles

SentenceFunction = Callable[[AuditEvent, Mapping[str, str]], str]
Sentence = str | Promise | SentenceFunction

# How a member of staff is named at the start of a sentence: by the role they act in.
ROLE_SUBJECTS: dict[Role, Promise] = {
    Role.ADMIN: gettext_lazy("Administration"),
    Role.MODERATOR: gettext_lazy("Modération"),
    Role.OFFICIAL: gettext_lazy("Élu·e"),
    Role.ANALYST: gettext_lazy("Analyse"),
    Role.TRANSCRIBER: gettext_lazy("Transcription"),
}
MISSING = "—"


class _Context(dict[str, str]):
    """A template never fails on a key the row does not have."""

    def __missing__(self, key: str) -> str:
        return MISSING


def _value(value: Any) -> str:
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or MISSING
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items()) or MISSING
    return str(value)


def actor_phrase(event: AuditEvent) -> str:
    """Who acted: a member of staff by the role they act in, the system, or an account
    by its number (a resident's row is never linked to their account)."""
    if event.actor_id is not None and event.actor is not None:
        roles = staff_roles(event.actor)
        for role, subject in ROLE_SUBJECTS.items():
            if role in roles:
                return str(subject)
        return _("Un ancien membre de l'équipe (%(label)s)") % {"label": event.actor_label}
    if event.actor_label in ("", "système"):
        return _("Le système")
    return _("La personne (%(label)s)") % {"label": event.actor_label}


def context(event: AuditEvent) -> _Context:
    values = _Context({key: _value(value) for key, value in (event.data or {}).items()})
    values.update(
        {
            "actor": actor_phrase(event),
            "target": event.target_label or MISSING,
            "reason": event.reason or MISSING,
        }
    )
    return values


def _app_sentences(app_name: str) -> Mapping[str, Sentence]:
    module_name = f"{app_name}.audit_sentences"
    if find_spec(module_name) is None:
        return {}
    return dict(getattr(import_module(module_name), "SENTENCES", {}))


@cache
def sentences() -> dict[str, Sentence]:
    """Every action's sentence, from every installed app of Concerto."""
    found: dict[str, Sentence] = {}
    for config in apps.get_app_configs():
        if config.name.startswith("concerto."):
            found.update(_app_sentences(config.name))
    return found


def describe(event: AuditEvent) -> str:
    """The row as one French sentence."""
    values = context(event)
    sentence = sentences().get(event.action)
    if sentence is None:
        return _("%(actor)s : action « %(action)s » sur %(target)s.") % {
            **values,
            "action": event.action,
        }
    if callable(sentence):
        return sentence(event, values)
    return str(sentence) % values


def choice_label(choices: Any, value: str) -> str:
    """The French label of a stored choice (a reason code…), or the code if it is gone."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value or MISSING


class _Ellipsis(dict[str, str]):
    """Every placeholder of a sentence shown as "…" (the sentence of an action, no row)."""

    def __missing__(self, key: str) -> str:
        return "…"


def action_label(action: str) -> str:
    """An action in French for the audit log's filter: its sentence with "…" in place of who
    and what ("… a publié la démarche « … »."), or the code if it has no sentence."""
    sentence = sentences().get(action)
    values = _Ellipsis({"actor": "…", "target": "…", "reason": "…"})
    try:
        if callable(sentence):
            return sentence(AuditEvent(action=action, data={}), values)
        if sentence is not None:
            return str(sentence) % values
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    return action
