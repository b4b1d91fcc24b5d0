"""Business actions on meldingen. Views and the admin call these, nothing else writes.

Each action re-reads the melding with SELECT ... FOR UPDATE, checks the actor and the
transition table, saves with `update_fields` and appends a history row.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fondsbeveiliging.accounts.ambten import lopende_ambten
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.core.db import append_only_vernietigen_toestaan
from fondsbeveiliging.core.models import bestanden_wissen_bij_fout
from fondsbeveiliging.core.uploads import check_upload

from . import permissions
from .constants import (
    REFERENTIE_PREFIX,
    VERPLICHTE_VELDEN,
    Gebeurtenis,
    MeldingStatus,
    is_toegestane_overgang,
)
from .models import Aanvulling, Bijlage, Melding, MeldingHistorie, Referentieteller

# Fields the owner may fill while the melding is a concept.
CONCEPT_VELDEN = (
    "ambt",
    "datum_van",
    "datum_tot",
    "categorieen",
    "categorie_anders",
    "omschrijving",
    "locatie",
    "kanaal",
    "gericht_op",
    "doelwitten",
    "dader",
    "herhaald",
    "intern_gemeld",
    "aangifte",
    "aangifte_kenmerk",
    "domicilie_gebruikt",
    "impact",
    "psychische_impact",
    "ondersteuning",
)


def _lock(melding: Melding) -> Melding:
    return Melding.objects.select_for_update().get(pk=melding.pk)


def _historie(melding, *, gebeurtenis, van, door, toelichting="", intern=False):
    return MeldingHistorie.objects.create(
        melding=melding,
        gebeurtenis=gebeurtenis,
        van_status=van,
        naar_status=melding.status,
        door=door,
        toelichting=toelichting,
        intern=intern,
    )


def _overgang(melding: Melding, naar: str) -> None:
    if not is_toegestane_overgang(melding.status, naar):
        raise ValidationError(
            _("Deze stap kan niet: de melding heeft status %(status)s.")
            % {"status": melding.get_status_display()},
            code="ongeldige_overgang",
        )


@transaction.atomic
def melding_aanmaken(*, eigenaar) -> Melding:
    """Start a concept for an office holder; nobody but the owner sees it."""
    if not (eigenaar.is_active and eigenaar.is_ambtsdrager):
        raise PermissionDenied
    melding = Melding.objects.create(eigenaar=eigenaar)
    _historie(melding, gebeurtenis=Gebeurtenis.AANGEMAAKT, van="", door=eigenaar)
    return melding


@transaction.atomic
def melding_concept_opslaan(*, melding: Melding, door, gegevens: dict) -> Melding:
    """Store the answers given so far; only known fields, only while it is a concept."""
    melding = _lock(melding)
    if not permissions.can_melding_wijzigen(door, melding):
        raise PermissionDenied
    velden = [veld for veld in CONCEPT_VELDEN if veld in gegevens]
    ambt = gegevens.get("ambt")
    if ambt is not None and ambt not in lopende_ambten(melding.eigenaar):
        raise PermissionDenied  # only the owner's own running offices
    for veld in velden:
        setattr(melding, veld, gegevens[veld])
    if velden:
        melding.save(update_fields=[*velden, "gewijzigd_op"])
    return melding


def ontbrekende_velden(melding: Melding) -> list[str]:
    """Required answers still missing; empty when the melding may be sent."""
    ontbreekt = [veld for veld in VERPLICHTE_VELDEN if getattr(melding, veld) in (None, "", [], ())]
    if "anders" in melding.categorieen and not melding.categorie_anders.strip():
        ontbreekt.append("categorie_anders")
    return ontbreekt


def _volgende_referentie() -> str:
    """Hand out the next reference of this year; call inside the sending transaction."""
    jaar = timezone.localdate().year
    # Insert the year's row if it is missing (a concurrent insert just waits), then lock it.
    Referentieteller.objects.bulk_create(
        [Referentieteller(jaar=jaar, laatste=0)], ignore_conflicts=True
    )
    teller = Referentieteller.objects.select_for_update().get(jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"{REFERENTIE_PREFIX}-{jaar}-{teller.laatste:06d}"


@transaction.atomic
def melding_indienen(*, melding: Melding, door) -> Melding:
    """Send a complete concept to BZK: reference, timestamp, and a mail to the team.

    The mail to the team is put in the outbox in this transaction, so it is sent after
    commit and never lost to a crash in between (nor to a broker that drops the message).
    """
    melding = _lock(melding)
    if not permissions.can_melding_indienen(door, melding):
        raise PermissionDenied
    _overgang(melding, MeldingStatus.ONTVANGEN)
    if ontbrekende_velden(melding):
        raise ValidationError(
            _("De melding is nog niet compleet. Vul de ontbrekende vragen in."),
            code="onvolledig",
        )
    van = melding.status
    melding.status = MeldingStatus.ONTVANGEN
    melding.referentie = _volgende_referentie()
    melding.ingediend_op = timezone.now()
    # The chosen office, or the owner's office (the first running one) when none was chosen.
    melding.ambtstype = melding.ambt.ambtstype if melding.ambt else door.ambtstype
    melding.gemeente_id = melding.ambt.gemeente_id if melding.ambt else door.gemeente_id
    melding.save(
        update_fields=[
            "status",
            "referentie",
            "ingediend_op",
            "ambtstype",
            "gemeente",
            "gewijzigd_op",
        ]
    )
    _historie(melding, gebeurtenis=Gebeurtenis.INGEDIEND, van=van, door=door)
    _bzk_team_bericht_klaarzetten(melding)
    return melding


def _check_aantal(melding: Melding, erbij: int) -> None:
    maximum = settings.UPLOAD_MAX_FILES
    if melding.bijlagen.count() + erbij > maximum:
        raise ValidationError(
            ngettext(
                "Een melding kan maximaal %(max)d bestand hebben. "
                "Verwijder eerst een bestand als u een ander wilt toevoegen.",
                "Een melding kan maximaal %(max)d bestanden hebben. "
                "Verwijder eerst een bestand als u een ander wilt toevoegen.",
                maximum,
            )
            % {"max": maximum},
            code="te_veel_bestanden",
        )


def _check_totale_grootte(melding: Melding, erbij: int) -> None:
    """All files of one melding together stay within UPLOAD_MAX_TOTAL_BYTES."""
    maximum = settings.UPLOAD_MAX_TOTAL_BYTES
    al = melding.bijlagen.aggregate(totaal=Sum("grootte"))["totaal"] or 0
    if al + erbij > maximum:
        raise ValidationError(
            _(
                "De bestanden bij een melding mogen samen hooguit %(max)s zijn. "
                "Verwijder eerst een bestand of kies een kleiner bestand."
            )
            % {"max": filesizeformat(maximum)},
            code="te_groot_totaal",
        )


def _bijlage_opslaan(melding, *, door, uploaded, checked, aanvulling=None) -> Bijlage:
    return Bijlage.opslaan(
        uploaded=uploaded, checked=checked, door=door, melding=melding, aanvulling=aanvulling
    )


@bestanden_wissen_bij_fout
@transaction.atomic
def bijlage_toevoegen(*, melding: Melding, door, uploaded) -> Bijlage:
    """Check one uploaded file and keep it with the concept straight away."""
    melding = _lock(melding)
    if not permissions.can_melding_wijzigen(door, melding):
        raise PermissionDenied
    _check_aantal(melding, 1)
    checked = check_upload(uploaded)
    _check_totale_grootte(melding, checked.grootte)
    return _bijlage_opslaan(melding, door=door, uploaded=uploaded, checked=checked)


@transaction.atomic
def bijlage_verwijderen(*, bijlage: Bijlage, door) -> None:
    """Remove an attachment from a concept (after sending, attachments stay)."""
    melding = _lock(bijlage.melding)
    if not permissions.can_melding_wijzigen(door, melding):
        raise PermissionDenied
    bestand = bijlage.bestand
    storage, naam = bestand.storage, bestand.name
    bijlage.delete()
    transaction.on_commit(lambda: storage.delete(naam))


@transaction.atomic
def melding_concept_verwijderen(*, melding: Melding, door) -> None:
    """The author deletes their own draft for good, with its attachments and history.

    A concept was never sent, so BZK never received it: nothing of it is kept. The files go
    after commit (a crash can leave a file without a row, never a row without its file).
    """
    melding = _lock(melding)
    if not (permissions.can_melding_wijzigen(door, melding) and melding.is_concept):
        raise PermissionDenied
    append_only_vernietigen_toestaan()
    bijlagen = Bijlage.objects.filter(melding=melding)
    storage = Bijlage._meta.get_field("bestand").storage
    namen = [naam for naam in bijlagen.values_list("bestand", flat=True) if naam]
    bijlagen.delete()
    MeldingHistorie.objects.filter(melding=melding).delete()
    melding.delete()
    transaction.on_commit(lambda: [storage.delete(naam) for naam in namen])


@bestanden_wissen_bij_fout
@transaction.atomic
def melding_aanvullen(*, melding: Melding, door, tekst: str, bestanden=()) -> Aanvulling:
    """Add information after sending: text and files, all or nothing."""
    melding = _lock(melding)
    if not permissions.can_melding_aanvullen(door, melding):
        raise PermissionDenied
    if not tekst.strip() and not bestanden:
        raise ValidationError(_("Schrijf een aanvulling of kies een bestand."), code="leeg")
    _check_aantal(melding, len(bestanden))
    gecontroleerd = [(uploaded, check_upload(uploaded)) for uploaded in bestanden]
    _check_totale_grootte(melding, sum(checked.grootte for _uploaded, checked in gecontroleerd))
    aanvulling = Aanvulling.objects.create(melding=melding, tekst=tekst.strip(), door=door)
    for uploaded, checked in gecontroleerd:
        _bijlage_opslaan(
            melding, door=door, uploaded=uploaded, checked=checked, aanvulling=aanvulling
        )
    _historie(melding, gebeurtenis=Gebeurtenis.AANGEVULD, van=melding.status, door=door)
    return aanvulling


@transaction.atomic
def melding_intrekken(*, melding: Melding, door, toelichting: str = "") -> Melding:
    """The owner withdraws a sent melding; BZK keeps it, marked as withdrawn."""
    melding = _lock(melding)
    if not permissions.is_eigenaar(door, melding):
        raise PermissionDenied
    return _status_wijzigen(
        melding, naar=MeldingStatus.INGETROKKEN, door=door, toelichting=toelichting
    )


@transaction.atomic
def melding_in_behandeling_nemen(*, melding: Melding, door, toelichting: str) -> Melding:
    """An assessor takes up a received melding, with an internal note."""
    melding = _lock(melding)
    if not permissions.has_role_permission(door, permissions.PERM_BEHANDELEN):
        raise PermissionDenied
    return _status_wijzigen(
        melding, naar=MeldingStatus.IN_BEHANDELING, door=door, toelichting=toelichting, intern=True
    )


@transaction.atomic
def melding_afhandelen(*, melding: Melding, door, toelichting: str) -> Melding:
    """An assessor closes a melding under treatment, with an internal note."""
    melding = _lock(melding)
    if not permissions.has_role_permission(door, permissions.PERM_BEHANDELEN):
        raise PermissionDenied
    return _status_wijzigen(
        melding, naar=MeldingStatus.AFGEHANDELD, door=door, toelichting=toelichting, intern=True
    )


_GEBEURTENIS_BIJ_STATUS = {
    MeldingStatus.IN_BEHANDELING: Gebeurtenis.IN_BEHANDELING_GENOMEN,
    MeldingStatus.AFGEHANDELD: Gebeurtenis.AFGEHANDELD,
    MeldingStatus.INGETROKKEN: Gebeurtenis.INGETROKKEN,
}


def _status_wijzigen(melding, *, naar, door, toelichting, intern=False) -> Melding:
    """Apply one checked transition to a locked melding and record it."""
    _overgang(melding, naar)
    if intern and not toelichting.strip():
        raise ValidationError(_("Schrijf een interne notitie bij deze stap."), code="notitie")
    van = melding.status
    melding.status = naar
    melding.save(update_fields=["status", "gewijzigd_op"])
    _historie(
        melding,
        gebeurtenis=_GEBEURTENIS_BIJ_STATUS[naar],
        van=van,
        door=door,
        toelichting=toelichting.strip(),
        intern=intern,
    )
    return melding


def bzk_team_sleutel(melding_id: int) -> str:
    """The outbox key of the mail to the BZK team about one melding."""
    return f"melding:{melding_id}:bzk_team"


def _bzk_team_bericht_klaarzetten(melding: Melding) -> Bericht:
    """Put the mail to the BZK team in the outbox: the reference and a link, nothing else.

    No content, no name, no category: the mail may pass through systems that must not hold
    incident details. One message per melding (the team has one address).
    """
    link = settings.SITE_URL + reverse("admin:meldingen_melding_change", args=[melding.pk])
    return bericht_klaarzetten(
        sleutel=bzk_team_sleutel(melding.pk),
        aan=settings.BZK_TEAM_EMAIL,
        onderwerp=_("Nieuwe melding %(referentie)s") % {"referentie": melding.referentie},
        tekst=_(
            "Melding %(referentie)s is ontvangen.\n\nBekijk de melding in de backoffice:\n"
            "%(link)s\n"
        )
        % {"referentie": melding.referentie, "link": link},
    )
