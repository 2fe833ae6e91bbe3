from django.urls import include, path

from concerto.events import staff_views, views

app_name = "events"

staff_patterns = (
    [
        path("", staff_views.queue, name="queue"),
        path("<int:pk>/", staff_views.event_detail, name="event"),
        path("<int:pk>/decision/", staff_views.decide, name="decide"),
        path("<int:pk>/programme/", staff_views.sessions, name="sessions"),
        path("<int:pk>/programme/ajouter/", staff_views.session_create, name="session_create"),
        path("<int:pk>/programme/<int:session>/", staff_views.session_edit, name="session_edit"),
        path("<int:pk>/parcours/", staff_views.stops, name="stops"),
        path("<int:pk>/parcours/ajouter/", staff_views.stop_create, name="stop_create"),
        path("<int:pk>/parcours/<int:stop>/", staff_views.stop_edit, name="stop_edit"),
        path(
            "<int:pk>/parcours/<int:stop>/supprimer/",
            staff_views.stop_delete,
            name="stop_delete",
        ),
    ],
    "staff",
)

AGENDA = "demarches/<slug:slug>/agenda/"
EVENT = AGENDA + "<slug:event>/"

urlpatterns = [
    path("backoffice/evenements/", include(staff_patterns)),
    path("mes-evenements/", views.mine, name="mine"),
    path("inscription/annuler/<str:token>/", views.cancel, name="cancel"),
    path(AGENDA, views.agenda, name="agenda"),
    path(AGENDA + "proposer/", views.propose, name="propose"),
    path(AGENDA + "mois/", views.month_current, name="month_current"),
    path(AGENDA + "mois/<int:year>/<int:month>/", views.month, name="month"),
    path("demarches/<slug:slug>/agenda.ics", views.process_ics, name="process_ics"),
    path(
        AGENDA + "quartiers/<slug:neighbourhood>.ics",
        views.neighbourhood_ics,
        name="neighbourhood_ics",
    ),
    path("demarches/<slug:slug>/donnees/evenements.csv", views.export_csv, name="export_csv"),
    path("demarches/<slug:slug>/donnees/evenements.json", views.export_json, name="export_json"),
    path(AGENDA + "<slug:event>.ics", views.event_ics, name="event_ics"),
    path(EVENT, views.detail, name="detail"),
    path(EVENT + "programme/", views.programme, name="programme"),
    path(EVENT + "parcours/", views.route, name="route"),
    path(EVENT + "parcours/fiche.pdf", views.route_pdf, name="route_pdf"),
    path(EVENT + "parcours/etapes/<int:pk>/photo/", views.stop_photo, name="stop_photo"),
    path(EVENT + "inscription/", views.register, name="register"),
    path(EVENT + "modifier/", views.edit, name="edit"),
    path(EVENT + "inscrits/", views.attendees, name="attendees"),
    path(EVENT + "inscrits.csv", views.attendees_csv, name="attendees_csv"),
    path(EVENT + "compte-rendu/", views.report, name="report"),
]
