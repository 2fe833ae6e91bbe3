"""The codebook service: versions, snapshots, audit, the two-level rule, archive instead of
delete; bad input changes nothing."""

from __future__ import annotations

import pytest

from concerto.core.models import AuditEvent
from concerto.synthesis.codebook_services import (
    CodebookError,
    theme_archive,
    theme_create,
    theme_delete,
    theme_move,
    theme_update,
)
from concerto.synthesis.coding_services import coding_create
from concerto.synthesis.models import Codebook, CodebookVersion, Theme
from tests.synthesis.factories import published, theme

pytestmark = pytest.mark.django_db


def state(process):
    book = Codebook.objects.filter(process=process).first()
    return (
        book.version if book else None,
        CodebookVersion.objects.count(),
        Theme.objects.count(),
        AuditEvent.objects.count(),
        list(Theme.objects.order_by("pk").values_list("name", "parent_id", "is_archived")),
    )


def test_every_change_bumps_the_version_with_a_snapshot_and_an_audit_row(process, analyst):
    isolement = theme_create(
        process=process,
        name="Isolement",
        definition="Solitude subie.",
        actor=analyst,
        note="Premier thème",
    )
    book = Codebook.objects.get(process=process)
    assert book.version == 2  # 1: the empty codebook, 2: the theme
    versions = list(CodebookVersion.objects.filter(codebook=book).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].snapshot == []
    assert versions[1].author == analyst
    assert versions[1].note == "Premier thème"
    assert versions[1].snapshot == [
        {
            "id": isolement.pk,
            "parent": None,
            "position": 1,
            "name": "Isolement",
            "definition": "Solitude subie.",
            "examples": "",
            "is_archived": False,
        }
    ]
    seniors = theme(process, "Seniors", parent=isolement, actor=analyst)
    theme_update(
        theme=seniors,
        name="Seniors isolés",
        definition="Personnes de 65 ans et plus.",
        examples="",
        parent=isolement,
        actor=analyst,
    )
    book.refresh_from_db()
    assert book.version == 4
    last = CodebookVersion.objects.get(codebook=book, number=4)
    assert [row["name"] for row in last.snapshot] == ["Isolement", "Seniors isolés"]
    assert last.snapshot[1]["parent"] == isolement.pk
    actions = list(
        AuditEvent.objects.filter(action__startswith="synthesis.").values_list("action", flat=True)
    )
    assert actions.count("synthesis.theme_create") == 2
    assert "synthesis.theme_update" in actions
    assert "synthesis.codebook_create" in actions


def test_an_update_that_changes_nothing_writes_no_version(process, analyst):
    item = theme(process, "Logement", actor=analyst)
    before = state(process)
    theme_update(
        theme=item, name="Logement", definition="", examples="", parent=None, actor=analyst
    )
    assert state(process) == before


def test_two_levels_only(process, analyst):
    parent = theme(process, "Précarité", actor=analyst)
    child = theme(process, "Alimentation", parent=parent, actor=analyst)
    other = theme(process, "Santé", actor=analyst)
    before = state(process)
    with pytest.raises(CodebookError, match="deux niveaux"):
        theme_create(process=process, name="Épiceries", parent=child, actor=analyst)
    # A theme with sub-themes cannot become a sub-theme.
    with pytest.raises(CodebookError, match="sous-thèmes"):
        theme_update(
            theme=parent, name="Précarité", definition="", examples="", parent=other, actor=analyst
        )
    with pytest.raises(CodebookError, match="propre parent"):
        theme_update(
            theme=other, name="Santé", definition="", examples="", parent=other, actor=analyst
        )
    assert state(process) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Donnez un nom"), ("   ", "Donnez un nom"), ("x" * 161, "trop long")],
)
def test_bad_names_change_nothing(process, analyst, name, message):
    theme(process, "Existant", actor=analyst)
    before = state(process)
    with pytest.raises(CodebookError, match=message):
        theme_create(process=process, name=name, actor=analyst)
    assert state(process) == before


def test_same_name_at_the_same_place_is_refused(process, analyst):
    theme(process, "Jeunesse", actor=analyst)
    before = state(process)
    with pytest.raises(CodebookError, match="existe déjà"):
        theme_create(process=process, name="jeunesse", actor=analyst)
    assert state(process) == before


def test_a_parent_from_another_codebook_is_refused(process, analyst):
    from tests.factories import ProcessFactory

    elsewhere = theme(ProcessFactory(), "Ailleurs", actor=analyst)
    theme(process, "Ici", actor=analyst)
    before = state(process)
    with pytest.raises(CodebookError, match="autre grille"):
        theme_create(process=process, name="Enfant", parent=elsewhere, actor=analyst)
    assert state(process) == before


def test_archive_keeps_codings_and_cascades_to_sub_themes(process, analyst):
    parent = theme(process, "Aller-vers", actor=analyst)
    child = theme(process, "Médiation", parent=parent, actor=analyst)
    answer = published(process).answers.get()
    coding_create(answer=answer, themes=[child], actor=analyst)
    with pytest.raises(CodebookError, match="ne peut pas être supprimé"):
        theme_delete(theme=child, actor=analyst)
    with pytest.raises(CodebookError, match="ne peut pas être supprimé"):
        theme_delete(theme=parent, actor=analyst)  # it has a sub-theme
    theme_archive(theme=parent, archived=True, actor=analyst)
    child.refresh_from_db()
    assert child.is_archived and child.codings.count() == 1
    with pytest.raises(CodebookError, match="parent est archivé"):
        theme_archive(theme=child, archived=False, actor=analyst)
    theme_archive(theme=parent, archived=False, actor=analyst)
    theme_archive(theme=child, archived=False, actor=analyst)
    child.refresh_from_db()
    assert not child.is_archived


def test_unused_theme_is_deleted_and_the_version_no_longer_lists_it(process, analyst):
    keep = theme(process, "Coopération", actor=analyst)
    gone = theme(process, "Brouillon", actor=analyst)
    theme_delete(theme=gone, actor=analyst)
    assert not Theme.objects.filter(pk=gone.pk).exists()
    book = Codebook.objects.get(process=process)
    last = CodebookVersion.objects.get(codebook=book, number=book.version)
    assert [row["id"] for row in last.snapshot] == [keep.pk]
    assert AuditEvent.objects.filter(action="synthesis.theme_delete").count() == 1


def test_move_swaps_siblings(process, analyst):
    first = theme(process, "A", actor=analyst)
    second = theme(process, "B", actor=analyst)
    theme_move(theme=second, direction="up", actor=analyst)
    names = list(Theme.objects.order_by("position", "pk").values_list("name", flat=True))
    assert names == ["B", "A"]
    before = state(process)
    with pytest.raises(CodebookError, match="extrémité"):
        theme_move(theme=second, direction="up", actor=analyst)
    assert state(process) == before
    first.refresh_from_db()
    assert first.position == 2
