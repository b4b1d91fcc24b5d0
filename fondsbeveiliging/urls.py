from django.contrib import admin
from django.urls import include, path
from two_factor.urls import urlpatterns as two_factor_urls

from fondsbeveiliging.core import views as core_views

urlpatterns = [
    path("", include("fondsbeveiliging.accounts.urls")),
    path("", include(two_factor_urls)),
    path("health/", core_views.health, name="health"),
    path("meldingen/", include("meldingen.urls")),
    path("aanvragen/", include("aanvragen.urls")),
    path("brieven/", include("aanvragen.brieven.urls")),
    path("mijn-gegevens/", include("gegevens.urls")),
    path("ondersteuning/", include("ondersteuning.urls")),
    path("backoffice/", admin.site.urls),
]
