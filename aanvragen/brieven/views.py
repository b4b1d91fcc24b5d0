"""Letter downloads, the municipality portal and the assessor's draft decision preview.

Thin views: access is decided in `permissions`/`selectors`; a letter the user may not have
is a 404, so nobody learns whether another municipality's letter exists.
"""

from csp.decorators import csp_exempt
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from aanvragen.models import Besluit
from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.core.files import private_file_response

from . import opbouw, permissions, selectors
from .context import render_brief
from .forms import PortaalFilterForm
from .models import Brief, Ontvanger
from .services import besluitbrief_soort

PER_PAGINA = 25


@login_required
def brief_downloaden(request, pk: int):
    """Serve one stored letter to someone allowed to have it; every download is logged."""
    brief = get_object_or_404(Brief.objects.select_related("aanvraag"), pk=pk)
    if not permissions.can_brief_downloaden(request.user, brief):
        raise Http404
    inzage_vastleggen(
        request=request,
        obj=brief,
        actie=InzageActie.GEDOWNLOAD,
        omschrijving=f"{brief.aanvraag.kenmerk} brief {brief.pk}",
    )
    return private_file_response(
        brief.bestand, download_name=brief.download_naam, content_type="application/pdf"
    )


@login_required
def portaal(request):
    """The municipality's decision letters: filter by year, outcome, payment; newest first."""
    if not permissions.can_portaal_bekijken(request.user):
        raise Http404
    jaren = selectors.portaal_jaren(fetched_by=request.user)
    form = PortaalFilterForm(request.GET, jaren=jaren)
    form.is_valid()  # an invalid value drops only its own filter (cleaned_data keeps the rest)
    filters = form.cleaned_data
    brieven = selectors.portaal_brieven(
        fetched_by=request.user,
        jaar=filters.get("jaar"),
        uitkomst=filters.get("uitkomst", ""),
        betaalstatus=filters.get("betaalstatus", ""),
    )
    pagina = Paginator(brieven, PER_PAGINA).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    context = {
        "form": form,
        "pagina": pagina,
        "querystring": querystring.urlencode(),
        "gemeente": request.user.gemeente,
    }
    return render(request, "portaal/brieven.html", context)


# The site's policy (object-src 'none', default-src 'self') is written for HTML pages; on a
# PDF shown inline it can stop the browser's built-in PDF viewer. This response is a PDF we
# generate ourselves from escaped text, served with nosniff.
@csp_exempt()
@login_required
def besluit_voorbeeld(request, besluit_id: int):
    """Render the draft decision letter on the fly (not stored) for the assessor."""
    besluit = get_object_or_404(
        Besluit.objects.select_related(
            "aanvraag__regeling", "goedgekeurd_door", "vervangt", "bezwaar__besluit"
        ),
        pk=besluit_id,
    )
    if not permissions.can_besluit_voorbeeld_bekijken(request.user, besluit):
        raise Http404
    inzage_vastleggen(
        request=request,
        obj=besluit,
        actie=InzageActie.BEKEKEN,
        omschrijving=f"{besluit.aanvraag.kenmerk} conceptbesluit {besluit.pk}",
    )
    soort = besluitbrief_soort(besluit)
    concept = Brief(
        aanvraag=besluit.aanvraag, besluit=besluit, soort=soort, ontvanger=Ontvanger.AANVRAGER
    )
    # Every decision builder takes the decision itself for the preview.
    brief_context = opbouw.BOUWERS[soort](concept, datum=timezone.localdate(), besluit=besluit)
    response = HttpResponse(
        render_brief(brief_context, concept=True), content_type="application/pdf"
    )
    naam = f"CONCEPT-{besluit.aanvraag.kenmerk}-v{besluit.versie}-niet-verzonden.pdf"
    response["Content-Disposition"] = f'inline; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
