"""Staff roles and what each may do, declared as data.

The table in docs/roles.md is the human-readable copy of PERMISSIONS; a test checks
that both say the same and that every back-office URL obeys it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from rules import add_perm, predicate  # type: ignore[attr-defined]


class Role(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"
    ANALYST = "analyst"
    TRANSCRIBER = "transcriber"
    OFFICIAL = "official"
    # Access to rights (concerto.rights): counter agents and their supervisor.
    RIGHTS_AGENT = "rights_agent"
    RIGHTS_SUPERVISOR = "rights_supervisor"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "administrateur·rice",
    Role.MODERATOR: "modérateur·rice",
    Role.ANALYST: "analyste",
    Role.TRANSCRIBER: "transcripteur·rice",
    Role.OFFICIAL: "élu·e",
    Role.RIGHTS_AGENT: "agent·e d'accès aux droits",
    Role.RIGHTS_SUPERVISOR: "responsable de l'accès aux droits",
}

# permission name -> roles that hold it
PERMISSIONS: dict[str, frozenset[Role]] = {
    "backoffice.view": frozenset({Role.ADMIN, Role.MODERATOR, Role.ANALYST, Role.OFFICIAL}),
    "contributions.view_private": frozenset({Role.ADMIN, Role.MODERATOR, Role.ANALYST}),
    "contributions.moderate": frozenset({Role.ADMIN, Role.MODERATOR}),
    "processes.manage": frozenset({Role.ADMIN}),
    # The process builder (concerto.builder): drafting, copying, preview. Publishing a
    # process (and withdrawing it) stays "processes.manage".
    "processes.build": frozenset({Role.ADMIN, Role.MODERATOR}),
    "resources.manage": frozenset({Role.ADMIN, Role.MODERATOR}),
    "audit.view": frozenset({Role.ADMIN}),
    "accounts.manage_roles": frozenset({Role.ADMIN}),
    "identity.manage": frozenset({Role.ADMIN}),
    "privacy.handle_requests": frozenset({Role.ADMIN}),
    "intake.manage": frozenset({Role.ADMIN, Role.MODERATOR}),
    "intake.transcribe": frozenset({Role.ADMIN, Role.MODERATOR, Role.TRANSCRIBER}),
    "events.moderate": frozenset({Role.ADMIN, Role.MODERATOR}),
    "collective.enter": frozenset({Role.ADMIN, Role.MODERATOR}),
    # Organisations (concerto.organisations): approve, refuse, create on request, members.
    "organisations.manage": frozenset({Role.ADMIN, Role.MODERATOR}),
    # The legal pages (concerto.legal): mentions, privacy notice, accessibility, charter.
    "legal.edit": frozenset({Role.ADMIN}),
    # Synthesis (concerto.synthesis): the analysts' workspace and the report.
    "synthesis.view": frozenset({Role.ADMIN, Role.ANALYST}),
    "synthesis.code": frozenset({Role.ADMIN, Role.ANALYST}),
    "reports.edit": frozenset({Role.ADMIN, Role.ANALYST}),
    "reports.publish": frozenset({Role.ADMIN}),
    # The answer and the strategy (concerto.strategy).
    "answers.draft": frozenset({Role.ADMIN, Role.ANALYST}),
    "answers.validate": frozenset({Role.OFFICIAL}),
    "answers.publish": frozenset({Role.ADMIN}),
    "strategy.manage": frozenset({Role.ADMIN}),
    "strategy.update": frozenset({Role.ADMIN, Role.ANALYST}),
    "followup.report": frozenset({Role.ADMIN, Role.ANALYST, Role.OFFICIAL}),
    # Access to rights (concerto.rights): only the rights roles see a case, not even admins.
    "rights.diagnose": frozenset({Role.RIGHTS_AGENT, Role.RIGHTS_SUPERVISOR}),
    "rights.view_cases": frozenset({Role.RIGHTS_AGENT, Role.RIGHTS_SUPERVISOR}),
    "rights.supervise": frozenset({Role.RIGHTS_SUPERVISOR}),
}


def staff_roles(user: Any) -> frozenset[Role]:
    """The staff roles of ``user`` (a superuser is an admin). Cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_concerto_roles", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names = {group.name for group in user.groups.all()}
    roles = {role for role in Role if role.value in names}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    result = frozenset(roles)
    user._concerto_roles = result
    return result


def _has_any(allowed: frozenset[Role]) -> Any:
    @predicate
    def has_role(user: Any) -> bool:
        return bool(staff_roles(user) & allowed)

    return has_role


for _name, _allowed in PERMISSIONS.items():
    add_perm(f"concerto.{_name}", _has_any(_allowed))  # type: ignore[no-untyped-call]


def can(user: Any, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(permission)
    return bool(user.has_perm(f"concerto.{permission}"))
