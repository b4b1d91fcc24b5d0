"""The statistics pages in the back office: the page, a table as CSV, the report request
and the report download. Thin: parse, call a selector or service, render.

`statistieken.admin` mounts these under the admin site (2FA-verified staff only); each view
checks `permissions` itself as well.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.core.files import private_file_response
from fondsbeveiliging.opmaak.spreadsheet import csv_response

from . import permissions, services
from .forms import PeriodeForm, RapportForm
from .grafieken import grafiek_van
from .models import Kwartaalrapport
from .periode import Periode
from .secties import secties_vullen, tabel_zoeken


def _eisen(request):
    if not permissions.can_statistieken_bekijken(request.user):
        raise PermissionDenied


def _periode(request) -> tuple[PeriodeForm, Periode]:
    data = request.GET if "jaar" in request.GET else {"jaar": timezone.localdate().year}
    form = PeriodeForm(data)
    if form.is_valid():
        return form, form.cleaned_data["periode"]
    return form, Periode(jaar=timezone.localdate().year)


def pagina(model_admin, request):
    """Every section for the chosen period (from its snapshot), each table with its chart
    and a CSV link, and when the figures were computed."""
    _eisen(request)
    form, periode = _periode(request)
    vandaag = timezone.localdate()
    gevuld = secties_vullen(periode=periode)
    secties = [
        {
            "sectie": g.sectie,
            "tabellen": [{"tabel": t, "grafiek": grafiek_van(t)} for t in g.tabellen],
        }
        for g in gevuld
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Statistieken %(periode)s") % {"periode": periode.label},
        "form": form,
        "periode": periode,
        "secties": secties,
        # The oldest section's time: every figure on the page is at least this recent.
        "bijgewerkt_op": min(g.berekend_op for g in gevuld),
        "rapporten": list(Kwartaalrapport.objects.all()[:8]),
        "rapport_form": RapportForm(
            prefix="rapport",
            initial={"jaar": vandaag.year, "kwartaal": (vandaag.month - 1) // 3 + 1},
        ),
    }
    return TemplateResponse(request, "admin/statistieken/pagina.html", context)


def tabel_csv(model_admin, request, sleutel: str):
    """One table of the chosen period as spreadsheet-safe CSV (the same suppression)."""
    _eisen(request)
    _form, periode = _periode(request)
    tabel = tabel_zoeken(periode=periode, sleutel=sleutel)
    if tabel is None:
        raise Http404
    return csv_response(f"{sleutel}-{periode.slug}.csv", tabel.csv_rijen())


def rapport_maken(model_admin, request):
    """Queue the report of a quarter (POST) and go back to the page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not permissions.can_kwartaalrapport_maken(request.user):
        raise PermissionDenied
    form = RapportForm(request.POST, prefix="rapport")
    if form.is_valid():
        services.kwartaalrapport_aanvragen(
            jaar=form.cleaned_data["jaar"],
            kwartaal=form.cleaned_data["kwartaal"],
            door=request.user,
        )
        messages.success(
            request, _("Het rapport wordt gemaakt; ververs de pagina over een minuut.")
        )
    else:
        messages.error(request, _("Kies een jaar en een kwartaal."))
    return redirect(reverse("admin:statistieken_kwartaalrapport_changelist") + "#rapporten")


def rapport_downloaden(model_admin, request, pk: int):
    """A finished report PDF, to whoever sees the statistics."""
    _eisen(request)
    rapport = get_object_or_404(Kwartaalrapport, pk=pk)
    if not permissions.can_kwartaalrapport_downloaden(request.user, rapport):
        raise Http404
    return private_file_response(
        rapport.bestand, download_name=rapport.download_naam, content_type="application/pdf"
    )
