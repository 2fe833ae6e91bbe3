"""Who may open each URL of the site, declared as data (the permission matrix).

``tests/security/test_url_matrix.py`` walks the URL resolver, opens every URL it finds with
each persona of ``tests/conftest.py`` (anonymous, resident, moderator, analyst, admin) and
checks the status against the entry here. A URL without an entry fails the test.

Adding a URL
    Add one line to ``ACCESS``, keyed by the URL's full name (``"namespace:name"``, or just
    ``"name"`` outside any namespace). A key may end with ``*`` to cover a whole family
    (``"admin:*"``); an exact key wins over a wildcard. The value is one of the access classes
    below. If the URL has parameters, say where their values come from with ``.using(...)``:
    each parameter maps to an attribute path of the ``Site`` fixture
    (tests/security/conftest.py), e.g. ``.using(pk="resource.pk")``, or to a literal value
    written ``"=value"``. ``slug``, ``receipt``, ``news_slug``, ``token`` and ``object_id``
    have defaults (``DEFAULT_KWARGS``).

Access classes (the expected status of a GET, per persona)
    ``PUBLIC``            200 for everyone.
    ``LOGIN``             302 to the login page for anonymous people, 200 once logged in.
    ``STAFF(perm)``       302 to login (anonymous), 403 without ``perm``, 200 with it.
    ``STAFF_POST(perm)``  a POST-only staff action: 302 (anonymous), 403 without ``perm``,
                          405 on GET with it.
    ``POST_ONLY``         405 on GET for everyone (the view decides on POST).
    ``ANONYMOUS_PAGE``    200 for anonymous people, 302 (to ``/``) once logged in.
    ``NOT_FOUND``         404 for everyone with these parameters (e.g. a key we cannot forge).
    ``REDIRECT(to)``      302 for everyone, to a URL starting with ``to``.
    ``DJANGO_ADMIN``      the Django admin (/admin-django/): none of the personas is
                          ``is_staff``, so every page sends them to the admin login page.
    ``Access.custom(...)`` anything else, persona by persona.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from concerto.core.roles import PERMISSIONS, Role

PERSONAS = ("anonymous", "resident", "moderator", "analyst", "admin", "official")
PERSONA_ROLES: dict[str, frozenset[Role]] = {
    "anonymous": frozenset(),
    "resident": frozenset(),
    "moderator": frozenset({Role.MODERATOR}),
    "analyst": frozenset({Role.ANALYST}),
    "admin": frozenset({Role.ADMIN}),
    "official": frozenset({Role.OFFICIAL}),
}

LOGIN = "/comptes/login/?next="
ADMIN_LOGIN = "/admin-django/login/?next="

# URL parameter -> where its value comes from (attribute path in the Site fixture).
DEFAULT_KWARGS: dict[str, str] = {
    "slug": "process.slug",
    "receipt": "published.receipt_number",
    "news_slug": "news.slug",
    "token": "token",
    "object_id": "=1",
    "content_type_id": "=1",
    "url": "=inexistant/",
    "app_label": "=processes",
    "id": "=1",
}


def _may(persona: str, permission: str) -> bool:
    return bool(PERSONA_ROLES[persona] & PERMISSIONS[permission])


@dataclass(frozen=True)
class Access:
    label: str
    statuses: Mapping[str, int]
    redirect_to: str | Mapping[str, str] = LOGIN  # where a 302 leads (Location prefix)
    kwargs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def using(self, **kwargs: str) -> Access:
        return replace(self, kwargs=MappingProxyType({**self.kwargs, **kwargs}))

    def redirect_for(self, persona: str) -> str:
        if isinstance(self.redirect_to, str):
            return self.redirect_to
        return self.redirect_to[persona]

    @classmethod
    def custom(
        cls, label: str, redirect_to: str | Mapping[str, str] = LOGIN, **statuses: int
    ) -> Access:
        assert set(statuses) == set(PERSONAS), f"{label} : un statut par profil ({PERSONAS})"
        return cls(label, MappingProxyType(statuses), redirect_to)


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def _all_to(prefix: str) -> dict[str, str]:
    return dict.fromkeys(PERSONAS, prefix)


PUBLIC = Access("PUBLIC", _all(200))
LOGIN_REQUIRED = Access("LOGIN", {**_all(200), "anonymous": 302})
POST_ONLY = Access("POST_ONLY", _all(405))
NOT_FOUND = Access("NOT_FOUND", _all(404))
ANONYMOUS_PAGE = Access("ANONYMOUS_PAGE", {**_all(302), "anonymous": 200}, redirect_to="/")
DJANGO_ADMIN = Access("DJANGO_ADMIN", _all(302), redirect_to=ADMIN_LOGIN)


def REDIRECT(to: str) -> Access:
    """302 for everyone, to a URL starting with ``to``."""
    return Access(f"REDIRECT({to})", _all(302), redirect_to=to)


def STAFF(permission: str, allowed: int = 200) -> Access:
    """``allowed``: the status for those with the permission (404 when the test has no
    object to show them: the guard is still checked for everyone else)."""
    assert permission in PERMISSIONS, permission
    statuses = {p: allowed if _may(p, permission) else 403 for p in PERSONAS}
    return Access(f"STAFF({permission})", {**statuses, "anonymous": 302})


def STAFF_POST(permission: str) -> Access:
    assert permission in PERMISSIONS, permission
    statuses = {p: 405 if _may(p, permission) else 403 for p in PERSONAS}
    return Access(f"STAFF_POST({permission})", {**statuses, "anonymous": 302})


ACCESS: dict[str, Access] = {
    # --- public pages -------------------------------------------------------------------
    "processes:home": PUBLIC,
    "processes:detail": PUBLIC,
    "intake:blank_form": PUBLIC,  # the blank paper form of the process, to print at home
    "contributions:contribute": PUBLIC,
    "contributions:thanks": PUBLIC.using(token="thanks_token"),  # signed, for 24 hours
    "contributions:author_edit": PUBLIC,  # the signed token is the credential
    "contributions:list": PUBLIC,
    "contributions:detail": PUBLIC,
    "contributions:attachment": PUBLIC.using(pk="image.pk"),
    "contributions:export_csv": PUBLIC,
    "contributions:export_json": PUBLIC,
    "resources:news_list": PUBLIC,
    "resources:news_feed": PUBLIC,
    "resources:news_detail": PUBLIC,
    "resources:file": PUBLIC.using(pk="resource.pk"),
    "privacy": PUBLIC,
    "accessibility": PUBLIC,
    "health": PUBLIC,
    "identity_theme": PUBLIC.using(version="=0"),  # the City's colours (any version: today's)
    "identity_logo": NOT_FOUND.using(version="=0"),  # no logo is set in the matrix's site
    # --- the read-only API (django-ninja) -------------------------------------------------
    "api:*": PUBLIC,
    "api:api-root": NOT_FOUND,  # /api/ itself lists nothing
    "api:get_event": PUBLIC.using(event_id="event.pk"),
    # --- the process builder: concerto.builder.permissions.BUILDER_ACCESS ----------------
    "builder:index": STAFF("processes.build"),
    "builder:create": STAFF("processes.build"),
    "builder:process": STAFF("processes.build"),
    "builder:edit": STAFF("processes.build"),
    "builder:copy": STAFF("processes.build"),
    "builder:profiles": STAFF("processes.build"),
    "builder:preview": STAFF("processes.build"),
    "builder:publish": STAFF_POST("processes.manage"),
    "builder:part_create": STAFF("processes.build").using(kind="=questions"),
    "builder:part_edit": STAFF("processes.build").using(kind="=ressources", pk="resource.pk"),
    "builder:part_delete": STAFF("processes.build").using(kind="=urnes", pk="urn.pk"),
    "builder:question_move": STAFF_POST("processes.build").using(pk="=1"),
    # --- back-office: the same table as concerto.backoffice.permissions.ACCESS -------------
    "backoffice:dashboard": STAFF("backoffice.view"),
    "backoffice:queue": STAFF("contributions.view_private"),
    "backoffice:bulk": STAFF_POST("contributions.moderate"),
    "backoffice:contribution": STAFF("contributions.view_private").using(pk="pending.pk"),
    "backoffice:decide": STAFF_POST("contributions.moderate").using(pk="pending.pk"),
    "backoffice:mask": STAFF_POST("contributions.moderate").using(pk="pending.pk"),
    "backoffice:public_texts": STAFF_POST("contributions.moderate").using(pk="pending.pk"),
    "backoffice:attachment": STAFF("contributions.view_private").using(pk="private_file.pk"),
    "backoffice:audit": STAFF("audit.view"),
    "backoffice:roles": STAFF("accounts.manage_roles"),
    "backoffice:identity": STAFF("identity.manage"),
    # --- personal data ------------------------------------------------------------------
    "privacy:my_data": LOGIN_REQUIRED,
    "privacy:export": POST_ONLY,
    "privacy:erase": POST_ONLY,
    "privacy:erased": PUBLIC,
    "privacy:request": PUBLIC,
    "privacy:request_sent": PUBLIC,
    "privacy:staff_requests": STAFF("privacy.handle_requests"),
    "privacy:staff_request": STAFF("privacy.handle_requests").using(pk="privacy_request.pk"),
    # --- accounts (django-allauth under /comptes/) ----------------------------------------
    "account_*": LOGIN_REQUIRED,
    "account_login": ANONYMOUS_PAGE,
    "account_signup": ANONYMOUS_PAGE,
    # Logging out is a POST (ACCOUNT_LOGOUT_ON_GET = False); GET shows the confirmation.
    "account_logout": Access.custom(
        "LOGOUT",
        redirect_to="/",
        anonymous=302,
        resident=200,
        moderator=200,
        analyst=200,
        admin=200,
        official=200,
    ),
    # Every persona has a password: allauth sends them to "change password" instead.
    "account_set_password": Access.custom(
        "SET_PASSWORD",
        redirect_to={**_all_to("/comptes/password/change/"), "anonymous": LOGIN},
        **_all(302),
    ),
    # Only during a login by code, which Concerto does not offer: away.
    "account_confirm_login_code": Access.custom(
        "LOGIN_CODE", redirect_to={**_all_to("/"), "anonymous": "/comptes/login/"}, **_all(302)
    ),
    # Reauthentication by a code sent by e-mail (allauth 65.22+), which Concerto does not
    # offer (ACCOUNT_REAUTHENTICATION_METHODS = password): refused once logged in, login
    # for anonymous people.
    "account_request_reauthentication_code": Access.custom(
        "REAUTH_CODE", **{**_all(403), "anonymous": 302}
    ),
    "account_confirm_reauthentication_code": Access.custom(
        "REAUTH_CODE_CONFIRM", **{**_all(403), "anonymous": 302}
    ),
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_confirm_email": PUBLIC.using(key="=cle-inconnue"),
    "account_reset_password_from_key": PUBLIC.using(uidb36="=1", key="=cle-inconnue"),
    # --- events (concerto.events; staff pages guarded by events.permissions.EVENT_ACCESS) --
    "events:staff:queue": STAFF("events.moderate"),
    "events:staff:event": STAFF("events.moderate").using(pk="event.pk"),
    "events:staff:decide": STAFF_POST("events.moderate").using(pk="event.pk"),
    # Programme (sessions) and walking route (stops) of an event; the test event has none,
    # so the pages about one session or stop are 404 for those allowed past the guard.
    "events:staff:sessions": STAFF("events.moderate").using(pk="event.pk"),
    "events:staff:session_create": STAFF("events.moderate").using(pk="event.pk"),
    "events:staff:session_edit": STAFF("events.moderate", allowed=404).using(
        pk="event.pk", session="=999999"
    ),
    "events:staff:stops": STAFF("events.moderate").using(pk="event.pk"),
    "events:staff:stop_create": STAFF("events.moderate").using(pk="event.pk"),
    "events:staff:stop_edit": STAFF("events.moderate", allowed=404).using(
        pk="event.pk", stop="=999999"
    ),
    "events:staff:stop_delete": STAFF_POST("events.moderate").using(pk="event.pk", stop="=999999"),
    "events:*": PUBLIC.using(event="event.slug", neighbourhood="=q0", year="=2022", month="=5"),
    "events:mine": LOGIN_REQUIRED,
    "events:propose": LOGIN_REQUIRED,
    "events:register": POST_ONLY.using(event="event.slug"),
    "events:cancel": NOT_FOUND.using(token="=jeton-invalide"),
    "events:stop_photo": NOT_FOUND.using(event="event.slug", pk="=999999"),
    # Organiser pages (is_organiser): staff with events.moderate, the proposer, members of
    # the organisation; none of the other personas is one.
    "events:month_current": REDIRECT("/demarches/"),  # to this month's page
    # Only the proposer edits an event sent back to them (staff included: they decide).
    "events:edit": Access.custom(
        "PROPOSER",
        anonymous=302,
        resident=403,
        moderator=403,
        analyst=403,
        admin=403,
        official=403,
    ).using(event="event.slug"),
    "events:attendees": STAFF("events.moderate").using(event="event.slug"),
    "events:attendees_csv": STAFF("events.moderate").using(event="event.slug"),
    "events:report": STAFF("events.moderate").using(event="event.slug"),
    # --- paper channel (concerto.intake): generated from intake.permissions.ACCESS below ---
    # --- the Django admin: none of the personas is is_staff ---------------------------------
    "admin:*": DJANGO_ADMIN,
    "admin:login": PUBLIC,  # logged-in non-staff people are told they may not enter
    "admin:logout": REDIRECT("/admin-django/"),
}


def _intake_entries() -> dict[str, Access]:
    """The paper channel's pages, from the table its views are guarded by. Pages about a
    scan or a page get an id that does not exist (the test builds no scan): for them the
    guard is checked (302/403) and those allowed get 404."""
    from concerto.intake.permissions import ACCESS as INTAKE_ACCESS

    objects = {
        "urn_detail": "urn.pk",
        "urn_edit": "urn.pk",
        "urn_delete": "urn.pk",
        "print_batch": "urn.pk",
        "collection_round": "urn.pk",
        "batch_pdf": "print_batch.pk",
    }
    without_pk = {"urns", "urn_create", "scans", "next_page", "counts"}
    entries = {}
    for name, access in INTAKE_ACCESS.items():
        if "GET" not in access.methods:
            entry = STAFF_POST(access.permission)
        elif name in objects or name in without_pk:
            entry = STAFF(access.permission)
        else:
            entry = STAFF(access.permission, allowed=404)
        entries[f"intake:{name}"] = entry.using(pk=objects.get(name, "=999999"))
    # With no scanned page waiting, "next page" sends those allowed back to the scans.
    next_page = entries["intake:next_page"]
    entries["intake:next_page"] = Access.custom(
        "STAFF(intake.transcribe) -> scans",
        redirect_to={**_all_to("/backoffice/papier/numerisations/"), "anonymous": LOGIN},
        **{p: 302 if s == 200 else s for p, s in next_page.statuses.items()},
    )
    return entries


ACCESS.update(_intake_entries())


def _table_entries(namespace: str, table: Mapping[str, Any], no_object: set[str]) -> dict:
    """Staff pages guarded by an app's own ``ACCESS`` table (``staff_view(name, table=…)``).
    Pages about an object get an id that does not exist (the test builds none): the guard is
    checked (302/403) and those allowed get 404."""
    entries: dict[str, Access] = {}
    for name, access in table.items():
        if "GET" not in access.methods:
            entry = STAFF_POST(access.permission)
        elif name in no_object:
            entry = STAFF(access.permission)
        else:
            entry = STAFF(access.permission, allowed=404)
        entries[f"{namespace}:{name}"] = entry.using(pk="=999999")
    return entries


def _collective_and_voice_entries() -> dict[str, Access]:
    from concerto.collective.permissions import ACCESS as COLLECTIVE_ACCESS
    from concerto.voice.permissions import ACCESS as VOICE_ACCESS

    entries = _table_entries(
        "collective", COLLECTIVE_ACCESS, {"staff_list", "staff_enter", "works"}
    )
    entries.update(_table_entries("voice", VOICE_ACCESS, {"messages", "receipt_lookup"}))
    # Filing a cahier online: logged-in people (the page says who may file, and whether the
    # channel is open). The test process has no published cahier: its page and PDF are 404.
    entries["collective:file"] = LOGIN_REQUIRED
    entries["collective:detail"] = NOT_FOUND
    entries["collective:pdf"] = NOT_FOUND
    entries["collective:work_detail"] = NOT_FOUND
    entries["collective:work_public_file"] = NOT_FOUND
    # The voicemail provider's webhook: POST only, authenticated by a secret token.
    entries["voice:webhook"] = POST_ONLY
    return entries


ACCESS.update(_collective_and_voice_entries())


def _organisations_and_legal_entries() -> dict[str, Access]:
    """Organisations (concerto.organisations) and the legal pages (concerto.legal). The
    test site has no organisation: pages about one get a slug that does not exist."""
    from concerto.legal.permissions import ACCESS as LEGAL_ACCESS
    from concerto.organisations.permissions import ACCESS as ORGANISATIONS_ACCESS

    entries = _table_entries("organisations:staff", ORGANISATIONS_ACCESS, {"list", "create"})
    entries.update(_table_entries("legal", LEGAL_ACCESS, {"edit"}))
    unknown = {"slug": "=organisation-inconnue", "pk": "=999999"}
    entries["organisations:list"] = PUBLIC
    entries["organisations:create"] = LOGIN_REQUIRED
    entries["organisations:mine"] = LOGIN_REQUIRED
    entries["organisations:detail"] = NOT_FOUND.using(**unknown)
    entries["organisations:logo"] = NOT_FOUND.using(**unknown)
    entries["organisations:manage"] = Access.custom(
        "SIGNED_IN_404", **{**_all(404), "anonymous": 302}
    ).using(**unknown)
    for name in ("invite", "revoke", "role", "remove", "leave"):
        entries[f"organisations:{name}"] = POST_ONLY.using(**unknown)
    # An invitation link whose signature does not check: a French message, status 400.
    entries["organisations:accept"] = Access.custom(
        "SIGNED_IN_400", **{**_all(400), "anonymous": 302}
    ).using(token="=lien-falsifie")
    entries["legal:mentions"] = PUBLIC
    entries["legal:charter"] = PUBLIC
    return entries


ACCESS.update(_organisations_and_legal_entries())


def _synthesis_entries() -> dict[str, Access]:
    """The analysts' workspace (concerto.synthesis.permissions.ACCESS): pages about an
    object get an id that does not exist (404 for analysts and admins)."""
    from concerto.synthesis.permissions import ACCESS as SYNTHESIS_ACCESS
    from concerto.synthesis.permissions import WITHOUT_OBJECT

    return _table_entries("synthesis", SYNTHESIS_ACCESS, WITHOUT_OBJECT)


ACCESS.update(_synthesis_entries())


def _followup_entries() -> dict[str, Access]:
    """Droit de suite: the receipt path (public, rate-limited), the signed unsubscribe link
    and the annual follow-up report (staff table; public once an admin published one)."""
    from concerto.followup.permissions import ACCESS as FOLLOWUP_ACCESS

    entries = _table_entries("followup", FOLLOWUP_ACCESS, {"annual_reports"})
    entries["followup:lookup"] = PUBLIC
    entries["followup:path"] = PUBLIC  # receipt: the published contribution's number
    # The signed token is the credential: a forged one is 404 (GET) and 403 (POST).
    entries["followup:unsubscribe"] = NOT_FOUND.using(token="=jeton-invalide")
    # The test process has no published annual report.
    entries["followup:annual_public"] = NOT_FOUND
    entries["followup:annual_public_pdf"] = NOT_FOUND
    return entries


ACCESS.update(_followup_entries())


def _reports_entries() -> dict[str, Access]:
    """The synthesis report: statistics and editor (staff table), public pages once a
    version is published (the test process has none: 404), its API endpoints too."""
    from concerto.reports.permissions import ACCESS as REPORTS_ACCESS

    entries = _table_entries(
        "reports", REPORTS_ACCESS, {"index", "statistics", "editor", "publish"}
    )
    for name in ("latest", "version", "pdf", "proposals_csv", "proposals_json"):
        entries[f"reports:{name}"] = NOT_FOUND.using(number="=1")
    for name in ("get_report", "list_report_proposals", "list_report_figures"):
        entries[f"api:{name}"] = NOT_FOUND
    return entries


ACCESS.update(_reports_entries())


def _strategy_entries() -> dict[str, Access]:
    """The answer and the strategy (concerto.strategy.permissions.ACCESS). The test process
    has no published report, answer nor strategy: the pages about an object are 404 for
    those allowed, its public answer, dashboard and action pages too; its open data (no
    action yet) and its API lists are empty but public."""
    from concerto.strategy.permissions import ACCESS as STRATEGY_ACCESS

    entries = _table_entries(
        "strategy",
        STRATEGY_ACCESS,
        {"staff_index", "answers", "answers_validate", "answers_publish", "actions",
         "commitment_create"},
    )  # fmt: skip
    entries["strategy:answer_edit"] = STAFF("answers.draft", allowed=404).using(number="=999")
    for name in ("answer", "answer_pdf", "dashboard"):
        entries[f"strategy:{name}"] = NOT_FOUND
    entries["strategy:action"] = NOT_FOUND.using(code="=9.9")
    entries["strategy:export_csv"] = PUBLIC
    entries["strategy:export_json"] = PUBLIC
    entries["api:get_action"] = NOT_FOUND.using(code="=9.9")
    return entries


ACCESS.update(_strategy_entries())


def _rights_entries() -> dict[str, Access]:
    """Access to rights (concerto.rights.permissions.ACCESS): only the rights roles, which
    none of these personas holds (tests/rights/test_permissions.py opens them as agents);
    a case number that does not exist would be 404 for them."""
    from concerto.rights.permissions import ACCESS as RIGHTS_ACCESS

    entries = _table_entries("rights", RIGHTS_ACCESS, {"staff_home", "diagnostic_new", "figures"})
    for name in ("case", "case_update", "case_letter", "case_accesses"):
        entries[f"rights:{name}"] = entries[f"rights:{name}"].using(number="=DR-INCONNU")
    entries["rights:places"] = PUBLIC
    entries["rights:selfcheck"] = PUBLIC  # anonymous, stored nowhere
    return entries


ACCESS.update(_rights_entries())

# Views that may skip the CSRF check (csrf_exempt): only read-only ones, which must answer
# a POST with 405.
CSRF_EXEMPT = ("api:*", "voice:webhook", "followup:unsubscribe")
# csrf_exempt views that accept a POST authenticated by a secret token instead: without the
# token they answer 403.
TOKEN_AUTHENTICATED: tuple[str, ...] = ("voice:webhook", "followup:unsubscribe")  # RFC 8058


def lookup(name: str) -> tuple[str, Access] | None:
    """The entry of a URL name: the exact key, else the longest matching wildcard."""
    if name in ACCESS:
        return name, ACCESS[name]
    matches = [key for key in ACCESS if "*" in key and fnmatch.fnmatchcase(name, key)]
    if not matches:
        return None
    key = max(matches, key=len)
    return key, ACCESS[key]


def is_csrf_exempt_allowed(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, key) for key in CSRF_EXEMPT)
