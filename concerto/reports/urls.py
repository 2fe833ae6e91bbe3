from django.urls import path

from concerto.reports import views_public, views_staff

app_name = "reports"

PUBLIC = "demarches/<slug:slug>/synthese/"
STAFF = "backoffice/synthese/<slug:slug>/"
EDIT = "backoffice/rapport/"

urlpatterns = [
    # Public
    path(PUBLIC, views_public.latest, name="latest"),
    path(PUBLIC + "v<int:number>/", views_public.version, name="version"),
    path(PUBLIC + "v<int:number>/rapport.pdf", views_public.pdf, name="pdf"),
    path(
        "demarches/<slug:slug>/donnees/preconisations.csv",
        views_public.proposals_csv,
        name="proposals_csv",
    ),
    path(
        "demarches/<slug:slug>/donnees/preconisations.json",
        views_public.proposals_json,
        name="proposals_json",
    ),
    # Staff: statistics and the report of a process
    path(EDIT, views_staff.index, name="index"),
    path(STAFF + "statistiques/", views_staff.statistics, name="statistics"),
    path(STAFF + "rapport/", views_staff.editor, name="editor"),
    path(STAFF + "rapport/enjeux/ajouter/", views_staff.stake_create, name="stake_create"),
    path(STAFF + "rapport/figures/ajouter/", views_staff.figure_add, name="figure_add"),
    path(STAFF + "rapport/publier/", views_staff.publish, name="publish"),
    # Staff: the parts of a report
    path(EDIT + "enjeux/<int:pk>/", views_staff.stake_view, name="stake"),
    path(EDIT + "enjeux/<int:pk>/action/", views_staff.stake_action, name="stake_action"),
    path(
        EDIT + "enjeux/<int:pk>/constats/ajouter/",
        views_staff.finding_create,
        name="finding_create",
    ),
    path(
        EDIT + "enjeux/<int:pk>/preconisations/ajouter/",
        views_staff.proposal_create,
        name="proposal_create",
    ),
    path(EDIT + "constats/<int:pk>/", views_staff.finding_view, name="finding"),
    path(EDIT + "constats/<int:pk>/supprimer/", views_staff.finding_delete, name="finding_delete"),
    path(EDIT + "constats/<int:pk>/citations/", views_staff.finding_quotes, name="finding_quotes"),
    path(EDIT + "preconisations/<int:pk>/", views_staff.proposal_view, name="proposal"),
    path(
        EDIT + "preconisations/<int:pk>/retrait/",
        views_staff.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        EDIT + "preconisations/<int:pk>/citations/",
        views_staff.proposal_quotes,
        name="proposal_quotes",
    ),
    path(EDIT + "figures/<int:pk>/retirer/", views_staff.figure_remove, name="figure_remove"),
]
