from django.urls import path

from . import views

app_name = "gegevens"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("export/", views.export_aanvragen, name="export_aanvragen"),
    path("export/<int:pk>/", views.export_downloaden, name="export_downloaden"),
]
