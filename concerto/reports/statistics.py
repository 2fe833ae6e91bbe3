"""The figures of a process, computed from the database, never typed.

Each statistic is a small typed table (``Statistic``): rows, columns, values, totals and a
stable ``key`` (``"contributions_by_channel"``...) by which the report refers to it. Every
statistic is aggregated in SQL: computing all of them costs a constant number of queries,
whatever the number of contributions, codings or events.

Counting rules (also said in each statistic's note):
- contributions: the contributions of the process in the analysis, published or not (every
  contribution received except those set aside under the charter,
  ``contributions.workflow``); "by week" also counts every contribution received and the
  published ones; "received, analysed, published" gives the three counts per channel;
- participants: distinct people where they are known (their account, e-mail address or
  the fingerprint of the calling number), every anonymous contribution counting as one
  person;
- themes: from the analysts' codings of the contributions in the analysis, sub-themes rolled up to
  their theme; a contribution counts once per theme and per column, whatever the number of
  its coded passages; optionally weighted by the duplicate weights (1/N).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import Any

from django.db.models import CharField, Count, Expression, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat, Lower, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.contributions.models import Answer, Contribution
from concerto.contributions.workflow import analysed
from concerto.core.dates import date_format
from concerto.events.models import Event, Registration
from concerto.processes.models import Channel, Process
from concerto.reports import crosstabs
from concerto.reports.tables import NOT_GIVEN, Number, Statistic

__all__ = [
    "DEFINITIONS",
    "KEYS",
    "UNWEIGHTED_KEYS",
    "Number",
    "Statistic",
    "compute",
    "compute_one",
    "key_choices",
    "person_key",
]

# --- Who is one participant --------------------------------------------------------------


def person_key(prefix: str = "") -> Expression:
    """An SQL expression naming the person behind a contribution: their account's e-mail,
    the e-mail they left, the fingerprint of their phone number, or else the contribution
    itself (an anonymous contribution is one person). ``prefix`` reaches the contribution
    from another model ("contribution__")."""
    from django.db.models import Case, When

    return Case(
        When(
            Q(**{f"{prefix}user__isnull": False}) & ~Q(**{f"{prefix}user__email": ""}),
            then=Concat(Value("m:"), Lower(f"{prefix}user__email")),
        ),
        When(~Q(**{f"{prefix}email": ""}), then=Concat(Value("m:"), Lower(f"{prefix}email"))),
        When(
            Q(**{f"{prefix}voicemail__caller_hash__gt": ""}),
            then=Concat(Value("t:"), F(f"{prefix}voicemail__caller_hash")),
        ),
        default=Concat(Value("c:"), Cast(f"{prefix}id" if prefix else "id", CharField())),
        output_field=CharField(),
    )


PARTICIPANTS_NOTE = gettext_lazy(
    "Contributions analysées : toutes les contributions reçues, publiées ou non, sauf celles "
    "écartées parce que contraires à la charte. Participants : personnes distinctes quand on "
    "les connaît (compte, adresse e-mail ou numéro appelant) ; chaque contribution anonyme "
    "compte pour une personne. Une personne peut figurer sur plusieurs lignes : le total la "
    "compte une fois."
)


# --- The computation context: queries shared by several statistics ---------------------


class _Context:
    def __init__(self, process: Process, now: dt.datetime) -> None:
        self.process = process
        self.now = now

    @cached_property
    def analysed(self) -> QuerySet[Contribution]:
        return Contribution.objects.filter(analysed(), process=self.process)

    @cached_property
    def published(self) -> QuerySet[Contribution]:
        return Contribution.objects.filter(
            process=self.process, status=Contribution.Status.PUBLISHED
        )

    @cached_property
    def by_status(self) -> dict[str, dict[str, int]]:
        """Per channel: contributions received, analysed, published, set aside (one query)."""
        rows = (
            Contribution.objects.filter(process=self.process)
            .values("channel")
            .annotate(
                received=Count("id"),
                analysed=Count("id", filter=analysed()),
                published=Count("id", filter=Q(status=Contribution.Status.PUBLISHED)),
            )
            .order_by()
        )
        return {
            row["channel"]: {
                "received": row["received"],
                "analysed": row["analysed"],
                "published": row["published"],
                "set_aside": row["received"] - row["analysed"],
            }
            for row in rows
        }

    def status_total(self, name: str) -> int:
        return sum(counts[name] for counts in self.by_status.values())

    @cached_property
    def totals(self) -> dict[str, int]:
        totals = self.analysed.aggregate(
            contributions=Count("id"), participants=Count(person_key(), distinct=True)
        )
        return {k: int(v or 0) for k, v in totals.items()}

    @cached_property
    def neighbourhoods(self) -> list[tuple[int, str]]:
        return list(self.process.neighbourhoods.order_by("order", "name").values_list("pk", "name"))

    @cached_property
    def root_themes(self) -> list[tuple[int, str]]:
        from concerto.synthesis.models import Theme

        return list(
            Theme.objects.filter(codebook__process=self.process, parent__isnull=True)
            .order_by("position", "pk")
            .values_list("pk", "name")
        )

    def by(self, field_name: str) -> dict[Any, tuple[int, int]]:
        """Contributions and participants per value of ``field_name`` (one query)."""
        rows = (
            self.analysed.values(field_name)
            .annotate(n=Count("id"), people=Count(person_key(), distinct=True))
            .order_by()
        )
        return {row[field_name]: (row["n"], row["people"]) for row in rows}


def _participation(
    ctx: _Context,
    *,
    key: str,
    title: str,
    dimension: str,
    labelled: Sequence[tuple[Any, str]],
    counts: dict[Any, tuple[int, int]],
    keep_zero: bool,
    total: tuple[Number, ...] | None = None,
) -> Statistic:
    rows: list[str] = []
    values: list[tuple[Number, ...]] = []
    known = set()
    for value, label in labelled:
        known.add(value)
        n, people = counts.get(value, (0, 0))
        if n or keep_zero:
            rows.append(label)
            values.append((n, people))
    missing = [counts[v] for v in counts if v not in known]
    if missing:
        rows.append(str(NOT_GIVEN))
        values.append((sum(m[0] for m in missing), sum(m[1] for m in missing)))
    return Statistic(
        key=key,
        title=title,
        dimension=dimension,
        columns=(_("Contributions"), _("Participants")),
        rows=tuple(rows),
        values=tuple(values),
        total=total or (ctx.totals["contributions"], ctx.totals["participants"]),
        note=str(PARTICIPANTS_NOTE),
    )


# --- The statistics ----------------------------------------------------------------------


def _overview(ctx: _Context) -> Statistic:
    events = _events_counts(ctx)
    held = sum(n for n, _r, _a in events.values())
    attended = sum(a for _n, _r, a in events.values())
    return Statistic(
        key="overview",
        title=_("La participation en chiffres"),
        dimension=_("Indicateur"),
        columns=(_("Nombre"),),
        rows=(
            _("Participants (contributions)"),
            _("Contributions reçues"),
            _("Contributions analysées"),
            _("Contributions publiées"),
            _("Contributions écartées (contraires à la charte)"),
            _("Événements tenus"),
            _("Personnes présentes aux événements"),
        ),
        values=(
            (ctx.totals["participants"],),
            (ctx.status_total("received"),),
            (ctx.totals["contributions"],),
            (ctx.status_total("published"),),
            (ctx.status_total("set_aside"),),
            (held,),
            (attended,),
        ),
        note=_(
            "Participants : personnes distinctes quand on les connaît, chaque contribution "
            "anonyme comptant pour une personne, parmi les contributions analysées. "
            "Contributions reçues : par tous les canaux, quel que soit leur statut ; "
            "analysées : toutes, publiées ou non, sauf celles écartées parce que contraires "
            "à la charte ; publiées : avec l'accord de leur auteur·rice, après modération. "
            "Événements tenus : publiés et terminés."
        ),
    )


def _received_analysed_published(ctx: _Context) -> Statistic:
    counts = ctx.by_status
    names = ("received", "analysed", "published", "set_aside")
    rows, values = [], []
    for kind, label in Channel.Kind.choices:
        if kind in counts:
            rows.append(str(label).capitalize())
            values.append(tuple(counts[kind][name] for name in names))
    return Statistic(
        key="received_analysed_published",
        title=_("Contributions reçues, analysées et publiées"),
        dimension=_("Canal"),
        columns=(_("Reçues"), _("Analysées"), _("Publiées"), _("Écartées (charte)")),
        rows=tuple(rows),
        values=tuple(values),
        total=tuple(ctx.status_total(name) for name in names),
        note=_(
            "Reçues : toutes les contributions, quel que soit leur statut. Analysées : lues et "
            "codées, publiées ou non (une contribution sans accord de publication est "
            "analysée). Publiées : avec l'accord de leur auteur·rice, après modération ; "
            "seules elles sont citées. Écartées : contraires à la charte (propos injurieux, "
            "publicité, envoi automatique), seules laissées hors de l'analyse."
        ),
    )


def _by_channel(ctx: _Context) -> Statistic:
    counts = ctx.by("channel")
    return _participation(
        ctx,
        key="contributions_by_channel",
        title=_("Participants et contributions par canal"),
        dimension=_("Canal"),
        labelled=[(k, str(label).capitalize()) for k, label in Channel.Kind.choices],
        counts=counts,
        keep_zero=False,
    )


def _by_question(ctx: _Context) -> Statistic:
    rows = (
        Answer.objects.filter(
            analysed("contribution__"),
            contribution__process=ctx.process,
        )
        .values("question_id")
        .annotate(
            n=Count("contribution_id", distinct=True),
            people=Count(person_key("contribution__"), distinct=True),
        )
        .order_by()
    )
    counts = {row["question_id"]: (row["n"], row["people"]) for row in rows}
    questions = [
        (pk, f"{number}. {title}")
        for pk, number, title in ctx.process.questions.order_by("number").values_list(
            "pk", "number", "title"
        )
    ]
    return _participation(
        ctx,
        key="contributions_by_question",
        title=_("Participants et contributions par question"),
        dimension=_("Question"),
        labelled=questions,
        counts=counts,
        keep_zero=True,
    )


def _by_neighbourhood(ctx: _Context) -> Statistic:
    return _participation(
        ctx,
        key="contributions_by_neighbourhood",
        title=_("Participants et contributions par quartier"),
        dimension=_("Quartier"),
        labelled=ctx.neighbourhoods,
        counts=ctx.by("neighbourhood_id"),
        keep_zero=True,
    )


def _by_profile(ctx: _Context) -> Statistic:
    return _participation(
        ctx,
        key="contributions_by_profile",
        title=_("Participants et contributions par profil"),
        dimension=_("Profil"),
        labelled=[(k, str(label).capitalize()) for k, label in Contribution.Profile.choices],
        counts=ctx.by("profile"),
        keep_zero=False,
    )


def _by_age(ctx: _Context) -> Statistic:
    return _participation(
        ctx,
        key="contributions_by_age",
        title=_("Participants et contributions par tranche d'âge"),
        dimension=_("Tranche d'âge"),
        labelled=[(k, str(label).capitalize()) for k, label in Contribution.AgeBracket.choices],
        counts=ctx.by("age_bracket"),
        keep_zero=True,
    )


def _week_counts(queryset: QuerySet[Contribution], date_field: str) -> dict[dt.date, int]:
    rows = (
        queryset.filter(**{f"{date_field}__isnull": False})
        .annotate(week=TruncWeek(date_field))
        .values("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[dt.date, int] = defaultdict(int)
    for row in rows:
        week = row["week"]
        if isinstance(week, dt.datetime):
            week = timezone.localtime(week).date() if timezone.is_aware(week) else week.date()
        counts[week] += row["n"]
    return counts


MAX_EMPTY_WEEKS = 8


def _fill_gaps(weeks: list[dt.date]) -> list[dt.date]:
    """The weeks with contributions and the empty weeks between them, except for a long
    silence (more than ``MAX_EMPTY_WEEKS`` in a row), which is left out."""
    filled: list[dt.date] = []
    for week in weeks:
        if filled:
            gap = (week - filled[-1]).days // 7 - 1
            if 0 < gap <= MAX_EMPTY_WEEKS:
                filled.extend(filled[-1] + dt.timedelta(weeks=i) for i in range(1, gap + 1))
        filled.append(week)
    return filled


def _by_week(ctx: _Context) -> Statistic:
    received = _week_counts(Contribution.objects.filter(process=ctx.process), "submitted_at")
    published = _week_counts(ctx.published, "published_at")
    weeks = _fill_gaps(sorted(set(received) | set(published)))
    rows = tuple(_("Semaine du %(day)s") % {"day": date_format(week, "j F Y")} for week in weeks)
    values = tuple((received.get(w, 0), published.get(w, 0)) for w in weeks)
    return Statistic(
        key="contributions_by_week",
        title=_("Contributions reçues et publiées par semaine"),
        dimension=_("Semaine"),
        columns=(_("Reçues"), _("Publiées")),
        rows=rows,
        values=values,
        total=(sum(received.values()), sum(published.values())),
        note=_(
            "Reçues : toutes les contributions, à la date de leur dépôt, quel que soit leur "
            "statut. Publiées : à la date de leur publication. Semaines du lundi au dimanche ; "
            "plus de 8 semaines de suite sans contribution ne sont pas affichées."
        ),
    )


def _events_counts(ctx: _Context) -> dict[str, tuple[int, int, int]]:
    """Per kind of event: events held (top level), people registered, people present."""
    if "events" in ctx.__dict__:
        return ctx.__dict__["events"]  # type: ignore[no-any-return]
    held = (
        Event.objects.filter(
            process=ctx.process,
            status=Event.Status.APPROVED,
            parent__isnull=True,
            end__lte=ctx.now,
        )
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    people = (
        Registration.objects.filter(
            event__process=ctx.process,
            event__status=Event.Status.APPROVED,
            event__end__lte=ctx.now,
            status=Registration.Status.CONFIRMED,
        )
        .annotate(kind=Coalesce("event__parent__kind", "event__kind"))
        .values("kind")
        .annotate(registered=Count("id"), present=Count("id", filter=Q(attended=True)))
        .order_by()
    )
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in held:
        result[row["kind"]][0] = row["n"]
    for row in people:
        result[row["kind"]][1] = row["registered"]
        result[row["kind"]][2] = row["present"]
    counts = {k: (v[0], v[1], v[2]) for k, v in result.items()}
    ctx.__dict__["events"] = counts
    return counts


def _events(ctx: _Context) -> Statistic:
    counts = _events_counts(ctx)
    rows, values = [], []
    for kind, label in Event.Kind.choices:
        if kind in counts:
            rows.append(str(label).capitalize())
            values.append(counts[kind])
    total = tuple(sum(v[i] for v in values) for i in range(3))
    return Statistic(
        key="events_by_kind",
        title=_("Événements tenus et leurs participants"),
        dimension=_("Type d'événement"),
        columns=(_("Événements tenus"), _("Personnes inscrites"), _("Personnes présentes")),
        rows=tuple(rows),
        values=tuple(values),
        total=total if rows else (0, 0, 0),
        note=_(
            "Événements publiés et terminés (les séances d'un festival comptent avec lui). "
            "Inscriptions confirmées ; présentes : celles que l'organisateur a pointées."
        ),
    )


# --- The registry --------------------------------------------------------------------------

DEFINITIONS: dict[str, tuple[Any, Callable[[_Context], Statistic]]] = {
    "overview": (gettext_lazy("La participation en chiffres"), _overview),
    "received_analysed_published": (
        gettext_lazy("Reçues, analysées, publiées"),
        _received_analysed_published,
    ),
    "contributions_by_channel": (gettext_lazy("Par canal"), _by_channel),
    "contributions_by_question": (gettext_lazy("Par question"), _by_question),
    "contributions_by_neighbourhood": (gettext_lazy("Par quartier"), _by_neighbourhood),
    "contributions_by_profile": (gettext_lazy("Par profil"), _by_profile),
    "contributions_by_age": (gettext_lazy("Par tranche d'âge"), _by_age),
    "contributions_by_week": (gettext_lazy("Par semaine"), _by_week),
    "events_by_kind": (gettext_lazy("Événements tenus"), _events),
    "themes_by_neighbourhood": (
        gettext_lazy("Thèmes × quartiers"),
        lambda ctx: crosstabs.themes_by_neighbourhood(ctx),
    ),
    "themes_by_channel": (
        gettext_lazy("Thèmes × canaux"),
        lambda ctx: crosstabs.themes_by_channel(ctx, False),
    ),
    "themes_by_neighbourhood_weighted": (
        gettext_lazy("Thèmes × quartiers (pondéré)"),
        lambda ctx: crosstabs.themes_by_neighbourhood(ctx, weighted=True),
    ),
    "themes_by_channel_weighted": (
        gettext_lazy("Thèmes × canaux (pondéré)"),
        lambda ctx: crosstabs.themes_by_channel(ctx, True),
    ),
}
KEYS: tuple[str, ...] = tuple(DEFINITIONS)
# The weighted cross-tabulations read every answer to weigh them: shown on demand.
UNWEIGHTED_KEYS: tuple[str, ...] = tuple(k for k in KEYS if not k.endswith("_weighted"))


def key_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, (label, _fn) in DEFINITIONS.items()]


def compute(
    process: Process, keys: Iterable[str] | None = None, *, now: dt.datetime | None = None
) -> list[Statistic]:
    """The statistics ``keys`` (all of them by default) of ``process``, in that order.
    Unknown keys raise ``KeyError``."""
    ctx = _Context(process, now or timezone.now())
    wanted = list(KEYS if keys is None else keys)
    return [DEFINITIONS[key][1](ctx) for key in wanted]


def compute_one(process: Process, key: str, *, now: dt.datetime | None = None) -> Statistic:
    return compute(process, [key], now=now)[0]
