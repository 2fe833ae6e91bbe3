"""The parts of a process: questions (ordered), phases, channels, neighbourhoods, urns.

Each ``*_save`` creates (``instance=None``) or updates one part; ``part_delete`` removes
one. Every write is one transaction with one audit row ``builder.<part>_created``,
``…_updated``, ``…_deleted`` (``builder.question_moved`` for the order of questions)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import Max, ProtectedError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from concerto.builder.services.errors import BuilderError, french_date
from concerto.builder.services.rules import check_channels_within
from concerto.core.audit import audit
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question, Urn

if TYPE_CHECKING:
    from concerto.accounts.models import User

Part = TypeVar("Part", bound=models.Model)
RECEIPT_CODE = re.compile(r"^[A-Z]{0,2}$")


@dataclass(frozen=True)
class QuestionInput:
    title: str
    description: str = ""
    prompts: str = ""


@dataclass(frozen=True)
class PhaseInput:
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    description: str = ""


@dataclass(frozen=True)
class ChannelInput:
    kind: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    instructions: str = ""
    receipt_code: str = ""


@dataclass(frozen=True)
class NeighbourhoodInput:
    name: str
    is_outside: bool = False


@dataclass(frozen=True)
class UrnInput:
    place_name: str
    place_kind: str
    address: str
    neighbourhood: Neighbourhood
    code: str = ""
    opening_hours: str = ""
    present_from: dt.date | None = None
    present_until: dt.date | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _write(
    *, process: Process, part: Part, created: bool, name: str, actor: User, label: str
) -> Part:
    try:
        with transaction.atomic():
            part.save()
    except IntegrityError as exc:
        raise BuilderError(_("Cet élément existe déjà dans la démarche : %s") % label) from exc
    audit(
        actor=actor,
        action=f"builder.{name}_{'created' if created else 'updated'}",
        target=part,
        data={"process": process.slug},
    )
    return part


def _apply(part: models.Model, values: dict[str, object]) -> None:
    for key, value in values.items():
        setattr(part, key, value)


# --- questions ----------------------------------------------------------------------------


@transaction.atomic
def question_save(
    *, process: Process, data: QuestionInput, actor: User, instance: Question | None = None
) -> Question:
    """A new question comes last; its number is its place in the list."""
    created = instance is None
    if instance is None:
        top = process.questions.aggregate(top=Max("number"))["top"] or 0
        instance = Question(process=process, number=top + 1)
    _apply(instance, asdict(data))
    return _write(
        process=process,
        part=instance,
        created=created,
        name="question",
        actor=actor,
        label=data.title,
    )


@transaction.atomic
def question_move(*, question: Question, up: bool, actor: User) -> Question:
    """Swap a question with the one before (``up``) or after it; the numbers follow."""
    siblings = list(Question.objects.select_for_update().filter(process_id=question.process_id))
    siblings.sort(key=lambda q: q.number)
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return siblings[index]
    this, other = siblings[index], siblings[other_index]
    this_number, other_number = this.number, other.number
    this.number = 0  # free the number: (process, number) is unique
    this.save(update_fields=["number"])
    other.number = this_number
    other.save(update_fields=["number"])
    this.number = other_number
    this.save(update_fields=["number"])
    audit(
        actor=actor,
        action="builder.question_moved",
        target=this,
        data={"from": this_number, "to": other_number},
    )
    return this


def _renumber(process: Process) -> None:
    for position, question in enumerate(process.questions.order_by("number"), start=1):
        if question.number != position:
            question.number = position
            question.save(update_fields=["number"])


# --- phases -------------------------------------------------------------------------------


@transaction.atomic
def phase_save(
    *, process: Process, data: PhaseInput, actor: User, instance: Phase | None = None
) -> Phase:
    if data.ends_on < data.starts_on:
        raise BuilderError(
            _("La phase se termine le %(end)s, avant d'avoir commencé (le %(start)s).")
            % {"end": french_date(data.ends_on), "start": french_date(data.starts_on)},
            field="ends_on",
        )
    created = instance is None
    if instance is None:
        instance = Phase(process=process)
    _apply(instance, asdict(data))
    phase = _write(
        process=process,
        part=instance,
        created=created,
        name="phase",
        actor=actor,
        label=data.title,
    )
    check_channels_within(process, field="ends_on")
    return phase


# --- channels -----------------------------------------------------------------------------


@transaction.atomic
def channel_save(
    *, process: Process, data: ChannelInput, actor: User, instance: Channel | None = None
) -> Channel:
    if data.closes_at <= data.opens_at:
        raise BuilderError(
            _("Le canal ferme le %(closes)s, avant d'avoir ouvert (le %(opens)s).")
            % {"closes": french_date(data.closes_at), "opens": french_date(data.opens_at)},
            field="closes_at",
        )
    if not RECEIPT_CODE.match(data.receipt_code):
        raise BuilderError(
            _("La lettre des récépissés : une ou deux lettres majuscules, par exemple T."),
            field="receipt_code",
        )
    if data.receipt_code == "P":
        raise BuilderError(
            _(
                "La lettre P est celle des feuilles papier numérotées (ASN-2026-P000001) : "
                "choisissez-en une autre."
            ),
            field="receipt_code",
        )
    taken = process.channels.filter(kind=data.kind).exclude(
        pk=instance.pk if instance is not None else 0
    )
    if taken.exists():
        raise BuilderError(
            _("La démarche a déjà un canal « %(kind)s » : modifiez-le plutôt.")
            % {"kind": Channel.Kind(data.kind).label},
            field="kind",
        )
    created = instance is None
    if instance is None:
        instance = Channel(process=process)
    _apply(instance, asdict(data))
    channel = _write(
        process=process,
        part=instance,
        created=created,
        name="channel",
        actor=actor,
        label=str(Channel.Kind(data.kind).label),
    )
    check_channels_within(process, field="closes_at")
    return channel


# --- neighbourhoods -----------------------------------------------------------------------


@transaction.atomic
def neighbourhood_save(
    *,
    process: Process,
    data: NeighbourhoodInput,
    actor: User,
    instance: Neighbourhood | None = None,
) -> Neighbourhood:
    slug = slugify(data.name)[:100]
    if not slug:
        raise BuilderError(_("Donnez un nom au quartier."), field="name")
    taken = process.neighbourhoods.filter(slug=slug).exclude(
        pk=instance.pk if instance is not None else 0
    )
    if taken.exists():
        raise BuilderError(
            _("Le quartier « %(name)s » existe déjà dans la démarche.") % {"name": data.name},
            field="name",
        )
    created = instance is None
    if instance is None:
        top = process.neighbourhoods.aggregate(top=Max("order"))["top"] or 0
        instance = Neighbourhood(process=process, order=top + 1)
    _apply(instance, {**asdict(data), "slug": slug})
    return _write(
        process=process,
        part=instance,
        created=created,
        name="neighbourhood",
        actor=actor,
        label=data.name,
    )


# --- urns ---------------------------------------------------------------------------------


@transaction.atomic
def urn_save(*, process: Process, data: UrnInput, actor: User, instance: Urn | None = None) -> Urn:
    if data.neighbourhood.process_id != process.pk:
        raise BuilderError(_("Choisissez un quartier de cette démarche."), field="neighbourhood")
    if data.present_from and data.present_until and data.present_until < data.present_from:
        raise BuilderError(
            _("L'urne est retirée le %(end)s, avant d'avoir été posée (le %(start)s).")
            % {"end": french_date(data.present_until), "start": french_date(data.present_from)},
            field="present_until",
        )
    if (data.latitude is None) != (data.longitude is None):
        raise BuilderError(
            _("Indiquez la latitude et la longitude, ou aucune des deux."), field="longitude"
        )
    code = slugify(data.code or data.place_name)[:40]
    if not code:
        raise BuilderError(_("Donnez un nom au lieu de l'urne."), field="place_name")
    taken = process.urns.filter(code=code).exclude(pk=instance.pk if instance is not None else 0)
    if taken.exists():
        raise BuilderError(
            _("Une autre urne de la démarche a déjà le code « %(code)s ».") % {"code": code},
            field="code",
        )
    created = instance is None
    if instance is None:
        instance = Urn(process=process)
    _apply(instance, {**asdict(data), "code": code})
    return _write(
        process=process,
        part=instance,
        created=created,
        name="urn",
        actor=actor,
        label=data.place_name,
    )


# --- deleting any part --------------------------------------------------------------------


@transaction.atomic
def part_delete(*, process: Process, part: models.Model, name: str, actor: User) -> None:
    """Delete one part; refused (in French) when something already depends on it: the
    answers to a question, the urns of a neighbourhood, the contributions of either."""
    label = str(part)
    try:
        with transaction.atomic():
            part.delete()
    except ProtectedError as exc:
        raise BuilderError(
            _(
                "« %(label)s » est déjà utilisé (réponses, urnes ou contributions) : il ne peut "
                "plus être supprimé."
            )
            % {"label": label}
        ) from exc
    if isinstance(part, Question):
        _renumber(process)
    if isinstance(part, Phase):
        check_channels_within(process)
    audit(
        actor=actor,
        action=f"builder.{name}_deleted",
        target=process,
        data={"part": name, "label": label[:200]},
    )
