"""Business actions on claims. One function per action; each checks actor and status.

Refusals raise `PermissionDenied` (the actor may not) or `ValidationError` (the claim is not
in a state or shape that allows it), both with a Dutch message. Locks, status changes and the
decision term come from the claim's core (`aanvragen.kern`), as in the back office.
"""

import logging
from collections.abc import Iterable
from decimal import Decimal

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aanvragen.brieven.services import ontvangstbevestiging_inplannen
from fondsbeveiliging.accounts.ambten import lopende_ambten
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.core.db import append_only_vernietigen_toestaan
from fondsbeveiliging.core.models import bestanden_wissen_bij_fout
from fondsbeveiliging.core.uploads import check_upload
from fondsbeveiliging.termijnen.berekening import beslistermijn_einde

from . import permissions
from .constants import KENMERK_PREFIX, AanvraagStatus
from .controles import (
    check_iban,
    plafondsignalen,
    problemen_bij_indienen,
    reden_ambt_beeindigd,
    reden_niet_toegestaan,
)
from .kern import beslistermijn_herberekenen, lock_aanvraag, status_wijzigen
from .models import (
    Aanvraag,
    AanvullingBestand,
    Aanvulverzoek,
    Bewijsstuk,
    KenmerkTeller,
    Kostenpost,
    StatusWijziging,
)
from .selectors import (
    eerder_aangevraagd,
    meldingen_koppelbaar,
    regeling_op,
    regeling_voor_concept,
)

logger = logging.getLogger(__name__)

GEGEVENS_VELDEN = frozenset(
    {
        "correspondentie_adres",
        "correspondentie_postcode",
        "correspondentie_plaats",
        "maatregel_bij_woning",
        "woonadres",
        "woon_postcode",
        "woon_plaats",
        "uw_kenmerk",
        "iban",
        "rekeninghouder",
        "rekening_soort",
    }
)
WOONADRES_VELDEN = ("woonadres", "woon_postcode", "woon_plaats")
KOSTENPOST_VELDEN = frozenset(
    {"categorie", "omschrijving", "leverancier", "factuurnummer", "bedrag", "aard"}
)


def _check_bewerkbaar(aanvraag: Aanvraag, door) -> None:
    if not permissions.can_aanvraag_wijzigen(door, aanvraag):
        raise PermissionDenied(_("U kunt deze aanvraag niet meer wijzigen."))


@transaction.atomic
def aanvraag_aanmaken(*, aanvrager, ambt=None) -> Aanvraag:
    """Start a draft claim for an eligible office holder, prefilled from their account.

    `ambt` is the office the claim is for; it may be left out when the person holds one
    running office (or none as a row: an account from before offices were rows).
    """
    if not permissions.can_aanvraag_aanmaken(aanvrager):
        raise PermissionDenied(_("Alleen ambtsdragers kunnen een aanvraag doen."))
    if not permissions.can_aanvraag_starten(aanvrager):
        raise ValidationError(reden_ambt_beeindigd(aanvrager), code="ambt_beeindigd")
    ambt = _gekozen_ambt(aanvrager, ambt)
    regeling = regeling_op(datum=timezone.localdate())
    reden = reden_niet_toegestaan(aanvrager, regeling, ambt.ambtstype if ambt else "")
    if reden:
        raise ValidationError(reden, code="niet_toegestaan")
    aanvraag = Aanvraag.objects.create(
        aanvrager=aanvrager,
        regeling=regeling,
        aanvrager_naam=aanvrager.get_full_name() or aanvrager.email,
        ambt=ambt,
        ambtstype=ambt.ambtstype if ambt else aanvrager.ambtstype,
        gemeente_id=ambt.gemeente_id if ambt else aanvrager.gemeente_id,
        in_functie_sinds=ambt.sinds if ambt else aanvrager.in_functie_sinds,
        correspondentie_adres=aanvrager.correspondentie_adres,
        correspondentie_postcode=aanvrager.correspondentie_postcode,
        correspondentie_plaats=aanvrager.correspondentie_plaats,
    )
    StatusWijziging.objects.create(aanvraag=aanvraag, naar=AanvraagStatus.CONCEPT, door=aanvrager)
    return aanvraag


