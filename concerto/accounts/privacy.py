"""Personal data of accounts (see ``concerto.core.personal_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils.translation import gettext_lazy as _

from concerto.accounts.models import User
from concerto.core.personal_data import Erasure, ExportBundle, PersonalData, Subject, iso

ERASED_EMAIL_DOMAIN = "efface.invalid"


def erased_email(user: User) -> str:
    return f"compte-efface-{user.pk}@{ERASED_EMAIL_DOMAIN}"


def _rows(subject: Subject) -> QuerySet[User]:
    if subject.user is None or subject.user.pk is None:
        return User.objects.none()
    return User.objects.filter(pk=subject.user.pk)


def _export(user: User, bundle: ExportBundle) -> dict[str, Any]:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
    }


def _forget_login_attempts(email: str) -> None:
    """django-axes keeps failed logins with the address typed and the IP address."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()


def _delete_account(user: User) -> str:
    """Delete the account. When the append-only audit log (or another team record) refers
    to it, the row cannot go: it is emptied and disabled instead."""
    if user.email.endswith(f"@{ERASED_EMAIL_DOMAIN}") and not user.is_active:
        return "none"  # already erased
    email = user.email
    try:
        with transaction.atomic():
            user.delete()
        result = "deleted"
    except ProtectedError:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user=user).delete()
        user.groups.clear()
        user.email = erased_email(user)
        user.display_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()  # also ends every open session
        user.save()
        result = "deactivated"
    _forget_login_attempts(email)
    return result


def _erase(
    rows: QuerySet[User], subject: Subject, now: dt.datetime, bundle: ExportBundle
) -> Mapping[str, int]:
    counts = {"account_deleted": 0, "account_deactivated": 0}
    for user in rows:
        result = _delete_account(user)
        if result != "none":
            counts[f"account_{result}"] += 1
    return counts


DECLARATIONS = [
    PersonalData(
        model="accounts.User",
        fields=("email", "display_name"),
        subject=_("la personne titulaire du compte"),
        erasure=Erasure.DELETE,
        retention=_(
            "tant que le compte existe ; supprimé à la demande (désactivé et vidé quand le "
            "journal d'audit y renvoie)"
        ),
        rows=_rows,
        export_key="account",
        single=True,
        export=_export,
        erase=_erase,
        order=100,  # last: the other rows are found through the account
    ),
]
