from django.urls import include, path

from concerto.organisations import staff_views, views

app_name = "organisations"

staff_patterns = (
    [
        path("", staff_views.staff_list, name="list"),
        path("creer/", staff_views.staff_create, name="create"),
        path("<int:pk>/", staff_views.staff_detail, name="detail"),
        path("<int:pk>/decision/", staff_views.staff_review, name="review"),
        path("<int:pk>/membres/ajouter/", staff_views.staff_member_add, name="member_add"),
    ],
    "staff",
)

urlpatterns = [
    path("backoffice/organisations/", include(staff_patterns)),
    path("organisations/", views.organisation_list, name="list"),
    path("organisations/inscrire/", views.organisation_create_view, name="create"),
    path("organisations/mes-organisations/", views.mine, name="mine"),
    path("organisations/invitation/<str:token>/", views.accept, name="accept"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="detail"),
    path("organisations/<slug:slug>/logo/", views.organisation_logo, name="logo"),
    path("organisations/<slug:slug>/gerer/", views.manage, name="manage"),
    path("organisations/<slug:slug>/inviter/", views.invite, name="invite"),
    path("organisations/<slug:slug>/invitations/<int:pk>/annuler/", views.revoke, name="revoke"),
    path("organisations/<slug:slug>/membres/<int:pk>/role/", views.member_role, name="role"),
    path(
        "organisations/<slug:slug>/membres/<int:pk>/retirer/",
        views.member_remove_view,
        name="remove",
    ),
    path("organisations/<slug:slug>/quitter/", views.leave, name="leave"),
]
