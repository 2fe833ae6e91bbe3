"""Writing the synthesis report: every change goes through one of these functions, which
checks its input (a French message when it is refused, nothing changed), owns its
transaction and writes its audit row. Publication is in ``publication.py``.

A proposal's number is given once, from ``Report.next_proposal_number``, at creation:
never reused nor renumbered; a withdrawn proposal keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.core.audit import audit
from concerto.processes.models import Process
from concerto.reports.models import Figure, Finding, Proposal, Report, Stake
from concerto.reports.statistics import DEFINITIONS
from concerto.synthesis.models import Coding, Theme

TITLE_MAX = 200
PROPOSAL_TITLE_MAX = 300


class ReportError(Exception):
    """A write was refused; ``str(exc)`` is a French message for the person."""


def _required(value: str, message: str, *, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise ReportError(message)
    if max_length is not None and len(value) > max_length:
        raise ReportError(_("Texte trop long : %(max)s caractères au plus.") % {"max": max_length})
    return value


def _themes(process: Process, themes: Iterable[Theme]) -> list[Theme]:
    chosen = list(themes)
    ids = {theme.pk for theme in chosen}
    if ids:
        found = Theme.objects.filter(pk__in=ids, codebook__process=process).count()
        if found != len(ids):
            raise ReportError(
                _("Un des thèmes choisis n'appartient pas à la grille de cette démarche.")
            )
    return chosen


# --- The report -----------------------------------------------------------------------------


def report_create(
    *, process: Process, title: str, introduction: str = "", method: str = "", actor: User
) -> Report:
    title = _required(title, _("Le titre du rapport est obligatoire."), max_length=TITLE_MAX)
    with transaction.atomic():
        if Report.objects.filter(process=process).exists():
            raise ReportError(_("Cette démarche a déjà un rapport de synthèse."))
        report = Report.objects.create(
            process=process,
            title=title,
            introduction=introduction.strip(),
            method=method.strip(),
        )
        audit(actor=actor, action="reports.report_create", target=report)
    return report


def report_update(
    *, report: Report, title: str, introduction: str, method: str, actor: User
) -> Report:
    title = _required(title, _("Le titre du rapport est obligatoire."), max_length=TITLE_MAX)
    with transaction.atomic():
        report.title = title
        report.introduction = introduction.strip()
        report.method = method.strip()
        report.save(update_fields=["title", "introduction", "method", "updated_at"])
        audit(actor=actor, action="reports.report_update", target=report)
    return report


# --- Stakes ---------------------------------------------------------------------------------


def stake_create(
    *,
    report: Report,
    title: str,
    summary: str = "",
    themes: Iterable[Theme] = (),
    actor: User,
) -> Stake:
    title = _required(title, _("Le titre de l'enjeu est obligatoire."), max_length=TITLE_MAX)
    chosen = _themes(report.process, themes)
    with transaction.atomic():
        last = report.stakes.aggregate(m=Max("position"))["m"]
        stake = Stake.objects.create(
            report=report,
            title=title,
            summary=summary.strip(),
            position=0 if last is None else last + 1,
        )
        stake.themes.set(chosen)
        audit(actor=actor, action="reports.stake_create", target=stake)
    return stake


def stake_update(
    *, stake: Stake, title: str, summary: str, themes: Iterable[Theme], actor: User
) -> Stake:
    title = _required(title, _("Le titre de l'enjeu est obligatoire."), max_length=TITLE_MAX)
    chosen = _themes(stake.report.process, themes)
    with transaction.atomic():
        stake.title = title
        stake.summary = summary.strip()
        stake.save(update_fields=["title", "summary"])
        stake.themes.set(chosen)
        audit(actor=actor, action="reports.stake_update", target=stake)
    return stake


def stake_move(*, stake: Stake, offset: int, actor: User) -> None:
    """Move ``stake`` one place up (``offset`` -1) or down (+1) among its report's stakes."""
    if offset not in (-1, 1):
        raise ReportError(_("Déplacement inconnu."))
    with transaction.atomic():
        stakes = list(Stake.objects.select_for_update().filter(report=stake.report_id))
        index = next(i for i, s in enumerate(stakes) if s.pk == stake.pk)
        other = index + offset
        if not 0 <= other < len(stakes):
            return
        stakes[index], stakes[other] = stakes[other], stakes[index]
        for position, item in enumerate(stakes):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        audit(actor=actor, action="reports.stake_move", target=stake, data={"offset": offset})


