"""The analysts' workspace: the list of processes and the home page of one process.
Shared helpers of the workspace's views live here too.

Every view is guarded by ``staff_view(name, table=permissions.ACCESS)``: reading needs
``synthesis.view``, writing ``synthesis.code``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.processes.models import Process
from concerto.synthesis import selectors
from concerto.synthesis.agreement import agreement
from concerto.synthesis.codebook_services import codebook_for
from concerto.synthesis.permissions import ACCESS


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # staff_view let only logged-in staff through
    return user


def process_of(slug: str) -> Process:
    return get_object_or_404(Process, slug=slug)


def context(process: Process, section: str, **extra: Any) -> dict[str, Any]:
    return {"process": process, "section": section, **extra}


def error(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, str(exc))


@staff_view("processes", table=ACCESS)
def processes(request: HttpRequest) -> HttpResponse:
    items = Process.objects.order_by("-receipt_year", "title")
    return render(request, "synthesis/processes.html", {"processes": items})


@staff_view("home", table=ACCESS)
def home(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_of(slug)
    counts = selectors.home_counts(process)
    sample = counts["sample"]
    summary = agreement(sample) if sample is not None else None
    return render(
        request,
        "synthesis/home.html",
        context(
            process,
            "home",
            counts=counts,
            codebook=codebook_for(process),
            agreement=summary,
        ),
    )
