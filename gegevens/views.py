"""The office holder's "Mijn gegevens": who read their file, and the download of their data.

Thin views. Only office holders reach them (everyone else: 404, anonymous: the login page).
Reading these pages is the owner's own read: nothing is written to the staff access log.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fondsbeveiliging.accounts import emailwijziging
from fondsbeveiliging.accounts.decorators import ambtsdrager_required
from fondsbeveiliging.accounts.registratie import RegistratieFout
from fondsbeveiliging.accounts.services import PROFIEL_VELDEN, profiel_wijzigen
from fondsbeveiliging.core.files import private_file_response

from . import permissions, selectors, services
from .constants import INZAGEN_PER_PAGINA, ExportStatus
from .forms import EmailWijzigenForm, ProfielForm
from .weergave import inzage_regel


@ambtsdrager_required
@require_GET
def overzicht(request):
    """The access log of the owner's records (50 a page) and the state of their export."""
    pagina = Paginator(selectors.inzagen_van(eigenaar=request.user), INZAGEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    context = {
        "pagina": pagina,
        "inzagen": [inzage_regel(rij) for rij in pagina.object_list],
        "export": selectors.laatste_export(eigenaar=request.user),
        "ExportStatus": ExportStatus,
        "ambten": request.user.ambten.select_related("gemeente").order_by("sinds", "pk"),
    }
    return render(request, "gegevens/overzicht.html", context)


@ambtsdrager_required
@require_POST
def export_aanvragen(request):
    export = services.export_aanvragen(eigenaar=request.user)
    export.refresh_from_db(fields=["status"])  # a fast worker may be done already
    if export.status == ExportStatus.KLAAR:
        messages.success(request, _("Het bestand met al uw gegevens is klaar."))
    elif export.status == ExportStatus.WACHTEND:
        messages.success(
            request,
            _(
                "Wij maken een bestand met al uw gegevens. Dat duurt meestal minder dan een "
                "minuut. Vernieuw deze pagina om te zien of het klaar is."
            ),
        )
    return redirect("gegevens:overzicht")


@ambtsdrager_required
@require_GET
def export_downloaden(request, pk: int):
    """Send the owner's ZIP; an expired one is deleted now and refused."""
    export = get_object_or_404(selectors.exports_van(eigenaar=request.user), pk=pk)
    if export.status == ExportStatus.KLAAR and export.is_verlopen():
        services.export_laten_verlopen(export=export)
    if not permissions.can_export_downloaden(request.user, export):
        if export.is_verlopen():
            messages.warning(
                request,
                _("Dit bestand is verlopen en verwijderd. U kunt een nieuw bestand aanvragen."),
            )
            return redirect("gegevens:overzicht")
        raise Http404
    naam = f"mijn-gegevens-{timezone.localtime(export.klaar_op):%Y-%m-%d}.zip"
    return private_file_response(export.bestand, download_name=naam, content_type="application/zip")


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def profiel_wijzigen_view(request):
    """The person's own name, correspondence address and phone."""
    beginwaarden = {veld: getattr(request.user, veld) for veld in PROFIEL_VELDEN}
    form = ProfielForm(request.POST or None, initial=beginwaarden)
    if request.method == "POST" and form.is_valid():
        profiel_wijzigen(user=request.user, **form.cleaned_data)
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("gegevens:overzicht")
    return render(
        request,
        "gegevens/profiel_wijzigen.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def email_wijzigen(request):
    """Ask for a new login address (after step-up); a link goes to that address first."""
    form = EmailWijzigenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        emailwijziging.email_wijziging_aanvragen(
            user=request.user, nieuw=form.cleaned_data["email"]
        )
        messages.success(
            request,
            _(
                "Wij hebben een link gestuurd naar %(email)s. Uw e-mailadres wijzigt pas als u "
                "die link opent. De link is 24 uur geldig."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("gegevens:overzicht")
    return render(
        request, "gegevens/email_wijzigen.html", {"form": form}, status=400 if form.errors else 200
    )


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def email_bevestigen(request, token):
    """The link in the mail: a button (mail scanners only GET), then the address changes."""
    try:
        nieuw = emailwijziging.email_wijziging_lezen(user=request.user, token=token)
    except RegistratieFout as exc:
        return render(request, "gegevens/email_bevestigen.html", {"fout": str(exc)}, status=410)
    if request.method == "POST":
        try:
            user = emailwijziging.email_wijzigen(user=request.user, token=token)
        except RegistratieFout as exc:
            return render(request, "gegevens/email_bevestigen.html", {"fout": str(exc)}, status=410)
        update_session_auth_hash(request, user)  # this session stays; all others end
        messages.success(
            request,
            _("Uw e-mailadres is gewijzigd. U logt voortaan in met %(email)s.")
            % {"email": user.email},
        )
        return redirect("gegevens:overzicht")
    return render(request, "gegevens/email_bevestigen.html", {"nieuw": nieuw})