def stake_delete(*, stake: Stake, actor: User) -> None:
    with transaction.atomic():
        if stake.proposals.exists():
            raise ReportError(
                _(
                    "Cet enjeu a des préconisations : elles gardent leur numéro et ne peuvent "
                    "pas être supprimées. Retirez-les ou déplacez-les d'abord."
                )
            )
        audit(actor=actor, action="reports.stake_delete", target=stake)
        stake.delete()


# --- Findings -------------------------------------------------------------------------------


def finding_create(
    *, stake: Stake, text: str, themes: Iterable[Theme] = (), actor: User
) -> Finding:
    text = _required(text, _("Le texte du constat est obligatoire."))
    chosen = _themes(stake.report.process, themes)
    with transaction.atomic():
        last = stake.findings.aggregate(m=Max("position"))["m"]
        finding = Finding.objects.create(
            stake=stake, text=text, position=0 if last is None else last + 1
        )
        finding.themes.set(chosen)
        audit(actor=actor, action="reports.finding_create", target=finding)
    return finding


def finding_update(*, finding: Finding, text: str, themes: Iterable[Theme], actor: User) -> Finding:
    text = _required(text, _("Le texte du constat est obligatoire."))
    chosen = _themes(finding.stake.report.process, themes)
    with transaction.atomic():
        finding.text = text
        finding.save(update_fields=["text"])
        finding.themes.set(chosen)
        audit(actor=actor, action="reports.finding_update", target=finding)
    return finding


def finding_delete(*, finding: Finding, actor: User) -> None:
    with transaction.atomic():
        audit(actor=actor, action="reports.finding_delete", target=finding)
        finding.delete()


# --- Proposals ------------------------------------------------------------------------------


def proposal_create(
    *,
    stake: Stake,
    title: str,
    text: str = "",
    themes: Iterable[Theme] = (),
    actor: User,
) -> Proposal:
    """A new proposal, numbered once and for all from its report's counter."""
    title = _required(
        title, _("Le titre de la préconisation est obligatoire."), max_length=PROPOSAL_TITLE_MAX
    )
    chosen = _themes(stake.report.process, themes)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=stake.report_id)
        number = report.next_proposal_number
        report.next_proposal_number = number + 1
        report.save(update_fields=["next_proposal_number"])
        last = stake.proposals.aggregate(m=Max("position"))["m"]
        proposal = Proposal.objects.create(
            stake=stake,
            report=report,
            number=number,
            title=title,
            text=text.strip(),
            position=0 if last is None else last + 1,
        )
        proposal.themes.set(chosen)
        audit(
            actor=actor,
            action="reports.proposal_create",
            target=proposal,
            data={"number": number},
        )
    return proposal


def proposal_update(
    *,
    proposal: Proposal,
    title: str,
    text: str,
    themes: Iterable[Theme],
    stake: Stake | None = None,
    actor: User,
) -> Proposal:
    """Edit a proposal (its number never changes); ``stake`` moves it to another stake of
    the same report."""
    title = _required(
        title, _("Le titre de la préconisation est obligatoire."), max_length=PROPOSAL_TITLE_MAX
    )
    chosen = _themes(proposal.report.process, themes)
    if stake is not None and stake.report_id != proposal.report_id:
        raise ReportError(_("Cet enjeu appartient à un autre rapport."))
    with transaction.atomic():
        proposal.title = title
        proposal.text = text.strip()
        fields = ["title", "text"]
        if stake is not None and stake.pk != proposal.stake_id:
            proposal.stake = stake
            fields.append("stake")
        proposal.save(update_fields=fields)
        proposal.themes.set(chosen)
        audit(
            actor=actor,
            action="reports.proposal_update",
            target=proposal,
            data={"number": proposal.number},
        )
    return proposal


