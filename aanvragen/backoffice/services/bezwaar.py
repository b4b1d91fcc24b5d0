"""The objection case (issue 16): registering, admissibility, hearing and the 7:10 term.

An objection (`Bezwaar`) is a small case of its own against a sent decision. Every action
locks the claim, then the objection (always in that order), checks the status against
`permissions.STATUS_VOOR_ACTIE` and the actor with a `can_*`, stores the 7:10 decision
term again where a fact it depends on changed (`bezwaar_beslistermijn`: one rule for the
letters, the queue and both screens) and writes a history row, also when the claim's
status stays (as `besluit_goedkeuren` does on a claim "buiten behandeling"). The decision
on the objection itself is a `Besluit` of soort "bezwaar" (module `besluit`).

Rules chosen where the issue is silent:
- Registering: the postmark (`verzonden_op`) lies between the dispatch of the decision and
  the day of receipt. A late objection is accepted and flagged (BZK still decides, 6:11);
  a representative must be named. What is missing (signature, grounds, authorisation) is
  recorded as given; the assessor then asks for repair (6:6).
- One repair request per objection (the model holds one): a second one is refused. Its
  term ends after today and within a year. It suspends the 7:10 term (7:10(2)) from the day
  after the request until the repair, or until its term ended unused. When repaired, the
  objection counts as signed, with grounds and (for a representative) authorised.
- A hearing is planned in the future (date and time, place or link) from status bezwaar
  only; it is recorded (held, with a report) once its time has come. Waiving it (7:3 c, the
  objector) or leaving it out (7:3 a, b, d, e, with a reason) is possible until it is held;
  a planned hearing is then cancelled (back to bezwaar).
- Postponing (7:10(3)): once, sent on or before the last day, naming a date at most six
  weeks (Atw applied) after the current end, with a reason for the notice; not after a
  delay with consent. A delay with consent (7:10(4)) names a later date than the current
  end and records the consent as given (e.g. "per e-mail van 3 juni"); it may be repeated.
- A notice of default on the objection (4:17 applies): once, only after the stored 7:10
  end (a notice on or before it is premature), not in the future.
- Withdrawal by the objector: dated between receipt and today. When nothing is left to pay
  on the claim's current decision the case closes (afgesloten; a new objection reopens it,
  as for any closed case); when something is, the case returns to verzonden so the payment
  can still be registered and the daily job closes it later. The transition table allows
  bezwaar/hoorzitting -> verzonden for this.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.core.tekst import TEKST
from fondsbeveiliging.opmaak.formaat import lange_datum
from fondsbeveiliging.termijnen.berekening import (
    bezwaar_verdaging_uiterlijk,
)

from ...constants import Hoorzitting, Indiener
from ...kern import (
    WorkflowFout,
    bezwaar_beslistermijn,
    bezwaar_is_tijdig,
    bezwaar_opschortingen,
    lock_aanvraag,
    lock_besluit,
    ontbrekende_vereisten,
    registratie_notitie,
    status_wijzigen,
)
from ...models import Aanvraag, Bezwaar, StatusWijziging
from ...selectors import verzonden_besluit
from .. import hooks, permissions, selectors
from .basis import S, check_actie, termijn_begrensd, verplicht

# The 7:10 term and admissibility live in the claim's core (`aanvragen.kern`): the online
# objection (`aanvragen.reacties`) uses the same rule without importing the back office.
__all__ = [
    "bezwaar_beslistermijn",
    "bezwaar_is_tijdig",
    "bezwaar_opschortingen",
    "ontbrekende_vereisten",
    "registratie_notitie",
]


def _termijn_opslaan(bezwaar: Bezwaar, velden: list[str]) -> None:
    bezwaar.beslistermijn_einde = bezwaar_beslistermijn(bezwaar)
    bezwaar.save(update_fields=[*velden, "beslistermijn_einde"])


# --- shared pieces --------------------------------------------------------------------------


def lock_bezwaar(bezwaar_id: int) -> tuple[Aanvraag, Bezwaar]:
    """Lock the claim, then the objection (the order of every action); decision joined."""
    aanvraag_id = Bezwaar.objects.values_list("besluit__aanvraag_id", flat=True).get(pk=bezwaar_id)
    aanvraag = lock_aanvraag(aanvraag_id)
    bezwaar = (
        Bezwaar.objects.select_for_update(of=("self",)).select_related("besluit").get(pk=bezwaar_id)
    )
    bezwaar.besluit.aanvraag = aanvraag
    return aanvraag, bezwaar


def _check(actie: str, aanvraag: Aanvraag, bezwaar: Bezwaar, door) -> None:
    """Status and actor (`permissions.can_<actie>`), then: the objection is the one running."""
    can = getattr(permissions, f"can_{actie}")
    check_actie(actie, aanvraag, can(door, bezwaar))
    if Bezwaar.objects.filter(besluit__aanvraag=aanvraag, pk__gt=bezwaar.pk).exists():
        raise WorkflowFout(
            _("Dit bezwaar is niet meer in behandeling: er is een later bezwaar."),
            code="ander_bezwaar",
        )


def _historie(aanvraag: Aanvraag, door, toelichting: str) -> None:
    """A history row for a step of the objection case that keeps the claim's status."""
    StatusWijziging.objects.create(
        aanvraag=aanvraag,
        van=aanvraag.status,
        naar=aanvraag.status,
        door=door,
        toelichting=toelichting[:TEKST],
    )


