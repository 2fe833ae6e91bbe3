"""Coding: passages with offsets, excerpts found by their text, the checks of the service;
bad input changes nothing; removal is audited."""

from __future__ import annotations

import pytest

from concerto.contributions.models import Answer, Contribution
from concerto.core.models import AuditEvent
from concerto.synthesis.codebook_services import theme_archive
from concerto.synthesis.coding_services import (
    CodingError,
    Target,
    coding_create,
    coding_delete,
    coding_set_quote,
)
from concerto.synthesis.models import Coding
from concerto.synthesis.passages import ExcerptError, locate, passages, segments
from tests.factories import ContributionFactory
from tests.synthesis.factories import published, theme

pytestmark = pytest.mark.django_db

TEXT = (
    "Je vis à Bellevue depuis quinze ans.\n\nLes démarches en ligne découragent les gens ! "
    "Il faut un accueil humain… Il faut un accueil humain, vraiment."
)


def test_passages_are_sentences_and_paragraphs_with_exact_offsets():
    found = passages(TEXT)
    assert [p.text for p in found] == [
        "Je vis à Bellevue depuis quinze ans.",
        "Les démarches en ligne découragent les gens !",
        "Il faut un accueil humain…",
        "Il faut un accueil humain, vraiment.",
    ]
    assert all(TEXT[p.start : p.end] == p.text for p in found)
    assert "".join(s.text for s in segments(TEXT)) == TEXT


def test_locate_exact_whitespace_insensitive_missing_and_ambiguous():
    start, end = locate(TEXT, "  découragent les gens  ")
    assert TEXT[start:end] == "découragent les gens"
    start, end = locate(TEXT, "quinze ans. Les démarches")  # the copy joined the paragraphs
    assert TEXT[start:end] == "quinze ans.\n\nLes démarches"
    with pytest.raises(ExcerptError, match="ne figure pas"):
        locate(TEXT, "un texte qui n'y est pas")
    with pytest.raises(ExcerptError, match="2 fois"):
        locate(TEXT, "Il faut un accueil humain")
    with pytest.raises(ExcerptError, match="vide"):
        locate(TEXT, "   ")


def snapshot():
    return (
        Coding.objects.count(),
        AuditEvent.objects.count(),
        list(Coding.objects.values_list("theme_id", "start", "end", "excerpt")),
    )


@pytest.fixture
def setup(process, analyst):
    droits = theme(process, "Accès aux droits", actor=analyst)
    isolement = theme(process, "Isolement", actor=analyst)
    contribution = published(process, {1: TEXT, 2: "Les voisins peuvent agir."})
    return droits, isolement, contribution.answers.get(question__number=1)


def test_whole_answer_coding_with_several_themes(setup, analyst):
    droits, isolement, answer = setup
    created = coding_create(answer=answer, themes=[droits, isolement], note="  ", actor=analyst)
    assert [(c.theme, c.start, c.end, c.excerpt, c.coder) for c in created] == [
        (droits, None, None, "", analyst),
        (isolement, None, None, "", analyst),
    ]
    assert all(c.created_at is not None for c in created)
    assert AuditEvent.objects.filter(action="synthesis.coding_create").count() == 2


def test_excerpt_by_offsets_and_by_text(setup, analyst):
    droits, isolement, answer = setup
    passage = passages(TEXT)[1]
    [by_offsets] = coding_create(
        answer=answer,
        themes=[droits],
        target=Target(start=passage.start, end=passage.end),
        is_quote=True,
        actor=analyst,
    )
    assert by_offsets.excerpt == passage.text == answer.shown_text[passage.start : passage.end]
    assert by_offsets.is_quote
    [by_text] = coding_create(
        answer=answer, themes=[isolement], target=Target(excerpt="depuis quinze ans"), actor=analyst
    )
    assert (by_text.start, by_text.end) == (TEXT.index("depuis"), TEXT.index("depuis") + 17)
    # Offsets and an excerpt that no longer match: the excerpt wins (edited after selection).
    [edited] = coding_create(
        answer=answer,
        themes=[isolement],
        target=Target(start=0, end=5, excerpt="accueil humain, vraiment"),
        actor=analyst,
    )
    assert edited.excerpt == "accueil humain, vraiment"
    assert answer.shown_text[edited.start : edited.end] == edited.excerpt


