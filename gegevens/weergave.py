"""How one access-log row reads for the office holder: who (role, organisation), what, when.

Pure functions on the dicts of `selectors.inzagen_van`; no queries. The reader is named by
role and organisation only, never by name.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen.brieven.models import BriefSoort, Ontvanger
from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.audit.models import InzageActie


@dataclass(frozen=True)
class InzageRegel:
    tijdstip: datetime
    rol: str
    organisatie: str
    wat: str
    handeling: str


def _rol(code: str) -> str:
    return str(Rol(code).label) if code in Rol.values else _("Onbekend")


def _organisatie(rij: dict) -> str:
    if rij["rol"] == Rol.GEMEENTE_MEDEWERKER:
        return _("Gemeente %(naam)s") % {"naam": rij["gemeente"]} if rij["gemeente"] else ""
    if rij["rol"] == Rol.AMBTSDRAGER:
        return ""
    return _("Team Fonds Beveiliging, ministerie van BZK")


def _brief(rij: dict, kenmerk: str) -> str:
    if rij["brief_soort"] == BriefSoort.KENNISGEVING:
        return _("Kennisgeving aan de gemeente over aanvraag %(kenmerk)s") % {"kenmerk": kenmerk}
    if rij["brief_ontvanger"] == Ontvanger.GEMEENTE:
        return _(
            "Afschrift voor de gemeente van de brief ‘%(soort)s’ over aanvraag %(kenmerk)s"
        ) % {
            "soort": _soort_label(rij["brief_soort"]),
            "kenmerk": kenmerk,
        }
    return _("Brief ‘%(soort)s’ over aanvraag %(kenmerk)s") % {
        "soort": _soort_label(rij["brief_soort"]),
        "kenmerk": kenmerk,
    }


def _soort_label(soort: str) -> str:
    return str(BriefSoort(soort).label) if soort in BriefSoort.values else soort


def _wat(rij: dict) -> str:
    ref = rij["referentie"] or _("(concept)")
    naam = rij["bestandsnaam"]
    soort = rij["soort"]
    if soort == "meldingen.melding":
        if rij["actie"] == InzageActie.GEDOWNLOAD:
            return _("Een bijlage bij uw melding %(ref)s") % {"ref": ref}
        return _("Uw melding %(ref)s") % {"ref": ref}
    if soort == "aanvragen.aanvraag":
        return _("Uw aanvraag %(ref)s") % {"ref": ref}
    if soort == "aanvragen.bewijsstuk":
        return _("Bewijsstuk ‘%(naam)s’ bij aanvraag %(ref)s") % {"naam": naam, "ref": ref}
    if soort == "aanvragen.aanvullingbestand":
        return _("Bestand ‘%(naam)s’ bij uw aanvulling op aanvraag %(ref)s") % {
            "naam": naam,
            "ref": ref,
        }
    if soort == "aanvragen.besluit":
        return _("Het conceptbesluit over aanvraag %(ref)s") % {"ref": ref}
    if soort == "brieven.brief":
        return _brief(rij, ref)
    return ref


def inzage_regel(rij: dict) -> InzageRegel:
    """Turn one row of `selectors.inzagen_van` into what the owner reads."""
    return InzageRegel(
        tijdstip=timezone.localtime(rij["tijdstip"]),
        rol=_rol(rij["rol"]),
        organisatie=_organisatie(rij),
        wat=_wat(rij),
        handeling=str(InzageActie(rij["actie"]).label)
        if rij["actie"] in InzageActie.values
        else rij["actie"],
    )
