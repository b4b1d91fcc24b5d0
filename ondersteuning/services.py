"""Business actions on support requests. Views and the admin call these, nothing else writes.

Each action re-reads the request with SELECT ... FOR UPDATE, checks the actor and the
status (`permissions`, from `constants.STATUS_VOOR_ACTIE` and `TRANSITIES`), saves with
`update_fields` and appends a history row. E-mails go through the outbox in the same
transaction and carry no content: a kenmerk and a link.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.core.models import bestanden_wissen_bij_fout
from fondsbeveiliging.core.uploads import check_upload

from . import permissions
from .constants import (
    KENMERK_PREFIX,
    NAAR_STATUS,
    VERPLICHTE_VELDEN,
    Beslissing,
    Gebeurtenis,
    VerzoekStatus,
    is_toegestane_overgang,
)
from .models import (
    Aanvulling,
    Activiteit,
    Bijlage,
    Contactpersoon,
    Kenmerkteller,
    Ondersteuningsverzoek,
    VerzoekHistorie,
)

# Fields the municipality may fill while the request is a concept.
CONCEPT_VELDEN = (
    "titel",
    "bijeenkomst_op",
    "locatie",
    "verwacht_aantal",
    "openbaar",
    "livestream",
    "onderwerp",
    "risicosignalen",
    "risico_toelichting",
    "hulpvormen",
    "hulp_toelichting",
)
MAX_CONTACTPERSONEN = 3


def _lock(verzoek: Ondersteuningsverzoek) -> Ondersteuningsverzoek:
    return Ondersteuningsverzoek.objects.select_for_update().get(pk=verzoek.pk)


def _historie(verzoek, *, gebeurtenis, van, door, toelichting="", intern=False):
    return VerzoekHistorie.objects.create(
        verzoek=verzoek,
        gebeurtenis=gebeurtenis,
        van_status=van,
        naar_status=verzoek.status,
        door=door,
        toelichting=toelichting,
        intern=intern,
    )


def _mag(check, door, verzoek) -> None:
    """Refuse an actor without the right (PermissionDenied) or a wrong status (ValidationError)."""
    if check(door, verzoek):
        return
    if check in permissions.COORDINATIE_ACTIES.values() and not permissions.is_coordinator(door):
        raise PermissionDenied
    if check in permissions.GEMEENTE_ACTIES.values() and not permissions.is_eigen_gemeente(
        door, verzoek
    ):
        raise PermissionDenied
    raise ValidationError(
        _("Deze stap kan niet: het verzoek heeft status %(status)s.")
        % {"status": verzoek.get_status_display()},
        code="ongeldige_overgang",
    )


def _status_zetten(verzoek, actie: str) -> str:
    """Move a locked request to the status `actie` leads to; return the old status."""
    naar = NAAR_STATUS[actie]
    if not is_toegestane_overgang(verzoek.status, naar):  # the table and the matrix agree
        raise ValidationError(_("Deze stap kan niet."), code="ongeldige_overgang")
    van = verzoek.status
    verzoek.status = naar
    return van


# --- The municipality --------------------------------------------------------------------


@transaction.atomic
def verzoek_aanmaken(*, door) -> Ondersteuningsverzoek:
    """Start a concept for the employee's own municipality."""
    if not permissions.can_verzoek_aanmaken(door):
        raise PermissionDenied
    verzoek = Ondersteuningsverzoek.objects.create(
        gemeente_id=door.gemeente_id, aangemaakt_door=door
    )
    _historie(verzoek, gebeurtenis=Gebeurtenis.AANGEMAAKT, van="", door=door)
    return verzoek


@transaction.atomic
def verzoek_concept_opslaan(
    *, verzoek: Ondersteuningsverzoek, door, gegevens: dict, contactpersonen=None
) -> Ondersteuningsverzoek:
    """Store the answers given so far; `contactpersonen` (dicts) replaces the contacts."""
    verzoek = _lock(verzoek)
    _mag(permissions.can_verzoek_wijzigen, door, verzoek)
    velden = [veld for veld in CONCEPT_VELDEN if veld in gegevens]
    for veld in velden:
        setattr(verzoek, veld, gegevens[veld])
    verzoek.save(update_fields=[*velden, "gewijzigd_op"])
    if contactpersonen is not None:
        verzoek.contactpersonen.all().delete()
        Contactpersoon.objects.bulk_create(
            Contactpersoon(verzoek=verzoek, volgorde=i, **contact)
            for i, contact in enumerate(contactpersonen[:MAX_CONTACTPERSONEN])
        )
    return verzoek


