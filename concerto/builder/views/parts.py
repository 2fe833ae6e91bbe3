"""The builder's pages for the parts of a process: add, edit, delete (with a confirmation
page, no JavaScript needed), and the order of the questions. One table, ``PARTS``, says
for each part its form, its objects and the service that saves it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.builder.forms.parts import (
    ChannelForm,
    NeighbourhoodForm,
    NewsForm,
    PartForm,
    PhaseForm,
    QuestionForm,
    ResourceForm,
    UrnForm,
)
from concerto.builder.permissions import BUILDER_ACCESS
from concerto.builder.services.content import news_save, resource_save
from concerto.builder.services.errors import BuilderError
from concerto.builder.services.parts import (
    channel_save,
    neighbourhood_save,
    part_delete,
    phase_save,
    question_move,
    question_save,
    urn_save,
)
from concerto.builder.views.processes import form_error, staff_user
from concerto.processes.models import Process, Question

Saver = Callable[[Process, PartForm, User, Any], models.Model]


def _plain(service: Callable[..., models.Model]) -> Saver:
    def save(process: Process, form: PartForm, actor: User, instance: Any) -> models.Model:
        return service(process=process, data=form.to_input(), actor=actor, instance=instance)

    return save


def _resource(process: Process, form: PartForm, actor: User, instance: Any) -> models.Model:
    assert isinstance(form, ResourceForm)
    return resource_save(
        process=process,
        data=form.to_input(),
        actor=actor,
        file=form.checked_file,
        instance=instance,
    )


@dataclass(frozen=True)
class PartSpec:
    name: str  # in the audit actions: builder.<name>_created
    related: str  # the related name on Process
    form: type[PartForm]
    save: Saver
    add_label: Promise
    edit_label: Promise
    multipart: bool = False


PARTS: dict[str, PartSpec] = {
    "questions": PartSpec(
        "question",
        "questions",
        QuestionForm,
        _plain(question_save),
        gettext_lazy("Ajouter une question"),
        gettext_lazy("Modifier la question"),
    ),
    "calendrier": PartSpec(
        "phase",
        "phases",
        PhaseForm,
        _plain(phase_save),
        gettext_lazy("Ajouter une phase"),
        gettext_lazy("Modifier la phase"),
    ),
    "canaux": PartSpec(
        "channel",
        "channels",
        ChannelForm,
        _plain(channel_save),
        gettext_lazy("Ajouter un canal de participation"),
        gettext_lazy("Modifier le canal"),
    ),
    "quartiers": PartSpec(
        "neighbourhood",
        "neighbourhoods",
        NeighbourhoodForm,
        _plain(neighbourhood_save),
        gettext_lazy("Ajouter un quartier"),
        gettext_lazy("Modifier le quartier"),
    ),
    "urnes": PartSpec(
        "urn",
        "urns",
        UrnForm,
        _plain(urn_save),
        gettext_lazy("Ajouter une urne"),
        gettext_lazy("Modifier l'urne"),
    ),
    "ressources": PartSpec(
        "resource",
        "resources",
        ResourceForm,
        _resource,
        gettext_lazy("Ajouter une ressource"),
        gettext_lazy("Modifier la ressource"),
        multipart=True,
    ),
    "actualites": PartSpec(
        "news",
        "news",
        NewsForm,
        _plain(news_save),
        gettext_lazy("Ajouter une actualité"),
        gettext_lazy("Modifier l'actualité"),
    ),
}


def _spec(kind: str) -> PartSpec:
    spec = PARTS.get(kind)
    if spec is None:
        raise Http404(_("Cette partie de la démarche n'existe pas."))
    return spec


def _part(process: Process, spec: PartSpec, pk: int) -> models.Model:
    return get_object_or_404(getattr(process, spec.related).all(), pk=pk)  # type: ignore[no-any-return]


def _initial(form_class: type[PartForm], instance: models.Model) -> dict[str, Any]:
    return {
        name: getattr(instance, name)
        for name in form_class.base_fields
        if hasattr(instance, name) and name != "upload"
    }


def _form_page(
    request: HttpRequest, process: Process, kind: str, instance: models.Model | None
) -> HttpResponse:
    spec = _spec(kind)
    status = 200
    if request.method == "POST":
        form = spec.form(request.POST, request.FILES, process=process)
        if form.is_valid():
            try:
                saved = spec.save(process, form, staff_user(request), instance)
            except BuilderError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, _("L'élément « %(label)s » est enregistré.") % {"label": saved}
                )
                return redirect(f"{process_url(process)}#{kind}")
        status = 400
    elif instance is not None:
        form = spec.form(initial=_initial(spec.form, instance), process=process)
    else:
        form = spec.form(process=process)
    return render(
        request,
        "builder/part_form.html",
        {
            "process": process,
            "form": form,
            "kind": kind,
            "spec": spec,
            "instance": instance,
            "heading": spec.edit_label if instance is not None else spec.add_label,
        },
        status=status,
    )


def process_url(process: Process) -> str:
    from django.urls import reverse

    return reverse("builder:process", kwargs={"slug": process.slug})


@staff_view("part_create", table=BUILDER_ACCESS)
def part_create(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    return _form_page(request, process, kind, None)


@staff_view("part_edit", table=BUILDER_ACCESS)
def part_edit(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    return _form_page(request, process, kind, _part(process, _spec(kind), pk))


@staff_view("part_delete", table=BUILDER_ACCESS)
def part_delete_view(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    spec = _spec(kind)
    part = _part(process, spec, pk)
    if request.method == "POST":
        label = str(part)
        try:
            part_delete(process=process, part=part, name=spec.name, actor=staff_user(request))
        except BuilderError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("L'élément « %(label)s » est supprimé.") % {"label": label})
        return redirect(f"{process_url(process)}#{kind}")
    return render(
        request,
        "builder/part_delete.html",
        {"process": process, "part": part, "kind": kind},
    )


@staff_view("question_move", table=BUILDER_ACCESS)
def question_move_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    question = get_object_or_404(Question, process=process, pk=pk)
    question_move(
        question=question, up=request.POST.get("direction") != "down", actor=staff_user(request)
    )
    return redirect(f"{process_url(process)}#questions")
