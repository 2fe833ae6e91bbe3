"""Assertions shared by the bad-input tests."""

from __future__ import annotations

from typing import Any

from tests.security.corpus import live_markup

# Words of Django's and allauth's English messages: none may reach a page.
ENGLISH = (
    "This field is required",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    "Null characters are not allowed",
    "The e-mail address and/or password",
    "The email address and/or password",
)
FRENCH_MARKERS = (
    'class="error-summary"',
    "Le formulaire contient des erreurs",
    "Sélectionnez un choix valide",
    "Saisissez",
    "Ce champ est obligatoire",
    "caractère",
    "incorrect",
    "invalide",
    "valide",
    "Nous ne trouvons pas",
)


def html_of(response: Any) -> str:
    return bytes(response.content).decode("utf-8", "replace")


def assert_no_server_error(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


def assert_french_refusal(response: Any, what: str) -> None:
    """A refused input is answered with a readable French message, never English."""
    html = html_of(response)
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert any(marker in html for marker in FRENCH_MARKERS), (
        f"{what}: aucun message en français ({response.status_code}) {main[:1500]}"
    )
    english = [phrase for phrase in ENGLISH if phrase in html]
    assert not english, f"{what}: message en anglais {english}"


# Linebreaks (|linebreaks, |linebreaksbr) legitimately add paragraphs and line breaks.
_TEXT_TAGS = {"p", "br"}


def markup_signature(html: str) -> dict[str, object]:
    summary = live_markup(html)
    tags = summary["tags"]
    assert isinstance(tags, dict)
    return {**summary, "tags": {t: n for t, n in tags.items() if t not in _TEXT_TAGS}}


def assert_same_markup(html: str, baseline: dict[str, object], what: str) -> None:
    """The page has exactly the elements of the page without the payload (no element,
    event handler or javascript: URL comes from user input)."""
    signature = markup_signature(html)
    if signature != baseline:
        tags = signature["tags"]
        base_tags = baseline["tags"]
        assert isinstance(tags, dict) and isinstance(base_tags, dict)
        diff = {t: (base_tags.get(t, 0), tags.get(t, 0)) for t in set(tags) | set(base_tags)}
        diff = {t: d for t, d in diff.items() if d[0] != d[1]}
        raise AssertionError(f"{what}: balisage vivant venu de la saisie {diff} {signature}")
