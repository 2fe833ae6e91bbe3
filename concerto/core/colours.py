"""Colours of the City's identity and their contrast, as WCAG 2.1 defines it.

``contrast(a, b)`` is the ratio of relative luminances (1 to 21, success criterion 1.4.3);
``AA_TEXT`` the minimum for ordinary text. The identity's main colour carries white text
(header, buttons) and is the colour of links on white; the second colour carries black text.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
WHITE = "#ffffff"
INK = "#1b1b1b"
HEX = re.compile(r"^#[0-9a-f]{6}$")


def normalise_hex(value: str) -> str:
    """``#abc``/``#AABBCC``/``aabbcc`` as ``#aabbcc``; ValueError otherwise."""
    raw = value.strip().lower()
    if not raw.startswith("#"):
        raw = "#" + raw
    if re.fullmatch(r"#[0-9a-f]{3}", raw):
        raw = "#" + "".join(ch * 2 for ch in raw[1:])
    if not HEX.match(raw):
        raise ValueError(value)
    return raw


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    colour = normalise_hex(colour)
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def format_ratio(ratio: float) -> str:
    """``3,2:1``: one decimal, rounded down so that a colour is never shown as passing
    when it does not (4,49 shows as 4,4, not 4,5)."""
    tenths = int(ratio * 10 + 1e-9)
    return f"{tenths // 10},{tenths % 10}:1"


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other``, channel by channel."""
    a, b = normalise_hex(colour), normalise_hex(other)
    channels = (
        round(int(a[i : i + 2], 16) * (1 - share) + int(b[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)
