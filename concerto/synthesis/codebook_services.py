"""Writing the codebook. Every change locks the codebook, bumps its version, writes a
frozen copy (``CodebookVersion``: who, when, why) and an audit row, in one transaction.

Two levels only: a theme, or a sub-theme of a theme. A theme that has codings is never
deleted: it is archived (it keeps its codings and disappears from the coding forms).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.core.audit import audit
from concerto.processes.models import Process
from concerto.synthesis.models import Codebook, CodebookVersion, Coding, Theme

NAME_MAX = 160
TEXT_MAX = 5000
NOTE_MAX = 300


class CodebookError(Exception):
    """A refused change, with a message for the analyst (French). Nothing was changed."""


def snapshot(codebook: Codebook) -> list[dict[str, Any]]:
    """The codebook's themes as plain data, parents first then their children, in order."""
    themes = list(Theme.objects.filter(codebook=codebook).order_by("position", "pk"))
    rows = []
    for parent in (t for t in themes if t.parent_id is None):
        rows.append(_row(parent))
        rows.extend(_row(child) for child in themes if child.parent_id == parent.pk)
    return rows


def _row(theme: Theme) -> dict[str, Any]:
    return {
        "id": theme.pk,
        "parent": theme.parent_id,
        "position": theme.position,
        "name": theme.name,
        "definition": theme.definition,
        "examples": theme.examples,
        "is_archived": theme.is_archived,
    }


def codebook_for(process: Process) -> Codebook | None:
    return Codebook.objects.filter(process=process).first()


def _locked_codebook(process: Process, actor: User | None) -> Codebook:
    """The process's codebook, locked for the change; created (version 1, empty) if needed."""
    codebook = Codebook.objects.select_for_update().filter(process=process).first()
    if codebook is not None:
        return codebook
    codebook = Codebook.objects.create(process=process, version=1)
    CodebookVersion.objects.create(
        codebook=codebook, number=1, snapshot=[], author=actor, note=_("Grille créée")
    )
    audit(actor=actor, action="synthesis.codebook_create", target=codebook)
    return Codebook.objects.select_for_update().get(pk=codebook.pk)


def _commit_version(
    codebook: Codebook, *, actor: User | None, action: str, target: Theme, note: str
) -> CodebookVersion:
    codebook.version += 1
    codebook.save(update_fields=["version", "updated_at"])
    version = CodebookVersion.objects.create(
        codebook=codebook,
        number=codebook.version,
        snapshot=snapshot(codebook),
        author=actor,
        note=note[:NOTE_MAX],
    )
    audit(
        actor=actor,
        action=action,
        target=target,
        reason=note[:NOTE_MAX],
        data={"codebook_version": codebook.version, "theme": target.pk},
    )
    return version


def _clean_text(*, name: str, definition: str, examples: str, note: str) -> tuple[str, ...]:
    name, definition, examples, note = (
        name.strip(),
        definition.strip(),
        examples.strip(),
        note.strip(),
    )
    if not name:
        raise CodebookError(_("Donnez un nom au thème."))
    if len(name) > NAME_MAX:
        raise CodebookError(
            _("Le nom du thème est trop long (%(max)d caractères au plus).") % {"max": NAME_MAX}
        )
    if len(definition) > TEXT_MAX or len(examples) > TEXT_MAX:
        raise CodebookError(
            _("La définition et les exemples ont au plus %(max)d caractères chacun.")
            % {"max": TEXT_MAX}
        )
    if len(note) > NOTE_MAX:
        raise CodebookError(_("Le motif a au plus %(max)d caractères.") % {"max": NOTE_MAX})
    return name, definition, examples, note


def _check_parent(codebook: Codebook, parent: Theme | None, theme: Theme | None = None) -> None:
    if parent is None:
        return
    if parent.codebook_id != codebook.pk:
        raise CodebookError(_("Ce thème parent appartient à une autre grille."))
    if parent.parent_id is not None:
        raise CodebookError(
            _("La grille n'a que deux niveaux : un sous-thème ne peut pas avoir de sous-thème.")
        )
    if parent.is_archived:
        raise CodebookError(_("Ce thème parent est archivé : restaurez-le d'abord."))
    if theme is not None:
        if parent.pk == theme.pk:
            raise CodebookError(_("Un thème ne peut pas être son propre parent."))
        if theme.children.exists():
            raise CodebookError(
                _(
                    "Ce thème a des sous-thèmes : il ne peut pas devenir lui-même un "
                    "sous-thème (deux niveaux seulement)."
                )
            )


def _duplicate_name(codebook: Codebook, parent: Theme | None, name: str, pk: int | None) -> bool:
    siblings = Theme.objects.filter(codebook=codebook, parent=parent, name__iexact=name)
    return siblings.exclude(pk=pk).exists() if pk else siblings.exists()


def _next_position(codebook: Codebook, parent: Theme | None) -> int:
    top = Theme.objects.filter(codebook=codebook, parent=parent).aggregate(m=Max("position"))
    return (top["m"] or 0) + 1


