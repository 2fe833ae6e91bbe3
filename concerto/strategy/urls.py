from django.urls import path

from concerto.strategy import staff_answers, staff_strategy, views

app_name = "strategy"

PROCESS = "demarches/<slug:slug>/"
STAFF = "backoffice/strategie/"

urlpatterns = [
    # Public pages
    path(PROCESS + "reponse/", views.answer, name="answer"),
    path(PROCESS + "reponse/reponse-de-la-ville.pdf", views.answer_pdf, name="answer_pdf"),
    path(PROCESS + "strategie/", views.dashboard, name="dashboard"),
    path(PROCESS + "strategie/actions/<str:code>/", views.action, name="action"),
    path(PROCESS + "donnees/actions.csv", views.export_csv, name="export_csv"),
    path(PROCESS + "donnees/actions.json", views.export_json, name="export_json"),
    # Staff: the answer
    path(STAFF, staff_answers.staff_index, name="staff_index"),
    path(STAFF + "<slug:slug>/reponse/", staff_answers.answers, name="answers"),
    path(
        STAFF + "<slug:slug>/reponse/P<int:number>/",
        staff_answers.answer_edit,
        name="answer_edit",
    ),
    path(
        STAFF + "<slug:slug>/reponse/validation/",
        staff_answers.answers_validate,
        name="answers_validate",
    ),
    path(
        STAFF + "<slug:slug>/reponse/validation/<int:pk>/renvoyer/",
        staff_answers.answer_send_back,
        name="answer_send_back",
    ),
    path(
        STAFF + "<slug:slug>/reponse/publication/",
        staff_answers.answers_publish,
        name="answers_publish",
    ),
    # Staff: the strategy
    path(STAFF + "<slug:slug>/actions/", staff_strategy.actions, name="actions"),
    path(
        STAFF + "<slug:slug>/engagements/ajouter/",
        staff_strategy.commitment_create_view,
        name="commitment_create",
    ),
    path(
        STAFF + "engagements/<int:pk>/",
        staff_strategy.commitment_edit,
        name="commitment_edit",
    ),
    path(
        STAFF + "engagements/<int:pk>/supprimer/",
        staff_strategy.commitment_delete_view,
        name="commitment_delete",
    ),
    path(
        STAFF + "engagements/<int:pk>/actions/ajouter/",
        staff_strategy.action_create_view,
        name="action_create",
    ),
    path(STAFF + "actions/<int:pk>/", staff_strategy.action_update_page, name="action_update"),
    path(STAFF + "actions/<int:pk>/modifier/", staff_strategy.action_edit, name="action_edit"),
    path(
        STAFF + "actions/<int:pk>/supprimer/",
        staff_strategy.action_delete_view,
        name="action_delete",
    ),
    path(
        STAFF + "actions/<int:pk>/avancement/",
        staff_strategy.action_progress,
        name="action_progress",
    ),
    path(
        STAFF + "actions/<int:pk>/jalons/", staff_strategy.milestone_add_view, name="milestone_add"
    ),
    path(
        STAFF + "jalons/<int:pk>/atteint/",
        staff_strategy.milestone_done_view,
        name="milestone_done",
    ),
    path(STAFF + "actions/<int:pk>/budget/", staff_strategy.budget_save, name="budget_save"),
    path(
        STAFF + "actions/<int:pk>/indicateurs/",
        staff_strategy.indicator_add_view,
        name="indicator_add",
    ),
    path(
        STAFF + "actions/<int:pk>/mesures/",
        staff_strategy.measure_add,
        name="measure_add",
    ),
]
