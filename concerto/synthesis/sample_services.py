"""Double coding: draw a random sample (size, seed: reproducible, stored), let two analysts
code it independently, then compare (``agreement.py``).

Each analyst's decisions are ``SampleReview`` rows, apart from the main codings. Neither
analyst sees the other's decisions before both have finished (``reviews_visible_to``).
"""

from __future__ import annotations

import random
from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Contribution
from concerto.contributions.workflow import analysed
from concerto.core.audit import audit
from concerto.core.roles import can
from concerto.processes.models import Process
from concerto.synthesis.models import CodingSample, SampleItem, SampleReview, Theme

MAX_SAMPLE = 500
NOTE_MAX = 2000


class SampleError(Exception):
    """A refused request, with a message for the analyst (French). Nothing was changed."""


def draw(contribution_ids: Collection[int], size: int, seed: int) -> list[int]:
    """``size`` ids drawn from ``contribution_ids`` with ``seed``: the same inputs always
    give the same sample, whatever order the ids come in."""
    return random.Random(seed).sample(sorted(contribution_ids), size)  # noqa: S311 (not crypto)


def sample_create(
    *,
    process: Process,
    size: int,
    seed: int,
    coder_a: User,
    coder_b: User,
    actor: User,
) -> CodingSample:
    if coder_a.pk == coder_b.pk:
        raise SampleError(_("Choisissez deux analystes différent·e·s."))
    for coder in (coder_a, coder_b):
        if not can(coder, "synthesis.code"):
            raise SampleError(_("%(email)s n'a pas le droit de coder.") % {"email": coder.email})
    if not 0 <= seed <= 2**31 - 1:
        raise SampleError(_("La graine est un nombre entier de 0 à 2 147 483 647."))
    with transaction.atomic():
        ids = list(
            Contribution.objects.filter(analysed(), process=process).values_list("pk", flat=True)
        )
        if not 2 <= size <= min(len(ids), MAX_SAMPLE):
            raise SampleError(
                _(
                    "La taille de l'échantillon va de 2 à %(max)d (contributions publiées : "
                    "%(count)d)."
                )
                % {"max": min(len(ids), MAX_SAMPLE), "count": len(ids)}
            )
        sample = CodingSample.objects.create(
            process=process,
            size=size,
            seed=seed,
            coder_a=coder_a,
            coder_b=coder_b,
            created_by=actor,
        )
        SampleItem.objects.bulk_create(
            SampleItem(sample=sample, contribution_id=pk, position=position)
            for position, pk in enumerate(draw(ids, size, seed), start=1)
        )
        audit(
            actor=actor,
            action="synthesis.sample_create",
            target=sample,
            data={"size": size, "seed": seed, "coders": [coder_a.pk, coder_b.pk]},
        )
    return sample


def sample_review(
    *,
    sample: CodingSample,
    answer: Answer,
    themes: Collection[Theme],
    note: str = "",
    actor: User,
) -> SampleReview:
    """Record (or replace) ``actor``'s themes for ``answer`` in ``sample``; no theme at all
    is a decision too ("none of the themes")."""
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise SampleError(_("La note a au plus %(max)d caractères.") % {"max": NOTE_MAX})
    with transaction.atomic():
        sample = CodingSample.objects.select_for_update().get(pk=sample.pk)
        if not sample.is_coder(actor):
            raise SampleError(_("Seul·e·s les deux analystes de cet échantillon le codent."))
        if sample.finished_at_for(actor) is not None:
            raise SampleError(
                _("Vous avez terminé cet échantillon : vos décisions ne changent plus.")
            )
        if not SampleItem.objects.filter(
            sample=sample, contribution_id=answer.contribution_id
        ).exists():
            raise SampleError(_("Cette réponse ne fait pas partie de l'échantillon."))
        chosen = list(
            Theme.objects.filter(pk__in=[t.pk for t in themes]).select_related("codebook")
        )
        for theme in chosen:
            if theme.codebook.process_id != sample.process_id or (
                theme.is_archived and theme.pk not in _current(sample, answer, actor)
            ):
                raise SampleError(_("Ce thème n'est pas dans la grille active de la démarche."))
        review, created = SampleReview.objects.update_or_create(
            sample=sample,
            answer=answer,
            coder=actor,
            defaults={"note": note, "reviewed_at": timezone.now()},
        )
        review.themes.set(chosen)
        audit(
            actor=actor,
            action="synthesis.sample_review",
            target=sample,
            data={
                "answer": answer.pk,
                "themes": sorted(t.pk for t in chosen),
                "replaced": not created,
            },
        )
    return review


def _current(sample: CodingSample, answer: Answer, coder: User) -> set[int]:
    review = SampleReview.objects.filter(sample=sample, answer=answer, coder=coder).first()
    return set(review.themes.values_list("pk", flat=True)) if review else set()


def remaining(sample: CodingSample, coder: User) -> int:
    """How many answers of ``sample`` ``coder`` has not decided yet."""
    answers = Answer.objects.filter(contribution__in=sample.items.values("contribution"))
    done = SampleReview.objects.filter(sample=sample, coder=coder)
    return answers.count() - done.count()


def sample_finish(*, sample: CodingSample, actor: User) -> CodingSample:
    with transaction.atomic():
        sample = CodingSample.objects.select_for_update().get(pk=sample.pk)
        if not sample.is_coder(actor):
            raise SampleError(_("Seul·e·s les deux analystes de cet échantillon le codent."))
        if sample.finished_at_for(actor) is not None:
            raise SampleError(_("Vous avez déjà terminé cet échantillon."))
        left = remaining(sample, actor)
        if left > 0:
            raise SampleError(
                ngettext(
                    "Il vous reste %(count)d réponse à coder avant de terminer.",
                    "Il vous reste %(count)d réponses à coder avant de terminer.",
                    left,
                )
                % {"count": left}
            )
        now = timezone.now()
        if actor.pk == sample.coder_a_id:
            sample.finished_a_at = now
        else:
            sample.finished_b_at = now
        sample.save(update_fields=["finished_a_at", "finished_b_at"])
        audit(actor=actor, action="synthesis.sample_finish", target=sample)
    return sample


def reviews_visible_to(sample: CodingSample, user: User) -> set[int]:
    """The coders whose decisions ``user`` may see: everyone's once both analysts have
    finished, else only their own (nobody's for someone outside the pair)."""
    if sample.is_finished:
        return {sample.coder_a_id, sample.coder_b_id}
    if sample.is_coder(user):
        return {user.pk}
    return set()
