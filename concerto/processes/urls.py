from django.urls import path

from concerto.processes import views

app_name = "processes"
urlpatterns = [
    path("", views.home, name="home"),
    path("demarches/<slug:slug>/", views.detail, name="detail"),
]
