"""Turning machine help into decisions: a discovered cluster becomes a codebook theme; a
suggestion is accepted (codings of origin "suggestion") or corrected (the analyst's own
themes). Every decision goes through the codebook and coding services (versions, audit)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.synthesis.codebook_services import NAME_MAX, theme_create
from concerto.synthesis.coding_services import CodingError, coding_create
from concerto.synthesis.models import Cluster, Coding, Suggestion, Theme

# A suggested theme is "likely" from this confidence on; below it, only the best one is.
LIKELY = 0.5
EXAMPLES = 3


def cluster_name(cluster: Cluster) -> str:
    words = [k for k in cluster.keywords if k][:3]
    name = ", ".join(words) or _("Groupe %(number)d") % {"number": cluster.position}
    return name[:1].upper() + name[1:NAME_MAX]


def cluster_definition(cluster: Cluster) -> str:
    question = cluster.run.question
    return _(
        "Réponses qui parlent de : %(keywords)s. Groupe de %(count)d réponses découvert "
        "automatiquement (question %(question)s) : définition à relire et préciser."
    ) % {
        "keywords": ", ".join(cluster.keywords[:8]),
        "count": cluster.size,
        "question": question.number if question else "—",
    }


def cluster_examples(cluster: Cluster) -> str:
    return "\n".join(
        f"« {item['excerpt']} »" for item in cluster.representatives[:EXAMPLES] if item["excerpt"]
    )


def theme_from_cluster(
    *, cluster: Cluster, actor: User, parent: Theme | None = None, name: str = ""
) -> Theme:
    """Create a codebook theme from ``cluster`` (name from its keywords, definition and
    examples prefilled), through the codebook service; the cluster remembers it."""
    with transaction.atomic():
        cluster = (
            Cluster.objects.select_for_update(of=("self",))
            .select_related("run__question")
            .get(pk=cluster.pk)
        )
        if cluster.theme_id is not None:
            from concerto.synthesis.codebook_services import CodebookError

            raise CodebookError(_("Ce groupe a déjà donné un thème de la grille."))
        base = name.strip() or cluster_name(cluster)
        candidate, suffix = base, 2
        while Theme.objects.filter(
            codebook__process_id=cluster.run.process_id, parent=parent, name__iexact=candidate
        ).exists():
            candidate = f"{base[: NAME_MAX - 5]} ({suffix})"
            suffix += 1
        theme = theme_create(
            process=cluster.run.process,
            name=candidate,
            definition=cluster_definition(cluster),
            examples=cluster_examples(cluster),
            parent=parent,
            actor=actor,
            note=_("Thème créé depuis un groupe découvert automatiquement"),
        )
        cluster.theme = theme
        cluster.save(update_fields=["theme"])
    return theme


def likely_themes(scores: Sequence[Sequence[float]]) -> list[int]:
    """Theme ids of a suggestion offered by default: those at ``LIKELY`` or above, or the
    best one."""
    ids = [int(pk) for pk, confidence in scores if confidence >= LIKELY]
    if not ids and scores:
        ids = [int(scores[0][0])]
    return ids


def _decide(suggestion: Suggestion, status: str, actor: User) -> Suggestion:
    locked = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("answer")
        .get(pk=suggestion.pk)
    )
    if locked.status != Suggestion.Status.WAITING:
        raise CodingError(_("Cette suggestion a déjà été traitée ou remplacée."))
    if Coding.objects.filter(answer=locked.answer).exists():
        raise CodingError(_("Cette réponse a été codée entre-temps : la suggestion est caduque."))
    locked.status = status
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def suggestion_accept(*, suggestion: Suggestion, actor: User) -> list[Coding]:
    """Code the whole answer with the likely themes (origin "suggestion")."""
    with transaction.atomic():
        locked = _decide(suggestion, Suggestion.Status.ACCEPTED, actor)
        themes = list(Theme.objects.filter(pk__in=likely_themes(locked.scores), is_archived=False))
        if not themes:
            raise CodingError(_("Les thèmes suggérés ont été archivés : corrigez la suggestion."))
        codings = coding_create(
            answer=locked.answer, themes=themes, origin=Coding.Origin.SUGGESTION, actor=actor
        )
        audit(
            actor=actor,
            action="synthesis.suggestion_accept",
            target=locked,
            data={"themes": [t.pk for t in themes], "run": locked.run_id},
        )
    return codings


def suggestion_correct(
    *, suggestion: Suggestion, themes: Sequence[Theme], actor: User, note: str = ""
) -> list[Coding]:
    """Code the whole answer with the themes the analyst chose instead (origin manual):
    the next training learns from them."""
    with transaction.atomic():
        locked = _decide(suggestion, Suggestion.Status.CORRECTED, actor)
        codings = coding_create(answer=locked.answer, themes=themes, note=note, actor=actor)
        audit(
            actor=actor,
            action="synthesis.suggestion_correct",
            target=locked,
            data={
                "suggested": likely_themes(locked.scores),
                "themes": sorted({t.pk for t in themes}),
                "run": locked.run_id,
            },
        )
    return codings
