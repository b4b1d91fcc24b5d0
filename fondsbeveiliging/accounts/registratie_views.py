"""Registration pages: the public request, the links from e-mails, the municipality's list.

Thin views over `registratie.py`. The public request answers every address the same way:
one redirect to one page, whatever happened (known address, unknown, honeypot).
"""

import time

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import limiet, registratie, services, vertraging
from .constants import Rol
from .forms import AfwijzenForm, AmbtseindeForm, RegistratieForm, UitnodigingForm
from .meldingen import beveiligingswijziging_melden
from .models import Ambt, RegistratieBron, RegistratieStatus, Registratieverzoek, User


@require_http_methods(["GET", "POST"])
def registreren(request):
    """The public request for an account (no login)."""
    if request.user.is_authenticated:
        return redirect("accounts:start")
    form = RegistratieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if limiet.registratie_te_vaak(ip=get_client_ip_address(request) or "", email=data["email"]):
            return render(request, "accounts/registratie/te_vaak.html", status=429)
        if not form.is_bot():
            registratie.registratie_aanvragen(
                voornaam=data["voornaam"],
                achternaam=data["achternaam"],
                email=data["email"],
                ambtstype=data["ambtstype"],
                gemeente=data["gemeente"],
                in_functie_sinds=data["in_functie_sinds"],
            )
        return redirect("accounts:registratie_verstuurd")
    return render(
        request,
        "accounts/registratie/formulier.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def registratie_verstuurd(request):
    return render(request, "accounts/registratie/verstuurd.html")


@require_http_methods(["GET", "POST"])
def registratie_bevestigen(request, token):
    """The verification link: a button (mail scanners only GET), then the request goes on."""
    _verzoek, fout = registratie.verzoek_bij_token(token, bron=RegistratieBron.AANVRAAG)
    if request.method == "POST" and not fout:
        try:
            registratie.email_bevestigen(token=token)
        except registratie.RegistratieFout as exc:
            fout = str(exc)
        else:
            return render(request, "accounts/registratie/email_bevestigd.html")
    return render(
        request,
        "accounts/registratie/link.html",
        {
            "fout": fout,
            "titel": _("Bevestig uw e-mailadres"),
            "knop": _("E-mailadres bevestigen"),
        },
        status=410 if fout else 200,
    )


@require_http_methods(["GET", "POST"])
def uitnodiging(request, token):
    """The invitation link (7 days, once): a button, then the first password."""
    verzoek, fout = registratie.verzoek_bij_token(token, bron=RegistratieBron.UITNODIGING)
    if request.method == "POST" and not fout:
        try:
            user = registratie.uitnodiging_aannemen(token=token)
        except registratie.RegistratieFout as exc:
            fout = str(exc)
        else:
            if user is None:
                messages.info(
                    request,
                    _("U heeft al een account. Log in, of kies 'Wachtwoord vergeten'."),
                )
                return redirect("two_factor:login")
            if user.has_usable_password():
                messages.success(
                    request,
                    _(
                        "Het ambt is toegevoegd aan uw bestaande account. Log in om voor dit "
                        "ambt een aanvraag of melding te doen."
                    ),
                )
                return redirect("two_factor:login")
            return redirect(registratie.activeerlink_pad(user))
    return render(
        request,
        "accounts/registratie/link.html",
        {
            "fout": fout,
            "titel": _("Uitnodiging voor een account"),
            "knop": _("Uitnodiging aannemen"),
            "verzoek": None if fout else verzoek,
        },
        status=410 if fout else 200,
    )


class AccountActiverenView(auth_views.PasswordResetConfirmView):
    """A new account chooses its first password and is logged in on its start page.

    Only for an account that never had a password and has no authenticator app: logging in
    on a mailed link must never skip a second factor. Any other account finds the link
    invalid (it uses "Wachtwoord vergeten", which does not log in).
    """

    template_name = "accounts/registratie/wachtwoord_kiezen.html"
    success_url = reverse_lazy("accounts:start")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if (
            user is None
            or user.has_usable_password()
            or user.rol != Rol.AMBTSDRAGER
            or user.totpdevice_set.exists()
        ):
            return None
        return user

    def form_valid(self, form):
        vertraging.wissen(form.user.email)
        response = super().form_valid(form)
        beveiligingswijziging_melden(
            user=form.user, wijziging="wachtwoord", sleutel=f"{time.time_ns()}"
        )
        return response


def _beoordelaar(request):
    """A municipal employee, or BZK's beheerder (for municipalities without one); else 404."""
    user = request.user
    if not user.is_active or user.rol not in (Rol.GEMEENTE_MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        raise Http404
    return user


def _te_beoordelen(user):
    """The requests this user decides on: their municipality's, or those without anyone."""
    verzoeken = Registratieverzoek.objects.select_related("gemeente")
    if user.rol == Rol.GEMEENTE_MEDEWERKER:
        return verzoeken.filter(gemeente_id=user.gemeente_id)
    met_medewerker = User.objects.filter(
        rol=Rol.GEMEENTE_MEDEWERKER, is_active=True, gemeente__isnull=False
    ).values("gemeente_id")
    return verzoeken.exclude(gemeente_id__in=met_medewerker)


@login_required
def registraties(request):
    """Requests waiting for this municipality (or for BZK), and the invitations sent."""
    user = _beoordelaar(request)
    verzoeken = _te_beoordelen(user)
    context = {
        "wachtend": verzoeken.filter(status=RegistratieStatus.WACHTEND).order_by("aangemaakt_op"),
        "recent": verzoeken.filter(
            status__in=[
                RegistratieStatus.BEVESTIGD,
                RegistratieStatus.AFGEWEZEN,
                RegistratieStatus.UITGENODIGD,
            ]
        ).order_by("-beoordeeld_op")[:20],
        "kan_uitnodigen": user.rol == Rol.GEMEENTE_MEDEWERKER,
    }
    return render(request, "accounts/registratie/lijst.html", context)


BEVESTIGD = gettext_lazy(
    "Het ambt is bevestigd. De aanvrager krijgt een e-mail om een wachtwoord in te stellen."
)
AFGEWEZEN = gettext_lazy("De aanvraag is afgewezen. De aanvrager krijgt een e-mail met de reden.")


@login_required
@require_http_methods(["GET", "POST"])
def registratie_beoordelen(request, pk):
    """Confirm or reject one waiting request; another municipality's request is a 404."""
    user = _beoordelaar(request)
    verzoek = get_object_or_404(
        _te_beoordelen(user).filter(status=RegistratieStatus.WACHTEND), pk=pk
    )
    besluit = request.POST.get("besluit")
    afwijzen = AfwijzenForm(request.POST if besluit == "afwijzen" else None)
    fout = None
    try:
        if request.method == "POST" and besluit == "bevestigen":
            registratie.registratie_bevestigen(door=user, verzoek=verzoek)
            messages.success(request, BEVESTIGD)
            return redirect("accounts:registraties")
        if afwijzen.is_valid():
            reden = afwijzen.cleaned_data["reden"]
            registratie.registratie_afwijzen(door=user, verzoek=verzoek, reden=reden)
            messages.success(request, AFGEWEZEN)
            return redirect("accounts:registraties")
    except registratie.RegistratieFout as exc:
        fout = str(exc)
    return render(
        request,
        "accounts/registratie/beoordelen.html",
        {"verzoek": verzoek, "afwijzen": afwijzen, "fout": fout},
        status=400 if (fout or afwijzen.errors) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def uitnodigen(request):
    """A municipal employee invites an office holder of their municipality."""
    user = _beoordelaar(request)
    if user.rol != Rol.GEMEENTE_MEDEWERKER:
        raise Http404
    form = UitnodigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registratie.ambtsdrager_uitnodigen(door=user, **form.cleaned_data)
        messages.success(
            request,
            _("De uitnodiging is verstuurd naar %(email)s. De link is 7 dagen geldig.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("accounts:registraties")
    return render(
        request,
        "accounts/registratie/uitnodigen.html",
        {"form": form, "gemeente": user.gemeente},
        status=400 if form.errors else 200,
    )


def _gemeente_medewerker(request):
    """A municipal employee (the end of office is recorded by the office's municipality)."""
    user = request.user
    if not user.has_rol(Rol.GEMEENTE_MEDEWERKER):
        raise Http404
    return user


def _ambten_van(user):
    """The running offices in this employee's municipality, of active office holders.

    An office holder with an office in another municipality too is listed here only with
    this municipality's office: each municipality sees and ends its own.
    """
    return Ambt.objects.select_related("gebruiker", "gemeente").filter(
        gemeente_id=user.gemeente_id,
        gebruiker__rol=Rol.AMBTSDRAGER,
        gebruiker__is_active=True,
    )


@login_required
def ambtsdragers(request):
    """The municipality's office holders in office, each office with a link to record its end."""
    user = _gemeente_medewerker(request)
    in_functie = (
        _ambten_van(user)
        .exclude(tot__lt=timezone.localdate())
        .order_by("gebruiker__last_name", "gebruiker__first_name", "sinds")
    )
    return render(
        request,
        "accounts/registratie/ambtsdragers.html",
        {"ambten": in_functie, "gemeente": user.gemeente},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ambtseinde(request, pk):
    """Record the end of one office; an office in another municipality is a 404."""
    user = _gemeente_medewerker(request)
    ambt = get_object_or_404(_ambten_van(user), pk=pk)
    ambtsdrager = ambt.gebruiker
    form = AmbtseindeForm(request.POST or None, ambt=ambt)
    if request.method == "POST" and form.is_valid():
        try:
            services.ambtseinde_vastleggen(door=user, ambt=ambt, datum=form.cleaned_data["datum"])
        except services.AmbtFout as exc:
            form.add_error("datum", str(exc))
        else:
            messages.success(
                request,
                _(
                    "Het einde van het ambt van %(naam)s is vastgelegd. "
                    "De ambtsdrager krijgt een e-mail."
                )
                % {"naam": ambtsdrager.get_full_name() or ambtsdrager.email},
            )
            return redirect("accounts:ambtsdragers")
    return render(
        request,
        "accounts/registratie/ambtseinde.html",
        {"form": form, "ambt": ambt, "ambtsdrager": ambtsdrager},
        status=400 if form.errors else 200,
    )