def test_offsets_are_into_the_published_text(process, analyst):
    droits = theme(process, "Accès aux droits", actor=analyst)
    contribution = published(process, {1: "Appelez Mme Durand au 06 12 34 56 78 pour les droits."})
    answer = contribution.answers.get()
    Answer.objects.filter(pk=answer.pk).update(public_text="Appelez [masqué] pour les droits.")
    answer.refresh_from_db()
    [coding] = coding_create(
        answer=answer, themes=[droits], target=Target(excerpt="pour les droits"), actor=analyst
    )
    assert answer.shown_text[coding.start : coding.end] == "pour les droits"
    assert coding.start == answer.public_text.index("pour")
    with pytest.raises(CodingError, match="ne figure pas"):
        coding_create(
            answer=answer, themes=[droits], target=Target(excerpt="Durand"), actor=analyst
        )


@pytest.mark.parametrize(
    ("target", "quote", "message"),
    [
        (Target(excerpt="absent du texte"), False, "ne figure pas"),
        (Target(excerpt="Il faut un accueil humain"), False, "2 fois"),
        (Target(start=10, end=5), False, "ne correspond pas"),
        (Target(start=0, end=100_000), False, "ne correspond pas"),
        (Target(start=3, end=None), False, "ne correspond pas"),
        (Target(start=36, end=38), False, "vide"),
        (Target(), True, "citation est un extrait"),
    ],
)
def test_bad_targets_change_nothing(setup, analyst, target, quote, message):
    droits, _isolement, answer = setup
    before = snapshot()
    with pytest.raises(CodingError, match=message):
        coding_create(answer=answer, themes=[droits], target=target, is_quote=quote, actor=analyst)
    assert snapshot() == before


def test_refusals_change_nothing(setup, process, analyst):
    droits, isolement, answer = setup
    coding_create(answer=answer, themes=[droits], actor=analyst)
    before = snapshot()
    with pytest.raises(CodingError, match="au moins un thème"):
        coding_create(answer=answer, themes=[], actor=analyst)
    with pytest.raises(CodingError, match="déjà codé"):
        coding_create(answer=answer, themes=[isolement, droits], actor=analyst)
    with pytest.raises(CodingError, match="note"):
        coding_create(answer=answer, themes=[isolement], note="x" * 2001, actor=analyst)
    set_aside = ContributionFactory(
        process=process, status=Contribution.Status.SET_ASIDE
    ).answers.get()
    with pytest.raises(CodingError, match="écartée de l'analyse"):
        coding_create(answer=set_aside, themes=[isolement], actor=analyst)
    theme_archive(theme=isolement, archived=True, actor=analyst)
    before = snapshot()
    with pytest.raises(CodingError, match="archivé"):
        coding_create(answer=answer, themes=[isolement], actor=analyst)
    assert snapshot() == before


def test_a_theme_of_another_process_is_refused(setup, analyst):
    from tests.factories import ProcessFactory

    _droits, _isolement, answer = setup
    elsewhere = theme(ProcessFactory(), "Ailleurs", actor=analyst)
    before = snapshot()
    with pytest.raises(CodingError, match="n'appartient pas"):
        coding_create(answer=answer, themes=[elsewhere], actor=analyst)
    assert snapshot() == before


def test_remove_and_quote_are_audited(setup, analyst):
    droits, _isolement, answer = setup
    [coding] = coding_create(
        answer=answer, themes=[droits], target=Target(excerpt="depuis quinze ans"), actor=analyst
    )
    coding_set_quote(coding=coding, is_quote=True, actor=analyst)
    coding.refresh_from_db()
    assert coding.is_quote
    coding_delete(coding=coding, actor=analyst, reason="erreur de thème")
    assert not Coding.objects.exists()
    row = AuditEvent.objects.get(action="synthesis.coding_delete")
    assert row.reason == "erreur de thème"
    assert row.data["excerpt"] == "depuis quinze ans"
    assert row.data["coder"] == analyst.pk
    with pytest.raises(CodingError, match="déjà été retiré"):
        coding_delete(coding=coding, actor=analyst)


def test_whole_answer_cannot_be_a_quote(setup, analyst):
    droits, _isolement, answer = setup
    [coding] = coding_create(answer=answer, themes=[droits], actor=analyst)
    with pytest.raises(CodingError, match="citation"):
        coding_set_quote(coding=coding, is_quote=True, actor=analyst)


def test_a_refused_publication_is_still_coded_a_set_aside_one_is_not(setup, analyst):
    droits, isolement, answer = setup
    Contribution.objects.filter(pk=answer.contribution_id).update(
        status=Contribution.Status.REJECTED
    )
    coding_create(answer=answer, themes=[droits], actor=analyst)
    Contribution.objects.filter(pk=answer.contribution_id).update(
        status=Contribution.Status.SET_ASIDE
    )
    with pytest.raises(CodingError, match="écartée de l'analyse"):
        coding_create(answer=answer, themes=[isolement], actor=analyst)
