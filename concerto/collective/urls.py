from django.urls import path

from concerto.collective import views

app_name = "collective"
urlpatterns = [
    path("demarches/<slug:slug>/cahiers/deposer/", views.file_online, name="file"),
    path("demarches/<slug:slug>/cahiers/<slug:receipt>/", views.cahier_detail, name="detail"),
    path("demarches/<slug:slug>/cahiers/<slug:receipt>.pdf", views.cahier_pdf, name="pdf"),
    path("demarches/<slug:slug>/oeuvres/<slug:receipt>/", views.work_detail, name="work_detail"),
    path(
        "demarches/<slug:slug>/oeuvres/<slug:receipt>/fichier/",
        views.work_public_file,
        name="work_public_file",
    ),
    path("backoffice/cahiers/", views.staff_list, name="staff_list"),
    path("backoffice/cahiers/demarches/<slug:slug>/saisir/", views.staff_enter, name="staff_enter"),
    path("backoffice/cahiers/<int:pk>/", views.staff_cahier, name="staff_cahier"),
    path("backoffice/cahiers/<int:pk>/original/", views.staff_original, name="staff_original"),
    path("backoffice/oeuvres/", views.works, name="works"),
    path("backoffice/oeuvres/<int:pk>/", views.work_view, name="work"),
    path("backoffice/oeuvres/<int:pk>/fichier/", views.work_file, name="work_file"),
    path("backoffice/oeuvres/<int:pk>/publier/", views.work_publish_view, name="work_publish"),
]
