"""Helpers shared by the strategy services: permission checks, the history rows, and the
public pages' cache version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.core.dates import date_format
from concerto.core.pagecache import bump_public_version
from concerto.core.roles import can
from concerto.strategy.errors import StrategyError
from concerto.strategy.models import Action, ActionChange

PERMISSION_MESSAGES = {
    "answers.draft": gettext_lazy("Vous n'avez pas le droit de rédiger la réponse de la Ville."),
    "answers.validate": gettext_lazy("Seul·e un·e élu·e peut valider la réponse de la Ville."),
    "answers.publish": gettext_lazy(
        "Seul·e un·e administrateur·rice peut publier la réponse de la Ville."
    ),
    "strategy.manage": gettext_lazy(
        "Vous n'avez pas le droit de modifier les engagements et les actions."
    ),
    "strategy.update": gettext_lazy(
        "Vous n'avez pas le droit de mettre à jour l'avancement des actions."
    ),
}


def require(actor: User | None, permission: str) -> User:
    """The actor, if they hold ``permission``; a refusal otherwise (services check it too,
    not only the views)."""
    if actor is None or not can(actor, permission):
        raise StrategyError(str(PERMISSION_MESSAGES[permission]))
    return actor


def public_changed() -> None:
    """The public pages change once the transaction commits: forget the cached ones."""
    transaction.on_commit(bump_public_version)


def clean_text(value: str | None, *, label: str, field: str, max_length: int = 0) -> str:
    text = (value or "").strip()
    if not text:
        raise StrategyError(_("%(label)s : ce champ est obligatoire.") % {"label": label}, field)
    if max_length and len(text) > max_length:
        raise StrategyError(
            _("%(label)s : %(max)d caractères au plus.") % {"label": label, "max": max_length},
            field,
        )
    return text


def money(value: Decimal | int | str | None, *, label: str, field: str) -> Decimal:
    """A non-negative amount in euros, to the cent."""
    try:
        amount = Decimal(str(value if value is not None else 0))
    except (InvalidOperation, ValueError) as exc:
        raise StrategyError(_("%(label)s : montant invalide.") % {"label": label}, field) from exc
    if not amount.is_finite():
        raise StrategyError(_("%(label)s : montant invalide.") % {"label": label}, field)
    if amount < 0:
        raise StrategyError(
            _("%(label)s : un montant ne peut pas être négatif.") % {"label": label}, field
        )
    if amount >= Decimal("10000000000"):
        raise StrategyError(_("%(label)s : montant trop élevé.") % {"label": label}, field)
    return amount.quantize(Decimal("0.01"))


def euros(amount: Decimal) -> str:
    return f"{formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)} €"


def day(value: dt.date | None) -> str:
    return date_format(value, "j F Y") if value else "—"


def record(
    *,
    action: Action,
    field: str,
    old: str = "",
    new: str = "",
    reason: str = "",
    actor: User | None,
    now: dt.datetime,
) -> ActionChange:
    """One row of the action's history (shown on its public page as a timeline)."""
    return ActionChange.objects.create(
        action=action,
        field=field,
        old_value=old,
        new_value=new,
        reason=reason,
        actor=actor,
        created_at=now,
    )
