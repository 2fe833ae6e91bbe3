"""The legal pages of a public body (public) and their editing (admins, back-office)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.legal.axe import last_axe_run
from concerto.legal.defaults import current_texts
from concerto.legal.forms import LegalTextsForm
from concerto.legal.notice import RETENTION_SETTINGS, categories, days, legal_bases
from concerto.legal.permissions import ACCESS
from concerto.legal.services import LegalError, legal_texts_update


def mentions(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/mentions.html", {"texts": current_texts()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "legal/privacy.html",
        {
            "texts": current_texts(),
            "categories": categories(),
            "bases": legal_bases(),
            "retention": {name: days(name) for name in RETENTION_SETTINGS},
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "legal/accessibility.html",
        {"texts": current_texts(), "axe": last_axe_run()},
    )


def charter(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/charter.html", {"texts": current_texts()})


@staff_view("edit", table=ACCESS)
def edit(request: HttpRequest) -> HttpResponse:
    texts = current_texts()
    form = LegalTextsForm(request.POST or None, texts=texts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            assert isinstance(user, User)
            try:
                legal_texts_update(values=dict(form.cleaned_data), actor=user)
            except LegalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Pages légales enregistrées."))
                return redirect("legal:edit")
        status = 400
    return render(request, "legal/edit.html", {"form": form, "edited": texts.edited}, status=status)
