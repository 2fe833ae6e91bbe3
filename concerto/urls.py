from django.contrib import admin
from django.urls import include, path

from concerto.core import views as core_views
from concerto.legal import views as legal_views

urlpatterns = [
    path("", include("concerto.processes.urls")),
    path("", include("concerto.contributions.urls")),
    path("", include("concerto.resources.urls")),
    path("", include("concerto.events.urls")),
    path("", include("concerto.intake.urls")),
    path("", include("concerto.collective.urls")),
    path("", include("concerto.organisations.urls")),
    path("", include("concerto.voice.urls")),
    path("", include("concerto.synthesis.urls")),
    path("", include("concerto.reports.urls")),
    path("", include("concerto.strategy.urls")),
    path("", include("concerto.followup.urls")),
    path("backoffice/demarches/", include("concerto.builder.urls")),
    path("", include("concerto.rights.urls")),
    path("backoffice/", include("concerto.backoffice.urls")),
    path("api/", include("concerto.api.urls")),
    path("comptes/", include("allauth.urls")),
    path("admin-django/", admin.site.urls),
    path("", include("concerto.legal.urls")),
    path("confidentialite/", legal_views.privacy, name="privacy"),
    path("accessibilite/", legal_views.accessibility, name="accessibility"),
    path("mes-donnees/", include("concerto.privacy.urls")),
    path("sante/", core_views.health, name="health"),
    path("identite/theme-<str:version>.css", core_views.identity_theme, name="identity_theme"),
    path("identite/logo-<str:version>", core_views.identity_logo, name="identity_logo"),
]

handler404 = "concerto.core.views.not_found"
handler500 = "concerto.core.views.server_error"
handler403 = "concerto.core.views.forbidden"
handler429 = "concerto.core.views.too_many_requests"  # read by django-allauth
