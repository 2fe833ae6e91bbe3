"""The resources (documents that open) and the news of a process, from the builder."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from concerto.builder.services.errors import BuilderError
from concerto.core.audit import audit
from concerto.resources.models import NewsPost, Resource

if TYPE_CHECKING:
    from concerto.accounts.models import User
    from concerto.core.uploads import CheckedFile
    from concerto.processes.models import Process


@dataclass(frozen=True)
class ResourceInput:
    kind: str
    title: str
    description: str = ""
    url: str = ""
    is_published: bool = True
    order: int = 0


@dataclass(frozen=True)
class NewsInput:
    title: str
    body: str
    summary: str = ""
    published_at: dt.datetime | None = None


@transaction.atomic
def resource_save(
    *,
    process: Process,
    data: ResourceInput,
    actor: User,
    file: CheckedFile | None = None,
    instance: Resource | None = None,
) -> Resource:
    """A document of the process: a file checked by content (``core.uploads.check_upload``,
    done by the form) or a link, or both; never neither, since a resource has to open."""
    has_file = file is not None or bool(instance is not None and instance.file)
    if not has_file and not data.url:
        raise BuilderError(
            _("Joignez un fichier ou indiquez un lien : la ressource doit s'ouvrir.")
        )
    created = instance is None
    if instance is None:
        instance = Resource(process=process)
    for key, value in data.__dict__.items():
        setattr(instance, key, value)
    if file is not None:
        name = f"{slugify(process.slug)[:40]}-{uuid.uuid4().hex[:12]}{file.extension}"
        instance.file.save(name, ContentFile(file.content), save=False)
    instance.save()
    audit(
        actor=actor,
        action=f"builder.resource_{'created' if created else 'updated'}",
        target=instance,
        data={"process": process.slug, "file": file is not None},
    )
    return instance


@transaction.atomic
def news_save(
    *, process: Process, data: NewsInput, actor: User, instance: NewsPost | None = None
) -> NewsPost:
    """A news post; ``published_at`` empty keeps it a draft. Its address is made from its
    title once, when it is created (links already shared keep working)."""
    created = instance is None
    if instance is None:
        base = slugify(data.title)[:180] or "actualite"
        slug, n = base, 2
        while process.news.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        instance = NewsPost(process=process, slug=slug)
    for key, value in data.__dict__.items():
        setattr(instance, key, value)
    instance.save()
    audit(
        actor=actor,
        action=f"builder.news_{'created' if created else 'updated'}",
        target=instance,
        data={"process": process.slug, "published": data.published_at is not None},
    )
    return instance
