"""The codebook pages: themes and sub-themes, their edition, the versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from concerto.backoffice.permissions import staff_view
from concerto.synthesis import codebook_services as cb
from concerto.synthesis.forms import ThemeActionForm, ThemeForm
from concerto.synthesis.models import CodebookVersion, Theme
from concerto.synthesis.permissions import ACCESS
from concerto.synthesis.selectors import snapshot_tree, theme_tree
from concerto.synthesis.views import context, error, process_of, user_of


@staff_view("codebook", table=ACCESS)
def codebook(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    book = cb.codebook_for(process)
    form = ThemeForm(request.POST or None, codebook=book)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                theme = cb.theme_create(
                    process=process,
                    name=data["name"],
                    definition=data["definition"],
                    examples=data["examples"],
                    parent=data["parent"],
                    actor=user_of(request),
                    note=data["note"],
                )
            except cb.CodebookError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Thème « %(name)s » ajouté à la grille.") % {"name": theme.name}
                )
                return redirect("synthesis:codebook", slug=process.slug)
        status = 400
    return render(
        request,
        "synthesis/codebook.html",
        context(
            process,
            "codebook",
            codebook=book,
            tree=theme_tree(book),
            form=form,
            theme_actions=[
                ("up", _("Monter")),
                ("down", _("Descendre")),
                ("archive", _("Archiver")),
                ("delete", _("Supprimer")),
            ],
            restore_actions=[("restore", _("Restaurer"))],
        ),
        status=status,
    )


def _theme(process_slug: str, pk: int) -> Theme:
    return get_object_or_404(
        Theme.objects.select_related("codebook__process", "parent"),
        pk=pk,
        codebook__process__slug=process_slug,
    )


@staff_view("theme", table=ACCESS)
def theme(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    item = _theme(slug, pk)
    initial = {
        "name": item.name,
        "definition": item.definition,
        "examples": item.examples,
        "parent": item.parent_id,
    }
    form = ThemeForm(request.POST or None, initial=initial, codebook=item.codebook, exclude=item)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                cb.theme_update(
                    theme=item,
                    name=data["name"],
                    definition=data["definition"],
                    examples=data["examples"],
                    parent=data["parent"],
                    actor=user_of(request),
                    note=data["note"],
                )
            except cb.CodebookError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Thème enregistré."))
                return redirect("synthesis:codebook", slug=process.slug)
        status = 400
    return render(
        request,
        "synthesis/theme.html",
        context(
            process,
            "codebook",
            theme=item,
            form=form,
            codings=item.codings.count(),
            children=list(item.children.all()),
        ),
        status=status,
    )


@staff_view("theme_action", table=ACCESS)
def theme_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    item = _theme(slug, pk)
    form = ThemeActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Action inconnue."))
        return redirect("synthesis:codebook", slug=process.slug)
    action, note, actor = form.cleaned_data["action"], form.cleaned_data["note"], user_of(request)
    try:
        if action in ("up", "down"):
            cb.theme_move(theme=item, direction=action, actor=actor)
        elif action in ("archive", "restore"):
            cb.theme_archive(theme=item, archived=action == "archive", actor=actor, note=note)
            messages.success(
                request,
                _("Thème archivé : ses codages sont conservés.")
                if action == "archive"
                else _("Thème restauré."),
            )
        else:
            cb.theme_delete(theme=item, actor=actor, note=note)
            messages.success(request, _("Thème supprimé."))
    except cb.CodebookError as exc:
        error(request, exc)
    return redirect("synthesis:codebook", slug=process.slug)


@staff_view("versions", table=ACCESS)
def versions(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    book = cb.codebook_for(process)
    items = (
        list(CodebookVersion.objects.filter(codebook=book).select_related("author")) if book else []
    )
    return render(
        request,
        "synthesis/versions.html",
        context(process, "codebook", codebook=book, versions=items),
    )


@staff_view("version", table=ACCESS)
def version(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_of(slug)
    item = (
        CodebookVersion.objects.filter(codebook__process=process, number=pk)
        .select_related("author", "codebook")
        .first()
    )
    if item is None:
        raise Http404(_("Version introuvable."))
    return render(
        request,
        "synthesis/version.html",
        context(process, "codebook", version=item, tree=snapshot_tree(item.snapshot)),
    )
