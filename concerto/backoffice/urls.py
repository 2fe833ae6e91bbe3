from django.urls import path

from concerto.backoffice import identity_views, views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("contributions/", views.queue, name="queue"),
    path("contributions/actions/", views.bulk, name="bulk"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("contributions/<int:pk>/decision/", views.decide, name="decide"),
    path("contributions/<int:pk>/masquer/", views.mask, name="mask"),
    path("contributions/<int:pk>/texte-publie/", views.public_texts, name="public_texts"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("audit/", views.audit_log, name="audit"),
    path("roles/", views.roles, name="roles"),
    path("identite/", identity_views.identity, name="identity"),
]
