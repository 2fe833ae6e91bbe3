"""Staff back-office (placeholder dashboard, expanded by the moderation work)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from concerto.core.roles import can


def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not can(request.user, "backoffice.view"):
        raise PermissionDenied
    return render(request, "backoffice/dashboard.html")
