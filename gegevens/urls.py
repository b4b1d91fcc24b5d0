from django.urls import path

from . import views

app_name = "gegevens"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("export/", views.export_aanvragen, name="export_aanvragen"),
    path("export/<int:pk>/", views.export_downloaden, name="export_downloaden"),
    path("profiel/", views.profiel_wijzigen_view, name="profiel_wijzigen"),
    path("e-mailadres/", views.email_wijzigen, name="email_wijzigen"),
    path("e-mailadres/bevestigen/<str:token>/", views.email_bevestigen, name="email_bevestigen"),
]