def _niet_in_toekomst(datum: date, wat: str) -> None:
    if datum > timezone.localdate():
        raise WorkflowFout(
            _("%(wat)s kan niet in de toekomst liggen.") % {"wat": wat}, code="datum"
        )


# --- registering ----------------------------------------------------------------------------


@transaction.atomic
def bezwaar_registreren(
    *,
    besluit_id: int,
    door,
    ontvangen_op: date,
    toelichting: str = "",
    indiener: str = Indiener.AANVRAGER,
    gemachtigde_naam: str = "",
    machtiging_ontvangen: bool = False,
    verzonden_op: date | None = None,
    ondertekend: bool = True,
    gronden_vermeld: bool = True,
) -> Bezwaar:
    """Register an objection against a sent decision (Awb 6:4); a late one is noted as such.

    Stores who lodged it, the postmark (6:9(2)), whether it is signed and states grounds,
    and its 7:10 decision term. See the module docstring for the rules.
    """
    aanvraag, besluit = lock_besluit(besluit_id)
    check_actie("bezwaar_registreren", aanvraag, permissions.can_bezwaar_registreren(door, besluit))
    verstuurd = timezone.localdate(besluit.verzonden_op)
    if ontvangen_op > timezone.localdate() or ontvangen_op < verstuurd:
        raise WorkflowFout(
            _("De ontvangstdatum moet tussen de verzenddatum van het besluit en vandaag liggen."),
            code="datum",
        )
    if verzonden_op is not None and not verstuurd <= verzonden_op <= ontvangen_op:
        raise WorkflowFout(
            _(
                "De datum van het poststempel moet tussen de verzenddatum van het besluit en "
                "de ontvangstdatum liggen."
            ),
            code="poststempel",
        )
    gemachtigde_naam = (gemachtigde_naam or "").strip()
    if indiener == Indiener.GEMACHTIGDE:
        gemachtigde_naam = verplicht(gemachtigde_naam, _("de naam van de gemachtigde"))
    else:
        gemachtigde_naam, machtiging_ontvangen = "", False
    bezwaar = Bezwaar(
        besluit=besluit,
        ontvangen_op=ontvangen_op,
        toelichting=(toelichting or "").strip(),
        indiener=indiener,
        gemachtigde_naam=gemachtigde_naam,
        machtiging_ontvangen=machtiging_ontvangen,
        verzonden_op=verzonden_op,
        ondertekend=ondertekend,
        gronden_vermeld=gronden_vermeld,
        geregistreerd_door=door,
    )
    bezwaar.beslistermijn_einde = bezwaar_beslistermijn(bezwaar)
    bezwaar.save()
    status_wijzigen(aanvraag, S.BEZWAAR, door=door, toelichting=registratie_notitie(bezwaar))
    return bezwaar


# --- admissibility: repairing an omission (6:6) ---------------------------------------------


@transaction.atomic
def verzuim_herstel_vragen(
    *, bezwaar_id: int, door, verzuim: str, hersteltermijn_tot: date
) -> Bezwaar:
    """Ask the objector to repair what is missing within a term (Awb 6:6); suspends 7:10."""
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("verzuim_herstel_vragen", aanvraag, bezwaar, door)
    if bezwaar.verzuim_gevraagd_op is not None:
        raise WorkflowFout(
            _("Er is al om herstel van een verzuim gevraagd op %(datum)s.")
            % {"datum": lange_datum(bezwaar.verzuim_gevraagd_op)},
            code="dubbel",
        )
    verzuim = verplicht(verzuim, _("wat er ontbreekt"))
    vandaag = timezone.localdate()
    if hersteltermijn_tot <= vandaag:
        raise WorkflowFout(_("De hersteltermijn moet na vandaag eindigen."), code="termijn")
    termijn_begrensd(hersteltermijn_tot, _("De hersteltermijn"))
    bezwaar.verzuim = verzuim
    bezwaar.verzuim_gevraagd_op = vandaag
    bezwaar.hersteltermijn_tot = hersteltermijn_tot
    _termijn_opslaan(bezwaar, ["verzuim", "verzuim_gevraagd_op", "hersteltermijn_tot"])
    _historie(
        aanvraag,
        door,
        _("Herstel verzuim gevraagd, uiterlijk op %(tot)s: %(verzuim)s")
        % {"tot": lange_datum(hersteltermijn_tot), "verzuim": verzuim},
    )
    hooks.verzuimherstel_gevraagd(bezwaar.pk)
    return bezwaar


