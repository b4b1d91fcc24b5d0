from django.urls import path

from . import registratie_views, views

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
    path("registreren/", registratie_views.registreren, name="registreren"),
    path(
        "registreren/verstuurd/",
        registratie_views.registratie_verstuurd,
        name="registratie_verstuurd",
    ),
    path(
        "registreren/bevestigen/<str:token>/",
        registratie_views.registratie_bevestigen,
        name="registratie_bevestigen",
    ),
    path("uitnodiging/<str:token>/", registratie_views.uitnodiging, name="uitnodiging"),
    path(
        "account-activeren/<uidb64>/<token>/",
        registratie_views.AccountActiverenView.as_view(),
        name="account_activeren",
    ),
    path("registraties/", registratie_views.registraties, name="registraties"),
    path(
        "registraties/<int:pk>/",
        registratie_views.registratie_beoordelen,
        name="registratie_beoordelen",
    ),
    path("registraties/uitnodigen/", registratie_views.uitnodigen, name="uitnodigen"),
    path("registraties/ambtsdragers/", registratie_views.ambtsdragers, name="ambtsdragers"),
    path(
        "registraties/ambtsdragers/<int:pk>/einde-ambt/",
        registratie_views.ambtseinde,
        name="ambtseinde",
    ),
]
