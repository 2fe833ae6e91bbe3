"""The rich text of a mandate (and of other long texts the team writes in the builder).

The team types plain text in a textarea, no JavaScript editor: a blank line starts a new
paragraph, a line starting with "- ", "* " or "• " is an item of a bulleted list, a line
starting with "1. " or "1) " an item of a numbered list. A few inline tags may be typed
(``<strong>``, ``<em>``, ``<a href>``). The result is always sanitised by nh3 (an
allow-list of tags and attributes), so a script or an event handler never reaches a page.
"""

from __future__ import annotations

import re

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _blocks(text: str) -> list[str]:
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    kind = ""

    def flush_paragraph() -> None:
        if paragraph:
            html.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal kind
        if items:
            html.append(f"<{kind}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{kind}>")
            items.clear()
        kind = ""

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            flush_paragraph()
            wanted = "ul" if bullet else "ol"
            if kind and kind != wanted:
                flush_list()
            kind = wanted
            items.append((bullet or number).group(1).strip())  # type: ignore[union-attr]
        elif not line.strip():
            flush_paragraph()
            flush_list()
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return html


def render_rich_text(text: str) -> SafeString:
    """``text`` as sanitised HTML: paragraphs, lists, a few inline tags."""
    if not text or not text.strip():
        return mark_safe("")
    cleaned = nh3.clean(
        "".join(_blocks(text)),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)
