"""Checking uploaded files by their content, never by their name.

Images are decoded and re-encoded (which drops EXIF, GPS included, and any
trailing payload of a polyglot file); the City's logo is a PNG (re-encoded, made smaller)
or an SVG refused when it holds scripts, event handlers or references to other files
(:func:`check_logo`, re-written from its parsed tree without comments); PDFs are parsed
and refused when encrypted, unreadable or holding active content (JavaScript, /Launch and
other automatic actions, embedded files, XFA forms, rich media): :func:`check_pdf`, the one
PDF checker of every upload path (contributions, cahiers d'acteurs, paper scans, resources).
Refused, not flattened: a flattened copy would not be the document the person sent. Every
refusal carries a French message for the form.
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

ALLOWED = {
    "image/jpeg": ("image", ".jpg", {".jpg", ".jpeg"}),
    "image/png": ("image", ".png", {".png"}),
    "image/webp": ("image", ".webp", {".webp"}),
    "application/pdf": ("pdf", ".pdf", {".pdf"}),
}
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    kind: str
    content_type: str
    extension: str
    original_name: str


def _clean_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*\x00')
    suffix = PurePath(cleaned).suffix if len(cleaned) > 120 else ""
    if len(suffix) > 10:
        suffix = ""
    # A long name keeps its extension: it is checked against the content.
    return cleaned[: 120 - len(suffix)] + suffix or "fichier"


def check_upload(upload: UploadedFile, *, max_bytes: int) -> CheckedFile:
    name = _clean_name(upload.name or "")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if size > max_bytes:
        raise ValidationError(
            _("Le fichier « %(name)s » dépasse la taille maximale de %(mb)s Mo.")
            % {"name": name, "mb": max_bytes // (1024 * 1024)}
        )
    data = upload.read()
    kind = filetype.guess(data)
    mime = kind.mime if kind is not None else ""
    if mime not in ALLOWED:
        raise ValidationError(
            _("« %(name)s » n'est pas une image (JPEG, PNG, WebP) ni un PDF.") % {"name": name}
        )
    family, extension, accepted_suffixes = ALLOWED[mime]
    suffix = PurePath(name).suffix.lower()
    if suffix not in accepted_suffixes:
        raise ValidationError(
            _("Le contenu de « %(name)s » ne correspond pas à son extension.") % {"name": name}
        )
    if family == "image":
        return CheckedFile(_reencode_image(data, name, mime), "image", mime, extension, name)
    check_pdf(data, name)
    return CheckedFile(data, "pdf", mime, extension, name)


def _reencode_image(data: bytes, name: str, mime: str) -> bytes:
    unreadable = ValidationError(
        _("L'image « %(name)s » est illisible ou incomplète.") % {"name": name}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(
                        _("L'image « %(name)s » est trop grande.") % {"name": name}
                    )
                image.load()
                out = io.BytesIO()
                if mime == "image/jpeg":
                    image.convert("RGB").save(out, format="JPEG", quality=88)
                elif mime == "image/png":
                    image.save(out, format="PNG")
                else:
                    image.save(out, format="WEBP", quality=88)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise unreadable from exc
    return out.getvalue()


def check_pdf(data: bytes, name: str) -> None:
    """Refuse (``ValidationError``, French) a PDF that is unreadable, encrypted, or that
    holds active content or embedded files (see :func:`active_content`)."""
    unreadable = ValidationError(
        _("Le PDF « %(name)s » est illisible ou incomplet.") % {"name": name}
    )
    if b"%%EOF" not in data[-2048:]:
        raise unreadable
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("Le PDF « %(name)s » est protégé par un mot de passe.") % {"name": name}
            )
        if len(reader.pages) == 0:
            raise unreadable
        found = active_content(reader)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise unreadable from exc
    if found is not None:
        raise ValidationError(
            _(
                "Le PDF « %(name)s » contient %(what)s : ce contenu actif peut nuire à qui "
                "l'ouvre, il n'est pas accepté. Enregistrez le document de nouveau en PDF "
                "simple (par exemple « Imprimer », puis « Enregistrer au format PDF ») et "
                "déposez cette copie."
            )
            % {"name": name, "what": found}
        )


# Actions a reader may run by itself or on a click, beyond following a link or a page:
# scripts, programs, sending the form, opening or importing other files, rich media.
ACTIVE_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "action",
    "/ImportData": "action",
    "/GoToR": "action",
    "/GoToE": "embedded",
    "/RichMediaExecute": "media",
    "/Rendition": "media",
}
ACTIVE_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",  # the document's name tree of scripts
    "/EmbeddedFiles": "embedded",
    "/EF": "embedded",  # a file specification carrying the file itself
    "/XFA": "xfa",
    "/RichMediaContent": "media",
}
ACTIVE_SUBTYPES = {"/FileAttachment": "embedded", "/RichMedia": "media"}
MAX_PDF_NODES = 300_000  # dictionaries and arrays walked; a larger document is refused


def _what(kind: str) -> str:
    labels = {
        "javascript": _("du JavaScript"),
        "launch": _("une commande qui lance un programme (/Launch)"),
        "action": _(
            "une action automatique (envoi de formulaire, ouverture ou import d'un autre fichier)"
        ),
        "embedded": _("des fichiers joints"),
        "xfa": _("un formulaire XFA"),
        "media": _("du contenu multimédia actif"),
        "complex": _("trop d'objets pour être vérifié"),
    }
    return str(labels[kind])


def active_content(reader: PdfReader) -> str | None:
    """What active content the document holds (a French phrase), or None. Walks every
    dictionary and array reachable from the trailer (catalog, open action and additional
    actions, pages, annotations, forms, name trees), names decoded by pypdf, streams not
    decoded: the keys and values that make a reader run something, or carry a file."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject | None] = [reader.trailer]
    walked = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        walked += 1
        if walked > MAX_PDF_NODES:
            return _what("complex")
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in ACTIVE_KEYS:
                    return _what(ACTIVE_KEYS[key])
                if key == "/S" and str(value) in ACTIVE_ACTIONS:
                    return _what(ACTIVE_ACTIONS[str(value)])
                if key in ("/Subtype", "/Type") and str(value) in ACTIVE_SUBTYPES:
                    return _what(ACTIVE_SUBTYPES[str(value)])
                if key == "/Type" and str(value) == "/EmbeddedFile":
                    return _what("embedded")
                if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject)):
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(
                value
                for value in item
                if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject))
            )
    return None


