"""Office holder screens: thin views over selectors, services and forms.

Every object view answers 404 for anything the user may not see, so a guessed URL never
tells whether a melding exists. Only office holders use these pages; BZK staff work in the
back office and share only the attachment download.
"""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fondsbeveiliging.accounts.decorators import ambtsdrager_required
from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.core.files import private_file_response

from . import permissions, selectors, services
from .forms import (
    STAP_CODES,
    STAPPEN,
    VERPLICHT_ANDERS,
    VERPLICHT_MELDING,
    AanvullingForm,
    BijlagenForm,
    IntrekkenForm,
    MeldingForm,
    anker,
    stap_van_veld,
)


def _eigen(request, melding_uuid, check=None):
    melding = selectors.get_eigen_melding(user=request.user, melding_uuid=melding_uuid)
    if check is not None and not check(request.user, melding):
        raise Http404
    return melding


def _max_mb() -> int:
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)


@ambtsdrager_required
def lijst(request):
    meldingen = selectors.meldingen_van_eigenaar(eigenaar=request.user)
    return render(request, "meldingen/lijst.html", {"meldingen": meldingen})


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """The first step, empty; its first POST creates the concept."""
    return _bewerk(request, None, STAP_CODES[0])


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def bewerken(request, melding_uuid, stap=None):
    """One step of a concept: the first one, or the step named in the path."""
    melding = _eigen(request, melding_uuid)
    if stap is not None and stap not in STAP_CODES:
        raise Http404
    if not melding.is_concept:
        return redirect("meldingen:detail", melding_uuid=melding.uuid)
    return _bewerk(request, melding, stap or STAP_CODES[0])


TERUG_NAAR = frozenset({"controleren"})


def _terug(request) -> str:
    """The validated `?terug=` of this request ("" when absent or not in `TERUG_NAAR`)."""
    terug = request.GET.get("terug", "")
    return terug if terug in TERUG_NAAR else ""


def _stap_url(request, melding, stap: str, anker: str = "") -> str:
    """The URL of a step, keeping a valid `?terug=` of this request."""
    url = reverse("meldingen:bewerken", args=[melding.uuid, stap])
    terug = _terug(request)
    return url + (f"?terug={terug}" if terug else "") + anker


def _bewerk(request, melding, stap):
    """Save this step's answers and files on every POST, so nothing typed is lost."""
    if request.method != "POST":
        form = MeldingForm(instance=melding or None, stap=stap, eigenaar=request.user)
        return _render_stap(request, melding, stap, form, BijlagenForm(max_mb=_max_mb()))
    actie = request.POST.get("actie", "opslaan")
    form = MeldingForm(
        request.POST, instance=melding, stap=stap, volledig=actie == "verder", eigenaar=request.user
    )
    bijlagen_form = BijlagenForm(request.POST, request.FILES, max_mb=_max_mb())
    valid = form.is_valid()
    if melding is None:
        melding = services.melding_aanmaken(eigenaar=request.user)
        form.instance = melding
    # Keep every valid answer of this step, even when another answer or a file has a problem.
    services.melding_concept_opslaan(melding=melding, door=request.user, gegevens=form.cleaned_data)
    if stap == "bijlagen":
        _verwerk_bestanden(request, melding, bijlagen_form)
        if actie.startswith("verwijder:"):
            _verwijder_bijlage(request, melding, actie.removeprefix("verwijder:"))
    if valid and not bijlagen_form.errors:
        return _na_opslaan(request, melding, stap, actie)
    return _render_stap(request, melding, stap, form, bijlagen_form)


def _na_opslaan(request, melding, stap, actie):
    """On to the next step (or back to the check page), or stay on this one."""
    if actie == "verder":
        volgende = STAP_CODES.index(stap) + 1
        if _terug(request) or volgende == len(STAP_CODES):
            return redirect("meldingen:controleren", melding_uuid=melding.uuid)
        return redirect(_stap_url(request, melding, STAP_CODES[volgende]))
    if actie == "opslaan":
        messages.success(request, _("Uw melding is opgeslagen als concept."))
    anker = "#bijlagen" if stap == "bijlagen" else ""
    return redirect(_stap_url(request, melding, stap, anker))


def _verwerk_bestanden(request, melding, bijlagen_form):
    if not bijlagen_form.is_valid():
        return
    for uploaded in bijlagen_form.cleaned_data["bestanden"]:
        try:
            bijlage = services.bijlage_toevoegen(
                melding=melding, door=request.user, uploaded=uploaded
            )
        except ValidationError as exc:
            for message in exc.messages:
                bijlagen_form.add_error(
                    "bestanden",
                    _("%(naam)s is niet toegevoegd. %(reden)s")
                    % {"naam": _korte_naam(uploaded.name), "reden": message},
                )
        else:
            messages.success(request, _("%(naam)s is toegevoegd.") % {"naam": bijlage.bestandsnaam})


