from django.urls import path

from . import views

app_name = "aanvragen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/gegevens/", views.gegevens, name="gegevens"),
    path("<int:pk>/kosten/", views.kostenposten, name="kostenposten"),
    path("<int:pk>/kosten/<int:kp>/", views.kostenpost, name="kostenpost"),
    path(
        "<int:pk>/kosten/<int:kp>/verwijderen/",
        views.kostenpost_verwijderen,
        name="kostenpost_verwijderen",
    ),
    path(
        "<int:pk>/bestanden/<int:bs>/verwijderen/",
        views.bewijsstuk_verwijderen,
        name="bewijsstuk_verwijderen",
    ),
    path("<int:pk>/bestanden/<int:bs>/", views.bewijsstuk_downloaden, name="bewijsstuk"),
    path(
        "<int:pk>/aanvullingen/bestanden/<int:bs>/",
        views.aanvulling_bestand_downloaden,
        name="aanvulling_bestand",
    ),
    path("<int:pk>/betaling/", views.betaling, name="betaling"),
    path("<int:pk>/controleren/", views.controleren, name="controleren"),
    path("<int:pk>/verstuurd/", views.verstuurd, name="verstuurd"),
    path("<int:pk>/intrekken/", views.intrekken, name="intrekken"),
    path("<int:pk>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("<int:pk>/aanvulling/<int:av>/", views.aanvulling, name="aanvulling"),
]
