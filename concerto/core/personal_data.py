"""The one registry of personal data: every app says, in its ``privacy.py``, which of its
models hold personal data, about whom, how to find a person's rows, what the export gives
them and what erasure does (anonymise, delete, or keep with a reason), and how long the
data is kept.

An app declares::

    # concerto/<app>/privacy.py
    from concerto.core.personal_data import Erasure, NotPersonal, PersonalData

    DECLARATIONS = [
        PersonalData(
            model="events.Registration",
            fields=("name", "email", "phone", "user"),
            subject=_("la personne inscrite"),
            erasure=Erasure.ANONYMISE,
            retention=_("jusqu'à la fin de l'événement, plus la durée de conservation"),
            rows=lambda subject: Registration.objects.filter(...),
            export_key="event_registrations",
            export=lambda row, bundle: {...},
            erase=lambda rows, subject, now: {"registrations": rows.update(...)},
        ),
        NotPersonal(model="processes.Neighbourhood", fields=("name",),
                    reason=_("le nom d'un quartier")),
    ]

``concerto.privacy.services`` walks every declaration for the export (``data.json`` has one
key per ``export_key``), the erasure and the retention purge (``purge``, given the cutoff);
``tests/privacy/test_registry.py`` fails when a model of ``concerto.*`` has a field that
looks personal (an address, a phone, a name, free text, an IP, a link to an account, a
file…) that no declaration names. The registry lives
in ``core`` (the lowest layer) so that every app can declare without importing the apps
above it; it is read by discovery (``import_module``), never by a static import.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise

if TYPE_CHECKING:
    from concerto.accounts.models import User


class Erasure(enum.Enum):
    ANONYMISE = "anonymise"  # the row stays (figures, published texts), identity goes
    DELETE = "delete"  # the row goes
    KEEP = "keep"  # kept on purpose, with the reason in ``retention`` (e.g. team records)
    WITH_PARENT = "with_parent"  # exported and erased with the row it belongs to


@dataclass(frozen=True)
class Subject:
    """The person an export or an erasure is about."""

    user: User | None
    emails: tuple[str, ...]  # addresses known to be theirs (given, or verified on the account)
    contribution_ids: tuple[int, ...]  # their contributions (account, address, receipts)
    # the numbers the person gave (receipts, case numbers of other apps: rights' DR-…)
    receipts: tuple[str, ...] = ()


@dataclass
class ExportBundle:
    """What an export callable may add besides its rows: files copied into the ZIP."""

    files: list[tuple[str, FieldFile]] = field(default_factory=list)
    deleted_files: list[str] = field(default_factory=list)  # erasure: removed after commit

    def add_file(self, path: str, file: FieldFile) -> str:
        self.files.append((path, file))
        return path


Rows = Callable[[Subject], "models.QuerySet[Any]"]
Export = Callable[[Any, ExportBundle], dict[str, Any]]
Erase = Callable[["models.QuerySet[Any]", Subject, dt.datetime, ExportBundle], Mapping[str, int]]
# Retention: (cutoff, now, dry_run, bundle) → counts of what is (or, dry run, would be) purged.
Purge = Callable[[dt.datetime, dt.datetime, bool, ExportBundle], Mapping[str, int]]


@dataclass(frozen=True)
class PersonalData:
    """One model holding personal data. ``fields`` are its personal fields."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    subject: str | Promise  # whom the data is about, in French
    erasure: Erasure
    retention: str | Promise  # how long it is kept, and why, in French
    rows: Rows | None = None  # a person's rows; None when not found by person (see erasure)
    export_key: str = ""  # key of data.json
    single: bool = False  # data.json holds one object (or null) rather than a list
    export: Export | None = None  # one row → JSON-ready dict
    erase: Erase | None = None  # returns counts of what it changed (idempotent)
    order: int = 0  # erasure order: higher runs later (the account last)
    purge: Purge | None = None  # retention, run by manage.py purge_personal_data

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class NotPersonal:
    """Fields that look personal to the completeness test but are not, with the reason."""

    model: str
    fields: tuple[str, ...]
    reason: str | Promise


Declaration = PersonalData | NotPersonal


def _app_declarations(app_name: str) -> Iterable[Declaration]:
    module_name = f"{app_name}.privacy"
    if find_spec(module_name) is None:
        return []
    module = import_module(module_name)
    return list(getattr(module, "DECLARATIONS", []))


@cache
def declarations() -> tuple[Declaration, ...]:
    """Every declaration of every installed app of Concerto, in INSTALLED_APPS order."""
    found: list[Declaration] = []
    for config in apps.get_app_configs():
        if config.name.startswith("concerto."):
            found.extend(_app_declarations(config.name))
    return tuple(found)


def personal_data() -> list[PersonalData]:
    return [d for d in declarations() if isinstance(d, PersonalData)]


def exported() -> list[PersonalData]:
    return [d for d in personal_data() if d.rows is not None and d.export is not None]


def erased() -> list[PersonalData]:
    items = [d for d in personal_data() if d.rows is not None and d.erase is not None]
    return sorted(items, key=lambda d: d.order)


def purged() -> list[PersonalData]:
    return sorted((d for d in personal_data() if d.purge is not None), key=lambda d: d.order)


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """Dates in the export: ISO 8601, or null."""
    return value.isoformat() if value is not None else None