def _korte_naam(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name if len(name) <= 60 else name[:57] + "..."


def _verwijder_bijlage(request, melding, bijlage_uuid):
    try:
        bijlage = melding.bijlagen.filter(uuid=uuid.UUID(bijlage_uuid)).first()
    except ValueError:  # a tampered button value: nothing to remove
        bijlage = None
    if bijlage is None:
        return
    naam = bijlage.bestandsnaam
    services.bijlage_verwijderen(bijlage=bijlage, door=request.user)
    messages.success(request, _("%(naam)s is verwijderd.") % {"naam": naam})


def _render_stap(request, melding, stap, form, bijlagen_form):
    nummer = STAP_CODES.index(stap)
    context = {
        "melding": melding,
        "form": form,
        "bijlagen_form": bijlagen_form,
        "bijlagen": melding.bijlagen.all() if melding else [],
        "fouten": form.foutlinks() + bijlagen_form.foutlinks(),
        "max_bestanden": settings.UPLOAD_MAX_FILES,
        "stappen": [(code, titel) for code, titel, _fieldsets in STAPPEN],
        "huidige_stap": stap,
        "stap_titel": STAPPEN[nummer][1],
        "stap_nummer": nummer + 1,
        "aantal_stappen": len(STAPPEN),
        "vorige_stap": STAP_CODES[nummer - 1] if nummer else "",
        "laatste_stap": nummer == len(STAPPEN) - 1,
        "terug": _terug(request),
    }
    return render(request, "meldingen/formulier.html", context)


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def controleren(request, melding_uuid):
    """Check-your-answers; POST sends the melding."""
    melding = _eigen(request, melding_uuid)
    if not melding.is_concept:
        return redirect("meldingen:detail", melding_uuid=melding.uuid)
    ontbreekt = services.ontbrekende_velden(melding)
    if request.method == "POST" and not ontbreekt:
        try:
            services.melding_indienen(melding=melding, door=request.user)
        except (PermissionDenied, ValidationError):
            # A double click: the first request already sent it.
            return redirect("meldingen:detail", melding_uuid=melding.uuid)
        return redirect("meldingen:verstuurd", melding_uuid=melding.uuid)
    context = {
        "melding": melding,
        "ontbreekt": _ontbrekend(ontbreekt),
        "stappen": [(code, titel) for code, titel, _fieldsets in STAPPEN],
        "bijlagen": melding.bijlagen.all(),
    }
    return render(request, "meldingen/controleren.html", context)


def _ontbrekend(velden):
    """Each missing answer: (step, anchor, message), for a link to the question's step."""
    vragen = MeldingForm().fields
    return [
        (
            stap_van_veld(veld),
            anker(veld, vragen[veld]),
            VERPLICHT_MELDING.get(veld, VERPLICHT_ANDERS),
        )
        for veld in velden
    ]


@ambtsdrager_required
def verstuurd(request, melding_uuid):
    melding = _eigen(request, melding_uuid)
    if melding.is_concept:
        return redirect("meldingen:bewerken", melding_uuid=melding.uuid)
    return render(request, "meldingen/verstuurd.html", {"melding": melding})


@ambtsdrager_required
def detail(request, melding_uuid):
    melding = _eigen(request, melding_uuid)
    context = {
        "melding": melding,
        "bijlagen": melding.bijlagen.all(),
        "aanvullingen": melding.aanvullingen.prefetch_related("bijlagen"),
        "historie": melding.historie.all(),
        "kan_aanvullen": permissions.can_melding_aanvullen(request.user, melding),
        "kan_intrekken": permissions.can_melding_intrekken(request.user, melding),
    }
    return render(request, "meldingen/detail.html", context)


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def aanvullen(request, melding_uuid):
    """Add text and files after sending; a rejected file stores nothing and keeps the text."""
    melding = _eigen(request, melding_uuid, permissions.can_melding_aanvullen)
    form = AanvullingForm(request.POST or None, request.FILES or None, max_mb=_max_mb())
    if request.method == "POST" and form.is_valid():
        try:
            services.melding_aanvullen(
                melding=melding,
                door=request.user,
                tekst=form.cleaned_data["tekst"],
                bestanden=form.cleaned_data["bestanden"],
            )
        except ValidationError as exc:
            veld = "tekst" if exc.code == "leeg" else "bestanden"
            for message in exc.messages:
                form.add_error(veld, message)
        else:
            messages.success(request, _("Uw aanvulling is verstuurd naar BZK."))
            return redirect("meldingen:detail", melding_uuid=melding.uuid)
    context = {"melding": melding, "form": form, "fouten": form.foutlinks()}
    return render(request, "meldingen/aanvullen.html", context)


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def verwijderen(request, melding_uuid):
    """Confirm, then delete the user's own draft; a sent melding is a 404 here."""
    melding = _eigen(request, melding_uuid, permissions.can_melding_verwijderen)
    if request.method == "POST":
        services.melding_concept_verwijderen(melding=melding, door=request.user)
        messages.success(request, _("Uw concept-melding is verwijderd."))
        return redirect("meldingen:lijst")
    return render(request, "meldingen/verwijderen.html", {"melding": melding})


@ambtsdrager_required
@require_http_methods(["GET", "POST"])
def intrekken(request, melding_uuid):
    melding = _eigen(request, melding_uuid)
    if melding.is_concept:
        # A draft was never sent: there is nothing to withdraw, only to delete.
        return redirect("meldingen:verwijderen", melding_uuid=melding.uuid)
    if not permissions.can_melding_intrekken(request.user, melding):
        raise Http404
    form = IntrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.melding_intrekken(
            melding=melding, door=request.user, toelichting=form.cleaned_data["toelichting"]
        )
        messages.success(request, _("Uw melding is ingetrokken."))
        return redirect("meldingen:detail", melding_uuid=melding.uuid)
    return render(request, "meldingen/intrekken.html", {"melding": melding, "form": form})


@login_required
@require_http_methods(["GET"])
def bijlage_downloaden(request, bijlage_uuid):
    """Serve an attachment to the owner or BZK staff with the right; log staff downloads."""
    bijlage = selectors.get_bijlage(user=request.user, bijlage_uuid=bijlage_uuid)
    if not permissions.is_eigenaar(request.user, bijlage.melding):
        inzage_vastleggen(
            request=request,
            obj=bijlage.melding,
            actie=InzageActie.GEDOWNLOAD,
            omschrijving=f"{bijlage.melding.referentie} bijlage {bijlage.uuid}",
        )
    return private_file_response(
        bijlage.bestand, download_name=bijlage.bestandsnaam, content_type=bijlage.content_type
    )
