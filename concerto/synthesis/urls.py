from django.urls import path

from concerto.synthesis import views, views_codebook, views_coding, views_machine, views_samples

app_name = "synthesis"
P = "backoffice/synthese/<slug:slug>/"

urlpatterns = [
    path("backoffice/synthese/", views.processes, name="processes"),
    path(P, views.home, name="home"),
    path(P + "grille/", views_codebook.codebook, name="codebook"),
    path(P + "grille/themes/<int:pk>/", views_codebook.theme, name="theme"),
    path(P + "grille/themes/<int:pk>/action/", views_codebook.theme_action, name="theme_action"),
    path(P + "grille/versions/", views_codebook.versions, name="versions"),
    path(P + "grille/versions/<int:pk>/", views_codebook.version, name="version"),
    path(P + "contributions/", views_coding.contributions, name="contributions"),
    path(P + "contributions/<int:pk>/", views_coding.code, name="code"),
    path(P + "codages/<int:pk>/retirer/", views_coding.coding_delete, name="coding_delete"),
    path(P + "codages/<int:pk>/citation/", views_coding.coding_quote, name="coding_quote"),
    path(P + "double-codage/", views_samples.samples, name="samples"),
    path(P + "double-codage/<int:pk>/", views_samples.sample, name="sample"),
    path(P + "double-codage/<int:pk>/terminer/", views_samples.finish, name="sample_finish"),
    path(P + "double-codage/<int:pk>/accord/", views_samples.agreement_page, name="agreement"),
    path(P + "double-codage/elements/<int:pk>/", views_samples.item, name="sample_item"),
    path(P + "aide/", views_machine.machine, name="machine"),
    path(P + "aide/lancer/", views_machine.run_start, name="run_start"),
    path(P + "aide/analyses/<int:pk>/", views_machine.run, name="run"),
    path(
        P + "aide/groupes/<int:pk>/creer-theme/",
        views_machine.cluster_theme,
        name="cluster_theme",
    ),
    path(P + "suggestions/", views_machine.suggestions, name="suggestions"),
    path(P + "suggestions/<int:pk>/", views_machine.suggestion_decide, name="suggestion_decide"),
    path(P + "doublons/", views_machine.duplicates, name="duplicates"),
]
