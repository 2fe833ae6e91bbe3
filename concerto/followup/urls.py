from django.urls import path

from concerto.followup import staff_views, views

app_name = "followup"
urlpatterns = [
    path("suivi/", views.lookup, name="lookup"),
    # The signed token is the credential (nothing personal in it).
    path("suivi/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Receipt numbers are slugs (ASN-2022-000123); the slug converter keeps out anything else.
    path("suivi/<slug:receipt>/", views.path, name="path"),
    path("demarches/<slug:slug>/suivi-annuel/", views.annual_public, name="annual_public"),
    path(
        "demarches/<slug:slug>/suivi-annuel.pdf", views.annual_public_pdf, name="annual_public_pdf"
    ),
    path("backoffice/suivi/", staff_views.annual_reports, name="annual_reports"),
    path("backoffice/suivi/<int:pk>/", staff_views.annual_report, name="annual_report"),
    path("backoffice/suivi/<int:pk>/pdf/", staff_views.annual_report_pdf, name="annual_report_pdf"),
    path(
        "backoffice/suivi/<int:pk>/publier/",
        staff_views.annual_report_publish,
        name="annual_report_publish",
    ),
]
