"""Loading the Nantes demo into the database (used by ``manage.py loaddemo``).

Everything is written in one transaction: a failure leaves the database as it was.
Contributions go through the real services: ``contribution_submit`` (receipt numbers,
audit rows) and ``contribution_moderate`` with the demo moderator (search document,
audit rows), so the demo looks exactly like data that went through the platform.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.moderation import contribution_moderate
from concerto.contributions.services import ContributionInput, contribution_submit
from concerto.contributions.workflow import CHARTER_REASONS
from concerto.core.roles import Role
from concerto.demo import nantes
from concerto.demo.organisations import load_organisations
from concerto.demo.textgen import generate
from concerto.events.demo import load_events
from concerto.intake.demo import delete_channels, load_channels
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question, Urn
from concerto.reports.demo import load_demo as load_report
from concerto.resources.models import NewsPost, Resource
from concerto.strategy.demo import load_demo as load_strategy
from concerto.synthesis.demo import load_demo as load_synthesis

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
    contributions: int = 0
    credentials: list[Credential] = field(default_factory=list)
    shift_days: int = 0


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


def _create_process(shift: dt.timedelta) -> Process:
    words = nantes.date_words(shift)

    def text(template: str) -> str:
        return template.format(**words)

    process = Process.objects.create(
        title=nantes.TITLE,
        slug=nantes.SLUG,
        summary=text(nantes.SUMMARY),
        who_may_take_part=text(nantes.WHO_MAY_TAKE_PART),
        objectives=text(nantes.OBJECTIVES),
        policy_impacts=text(nantes.POLICY_IMPACTS),
        commitment=text(nantes.COMMITMENT),
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
            title=text(p.title),
            description=text(p.description),
            starts_on=p.starts_on + shift,
            ends_on=p.ends_on + shift,
        )
        for p in nantes.PHASES
    )
    Channel.objects.bulk_create(
        Channel(
            process=process,
            kind=c.kind,
            opens_at=_aware(c.opens_on + shift),
            closes_at=_aware(c.closes_on + shift, nantes.CLOSING_TIME),
            instructions=text(c.instructions),
        )
        for c in nantes.CHANNELS
    )
    Neighbourhood.objects.bulk_create(
        Neighbourhood(
            process=process, name=n.name, slug=n.slug, order=order, is_outside=n.is_outside
        )
        for order, n in enumerate(nantes.NEIGHBOURHOODS)
    )
    by_slug = {n.slug: n for n in Neighbourhood.objects.filter(process=process)}
    Urn.objects.bulk_create(
        Urn(
            process=process,
            code=u.code,
            place_name=u.place_name,
            place_kind=u.place_kind,
            address=u.address,
            neighbourhood=by_slug[u.neighbourhood],
            latitude=Decimal(u.latitude),
            longitude=Decimal(u.longitude),
            opening_hours=u.opening_hours,
            present_from=nantes.CONTRIBUTIONS_START + shift,
            present_until=nantes.INDIVIDUAL_END + shift,
        )
        for u in nantes.URNS
    )
    Resource.objects.bulk_create(
        Resource(
            process=process,
            kind=r.kind,
            title=r.title,
            description=text(r.description),
            order=order,
        )
        for order, r in enumerate(nantes.RESOURCES)
    )
    NewsPost.objects.bulk_create(
        NewsPost(
            process=process,
            title=text(n.title),
            slug=n.slug,
            summary=text(n.summary),
            body=text(n.body),
            published_at=(n.published_at + shift).replace(tzinfo=PARIS),
        )
        for n in nantes.NEWS
    )
    return process


def _create_contributions(
    process: Process, count: int, moderator: User, resident: User | None, now: dt.datetime
) -> int:
    online = Channel.objects.get(process=process, kind=Channel.Kind.ONLINE)
    start, end = online.opens_at, min(online.closes_at, now)
    if count <= 0 or end <= start:
        return 0
    questions = {q.number: q for q in Question.objects.filter(process=process)}
    places = {n.slug: n for n in Neighbourhood.objects.filter(process=process)}
    created = 0
    for spec in generate(count, window=end - start):
        submitted_at = start + spec.submitted_after
        result = contribution_submit(
            process=process,
            data=ContributionInput(
                kind=spec.kind,
                neighbourhood=places[spec.neighbourhood],
                profile=spec.profile,
                age_bracket=spec.age_bracket,
                author_name=spec.author_name,
                consent_publication=spec.consent_publication,
                consent_processing=True,
                answers={questions[n]: text for n, text in spec.answers.items()},
            ),
            submission_token=uuid.uuid4(),
            channel=spec.channel,
            now=submitted_at,
            is_demo=True,
            check_channel=False,
        )
        contribution = result.contribution
        created += 1
        if spec.status == Contribution.Status.CHANGES_REQUESTED:
            # The edit link needs an address; set after the submit, so no receipt is sent.
            Contribution.objects.filter(pk=contribution.pk).update(email=spec.email)
        if spec.status == Contribution.Status.PUBLISHED:
            published_at = min(submitted_at + spec.publish_delay, now)
            Contribution.objects.filter(pk=contribution.pk).update(published_at=published_at)
            contribution_moderate(contribution=contribution, transition="publish", actor=moderator)
        elif spec.status == Contribution.Status.REJECTED and (
            spec.rejection_reason in CHARTER_REASONS or contribution.consent_publication
        ):
            # Against the charter: set aside from the analysis; otherwise only its
            # publication is refused (without consent there is no publication to refuse).
            contribution_moderate(
                contribution=contribution,
                transition="set_aside" if spec.rejection_reason in CHARTER_REASONS else "reject",
                actor=moderator,
                reason=spec.rejection_reason,
                note=spec.moderation_note,
            )
        elif (
            spec.status == Contribution.Status.CHANGES_REQUESTED
            and contribution.consent_publication
        ):
            contribution_moderate(
                contribution=contribution,
                transition="request_changes",
                actor=moderator,
                note=spec.moderation_note,
            )
        # Set after the services ran, so that no receipt or decision e-mail is queued
        # (only the request for changes above sends its edit link, to @exemple.test).
        extra: dict[str, object] = {}
        if spec.email and spec.status != Contribution.Status.CHANGES_REQUESTED:
            extra["email"] = spec.email
        if resident is not None and spec.channel == Channel.Kind.ONLINE and spec.index % 40 == 7:
            extra["user"] = resident
        if extra:
            Contribution.objects.filter(pk=contribution.pk).update(**extra)
    return created


def live_shift(today: dt.date) -> dt.timedelta:
    """The shift that puts ``today`` LIVE_DAYS_AFTER_START days into the contributions."""
    start = today - dt.timedelta(days=nantes.LIVE_DAYS_AFTER_START)
    return start - nantes.CONTRIBUTIONS_START


@transaction.atomic
def load_demo(
    *,
    contributions: int,
    live: bool = False,
    reset: bool = False,
    accounts: Accounts = Accounts.NONE,
    now: dt.datetime | None = None,
) -> LoadResult:
    """Create the demo process (or, without ``reset``, leave an existing one untouched)."""
    now = now or timezone.now()
    existing = Process.objects.filter(slug=nantes.SLUG).first()
    if existing is not None:
        if not reset:
            return LoadResult(process=existing, created=False)
        delete_demo_process(existing)
    shift = live_shift(timezone.localdate(now)) if live else dt.timedelta(0)
    process = _create_process(shift)
    credentials = _ensure_accounts(accounts)
    moderator = _moderator(accounts)
    resident = (
        User.objects.filter(email=ACCOUNTS[3].email).first()
        if accounts is not Accounts.NONE
        else None
    )
    count = _create_contributions(process, contributions, moderator, resident, now)
    load_events(process=process, shift=shift, moderator=moderator, now=now)
    if resident is not None:
        load_organisations(resident=resident, moderator=moderator)
    load_channels(process=process, shift=shift, moderator=moderator, now=now)
    # After the dialogue: the analysis, the report, then the answer and the strategy.
    load_synthesis(process=process, shift=shift, now=now)
    load_report(process=process, shift=shift, now=now)
    load_strategy(process=process, shift=shift, now=now)
    Site.objects.update_or_create(pk=1, defaults={"domain": SITE_DOMAIN, "name": "Concerto"})
    Site.objects.clear_cache()
    return LoadResult(
        process=process,
        created=True,
        contributions=count,
        credentials=credentials,
        shift_days=shift.days,
    )