def theme_create(
    *,
    process: Process,
    name: str,
    definition: str = "",
    examples: str = "",
    parent: Theme | None = None,
    actor: User | None,
    note: str = "",
) -> Theme:
    name, definition, examples, note = _clean_text(
        name=name, definition=definition, examples=examples, note=note
    )
    with transaction.atomic():
        codebook = _locked_codebook(process, actor)
        if parent is not None:
            parent = Theme.objects.get(pk=parent.pk)
        _check_parent(codebook, parent)
        if _duplicate_name(codebook, parent, name, None):
            raise CodebookError(_("Un thème de ce nom existe déjà à cet endroit de la grille."))
        theme = Theme.objects.create(
            codebook=codebook,
            parent=parent,
            position=_next_position(codebook, parent),
            name=name,
            definition=definition,
            examples=examples,
        )
        _commit_version(
            codebook,
            actor=actor,
            action="synthesis.theme_create",
            target=theme,
            note=note or _("Thème ajouté : %(name)s") % {"name": name},
        )
    return theme


def _locked_theme(theme: Theme, actor: User | None) -> tuple[Codebook, Theme]:
    codebook = Codebook.objects.select_for_update().get(pk=theme.codebook_id)
    return codebook, Theme.objects.get(pk=theme.pk)


def theme_update(
    *,
    theme: Theme,
    name: str,
    definition: str,
    examples: str,
    parent: Theme | None,
    actor: User | None,
    note: str = "",
) -> Theme:
    name, definition, examples, note = _clean_text(
        name=name, definition=definition, examples=examples, note=note
    )
    with transaction.atomic():
        codebook, theme = _locked_theme(theme, actor)
        if parent is not None:
            parent = Theme.objects.get(pk=parent.pk)
        _check_parent(codebook, parent, theme)
        if _duplicate_name(codebook, parent, name, theme.pk):
            raise CodebookError(_("Un thème de ce nom existe déjà à cet endroit de la grille."))
        before = _row(theme)
        moved = theme.parent_id != (parent.pk if parent else None)
        theme.name, theme.definition, theme.examples = name, definition, examples
        if moved:
            theme.parent = parent
            theme.position = _next_position(codebook, parent)
        if _row(theme) == before:
            return theme  # nothing changed: no new version
        theme.save()
        _commit_version(
            codebook,
            actor=actor,
            action="synthesis.theme_update",
            target=theme,
            note=note or _("Thème modifié : %(name)s") % {"name": name},
        )
    return theme


def theme_move(*, theme: Theme, direction: str, actor: User | None) -> Theme:
    """Swap ``theme`` with its previous (``"up"``) or next (``"down"``) sibling."""
    if direction not in ("up", "down"):
        raise CodebookError(_("Sens de déplacement inconnu."))
    with transaction.atomic():
        codebook, theme = _locked_theme(theme, actor)
        siblings = list(
            Theme.objects.filter(codebook=codebook, parent_id=theme.parent_id).order_by(
                "position", "pk"
            )
        )
        index = next(i for i, t in enumerate(siblings) if t.pk == theme.pk)
        other_index = index - 1 if direction == "up" else index + 1
        if not 0 <= other_index < len(siblings):
            raise CodebookError(_("Ce thème est déjà à cette extrémité de la liste."))
        siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                Theme.objects.filter(pk=sibling.pk).update(position=position)
        theme.refresh_from_db()
        _commit_version(
            codebook,
            actor=actor,
            action="synthesis.theme_move",
            target=theme,
            note=_("Ordre modifié : %(name)s") % {"name": theme.name},
        )
    return theme


def theme_archive(*, theme: Theme, archived: bool, actor: User | None, note: str = "") -> Theme:
    """Archive a theme (and its sub-themes) or restore it. Codings are kept."""
    note = note.strip()[:NOTE_MAX]
    with transaction.atomic():
        codebook, theme = _locked_theme(theme, actor)
        if theme.is_archived == archived:
            raise CodebookError(
                _("Ce thème est déjà archivé.") if archived else _("Ce thème n'est pas archivé.")
            )
        if not archived and theme.parent is not None and theme.parent.is_archived:
            raise CodebookError(_("Son thème parent est archivé : restaurez d'abord le parent."))
        theme.is_archived = archived
        theme.save(update_fields=["is_archived"])
        if archived:
            theme.children.update(is_archived=True)
        label = _("Thème archivé : %(name)s") if archived else _("Thème restauré : %(name)s")
        _commit_version(
            codebook,
            actor=actor,
            action="synthesis.theme_archive" if archived else "synthesis.theme_restore",
            target=theme,
            note=note or label % {"name": theme.name},
        )
    return theme


def theme_delete(*, theme: Theme, actor: User | None, note: str = "") -> None:
    """Delete a theme nobody used (no coding, no sub-theme); otherwise archive it."""
    note = note.strip()[:NOTE_MAX]
    with transaction.atomic():
        codebook, theme = _locked_theme(theme, actor)
        if (
            Coding.objects.filter(theme=theme).exists()
            or theme.sample_reviews.exists()
            or theme.children.exists()
        ):
            raise CodebookError(
                _(
                    "Ce thème a des codages ou des sous-thèmes : il ne peut pas être supprimé. "
                    "Archivez-le : ses codages seront conservés."
                )
            )
        name = theme.name
        # The audit row and the version point at the theme before it goes.
        _commit_version(
            codebook,
            actor=actor,
            action="synthesis.theme_delete",
            target=theme,
            note=note or _("Thème supprimé : %(name)s") % {"name": name},
        )
        theme.delete()
        # The version written above still listed it: rewrite it without.
        CodebookVersion.objects.filter(codebook=codebook, number=codebook.version).update(
            snapshot=snapshot(codebook)
        )
