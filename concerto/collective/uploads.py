"""Checking the documents of cahiers d'acteurs (PDF, DOCX) and the files of original works,
by their content, never by their name."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from concerto.core.uploads import CheckedFile, _clean_name, check_pdf, check_upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_DOCX_ENTRIES = 2000
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024

WORK_MEDIA = {
    "video/mp4": ("video", ".mp4", {".mp4", ".m4v"}),
    "video/webm": ("video", ".webm", {".webm"}),
    "audio/mpeg": ("audio", ".mp3", {".mp3"}),
    "audio/ogg": ("audio", ".ogg", {".ogg", ".oga"}),
    "audio/x-wav": ("audio", ".wav", {".wav"}),
    "audio/mp4": ("audio", ".m4a", {".m4a"}),
    "audio/x-m4a": ("audio", ".m4a", {".m4a"}),
}


def _read(upload: UploadedFile, max_bytes: int) -> tuple[str, bytes]:
    name = _clean_name(upload.name or "")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if size > max_bytes:
        raise ValidationError(
            _("Le fichier « %(name)s » dépasse la taille maximale de %(mb)s Mo.")
            % {"name": name, "mb": max_bytes // (1024 * 1024)}
        )
    return name, upload.read()


def check_docx(data: bytes, name: str) -> None:
    """A DOCX is a zip holding word/document.xml; a document with macros is refused."""
    unreadable = ValidationError(
        _("Le document « %(name)s » est illisible ou incomplet.") % {"name": name}
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_DOCX_ENTRIES or (
                sum(info.file_size for info in infos) > MAX_DOCX_UNCOMPRESSED
            ):
                raise unreadable
            names = {info.filename for info in infos}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise unreadable
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
            if any(n.lower().endswith("vbaproject.bin") for n in names) or (
                "macroenabled" in types
            ):
                raise ValidationError(
                    _(
                        "Le document « %(name)s » contient des macros : enregistrez-le en "
                        "PDF ou en DOCX sans macros."
                    )
                    % {"name": name}
                )
            archive.read("word/document.xml")
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError) as exc:
        raise unreadable from exc


def check_document(upload: UploadedFile, *, max_bytes: int) -> CheckedFile:
    """A cahier received by mail: a PDF (parsed, not encrypted) or a DOCX without macros."""
    name, data = _read(upload, max_bytes)
    suffix = PurePath(name).suffix.lower()
    if suffix == ".docm":
        raise ValidationError(
            _(
                "Le document « %(name)s » contient des macros (.docm) : enregistrez-le en PDF "
                "ou en DOCX sans macros."
            )
            % {"name": name}
        )
    if data.startswith(b"%PDF-"):
        if suffix != ".pdf":
            raise ValidationError(
                _("Le contenu de « %(name)s » ne correspond pas à son extension.") % {"name": name}
            )
        check_pdf(data, name)
        return CheckedFile(data, "pdf", "application/pdf", ".pdf", name)
    if data.startswith(b"PK\x03\x04"):
        if suffix != ".docx":
            raise ValidationError(
                _("Le contenu de « %(name)s » ne correspond pas à son extension.") % {"name": name}
            )
        check_docx(data, name)
        return CheckedFile(data, "docx", DOCX_TYPE, ".docx", name)
    raise ValidationError(_("« %(name)s » n'est ni un PDF ni un document DOCX.") % {"name": name})


def check_work_file(upload: UploadedFile, *, max_bytes: int) -> CheckedFile:
    """A video, an audio recording or a photo (re-encoded like any uploaded image)."""
    name = _clean_name(upload.name or "")
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind is not None else ""
    if mime.startswith("image/"):
        return check_upload(upload, max_bytes=max_bytes)
    _name, data = _read(upload, max_bytes)
    if mime not in WORK_MEDIA:
        raise ValidationError(
            _(
                "« %(name)s » n'est ni une vidéo (MP4, WebM), ni un son (MP3, OGG, WAV, "
                "M4A), ni une photo."
            )
            % {"name": name}
        )
    family, extension, accepted = WORK_MEDIA[mime]
    if PurePath(name).suffix.lower() not in accepted:
        raise ValidationError(
            _("Le contenu de « %(name)s » ne correspond pas à son extension.") % {"name": name}
        )
    return CheckedFile(data, family, mime, extension, name)
