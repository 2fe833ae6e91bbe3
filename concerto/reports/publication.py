"""Publishing the report: a frozen version, then its PDF built in the background.

``report_publish`` checks that every quote can still be traced (its contribution is
published and the excerpt is still, character for character, ``shown_text[start:end]``),
recomputes every figure from the database and freezes the whole report as data in a
``ReportVersion``: what the public page, the PDF, the API and the open data show comes
from that content, never from the live tables.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.contributions.workflow import analysed
from concerto.core.audit import audit
from concerto.core.pagecache import bump_public_version
from concerto.reports.models import Figure, Finding, Proposal, Report, ReportVersion, Stake
from concerto.reports.services import ReportError
from concerto.reports.statistics import DEFINITIONS, Statistic, compute
from concerto.synthesis.models import Coding

logger = logging.getLogger(__name__)
CONTENT_SCHEMA = 1
# The statistics every report's method section shows.
METHOD_KEYS = ("contributions_by_channel", "received_analysed_published")
NOTE_MAX = 300

_QUOTES = Prefetch(
    "quotes",
    queryset=Coding.objects.select_related(
        "answer__contribution", "answer__question", "theme"
    ).order_by("answer__contribution__receipt_number", "start", "pk"),
)


def report_tree(report: Report) -> list[Stake]:
    """The stakes of ``report`` with everything under them, in a constant number of
    queries."""
    return list(
        Stake.objects.filter(report=report)
        .prefetch_related(
            "themes",
            Prefetch(
                "findings",
                queryset=Finding.objects.prefetch_related("themes", _QUOTES).order_by(
                    "position", "pk"
                ),
            ),
            Prefetch(
                "proposals",
                queryset=Proposal.objects.prefetch_related("themes", _QUOTES).order_by(
                    "position", "number"
                ),
            ),
            Prefetch("figures", queryset=Figure.objects.order_by("position", "pk")),
        )
        .order_by("position", "pk")
    )


def _quote_label(coding: Coding, where: str) -> str:
    return _("La citation de la contribution %(receipt)s (%(where)s)") % {
        "receipt": coding.answer.contribution.receipt_number,
        "where": where,
    }


def quote_problems(report: Report, stakes: list[Stake] | None = None) -> list[str]:
    """Why the quotes of ``report`` cannot be published as they are (empty: they can)."""
    problems: list[str] = []
    for stake in stakes if stakes is not None else report_tree(report):
        places: list[tuple[str, Finding | Proposal]] = [
            (_("constat de l'enjeu « %(title)s »") % {"title": stake.title}, f)
            for f in stake.findings.all()
        ]
        places += [(p.code, p) for p in stake.proposals.all() if not p.withdrawn]
        for where, item in places:
            for coding in item.quotes.all():
                answer = coding.answer
                contribution = answer.contribution
                label = _quote_label(coding, where)
                if contribution.process_id != report.process_id:
                    problems.append(_("%(quote)s vient d'une autre démarche.") % {"quote": label})
                elif contribution.status != Contribution.Status.PUBLISHED:
                    problems.append(
                        _("%(quote)s : la contribution n'est plus publiée. Retirez la citation.")
                        % {"quote": label}
                    )
                elif (
                    coding.start is None
                    or coding.end is None
                    or answer.shown_text[coding.start : coding.end] != coding.excerpt
                ):
                    problems.append(
                        _(
                            "%(quote)s : le texte de la contribution a changé depuis le "
                            "codage, l'extrait n'y figure plus tel quel. Recodez l'extrait ou "
                            "retirez la citation."
                        )
                        % {"quote": label}
                    )
    return problems


def figure_problems(report: Report) -> list[str]:
    unknown = (
        Figure.objects.filter(report=report)
        .exclude(key__in=list(DEFINITIONS))
        .values_list("key", flat=True)
    )
    return [
        _("La statistique « %(key)s » n'existe plus : retirez cette figure.") % {"key": key}
        for key in unknown
    ]


def publication_problems(report: Report) -> list[str]:
    stakes = report_tree(report)
    problems = []
    if not stakes:
        problems.append(_("Le rapport n'a encore aucun enjeu."))
    return problems + quote_problems(report, stakes) + figure_problems(report)


# --- The frozen content ------------------------------------------------------------------


def _quote(coding: Coding, slug: str) -> dict[str, Any]:
    """A quote as published (every quote was checked to come from the report's process,
    whose ``slug`` is given)."""
    contribution = coding.answer.contribution
    question = coding.answer.question.number
    path = reverse(
        "contributions:detail", kwargs={"slug": slug, "receipt": contribution.receipt_number}
    )
    return {
        "coding": coding.pk,
        "receipt": contribution.receipt_number,
        "answer": coding.answer_id,
        "question": question,
        "start": coding.start,
        "end": coding.end,
        "excerpt": coding.excerpt,
        "theme": coding.theme.name,
        "path": f"{path}#question-{question}",
    }


def _agreement(process: Any) -> dict[str, Any] | None:
    """Kappa per theme and overall (pooled), from the latest double-coded sample that two
    analysts both coded; ``None`` when there is none."""
    try:
        from concerto.synthesis import agreement as measure
        from concerto.synthesis.models import CodingSample
    except ImportError:  # pragma: no cover - the workspace is part of the project
        return None
    samples = CodingSample.objects.filter(process=process).order_by("-created_at", "-pk")[:5]
    for sample in samples:
        result = measure.agreement(sample)
        if not result.units:
            continue
        overall = result.overall_kappa
        return {
            "sample_size": sample.size,
            "units": result.units,
            "per_theme": [
                {"theme": theme.name, "kappa": None if t.kappa is None else round(t.kappa, 3)}
                for theme, t in result.rows
            ],
            "overall": None if overall is None else round(overall, 3),
        }
    return None


def _coding_summary(report: Report) -> dict[str, Any]:
    from concerto.synthesis.models import Codebook, Theme

    codings = Coding.objects.filter(
        analysed("answer__contribution__"), answer__contribution__process=report.process
    ).aggregate(
        codings=Count("pk"),
        contributions=Count("answer__contribution", distinct=True),
        coders=Count("coder", distinct=True),
        quotes=Count("pk", filter=Q(is_quote=True)),
        suggestions=Count("pk", filter=Q(origin=Coding.Origin.SUGGESTION)),
    )
    themes = Theme.objects.filter(codebook__process=report.process, is_archived=False).aggregate(
        themes=Count("pk", filter=Q(parent__isnull=True)),
        subthemes=Count("pk", filter=Q(parent__isnull=False)),
    )
    codebook = Codebook.objects.filter(process=report.process).values_list("version", flat=True)
    return {
        **{k: int(v or 0) for k, v in codings.items()},
        **{k: int(v or 0) for k, v in themes.items()},
        "codebook_version": codebook.first(),
    }


def build_content(report: Report, *, now: dt.datetime) -> dict[str, Any]:
    """Everything the published report shows, as data."""
    stakes = report_tree(report)
    general = list(Figure.objects.filter(report=report, stake__isnull=True).order_by("position"))
    keys = {f.key for f in general} | {f.key for s in stakes for f in s.figures.all()}
    keys |= set(METHOD_KEYS)
    statistics: dict[str, Statistic] = {
        stat.key: stat for stat in compute(report.process, sorted(keys), now=now)
    }
    counter = 0
    slug = report.process.slug

    def figure(item: Figure) -> dict[str, Any]:
        nonlocal counter
        counter += 1
        return {
            "anchor": f"figure-{counter}",
            "caption": item.caption,
            **statistics[item.key].as_dict(),
        }

    content_stakes = []
    for number, stake in enumerate(stakes, start=1):
        content_stakes.append(
            {
                "number": number,
                "anchor": f"enjeu-{number}",
                "title": stake.title,
                "summary": stake.summary,
                "themes": [t.name for t in stake.themes.all()],
                "findings": [
                    {
                        "text": finding.text,
                        "themes": [t.name for t in finding.themes.all()],
                        "quotes": [_quote(c, slug) for c in finding.quotes.all()],
                    }
                    for finding in stake.findings.all()
                ],
                "proposals": [
                    {
                        "number": p.number,
                        "code": p.code,
                        "title": p.title,
                        "text": p.text,
                        "themes": [t.name for t in p.themes.all()],
                        # Frozen too: the thread from a contribution follows these ids.
                        "theme_ids": [t.pk for t in p.themes.all()],
                        "withdrawn": p.withdrawn,
                        "quotes": [] if p.withdrawn else [_quote(c, slug) for c in p.quotes.all()],
                    }
                    for p in stake.proposals.all()
                ],
                "figures": [figure(f) for f in stake.figures.all()],
            }
        )
    channels = statistics["contributions_by_channel"].as_dict()
    channels["anchor"] = "figure-methode-canaux"
    # How many were received, analysed and published (and set aside), per channel.
    counts = statistics["received_analysed_published"].as_dict()
    counts["anchor"] = "figure-methode-comptes"
    return {
        "schema": CONTENT_SCHEMA,
        "process": {"slug": report.process.slug, "title": report.process.title},
        "title": report.title,
        "introduction": report.introduction,
        "figures": [figure(f) for f in general],
        "stakes": content_stakes,
        "method": {
            "text": report.method,
            "channels": channels,
            "counts": counts,
            "coding": _coding_summary(report),
            "agreement": _agreement(report.process),
        },
        "computed_at": now.isoformat(),
    }


# --- Publishing ----------------------------------------------------------------------------


def report_publish(
    *, report: Report, note: str = "", actor: User, now: dt.datetime | None = None
) -> ReportVersion:
    """Freeze ``report`` as a new version; its PDF is built by a background task."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ReportError(_("Motif trop long : %(max)s caractères au plus.") % {"max": NOTE_MAX})
    now = now or timezone.now()
    problems = publication_problems(report)
    if problems:
        raise ReportError(_("Publication impossible.") + " " + " ".join(problems))
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        last = locked.versions.aggregate(m=Max("number"))["m"] or 0
        version = ReportVersion.objects.create(
            report=locked,
            number=last + 1,
            content=build_content(locked, now=now),
            note=note,
            published_by=actor,
            published_at=now,
        )
        audit(
            actor=actor,
            action="reports.publish",
            target=locked,
            reason=note,
            data={"version": version.number},
        )
        from concerto.reports.tasks import build_report_pdf

        transaction.on_commit(lambda: build_report_pdf.enqueue(version.pk), robust=True)
        transaction.on_commit(bump_public_version)
    return version


# --- The PDF ---------------------------------------------------------------------------------


def version_context(version: ReportVersion) -> dict[str, Any]:
    return {
        "content": version.content,
        "version": version,
        "process": version.report.process,
        "SITE_URL": settings.SITE_URL,
    }


def render_version_pdf(version: ReportVersion) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    html = render_to_string("reports/report_pdf.html", version_context(version))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()  # type: ignore[no-any-return]


def version_build_pdf(version: ReportVersion) -> ReportVersion:
    try:
        pdf = render_version_pdf(version)
    except Exception:
        logger.exception("PDF du rapport (version %s) impossible", version.pk)
        version.pdf_error = _("La génération du PDF a échoué.")
        version.save(update_fields=["pdf_error"])
        return version
    slug = version.report.process.slug
    version.pdf.save(f"rapport-{slug}-v{version.number}.pdf", ContentFile(pdf), save=False)
    version.pdf_error = ""
    version.save(update_fields=["pdf", "pdf_error"])
    bump_public_version()
    return version
