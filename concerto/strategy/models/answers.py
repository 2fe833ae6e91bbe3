"""The City's answer to the report, proposal by proposal ("La réponse de la Ville").

``ProposalAnswer`` is the working copy of one proposal's answer: drafted by staff
(``answers.draft``), validated by an elected official (``answers.validate``), then published
with the others by an admin (``answers.publish``). Publishing freezes it into a
``ProposalAnswerVersion``: published versions are never changed nor deleted, a later change
is a new dated version with its reason, and the public pages only ever read versions.
While ``state`` is ``published`` the working copy equals ``current_version``; once it is
edited again it goes back to ``draft`` (and needs a new validation) while the public keeps
seeing ``current_version``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Process
from concerto.reports.models import Proposal


class Decision(models.TextChoices):
    RETAINED = "retained", _("retenue")
    PARTLY = "partly", _("retenue en partie")
    NOT_RETAINED = "not_retained", _("non retenue")
    UNDER_STUDY = "under_study", _("à l'étude")


class ProposalAnswer(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        # An official sent it back with a comment: it waits for a new draft.
        RETURNED = "returned", _("renvoyée pour modification")
        VALIDATED = "validated", _("validée par un·e élu·e")
        PUBLISHED = "published", _("publiée")

    Decision = Decision

    # RESTRICT: a proposal with an answer is never deleted, except with its whole process.
    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.RESTRICT,
        related_name="answer",
        verbose_name=_("préconisation"),
    )
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="answers", verbose_name=_("démarche")
    )
    decision = models.CharField(_("décision"), max_length=20, choices=Decision.choices)
    justification = models.TextField(_("justification"))
    official = models.CharField(_("élu·e en charge"), max_length=200)
    service = models.CharField(_("service en charge"), max_length=200)
    decided_on = models.DateField(_("date de la décision"))
    state = models.CharField(
        _("état"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # Why the published answer changes (required from version 2 on); copied into the version.
    change_reason = models.TextField(_("motif du changement"), blank=True)
    # A "non retenue" answer that actions implement anyway says why, publicly (copied into
    # the version); without it the contradiction is refused.
    actions_note = models.TextField(
        _("pourquoi des actions la mettent en œuvre malgré tout"), blank=True
    )
    # The official's comment when she sends the draft back (kept until the next draft).
    review_comment = models.TextField(_("commentaire de l'élu·e"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("renvoyée par"),
    )
    returned_at = models.DateTimeField(_("renvoyée le"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rédigé par"),
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("validée par"),
    )
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    # Number of the last published version (0: never published).
    version = models.PositiveIntegerField(_("version publiée"), default=0)
    current_version = models.OneToOneField(
        "ProposalAnswerVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("version publiée en vigueur"),
    )
    updated_at = models.DateTimeField(_("dernière modification"), auto_now=True)

    class Meta:
        ordering = ["process", "proposal__number"]
        verbose_name = _("réponse à une préconisation")
        verbose_name_plural = _("réponses aux préconisations")

    def __str__(self) -> str:
        return f"{self.proposal.code} — {self.get_decision_display()}"

    @property
    def is_published(self) -> bool:
        return self.version > 0


def answer_pdf_path(instance: AnswerPublication, filename: str) -> str:
    return f"strategy/answers/reponse-{uuid.uuid4().hex}.pdf"


class AnswerPublication(models.Model):
    """One publication of "La réponse de la Ville": the answers validated at that time,
    published together, with the counts of each decision and a PDF built in background."""

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="answer_publications",
        verbose_name=_("démarche"),
    )
    number = models.PositiveIntegerField(_("numéro"))
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("publié par"),
    )
    retained_count = models.PositiveIntegerField(_("retenues"), default=0)
    partly_count = models.PositiveIntegerField(_("retenues en partie"), default=0)
    not_retained_count = models.PositiveIntegerField(_("non retenues"), default=0)
    under_study_count = models.PositiveIntegerField(_("à l'étude"), default=0)
    changed_count = models.PositiveIntegerField(_("réponses publiées ou modifiées"), default=0)
    pdf = models.FileField(_("PDF"), upload_to=answer_pdf_path, max_length=200, blank=True)

    class Meta:
        ordering = ["process", "-number"]
        get_latest_by = "number"
        verbose_name = _("publication de la réponse de la Ville")
        verbose_name_plural = _("publications de la réponse de la Ville")
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="answer_publication_unique")
        ]

    def __str__(self) -> str:
        return str(
            _("%(process)s — réponse n° %(number)s")
            % {"process": self.process, "number": self.number}
        )

    @property
    def counts(self) -> dict[str, int]:
        return {
            Decision.RETAINED: self.retained_count,
            Decision.PARTLY: self.partly_count,
            Decision.NOT_RETAINED: self.not_retained_count,
            Decision.UNDER_STUDY: self.under_study_count,
        }

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class ProposalAnswerVersion(models.Model):
    """A published version of an answer. Never changed nor deleted once written."""

    # Deleted only with their process (answers are never deleted otherwise).
    answer = models.ForeignKey(
        ProposalAnswer, on_delete=models.CASCADE, related_name="versions", verbose_name=_("réponse")
    )
    publication = models.ForeignKey(
        AnswerPublication,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("publication"),
    )
    number = models.PositiveIntegerField(_("version"))
    decision = models.CharField(_("décision"), max_length=20, choices=Decision.choices)
    justification = models.TextField(_("justification"))
    official = models.CharField(_("élu·e en charge"), max_length=200)
    service = models.CharField(_("service en charge"), max_length=200)
    decided_on = models.DateField(_("date de la décision"))
    reason = models.TextField(_("motif du changement"), blank=True)
    actions_note = models.TextField(
        _("pourquoi des actions la mettent en œuvre malgré tout"), blank=True
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("validé par"),
    )
    validated_at = models.DateTimeField(_("validée le"))
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("publié par"),
    )

    class Meta:
        ordering = ["answer", "-number"]
        verbose_name = _("version publiée d'une réponse")
        verbose_name_plural = _("versions publiées des réponses")
        constraints = [
            models.UniqueConstraint(fields=["answer", "number"], name="answer_version_unique"),
            models.CheckConstraint(
                condition=models.Q(number=1) | ~models.Q(reason=""),
                name="answer_version_reason_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(
                "Une réponse publiée ne se modifie pas : publiez une nouvelle version."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Une réponse publiée ne s'efface pas.")