@transaction.atomic
def verzuim_hersteld(*, bezwaar_id: int, door, hersteld_op: date) -> Bezwaar:
    """Record that the objector repaired the omission on `hersteld_op` (the 7:10 term resumes)."""
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("verzuim_hersteld", aanvraag, bezwaar, door)
    if bezwaar.verzuim_gevraagd_op is None or bezwaar.verzuim_hersteld_op is not None:
        raise WorkflowFout(
            _("Er staat geen verzoek om herstel van een verzuim open."), code="geen_verzoek"
        )
    _niet_in_toekomst(hersteld_op, _("De datum van herstel"))
    if hersteld_op < bezwaar.verzuim_gevraagd_op:
        raise WorkflowFout(
            _("Het verzuim kan niet zijn hersteld vóór het verzoek van %(datum)s.")
            % {"datum": lange_datum(bezwaar.verzuim_gevraagd_op)},
            code="datum",
        )
    bezwaar.verzuim_hersteld_op = hersteld_op
    bezwaar.ondertekend = True
    bezwaar.gronden_vermeld = True
    velden = ["verzuim_hersteld_op", "ondertekend", "gronden_vermeld"]
    if bezwaar.indiener == Indiener.GEMACHTIGDE:
        bezwaar.machtiging_ontvangen = True
        velden.append("machtiging_ontvangen")
    _termijn_opslaan(bezwaar, velden)
    notitie = _("Verzuim hersteld op %(datum)s") % {"datum": lange_datum(hersteld_op)}
    if hersteld_op > bezwaar.hersteltermijn_tot:
        notitie += _(" (na de hersteltermijn)")
    _historie(aanvraag, door, notitie)
    return bezwaar


# --- the hearing (7:2, 7:3) -----------------------------------------------------------------


@transaction.atomic
def hoorzitting_plannen(*, bezwaar_id: int, door, op: datetime, plaats: str) -> Bezwaar:
    """Plan the hearing (Awb 7:2): bezwaar -> hoorzitting; the invitation goes out."""
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("hoorzitting_plannen", aanvraag, bezwaar, door)
    if bezwaar.hoorzitting == Hoorzitting.GEHOUDEN:
        raise WorkflowFout(_("De hoorzitting is al gehouden."), code="gehouden")
    plaats = verplicht(plaats, _("de plaats of de link van de hoorzitting"))
    if op <= timezone.now():
        raise WorkflowFout(_("De hoorzitting moet in de toekomst liggen."), code="datum")
    termijn_begrensd(timezone.localdate(op), _("De datum van de hoorzitting"))
    bezwaar.hoorzitting = Hoorzitting.GEPLAND
    bezwaar.hoorzitting_op = op
    bezwaar.hoorzitting_plaats = plaats
    bezwaar.save(update_fields=["hoorzitting", "hoorzitting_op", "hoorzitting_plaats"])
    status_wijzigen(
        aanvraag,
        S.HOORZITTING,
        door=door,
        toelichting=_("Hoorzitting gepland op %(op)s, %(plaats)s")
        % {"op": _moment(op), "plaats": plaats},
    )
    hooks.hoorzitting_gepland(bezwaar.pk)
    return bezwaar


def _moment(op: datetime) -> str:
    lokaal = timezone.localtime(op)
    return f"{lange_datum(lokaal.date())} {lokaal:%H:%M}"


