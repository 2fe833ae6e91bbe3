"""Personal data of the analysis workspace (see ``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Answer
from concerto.contributions.privacy import ERASED_TEXT
from concerto.core.personal_data import (
    Erasure,
    ExportBundle,
    NotPersonal,
    PersonalData,
    Subject,
)
from concerto.synthesis.models import Cluster, Coding

TEAM = _("l'analyste (son compte, par son numéro)")
TEAM_RETENTION = _("la durée de la démarche : trace de l'analyse, rejouable")


def _codings(subject: Subject) -> QuerySet[Coding]:
    return Coding.objects.filter(answer__contribution_id__in=subject.contribution_ids)


def _erase(
    rows: QuerySet[Coding], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # Runs after the contributions (order): an excerpt copied from an answer whose text
    # was erased goes too; the code itself stays (the analysis' figures do not change).
    changed = (
        Coding.objects.filter(pk__in=rows.values("pk"), answer__text=ERASED_TEXT)
        .exclude(excerpt="", note="")
        .update(excerpt="", note="")
    )
    return {"coding_excerpts": changed}


def _clusters(subject: Subject) -> QuerySet[Cluster]:
    processes = Answer.objects.filter(contribution_id__in=subject.contribution_ids).values(
        "contribution__process_id"
    )
    return Cluster.objects.filter(run__process_id__in=processes)


def _erase_clusters(
    rows: QuerySet[Cluster], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    # A theme discovery keeps excerpts of a few answers: those whose text was erased go.
    erased = set(
        Answer.objects.filter(
            contribution_id__in=subject.contribution_ids, text=ERASED_TEXT
        ).values_list("pk", flat=True)
    )
    changed = 0
    for cluster in Cluster.objects.filter(pk__in=rows.values("pk")).select_for_update():
        kept = [r for r in cluster.representatives if r.get("answer") not in erased]
        if len(kept) != len(cluster.representatives):
            Cluster.objects.filter(pk=cluster.pk).update(representatives=kept)
            changed += 1
    return {"cluster_excerpts": changed}


DECLARATIONS = [
    PersonalData(
        model="synthesis.Coding",
        fields=("excerpt", "note"),
        subject=_("l'auteur·rice de la contribution codée (extrait de son texte)"),
        erasure=Erasure.ANONYMISE,
        retention=_("la durée de la démarche ; l'extrait suit le texte de la contribution"),
        rows=_codings,
        erase=_erase,
        order=10,
    ),
    PersonalData(
        model="synthesis.Coding",
        fields=("coder",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="synthesis.CodebookVersion",
        fields=("author",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="synthesis.CodingSample",
        fields=("coder_a", "coder_b", "created_by"),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="synthesis.SampleReview",
        fields=("coder",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="synthesis.AnalysisRun",
        fields=("created_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    PersonalData(
        model="synthesis.Suggestion",
        fields=("decided_by",),
        subject=TEAM,
        erasure=Erasure.KEEP,
        retention=TEAM_RETENTION,
    ),
    NotPersonal(
        model="synthesis.CodebookVersion",
        fields=("snapshot",),
        reason=_("la grille de codage (thèmes et définitions)"),
    ),
    NotPersonal(
        model="synthesis.Embedding",
        fields=("text_hash",),
        reason=_("l'empreinte d'un texte, pour savoir s'il faut recalculer"),
    ),
    NotPersonal(
        model="synthesis.Theme",
        fields=("name", "definition", "examples"),
        reason=_("un thème de la grille de codage"),
    ),
    NotPersonal(
        model="synthesis.SampleReview",
        fields=("note",),
        reason=_("la note d'un·e analyste sur l'accord entre codeurs"),
    ),
    NotPersonal(
        model="synthesis.AnalysisRun",
        fields=("params", "summary", "error"),
        reason=_("les réglages et les chiffres d'un calcul"),
    ),
    PersonalData(
        model="synthesis.Cluster",
        fields=("representatives",),
        subject=_("les auteur·rice·s des réponses citées en exemple d'un regroupement"),
        erasure=Erasure.ANONYMISE,
        retention=_("la durée de la démarche ; l'extrait suit le texte de la contribution"),
        rows=_clusters,
        erase=_erase_clusters,
        order=10,
    ),
    NotPersonal(
        model="synthesis.Cluster",
        fields=("keywords", "members"),
        reason=_("des numéros de réponses et des mots-clés, sans texte"),
    ),
    NotPersonal(
        model="synthesis.Suggestion",
        fields=("scores",),
        reason=_("des scores de calcul"),
    ),
]
