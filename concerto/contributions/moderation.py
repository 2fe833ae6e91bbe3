"""Moderation decisions on contributions. Each call is atomic and writes its audit row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Contribution
from concerto.contributions.services import ContributionError, refresh_search_document
from concerto.contributions.workflow import TRANSITIONS, initial_status, target_of
from concerto.core.audit import audit
from concerto.core.pii import mask_personal_data
from concerto.core.roles import can

# Other apps may refuse a publication (e.g. an original work without its transcript):
# each guard returns a French message to refuse, or None. Registered in AppConfig.ready().
PublishGuard = Callable[[Contribution], str | None]
PUBLISH_GUARDS: list[PublishGuard] = []

EDIT_SALT = "concerto.contribution.edit"
EDIT_LINK_MAX_AGE = 60 * 60 * 24 * 30


def edit_token(contribution: Contribution) -> str:
    return signing.dumps({"c": contribution.pk, "r": contribution.edit_round}, salt=EDIT_SALT)


def contribution_from_edit_token(token: str) -> Contribution | None:
    try:
        payload = signing.loads(token, salt=EDIT_SALT, max_age=EDIT_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    contribution = (
        Contribution.objects.select_related("process").filter(pk=payload.get("c")).first()
    )
    if contribution is None or contribution.edit_round != payload.get("r"):
        return None
    if contribution.status != Contribution.Status.CHANGES_REQUESTED:
        return None
    return contribution


def _audit_reason(reason: str, note: str) -> str:
    """Why, for the audit log: the label of the refusal reason, then the moderator's note."""
    label = str(Contribution.RejectionReason(reason).label) if reason else ""
    return " — ".join(part for part in (label, note) if part)


def _wrong_reason(transition: str) -> str:
    if transition == "reject":
        return _(
            "Ce motif est contraire à la charte : écartez la contribution de l'analyse "
            "plutôt que de refuser seulement sa publication."
        )
    return _(
        "Seul un propos contraire à la charte (injurieux, publicitaire, envoi automatique) "
        "écarte une contribution de l'analyse : pour ce motif, refusez seulement sa "
        "publication, elle reste analysée."
    )


def contribution_moderate(
    *,
    contribution: Contribution,
    transition: str,
    actor: User,
    reason: str = "",
    note: str = "",
) -> Contribution:
    """Apply a moderation transition (publish, reject, set_aside, reinstate,
    request_changes: ``workflow.TRANSITIONS``)."""
    step = TRANSITIONS.get(transition)
    if step is None or step.permission == "author":
        raise ContributionError(_("Action de modération inconnue."))
    if not can(actor, step.permission):
        raise PermissionError(_("Vous n'avez pas le droit de modérer."))
    note = note.strip()
    if step.needs_reason and step.reasons:
        if reason in Contribution.RejectionReason.values and reason not in step.reasons:
            raise ContributionError(_wrong_reason(transition))
        if reason not in step.reasons:
            raise ContributionError(_("Choisissez un motif de refus."))
    if step.needs_reason and not step.reasons and not note:
        raise ContributionError(_("Expliquez à l'auteur·rice ce qu'il faut modifier."))
    if not step.reasons:
        reason = ""
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if step.needs_consent and not locked.consent_publication:
            raise ContributionError(
                _("L'auteur·rice n'a pas accepté la publication : elle reste privée.")
            )
        if locked.status not in step.sources:
            raise ContributionError(
                _("Cette contribution est « %(status)s » : action impossible.")
                % {"status": locked.get_status_display()}
            )
        if transition == "publish":
            for guard in PUBLISH_GUARDS:
                refusal = guard(locked)
                if refusal:
                    raise ContributionError(refusal)
        if transition == "request_changes" and not locked.email:
            # Without an address the author never gets the edit link: the contribution
            # would wait for a modification forever.
            raise ContributionError(
                _(
                    "Cette contribution n'a pas d'adresse e-mail : impossible de demander "
                    "une modification à son auteur·rice."
                )
            )
        before = locked.status
        locked.status = target_of(step, locked)
        locked.rejection_reason = reason
        locked.moderation_note = note
        if locked.status == Contribution.Status.PUBLISHED:
            locked.published_at = locked.published_at or timezone.now()
        else:
            locked.published_at = None
        if transition == "request_changes":
            locked.edit_round += 1
        locked.save()
        refresh_search_document(locked)
        audit(
            actor=actor,
            action=f"contribution.{transition}",
            target=locked,
            reason=_audit_reason(reason, note),
            data={"from": before, "to": locked.status, "reason": reason},
        )
        if locked.email and transition in ("reject", "set_aside", "request_changes", "publish"):
            from concerto.contributions.tasks import send_moderation_email

            transaction.on_commit(
                partial(send_moderation_email.enqueue, locked.pk, transition), robust=True
            )
    return locked


