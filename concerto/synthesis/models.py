"""The analysts' workspace: a codebook per process and the coding of contributions.

A ``Coding`` applies one theme to one answer of a contribution, either to the whole
answer (``start``/``end`` empty) or to an excerpt: character offsets into the answer's
shown (published) text, with a copy of the excerpt so that a later change of the text is
detected instead of silently shifting the quote.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Answer
from concerto.processes.models import Process


class Codebook(models.Model):
    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="codebook", verbose_name=_("démarche")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("grille de codage")
        verbose_name_plural = _("grilles de codage")

    def __str__(self) -> str:
        return f"{self.process} — v{self.version}"


class CodebookVersion(models.Model):
    """A frozen copy of the codebook, written by every change (who, when, why)."""

    codebook = models.ForeignKey(
        Codebook,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("grille de codage"),
    )
    number = models.PositiveIntegerField(_("numéro"))
    snapshot = models.JSONField(_("contenu"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("auteur·rice"),
    )
    note = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["codebook", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["codebook", "number"], name="codebook_version_unique")
        ]
        verbose_name = _("version de la grille de codage")
        verbose_name_plural = _("versions de la grille de codage")

    def __str__(self) -> str:
        return f"{self.codebook} v{self.number}"


class Theme(models.Model):
    """A theme (``parent`` empty) or a sub-theme: two levels only."""

    codebook = models.ForeignKey(
        Codebook,
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("grille de codage"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thème parent"),
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    name = models.CharField(_("nom"), max_length=160)
    definition = models.TextField(_("définition"), blank=True)
    examples = models.TextField(_("exemples"), blank=True)
    is_archived = models.BooleanField(_("archivé"), default=False)
    created_at = models.DateTimeField(_("date de création"), auto_now_add=True)

    class Meta:
        ordering = ["codebook", "position", "pk"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self) -> str:
        return self.name


class Coding(models.Model):
    """One coding decision: a theme applied to an answer or to an excerpt of it."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("codage manuel")
        SUGGESTION = "suggestion", _("suggestion acceptée")

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="codings", verbose_name=_("réponse")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="codings", verbose_name=_("thème")
    )
    start = models.PositiveIntegerField(_("début"), null=True, blank=True)
    end = models.PositiveIntegerField(_("fin"), null=True, blank=True)
    excerpt = models.TextField(_("extrait"), blank=True)
    is_quote = models.BooleanField(_("citation"), default=False)
    note = models.TextField(_("note"), blank=True)
    origin = models.CharField(
        _("origine"), max_length=12, choices=Origin.choices, default=Origin.MANUAL
    )
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="codings",
        verbose_name=_("analyste"),
    )
    created_at = models.DateTimeField(_("codé le"), auto_now_add=True)

    class Meta:
        ordering = ["answer_id", "start", "pk"]
        verbose_name = _("codage")
        verbose_name_plural = _("codages")
        constraints = [
            models.CheckConstraint(
                condition=(Q(start__isnull=True) & Q(end__isnull=True))
                | (Q(start__isnull=False) & Q(end__gt=models.F("start"))),
                name="coding_offsets_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} ← {self.answer_id}"


# --- Double coding: a random sample coded independently by two analysts ---------------------


class CodingSample(models.Model):
    """A random sample of published contributions (``size`` drawn with ``seed``), coded
    independently by ``coder_a`` and ``coder_b`` to measure their agreement. Their
    decisions (``SampleReview``) are kept apart from the main codings."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="coding_samples", verbose_name=_("démarche")
    )
    size = models.PositiveIntegerField(_("taille"))
    seed = models.PositiveIntegerField(_("graine du tirage"))
    coder_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("analyste A"),
    )
    coder_b = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("analyste B"),
    )
    finished_a_at = models.DateTimeField(_("terminé par A le"), null=True, blank=True)
    finished_b_at = models.DateTimeField(_("terminé par B le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["process", "-created_at", "-pk"]
        verbose_name = _("échantillon de double codage")
        verbose_name_plural = _("échantillons de double codage")
        constraints = [
            models.CheckConstraint(
                condition=~Q(coder_a=models.F("coder_b")), name="coding_sample_two_coders"
            )
        ]

    def __str__(self) -> str:
        return str(
            _("%(process)s — échantillon n° %(number)s")
            % {"process": self.process, "number": self.pk}
        )

    @property
    def is_finished(self) -> bool:
        return self.finished_a_at is not None and self.finished_b_at is not None

    def is_coder(self, user: object) -> bool:
        pk = getattr(user, "pk", None)
        return pk is not None and pk in (self.coder_a_id, self.coder_b_id)

    def finished_at_for(self, user: object) -> dt.datetime | None:
        pk = getattr(user, "pk", None)
        if pk == self.coder_a_id:
            return self.finished_a_at
        if pk == self.coder_b_id:
            return self.finished_b_at
        return None


class SampleItem(models.Model):
    sample = models.ForeignKey(
        CodingSample, on_delete=models.CASCADE, related_name="items", verbose_name=_("échantillon")
    )
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("contribution"),
    )
    position = models.PositiveIntegerField(_("rang"))

    class Meta:
        ordering = ["sample", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "contribution"], name="sample_item_unique")
        ]
        verbose_name = _("contribution de l'échantillon")
        verbose_name_plural = _("contributions de l'échantillon")

    def __str__(self) -> str:
        return f"{self.sample_id} #{self.position}"


class SampleReview(models.Model):
    """One coder's decision on one answer of the sample: the themes present (possibly
    none), who and when."""

    sample = models.ForeignKey(
        CodingSample,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("échantillon"),
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="+", verbose_name=_("réponse")
    )
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("analyste"),
    )
    themes = models.ManyToManyField(
        Theme, related_name="sample_reviews", blank=True, verbose_name=_("thèmes")
    )
    note = models.TextField(_("note"), blank=True)
    reviewed_at = models.DateTimeField(_("codé le"))

    class Meta:
        ordering = ["sample", "answer_id", "coder_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sample", "answer", "coder"], name="sample_review_unique"
            )
        ]
        verbose_name = _("codage d'échantillon")
        verbose_name_plural = _("codages d'échantillon")

    def __str__(self) -> str:
        return f"{self.sample_id} / {self.answer_id} / {self.coder_id}"


# --- Machine help: background runs and what they store -----------------------------------------


class AnalysisRun(models.Model):
    """One background analysis (django-tasks), with its state and timings."""

    class Kind(models.TextChoices):
        EMBEDDINGS = "embeddings", _("plongements (similarité)")
        DISCOVERY = "discovery", _("découverte de thèmes")
        SUGGESTIONS = "suggestions", _("suggestions de thèmes")
        DUPLICATES = "duplicates", _("doublons")

    class State(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminée")
        FAILED = "failed", _("échec")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="analysis_runs", verbose_name=_("démarche")
    )
    kind = models.CharField(_("analyse"), max_length=20, choices=Kind.choices)
    state = models.CharField(
        _("état"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    question = models.ForeignKey(
        "processes.Question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question"),
    )
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencée le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finie le"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("textes analysés"), default=0)
    training_size = models.PositiveIntegerField(
        _("réponses d'apprentissage"), null=True, blank=True
    )
    model_version = models.CharField(_("version du modèle"), max_length=120, blank=True)
    summary = models.JSONField(_("résumé"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("analyse automatique")
        verbose_name_plural = _("analyses automatiques")
        indexes = [models.Index(fields=["process", "kind", "state"], name="analysis_run_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} n° {self.pk}"

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    @property
    def wait_seconds(self) -> float | None:
        if self.started_at is None:
            return None
        return (self.started_at - self.created_at).total_seconds()


class Embedding(models.Model):
    """The sentence embedding of one answer's shown text, for one model version:
    recomputed only when the text (``text_hash``) or the model changes."""

    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="embeddings", verbose_name=_("réponse")
    )
    model_version = models.CharField(_("version du modèle"), max_length=120)
    text_hash = models.CharField(_("empreinte du texte"), max_length=64)
    dimensions = models.PositiveSmallIntegerField(_("dimensions"))
    vector = models.BinaryField(_("vecteur"))  # float32, little-endian
    created_at = models.DateTimeField(_("date de création"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "model_version"], name="embedding_answer_model_unique"
            )
        ]
        verbose_name = _("plongement de réponse")
        verbose_name_plural = _("plongements de réponses")

    def __str__(self) -> str:
        return f"{self.answer_id} ({self.model_version})"


class Cluster(models.Model):
    """A group of similar answers found by theme discovery."""

    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("analyse")
    )
    position = models.PositiveIntegerField(_("rang"))
    keywords = models.JSONField(_("mots-clés"), default=list)
    members = models.JSONField(_("membres"), default=list)  # answer ids
    representatives = models.JSONField(
        _("réponses représentatives"), default=list
    )  # [{"answer": id, "excerpt": str}]
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clusters",
        verbose_name=_("thème"),
    )

    class Meta:
        ordering = ["run", "position"]
        verbose_name = _("groupe de réponses proches")
        verbose_name_plural = _("groupes de réponses proches")

    def __str__(self) -> str:
        return ", ".join(self.keywords[:3])

    @property
    def size(self) -> int:
        return len(self.members)


class Suggestion(models.Model):
    """The likely themes of one uncoded answer, as predicted by a suggestions run."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("à examiner")
        ACCEPTED = "accepted", _("acceptée")
        CORRECTED = "corrected", _("corrigée")
        REPLACED = "replaced", _("remplacée par un nouvel apprentissage")

    run = models.ForeignKey(
        AnalysisRun, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("analyse")
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("réponse")
    )
    scores = models.JSONField(
        _("scores"), default=list
    )  # [[theme id, confidence], ...], best first
    position = models.PositiveIntegerField(_("rang"))  # least certain first
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint(fields=["run", "answer"], name="suggestion_unique")]
        verbose_name = _("suggestion de thème")
        verbose_name_plural = _("suggestions de thèmes")

    def __str__(self) -> str:
        return f"{self.run_id} / {self.answer_id}"