def _gekozen_ambt(aanvrager, ambt):
    """The running office the claim is for; refused when it is not one of the person's."""
    lopend = list(lopende_ambten(aanvrager))
    if ambt is None and len(lopend) > 1:
        raise ValidationError(_("Kies voor welk ambt u de aanvraag doet."), code="ambt_kiezen")
    if ambt is None:
        return lopend[0] if lopend else None
    if ambt not in lopend:
        raise ValidationError(
            _("Dit ambt loopt niet (meer); kies een van uw lopende ambten."), code="ambt_kiezen"
        )
    return ambt


@transaction.atomic
def aanvraag_bijwerken(*, aanvraag: Aanvraag, door, velden: dict, meldingen=None) -> Aanvraag:
    """Save applicant, home-address or payee fields of a draft (partial input allowed).

    The home address is erased when no measure is at the home: it is kept only when needed.
    """
    aanvraag = lock_aanvraag(aanvraag.pk)
    _check_bewerkbaar(aanvraag, door)
    onbekend = set(velden) - GEGEVENS_VELDEN
    if onbekend:
        raise ValueError(f"Not editable by the applicant: {sorted(onbekend)}")
    for veld, waarde in velden.items():
        setattr(aanvraag, veld, waarde)
    gewijzigd = set(velden)
    if aanvraag.maatregel_bij_woning is not True:
        for veld in WOONADRES_VELDEN:
            setattr(aanvraag, veld, None)
        gewijzigd.update(WOONADRES_VELDEN)
    aanvraag.save(update_fields=[*sorted(gewijzigd), "gewijzigd_op"])
    if meldingen is not None:
        _meldingen_koppelen(aanvraag, door, meldingen)
    return aanvraag


def _meldingen_koppelen(aanvraag: Aanvraag, door, meldingen) -> None:
    toegestaan = set(meldingen_koppelbaar(user=door).values_list("pk", flat=True))
    gekozen = {m.pk for m in meldingen}
    if not gekozen <= toegestaan:
        raise ValidationError(_("U kunt alleen uw eigen meldingen koppelen."), code="melding")
    aanvraag.meldingen.set(gekozen)


def _bedrag_bijwerken(aanvraag: Aanvraag) -> None:
    totaal = aanvraag.kostenposten.aggregate(t=Sum("bedrag"))["t"] or Decimal("0")
    aanvraag.bedrag_aangevraagd = totaal
    aanvraag.save(update_fields=["bedrag_aangevraagd", "gewijzigd_op"])


@transaction.atomic
def kostenpost_toevoegen(*, aanvraag: Aanvraag, door) -> Kostenpost:
    """Add an empty cost line to a draft; the applicant fills it in next."""
    aanvraag = lock_aanvraag(aanvraag.pk)
    _check_bewerkbaar(aanvraag, door)
    maximum = settings.AANVRAAG_MAX_KOSTENPOSTEN
    if aanvraag.kostenposten.count() >= maximum:
        raise ValidationError(
            ngettext(
                "Een aanvraag kan hooguit %(max)s kostenpost hebben.",
                "Een aanvraag kan hooguit %(max)s kostenposten hebben.",
                maximum,
            )
            % {"max": maximum},
            code="te_veel_kostenposten",
        )
    return Kostenpost.objects.create(aanvraag=aanvraag)


@transaction.atomic
def kostenpost_bijwerken(*, kostenpost: Kostenpost, door, velden: dict) -> Kostenpost:
    """Save the fields of one cost line of a draft (partial input allowed)."""
    aanvraag = lock_aanvraag(kostenpost.aanvraag_id)
    _check_bewerkbaar(aanvraag, door)
    onbekend = set(velden) - KOSTENPOST_VELDEN
    if onbekend:
        raise ValueError(f"Not editable: {sorted(onbekend)}")
    categorie = velden.get("categorie")
    if (
        categorie is not None
        and categorie.regeling_id != regeling_voor_concept(aanvraag=aanvraag).pk
    ):
        raise ValidationError(_("Kies een soort kosten uit de lijst."), code="categorie")
    for veld, waarde in velden.items():
        setattr(kostenpost, veld, waarde)
    kostenpost.save(update_fields=sorted(velden))
    _bedrag_bijwerken(aanvraag)
    return kostenpost


