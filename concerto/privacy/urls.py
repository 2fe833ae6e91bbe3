from __future__ import annotations

from django.urls import path

from concerto.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("telecharger/", views.my_data_export, name="export"),
    path("effacer/", views.my_data_erase, name="erase"),
    path("compte-efface/", views.erased, name="erased"),
    path("demande/", views.request_form, name="request"),
    path("demande/envoyee/", views.request_sent, name="request_sent"),
    path("demandes/", views.staff_requests, name="staff_requests"),
    path("demandes/<int:pk>/", views.staff_request, name="staff_request"),
]