@transaction.atomic
def hoorzitting_vastleggen(*, bezwaar_id: int, door, verslag: str) -> Bezwaar:
    """Record the hearing as held with its report: hoorzitting -> bezwaar."""
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("hoorzitting_vastleggen", aanvraag, bezwaar, door)
    verslag = verplicht(verslag, _("het verslag van de hoorzitting"))
    if bezwaar.hoorzitting_op is None or bezwaar.hoorzitting_op > timezone.now():
        raise WorkflowFout(
            _("De hoorzitting is pas op %(op)s: leg haar daarna vast.")
            % {"op": _moment(bezwaar.hoorzitting_op) if bezwaar.hoorzitting_op else "-"},
            code="nog_niet",
        )
    bezwaar.hoorzitting = Hoorzitting.GEHOUDEN
    bezwaar.hoorzitting_verslag = verslag
    bezwaar.save(update_fields=["hoorzitting", "hoorzitting_verslag"])
    status_wijzigen(
        aanvraag,
        S.BEZWAAR,
        door=door,
        toelichting=_("Hoorzitting gehouden op %(op)s") % {"op": _moment(bezwaar.hoorzitting_op)},
    )
    return bezwaar


HORENSGRONDEN = (Hoorzitting.AFGEZIEN, Hoorzitting.ACHTERWEGE)


@transaction.atomic
def horen_afzien(*, bezwaar_id: int, door, grond: str, reden: str = "") -> Bezwaar:
    """Record that there is no hearing (Awb 7:3): waived by the objector, or left out.

    `grond` is `Hoorzitting.AFGEZIEN` (7:3 c, the objector waives; `reden` optional, e.g.
    how they said so) or `Hoorzitting.ACHTERWEGE` (7:3 a, b, d or e; `reden` required). A
    planned hearing is cancelled: hoorzitting -> bezwaar; otherwise the status stays.
    """
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("horen_afzien", aanvraag, bezwaar, door)
    if grond not in HORENSGRONDEN:
        raise WorkflowFout(_("Kies waarom er geen hoorzitting is."), code="grond")
    if bezwaar.hoorzitting == Hoorzitting.GEHOUDEN:
        raise WorkflowFout(_("De hoorzitting is al gehouden."), code="gehouden")
    reden = (reden or "").strip()
    if grond == Hoorzitting.ACHTERWEGE:
        reden = verplicht(reden, _("de reden om niet te horen"))
    bezwaar.hoorzitting = grond
    bezwaar.save(update_fields=["hoorzitting"])
    notitie = str(Hoorzitting(grond).label) + (f": {reden}" if reden else "")
    if aanvraag.status == S.HOORZITTING:
        status_wijzigen(aanvraag, S.BEZWAAR, door=door, toelichting=notitie)
    else:
        _historie(aanvraag, door, notitie)
    return bezwaar


# --- the decision term: postponement and delay (7:10(3), (4)) -------------------------------


@transaction.atomic
def bezwaar_verdagen(*, bezwaar_id: int, door, nieuwe_datum: date, reden: str) -> Bezwaar:
    """Postpone the decision on the objection once, by at most six weeks (Awb 7:10(3))."""
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("bezwaar_verdagen", aanvraag, bezwaar, door)
    if bezwaar.verdaagd_op is not None:
        raise WorkflowFout(
            _("De beslissing op dit bezwaar is al verdaagd; dat kan maar één keer."),
            code="dubbel",
        )
    if bezwaar.uitstel_tot is not None:
        raise WorkflowFout(
            _("De beslissing is al met instemming van de indiener uitgesteld."), code="uitstel"
        )
    reden = verplicht(reden, _("de reden van de verdaging"))
    vandaag = timezone.localdate()
    huidig = bezwaar.beslistermijn_einde
    if vandaag > huidig:
        raise WorkflowFout(
            _("De beslistermijn is op %(datum)s verstreken: verdagen kan niet meer.")
            % {"datum": lange_datum(huidig)},
            code="verstreken",
        )
    uiterlijk = bezwaar_verdaging_uiterlijk(huidig)
    if not huidig < nieuwe_datum <= uiterlijk:
        raise WorkflowFout(
            _("Verdaag tot een datum na %(huidig)s en uiterlijk %(uiterlijk)s (zes weken).")
            % {"huidig": lange_datum(huidig), "uiterlijk": lange_datum(uiterlijk)},
            code="termijn",
        )
    bezwaar.verdaagd_op = vandaag
    bezwaar.verdaagd_tot = nieuwe_datum
    bezwaar.verdaging_reden = reden
    _termijn_opslaan(bezwaar, ["verdaagd_op", "verdaagd_tot", "verdaging_reden"])
    _historie(
        aanvraag,
        door,
        _("Beslissing op bezwaar verdaagd tot %(datum)s: %(reden)s")
        % {"datum": lange_datum(nieuwe_datum), "reden": reden},
    )
    hooks.bezwaar_verdaagd(bezwaar.pk)
    return bezwaar


