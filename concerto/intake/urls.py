from django.urls import path

from concerto.intake import views

app_name = "intake"
urlpatterns = [
    # Public: the blank form of a process, to print at home (no number, no QR code).
    path("demarches/<slug:slug>/formulaire-papier.pdf", views.blank_form, name="blank_form"),
    path("backoffice/papier/urnes/", views.urns, name="urns"),
    path("backoffice/papier/urnes/nouvelle/", views.urn_create, name="urn_create"),
    path("backoffice/papier/urnes/<int:pk>/", views.urn_detail, name="urn_detail"),
    path("backoffice/papier/urnes/<int:pk>/modifier/", views.urn_edit, name="urn_edit"),
    path("backoffice/papier/urnes/<int:pk>/supprimer/", views.urn_delete_view, name="urn_delete"),
    path("backoffice/papier/urnes/<int:pk>/imprimer/", views.print_batch, name="print_batch"),
    path(
        "backoffice/papier/urnes/<int:pk>/releve/", views.collection_round, name="collection_round"
    ),
    path("backoffice/papier/impressions/<int:pk>.pdf", views.batch_pdf, name="batch_pdf"),
    path("backoffice/papier/numerisations/", views.scans, name="scans"),
    path("backoffice/papier/numerisations/<int:pk>/", views.scan_batch, name="scan_batch"),
    path("backoffice/papier/numerisations/<int:pk>/fichier/", views.batch_file, name="batch_file"),
    path(
        "backoffice/papier/numerisations/<int:pk>/classer/",
        views.batch_dismiss,
        name="batch_dismiss",
    ),
    path("backoffice/papier/pages/suivante/", views.next_page, name="next_page"),
    path("backoffice/papier/pages/<int:pk>/ecarter/", views.page_dismiss, name="page_dismiss"),
    path("backoffice/papier/pages/<int:pk>/", views.page_view, name="page"),
    path("backoffice/papier/pages/<int:pk>/identifier/", views.page_identify, name="page_identify"),
    path("backoffice/papier/pages/<int:pk>/relancer/", views.page_retry, name="page_retry"),
    path("backoffice/papier/pages/<int:pk>/image.png", views.page_image, name="page_image"),
    path("backoffice/papier/comptages/", views.counts, name="counts"),
]
