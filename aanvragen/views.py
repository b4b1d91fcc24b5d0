"""Applicant pages: thin views that parse, call a service or selector, and render.

Every claim is fetched through `selectors.aanvragen_van`, so another user's claim is a 404.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aanvragen.brieven.opbouw import kostenregels
from aanvragen.brieven.selectors import brieven_van_aanvraag
from fondsbeveiliging.accounts.ambten import lopende_ambten
from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen
from fondsbeveiliging.core.files import private_file_response
from fondsbeveiliging.termijnen.berekening import dwangsom_eerste_dag

from . import permissions, reacties, selectors, services
from .constants import (
    BESLISTERMIJN_LOOPT,
    BesluitSoort,
    BesluitStatus,
    Bewijstype,
    Hoorzitting,
    KostenAard,
    Uitkomst,
)
from .controles import (
    categorie_totalen,
    plafondsignalen,
    problemen_bij_indienen,
    reden_niet_toegestaan,
)
from .forms import (
    AanvullingForm,
    BetalingForm,
    BewijsstukForm,
    BezwaarForm,
    GegevensForm,
    IndienenForm,
    IngebrekestellingForm,
    IntrekkenForm,
    KostenpostForm,
    ZienswijzeForm,
)
from .models import (
    Aanvraag,
    AanvullingBestand,
    Aanvulverzoek,
    Besluit,
    Bewijsstuk,
    Bezwaar,
    BezwaarBestand,
    KostenCategorie,
    Kostenpost,
    Voornemen,
)

STAPPEN = [
    ("gegevens", gettext_lazy("Uw gegevens")),
    ("kostenposten", gettext_lazy("Kosten")),
    ("betaling", gettext_lazy("Betaling")),
    ("controleren", gettext_lazy("Controleren en versturen")),
]

TOEKENNINGEN = frozenset({Uitkomst.TOEGEKEND, Uitkomst.GEDEELTELIJK_TOEGEKEND})


def _post(request):
    """Bind a form on every POST, also an empty one (an unticked box posts nothing)."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _ambtsdrager_vereist(request) -> None:
    if not permissions.can_aanvraag_aanmaken(request.user):
        raise PermissionDenied


def _eigen_aanvraag(request, pk: int) -> Aanvraag:
    """The user's own claim; 404 for everyone else, whatever their role."""
    return get_object_or_404(selectors.aanvragen_van(user=request.user), pk=pk)


class _AlVerstuurd(Exception):
    """The user's own claim is no longer a draft; `_stap` sends them to its status page."""

    def __init__(self, aanvraag: Aanvraag):
        super().__init__(aanvraag.pk)
        self.aanvraag = aanvraag


def _concept(request, pk: int) -> Aanvraag:
    """The user's own draft; 404 for anyone else's claim."""
    aanvraag = _eigen_aanvraag(request, pk)
    if not permissions.can_aanvraag_wijzigen(request.user, aanvraag):
        raise _AlVerstuurd(aanvraag)
    return aanvraag


