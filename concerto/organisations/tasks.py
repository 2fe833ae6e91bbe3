"""Background e-mails of organisations (Django Tasks API)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from concerto.organisations.models import Invitation


@task()
def send_invitation_email(invitation_id: int) -> None:
    from concerto.organisations.members import invitation_token

    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None or not invitation.email or invitation.status != "pending":
        return
    url = settings.SITE_URL + reverse(
        "organisations:accept", kwargs={"token": invitation_token(invitation)}
    )
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "url": url,
        "days": settings.CONCERTO_INVITATION_DAYS,
    }
    send_mail(
        subject=_("Invitation à rejoindre « %(name)s »") % {"name": invitation.organisation.name},
        message=render_to_string("organisations/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
