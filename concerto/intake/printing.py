"""The printable A4 form as PDF (WeasyPrint), drawn from ``layout.Layout``.

Every element is absolutely positioned at its layout coordinates (millimetres), so what is
printed is exactly where ``pipeline.py`` will look for it. ``fills`` draws crosses and typed
text on the sheets: used by the tests and the OCR bench to make "filled" forms.
"""

from __future__ import annotations

import base64
import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string

from concerto.intake.layout import PAGE_H, PAGE_W, Layout, Rect
from concerto.intake.qr import qr_svg_data_uri

# WeasyPrint logs every rendering step at INFO level: keep the logs for real problems.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

CROSS_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<path d="M1.5 1.5L8.5 8.5M8.5 1.5L1.5 8.5" stroke="#111" stroke-width="1.6" '
    'stroke-linecap="round"/></svg>'
)
CROSS_URI = "data:image/svg+xml;base64," + base64.b64encode(CROSS_SVG.encode()).decode()


class PrintingUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class SheetToPrint:
    number: int  # 0 for a blank form downloaded from the site (no number, no QR code)
    payload: str  # the signed QR text ("" for a blank form)
    urn_name: str
    receipt: str = ""  # printed on the tear-off stub (layout.receipt_for_sheet)


@dataclass(frozen=True)
class Fill:
    ticked: frozenset[str] = frozenset()
    text: str = ""


@dataclass
class _Element:
    css_class: str
    rect: Rect
    text: str = ""
    ticked: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _pos(rect: Rect) -> str:
    return f"left:{rect.x:.2f}mm;top:{rect.y:.2f}mm;width:{rect.w:.2f}mm;height:{rect.h:.2f}mm;"


def _stylesheet(layout: Layout) -> str:
    rules = [
        f"@page {{ size: {PAGE_W}mm {PAGE_H}mm; margin: 0; }}",
        "html, body { margin: 0; padding: 0; font-family: 'DejaVu Sans', sans-serif; }",
        f".sheet {{ position: relative; width: {PAGE_W}mm; height: {PAGE_H}mm; "
        "page-break-after: always; overflow: hidden; }",
        ".sheet:last-child { page-break-after: auto; }",
        ".a { position: absolute; margin: 0; overflow: hidden; color: #111; }",
        ".title { font-size: 15pt; font-weight: bold; }",
        ".subtitle { font-size: 10.5pt; }",
        ".heading { font-size: 9.5pt; font-weight: bold; }",
        ".small { font-size: 7.5pt; line-height: 1.25; }",
        ".label { font-size: 8.5pt; line-height: 1.15; }",
        ".number { font-size: 11pt; font-weight: bold; letter-spacing: 0.3mm; }",
        ".fid { background: #000; }",
        ".box { border: 0.35mm solid #111; box-sizing: border-box; }",
        ".box img { width: 100%; height: 100%; display: block; }",
        ".qr img { width: 100%; height: 100%; display: block; }",
        ".writing { border: 0.35mm solid #111; box-sizing: border-box; padding: 3mm; "
        "font-size: 11pt; line-height: 1.6; white-space: pre-wrap; }",
    ]
    for i, rect in enumerate(layout.fiducials):
        rules.append(f".f{i} {{ {_pos(rect)} }}")
    rules.append(f".qr {{ {_pos(layout.qr)} }}")
    rules.append(f".number {{ {_pos(layout.sheet_number)} }}")
    rules.append(f".writing {{ {_pos(layout.writing)} }}")
    # Layout 2 and later: the contact field and the tear-off stub (absent from older copies).
    for name in ("contact", "stub", "stub_receipt"):
        if name in layout.extra:
            rules.append(f".{name.replace('_', '-')} {{ {_pos(Rect(**layout.extra[name]))} }}")
    rules += [
        ".contact { border: 0.35mm solid #111; box-sizing: border-box; }",
        ".stub { border-top: 0.4mm dashed #111; box-sizing: border-box; }",
        ".stub-receipt { font-size: 12pt; font-weight: bold; letter-spacing: 0.3mm; }",
    ]
    for i, text in enumerate(layout.texts):
        rules.append(f".t{i} {{ {_pos(text.rect)} }}")
    for i, box in enumerate(layout.boxes):
        rules.append(f".b{i} {{ {_pos(box.box)} }}")
        rules.append(f".l{i} {{ {_pos(box.label_rect)} }}")
    return "\n".join(rules)


def render_sheets_pdf(
    layout: Layout, sheets: Sequence[SheetToPrint], fills: Sequence[Fill] | None = None
) -> bytes:
    """One PDF, one page per sheet."""
    try:
        weasyprint = importlib.import_module("weasyprint")
    except OSError as exc:  # pragma: no cover - depends on the system libraries
        raise PrintingUnavailable(
            "WeasyPrint ne trouve pas ses bibliothèques (Pango) : lancez `make system-deps`."
        ) from exc
    pages = []
    for i, sheet in enumerate(sheets):
        fill = fills[i] if fills is not None and i < len(fills) else Fill()
        pages.append(
            {
                "sheet": sheet,
                "qr_uri": qr_svg_data_uri(sheet.payload) if sheet.payload else "",
                "boxes": [
                    {"index": j, "label": box.label, "ticked": box.key in fill.ticked}
                    for j, box in enumerate(layout.boxes)
                ],
                "text": fill.text,
            }
        )
    html = render_to_string(
        "intake/sheets_pdf.html",
        {
            "pages": pages,
            "texts": list(enumerate(layout.texts)),
            "fiducials": range(len(layout.fiducials)),
            "cross_uri": CROSS_URI,
            "has_stub": "stub" in layout.extra,
            "has_contact": "contact" in layout.extra,
        },
    )
    document = weasyprint.HTML(string=html)
    return bytes(document.write_pdf(stylesheets=[weasyprint.CSS(string=_stylesheet(layout))]))


def blank_form_pdf(process: Any) -> bytes:
    """The blank form of ``process`` (layout of today), from the shared cache when the
    layout has not changed since it was last rendered (WeasyPrint takes about a second)."""
    import hashlib
    import json

    from django.core.cache import cache

    from concerto.intake.layout import build_layout

    layout = build_layout(process)
    digest = hashlib.sha256(json.dumps(layout.to_json(), sort_keys=True).encode()).hexdigest()
    key = f"intake:blank-form:{process.pk}:{digest[:32]}"
    pdf: bytes | None = cache.get(key)
    if pdf is None:
        pdf = render_sheets_pdf(layout, [SheetToPrint(number=0, payload="", urn_name="")])
        cache.set(key, pdf, 60 * 60 * 24 * 7)
    return pdf
