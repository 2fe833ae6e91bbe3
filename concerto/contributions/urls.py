from django.urls import path

from concerto.contributions import public_views, views

app_name = "contributions"
urlpatterns = [
    path("demarches/<slug:slug>/contribuer/", views.contribute, name="contribute"),
    path("demarches/<slug:slug>/contribuer/merci/<uuid:token>/", views.thanks, name="thanks"),
    path("modifier-ma-contribution/<str:token>/", views.author_edit, name="author_edit"),
    path("demarches/<slug:slug>/contributions/", public_views.contribution_list, name="list"),
    path(
        "demarches/<slug:slug>/contributions/<str:receipt>/",
        public_views.contribution_detail,
        name="detail",
    ),
]