@transaction.atomic
def bezwaar_uitstellen(*, bezwaar_id: int, door, uitstel_tot: date, instemming: str) -> Bezwaar:
    """Delay the decision further with the objector's consent (Awb 7:10(4))."""
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("bezwaar_uitstellen", aanvraag, bezwaar, door)
    instemming = verplicht(instemming, _("hoe en wanneer de indiener instemde"))
    if uitstel_tot <= bezwaar.beslistermijn_einde:
        raise WorkflowFout(
            _("Het uitstel moet na de huidige uiterste beslisdatum (%(datum)s) eindigen.")
            % {"datum": lange_datum(bezwaar.beslistermijn_einde)},
            code="termijn",
        )
    termijn_begrensd(uitstel_tot, _("Het uitstel"))
    bezwaar.uitstel_tot = uitstel_tot
    bezwaar.uitstel_instemming = instemming
    _termijn_opslaan(bezwaar, ["uitstel_tot", "uitstel_instemming"])
    _historie(
        aanvraag,
        door,
        _("Beslissing op bezwaar met instemming uitgesteld tot %(datum)s: %(instemming)s")
        % {"datum": lange_datum(uitstel_tot), "instemming": instemming},
    )
    return bezwaar


@transaction.atomic
def bezwaar_ingebrekestelling_registreren(*, bezwaar_id: int, door, ontvangen_op: date) -> Bezwaar:
    """Register a notice of default for a late decision on the objection (Awb 4:17).

    Only after the stored 7:10 end: one received on or before it is premature and refused.
    """
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("bezwaar_ingebrekestelling_registreren", aanvraag, bezwaar, door)
    if bezwaar.ingebrekestelling_op is not None:
        raise WorkflowFout(_("Er is al een ingebrekestelling geregistreerd."), code="dubbel")
    _niet_in_toekomst(ontvangen_op, _("De ontvangstdatum"))
    if ontvangen_op <= bezwaar.beslistermijn_einde:
        raise WorkflowFout(
            _(
                "De beslistermijn op het bezwaar loopt nog tot en met %(datum)s: een eerdere "
                "ingebrekestelling is te vroeg en telt niet."
            )
            % {"datum": lange_datum(bezwaar.beslistermijn_einde)},
            code="te_vroeg",
        )
    bezwaar.ingebrekestelling_op = ontvangen_op
    bezwaar.save(update_fields=["ingebrekestelling_op"])
    _historie(
        aanvraag,
        door,
        _("Ingebrekestelling (beslissing op bezwaar) ontvangen op %(datum)s")
        % {"datum": lange_datum(ontvangen_op)},
    )
    return bezwaar


# --- withdrawal -----------------------------------------------------------------------------


@transaction.atomic
def bezwaar_intrekken(*, bezwaar_id: int, door, ingetrokken_op: date) -> Bezwaar:
    """Record that the objector withdrew the objection; the case closes or returns to verzonden.

    Closed (afgesloten) when nothing is left to pay on the claim's current decision;
    otherwise back to verzonden, so the payment can still be made (see the module docstring).
    """
    aanvraag, bezwaar = lock_bezwaar(bezwaar_id)
    _check("bezwaar_intrekken", aanvraag, bezwaar, door)
    _niet_in_toekomst(ingetrokken_op, _("De datum van intrekking"))
    if ingetrokken_op < bezwaar.ontvangen_op:
        raise WorkflowFout(
            _("Het bezwaar kan niet zijn ingetrokken vóór de ontvangst op %(datum)s.")
            % {"datum": lange_datum(bezwaar.ontvangen_op)},
            code="datum",
        )
    bezwaar.ingetrokken_op = ingetrokken_op
    if bezwaar.hoorzitting == Hoorzitting.GEPLAND:
        bezwaar.hoorzitting = Hoorzitting.NIET_GEPLAND
    bezwaar.save(update_fields=["ingetrokken_op", "hoorzitting"])
    naar = S.VERZONDEN if nog_te_betalen(aanvraag) > 0 else S.AFGESLOTEN
    status_wijzigen(
        aanvraag,
        naar,
        door=door,
        toelichting=_("Bezwaar ingetrokken op %(datum)s") % {"datum": lange_datum(ingetrokken_op)},
    )
    return bezwaar


def nog_te_betalen(aanvraag: Aanvraag) -> Decimal:
    """The claim's current decision's amount minus what is paid on it so far (0 without one).

    The current decision and "paid so far" (a correction counts the payments on the
    decisions it replaces) are the shared selectors' rules.
    """
    huidig = verzonden_besluit(aanvraag=aanvraag)
    if huidig is None:
        return Decimal("0")
    return huidig.bedrag_toegekend - selectors.besluit_betaald(besluit=huidig)