class DuplicateGroup(models.Model):
    class Kind(models.TextChoices):
        NEAR = "near", _("textes identiques ou presque, même question")
        SAME_PERSON = "same_person", _("même personne, même question")
        AUTHOR_COPY = "author_copy", _("même texte d'une même personne sur plusieurs questions")

    run = models.ForeignKey(
        AnalysisRun,
        on_delete=models.CASCADE,
        related_name="duplicate_groups",
        verbose_name=_("analyse"),
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    question = models.ForeignKey(
        "processes.Question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question"),
    )
    is_campaign = models.BooleanField(_("campagne de copier-coller"), default=False)
    authors = models.PositiveIntegerField(_("auteur·rice·s distinct·e·s"), default=0)

    class Meta:
        ordering = ["run", "kind", "pk"]
        verbose_name = _("groupe de doublons")
        verbose_name_plural = _("groupes de doublons")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} n° {self.pk}"


class DuplicateMember(models.Model):
    group = models.ForeignKey(
        DuplicateGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("groupe")
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, related_name="+", verbose_name=_("réponse")
    )
    weight = models.FloatField(_("poids"), default=1.0)

    class Meta:
        ordering = ["group", "answer_id"]
        verbose_name = _("réponse d'un groupe de doublons")
        verbose_name_plural = _("réponses des groupes de doublons")

    def __str__(self) -> str:
        return f"{self.group_id} / {self.answer_id}"
