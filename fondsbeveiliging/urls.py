from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView
from two_factor.urls import urlpatterns as two_factor_urls

from fondsbeveiliging.core import views as core_views


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for on every site, goes to the static file (its
    hashed name changes with the file, so the redirect is temporary)."""

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
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
