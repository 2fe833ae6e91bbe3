"""Every user-facing word of a template goes through translation.

The test reads each template under templates/ and concerto/*/templates (new pages included):
it drops what Django renders itself ({% %} tags, {{ }} variables, {# #} and {% comment %}),
drops the inside of {% blocktranslate %}, and parses what is left as HTML. Any text between
tags, or in an attribute people read (alt, title, aria-label, placeholder, the value of an
input button…), that still has a letter is a string outside translation: wrap it in
{% translate %} or {% blocktranslate %}."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

from tests.i18n.catalogue import ROOT, template_files

LETTER = re.compile(r"[^\W\d_]")
# A Django tag or variable in the middle of an HTML tag or of a text: a space for the parser.
GAP = " "
READ_ATTRIBUTES = {
    "alt",
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "placeholder",
    "label",
}
# Not words to translate: units and signs that are the same in every language we serve.
ALLOWED = {"s", "n°", "min", "h", "km", "Mo", "Ko", "px", "%", "€", "SIRET", "RNA", "PDF", "CSV"}
# Templates that must render without the template engine's help (none today).
UNCHECKED: set[str] = set()


def outside_translation(source: str) -> str:
    """The template as the browser would see it, minus everything translation takes care of."""
    kept: list[str] = []
    closing: tuple[str, ...] = ()
    for token in Lexer(source).tokenize():
        words = token.contents.split()
        name = words[0] if words and token.token_type == TokenType.BLOCK else ""
        if closing:
            if name in closing:
                closing = ()
                kept.append(GAP)
            kept.append("\n" * token.contents.count("\n"))  # keeps the line numbers
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(token.contents)
        elif name in ("blocktranslate", "blocktrans"):
            closing = ("endblocktranslate", "endblocktrans")
        elif name == "comment":
            closing = ("endcomment",)
        elif token.token_type != TokenType.COMMENT:
            kept.append(GAP)
    return "".join(kept)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.raw = 0

    def _check(self, text: str) -> None:
        text = " ".join(text.split())
        words = [w for w in re.split(r"[\s()\[\]{}.,;:!?«»—–·/|+=*×#-]+", text) if w]
        if LETTER.search(text) and not all(w in ALLOWED or not LETTER.search(w) for w in words):
            self.found.append((self.getpos()[0], text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.raw += 1
        values = dict(attrs)
        for name, value in attrs:
            if not value:
                continue
            button = tag == "input" and values.get("type") in ("submit", "button", "reset")
            description = tag == "meta" and values.get("name") == "description"
            if (
                name in READ_ATTRIBUTES
                or (name == "value" and button)
                or (name == "content" and description)
            ):
                self._check(value)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.raw = max(0, self.raw - 1)

    def handle_data(self, data: str) -> None:
        if not self.raw:
            self._check(data)


def untranslated(source: str) -> list[tuple[int, str]]:
    reader = _Reader()
    reader.feed(outside_translation(source))
    reader.close()
    return reader.found


TEMPLATES = template_files()


def test_every_template_folder_is_scanned():
    assert len(TEMPLATES) > 100
    assert (ROOT / "templates" / "base.html") in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_no_user_facing_string_outside_translation(path: Path):
    if str(path.relative_to(ROOT)) in UNCHECKED:
        pytest.skip("rendered without translation")
    found = untranslated(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{path.name}, ligne {line} : {text!r}" for line, text in found)


@pytest.mark.parametrize(
    "source",
    [
        "<p>Bonjour</p>",
        '<img src="x.png" alt="Logo de la Ville">',
        '<a href="/" title="Accueil">{% translate "Accueil" %}</a>',
        '<input type="submit" value="Envoyer">',
        "{% if x %}Oui{% endif %}",
        "{% load i18n %}Bonjour,\n{{ name }}",
        '<label>{% translate "Nom" %} <span>obligatoire</span></label>',
    ],
)
def test_the_scanner_finds_a_bare_string(source: str):
    assert untranslated(source)


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<p>{% translate "Bonjour" %}</p>',
        "<p>{% blocktranslate with n=name %}Bonjour {{ n }}{% endblocktranslate %}</p>",
        "<p>{% blocktranslate count counter=n %}{{ counter }} réponse"
        "{% plural %}{{ counter }} réponses{% endblocktranslate %}</p>",
        '<li{% if on %} class="active"{% endif %}>{{ item }}</li>',
        "{# un commentaire #}{% comment %}Un commentaire{% endcomment %}",
        "<script>const label = 'ok';</script><style>p { color: red; }</style>",
        '<button name="action" value="publish">{% translate "Publier" %}</button>',
        "<td>{{ duration }} s</td><td>n° {{ number }}</td>",
    ],
)
def test_the_scanner_lets_translated_text_through(source: str):
    assert not untranslated(source)
