"""Writing codings: a theme applied to a whole answer or to an excerpt of its shown text.

Each decision records who and when (``Coding.coder``, ``created_at``) and an audit row.
The excerpt is always ``answer.shown_text[start:end]``; a whole-answer coding has empty
offsets and an empty excerpt. Bad input raises ``CodingError`` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.contributions.models import Answer
from concerto.contributions.workflow import ANALYSED
from concerto.core.audit import audit
from concerto.synthesis.models import Codebook, Coding, Theme
from concerto.synthesis.passages import ExcerptError, check_offsets, locate

NOTE_MAX = 2000


class CodingError(Exception):
    """A refused coding, with a message for the analyst (French). Nothing was changed."""


@dataclass(frozen=True)
class Target:
    """What to code: the whole answer (no offsets, no excerpt), an excerpt given by its
    offsets (checked against ``excerpt`` if given), or an excerpt given by its text alone
    (the server finds it)."""

    start: int | None = None
    end: int | None = None
    excerpt: str = ""


def resolve_target(answer: Answer, target: Target) -> tuple[int | None, int | None, str]:
    """``(start, end, excerpt)`` for ``target`` in ``answer.shown_text``."""
    text = answer.shown_text
    try:
        if target.start is not None or target.end is not None:
            if target.start is None or target.end is None:
                raise CodingError(_("Ce passage ne correspond pas au texte de la réponse."))
            if target.excerpt and text[target.start : target.end] != target.excerpt:
                # The excerpt was edited after the selection: it is what the analyst meant.
                start, end = locate(text, target.excerpt)
                return start, end, text[start:end]
            excerpt = check_offsets(text, target.start, target.end)
            return target.start, target.end, excerpt
        if target.excerpt.strip():
            start, end = locate(text, target.excerpt)
            return start, end, text[start:end]
    except ExcerptError as exc:
        raise CodingError(str(exc)) from exc
    return None, None, ""


def _check_answer(answer: Answer, codebook: Codebook) -> None:
    contribution = answer.contribution
    if contribution.process_id != codebook.process_id:
        raise CodingError(_("Cette réponse appartient à une autre démarche."))
    if contribution.status not in ANALYSED:
        raise CodingError(
            _(
                "Cette contribution est écartée de l'analyse (contraire à la charte) : "
                "elle n'est pas codée."
            )
        )


def _check_themes(themes: Sequence[Theme], codebook: Codebook) -> list[Theme]:
    if not themes:
        raise CodingError(_("Choisissez au moins un thème."))
    unique = list({theme.pk: theme for theme in themes}.values())
    for theme in unique:
        if theme.codebook_id != codebook.pk:
            raise CodingError(_("Ce thème n'appartient pas à la grille de cette démarche."))
        if theme.is_archived:
            raise CodingError(
                _("Le thème « %(name)s » est archivé : il ne sert plus au codage.")
                % {"name": theme.name}
            )
    return unique


def coding_create(
    *,
    answer: Answer,
    themes: Sequence[Theme],
    target: Target | None = None,
    is_quote: bool = False,
    note: str = "",
    origin: str = Coding.Origin.MANUAL,
    actor: User,
) -> list[Coding]:
    """One coding per theme, on the same target. Refused as a whole if any is invalid."""
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise CodingError(_("La note a au plus %(max)d caractères.") % {"max": NOTE_MAX})
    if origin not in Coding.Origin.values:
        raise CodingError(_("Origine du codage inconnue."))
    with transaction.atomic():
        answer = Answer.objects.select_related("contribution").get(pk=answer.pk)
        codebook = Codebook.objects.filter(process_id=answer.contribution.process_id).first()
        if codebook is None:
            raise CodingError(_("Créez d'abord la grille de codage de cette démarche."))
        _check_answer(answer, codebook)
        chosen = _check_themes(
            list(Theme.objects.filter(pk__in=[t.pk for t in themes])) if themes else [],
            codebook,
        )
        start, end, excerpt = resolve_target(answer, target or Target())
        if is_quote and start is None:
            raise CodingError(
                _("Une citation est un extrait : choisissez un passage ou collez l'extrait.")
            )
        existing = set(
            Coding.objects.filter(answer=answer, start=start, end=end).values_list(
                "theme_id", flat=True
            )
        )
        already = [t.name for t in chosen if t.pk in existing]
        if already:
            raise CodingError(
                _("Ce passage est déjà codé avec : %(names)s.") % {"names": ", ".join(already)}
            )
        created = []
        for theme in chosen:
            coding = Coding.objects.create(
                answer=answer,
                theme=theme,
                start=start,
                end=end,
                excerpt=excerpt,
                is_quote=is_quote,
                note=note,
                origin=origin,
                coder=actor,
            )
            audit(
                actor=actor,
                action="synthesis.coding_create",
                target=coding,
                data={
                    "answer": answer.pk,
                    "theme": theme.pk,
                    "start": start,
                    "end": end,
                    "is_quote": is_quote,
                    "origin": origin,
                },
            )
            created.append(coding)
        _after_codings(codebook.process_id)
    return created


def coding_delete(*, coding: Coding, actor: User, reason: str = "") -> None:
    """Remove a coding (audited with what it said)."""
    with transaction.atomic():
        locked = Coding.objects.select_for_update().filter(pk=coding.pk).first()
        if locked is None:
            raise CodingError(_("Ce codage a déjà été retiré."))
        audit(
            actor=actor,
            action="synthesis.coding_delete",
            target=locked,
            reason=reason.strip()[:300],
            data={
                "answer": locked.answer_id,
                "theme": locked.theme_id,
                "start": locked.start,
                "end": locked.end,
                "excerpt": locked.excerpt[:500],
                "is_quote": locked.is_quote,
                "coder": locked.coder_id,
                "coded_at": locked.created_at.isoformat(),
            },
        )
        locked.delete()


def coding_set_quote(*, coding: Coding, is_quote: bool, actor: User) -> Coding:
    """Flag (or unflag) an excerpt coding as a quote worth citing."""
    with transaction.atomic():
        locked = Coding.objects.select_for_update().get(pk=coding.pk)
        if is_quote and locked.start is None:
            raise CodingError(
                _("Une citation est un extrait : choisissez un passage ou collez l'extrait.")
            )
        if locked.is_quote == is_quote:
            return locked
        locked.is_quote = is_quote
        locked.save(update_fields=["is_quote"])
        audit(
            actor=actor,
            action="synthesis.coding_quote" if is_quote else "synthesis.coding_unquote",
            target=locked,
        )
    return locked


def _after_codings(process_id: int) -> None:
    """New codings may call for a new suggestions run (see ``machine.maybe_retrain``)."""
    from concerto.synthesis.runs import maybe_retrain

    transaction.on_commit(partial(maybe_retrain, process_id), robust=True)
