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

LAYOUT_VERSION = 1
PAGE_W = 210.0
PAGE_H = 297.0
FIDUCIAL_SIZE = 6.0
FIDUCIAL_OFFSET = 12.0  # distance from the page edge to the centre of a fiducial mark
CORNER_ZONE = 21.0  # nothing but the fiducial in the corner squares of this side
LEFT = 22.0
RIGHT = 188.0
BOX = 4.5  # side of a tick box
MIN_WRITING_H = 40.0


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
        col_w = (RIGHT - LEFT) / columns
        for i, (value, label) in enumerate(choices):
            row, col = divmod(i, columns)
            x = LEFT + col * col_w
            y = self.y + row * row_h
            self.boxes.append(
                TickBox(
                    key=f"{prefix}:{value}",
                    label=label,
                    box=Rect(x, y, BOX, BOX),
                    label_rect=Rect(x + BOX + 1.8, y - 0.2, col_w - BOX - 3.0, row_h),
                )
            )
        rows = -(-len(choices) // columns)
        self.y += rows * row_h


def build_layout(process: Process) -> Layout:
    """Where everything goes on the sheets of ``process`` (questions, neighbourhoods...)."""
    b = _Builder()
    b.text(_("Formulaire de participation"), LEFT, 9.0, 130.0, 8.0, "title")
    b.text(process.title, LEFT, 17.0, 130.0, 10.0, "subtitle")
    b.text(
        _(
            "Cochez les cases d'une croix bien nette. Écrivez lisiblement, si possible en "
            "lettres capitales, à l'intérieur du cadre."
        ),
        LEFT,
        27.5,
        130.0,
        8.0,
        "small",
    )
    sheet_number = Rect(LEFT, 36.0, 130.0, 6.0)
    qr = Rect(158.0, 9.0, 30.0, 30.0)
    b.y = 43.0

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
    consent_y = PAGE_H - 44.0
    writing = Rect(LEFT, b.y, RIGHT - LEFT, consent_y - 3.0 - b.y)
    if writing.h < MIN_WRITING_H:
        raise LayoutError(
            _(
                "Trop de questions ou de quartiers pour une seule feuille : le cadre de texte "
                "serait trop petit."
            )
        )
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
            "Déposez ce formulaire dans une urne de la démarche. Vos données sont traitées "
            "selon la politique de confidentialité du site ; vous pouvez aussi participer en "
            "ligne ou par téléphone."
        ),
        LEFT,
        PAGE_H - 27.0,
        RIGHT - LEFT,
        8.0,
        "small",
    )
    return Layout(
        fiducials=fiducial_rects(),
        qr=qr,
        sheet_number=sheet_number,
        writing=writing,
        boxes=tuple(b.boxes),
        texts=tuple(b.texts),
    )