def ontbrekende_velden(verzoek: Ondersteuningsverzoek) -> list[str]:
    """Required answers still missing; empty when the request may be sent."""
    ontbreekt = [v for v in VERPLICHTE_VELDEN if getattr(verzoek, v) in (None, "", [], ())]
    if verzoek.bijeenkomst_op is not None and verzoek.bijeenkomst_op < timezone.now():
        ontbreekt.append("bijeenkomst_op")  # a meeting in the past needs no support
    if not verzoek.contactpersonen.exists():
        ontbreekt.append("contactpersonen")
    return ontbreekt


def _volgend_kenmerk() -> str:
    """Hand out the next O-number of this year; call inside the sending transaction.

    The same scheme as meldingen' references: the year's row is inserted if missing (a
    concurrent insert waits) and then locked, so two submissions never share a number and
    a rolled-back one leaves no gap.
    """
    jaar = timezone.localdate().year
    Kenmerkteller.objects.bulk_create([Kenmerkteller(jaar=jaar, laatste=0)], ignore_conflicts=True)
    teller = Kenmerkteller.objects.select_for_update().get(jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"{KENMERK_PREFIX}-{jaar}-{teller.laatste:06d}"


@transaction.atomic
def verzoek_indienen(*, verzoek: Ondersteuningsverzoek, door) -> Ondersteuningsverzoek:
    """Send a complete concept to BZK: kenmerk, time of receipt, and a mail to the coordinators."""
    verzoek = _lock(verzoek)
    _mag(permissions.can_verzoek_indienen, door, verzoek)
    if ontbrekende_velden(verzoek):
        raise ValidationError(
            _("Het verzoek is nog niet compleet. Vul de ontbrekende vragen in."),
            code="onvolledig",
        )
    van = _status_zetten(verzoek, "verzoek_indienen")
    verzoek.kenmerk = _volgend_kenmerk()
    verzoek.ingediend_op = timezone.now()
    verzoek.ingediend_door = door
    verzoek.save(
        update_fields=["status", "kenmerk", "ingediend_op", "ingediend_door", "gewijzigd_op"]
    )
    _historie(verzoek, gebeurtenis=Gebeurtenis.INGEDIEND, van=van, door=door)
    _coordinatoren_berichten(
        verzoek,
        sleutel=f"ondersteuning:{verzoek.pk}:nieuw",
        onderwerp=_("Nieuw ondersteuningsverzoek %(kenmerk)s"),
        tekst=_("Ondersteuningsverzoek %(kenmerk)s is ontvangen."),
    )
    return verzoek


def _check_aantal(verzoek, erbij: int) -> None:
    maximum = settings.UPLOAD_MAX_FILES
    if verzoek.bijlagen.count() + erbij > maximum:
        raise ValidationError(
            ngettext(
                "Een verzoek kan maximaal %(max)d bestand hebben.",
                "Een verzoek kan maximaal %(max)d bestanden hebben.",
                maximum,
            )
            % {"max": maximum},
            code="te_veel_bestanden",
        )


@bestanden_wissen_bij_fout
@transaction.atomic
def bijlage_toevoegen(*, verzoek: Ondersteuningsverzoek, door, uploaded) -> Bijlage:
    """Check one uploaded file by content and keep it with the concept."""
    verzoek = _lock(verzoek)
    _mag(permissions.can_verzoek_wijzigen, door, verzoek)
    _check_aantal(verzoek, 1)
    checked = check_upload(uploaded)
    return Bijlage.opslaan(uploaded=uploaded, checked=checked, door=door, verzoek=verzoek)


@transaction.atomic
def bijlage_verwijderen(*, bijlage: Bijlage, door) -> None:
    """Remove an attachment from a concept (after sending, attachments stay)."""
    verzoek = _lock(bijlage.verzoek)
    _mag(permissions.can_verzoek_wijzigen, door, verzoek)
    storage, naam = bijlage.bestand.storage, bijlage.bestand.name
    bijlage.delete()
    transaction.on_commit(lambda: storage.delete(naam))


@bestanden_wissen_bij_fout
@transaction.atomic
def verzoek_aanvullen(
    *, verzoek: Ondersteuningsverzoek, door, tekst: str, bestanden=()
) -> Aanvulling:
    """The municipality adds information after sending: text and files, all or nothing."""
    verzoek = _lock(verzoek)
    _mag(permissions.can_verzoek_aanvullen, door, verzoek)
    if not tekst.strip() and not bestanden:
        raise ValidationError(_("Schrijf een aanvulling of kies een bestand."), code="leeg")
    _check_aantal(verzoek, len(bestanden))
    gecontroleerd = [(uploaded, check_upload(uploaded)) for uploaded in bestanden]
    aanvulling = Aanvulling.objects.create(verzoek=verzoek, tekst=tekst.strip(), door=door)
    for uploaded, checked in gecontroleerd:
        Bijlage.opslaan(
            uploaded=uploaded, checked=checked, door=door, verzoek=verzoek, aanvulling=aanvulling
        )
    _historie(verzoek, gebeurtenis=Gebeurtenis.AANGEVULD, van=verzoek.status, door=door)
    _coordinatoren_berichten(
        verzoek,
        sleutel=f"ondersteuning-aanvulling:{aanvulling.pk}",
        onderwerp=_("Aanvulling op ondersteuningsverzoek %(kenmerk)s"),
        tekst=_("De gemeente heeft informatie toegevoegd aan ondersteuningsverzoek %(kenmerk)s."),
    )
    return aanvulling


# --- The coordinator ---------------------------------------------------------------------


def _beslissen(verzoek, *, actie, door, reden, beslissing, gebeurtenis):
    verzoek = _lock(verzoek)
    _mag(permissions.COORDINATIE_ACTIES[actie], door, verzoek)
    van = _status_zetten(verzoek, actie)
    verzoek.beslissing = beslissing
    verzoek.reden = reden.strip()
    verzoek.beslist_op = timezone.now()
    verzoek.coordinator = door
    verzoek.save(
        update_fields=["status", "beslissing", "reden", "beslist_op", "coordinator", "gewijzigd_op"]
    )
    _historie(verzoek, gebeurtenis=gebeurtenis, van=van, door=door, toelichting=verzoek.reden)
    _gemeente_bericht(verzoek, sleutel=f"ondersteuning:{verzoek.pk}:status:{verzoek.status}")
    return verzoek


@transaction.atomic
def verzoek_accepteren(*, verzoek: Ondersteuningsverzoek, door, reden: str = ""):
    """Accept a sent request; the optional reason is written for the municipality."""
    return _beslissen(
        verzoek,
        actie="verzoek_accepteren",
        door=door,
        reden=reden,
        beslissing=Beslissing.GEACCEPTEERD,
        gebeurtenis=Gebeurtenis.GEACCEPTEERD,
    )


@transaction.atomic
def verzoek_afwijzen(*, verzoek: Ondersteuningsverzoek, door, reden: str):
    """Decline a sent request; a reason for the municipality is required."""
    if not reden.strip():
        raise ValidationError(_("Schrijf de reden van de afwijzing."), code="reden")
    return _beslissen(
        verzoek,
        actie="verzoek_afwijzen",
        door=door,
        reden=reden,
        beslissing=Beslissing.AFGEWEZEN,
        gebeurtenis=Gebeurtenis.AFGEWEZEN,
    )


@transaction.atomic
def team_toewijzen(*, verzoek: Ondersteuningsverzoek, door, teamleden) -> Ondersteuningsverzoek:
    """Set the team (members of BZK, NCTV and COT); internal to BZK."""
    verzoek = _lock(verzoek)
    _mag(permissions.can_team_toewijzen, door, verzoek)
    teamleden = list(teamleden)
    if not teamleden:
        raise ValidationError(_("Kies ten minste één teamlid."), code="leeg")
    if any(not lid.actief for lid in teamleden):
        raise ValidationError(_("Een teamlid is niet meer actief."), code="inactief")
    verzoek.teamleden.set(teamleden)
    namen = ", ".join(str(lid) for lid in sorted(teamleden, key=str))
    _historie(
        verzoek,
        gebeurtenis=Gebeurtenis.TEAM_TOEGEWEZEN,
        van=verzoek.status,
        door=door,
        toelichting=namen[:2000],
        intern=True,
    )
    return verzoek


@transaction.atomic
def activiteit_plannen(
    *,
    verzoek: Ondersteuningsverzoek,
    door,
    soort: str,
    begint_op,
    contact,
    eindigt_op=None,
    locatie: str = "",
    toelichting: str = "",
) -> Activiteit:
    """Plan one activity (advice, scenario session, on-site presence); the municipality sees it.

    The first planned activity moves an accepted request to 'gepland'. The contact must be
    a member of the assigned team, so the municipality is never given a stranger's number.
    """
    verzoek = _lock(verzoek)
    _mag(permissions.can_activiteit_plannen, door, verzoek)
    if not verzoek.teamleden.filter(pk=contact.pk).exists():
        raise ValidationError(
            _("De contactpersoon moet lid zijn van het toegewezen team."), code="contact"
        )
    if eindigt_op is not None and eindigt_op < begint_op:
        raise ValidationError(_("Het einde moet na het begin liggen."), code="einde")
    activiteit = Activiteit.objects.create(
        verzoek=verzoek,
        soort=soort,
        begint_op=begint_op,
        eindigt_op=eindigt_op,
        locatie=locatie.strip(),
        contact=contact,
        toelichting=toelichting.strip(),
        gepland_door=door,
    )
    van = verzoek.status
    if verzoek.status == VerzoekStatus.GEACCEPTEERD:
        verzoek.status = VerzoekStatus.GEPLAND
        verzoek.save(update_fields=["status", "gewijzigd_op"])
    _historie(
        verzoek,
        gebeurtenis=Gebeurtenis.ACTIVITEIT_GEPLAND,
        van=van,
        door=door,
        toelichting=str(activiteit),
    )
    _gemeente_bericht(verzoek, sleutel=f"ondersteuning-activiteit:{activiteit.pk}:gemeente")
    return activiteit


@transaction.atomic
def debriefing_vastleggen(
    *, verzoek: Ondersteuningsverzoek, door, verloop: str, incidenten: str = "", lessen: str = ""
) -> Ondersteuningsverzoek:
    """Record what happened, incidents and lessons after the meeting; closes the request.

    The debriefing is the team's own record: the municipality sees only that it is done.
    """
    verzoek = _lock(verzoek)
    _mag(permissions.can_debriefing_vastleggen, door, verzoek)
    if not verloop.strip():
        raise ValidationError(_("Beschrijf wat er gebeurde."), code="verloop")
    van = _status_zetten(verzoek, "debriefing_vastleggen")
    verzoek.debrief_verloop = verloop.strip()
    verzoek.debrief_incidenten = incidenten.strip()
    verzoek.debrief_lessen = lessen.strip()
    verzoek.debrief_op = timezone.now()
    verzoek.save(
        update_fields=[
            "status",
            "debrief_verloop",
            "debrief_incidenten",
            "debrief_lessen",
            "debrief_op",
            "gewijzigd_op",
        ]
    )
    _historie(verzoek, gebeurtenis=Gebeurtenis.DEBRIEFING, van=van, door=door, intern=True)
    _gemeente_bericht(verzoek, sleutel=f"ondersteuning:{verzoek.pk}:status:{verzoek.status}")
    return verzoek


@transaction.atomic
def notitie_toevoegen(*, verzoek: Ondersteuningsverzoek, door, tekst: str) -> VerzoekHistorie:
    """An internal note of the team; never shown to the municipality."""
    verzoek = _lock(verzoek)
    _mag(permissions.can_notitie_toevoegen, door, verzoek)
    if not tekst.strip():
        raise ValidationError(_("Schrijf een notitie."), code="leeg")
    return _historie(
        verzoek,
        gebeurtenis=Gebeurtenis.NOTITIE,
        van=verzoek.status,
        door=door,
        toelichting=tekst.strip(),
        intern=True,
    )


# --- Notifications (outbox, no content) ----------------------------------------------------


def coordinatoren():
    """Active users whose role carries the coordinator permission in the role matrix."""
    from fondsbeveiliging.accounts.roles import ROLE_PERMISSIONS

    rollen = [
        rol for rol, perms in ROLE_PERMISSIONS.items() if permissions.PERM_COORDINEREN in perms
    ]
    return get_user_model().objects.filter(rol__in=rollen, is_active=True).order_by("pk")


def _coordinatoren_berichten(verzoek, *, sleutel: str, onderwerp: str, tekst: str) -> None:
    """One mail per coordinator: the kenmerk and a back-office link, nothing else."""
    link = settings.SITE_URL + reverse(
        "admin:ondersteuning_ondersteuningsverzoek_change", args=[verzoek.pk]
    )
    waarden = {"kenmerk": verzoek.kenmerk}
    for user in coordinatoren().only("pk", "email"):
        bericht_klaarzetten(
            sleutel=f"{sleutel}:{user.pk}",
            aan=user.email,
            onderwerp=onderwerp % waarden,
            tekst=(tekst % waarden)
            + "\n\n"
            + _("Bekijk het verzoek in de backoffice:")
            + f"\n{link}\n",
        )


def _gemeente_bericht(verzoek, *, sleutel: str) -> None:
    """Tell the employee who sent the request that something changed: kenmerk and link only."""
    if verzoek.ingediend_door_id is None:
        return
    ontvanger = get_user_model().objects.only("email").get(pk=verzoek.ingediend_door_id)
    link = settings.SITE_URL + reverse("ondersteuning:detail", args=[verzoek.uuid])
    bericht_klaarzetten(
        sleutel=sleutel,
        aan=ontvanger.email,
        onderwerp=_("Nieuws over ondersteuningsverzoek %(kenmerk)s") % {"kenmerk": verzoek.kenmerk},
        tekst=_(
            "Er is nieuws over ondersteuningsverzoek %(kenmerk)s.\n\n"
            "Bekijk het verzoek (na inloggen):\n%(link)s\n"
        )
        % {"kenmerk": verzoek.kenmerk, "link": link},
    )