def _stap(view):
    """A page of the draft wizard; a claim already sent (Back, a second click) shows its status."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _AlVerstuurd as exc:
            messages.info(
                request, _("Deze aanvraag is al verstuurd. U kunt haar niet meer wijzigen.")
            )
            return redirect("aanvragen:detail", pk=exc.aanvraag.pk)

    return wrapper


# Where a step may send the user back to after saving (`?terug=`): a fixed set of step
# names, never a URL from the request (no open redirect).
TERUG_NAAR = frozenset({"controleren"})


def _terug(request) -> str:
    """The validated `?terug=` of this request ("" when absent or not in `TERUG_NAAR`)."""
    terug = request.GET.get("terug", "")
    return terug if terug in TERUG_NAAR else ""


def _stap_url(request, naam: str, **kwargs) -> str:
    """The URL of a step, keeping a valid `?terug=` of this request."""
    url = reverse(f"aanvragen:{naam}", kwargs=kwargs)
    terug = _terug(request)
    return f"{url}?terug={terug}" if terug else url


def _volgende(request, aanvraag: Aanvraag, volgende: str):
    """After a save: on to the next step (or back to the check page when the user came from
    its "Wijzigen" link), or back to the list when saving as draft."""
    if request.POST.get("actie") == "concept":
        messages.success(
            request, _("Uw aanvraag is opgeslagen als concept. U kunt later verdergaan.")
        )
        return redirect("aanvragen:lijst")
    return redirect(f"aanvragen:{_terug(request) or volgende}", pk=aanvraag.pk)


def _render_stap(request, template: str, aanvraag: Aanvraag, stap: str, **context):
    context.update(aanvraag=aanvraag, stappen=STAPPEN, huidige_stap=stap, terug=_terug(request))
    context["toon_fouten"] = bool(context.get("fout")) or any(
        f.errors for f in context.get("forms", [])
    )
    status = 400 if context["toon_fouten"] else 200
    return render(request, template, context, status=status)


@login_required
def lijst(request):
    _ambtsdrager_vereist(request)
    # As on the status page: once a decision went out, its date replaces the deadline, and
    # its outcome and granted amount replace the claimed amount.
    aanvragen = list(selectors.aanvragen_met_uitkomst(user=request.user))
    for aanvraag in aanvragen:
        uitkomst = aanvraag.besluit_uitkomst
        aanvraag.uitkomst_label = Uitkomst(uitkomst).label if uitkomst else ""
        aanvraag.is_toekenning = uitkomst in TOEKENNINGEN
    context = {
        "aanvragen": aanvragen,
        "kan_starten": permissions.can_aanvraag_starten(request.user),
    }
    return render(request, "aanvragen/lijst.html", context)


@login_required
def nieuw(request):
    """Explain the scheme; start a draft on POST, or tell an ineligible holder why not.

    A person with more than one running office chooses the office the claim is for; only
    the offices the scheme admits are offered.
    """
    _ambtsdrager_vereist(request)
    regeling = selectors.regeling_op(datum=timezone.localdate())
    beeindigd = not permissions.can_aanvraag_starten(request.user)
    ambten = [
        ambt
        for ambt in lopende_ambten(request.user)
        if not reden_niet_toegestaan(request.user, regeling, ambt.ambtstype)
    ]
    reden = None if ambten else reden_niet_toegestaan(request.user, regeling)
    fout = None
    if request.method == "POST" and not (reden or beeindigd):
        try:
            aanvraag = services.aanvraag_aanmaken(
                aanvrager=request.user, ambt=_gekozen(request, ambten)
            )
        except ValidationError as exc:
            if exc.code == "ambt_kiezen":
                fout = exc.messages[0]
            else:
                reden = exc.messages[0]
        else:
            return redirect("aanvragen:gegevens", pk=aanvraag.pk)
    context = {
        "regeling": regeling,
        "reden": reden,
        "ambt_beeindigd": beeindigd,
        "ambten": ambten if len(ambten) > 1 else [],
        "ambt_fout": fout,
    }
    status = 403 if reden or beeindigd else (400 if fout else 200)
    return render(request, "aanvragen/nieuw.html", context, status=status)


def _gekozen(request, ambten):
    """The office chosen on the start page (None: not chosen, or only one to choose)."""
    if len(ambten) == 1:
        return ambten[0]
    keuze = request.POST.get("ambt", "")
    return next((ambt for ambt in ambten if str(ambt.pk) == keuze), None)


@_stap
def gegevens(request, pk):
    aanvraag = _concept(request, pk)
    volledig = request.POST.get("actie") != "concept"
    form = GegevensForm(
        _post(request),
        instance=aanvraag,
        user=request.user,
        volledig=volledig,
        initial={"meldingen": list(aanvraag.meldingen.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if k != "meldingen"}
        services.aanvraag_bijwerken(
            aanvraag=aanvraag,
            door=request.user,
            velden=velden,
            meldingen=form.cleaned_data["meldingen"],
        )
        return _volgende(request, aanvraag, "kostenposten")
    return _render_stap(
        request, "aanvragen/gegevens.html", aanvraag, "gegevens", form=form, forms=[form]
    )


@_stap
def kostenposten(request, pk):
    """The cost lines of a draft; POST adds an empty line and opens it."""
    aanvraag = _concept(request, pk)
    fout = []
    if request.method == "POST":
        if request.POST.get("actie") != "toevoegen":
            return _volgende(request, aanvraag, "betaling")
        try:
            kostenpost = services.kostenpost_toevoegen(aanvraag=aanvraag, door=request.user)
        except ValidationError as exc:  # the cap on cost lines per claim
            fout = exc.messages
        else:
            return redirect(_stap_url(request, "kostenpost", pk=aanvraag.pk, kp=kostenpost.pk))
    regels = aanvraag.kostenposten.select_related("categorie").prefetch_related("bewijsstukken")
    return _render_stap(
        request,
        "aanvragen/kostenposten.html",
        aanvraag,
        "kostenposten",
        kostenposten=regels,
        totalen=categorie_totalen(aanvraag),
        fout=fout,
    )


def _bestanden_opslaan(request, kostenpost, upload_form) -> int:
    """Store each accepted file at once; report rejected ones on the upload field."""
    opgeslagen = 0
    for bestand in upload_form.cleaned_data.get("bestanden") or []:
        try:
            services.bewijsstuk_toevoegen(
                kostenpost=kostenpost,
                door=request.user,
                bestand=bestand,
                soort=upload_form.cleaned_data["soort"],
            )
            opgeslagen += 1
        except ValidationError as exc:
            upload_form.add_error("bestanden", f"{bestand.name}: {exc.messages[0]}")
    return opgeslagen


def _vereist(regel: Kostenpost) -> list[str]:
    return regel.categorie.vereist_bewijs(regel.aard) if regel.categorie and regel.aard else []


# Evidence that helps but is never required (domain.md §4: "optionally a security advice").
OPTIONEEL_BEWIJS = (Bewijstype.BEVEILIGINGSADVIES, Bewijstype.OVERIG)


@dataclass(frozen=True)
class Bewijsregel:
    """What one kind of cost line (category and paid/quote) needs, in words."""

    aard: str
    verplicht: list[str]
    optioneel: list[str]


def bewijsregels(categorie: KostenCategorie) -> list[Bewijsregel]:
    """Per kind (already paid, quote): the required and optional evidence of `categorie`.

    The required list is `KostenCategorie.vereist_bewijs`, the rule the check page
    (`controles.problemen_bij_indienen`) applies, so the cost-line page announces exactly
    what the check would later miss.
    """
    regels = []
    for aard in KostenAard:
        verplicht = categorie.vereist_bewijs(aard)
        regels.append(
            Bewijsregel(
                aard=aard.label,
                verplicht=[Bewijstype(soort).label.lower() for soort in verplicht],
                optioneel=[s.label.lower() for s in OPTIONEEL_BEWIJS if s not in verplicht],
            )
        )
    return regels


def _bewijsregels_context(form) -> dict:
    """Every category's evidence rule, and the category chosen in the form (None if none)."""
    categorieen = list(form.fields["categorie"].queryset)
    gekozen = str(form["categorie"].value() or "")
    return {
        "bewijsregels": [(categorie, bewijsregels(categorie)) for categorie in categorieen],
        "gekozen_categorie": next((c.pk for c in categorieen if str(c.pk) == gekozen), None),
    }


