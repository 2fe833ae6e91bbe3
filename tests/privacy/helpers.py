from __future__ import annotations

import io
import json
import zipfile

from django.core.files.base import ContentFile

from concerto.contributions.models import Attachment
from concerto.core.models import AuditEvent

PDF_BYTES = b"%PDF-1.4\n% fichier de test Concerto\n%%EOF\n"


def add_attachment(contribution, content: bytes = PDF_BYTES, name: str = "mon courrier.pdf"):
    attachment = Attachment(
        contribution=contribution,
        kind=Attachment.Kind.PDF,
        content_type="application/pdf",
        original_name=name,
        size=len(content),
        extension=".pdf",
    )
    attachment.file.save("upload", ContentFile(content), save=False)
    attachment.save()
    return attachment


def read_zip(content: bytes) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files["data.json"]), files


def audit_text(event: AuditEvent) -> str:
    return " ".join(
        [
            event.actor_label,
            event.action,
            event.target_type,
            event.target_id,
            event.target_label,
            event.reason,
            json.dumps(event.data, ensure_ascii=False),
        ]
    ).lower()


def assert_not_in_audit(*values: str, actions_prefix: str = "") -> None:
    events = AuditEvent.objects.all()
    if actions_prefix:
        events = events.filter(action__startswith=actions_prefix)
    assert events.exists()
    for event in events:
        text = audit_text(event)
        for value in values:
            assert value.lower() not in text, (event.action, value)
