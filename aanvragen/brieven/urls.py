from django.urls import path

from . import views

app_name = "brieven"

urlpatterns = [
    path("portaal/", views.portaal, name="portaal"),
    path("<int:pk>/download/", views.brief_downloaden, name="download"),
    path("voorbeeld/besluit/<int:besluit_id>/", views.besluit_voorbeeld, name="besluit_voorbeeld"),
]
