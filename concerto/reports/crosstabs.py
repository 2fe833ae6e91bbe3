"""Cross-tabulations from the analysts' codings: themes (sub-themes rolled up to their
theme) by neighbourhood or by channel, counted in SQL, optionally weighted by the duplicate
weights of the workspace (a person answering the same question N times counts 1/N)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol

from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from concerto.contributions.workflow import analysed
from concerto.processes.models import Channel, Process
from concerto.reports.tables import NOT_GIVEN, Number, Statistic


class Context(Protocol):
    process: Process

    @property
    def neighbourhoods(self) -> list[tuple[int, str]]: ...

    @property
    def root_themes(self) -> list[tuple[int, str]]: ...


def _weights(process: Process) -> dict[int, float] | None:
    try:
        from concerto.synthesis.selectors import answer_weights  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return dict(answer_weights(process))


def _crosstab(
    ctx: Context,
    *,
    key: str,
    title: str,
    column_field: str,
    columns: Sequence[tuple[Any, str]],
    dimension: str,
    weighted: bool,
) -> Statistic:
    from concerto.synthesis.models import Coding

    codings = Coding.objects.filter(
        analysed("answer__contribution__"),
        answer__contribution__process=ctx.process,
        theme__codebook__process=ctx.process,
    ).annotate(root=Coalesce("theme__parent_id", "theme_id"), col=F(column_field))
    cells: dict[tuple[int, Any], Number] = {}
    note = _(
        "Contributions analysées (publiées ou non) codées par les analystes, les sous-thèmes "
        "comptant pour leur thème. Une contribution compte une fois par thème et par "
        "colonne ; elle peut relever de plusieurs thèmes."
    )
    weights = _weights(ctx.process) if weighted else None
    if weighted and weights is None:
        note += " " + _("Pondération des doublons indisponible : comptes non pondérés.")
    if weights is None:
        for row in (
            codings.values("root", "col")
            .annotate(n=Count("answer__contribution_id", distinct=True))
            .order_by()
        ):
            cells[(row["root"], row["col"])] = row["n"]
    else:
        note += " " + _(
            "Pondéré : une personne qui a répondu N fois à la même question compte pour 1/N."
        )
        best: dict[tuple[int, Any, int], float] = {}
        for root, col, contribution_id, answer_id in codings.values_list(
            "root", "col", "answer__contribution_id", "answer_id"
        ).distinct():
            cell = (root, col, contribution_id)
            best[cell] = max(best.get(cell, 0.0), float(weights.get(answer_id, 1.0)))
        sums: dict[tuple[int, Any], float] = defaultdict(float)
        for (root, col, _c), weight in best.items():
            sums[(root, col)] += weight
        cells = {cell: round(value, 2) for cell, value in sums.items()}
    known_cols = [value for value, _label in columns]
    col_labels = [label for _value, label in columns]
    if any(col not in known_cols for _root, col in cells):
        known_cols.append(None)
        col_labels.append(str(NOT_GIVEN))
    rows, values = [], []
    for theme_id, name in ctx.root_themes:
        line = tuple(cells.get((theme_id, col), 0) for col in known_cols)
        rows.append(name)
        values.append(line)
    return Statistic(
        key=key,
        title=title,
        dimension=_("Thème"),
        columns=tuple(col_labels),
        rows=tuple(rows),
        values=tuple(values),
        total=None,
        note=note,
        stacked=True,
        column_dimension=dimension,
    )


def themes_by_neighbourhood(ctx: Context, weighted: bool = False) -> Statistic:
    return _crosstab(
        ctx,
        key="themes_by_neighbourhood" + ("_weighted" if weighted else ""),
        title=_("Thèmes par quartier") + (" " + _("(pondéré)") if weighted else ""),
        column_field="answer__contribution__neighbourhood_id",
        columns=ctx.neighbourhoods,
        dimension=_("Quartier"),
        weighted=weighted,
    )


def themes_by_channel(ctx: Context, weighted: bool) -> Statistic:
    stat = _crosstab(
        ctx,
        key="themes_by_channel" + ("_weighted" if weighted else ""),
        title=_("Thèmes par canal") + (" " + _("(pondéré)") if weighted else ""),
        column_field="answer__contribution__channel",
        columns=[(k, str(label).capitalize()) for k, label in Channel.Kind.choices],
        dimension=_("Canal"),
        weighted=weighted,
    )
    # Only the channels that bring at least one coded contribution.
    keep = [j for j in range(len(stat.columns)) if any(row[j] for row in stat.values)]
    return Statistic(
        key=stat.key,
        title=stat.title,
        dimension=stat.dimension,
        columns=tuple(stat.columns[j] for j in keep),
        rows=stat.rows,
        values=tuple(tuple(row[j] for j in keep) for row in stat.values),
        total=None,
        note=stat.note,
        stacked=True,
        column_dimension=stat.column_dimension,
    )
