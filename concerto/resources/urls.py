from django.urls import path

from concerto.resources import views

app_name = "resources"
urlpatterns = [
    path("demarches/<slug:slug>/actualites/", views.news_list, name="news_list"),
    path("demarches/<slug:slug>/actualites/flux.atom", views.NewsFeed(), name="news_feed"),
    path(
        "demarches/<slug:slug>/actualites/<slug:news_slug>/", views.news_detail, name="news_detail"
    ),
    path("demarches/<slug:slug>/ressources/<int:pk>/", views.resource_file, name="file"),
]
