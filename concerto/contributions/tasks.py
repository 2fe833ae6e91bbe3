"""Background work for contributions (Django Tasks API)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from concerto.contributions.models import Contribution


@task()
def send_receipt_email(contribution_id: int) -> None:
    contribution = Contribution.objects.select_related("process").filter(pk=contribution_id).first()
    if contribution is None or not contribution.email:
        return
    context = {"contribution": contribution, "SITE_URL": settings.SITE_URL}
    send_mail(
        subject=_("Votre contribution %(receipt)s est bien reçue")
        % {"receipt": contribution.receipt_number},
        message=render_to_string("contributions/email/receipt.txt", context),
        from_email=None,
        recipient_list=[contribution.email],
    )


@task()
def send_moderation_email(contribution_id: int, transition: str) -> None:
    from concerto.contributions.moderation import edit_token

    contribution = Contribution.objects.select_related("process").filter(pk=contribution_id).first()
    if contribution is None or not contribution.email:
        return
    context = {
        "contribution": contribution,
        "SITE_URL": settings.SITE_URL,
        "transition": transition,
        "edit_token": edit_token(contribution) if transition == "request_changes" else "",
    }
    subjects = {
        "publish": _("Votre contribution %(receipt)s est publiée"),
        "reject": _("Votre contribution %(receipt)s n'a pas été publiée"),
        "set_aside": _("Votre contribution %(receipt)s n'a pas été retenue (charte)"),
        "request_changes": _("Votre contribution %(receipt)s : une modification est demandée"),
    }
    send_mail(
        subject=subjects[transition] % {"receipt": contribution.receipt_number},
        message=render_to_string("contributions/email/moderation.txt", context),
        from_email=None,
        recipient_list=[contribution.email],
    )