@transaction.atomic
def kostenpost_verwijderen(*, kostenpost: Kostenpost, door) -> None:
    """Remove a cost line and its evidence from a draft."""
    aanvraag = lock_aanvraag(kostenpost.aanvraag_id)
    _check_bewerkbaar(aanvraag, door)
    bestanden = [b.bestand.name for b in kostenpost.bewijsstukken.all()]
    kostenpost.delete()
    _bedrag_bijwerken(aanvraag)
    transaction.on_commit(lambda: _bestanden_wissen(bestanden))


def _bestanden_wissen(namen: Iterable[str]) -> None:
    storage = Bewijsstuk._meta.get_field("bestand").storage
    for naam in namen:
        storage.delete(naam)


@bestanden_wissen_bij_fout
@transaction.atomic
def bewijsstuk_toevoegen(*, kostenpost: Kostenpost, door, bestand, soort: str) -> Bewijsstuk:
    """Check an uploaded file by content and store it as evidence of a draft cost line."""
    aanvraag = lock_aanvraag(kostenpost.aanvraag_id)
    _check_bewerkbaar(aanvraag, door)
    if kostenpost.bewijsstukken.count() >= settings.UPLOAD_MAX_FILES:
        raise ValidationError(
            _("U kunt hooguit %(max)s bestanden per kostenpost toevoegen.")
            % {"max": settings.UPLOAD_MAX_FILES},
            code="te_veel",
        )
    _check_bewijs_per_aanvraag(aanvraag, erbij=0)
    gecontroleerd = check_upload(bestand)
    _check_bewijs_per_aanvraag(aanvraag, erbij=gecontroleerd.grootte)
    return Bewijsstuk.opslaan(
        uploaded=bestand, checked=gecontroleerd, door=door, kostenpost=kostenpost, soort=soort
    )


def _check_bewijs_per_aanvraag(aanvraag: Aanvraag, *, erbij: int) -> None:
    """One more evidence file of `erbij` bytes keeps the claim within its limits.

    Per cost line the number of files is capped too (bewijsstuk_toevoegen); these caps are
    over all cost lines of the claim: the number of files and their total size.
    """
    bewijs = Bewijsstuk.objects.filter(kostenpost__aanvraag=aanvraag).aggregate(
        aantal=Count("pk"), totaal=Sum("grootte")
    )
    if bewijs["aantal"] >= settings.AANVRAAG_MAX_BESTANDEN:
        raise ValidationError(
            _("Een aanvraag kan hooguit %(max)s bestanden als bewijs hebben.")
            % {"max": settings.AANVRAAG_MAX_BESTANDEN},
            code="te_veel",
        )
    if (bewijs["totaal"] or 0) + erbij > settings.UPLOAD_MAX_TOTAL_BYTES:
        raise ValidationError(
            _(
                "De bewijsstukken van een aanvraag mogen samen hooguit %(max)s zijn. "
                "Verwijder eerst een bestand of kies een kleiner bestand."
            )
            % {"max": filesizeformat(settings.UPLOAD_MAX_TOTAL_BYTES)},
            code="te_groot_totaal",
        )


@transaction.atomic
def bewijsstuk_verwijderen(*, bewijsstuk: Bewijsstuk, door) -> None:
    """Remove one evidence file from a draft cost line."""
    aanvraag = lock_aanvraag(bewijsstuk.kostenpost.aanvraag_id)
    _check_bewerkbaar(aanvraag, door)
    naam = bewijsstuk.bestand.name
    bewijsstuk.delete()
    transaction.on_commit(lambda: _bestanden_wissen([naam]))


