"""The French catalogue as the tests read it, without the gettext tools.

``po_entries`` parses locale/fr/LC_MESSAGES/django.po; ``source_messages`` finds every message
the sources mark for translation, the way ``makemessages`` does (templates through Django's own
``templatize``, Python through its syntax tree), so the tests can tell when the catalogue is
behind the sources. ``template_files`` is every template the project renders."""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# What `make messages` leaves out (MESSAGES_IGNORE in the Makefile).
IGNORED = {"node_modules", "var", "static", "bench", "tests", "requirements"}

# makemessages' keywords: xgettext's Python defaults and Django's (makemessages.py).
SINGULAR = {"gettext", "gettext_lazy", "gettext_noop", "_", "ugettext", "ugettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy", "ungettext", "ungettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}

Key = tuple[str | None, str, str | None]  # (msgctxt, msgid, msgid_plural)


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def po_entries(path: Path = PO) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") first."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    started = False

    def finish() -> None:
        nonlocal entry, started
        if started:
            entries.append(entry)
        entry, started = Entry(), False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#,"):
            if started:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            value = ast.literal_eval(rest)
            if keyword in ("msgctxt", "msgid") and entry.msgstr:
                finish()
            started = True
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
                entry.msgstr[target[1]] = ""
            elif keyword == "msgstr":
                target = ("msgstr", 0)
                entry.msgstr[0] = ""
            else:
                target = (keyword, 0)
                setattr(entry, keyword, "")
        assert target is not None, f"{path}: {raw!r}"
        if target[0] == "msgstr":
            entry.msgstr[target[1]] += value
        else:
            setattr(entry, target[0], (getattr(entry, target[0]) or "") + value)
    finish()
    return entries


def _source_files(suffixes: tuple[str, ...]) -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if any(part.startswith(".") or part in IGNORED for part in parts[:-1]):
            continue
        if path.suffix in suffixes and path.is_file():
            found.append(path)
    return sorted(found)


def template_files() -> list[Path]:
    """Every template: templates/ and the templates folder of any app."""
    folders = [ROOT / "templates", *sorted(ROOT.glob("concerto/*/templates"))]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _call_keys(name: str, args: list[str | None]) -> Key | None:
    """The message of a call to a gettext function, given its leading literal arguments."""
    if name in SINGULAR and args and args[0] is not None:
        return (None, args[0], None)
    if name in PLURAL and len(args) >= 2 and None not in args[:2]:
        return (None, args[0], args[1])  # type: ignore[return-value]
    if name in CONTEXT and len(args) >= 2 and None not in args[:2]:
        return (args[0], args[1], None)  # type: ignore[return-value]
    if name in CONTEXT_PLURAL and len(args) >= 3 and None not in args[:3]:
        return (args[0], args[1], args[2])  # type: ignore[return-value]
    return None


def python_messages(source: str) -> set[Key]:
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            key = _call_keys(name, [_string(arg) for arg in node.args[:3]])
            if key:
                keys.add(key)
    return keys


def templatized_messages(code: str) -> set[Key]:
    """The messages of ``templatize``'s output (what xgettext reads for a template)."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(code).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]
    keys = set()
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME or i + 1 >= len(tokens) or tokens[i + 1].string != "(":
            continue
        args: list[str | None] = []
        j, current = i + 2, None
        while j < len(tokens) and tokens[j].string != ")":
            if tokens[j].type == tokenize.STRING:
                current = (current or "") + ast.literal_eval(tokens[j].string)
            elif tokens[j].string == ",":
                args.append(current)
                current = None
            else:
                current = None
                break
            j += 1
        args.append(current)
        key = _call_keys(token.string, args)
        if key:
            keys.add(key)
    return keys


def source_messages() -> dict[Key, Path]:
    """Every message of the sources, with one file where it appears."""
    found: dict[Key, Path] = {}
    for path in _source_files((".py",)):
        for key in python_messages(path.read_text(encoding="utf-8")):
            found.setdefault(key, path)
    for path in _source_files((".html", ".txt")):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for key in templatized_messages(code):
            found.setdefault(key, path)
    return found
