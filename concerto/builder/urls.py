from django.urls import path

from concerto.builder.views import parts, processes

app_name = "builder"

PROCESS = "<slug:slug>/"
PART = PROCESS + "<slug:kind>/"

urlpatterns = [
    path("", processes.index, name="index"),
    path("nouvelle/", processes.create, name="create"),
    path(PROCESS, processes.process_page, name="process"),
    path(PROCESS + "informations/", processes.edit, name="edit"),
    path(PROCESS + "copier/", processes.copy, name="copy"),
    path(PROCESS + "profils/", processes.profiles, name="profiles"),
    path(PROCESS + "apercu/", processes.preview, name="preview"),
    path(PROCESS + "publication/", processes.publish, name="publish"),
    path(PROCESS + "questions/<int:pk>/deplacer/", parts.question_move_view, name="question_move"),
    path(PART + "ajouter/", parts.part_create, name="part_create"),
    path(PART + "<int:pk>/", parts.part_edit, name="part_edit"),
    path(PART + "<int:pk>/supprimer/", parts.part_delete_view, name="part_delete"),
]