# --- The City's logo -------------------------------------------------------------------
SVG_NS = "http://www.w3.org/2000/svg"
LOGO_MAX_BYTES = 100 * 1024  # what a page downloads: every page shows the logo
LOGO_MAX_HEIGHT = 192  # pixels of a PNG logo: twice its height on screen
SVG_ACTIVE_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_active_content(root: ET.Element) -> str | None:
    """What in a parsed SVG could run or fetch something (a French phrase), or None:
    scripts and embedded documents, ``on…`` event handlers, ``javascript:`` addresses,
    links or style sheets that load another file (only ``#`` references and inline
    raster images are kept)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in SVG_ACTIVE_ELEMENTS:
            return str(_("un élément « %(tag)s » (script ou document intégré)") % {"tag": tag})
        if tag in ("set", "animate") and "href" in element.get("attributeName", "").lower():
            return str(_("une animation qui change un lien"))
        for key, value in element.attrib.items():
            name = _local(key)
            flat = re.sub(r"\s", "", value).lower()
            if name.startswith("on"):
                return str(_("un gestionnaire d'événement « %(name)s »") % {"name": name})
            if "javascript:" in flat or "vbscript:" in flat:
                return str(_("une adresse javascript:"))
            if name == "href" and not (flat.startswith("#") or SAFE_DATA_IMAGE.match(flat)):
                return str(_("un lien vers un autre fichier (%(href)s)") % {"href": value[:60]})
            if name == "style" and _css_loads_something(value):
                return str(_("un style qui charge un autre fichier"))
        if tag == "style" and _css_loads_something(element.text or ""):
            return str(_("un style qui charge un autre fichier"))
    return None


def _css_loads_something(css: str) -> bool:
    lowered = css.lower()
    if "@import" in lowered or "expression(" in lowered or "javascript:" in lowered:
        return True
    return any(
        not (target.startswith("#") or SAFE_DATA_IMAGE.match(target))
        for target in CSS_URL.findall(css)
    )


def check_logo(upload: UploadedFile) -> CheckedFile:
    """The City's logo, checked by its content: a PNG (decoded, at most
    ``LOGO_MAX_HEIGHT`` pixels high, re-encoded) or an SVG with no active content (see
    :func:`svg_active_content`), written again from its parsed tree. ``ValidationError``
    with a French message otherwise."""
    name = _clean_name(upload.name or "")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if size > 2 * 1024 * 1024:
        raise ValidationError(
            _("Le fichier « %(name)s » dépasse la taille maximale de %(mb)s Mo.")
            % {"name": name, "mb": 2}
        )
    data = upload.read()
    kind = filetype.guess(data)
    if kind is not None and kind.mime == "image/png":
        content = _small_png(data, name)
        return CheckedFile(content, "image", "image/png", ".png", name)
    if kind is None and data.lstrip()[:1] == b"<":
        content = _checked_svg(data, name)
        return CheckedFile(content, "image", "image/svg+xml", ".svg", name)
    raise ValidationError(
        _("« %(name)s » n'est ni une image SVG ni une image PNG.") % {"name": name}
    )


def _too_heavy(name: str) -> ValidationError:
    return ValidationError(
        _(
            "Le logo « %(name)s » pèse plus de %(kb)s Ko une fois vérifié : chaque page le "
            "télécharge. Enregistrez-le plus simplement (moins de détails, moins de couleurs)."
        )
        % {"name": name, "kb": LOGO_MAX_BYTES // 1024}
    )


def _small_png(data: bytes, name: str) -> bytes:
    reencoded = _reencode_image(data, name, "image/png")
    with Image.open(io.BytesIO(reencoded)) as opened:
        image: Image.Image = opened
        if image.height > LOGO_MAX_HEIGHT:
            width = max(1, round(image.width * LOGO_MAX_HEIGHT / image.height))
            image = image.resize((width, LOGO_MAX_HEIGHT), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
    if out.tell() > LOGO_MAX_BYTES:
        raise _too_heavy(name)
    return out.getvalue()


def _checked_svg(data: bytes, name: str) -> bytes:
    unreadable = ValidationError(
        _("L'image SVG « %(name)s » est illisible (XML mal formé).") % {"name": name}
    )
    if len(data) > 4 * LOGO_MAX_BYTES:
        raise _too_heavy(name)
    if b"<!entity" in data.lower():
        # Entities are how an XML file swells in memory or reads other files: refused.
        raise ValidationError(
            _("L'image SVG « %(name)s » déclare des entités XML : elles ne sont pas acceptées.")
            % {"name": name}
        )
    try:
        # Safe without defusedxml: entity declarations are refused above (no "billion
        # laughs"), and the standard library's expat never fetches external entities or DTDs.
        root = ET.fromstring(data)  # noqa: S314
    except (ET.ParseError, ValueError) as exc:
        raise unreadable from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(
            _("« %(name)s » n'est ni une image SVG ni une image PNG.") % {"name": name}
        )
    found = svg_active_content(root)
    if found is not None:
        raise ValidationError(
            _(
                "Le logo « %(name)s » contient %(what)s : un SVG actif peut nuire à qui "
                "l'affiche, il n'est pas accepté. Exportez le logo en « SVG simple » ou en PNG."
            )
            % {"name": name, "what": found}
        )
    prefix = f"{{{SVG_NS}}}"
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(prefix):
            element.tag = element.tag[len(prefix) :]
    root.set("xmlns", SVG_NS)
    content: bytes = ET.tostring(root, encoding="utf-8")
    if len(content) > LOGO_MAX_BYTES:
        raise _too_heavy(name)
    return content
