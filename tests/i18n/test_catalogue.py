"""The compiled French catalogue: present, complete, in sync with its .po and with the sources,
and really used (French plural forms). `make messages` brings it up to date."""

from __future__ import annotations

import gettext
import re

from django.utils import translation

from tests.i18n.catalogue import MO, PO, ROOT, Entry, po_entries, source_messages, template_files

FIX = "lancez `make messages` puis commitez locale/fr (django.po et django.mo)"


def _messages() -> list[Entry]:
    return [entry for entry in po_entries() if entry.msgid]


def test_the_catalogue_declares_french_plural_forms():
    header = po_entries()[0]
    assert header.msgid == ""
    assert "Plural-Forms: nplurals=2; plural=(n > 1);\n" in header.msgstr[0]
    assert "Language: fr\n" in header.msgstr[0]


def test_every_message_is_translated_and_none_is_fuzzy():
    for entry in _messages():
        assert "fuzzy" not in entry.flags, (entry.msgid, FIX)
        expected = 2 if entry.msgid_plural is not None else 1
        assert sorted(entry.msgstr) == list(range(expected)), (entry.msgid, FIX)
        assert all(entry.msgstr.values()), (entry.msgid, FIX)


def test_the_compiled_catalogue_is_the_po_file():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected: dict[object, str] = {}
    for entry in _messages():
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(msgid, index)] = text
    catalog = {key: value for key, value in compiled._catalog.items() if key != ""}  # type: ignore[attr-defined]
    assert catalog == expected, f"{MO.name} ne correspond pas à {PO.name} : {FIX}"
    assert compiled.plural(0) == 0 and compiled.plural(1) == 0 and compiled.plural(2) == 1


def test_the_catalogue_has_every_message_of_the_sources_and_no_other():
    in_sources = source_messages()
    in_catalogue = {entry.key for entry in _messages()}
    missing = sorted(
        f"{in_sources[key].name}: {key[1]!r}" for key in set(in_sources) - in_catalogue
    )
    assert not missing, (
        f"{len(missing)} message(s) absents du catalogue, {FIX} (xgettext ne lit pas un appel "
        f"à gettext dans une f-string : sortez-le) : {missing[:20]}"
    )
    stale = sorted(key[1] for key in in_catalogue - set(in_sources))
    assert not stale, f"messages qui ne sont plus dans les sources, {FIX} : {stale[:20]}"


# "réponse(s) validée(s)" and the like: a count takes ngettext / {% blocktranslate count %}.
HAND_MADE_PLURAL = re.compile(r"\w\((?:e|s|es|x|nt)\)", re.IGNORECASE)


def test_no_message_makes_its_plural_by_hand():
    offenders = [e.msgid for e in _messages() if HAND_MADE_PLURAL.search(e.msgid)]
    offenders += [
        e.msgid_plural
        for e in _messages()
        if e.msgid_plural and HAND_MADE_PLURAL.search(e.msgid_plural)
    ]
    assert not offenders, offenders


def test_the_catalogue_gives_french_plurals_at_run_time():
    with translation.override("fr"):
        for count, text in [
            (0, "0 jour"),
            (1, "1 jour"),
            (6, "6 jours"),
        ]:
            # a message of the privacy notice's retention periods (concerto.legal.notice)
            assert translation.ngettext("%(n)d jour", "%(n)d jours", count) % {"n": count} == text


# Inclusive writing as the seeds write it: the middle dot before each ending, plural included
# ("habitant·e·s", "élu·e·s", "citoyen·ne·s", "auteur·rice·s"), never "habitant·es".
SHORT_INCLUSIVE_PLURAL = re.compile(r"\w·(?:e|ne|le|rice|ve|se|euse)s\b")


def test_inclusive_writing_follows_the_seeds():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in [*template_files(), *sorted((ROOT / "concerto").rglob("*.py"))]
        if "migrations" not in path.parts
        for match in SHORT_INCLUSIVE_PLURAL.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