@_stap
def kostenpost(request, pk, kp):
    """Edit one cost line and upload its evidence; nothing typed is lost on an error."""
    aanvraag = _concept(request, pk)
    regel = get_object_or_404(Kostenpost, pk=kp, aanvraag=aanvraag)
    actie = request.POST.get("actie", "opslaan")
    form = KostenpostForm(
        _post(request),
        instance=regel,
        regeling=selectors.regeling_voor_concept(aanvraag=aanvraag),
        volledig=actie == "opslaan",
    )
    upload_form = BewijsstukForm(_post(request), _files(request), prefix="bewijs")
    if request.method == "POST":
        if upload_form.is_valid():
            aantal = _bestanden_opslaan(request, regel, upload_form)
            if aantal:
                messages.success(request, _("%(n)s bestand(en) toegevoegd.") % {"n": aantal})
        if form.is_valid():
            services.kostenpost_bijwerken(
                kostenpost=regel, door=request.user, velden=form.cleaned_data
            )
        if form.is_valid() and not upload_form.errors:
            if actie == "uploaden":
                return redirect(_stap_url(request, "kostenpost", pk=aanvraag.pk, kp=regel.pk))
            return _volgende(request, aanvraag, "kostenposten")
    return _render_stap(
        request,
        "aanvragen/kostenpost.html",
        aanvraag,
        "kostenposten",
        form=form,
        upload_form=upload_form,
        forms=[form, upload_form],
        regel=regel,
        nummer=list(aanvraag.kostenposten.values_list("pk", flat=True)).index(regel.pk) + 1,
        bewijsstukken=regel.bewijsstukken.all(),
        vereist=[Bewijstype(soort).label.lower() for soort in _vereist(regel)],
        **_bewijsregels_context(form),
    )