def proposal_withdraw(
    *, proposal: Proposal, withdrawn: bool = True, reason: str = "", actor: User
) -> Proposal:
    """Withdraw a proposal (or put it back): it keeps its number either way."""
    reason = reason.strip()
    if withdrawn and not reason:
        raise ReportError(_("Indiquez pourquoi la préconisation est retirée."))
    with transaction.atomic():
        proposal.withdrawn = withdrawn
        proposal.save(update_fields=["withdrawn"])
        audit(
            actor=actor,
            action="reports.proposal_withdraw" if withdrawn else "reports.proposal_restore",
            target=proposal,
            reason=reason[:500],
            data={"number": proposal.number},
        )
    return proposal


# --- Quotes ---------------------------------------------------------------------------------


def _report_of(target: Finding | Proposal) -> Report:
    return target.stake.report if isinstance(target, Finding) else target.report


def check_quote(coding: Coding, process: Process) -> None:
    """Refuse a coding that cannot be quoted in the report of ``process``."""
    answer = coding.answer
    contribution = answer.contribution
    if contribution.process_id != process.pk:
        raise ReportError(_("Cette citation vient d'une autre démarche."))
    if not coding.is_quote:
        raise ReportError(_("Cet extrait n'est pas marqué comme citation par les analystes."))
    if coding.start is None or coding.end is None or not coding.excerpt:
        raise ReportError(_("Ce codage porte sur toute la réponse : choisissez un extrait."))
    if contribution.status != Contribution.Status.PUBLISHED:
        raise ReportError(
            _("La contribution %(receipt)s n'est pas publiée : elle ne peut pas être citée.")
            % {"receipt": contribution.receipt_number}
        )
    if answer.shown_text[coding.start : coding.end] != coding.excerpt:
        raise ReportError(
            _(
                "Le texte de la contribution %(receipt)s a changé depuis le codage : "
                "l'extrait n'y figure plus tel quel."
            )
            % {"receipt": contribution.receipt_number}
        )


def quote_attach(*, target: Finding | Proposal, coding: Coding, actor: User) -> None:
    report = _report_of(target)
    coding = Coding.objects.select_related("answer__contribution").get(pk=coding.pk)
    check_quote(coding, report.process)
    with transaction.atomic():
        target.quotes.add(coding)
        audit(
            actor=actor,
            action="reports.quote_attach",
            target=target,
            data={"coding": coding.pk, "receipt": coding.answer.contribution.receipt_number},
        )


def quote_detach(*, target: Finding | Proposal, coding: Coding, actor: User) -> None:
    with transaction.atomic():
        target.quotes.remove(coding)
        audit(actor=actor, action="reports.quote_detach", target=target, data={"coding": coding.pk})


# --- Figures --------------------------------------------------------------------------------


def figure_add(
    *,
    report: Report,
    key: str,
    stake: Stake | None = None,
    caption: str = "",
    actor: User,
) -> Figure:
    key = (key or "").strip()
    if key not in DEFINITIONS:
        raise ReportError(_("Cette statistique n'existe pas."))
    if stake is not None and stake.report_id != report.pk:
        raise ReportError(_("Cet enjeu appartient à un autre rapport."))
    caption = caption.strip()
    if len(caption) > 300:
        raise ReportError(_("Commentaire trop long : 300 caractères au plus."))
    with transaction.atomic():
        if Figure.objects.filter(report=report, stake=stake, key=key).exists():
            raise ReportError(_("Cette figure est déjà dans cette partie du rapport."))
        last = Figure.objects.filter(report=report, stake=stake).aggregate(m=Max("position"))["m"]
        figure = Figure.objects.create(
            report=report,
            stake=stake,
            key=key,
            caption=caption,
            position=0 if last is None else last + 1,
        )
        audit(actor=actor, action="reports.figure_add", target=figure, data={"key": key})
    return figure


def figure_remove(*, figure: Figure, actor: User) -> None:
    with transaction.atomic():
        audit(actor=actor, action="reports.figure_remove", target=figure, data={"key": figure.key})
        figure.delete()


def themes_of(process: Process, ids: Sequence[int]) -> list[Theme]:
    """The themes of ``process``'s codebook among ``ids`` (for forms)."""
    return list(Theme.objects.filter(pk__in=ids, codebook__process=process))
