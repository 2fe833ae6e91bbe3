from django.urls import path

from concerto.voice import views

app_name = "voice"
urlpatterns = [
    path("webhooks/voicemail/", views.webhook, name="webhook"),
    path("backoffice/messages/", views.message_list, name="messages"),
    path("backoffice/messages/recepisse/", views.receipt_lookup, name="receipt_lookup"),
    path("backoffice/messages/<int:pk>/", views.message_detail, name="message"),
    path("backoffice/messages/<int:pk>/audio/", views.audio, name="audio"),
    path("backoffice/messages/<int:pk>/classer/", views.message_dismiss, name="dismiss"),
]