@_stap
def kostenpost_verwijderen(request, pk, kp):
    aanvraag = _concept(request, pk)
    regel = get_object_or_404(Kostenpost, pk=kp, aanvraag=aanvraag)
    if request.method == "POST":
        services.kostenpost_verwijderen(kostenpost=regel, door=request.user)
        messages.success(request, _("De kostenpost is verwijderd."))
        return redirect(_stap_url(request, "kostenposten", pk=aanvraag.pk))
    return _render_stap(
        request, "aanvragen/kostenpost_verwijderen.html", aanvraag, "kostenposten", regel=regel
    )


@_stap
@require_POST
def bewijsstuk_verwijderen(request, pk, bs):
    aanvraag = _concept(request, pk)
    bewijsstuk = get_object_or_404(Bewijsstuk, pk=bs, kostenpost__aanvraag=aanvraag)
    regel_pk = bewijsstuk.kostenpost_id
    services.bewijsstuk_verwijderen(bewijsstuk=bewijsstuk, door=request.user)
    messages.success(request, _("Het bestand is verwijderd."))
    return redirect(_stap_url(request, "kostenpost", pk=aanvraag.pk, kp=regel_pk))


def _zaakbestand_serveren(request, aanvraag, bestand, soort: str):
    """Serve a private file of a claim to the applicant or BZK case staff, 404 for anyone
    else; a staff download goes to the access log (a reference, no content)."""
    if not permissions.can_bewijsstuk_downloaden(request.user, aanvraag):
        raise Http404
    if permissions.is_inzage_te_loggen(request.user, aanvraag):
        inzage_vastleggen(
            request=request,
            obj=bestand,
            actie=InzageActie.GEDOWNLOAD,
            omschrijving=f"{aanvraag.kenmerk} {soort} {bestand.pk}",
        )
    return private_file_response(
        bestand.bestand, download_name=bestand.bestandsnaam, content_type=bestand.content_type
    )


@login_required
def bewijsstuk_downloaden(request, pk, bs):
    """Serve evidence to the applicant or to BZK case staff (staff downloads are logged)."""
    aanvraag = get_object_or_404(selectors.aanvragen_zichtbaar_voor(user=request.user), pk=pk)
    bewijsstuk = get_object_or_404(Bewijsstuk, pk=bs, kostenpost__aanvraag=aanvraag)
    return _zaakbestand_serveren(request, aanvraag, bewijsstuk, "bewijsstuk")


@login_required
def aanvulling_bestand_downloaden(request, pk, bs):
    """Serve a file sent with an answer, to the applicant or BZK case staff (logged)."""
    aanvraag = get_object_or_404(selectors.aanvragen_zichtbaar_voor(user=request.user), pk=pk)
    bestand = get_object_or_404(AanvullingBestand, pk=bs, aanvulverzoek__aanvraag=aanvraag)
    return _zaakbestand_serveren(request, aanvraag, bestand, "aanvulling")


@_stap
def betaling(request, pk):
    aanvraag = _concept(request, pk)
    volledig = request.POST.get("actie") != "concept"
    form = BetalingForm(
        _post(request),
        instance=aanvraag,
        regeling=selectors.regeling_voor_concept(aanvraag=aanvraag),
        volledig=volledig,
    )
    if request.method == "POST" and form.is_valid():
        services.aanvraag_bijwerken(aanvraag=aanvraag, door=request.user, velden=form.cleaned_data)
        return _volgende(request, aanvraag, "controleren")
    return _render_stap(
        request, "aanvragen/betaling.html", aanvraag, "betaling", form=form, forms=[form]
    )


