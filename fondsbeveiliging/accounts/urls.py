from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.start, name="start"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-bevestigen/", views.wachtwoord_bevestigen, name="wachtwoord_bevestigen"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
