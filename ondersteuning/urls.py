from django.urls import path

from . import views

app_name = "ondersteuning"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:verzoek_uuid>/", views.detail, name="detail"),
    path("<uuid:verzoek_uuid>/bewerken/", views.bewerken, name="bewerken"),
    path("<uuid:verzoek_uuid>/controleren/", views.controleren, name="controleren"),
    path("<uuid:verzoek_uuid>/verstuurd/", views.verstuurd, name="verstuurd"),
    path("<uuid:verzoek_uuid>/aanvullen/", views.aanvullen, name="aanvullen"),
    path("bijlagen/<uuid:bijlage_uuid>/", views.bijlage_downloaden, name="bijlage"),
]
