"""Creating, copying, editing and publishing a process (the builder's first page)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concerto.builder.services.errors import BuilderError
from concerto.builder.services.rules import check_channels_within
from concerto.core.audit import audit
from concerto.core.phones import InvalidPhoneNumber, normalise_phone
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question, Urn

if TYPE_CHECKING:
    from concerto.accounts.models import User

PREFIX = re.compile(r"^[A-Z0-9]{2,8}$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class ReceiptSeries:
    """The receipts of a process: ``<prefix>-<year>-000123``."""

    receipt_prefix: str
    receipt_year: int


@dataclass(frozen=True)
class ProcessInput(ReceiptSeries):
    title: str
    slug: str
    summary: str = ""
    who_may_take_part: str = ""
    objectives: str = ""
    policy_impacts: str = ""
    commitment: str = ""
    phone_number: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class CopyInput(ReceiptSeries):
    title: str
    slug: str


RESERVED_SLUGS = frozenset({"nouvelle"})  # the builder's own addresses


def _check_slug(slug: str, process: Process | None) -> None:
    if slug in RESERVED_SLUGS:
        raise BuilderError(
            _("L'adresse « %(slug)s » est réservée : choisissez-en une autre.") % {"slug": slug},
            field="slug",
        )
    other = (
        Process.objects.filter(slug=slug)
        .exclude(pk=process.pk if process is not None else 0)
        .first()
    )
    if other is not None:
        raise BuilderError(
            _("L'adresse « %(slug)s » est déjà celle de la démarche « %(title)s ».")
            % {"slug": slug, "title": other.title},
            field="slug",
        )


def _check_series(series: ReceiptSeries, process: Process | None) -> None:
    prefix, year = series.receipt_prefix, series.receipt_year
    if not PREFIX.match(prefix):
        raise BuilderError(
            _(
                "Le préfixe des récépissés : de 2 à 8 lettres majuscules ou chiffres, "
                "par exemple ASN."
            ),
            field="receipt_prefix",
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BuilderError(
            _("L'année des récépissés doit être comprise entre %(first)s et %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="receipt_year",
        )
    if (
        process is not None
        and process.receipt_counter
        and ((prefix, year) != (process.receipt_prefix, process.receipt_year))
    ):
        raise BuilderError(
            _(
                "Des récépissés %(prefix)s-%(year)s-… ont déjà été délivrés : le préfixe et "
                "l'année ne peuvent plus changer."
            )
            % {"prefix": process.receipt_prefix, "year": process.receipt_year},
            field="receipt_prefix",
        )
    other = (
        Process.objects.filter(receipt_prefix=prefix, receipt_year=year)
        .exclude(pk=process.pk if process is not None else 0)
        .first()
    )
    if other is not None:
        raise BuilderError(
            _(
                "Les récépissés %(prefix)s-%(year)s-… sont déjà ceux de la démarche "
                "« %(title)s » : choisissez un autre préfixe ou une autre année."
            )
            % {"prefix": prefix, "year": year, "title": other.title},
            field="receipt_prefix",
        )


def _check_phone(raw: str) -> str:
    try:
        normalise_phone(raw)
    except InvalidPhoneNumber:
        raise BuilderError(
            _("« %(number)s » n'est pas un numéro de téléphone, par exemple 0 800 00 44 00.")
            % {"number": raw},
            field="phone_number",
        ) from None
    return raw.strip()


def _save(process: Process) -> None:
    try:
        with transaction.atomic():
            process.save()
    except IntegrityError as exc:  # a concurrent save took the slug or the series
        raise BuilderError(
            _("Cette adresse ou cette série de récépissés vient d'être prise : réessayez.")
        ) from exc


@transaction.atomic
def process_create(*, data: ProcessInput, actor: User) -> Process:
    """A new, unpublished process with its own receipt series."""
    _check_slug(data.slug, None)
    _check_series(data, None)
    values = asdict(data)
    values["phone_number"] = _check_phone(data.phone_number)
    process = Process(**values, is_published=False)
    _save(process)
    audit(actor=actor, action="builder.process_created", target=process, data={"slug": data.slug})
    return process


@transaction.atomic
def process_update(*, process: Process, data: ProcessInput, actor: User) -> Process:
    process = Process.objects.select_for_update().get(pk=process.pk)
    _check_slug(data.slug, process)
    _check_series(data, process)
    values = asdict(data)
    values["phone_number"] = _check_phone(data.phone_number)
    changed = sorted(name for name, value in values.items() if getattr(process, name) != value)
    for name, value in values.items():
        setattr(process, name, value)
    _save(process)
    audit(actor=actor, action="builder.process_updated", target=process, data={"fields": changed})
    return process


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _shift_dt(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


@transaction.atomic
def process_copy(*, source: Process, data: CopyInput, actor: User) -> Process:
    """A new unpublished process built on ``source``: its mandate, questions, calendar,
    channels, neighbourhoods, urns and profiles, every date moved by the difference of the
    receipt years (a copy of 2022 as 2026 keeps its weekdays' rhythm, four years later).
    Contributions, resources and news are not copied: they belong to the earlier process."""
    _check_slug(data.slug, None)
    _check_series(data, None)
    years = data.receipt_year - source.receipt_year
    copy = Process(
        title=data.title,
        slug=data.slug,
        receipt_prefix=data.receipt_prefix,
        receipt_year=data.receipt_year,
        summary=source.summary,
        who_may_take_part=source.who_may_take_part,
        objectives=source.objectives,
        policy_impacts=source.policy_impacts,
        commitment=source.commitment,
        phone_number=source.phone_number,
        contact_email=source.contact_email,
        profile_labels=dict(source.profile_labels),
        is_published=False,
    )
    _save(copy)
    Question.objects.bulk_create(
        Question(
            process=copy,
            number=q.number,
            title=q.title,
            description=q.description,
            prompts=q.prompts,
        )
        for q in source.questions.order_by("number")
    )
    Phase.objects.bulk_create(
        Phase(
            process=copy,
            kind=p.kind,
            title=p.title,
            description=p.description,
            starts_on=_shift(p.starts_on, years),
            ends_on=_shift(p.ends_on, years),
        )
        for p in source.phases.order_by("starts_on", "id")
    )
    Channel.objects.bulk_create(
        Channel(
            process=copy,
            kind=c.kind,
            opens_at=_shift_dt(c.opens_at, years),
            closes_at=_shift_dt(c.closes_at, years),
            instructions=c.instructions,
            receipt_code=c.receipt_code,
        )
        for c in source.channels.all()
    )
    places: dict[int, Neighbourhood] = {}
    for n in source.neighbourhoods.all():
        places[n.pk] = Neighbourhood.objects.create(
            process=copy, name=n.name, slug=n.slug, order=n.order, is_outside=n.is_outside
        )
    Urn.objects.bulk_create(
        Urn(
            process=copy,
            code=u.code,
            place_name=u.place_name,
            place_kind=u.place_kind,
            address=u.address,
            neighbourhood=places[u.neighbourhood_id],
            latitude=u.latitude,
            longitude=u.longitude,
            opening_hours=u.opening_hours,
            present_from=_shift(u.present_from, years) if u.present_from else None,
            present_until=_shift(u.present_until, years) if u.present_until else None,
        )
        for u in source.urns.all()
    )
    audit(
        actor=actor,
        action="builder.process_copied",
        target=copy,
        data={"source": source.slug, "years_shifted": years},
    )
    return copy


@transaction.atomic
def process_set_published(*, process: Process, published: bool, actor: User) -> Process:
    """The publish switch. A process is published only with at least one question, one
    phase and one channel: its page would otherwise promise nothing."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if published:
        missing = [
            label
            for label, present in (
                (_("une question"), process.questions.exists()),
                (_("une phase du calendrier"), process.phases.exists()),
                (_("un canal de participation"), process.channels.exists()),
            )
            if not present
        ]
        if missing:
            raise BuilderError(
                _("Avant de publier la démarche, ajoutez au moins %(missing)s.")
                % {"missing": _(", ").join(missing)}
            )
        check_channels_within(process)
    if process.is_published == published:
        return process
    process.is_published = published
    process.save(update_fields=["is_published"])
    action = "builder.process_published" if published else "builder.process_unpublished"
    audit(actor=actor, action=action, target=process)
    return process


@transaction.atomic
def process_set_profiles(*, process: Process, labels: dict[str, str], actor: User) -> Process:
    """The profiles the contribution form offers and their labels (``{code: label}``, in
    the order of ``Contribution.Profile``; empty: every profile with its default label)."""
    cleaned = {code: label.strip() for code, label in labels.items() if label.strip()}
    for code, label in cleaned.items():
        if len(label) > 80:
            raise BuilderError(
                _("Le libellé « %(label)s » est trop long (80 caractères au plus).")
                % {"label": label[:40] + "…"},
                field=f"label_{code}",
            )
    process = Process.objects.select_for_update().get(pk=process.pk)
    process.profile_labels = cleaned
    process.save(update_fields=["profile_labels"])
    audit(
        actor=actor,
        action="builder.profiles_updated",
        target=process,
        data={"profiles": sorted(cleaned)},
    )
    return process
