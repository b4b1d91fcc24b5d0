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
    path("<int:pk>/zienswijze/<int:vn>/", views.zienswijze, name="zienswijze"),
    path(
        "<int:pk>/zienswijze/<int:vn>/ontvangen/",
        views.zienswijze_ontvangen,
        name="zienswijze_ontvangen",
    ),
    path("<int:pk>/bezwaar/", views.bezwaar, name="bezwaar"),
    path("<int:pk>/bezwaar/<int:bz>/ontvangen/", views.bezwaar_ontvangen, name="bezwaar_ontvangen"),
    path(
        "<int:pk>/bezwaar/bestanden/<int:bs>/",
        views.bezwaar_bestand_downloaden,
        name="bezwaar_bestand",
    ),
    path("<int:pk>/ingebrekestelling/", views.ingebrekestelling, name="ingebrekestelling"),
    path(
        "<int:pk>/ingebrekestelling/ontvangen/",
        views.ingebrekestelling_ontvangen,
        name="ingebrekestelling_ontvangen",
    ),
]
