from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:melding_uuid>/", views.detail, name="detail"),
    path("<uuid:melding_uuid>/bewerken/", views.bewerken, name="bewerken"),
    path("<uuid:melding_uuid>/bewerken/<slug:stap>/", views.bewerken, name="bewerken"),
    path("<uuid:melding_uuid>/controleren/", views.controleren, name="controleren"),
    path("<uuid:melding_uuid>/verstuurd/", views.verstuurd, name="verstuurd"),
    path("<uuid:melding_uuid>/aanvullen/", views.aanvullen, name="aanvullen"),
    path("<uuid:melding_uuid>/intrekken/", views.intrekken, name="intrekken"),
    path("<uuid:melding_uuid>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("bijlagen/<uuid:bijlage_uuid>/", views.bijlage_downloaden, name="bijlage"),
]
