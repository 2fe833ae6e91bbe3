from django.urls import path

from concerto.legal import views

app_name = "legal"
urlpatterns = [
    path("mentions-legales/", views.mentions, name="mentions"),
    path("charte/", views.charter, name="charter"),
    path("backoffice/pages-legales/", views.edit, name="edit"),
]
