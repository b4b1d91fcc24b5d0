"""Rules for claim content: amounts, IBAN, eligibility, completeness and caps.

Pure functions over model instances; forms and services both call them so a rule lives once.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import InvalidChecksumDigits, SchwiftyException

from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.opmaak.formaat import euro, lange_datum

from .constants import BEDRAG_MAXIMUM, Bewijstype
from .models import Aanvraag, Regeling

# "1234", "1234,5", "1.234,56", "1234.56" (a dot with one or two decimals is a decimal point).
_BEDRAG_NL = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$")
UITLEG_MINIMUM = 20  # characters: "other costs" need a real explanation
_BEDRAG_PUNT = re.compile(r"^\d+\.\d{1,2}$")


def parse_bedrag(tekst: str, *, nul_toegestaan: bool = False) -> Decimal:
    """Parse a Dutch amount in euros; raise ValidationError with a Dutch message.

    The one parser of typed amounts, for the applicant and the back office: "1.500,00",
    "1500,00", "1500" and "1500.00" are all 1500.00. Anything that is not digits with at most
    two decimals (NaN, sNaN, Infinity, 1e309, a minus sign) gets a message, never an
    exception. `nul_toegestaan`: the back office may grant or pay € 0, an applicant not.
    """
    schoon = re.sub(r"[\s\u00a0€]|EUR", "", tekst or "")
    if nul_toegestaan:
        minimum = _("Het bedrag mag niet negatief zijn.")
    else:
        minimum = _("Het bedrag moet groter zijn dan € 0.")
    if schoon.startswith("-"):
        raise ValidationError(minimum, code="negatief")
    if _BEDRAG_NL.match(schoon):
        waarde = schoon.replace(".", "").replace(",", ".")
    elif _BEDRAG_PUNT.match(schoon):
        waarde = schoon
    else:
        raise ValidationError(
            _("Vul een bedrag in euro's in, met hooguit twee cijfers na de komma, bijv. 1.234,56."),
            code="ongeldig",
        )
    try:
        bedrag = Decimal(waarde).quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # pragma: no cover - the patterns exclude this
        raise ValidationError(_("Vul een geldig bedrag in."), code="ongeldig") from exc
    if bedrag < 0 or (bedrag == 0 and not nul_toegestaan):
        raise ValidationError(minimum, code="negatief")
    if bedrag > BEDRAG_MAXIMUM:
        raise ValidationError(
            _("Het bedrag mag niet hoger zijn dan %(max)s.") % {"max": euro(BEDRAG_MAXIMUM)},
            code="te_hoog",
        )
    return bedrag


def check_iban(waarde: str, *, buitenland_toegestaan: bool) -> str:
    """Validate an IBAN (checksum, structure, country); return it compact, upper case."""
    try:
        iban = IBAN(waarde or "")
    except InvalidChecksumDigits as exc:
        raise ValidationError(
            _("Dit IBAN bestaat niet: de controlecijfers kloppen niet. Controleer het nummer."),
            code="iban_controle",
        ) from exc
    except SchwiftyException as exc:
        raise ValidationError(
            _("Dit is geen geldig IBAN. Een Nederlands IBAN ziet er zo uit: %(voorbeeld)s.")
            % {"voorbeeld": "NL91 ABNA 0417 1643 00"},
            code="iban_ongeldig",
        ) from exc
    if not buitenland_toegestaan and iban.country_code != "NL":
        raise ValidationError(
            _("Alleen een Nederlands IBAN (beginnend met NL) is toegestaan."),
            code="iban_buitenland",
        )
    return iban.compact


def reden_ambt_beeindigd(user) -> str:
    """Why an office holder whose office ended starts no new claim (Dutch)."""
    return _("Uw ambt is beëindigd op %(datum)s. U kunt geen nieuwe aanvraag meer indienen.") % {
        "datum": lange_datum(user.in_functie_tot)
    }


def reden_niet_toegestaan(user, regeling: Regeling | None, ambtstype: str = "") -> str | None:
    """Why this user cannot apply now (for the office type `ambtstype`, by default the
    account's), in Dutch; None when they can."""
    ambtstype = ambtstype or user.ambtstype
    if regeling is None:
        return _("Er is op dit moment geen regeling van kracht. U kunt nu geen aanvraag doen.")
    if not ambtstype or not regeling.is_ambtstype_toegestaan(ambtstype):
        toegestaan = ", ".join(
            str(label).lower() for value, label in Ambtstype.choices if value in regeling.ambtstypen
        )
        return _(
            "Met het ambt %(ambt)s kunt u geen aanvraag doen onder %(regeling)s. "
            "Deze regeling is alleen voor: %(toegestaan)s. Neem bij vragen contact op met BZK."
        ) % {
            "ambt": str(dict(Ambtstype.choices).get(ambtstype, _("(onbekend)"))).lower(),
            "regeling": regeling.naam,
            "toegestaan": toegestaan,
        }
    return None


@dataclass(frozen=True)
class Probleem:
    """Something that must be fixed before submitting, with a link to where."""

    tekst: str
    url: str


@dataclass(frozen=True)
class CategorieTotaal:
    naam: str
    totaal: Decimal
    plafond: Decimal | None

    @property
    def overschreden(self) -> bool:
        return self.plafond is not None and self.totaal > self.plafond


def _kostenposten(aanvraag: Aanvraag) -> list:
    """The cost lines with category and evidence in a constant number of queries."""
    return list(
        aanvraag.kostenposten.select_related("categorie", "aanvraag").prefetch_related(
            "bewijsstukken"
        )
    )


def _url(aanvraag, stap, anker="", **kwargs) -> str:
    return reverse(f"aanvragen:{stap}", kwargs={"pk": aanvraag.pk, **kwargs}) + (
        f"#{anker}" if anker else ""
    )


def problemen_gegevens(aanvraag: Aanvraag) -> list[Probleem]:
    problemen = []
    if not (aanvraag.correspondentie_adres and aanvraag.correspondentie_plaats):
        problemen.append(
            Probleem(
                _("Vul uw correspondentieadres in."),
                _url(aanvraag, "gegevens", "id_correspondentie_adres"),
            )
        )
    if aanvraag.maatregel_bij_woning is None:
        problemen.append(
            Probleem(
                _("Geef aan of een maatregel bij uw woning is."),
                _url(aanvraag, "gegevens", "id_maatregel_bij_woning_0"),
            )
        )
    elif aanvraag.maatregel_bij_woning and not (aanvraag.woonadres and aanvraag.woon_plaats):
        problemen.append(
            Probleem(_("Vul uw woonadres in."), _url(aanvraag, "gegevens", "id_woonadres"))
        )
    return problemen


def _problemen_kostenpost(kostenpost, nummer: int, regeling: Regeling) -> list[Probleem]:
    """What one cost line still lacks; each problem links to its own field on the line's page."""

    def probleem(tekst: str, anker: str) -> Probleem:
        url = _url(kostenpost.aanvraag, "kostenpost", anker, kp=kostenpost.pk)
        return Probleem(_("Kostenpost %(nr)s: ") % {"nr": nummer} + tekst, url)

    problemen = []
    categorie = kostenpost.categorie
    if categorie is None or categorie.regeling_id != regeling.pk:
        problemen.append(probleem(_("kies de soort kosten."), "id_categorie"))
    for veld, tekst in (
        ("omschrijving", _("beschrijf de maatregel.")),
        ("leverancier", _("vul de leverancier in.")),
        ("bedrag", _("vul het bedrag in.")),
        ("aard", _("geef aan of de kosten al betaald zijn of een offerte zijn.")),
    ):
        if getattr(kostenpost, veld) in (None, ""):
            anker = "id_aard_0" if veld == "aard" else f"id_{veld}"
            problemen.append(probleem(tekst, anker))
    if (
        categorie is not None
        and categorie.uitleg_verplicht
        and kostenpost.omschrijving
        and len(kostenpost.omschrijving.strip()) < UITLEG_MINIMUM
    ):
        tekst = _("leg in de omschrijving uit waarom deze kosten nodig zijn.")
        problemen.append(probleem(tekst, "id_omschrijving"))
    if categorie is not None and kostenpost.aard:
        aanwezig = {b.soort for b in kostenpost.bewijsstukken.all()}
        for soort in categorie.vereist_bewijs(kostenpost.aard):
            if soort not in aanwezig:
                tekst = _("voeg een %(soort)s toe (verplicht bij %(categorie)s).") % {
                    "soort": Bewijstype(soort).label.lower(),
                    "categorie": categorie.naam.lower(),
                }
                problemen.append(probleem(tekst, "id_bewijs-bestanden"))
    return problemen


def problemen_bij_indienen(aanvraag: Aanvraag, regeling: Regeling | None) -> list[Probleem]:
    """Everything that blocks submission, in the order of the form."""
    if regeling is None or reden_niet_toegestaan(aanvraag.aanvrager, regeling, aanvraag.ambtstype):
        reden = reden_niet_toegestaan(aanvraag.aanvrager, regeling, aanvraag.ambtstype)
        return [Probleem(reden, reverse("aanvragen:lijst"))]
    problemen = problemen_gegevens(aanvraag)
    kostenposten = _kostenposten(aanvraag)
    if not kostenposten:
        problemen.append(
            Probleem(_("Voeg ten minste één kostenpost toe."), _url(aanvraag, "kostenposten"))
        )
    for nummer, kostenpost in enumerate(kostenposten, start=1):
        problemen += _problemen_kostenpost(kostenpost, nummer, regeling)
    if not aanvraag.iban:
        problemen.append(Probleem(_("Vul het IBAN in."), _url(aanvraag, "betaling", "id_iban")))
    else:
        try:
            check_iban(aanvraag.iban, buitenland_toegestaan=regeling.buitenlandse_iban_toegestaan)
        except ValidationError as exc:
            problemen.append(Probleem(exc.messages[0], _url(aanvraag, "betaling", "id_iban")))
    if not aanvraag.rekeninghouder or not aanvraag.rekening_soort:
        problemen.append(
            Probleem(
                _("Vul de tenaamstelling en de soort rekening in."),
                _url(aanvraag, "betaling", "id_rekeninghouder"),
            )
        )
    return problemen


def categorie_totalen(aanvraag: Aanvraag) -> list[CategorieTotaal]:
    """Claimed total per cost category, with the category cap, in policy order."""
    totalen: dict[int, list] = {}
    for kostenpost in _kostenposten(aanvraag):
        if kostenpost.categorie is None or kostenpost.bedrag is None:
            continue
        categorie = kostenpost.categorie
        rij = totalen.setdefault(categorie.pk, [categorie, Decimal("0")])
        rij[1] += kostenpost.bedrag
    rijen = sorted(totalen.values(), key=lambda r: (r[0].volgorde, r[0].naam))
    return [CategorieTotaal(c.naam, totaal, c.plafond) for c, totaal in rijen]


def plafondsignalen(
    aanvraag: Aanvraag, regeling: Regeling, eerder: Decimal = Decimal("0")
) -> list[str]:
    """Plain-Dutch reasons the claim exceeds a cap; informative, submission stays allowed."""
    signalen = [
        _(
            "Voor %(categorie)s vraagt u %(totaal)s aan. Het maximum is %(plafond)s: "
            "BZK beoordeelt of een hoger bedrag vergoed kan worden."
        )
        % {"categorie": rij.naam.lower(), "totaal": euro(rij.totaal), "plafond": euro(rij.plafond)}
        for rij in categorie_totalen(aanvraag)
        if rij.overschreden
    ]
    totaal = aanvraag.kostenposten.aggregate(t=Sum("bedrag"))["t"] or Decimal("0")
    if regeling.totaalplafond is not None and totaal + eerder > regeling.totaalplafond:
        signalen.append(_totaalsignaal(totaal, eerder, regeling.totaalplafond))
    return signalen


def _totaalsignaal(totaal: Decimal, eerder: Decimal, plafond: Decimal) -> str:
    """The overall-cap signal; earlier claims are only mentioned when there are any."""
    bedragen = {"eerder": euro(eerder), "totaal": euro(totaal + eerder), "plafond": euro(plafond)}
    if not eerder:
        return (
            _(
                "U vraagt in totaal %(totaal)s aan. Het maximum per ambtsdrager is %(plafond)s: "
                "BZK beoordeelt of een hoger bedrag vergoed kan worden."
            )
            % bedragen
        )
    return (
        _(
            "Samen met uw eerdere aanvragen onder deze regeling (%(eerder)s) vraagt u "
            "%(totaal)s aan. Het maximum per ambtsdrager is %(plafond)s: BZK beoordeelt of "
            "een hoger bedrag vergoed kan worden."
        )
        % bedragen
    )