@_stap
def controleren(request, pk):
    """Check-your-answers: totals per category, caps as information, then submit."""
    aanvraag = _concept(request, pk)
    form = IndienenForm(_post(request))
    fout = None
    if request.method == "POST" and form.is_valid():
        try:
            services.aanvraag_indienen(aanvraag=aanvraag, door=request.user)
        except ValidationError as exc:
            fout = exc.messages
        except PermissionDenied:
            # A second click or a second tab lost the race to the first submit: the claim
            # is the user's own and already sent, so show its status, not "Geen toegang".
            _concept(request, pk)
            raise
        else:
            return redirect("aanvragen:verstuurd", pk=aanvraag.pk)
    regeling = selectors.regeling_op(datum=timezone.localdate())
    context = {
        "form": form,
        "forms": [form],
        "fout": fout,
        "kostenposten": aanvraag.kostenposten.select_related("categorie").prefetch_related(
            "bewijsstukken"
        ),
        "totalen": categorie_totalen(aanvraag),
        "problemen": [
            _terug_naar_controleren(p) for p in problemen_bij_indienen(aanvraag, regeling)
        ],
        "signalen": plafondsignalen(
            aanvraag, regeling, selectors.eerder_aangevraagd(aanvraag=aanvraag, regeling=regeling)
        )
        if regeling
        else [],
    }
    response = _render_stap(
        request, "aanvragen/controleren.html", aanvraag, "controleren", **context
    )
    if fout:
        response.status_code = 400
    return response


def _terug_naar_controleren(probleem):
    """A problem's link to a step, with `?terug=controleren` (before its #anchor)."""
    pad, hekje, anker = probleem.url.partition("#")
    if pad == reverse("aanvragen:lijst"):
        return probleem
    return replace(probleem, url=f"{pad}?terug=controleren{hekje}{anker}")


@login_required
def verstuurd(request, pk):
    """Confirmation of a submitted claim: kenmerk, decision date, what happens next."""
    aanvraag = _eigen_aanvraag(request, pk)
    if aanvraag.is_concept:
        return redirect("aanvragen:controleren", pk=aanvraag.pk)
    return render(request, "aanvragen/verstuurd.html", {"aanvraag": aanvraag})


@dataclass(frozen=True)
class BesluitOpScherm:
    """The sent decision as the status page shows it: what the decision letter says, plus
    the payments made on it since."""

    besluit: Besluit
    uitkomst: Uitkomst
    kostenregels: tuple
    aangevraagd: Decimal
    betalingen: list
    betaald: Decimal

    @property
    def is_toekenning(self) -> bool:
        return self.uitkomst in TOEKENNINGEN

    @property
    def nog_te_betalen(self) -> Decimal:
        if not self.is_toekenning:
            return Decimal("0")
        return max(self.besluit.bedrag_toegekend - self.betaald, Decimal("0"))


def _besluit_op_scherm(aanvraag: Aanvraag) -> BesluitOpScherm | None:
    """The latest sent decision with its cost lines as the letter builds them
    (`brieven.opbouw.kostenregels`: the amounts and reasons written for the applicant, never
    an internal note), or None while no decision went out."""
    besluit = selectors.verzonden_besluit(aanvraag=aanvraag)
    if besluit is None:
        return None
    betalingen = list(selectors.betalingen_aan_aanvrager(aanvraag=aanvraag))
    regels = kostenregels(aanvraag) if besluit.uitkomst != Uitkomst.BUITEN_BEHANDELING else ()
    return BesluitOpScherm(
        besluit=besluit,
        uitkomst=Uitkomst(besluit.uitkomst),
        kostenregels=regels,
        aangevraagd=sum((r.aangevraagd for r in regels), Decimal("0")),
        betalingen=betalingen,
        betaald=sum((b.bedrag for b in betalingen), Decimal("0")),
    )


@login_required
def detail(request, pk):
    """Status page for the applicant: plain-language status, deadline, open requests, and
    once sent the decision: outcome, granted per cost line, payments, what is still to come."""
    aanvraag = _eigen_aanvraag(request, pk)
    if aanvraag.is_concept:
        return redirect("aanvragen:controleren", pk=aanvraag.pk)
    brieven = list(brieven_van_aanvraag(aanvraag=aanvraag))
    context = {
        "besluit": _besluit_op_scherm(aanvraag),
        "aanvraag": aanvraag,
        "kostenposten": aanvraag.kostenposten.select_related("categorie"),
        "totalen": categorie_totalen(aanvraag),
        "aanvulverzoeken": aanvraag.aanvulverzoeken.prefetch_related("bestanden"),
        "kan_intrekken": permissions.can_aanvraag_intrekken(request.user, aanvraag),
        "brieven": brieven,
        "besluit_verzonden_op": selectors.besluit_verzonden_op(aanvraag=aanvraag),
        "voornemen": selectors.open_voornemen(aanvraag=aanvraag),
        **_reageren_context(request, aanvraag),
        "bezwaren": _bezwaren_op_scherm(aanvraag, brieven),
    }
    return render(request, "aanvragen/detail.html", context)


