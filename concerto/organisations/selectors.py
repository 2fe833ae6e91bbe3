"""Reads of organisations."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from concerto.accounts.models import User
from concerto.organisations.models import Membership, Organisation


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.APPROVED).select_related(
        "neighbourhood"
    )


def organisations_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__display_name", "user__email")
    )


def account_search(query: str, *, limit: int = 20) -> list[User]:
    """Active accounts whose name or address contains ``query`` (staff only: it shows
    addresses). Never by number: nobody types an id."""
    query = query.strip()
    if len(query) < 3:
        return []
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(email__icontains=query) | Q(display_name__icontains=query))
        .order_by("email")[:limit]
    )


def account_by_email(email: str) -> User | None:
    return User.objects.filter(is_active=True, email__iexact=email.strip()).first()
