"""Requests about personal data (copy or erasure) from people without an account."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (the last day of a shorter month:
    31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Art. 12.3 GDPR: an answer "within one month of receipt of the request", which may be
# extended "by two further months where necessary", the person being told within the
# first month, with the reasons.
ANSWER_MONTHS = 1
EXTENSION_MONTHS = 2


class PrivacyRequest(models.Model):
    """A person asks, through the public form, for a copy of their data or its erasure.

    ``email`` and ``message`` are personal data: shown only to staff who handle requests,
    never logged nor written to the audit log, and purged by ``purge_personal_data`` once
    the request has been handled for longer than the retention period.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("recevoir une copie de mes données")
        ERASURE = "erasure", _("faire effacer mes données")

    class Status(models.TextChoices):
        NEW = "new", _("à traiter")
        DONE = "done", _("traitée")
        REFUSED = "refused", _("refusée (identité non vérifiée)")

    kind = models.CharField(_("demande"), max_length=10, choices=Kind.choices)
    receipt = models.CharField(_("numéro de récépissé"), max_length=32, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    extended_at = models.DateTimeField(_("délai prolongé le"), null=True, blank=True)
    extension_reason = models.TextField(_("motif de la prolongation"), blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("données personnelles purgées le"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("demande sur les données personnelles")
        verbose_name_plural = _("demandes sur les données personnelles")

    def __str__(self) -> str:
        # Never the e-mail: this string goes to the audit log (target_label).
        return f"Demande n° {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NEW

    @property
    def received_on(self) -> dt.date:
        return timezone.localdate(self.created_at)

    @property
    def first_deadline(self) -> dt.date:
        """One month after receipt (art. 12.3 GDPR): the answer, or the notice of an
        extension, is due by this day."""
        return add_months(self.received_on, ANSWER_MONTHS)

    @property
    def deadline(self) -> dt.date:
        """The legal deadline: one month, three when the extension was decided."""
        months = ANSWER_MONTHS + (EXTENSION_MONTHS if self.extended_at else 0)
        return add_months(self.received_on, months)

    def days_left(self, today: dt.date | None = None) -> int:
        """Days until the deadline (negative: overdue by that many days)."""
        return (self.deadline - (today or timezone.localdate())).days

    @property
    def overdue_days(self) -> int:
        """For pages: how many days late an open request is (0 when it is not)."""
        return max(0, -self.days_left()) if self.is_open else 0

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.days_left(today) < 0