@transaction.atomic
def aanvraag_concept_verwijderen(*, aanvraag: Aanvraag, door) -> None:
    """The applicant deletes their own draft for good: cost lines, evidence and history.

    A draft was never received by BZK, so nothing is kept, also not its model history. The
    files go after commit (a crash can leave a file without a row, never the reverse).
    """
    aanvraag = lock_aanvraag(aanvraag.pk)
    _check_bewerkbaar(aanvraag, door)
    append_only_vernietigen_toestaan()
    bewijs = Bewijsstuk.objects.filter(kostenpost__aanvraag=aanvraag)
    namen = [naam for naam in bewijs.values_list("bestand", flat=True) if naam]
    with disable_auditlog():
        bewijs.delete()
        Kostenpost.objects.filter(aanvraag=aanvraag).delete()
        StatusWijziging.objects.filter(aanvraag=aanvraag).delete()
        aanvraag.meldingen.clear()
        pk = aanvraag.pk
        aanvraag.delete()
    LogEntry.objects.filter(
        content_type__app_label="aanvragen", content_type__model="aanvraag", object_pk=str(pk)
    ).delete()
    transaction.on_commit(lambda: _bestanden_wissen(namen))


def kenmerk_uitgeven(*, jaar: int) -> str:
    """Return the next case reference of `jaar`; call inside the submitting transaction.

    The counter row is locked until commit, so concurrent submissions queue here and a
    rolled-back submission gives its number back: no gaps, no duplicates.
    """
    KenmerkTeller.objects.bulk_create([KenmerkTeller(jaar=jaar)], ignore_conflicts=True)
    teller = KenmerkTeller.objects.select_for_update().get(jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"{KENMERK_PREFIX}-{jaar}-{teller.laatste:06d}"


@transaction.atomic
def aanvraag_indienen(*, aanvraag: Aanvraag, door) -> Aanvraag:
    """Submit a complete draft: kenmerk, receipt time, policy version, decision deadline.

    Caps are not a reason to refuse: exceeding one is recorded for the assessor.
    The receipt letter (4:3a) and the acknowledgement e-mail are stored in this transaction
    and sent after commit.
    """
    aanvraag = lock_aanvraag(aanvraag.pk)
    if not permissions.can_aanvraag_indienen(door, aanvraag):
        raise PermissionDenied(_("U kunt deze aanvraag niet indienen."))
    ontvangen = timezone.now()
    regeling = regeling_op(datum=timezone.localdate(ontvangen))
    problemen = problemen_bij_indienen(aanvraag, regeling)
    if problemen:
        raise ValidationError([p.tekst for p in problemen], code="onvolledig")
    check_iban(aanvraag.iban, buitenland_toegestaan=regeling.buitenlandse_iban_toegestaan)
    signalen = plafondsignalen(
        aanvraag, regeling, eerder_aangevraagd(aanvraag=aanvraag, regeling=regeling)
    )
    for kostenpost in aanvraag.kostenposten.select_related("categorie"):
        kostenpost.plafond_bij_indiening = kostenpost.categorie.plafond
        kostenpost.save(update_fields=["plafond_bij_indiening"])
    aanvraag.kenmerk = kenmerk_uitgeven(jaar=timezone.localdate(ontvangen).year)
    aanvraag.ingediend_op = ontvangen
    aanvraag.regeling = regeling
    aanvraag.beslistermijn_einde = beslistermijn_einde(
        timezone.localdate(ontvangen), weken=regeling.beslistermijn_weken
    )
    aanvraag.plafondsignalen = signalen
    aanvraag.plafond_overschreden = bool(signalen)
    aanvraag.verklaring_akkoord = True
    aanvraag.save(
        update_fields=[
            "kenmerk",
            "ingediend_op",
            "regeling",
            "beslistermijn_einde",
            "plafondsignalen",
            "plafond_overschreden",
            "verklaring_akkoord",
            "gewijzigd_op",
        ]
    )
    status_wijzigen(aanvraag, AanvraagStatus.INGEDIEND, door=door)
    _ontvangst_bevestigen(aanvraag)
    logger.info("aanvraag_ingediend kenmerk=%s", aanvraag.kenmerk)
    return aanvraag


def _ontvangst_bevestigen(aanvraag: Aanvraag) -> None:
    """Store the receipt letter and the acknowledgement e-mail with the submission.

    Both are rows of the submitting transaction, so a crash right after commit cannot lose
    them; each is queued after commit, and a sweeper re-queues what the broker loses.
    """
    ontvangstbevestiging_inplannen(aanvraag_id=aanvraag.pk)  # the 4:3a receipt letter
    _ontvangstbevestiging_klaarzetten(aanvraag)


def _ontvangstbevestiging_klaarzetten(aanvraag: Aanvraag) -> Bericht:
    """Put the acknowledgement e-mail (kenmerk and expected decision date only) in the outbox.

    Rendered in the site language whatever the request's language, as the worker used to:
    the dates are written in Dutch.
    """
    context = {
        "aanvraag": aanvraag,
        "status_url": settings.SITE_URL + reverse("aanvragen:detail", kwargs={"pk": aanvraag.pk}),
    }
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = _("Ontvangstbevestiging aanvraag %(kenmerk)s") % {"kenmerk": aanvraag.kenmerk}
        tekst = render_to_string("aanvragen/email/ontvangstbevestiging.txt", context)
    return bericht_klaarzetten(
        sleutel=ontvangstbevestiging_sleutel(aanvraag.pk),
        aan=aanvraag.aanvrager.email,
        onderwerp=onderwerp,
        tekst=tekst,
    )


def ontvangstbevestiging_sleutel(aanvraag_id: int) -> str:
    """The outbox key of a claim's acknowledgement e-mail: one message per claim."""
    return f"ontvangstbevestiging:aanvraag:{aanvraag_id}"


@transaction.atomic
def aanvraag_intrekken(*, aanvraag: Aanvraag, door, toelichting: str = "") -> Aanvraag:
    """Withdraw a submitted claim on the applicant's request, before a decision."""
    aanvraag = lock_aanvraag(aanvraag.pk)
    if not permissions.can_aanvraag_intrekken(door, aanvraag):
        if permissions.can_aanvraag_bekijken(door, aanvraag) and door.pk == aanvraag.aanvrager_id:
            raise ValidationError(
                _("Deze aanvraag kan niet meer worden ingetrokken: er is al een besluit."),
                code="transitie",
            )
        raise PermissionDenied(_("U kunt deze aanvraag niet intrekken."))
    status_wijzigen(aanvraag, AanvraagStatus.INGETROKKEN, door=door, toelichting=toelichting)
    return aanvraag


@bestanden_wissen_bij_fout
@transaction.atomic
def aanvulverzoek_beantwoorden(
    *, aanvulverzoek: Aanvulverzoek, door, antwoord: str, bestanden: Iterable = ()
) -> Aanvulverzoek:
    """Record the applicant's answer (text and files) to a request for more information.

    All files are checked first: one rejected file stores nothing, so the answer is whole.
    The decision clock runs again from the answer (the deadline is recomputed).
    """
    aanvraag = lock_aanvraag(aanvulverzoek.aanvraag_id)
    verzoek = Aanvulverzoek.objects.select_for_update().get(pk=aanvulverzoek.pk)
    if not permissions.can_aanvulverzoek_beantwoorden(door, verzoek):
        raise PermissionDenied(_("U kunt dit verzoek niet (meer) beantwoorden."))
    bestanden = list(bestanden)
    if len(bestanden) > settings.UPLOAD_MAX_FILES:
        raise ValidationError(
            _("U kunt hooguit %(max)s bestanden meesturen.") % {"max": settings.UPLOAD_MAX_FILES},
            code="te_veel",
        )
    if not antwoord.strip() and not bestanden:
        raise ValidationError(_("Geef een antwoord of voeg een bestand toe."), code="leeg")
    gecontroleerd = [(bestand, check_upload(bestand)) for bestand in bestanden]
    if sum(check.grootte for _bestand, check in gecontroleerd) > settings.UPLOAD_MAX_TOTAL_BYTES:
        raise ValidationError(
            _("De bestanden mogen samen hooguit %(max)s zijn.")
            % {"max": filesizeformat(settings.UPLOAD_MAX_TOTAL_BYTES)},
            code="te_groot_totaal",
        )
    for bestand, check in gecontroleerd:
        AanvullingBestand.opslaan(uploaded=bestand, checked=check, door=door, aanvulverzoek=verzoek)
    verzoek.antwoord = antwoord.strip()
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(update_fields=["antwoord", "beantwoord_op"])
    status_wijzigen(aanvraag, AanvraagStatus.AANGEVULD, door=door)
    beslistermijn_herberekenen(aanvraag=aanvraag)
    return verzoek
