"""The paper form's geometry, in millimetres on an A4 page: the single source of truth.

``build_layout(process)`` places every printed element; printing (``printing.py``) draws
them from it and reading (``pipeline.py``) looks for the tick boxes and the writing area at
the same coordinates. A print batch keeps a JSON copy of the layout it was printed with, so
a scan is always read with the geometry of its own sheet.

Rules that reading relies on: the four fiducial marks are solid squares whose corner zones
(``CORNER_ZONE`` mm) hold nothing else; the QR code has a quiet zone of at least 4 modules.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from concerto.contributions.models import Contribution
from concerto.processes.models import Process

LAYOUT_VERSION = 2  # 2: tear-off stub (receipt, follow-up page, phone), contact field
PAGE_W = 210.0
PAGE_H = 297.0
FIDUCIAL_SIZE = 6.0
FIDUCIAL_OFFSET = 12.0  # distance from the page edge to the centre of a fiducial mark
CORNER_ZONE = 21.0  # nothing but the fiducial in the corner squares of this side
LEFT = 22.0
RIGHT = 188.0
BOX = 4.5  # side of a tick box
MIN_WRITING_H = 40.0
# Text sizes of the sheet (printing.py's stylesheet), to place multi-line labels: the
# average advance of a DejaVu Sans character and the line height, in millimetres.
LABEL_CHAR_W = 1.75  # 8.5 pt
LABEL_LINE_H = 3.5
SUBTITLE_CHAR_W = 2.15  # 10.5 pt
SUBTITLE_LINE_H = 4.6
STUB_H = 27.0  # the tear-off stub at the foot of the sheet, below a dashed line
CONTACT_H = 18.0  # the optional contact for a follow-up by post or phone


class LayoutError(ValueError):
    """The process does not fit on one sheet; ``str(exc)`` is a French message."""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def inset(self, margin: float) -> Rect:
        return Rect(self.x + margin, self.y + margin, self.w - 2 * margin, self.h - 2 * margin)


@dataclass(frozen=True)
class TickBox:
    key: str  # "question:<id>", "kind:<value>", "neighbourhood:<id>", "profile:<value>", ...
    label: str
    box: Rect
    label_rect: Rect


@dataclass(frozen=True)
class Text:
    text: str
    rect: Rect
    style: str  # a CSS class of the printed sheet: "title", "heading", "small", ...


@dataclass(frozen=True)
class Layout:
    fiducials: tuple[Rect, Rect, Rect, Rect]  # top-left, top-right, bottom-left, bottom-right
    qr: Rect
    sheet_number: Rect  # where the sheet number is printed
    writing: Rect
    boxes: tuple[TickBox, ...]
    texts: tuple[Text, ...]
    version: int = LAYOUT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Layout:
        def rect(value: dict[str, float]) -> Rect:
            return Rect(**value)

        fiducials = tuple(rect(item) for item in data["fiducials"])
        assert len(fiducials) == 4
        return cls(
            fiducials=(fiducials[0], fiducials[1], fiducials[2], fiducials[3]),
            qr=rect(data["qr"]),
            sheet_number=rect(data["sheet_number"]),
            writing=rect(data["writing"]),
            boxes=tuple(
                TickBox(
                    key=item["key"],
                    label=item["label"],
                    box=rect(item["box"]),
                    label_rect=rect(item["label_rect"]),
                )
                for item in data["boxes"]
            ),
            texts=tuple(
                Text(text=item["text"], rect=rect(item["rect"]), style=item["style"])
                for item in data["texts"]
            ),
            version=data.get("version", LAYOUT_VERSION),
            extra=data.get("extra", {}),
        )

    def box(self, key: str) -> TickBox:
        for item in self.boxes:
            if item.key == key:
                return item
        raise KeyError(key)


def fiducial_rects() -> tuple[Rect, Rect, Rect, Rect]:
    half = FIDUCIAL_SIZE / 2
    near, far_x, far_y = FIDUCIAL_OFFSET, PAGE_W - FIDUCIAL_OFFSET, PAGE_H - FIDUCIAL_OFFSET
    return (
        Rect(near - half, near - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
        Rect(far_x - half, near - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
        Rect(near - half, far_y - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
        Rect(far_x - half, far_y - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
    )


def lines_needed(text: str, width: float, char_w: float) -> int:
    """How many lines ``text`` takes in ``width`` mm (words are not cut), at least one."""
    per_line = max(1, int(width / char_w))
    lines, used = 1, 0
    for word in text.split():
        length = len(word)
        if used and used + 1 + length > per_line:
            lines += 1
            used = length
        else:
            used += length + (1 if used else 0)
    return lines


def receipt_for_sheet(process: Process, number: int) -> str:
    """The receipt number printed on the stub of sheet ``number`` and given to the
    contribution transcribed from it ("P" for paper: never one of the online numbers)."""
    return f"{process.receipt_prefix}-{process.receipt_year}-P{number:06d}"


class _Builder:
    def __init__(self) -> None:
        self.y = 0.0
        self.boxes: list[TickBox] = []
        self.texts: list[Text] = []

    def text(self, text: str, x: float, y: float, w: float, h: float, style: str) -> None:
        self.texts.append(Text(text, Rect(x, y, w, h), style))

    def heading(self, text: str) -> None:
        self.y += 2.0
        self.text(text, LEFT, self.y, RIGHT - LEFT, 5.0, "heading")
        self.y += 5.5

    def grid(self, prefix: str, choices: list[tuple[str, str]], columns: int, row_h: float) -> None:
        """Tick boxes in ``columns``; a row is as high as its longest label needs (a long
        neighbourhood name takes two lines instead of being cut)."""
        col_w = (RIGHT - LEFT) / columns
        label_w = col_w - BOX - 3.0
        for start in range(0, len(choices), columns):
            row = choices[start : start + columns]
            lines = max(lines_needed(label, label_w, LABEL_CHAR_W) for _value, label in row)
            height = max(row_h, lines * LABEL_LINE_H + 2.2)
            for col, (value, label) in enumerate(row):
                x = LEFT + col * col_w
                self.boxes.append(
                    TickBox(
                        key=f"{prefix}:{value}",
                        label=label,
                        box=Rect(x, self.y, BOX, BOX),
                        label_rect=Rect(x + BOX + 1.8, self.y - 0.2, label_w, height),
                    )
                )
            self.y += height


def build_layout(process: Process) -> Layout:
    """Where everything goes on the sheets of ``process`` (questions, neighbourhoods...)."""
    b = _Builder()
    b.text(_("Formulaire de participation"), LEFT, 9.0, 130.0, 8.0, "title")
    # A long title of the process takes the lines it needs (two or three), never cut.
    title_lines = min(3, lines_needed(process.title, 130.0, SUBTITLE_CHAR_W))
    title_h = title_lines * SUBTITLE_LINE_H + 0.8
    b.text(process.title, LEFT, 17.0, 130.0, title_h, "subtitle")
    top = 17.0 + max(title_h, 10.0)
    b.text(
        _(
            "Cochez les cases d'une croix bien nette. Écrivez lisiblement, si possible en "
            "lettres capitales, à l'intérieur du cadre."
        ),
        LEFT,
        top + 0.5,
        130.0,
        8.0,
        "small",
    )
    sheet_number = Rect(LEFT, top + 9.0, 130.0, 6.0)
    qr = Rect(158.0, 9.0, 30.0, 30.0)
    b.y = max(43.0, top + 16.0)

    questions = list(process.questions.order_by("number"))
    b.heading(_("Votre contribution répond à (une ou plusieurs questions) :"))
    for question in questions:
        label = f"{question.number}. {question.title}"
        b.boxes.append(
            TickBox(
                key=f"question:{question.pk}",
                label=label,
                box=Rect(LEFT, b.y, BOX, BOX),
                label_rect=Rect(LEFT + BOX + 1.8, b.y - 0.2, RIGHT - LEFT - BOX - 2.0, 8.0),
            )
        )
        b.y += 8.0 if len(label) > 95 else 6.0

    b.heading(_("C'est :"))
    b.grid("kind", [(v, str(lbl)) for v, lbl in Contribution.Kind.choices], 3, 6.0)

    neighbourhoods = list(process.neighbourhoods.order_by("order", "name"))
    if neighbourhoods:
        b.heading(_("Votre quartier :"))
        b.grid("neighbourhood", [(str(n.pk), n.name) for n in neighbourhoods], 3, 6.0)

    b.heading(_("Vous êtes :"))
    b.grid("profile", [(v, str(lbl)) for v, lbl in Contribution.Profile.choices], 4, 6.0)
    b.heading(_("Votre âge :"))
    b.grid("age", [(v, str(lbl)) for v, lbl in Contribution.AgeBracket.choices], 3, 6.0)

    b.heading(_("Votre texte :"))
    stub_y = PAGE_H - STUB_H - 3.0  # the dashed line where the stub is torn off
    consent_y = stub_y - 24.0
    contact_y = consent_y - CONTACT_H - 2.0
    writing = Rect(LEFT, b.y, RIGHT - LEFT, contact_y - 3.0 - b.y)
    if writing.h < MIN_WRITING_H:
        raise LayoutError(
            _(
                "Trop de questions ou de quartiers pour une seule feuille : le cadre de texte "
                "serait trop petit."
            )
        )
    b.text(
        _(
            "Pour être tenu·e au courant des suites par courrier ou par téléphone "
            "(facultatif) : votre adresse postale ou votre numéro de téléphone."
        ),
        LEFT,
        contact_y,
        RIGHT - LEFT,
        7.5,
        "small",
    )
    contact = Rect(LEFT, contact_y + 7.5, RIGHT - LEFT, CONTACT_H - 7.5)
    b.y = consent_y
    for key, label in (
        (
            "consent:processing",
            _(
                "J'accepte que la Ville traite ma contribution pour cette démarche "
                "(obligatoire pour qu'elle soit prise en compte)."
            ),
        ),
        (
            "consent:publication",
            _("J'accepte que mon texte soit publié sur le site, sans mon nom."),
        ),
    ):
        b.boxes.append(
            TickBox(
                key=key,
                label=label,
                box=Rect(LEFT, b.y, BOX, BOX),
                label_rect=Rect(LEFT + BOX + 1.8, b.y - 0.2, RIGHT - LEFT - BOX - 2.0, 8.0),
            )
        )
        b.y += 7.5
    b.text(
        _(
            "Déposez ce formulaire dans une urne de la démarche, après avoir détaché le coupon "
            "ci-dessous. Vos données sont traitées selon la politique de confidentialité du "
            "site ; vous pouvez aussi participer en ligne ou par téléphone."
        ),
        LEFT,
        stub_y - 8.5,
        RIGHT - LEFT,
        8.0,
        "small",
    )
    # The stub the contributor keeps: the sheet's receipt number (printed per sheet at
    # ``stub_receipt``), where to follow it and the free phone line.
    phone = process.phone_number
    b.text(
        _("Coupon à garder — le suivi de votre contribution"),
        LEFT,
        stub_y + 2.0,
        120.0,
        5.0,
        "heading",
    )
    follow = _(
        "Avec ce numéro, suivez ce que devient votre contribution sur %(url)s, ou demandez-le "
        "par téléphone%(phone)s."
    ) % {
        "url": followup_address(),
        "phone": (" " + _("au %(phone)s (appel gratuit)") % {"phone": phone}) if phone else "",
    }
    b.text(follow, LEFT, stub_y + 14.0, RIGHT - LEFT, 9.0, "small")
    stub_receipt = Rect(LEFT, stub_y + 7.5, 120.0, 6.0)
    return Layout(
        fiducials=fiducial_rects(),
        qr=qr,
        sheet_number=sheet_number,
        writing=writing,
        boxes=tuple(b.boxes),
        texts=tuple(b.texts),
        extra={
            "contact": asdict(contact),
            "stub": asdict(Rect(LEFT - 4.0, stub_y, RIGHT - LEFT + 8.0, STUB_H)),
            "stub_receipt": asdict(stub_receipt),
        },
    )


def followup_address() -> str:
    """The public address of the follow-up page, as printed (without the scheme)."""
    from django.conf import settings
    from django.urls import reverse

    site = settings.SITE_URL.split("://", 1)[-1].rstrip("/")
    return f"{site}{reverse('followup:lookup')}"
