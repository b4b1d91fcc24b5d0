"""The municipality's screens: thin views over selectors, services and forms.

Only a gemeente-medewerker uses these pages (everyone else gets a 404), and only for
requests of their own municipality: a guessed id of another municipality's request is a
404 too. The coordinator works in the back office and shares only the attachment download.
"""

import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.core.files import private_file_response
from meldingen.forms import BijlagenForm

from . import permissions, selectors, services
from .forms import AanvullingForm, ContactpersoonForm, VerzoekForm


def gemeente_medewerker_required(view):
    """Logged in and an active municipal employee with a municipality; else a plain 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.is_gemeente_medewerker(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _eigen(request, verzoek_uuid, check=None):
    verzoek = selectors.get_eigen_verzoek(user=request.user, verzoek_uuid=verzoek_uuid)
    if check is not None and not check(request.user, verzoek):
        raise Http404
    return verzoek


def _max_mb() -> int:
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)


@gemeente_medewerker_required
def lijst(request):
    verzoeken = selectors.verzoeken_van_gemeente(user=request.user)
    context = {"verzoeken": verzoeken, "gemeente": request.user.gemeente}
    return render(request, "ondersteuning/lijst.html", context)


@gemeente_medewerker_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """The empty form; the first POST creates the concept."""
    return _bewerk(request, None)


@gemeente_medewerker_required
@require_http_methods(["GET", "POST"])
def bewerken(request, verzoek_uuid):
    verzoek = _eigen(request, verzoek_uuid)
    if not verzoek.is_concept:
        return redirect("ondersteuning:detail", verzoek_uuid=verzoek.uuid)
    return _bewerk(request, verzoek)


def _bewerk(request, verzoek):
    """Save answers and files on every POST, so nothing the user typed is lost."""
    if request.method != "POST":
        form = VerzoekForm(instance=verzoek)
        contacten = ContactpersoonForm(initial=ContactpersoonForm.initial_van(verzoek))
        return _render_form(request, verzoek, form, contacten, BijlagenForm(max_mb=_max_mb()))
    actie = request.POST.get("actie", "opslaan")
    volledig = actie == "controleren"
    form = VerzoekForm(request.POST, instance=verzoek, volledig=volledig)
    contacten = ContactpersoonForm(request.POST, volledig=volledig)
    bijlagen_form = BijlagenForm(request.POST, request.FILES, max_mb=_max_mb())
    valid = form.is_valid() & contacten.is_valid()
    if verzoek is None:
        verzoek = services.verzoek_aanmaken(door=request.user)
        form.instance = verzoek
    services.verzoek_concept_opslaan(
        verzoek=verzoek,
        door=request.user,
        gegevens=form.cleaned_data,
        contactpersonen=contacten.cleaned_data.get("contactpersonen")
        if not contacten.errors
        else None,
    )
    _verwerk_bestanden(request, verzoek, bijlagen_form)
    if actie.startswith("verwijder:"):
        _verwijder_bijlage(request, verzoek, actie.removeprefix("verwijder:"))
    if valid and not bijlagen_form.errors:
        if volledig:
            return redirect("ondersteuning:controleren", verzoek_uuid=verzoek.uuid)
        if actie == "opslaan":
            messages.success(request, _("Uw verzoek is opgeslagen als concept."))
        return redirect(reverse("ondersteuning:bewerken", args=[verzoek.uuid]) + "#bijlagen")
    return _render_form(request, verzoek, form, contacten, bijlagen_form)


def _verwerk_bestanden(request, verzoek, bijlagen_form):
    if not bijlagen_form.is_valid():
        return
    for uploaded in bijlagen_form.cleaned_data["bestanden"]:
        try:
            bijlage = services.bijlage_toevoegen(
                verzoek=verzoek, door=request.user, uploaded=uploaded
            )
        except ValidationError as exc:
            for message in exc.messages:
                bijlagen_form.add_error("bestanden", message)
        else:
            messages.success(request, _("%(naam)s is toegevoegd.") % {"naam": bijlage.bestandsnaam})


def _verwijder_bijlage(request, verzoek, bijlage_uuid):
    try:
        bijlage = verzoek.bijlagen.filter(uuid=uuid.UUID(bijlage_uuid)).first()
    except ValueError:  # a tampered button value: nothing to remove
        bijlage = None
    if bijlage is None:
        return
    naam = bijlage.bestandsnaam
    services.bijlage_verwijderen(bijlage=bijlage, door=request.user)
    messages.success(request, _("%(naam)s is verwijderd.") % {"naam": naam})


def _render_form(request, verzoek, form, contacten, bijlagen_form):
    context = {
        "verzoek": verzoek,
        "form": form,
        "contacten": contacten,
        "bijlagen_form": bijlagen_form,
        "bijlagen": verzoek.bijlagen.all() if verzoek else [],
        "fouten": form.foutlinks() + contacten.foutlinks() + bijlagen_form.foutlinks(),
        "max_bestanden": settings.UPLOAD_MAX_FILES,
    }
    return render(request, "ondersteuning/formulier.html", context)


@gemeente_medewerker_required
@require_http_methods(["GET", "POST"])
def controleren(request, verzoek_uuid):
    """Check-your-answers; POST sends the request."""
    verzoek = _eigen(request, verzoek_uuid)
    if not verzoek.is_concept:
        return redirect("ondersteuning:detail", verzoek_uuid=verzoek.uuid)
    ontbreekt = services.ontbrekende_velden(verzoek)
    if request.method == "POST" and not ontbreekt:
        try:
            services.verzoek_indienen(verzoek=verzoek, door=request.user)
        except (PermissionDenied, ValidationError):
            # A double click: the first request already sent it.
            return redirect("ondersteuning:detail", verzoek_uuid=verzoek.uuid)
        return redirect("ondersteuning:verstuurd", verzoek_uuid=verzoek.uuid)
    context = {
        "verzoek": verzoek,
        "ontbreekt": ontbreekt,
        "bijlagen": verzoek.bijlagen.all(),
        "contactpersonen": verzoek.contactpersonen.all(),
    }
    return render(request, "ondersteuning/controleren.html", context)


@gemeente_medewerker_required
def verstuurd(request, verzoek_uuid):
    verzoek = _eigen(request, verzoek_uuid)
    if verzoek.is_concept:
        return redirect("ondersteuning:bewerken", verzoek_uuid=verzoek.uuid)
    return render(request, "ondersteuning/verstuurd.html", {"verzoek": verzoek})


@gemeente_medewerker_required
def detail(request, verzoek_uuid):
    """Status, the plan (activities with dates and contacts), own additions; no internal notes."""
    verzoek = _eigen(request, verzoek_uuid)
    context = {
        "verzoek": verzoek,
        "contactpersonen": verzoek.contactpersonen.all(),
        "bijlagen": verzoek.bijlagen.filter(aanvulling__isnull=True),
        "activiteiten": verzoek.activiteiten.select_related("contact"),
        "aanvullingen": verzoek.aanvullingen.prefetch_related("bijlagen"),
        "historie": verzoek.historie.filter(intern=False).select_related("door"),
        "kan_aanvullen": permissions.can_verzoek_aanvullen(request.user, verzoek),
    }
    return render(request, "ondersteuning/detail.html", context)


@gemeente_medewerker_required
@require_http_methods(["GET", "POST"])
def aanvullen(request, verzoek_uuid):
    """Add text and files after sending; a rejected file stores nothing and keeps the text."""
    verzoek = _eigen(request, verzoek_uuid, permissions.can_verzoek_aanvullen)
    form = AanvullingForm(request.POST or None, request.FILES or None, max_mb=_max_mb())
    if request.method == "POST" and form.is_valid():
        try:
            services.verzoek_aanvullen(
                verzoek=verzoek,
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
            return redirect("ondersteuning:detail", verzoek_uuid=verzoek.uuid)
    context = {"verzoek": verzoek, "form": form, "fouten": form.foutlinks()}
    return render(request, "ondersteuning/aanvullen.html", context)


@login_required
@require_http_methods(["GET"])
def bijlage_downloaden(request, bijlage_uuid):
    """Serve an attachment to its municipality or a coordinator; log the coordinator's download."""
    bijlage = selectors.get_bijlage(user=request.user, bijlage_uuid=bijlage_uuid)
    if not permissions.is_eigen_gemeente(request.user, bijlage.verzoek):
        inzage_vastleggen(
            request=request,
            obj=bijlage.verzoek,
            actie=InzageActie.GEDOWNLOAD,
            omschrijving=f"{bijlage.verzoek.kenmerk} bijlage {bijlage.uuid}",
        )
    return private_file_response(
        bijlage.bestand, download_name=bijlage.bestandsnaam, content_type=bijlage.content_type
    )
