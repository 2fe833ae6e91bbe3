from django.urls import path

from concerto.contributions import public_views, views

app_name = "contributions"
urlpatterns = [
    path("demarches/<slug:slug>/contribuer/", views.contribute, name="contribute"),
    path("demarches/<slug:slug>/contribuer/merci/<str:token>/", views.thanks, name="thanks"),
    path("modifier-ma-contribution/<str:token>/", views.author_edit, name="author_edit"),
    path("demarches/<slug:slug>/contributions/", public_views.contribution_list, name="list"),
    # Receipt numbers are slugs (ASN-2022-000123); the slug converter keeps out anything else.
    path(
        "demarches/<slug:slug>/contributions/<slug:receipt>/",
        public_views.contribution_detail,
        name="detail",
    ),
    path(
        "demarches/<slug:slug>/contributions/<slug:receipt>/fichiers/<int:pk>/",
        public_views.attachment_file,
        name="attachment",
    ),
    path(
        "demarches/<slug:slug>/donnees/contributions.csv",
        public_views.export_csv,
        name="export_csv",
    ),
    path(
        "demarches/<slug:slug>/donnees/contributions.json",
        public_views.export_json,
        name="export_json",
    ),
]