@dataclass(frozen=True)
class BezwaarOpScherm:
    """An objection as the applicant's status page shows it: receipt, the 7:10 date (with a
    postponement or delay), the hearing, and once sent the decision on it with its letter.
    Only what the objector was told: never an internal note or the hearing's report."""

    bezwaar: Bezwaar
    beslissing: Besluit | None
    brief: object | None

    @property
    def hoorzitting_gepland(self) -> bool:
        return self.bezwaar.hoorzitting in (Hoorzitting.GEPLAND, Hoorzitting.GEHOUDEN)

    @property
    def loopt(self) -> bool:
        return self.beslissing is None and self.bezwaar.ingetrokken_op is None


def _bezwaren_op_scherm(aanvraag: Aanvraag, brieven: list) -> list[BezwaarOpScherm]:
    """The claim's objections, oldest first, each with its sent decision and that letter."""
    verzonden = Prefetch(
        "beslissingen",
        queryset=Besluit.objects.filter(
            soort=BesluitSoort.BEZWAAR, status=BesluitStatus.VERZONDEN
        ).order_by("-versie"),
        to_attr="verzonden_beslissingen",
    )
    bezwaren = (
        Bezwaar.objects.filter(besluit__aanvraag=aanvraag)
        .select_related("besluit")
        .prefetch_related(verzonden)
        .order_by("ontvangen_op", "pk")
    )
    resultaat = []
    for bezwaar in bezwaren:
        beslissing = next(iter(bezwaar.verzonden_beslissingen), None)
        brief = next(
            (b for b in brieven if beslissing is not None and b.besluit_id == beslissing.pk), None
        )
        resultaat.append(BezwaarOpScherm(bezwaar=bezwaar, beslissing=beslissing, brief=brief))
    return resultaat


def _reageren_context(request, aanvraag: Aanvraag) -> dict:
    """What the status page offers to reply online, and the replies already received."""
    voornemen = selectors.open_voornemen(aanvraag=aanvraag)
    besluit = reacties.laatst_verzonden_besluit(aanvraag)
    return {
        "kan_zienswijze_geven": bool(
            voornemen
            and permissions.can_zienswijze_geven(request.user, voornemen)
            and not reacties.zienswijze_termijn_verstreken(voornemen)
        ),
        "kan_bezwaar_maken": bool(besluit and permissions.can_bezwaar_maken(request.user, besluit)),
        "kan_ingebrekestelling": permissions.can_ingebrekestelling_sturen(request.user, aanvraag),
        "online_zienswijzen": aanvraag.voornemens.filter(zienswijze_ontvangen_op__isnull=False),
    }


@login_required
def verwijderen(request, pk):
    """Confirm, then delete the user's own draft; a submitted claim is a 404 here."""
    aanvraag = _eigen_aanvraag(request, pk)
    if not permissions.can_aanvraag_verwijderen(request.user, aanvraag):
        raise Http404
    if request.method == "POST":
        services.aanvraag_concept_verwijderen(aanvraag=aanvraag, door=request.user)
        messages.success(request, _("Uw concept-aanvraag is verwijderd."))
        return redirect("aanvragen:lijst")
    return render(request, "aanvragen/verwijderen.html", {"aanvraag": aanvraag})


