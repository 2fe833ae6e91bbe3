"""The builder's pages about a whole process: list, create, copy, edit, profiles, preview,
publish. Thin views: parse the form, call the service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.builder import selectors
from concerto.builder.forms.processes import CopyForm, ProcessForm, ProfilesForm
from concerto.builder.permissions import BUILDER_ACCESS
from concerto.builder.services.errors import BuilderError
from concerto.builder.services.processes import (
    process_copy,
    process_create,
    process_set_profiles,
    process_set_published,
    process_update,
)
from concerto.builder.services.rules import process_end
from concerto.core.roles import can
from concerto.processes.selectors import process_for_page
from concerto.processes.views import detail_context


def staff_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def form_error(form: object, exc: BuilderError) -> None:
    fields = getattr(form, "fields", {})
    form.add_error(exc.field if exc.field in fields else None, exc.message)  # type: ignore[attr-defined]


@staff_view("index", table=BUILDER_ACCESS)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "builder/index.html", {"processes": selectors.builder_processes()})


@staff_view("create", table=BUILDER_ACCESS)
def create(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = ProcessForm(request.POST)
        if form.is_valid():
            try:
                process = process_create(data=form.to_input(), actor=staff_user(request))
            except BuilderError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("La démarche « %(title)s » est créée (non publiée).")
                    % {"title": process.title},
                )
                return redirect("builder:process", slug=process.slug)
        status = 400
    else:
        form = ProcessForm()
    return render(request, "builder/process_form.html", {"form": form}, status=status)


@staff_view("process", table=BUILDER_ACCESS)
def process_page(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_for_builder(slug)
    return render(
        request,
        "builder/process.html",
        {
            "process": process,
            "end": process_end(process),
            "may_publish": can(request.user, "processes.manage"),
        },
    )


@staff_view("edit", table=BUILDER_ACCESS)
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_for_builder(slug)
    status = 200
    if request.method == "POST":
        form = ProcessForm(request.POST)
        if form.is_valid():
            try:
                saved = process_update(
                    process=process, data=form.to_input(), actor=staff_user(request)
                )
            except BuilderError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Les informations de la démarche sont enregistrées."))
                return redirect("builder:process", slug=saved.slug)
        status = 400
    else:
        form = ProcessForm(
            initial={name: getattr(process, name) for name in ProcessForm.base_fields}
        )
    return render(
        request, "builder/process_form.html", {"form": form, "process": process}, status=status
    )


@staff_view("copy", table=BUILDER_ACCESS)
def copy(request: HttpRequest, slug: str) -> HttpResponse:
    source = selectors.process_for_builder(slug)
    status = 200
    if request.method == "POST":
        form = CopyForm(request.POST)
        if form.is_valid():
            try:
                process = process_copy(
                    source=source, data=form.to_input(), actor=staff_user(request)
                )
            except BuilderError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("La démarche « %(title)s » est créée à partir de « %(source)s ».")
                    % {"title": process.title, "source": source.title},
                )
                return redirect("builder:process", slug=process.slug)
        status = 400
    else:
        form = CopyForm(
            initial={
                "title": _("%(title)s (copie)") % {"title": source.title},
                "slug": f"{source.slug}-copie"[:80],
                "receipt_prefix": source.receipt_prefix,
                # A copy is for a new year: this year, or the next after the source's.
                "receipt_year": max(timezone.localdate().year, source.receipt_year + 1),
            }
        )
    return render(request, "builder/copy.html", {"form": form, "source": source}, status=status)


@staff_view("profiles", table=BUILDER_ACCESS)
def profiles(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_for_builder(slug)
    status = 200
    if request.method == "POST":
        form = ProfilesForm(request.POST, labels=process.profile_labels)
        if form.is_valid():
            try:
                process_set_profiles(
                    process=process, labels=form.labels(), actor=staff_user(request)
                )
            except BuilderError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Les profils proposés sont enregistrés."))
                return redirect("builder:process", slug=process.slug)
        status = 400
    else:
        form = ProfilesForm(labels=process.profile_labels)
    return render(
        request, "builder/profiles.html", {"form": form, "process": process}, status=status
    )


@staff_view("preview", table=BUILDER_ACCESS)
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page as it will be, before it is public (staff only, never cached)."""
    context = detail_context(process_for_page(slug, preview=True))
    context["preview"] = True
    response = render(request, "processes/detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@staff_view("publish", table=BUILDER_ACCESS)
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.process_for_builder(slug)
    published = request.POST.get("published") == "1"
    try:
        process_set_published(process=process, published=published, actor=staff_user(request))
    except BuilderError as exc:
        messages.error(request, exc.message)
    else:
        if published:
            messages.success(request, _("La démarche est publiée : sa page est publique."))
        else:
            messages.success(request, _("La démarche est retirée du site."))
    return redirect("builder:process", slug=process.slug)