def contribution_moderate_bulk(
    *,
    contributions: Iterable[Contribution],
    transition: str,
    actor: User,
    reason: str = "",
    note: str = "",
) -> tuple[int, list[str]]:
    """Apply one transition to many; returns (done, errors). Each is its own transaction."""
    done, errors = 0, []
    for contribution in contributions:
        try:
            contribution_moderate(
                contribution=contribution,
                transition=transition,
                actor=actor,
                reason=reason,
                note=note,
            )
            done += 1
        except ContributionError as exc:
            errors.append(f"{contribution.receipt_number} : {exc}")
    return done, errors


def contribution_mask(
    *, contribution: Contribution, actor: User, texts: dict[int, str] | None = None
) -> Contribution:
    """Set the public text of each answer: the given edited texts (answer id -> text),
    or, without ``texts``, the author's text with e-mails and phone numbers masked.
    The author's original text is kept, private."""
    if not can(actor, "contributions.moderate"):
        raise PermissionError(_("Vous n'avez pas le droit de modérer."))
    with transaction.atomic():
        # Fresh and locked: the caller's object may be stale (status, prefetched answers).
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        answers = list(Answer.objects.select_for_update().filter(contribution=locked))
        if texts is not None and not set(texts) <= {answer.pk for answer in answers}:
            raise ContributionError(_("Cette réponse n'appartient pas à cette contribution."))
        changed = []
        for answer in answers:
            if texts is None:
                new = mask_personal_data(answer.text)
            elif answer.pk in texts:
                new = texts[answer.pk].strip()
                if not new:
                    raise ContributionError(_("Le texte publié ne peut pas être vide."))
            else:  # not edited this time: keep what moderation set before
                continue
            new = "" if new == answer.text else new
            if new != answer.public_text:
                answer.public_text = new
                answer.save(update_fields=["public_text"])
                changed.append(answer.pk)
        refresh_search_document(locked)
        audit(
            actor=actor,
            action="contribution.mask",
            target=locked,
            data={"answers": changed, "edited": texts is not None},
        )
    return locked


def contribution_resubmit(*, contribution: Contribution, texts: dict[int, str]) -> Contribution:
    """The author edits their answers after a request for changes (via the e-mailed link)."""
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if locked.status != Contribution.Status.CHANGES_REQUESTED:
            raise ContributionError(_("Cette contribution n'attend pas de modification."))
        answers = list(Answer.objects.filter(contribution=locked))
        if not any(texts.get(a.pk, "").strip() for a in answers):
            raise ContributionError(_("Répondez à au moins une question."))
        for answer in answers:
            new = texts.get(answer.pk, "").strip()
            if new and new != answer.text:
                answer.text = new
                answer.public_text = ""
                answer.save(update_fields=["text", "public_text"])
        locked.status = initial_status(consent_publication=locked.consent_publication)
        locked.edit_round += 1
        locked.save(update_fields=["status", "edit_round"])
        audit(actor=None, action="contribution.resubmit", target=locked)
    return locked
