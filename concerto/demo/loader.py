"""Loading the Nantes demo into the database (used by ``manage.py loaddemo``).

Two processes: the « Assises des nouvelles solidarités » at their real dates (2022, then
the report, the answer, the strategy adopted on 30 June 2023 and its follow-up), and a
« Scénario de démonstration » open today (``concerto.demo.scenario``), to try contributing,
moderating and analysing. Everything is written in one transaction: a failure leaves the
database as it was.
Contributions go through the real services (``concerto.demo.contributions``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.selectors import facets_changed
from concerto.core.roles import Role
from concerto.demo import nantes, scenario
from concerto.demo.contributions import (
    create_contributions,
    create_neighbourhoods,
    create_urns,
)
from concerto.demo.events import load_events
from concerto.demo.intake import delete_channels, load_channels
from concerto.demo.organisations import load_organisations
from concerto.demo.reports import load_demo as load_report
from concerto.demo.strategy import load_demo as load_strategy
from concerto.demo.synthesis import load_demo as load_synthesis
from concerto.processes.models import Channel, Phase, Process, Question, Urn
from concerto.resources.models import NewsPost, Resource

PARIS = ZoneInfo("Europe/Paris")
DEMO_PASSWORD = "concerto-demo-2022"
DEMO_DOMAIN = "demo.concerto.test"
SITE_DOMAIN = "127.0.0.1:8000"
# Moderates the demo contributions when the login accounts are not created: it has
# no usable password, so nobody can sign in with it.
SYSTEM_MODERATOR = f"moderation-automatique@{DEMO_DOMAIN}"


class Accounts(StrEnum):
    FIXED = "fixed"  # the documented demo password (DEBUG only)
    RANDOM = "random"  # a random password per account, printed once
    NONE = "none"  # no account anybody can sign in with


@dataclass(frozen=True)
class AccountSpec:
    email: str
    display_name: str
    role: Role | None
    label: str


ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(f"admin@{DEMO_DOMAIN}", "Administration (démo)", Role.ADMIN, "administration"),
    AccountSpec(f"moderation@{DEMO_DOMAIN}", "Modération (démo)", Role.MODERATOR, "modération"),
    AccountSpec(f"analyse@{DEMO_DOMAIN}", "Analyse (démo)", Role.ANALYST, "analyse"),
    AccountSpec(f"habitant@{DEMO_DOMAIN}", "Habitante (démo)", None, "habitant·e (sans rôle)"),
    AccountSpec(f"elue@{DEMO_DOMAIN}", "Élue (démo)", Role.OFFICIAL, "élue : valide la réponse"),
)


@dataclass(frozen=True)
class Credential:
    email: str
    password: str
    label: str


@dataclass
class LoadResult:
    process: Process
    created: bool
    scenario: Process | None = None
    contributions: int = 0
    scenario_contributions: int = 0
    credentials: list[Credential] = field(default_factory=list)


def _aware(day: dt.date, time: dt.time = dt.time(0, 0)) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=PARIS)


def delete_demo_process(process: Process) -> None:
    """Delete the demo process and everything that hangs on it.

    Contributions and urns protect their process and neighbourhoods, so they go first;
    anything else that protects it (a module added later) is deleted in turn.
    """
    delete_channels(process)
    Contribution.objects.filter(process=process).delete()
    Urn.objects.filter(process=process).delete()
    for _attempt in range(10):
        try:
            process.delete()
            return
        except ProtectedError as exc:
            blocking: set[Model] = set(exc.protected_objects)
        except RestrictedError as exc:
            blocking = set(exc.restricted_objects)
        for obj in blocking:
            obj.delete()
    process.delete()


def _ensure_accounts(mode: Accounts) -> list[Credential]:
    if mode is Accounts.NONE:
        return []
    credentials = []
    # One hash for the shared documented password (hashing is the slow part).
    shared_hash = make_password(DEMO_PASSWORD) if mode is Accounts.FIXED else ""
    for spec in ACCOUNTS:
        password = DEMO_PASSWORD if mode is Accounts.FIXED else secrets.token_urlsafe(12)
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = User(email=spec.email)
        user.display_name = spec.display_name
        user.is_active = True
        user.is_staff = spec.role is Role.ADMIN
        user.is_superuser = spec.role is Role.ADMIN
        if shared_hash:
            user.password = shared_hash
        else:
            user.set_password(password)
        user.save()
        # Invented addresses, verified: the demo accounts sign in at once (verification
        # is mandatory, concerto/settings.py).
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if spec.role is not None:
            user.groups.set([Group.objects.get_or_create(name=spec.role.value)[0]])
        else:
            user.groups.clear()
        credentials.append(Credential(spec.email, password, spec.label))
    return credentials


def _moderator(mode: Accounts) -> User:
    email = ACCOUNTS[1].email if mode is not Accounts.NONE else SYSTEM_MODERATOR
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, display_name="Modération automatique (démo)")
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.MODERATOR.value)[0])
    return User.objects.get(pk=user.pk)  # fresh: no cached roles


def _create_process() -> Process:
    process = Process.objects.create(
        title=nantes.TITLE,
        slug=nantes.SLUG,
        summary=nantes.SUMMARY,
        who_may_take_part=nantes.WHO_MAY_TAKE_PART,
        objectives=nantes.OBJECTIVES,
        policy_impacts=nantes.POLICY_IMPACTS,
        commitment=nantes.COMMITMENT,
        phone_number=nantes.PHONE_NUMBER,
        contact_email=nantes.CONTACT_EMAIL,
        receipt_prefix=nantes.RECEIPT_PREFIX,
        receipt_year=nantes.RECEIPT_YEAR,
        is_published=True,
    )
    Question.objects.bulk_create(
        Question(
            process=process,
            number=q.number,
            title=q.title,
            description=q.description,
            prompts=q.prompts,
        )
        for q in nantes.QUESTIONS
    )
    Phase.objects.bulk_create(
        Phase(
            process=process,
            kind=p.kind,
            title=p.title,
            description=p.description,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
        )
        for p in nantes.PHASES
    )
    Channel.objects.bulk_create(
        Channel(
            process=process,
            kind=c.kind,
            opens_at=_aware(c.opens_on),
            closes_at=_aware(c.closes_on, nantes.CLOSING_TIME),
            instructions=c.instructions,
        )
        for c in nantes.CHANNELS
    )
    create_neighbourhoods(process)
    create_urns(
        process, present_from=nantes.CONTRIBUTIONS_START, present_until=nantes.INDIVIDUAL_END
    )
    Resource.objects.bulk_create(
        Resource(
            process=process,
            kind=r.kind,
            title=r.title,
            description=r.description,
            order=order,
        )
        for order, r in enumerate(nantes.RESOURCES)
    )
    NewsPost.objects.bulk_create(
        NewsPost(
            process=process,
            title=n.title,
            slug=n.slug,
            summary=n.summary,
            body=n.body,
            published_at=n.published_at.replace(tzinfo=PARIS),
        )
        for n in nantes.NEWS
    )
    return process


@contextmanager
def _cache_in_memory() -> Iterator[None]:
    """The shared cache, in this process's memory while the demo loads.

    Every contribution published, coded or answered tells the shared cache that public
    pages changed, twice (before and after the commit): thousands of writes, each its own
    transaction with the database cache, for versions nobody reads while loading. They go
    to memory instead; the shared cache is told once at the end."""
    shared = caches["default"]
    caches["default"] = LocMemCache("concerto-demo-load", {})
    try:
        yield
    finally:
        caches["default"] = shared


def load_demo(
    *,
    contributions: int,
    reset: bool = False,
    accounts: Accounts = Accounts.NONE,
    now: dt.datetime | None = None,
) -> LoadResult:
    """Create the two demo processes (or, without ``reset``, leave an existing demo
    untouched)."""
    with _cache_in_memory():
        result = _load(contributions=contributions, reset=reset, accounts=accounts, now=now)
    for process in (result.process, result.scenario):
        if process is not None:
            facets_changed(process.pk)  # and every cached public page
    return result


@transaction.atomic
def _load(
    *, contributions: int, reset: bool, accounts: Accounts, now: dt.datetime | None
) -> LoadResult:
    now = now or timezone.now()
    existing = Process.objects.filter(slug=nantes.SLUG).first()
    if existing is not None and not reset:
        return LoadResult(
            process=existing,
            created=False,
            scenario=Process.objects.filter(slug=scenario.SLUG).first(),
        )
    for old in Process.objects.filter(slug__in=(nantes.SLUG, scenario.SLUG)):
        delete_demo_process(old)
    process = _create_process()
    credentials = _ensure_accounts(accounts)
    moderator = _moderator(accounts)
    resident = (
        User.objects.filter(email=ACCOUNTS[3].email).first()
        if accounts is not Accounts.NONE
        else None
    )
    count = create_contributions(process, contributions, moderator, resident, now)
    load_events(process=process, moderator=moderator, now=now)
    if resident is not None:
        load_organisations(resident=resident, moderator=moderator)
    load_channels(process=process, moderator=moderator, now=now)
    # After the dialogue: the analysis, the report, then the answer and the strategy.
    load_synthesis(process=process, now=now)
    load_report(process=process, now=now)
    load_strategy(process=process, now=now)
    open_process, open_count = scenario.load_scenario(
        moderator=moderator, resident=resident, now=now
    )
    Site.objects.update_or_create(pk=1, defaults={"domain": SITE_DOMAIN, "name": "Concerto"})
    Site.objects.clear_cache()
    return LoadResult(
        process=process,
        created=True,
        scenario=open_process,
        contributions=count,
        scenario_contributions=open_count,
        credentials=credentials,
    )
