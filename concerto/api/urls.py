"""The API under /api/ (the namespace "api" comes from the NinjaAPI, see api.py)."""

from django.urls import URLPattern, URLResolver, path

from concerto.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [path("", api.urls)]
