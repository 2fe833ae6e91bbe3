from django.urls import path

from concerto.rights import views

app_name = "rights"

urlpatterns = [
    path("droits/lieux/", views.places, name="places"),
    path("droits/mes-droits/", views.selfcheck, name="selfcheck"),
    path("droits/guichet/", views.staff_home, name="staff_home"),
    path("droits/guichet/diagnostic/", views.diagnostic_new, name="diagnostic_new"),
    path("droits/guichet/chiffres/", views.figures, name="figures"),
    path("droits/guichet/dossiers/<str:number>/", views.case, name="case"),
    path("droits/guichet/dossiers/<str:number>/suivi/", views.case_update, name="case_update"),
    path("droits/guichet/dossiers/<str:number>/lettre.pdf", views.case_letter, name="case_letter"),
    path(
        "droits/guichet/dossiers/<str:number>/consultations/",
        views.case_accesses,
        name="case_accesses",
    ),
]
