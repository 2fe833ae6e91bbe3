"""The Django admin a city's staff may open: French headers, French plurals, no "---------"."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.utils.functional import Promise


@pytest.fixture
def admin_client(client, admin_user):
    admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_admin_index_names_models_in_french(admin_client):
    page = admin_client.get("/admin-django/").content.decode()
    assert "Lots de numérisations" in page
    assert "numérisationss" not in page
    assert "Démarches" in page


@pytest.mark.parametrize(
    "url", ["/admin-django/processes/urn/add/", "/admin-django/resources/resource/add/"]
)
def test_the_admin_selects_have_a_french_placeholder(admin_client, url):
    page = admin_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "---------" not in content
    assert "Choisir…" in content


@pytest.mark.django_db
def test_every_admin_list_column_has_a_french_header(rf, admin_user):
    """list_display names a field (its verbose_name) or a method with a description."""
    request = rf.get("/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("concerto."):
            continue
        for name in model_admin.get_list_display(request):
            if name == "__str__":
                continue
            attribute = getattr(model_admin, name, None) or getattr(model, name, None)
            if attribute is not None and callable(attribute):
                description = getattr(attribute, "short_description", None)
                assert description is not None, f"{model.__name__}.{name} : description=_(…)"
                assert isinstance(description, Promise), f"{model.__name__}.{name}"
            else:
                field = model._meta.pk if name == "pk" else model._meta.get_field(name)
                if field.auto_created:  # "ID", as Django's French catalogue has it
                    continue
                assert isinstance(field.verbose_name, Promise), f"{model.__name__}.{name}"