@login_required
def intrekken(request, pk):
    aanvraag = _eigen_aanvraag(request, pk)
    if aanvraag.is_concept:
        # A draft was never sent: there is nothing to withdraw, only to delete.
        return redirect("aanvragen:verwijderen", pk=aanvraag.pk)
    if not permissions.can_aanvraag_intrekken(request.user, aanvraag):
        messages.error(request, _("Deze aanvraag kan niet meer worden ingetrokken."))
        return redirect("aanvragen:detail", pk=aanvraag.pk)
    form = IntrekkenForm(_post(request))
    if request.method == "POST" and form.is_valid():
        services.aanvraag_intrekken(
            aanvraag=aanvraag, door=request.user, toelichting=form.cleaned_data["toelichting"]
        )
        messages.success(request, _("Uw aanvraag is ingetrokken."))
        return redirect("aanvragen:detail", pk=aanvraag.pk)
    return render(request, "aanvragen/intrekken.html", {"aanvraag": aanvraag, "form": form})


@login_required
def aanvulling(request, pk, av):
    """Answer a request for more information with text and files."""
    aanvraag = _eigen_aanvraag(request, pk)
    verzoek = get_object_or_404(Aanvulverzoek, pk=av, aanvraag=aanvraag)
    if not permissions.can_aanvulverzoek_beantwoorden(request.user, verzoek):
        return redirect("aanvragen:detail", pk=aanvraag.pk)
    form = AanvullingForm(_post(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.aanvulverzoek_beantwoorden(
                aanvulverzoek=verzoek,
                door=request.user,
                antwoord=form.cleaned_data["antwoord"],
                bestanden=form.cleaned_data["bestanden"],
            )
        except ValidationError as exc:
            veld = "antwoord" if exc.code == "leeg" else "bestanden"
            form.add_error(veld, exc.messages[0])
        else:
            messages.success(request, _("Uw aanvulling is verstuurd."))
            return redirect("aanvragen:detail", pk=aanvraag.pk)
    context = {"aanvraag": aanvraag, "verzoek": verzoek, "form": form, "forms": [form]}
    return render(request, "aanvragen/aanvulling.html", context, status=400 if form.errors else 200)


# --- replies online: view (4:7), objection (6:4), notice of default (4:17) -------------------


@login_required
def zienswijze(request, pk, vn):
    """Give a view on an intended refusal online while its term runs; after it, say why not."""
    aanvraag = _eigen_aanvraag(request, pk)
    voornemen = get_object_or_404(Voornemen, pk=vn, aanvraag=aanvraag)
    if voornemen.zienswijze_ontvangen_op:
        return redirect("aanvragen:zienswijze_ontvangen", pk=aanvraag.pk, vn=voornemen.pk)
    if not permissions.can_zienswijze_geven(request.user, voornemen):
        messages.info(request, _("Op dit voornemen kunt u online niet (meer) reageren."))
        return redirect("aanvragen:detail", pk=aanvraag.pk)
    context = {"aanvraag": aanvraag, "voornemen": voornemen}
    if reacties.zienswijze_termijn_verstreken(voornemen):
        return render(request, "aanvragen/zienswijze.html", {**context, "verstreken": True})
    form = ZienswijzeForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            reacties.zienswijze_geven(
                voornemen_id=voornemen.pk, door=request.user, tekst=form.cleaned_data["tekst"]
            )
        except ValidationError as exc:
            if exc.code == "termijn":
                return render(
                    request,
                    "aanvragen/zienswijze.html",
                    {**context, "verstreken": True},
                    status=400,
                )
            form.add_error("tekst", exc.messages[0])
        else:
            return redirect("aanvragen:zienswijze_ontvangen", pk=aanvraag.pk, vn=voornemen.pk)
    context.update(form=form, forms=[form])
    return render(request, "aanvragen/zienswijze.html", context, status=400 if form.errors else 200)


@login_required
def zienswijze_ontvangen(request, pk, vn):
    """Receipt of a view given online: when it came in and what happens next."""
    aanvraag = _eigen_aanvraag(request, pk)
    voornemen = get_object_or_404(
        Voornemen, pk=vn, aanvraag=aanvraag, zienswijze_ontvangen_op__isnull=False
    )
    return render(
        request,
        "aanvragen/reactie_ontvangen.html",
        {
            "aanvraag": aanvraag,
            "soort": "zienswijze",
            "ontvangen_op": voornemen.zienswijze_ontvangen_op,
        },
    )


@login_required
def bezwaar(request, pk):
    """Lodge an objection online against the latest sent decision (a late one is flagged)."""
    aanvraag = _eigen_aanvraag(request, pk)
    besluit = reacties.laatst_verzonden_besluit(aanvraag)
    if besluit is None:
        raise Http404
    if not permissions.can_bezwaar_maken(request.user, besluit):
        messages.info(request, _("Tegen dit besluit kunt u nu online geen bezwaar maken."))
        return redirect("aanvragen:detail", pk=aanvraag.pk)
    form = BezwaarForm(_post(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = reacties.bezwaar_maken(
                besluit_id=besluit.pk,
                door=request.user,
                gronden=form.cleaned_data["gronden"],
                bestanden=form.cleaned_data["bestanden"],
            )
        except ValidationError as exc:
            form.add_error("gronden" if exc.code == "leeg" else "bestanden", exc.messages[0])
        else:
            return redirect("aanvragen:bezwaar_ontvangen", pk=aanvraag.pk, bz=nieuw.pk)
    context = {
        "aanvraag": aanvraag,
        "besluit": besluit,
        "na_termijn": bool(
            besluit.bezwaartermijn_einde and besluit.bezwaartermijn_einde < timezone.localdate()
        ),
        "form": form,
        "forms": [form],
    }
    return render(request, "aanvragen/bezwaar.html", context, status=400 if form.errors else 200)


@login_required
def bezwaar_ontvangen(request, pk, bz):
    """Receipt of an objection lodged online, with its date of receipt."""
    aanvraag = _eigen_aanvraag(request, pk)
    gevonden = get_object_or_404(
        Bezwaar.objects.select_related("besluit"),
        pk=bz,
        besluit__aanvraag=aanvraag,
        online_ingediend=True,
    )
    return render(
        request,
        "aanvragen/reactie_ontvangen.html",
        {
            "aanvraag": aanvraag,
            "soort": "bezwaar",
            "bezwaar": gevonden,
            "ontvangen_op": gevonden.geregistreerd_op,
            "bestanden": gevonden.bestanden.all(),
        },
    )


@login_required
def ingebrekestelling(request, pk):
    """Give notice of default online once the decision deadline has passed (4:17)."""
    aanvraag = _eigen_aanvraag(request, pk)
    if aanvraag.ingebrekestelling_op:
        return redirect("aanvragen:ingebrekestelling_ontvangen", pk=aanvraag.pk)
    if aanvraag.status not in BESLISTERMIJN_LOOPT:
        messages.info(request, _("Er is al een besluit: een ingebrekestelling kan niet meer."))
        return redirect("aanvragen:detail", pk=aanvraag.pk)
    context = {"aanvraag": aanvraag}
    if not permissions.can_ingebrekestelling_sturen(request.user, aanvraag):
        return render(request, "aanvragen/ingebrekestelling.html", {**context, "te_vroeg": True})
    form = IngebrekestellingForm(_post(request))
    if request.method == "POST" and form.is_valid():
        reacties.ingebrekestelling_sturen(aanvraag_id=aanvraag.pk, door=request.user)
        return redirect("aanvragen:ingebrekestelling_ontvangen", pk=aanvraag.pk)
    context.update(form=form, forms=[form])
    return render(
        request, "aanvragen/ingebrekestelling.html", context, status=400 if form.errors else 200
    )


@login_required
def ingebrekestelling_ontvangen(request, pk):
    """Receipt of a notice of default: its date and the first possible penalty day."""
    aanvraag = _eigen_aanvraag(request, pk)
    if not aanvraag.ingebrekestelling_op:
        raise Http404
    return render(
        request,
        "aanvragen/reactie_ontvangen.html",
        {
            "aanvraag": aanvraag,
            "soort": "ingebrekestelling",
            "ontvangen_op": aanvraag.ingebrekestelling_op,
            "dwangsom_vanaf": dwangsom_eerste_dag(aanvraag.ingebrekestelling_op),
        },
    )


@login_required
def bezwaar_bestand_downloaden(request, pk, bs):
    """Serve a file sent with an objection, to the applicant or BZK case staff (logged)."""
    aanvraag = get_object_or_404(selectors.aanvragen_zichtbaar_voor(user=request.user), pk=pk)
    bestand = get_object_or_404(BezwaarBestand, pk=bs, bezwaar__besluit__aanvraag=aanvraag)
    return _zaakbestand_serveren(request, aanvraag, bestand, "bezwaar")
