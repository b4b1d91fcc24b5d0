"""Build the ZIP with all of an office holder's data (AVG art. 15).

Contents: `index.html` (a readable summary listing every record, with `stijl.css`), the
attachments and evidence the owner uploaded, the letters addressed to the owner, and the
access log of `selectors.inzagen_van`. What the owner's screens do not show stays out too:
BZK's internal notes (status-history explanations, the hearing note, internal melding
notes, notes on answers received by post), assessors' motivations (they are in the letters
as sent), who handled the case, the municipality's copies and anything about other people.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from aanvragen.brieven.selectors import brieven_van_aanvraag
from aanvragen.constants import STATUS_VOOR_AANVRAGER, AanvraagStatus, BesluitStatus
from fondsbeveiliging.opmaak.formaat import datum_tijd, euro, iban, lange_datum

from . import selectors
from .weergave import inzage_regel

ZIP_KOPIE_BLOK = 1024 * 1024


@dataclass
class Bestand:
    """One file in the ZIP: where it goes, what the summary calls it, where it comes from."""

    pad: str
    naam: str
    bron: object  # a FieldFile in private storage
    omschrijving: str = ""
    aanwezig: bool = True


class Bestanden:
    """The files to copy, each under a unique path inside the ZIP."""

    def __init__(self):
        self.lijst: list[Bestand] = []
        self._paden: set[str] = {"index.html", "stijl.css"}

    def toevoegen(self, map_: str, naam: str, bron, omschrijving: str = "") -> Bestand:
        veilig = get_valid_filename(naam) or "bestand"
        pad = f"{map_}/{veilig}"
        teller = 2
        while pad in self._paden:
            pad_obj = PurePosixPath(veilig)
            pad = f"{map_}/{pad_obj.stem}-{teller}{pad_obj.suffix}"
            teller += 1
        self._paden.add(pad)
        bestand = Bestand(pad=pad, naam=naam, bron=bron, omschrijving=omschrijving)
        self.lijst.append(bestand)
        return bestand


def _ja_nee(waarde) -> str:
    if waarde is None:
        return "-"
    return _("Ja") if waarde else _("Nee")


def _map(tekst: str) -> str:
    return get_valid_filename(tekst) or "map"


def _profiel(eigenaar) -> list[tuple[str, str]]:
    adres = ", ".join(
        deel
        for deel in (
            eigenaar.correspondentie_adres,
            f"{eigenaar.correspondentie_postcode} {eigenaar.correspondentie_plaats}".strip(),
        )
        if deel
    )
    return [
        (_("Naam"), eigenaar.get_full_name() or "-"),
        (_("E-mailadres"), eigenaar.email),
        (_("Ambt"), eigenaar.get_ambtstype_display() or "-"),
        (_("Gemeente"), str(eigenaar.gemeente) if eigenaar.gemeente_id else "-"),
        (_("In functie sinds"), lange_datum(eigenaar.in_functie_sinds) or "-"),
        (_("In functie tot"), lange_datum(eigenaar.in_functie_tot) or "-"),
        (_("Correspondentieadres"), adres or "-"),
        (_("Telefoonnummer"), eigenaar.telefoon or "-"),
        (_("Account aangemaakt op"), datum_tijd(eigenaar.date_joined)),
        (_("Laatst ingelogd op"), datum_tijd(eigenaar.last_login) or "-"),
    ]


def _melding_velden(melding) -> list[tuple[str, str]]:
    return [
        (_("Datum (of begin van de periode)"), lange_datum(melding.datum_van) or "-"),
        (_("Einddatum van de periode"), lange_datum(melding.datum_tot) or "-"),
        (_("Soort incident"), ", ".join(melding.get_categorieen_display()) or "-"),
        (_("Toelichting bij anders"), melding.categorie_anders or "-"),
        (_("Wat is er gebeurd"), melding.omschrijving or "-"),
        (_("Waar"), melding.get_locatie_display() or "-"),
        (_("Hoe"), melding.get_kanaal_display() or "-"),
        (_("Gericht op"), melding.get_gericht_op_display() or "-"),
        (_("Wie werd getroffen"), ", ".join(melding.get_doelwitten_display()) or "-"),
        (_("Dader"), melding.get_dader_display() or "-"),
        (_("Eerder gebeurd"), _ja_nee(melding.herhaald)),
        (_("Intern gemeld"), _ja_nee(melding.intern_gemeld)),
        (_("Aangifte bij de politie"), melding.get_aangifte_display() or "-"),
        (_("Kenmerk van de aangifte"), melding.aangifte_kenmerk or "-"),
        (_("Adres van de werkgever gebruikt (domicilie)"), _ja_nee(melding.domicilie_gebruikt)),
        (_("Gevolgen"), ", ".join(melding.get_impact_display()) or "-"),
        (_("Psychische gevolgen"), melding.psychische_impact or "-"),
        (_("Gewenste ondersteuning"), ", ".join(melding.get_ondersteuning_display()) or "-"),
        (_("Ambt bij het versturen"), melding.get_ambtstype_display() or "-"),
        (_("Gemeente bij het versturen"), str(melding.gemeente) if melding.gemeente_id else "-"),
    ]


def _melding(melding, bestanden: Bestanden) -> dict:
    titel = melding.referentie or _("Concept-melding van %(datum)s") % {
        "datum": lange_datum(melding.aangemaakt_op)
    }
    map_ = f"meldingen/{_map(melding.referentie or f'concept-{melding.pk}')}"
    bijlagen = [
        bestanden.toevoegen(map_, b.bestandsnaam, b.bestand)
        for b in melding.bijlagen.all()
        if b.aanvulling_id is None
    ]
    aanvullingen = [
        {
            "op": a.aangemaakt_op,
            "tekst": a.tekst,
            "bijlagen": [
                bestanden.toevoegen(map_, b.bestandsnaam, b.bestand) for b in a.bijlagen.all()
            ],
        }
        for a in melding.aanvullingen.all()
    ]
    # As on the owner's page: BZK's internal notes are left out, and staff show as "BZK".
    historie = [
        {
            "op": regel.op,
            "gebeurtenis": regel.get_gebeurtenis_display(),
            "door_bzk": regel.door_id != melding.eigenaar_id,
            "toelichting": "" if regel.intern else regel.toelichting,
        }
        for regel in melding.historie.all()
    ]
    return {
        "id": f"melding-{melding.pk}",
        "titel": titel,
        "status": melding.get_status_display(),
        "aangemaakt_op": melding.aangemaakt_op,
        "ingediend_op": melding.ingediend_op,
        "velden": _melding_velden(melding),
        "bijlagen": bijlagen,
        "aanvullingen": aanvullingen,
        "historie": historie,
    }


def _aanvraag_velden(aanvraag) -> list[tuple[str, str]]:
    correspondentie = ", ".join(
        d
        for d in (
            aanvraag.correspondentie_adres,
            f"{aanvraag.correspondentie_postcode} {aanvraag.correspondentie_plaats}".strip(),
        )
        if d
    )
    velden = [
        (_("Uw kenmerk"), aanvraag.uw_kenmerk or "-"),
        (_("Naam"), aanvraag.aanvrager_naam or "-"),
        (_("Ambt"), aanvraag.get_ambtstype_display() or "-"),
        (_("Gemeente"), str(aanvraag.gemeente)),
        (_("In functie sinds"), lange_datum(aanvraag.in_functie_sinds) or "-"),
        (_("Correspondentieadres"), correspondentie or "-"),
        (_("Maatregel bij de woning"), _ja_nee(aanvraag.maatregel_bij_woning)),
    ]
    if aanvraag.maatregel_bij_woning:
        woonadres = ", ".join(
            d
            for d in (
                aanvraag.woonadres,
                f"{aanvraag.woon_postcode or ''} {aanvraag.woon_plaats or ''}".strip(),
            )
            if d
        )
        velden.append((_("Woonadres"), woonadres or "-"))
    velden += [
        (
            _("Gekoppelde meldingen"),
            ", ".join(m.referentie for m in aanvraag.meldingen.all() if m.referentie) or "-",
        ),
        (_("IBAN"), iban(aanvraag.iban) or "-"),
        (_("Tenaamstelling rekening"), aanvraag.rekeninghouder or "-"),
        (_("Soort rekening"), aanvraag.get_rekening_soort_display() or "-"),
        (_("Verklaring naar waarheid"), _ja_nee(aanvraag.verklaring_akkoord)),
        (_("Aangevraagd bedrag"), euro(aanvraag.bedrag_aangevraagd)),
    ]
    return velden


def _statusverloop(aanvraag) -> list[dict]:
    """The claim's steps as the applicant sees them: plain labels, no notes, no names."""
    verloop = []
    for wijziging in aanvraag.statushistorie.all():
        label = str(STATUS_VOOR_AANVRAGER[AanvraagStatus(wijziging.naar)])
        if not verloop or verloop[-1]["status"] != label:
            verloop.append({"op": wijziging.op, "status": label})
    return verloop


def _besluiten(aanvraag) -> list[dict]:
    """Sent decisions only: a draft is BZK's work in progress until it goes out."""
    return [
        {
            "versie": b.versie,
            "uitkomst": b.get_uitkomst_display(),
            "bedrag": euro(b.bedrag_toegekend),
            "verzonden_op": b.verzonden_op,
            "betaaltermijn_einde": b.betaaltermijn_einde,
            "bezwaartermijn_einde": b.bezwaartermijn_einde,
            "betalingen": [
                {"betaald_op": p.betaald_op, "bedrag": euro(p.bedrag)} for p in b.betalingen.all()
            ],
        }
        for b in aanvraag.besluiten.all()
        if b.status == BesluitStatus.VERZONDEN
    ]


def _kostenposten(aanvraag, map_: str, bestanden: Bestanden) -> list[dict]:
    return [
        {
            "nummer": nummer,
            "categorie": str(kp.categorie) if kp.categorie_id else "-",
            "omschrijving": kp.omschrijving or "-",
            "leverancier": kp.leverancier or "-",
            "factuurnummer": kp.factuurnummer or "-",
            "bedrag": euro(kp.bedrag) or "-",
            "aard": kp.get_aard_display() or "-",
            "bewijsstukken": [
                bestanden.toevoegen(
                    f"{map_}/bewijsstukken", b.bestandsnaam, b.bestand, b.get_soort_display()
                )
                for b in kp.bewijsstukken.all()
            ],
        }
        for nummer, kp in enumerate(aanvraag.kostenposten.all(), start=1)
    ]


def _aanvulverzoeken(aanvraag, map_: str, bestanden: Bestanden) -> list[dict]:
    # The question and the applicant's own answer; BZK's note on an answer by post stays out.
    return [
        {
            "verzocht_op": v.verzocht_op,
            "vraag": v.vraag,
            "termijn_tot": v.termijn_tot,
            "antwoord": v.antwoord,
            "beantwoord_op": v.beantwoord_op,
            "bestanden": [
                bestanden.toevoegen(f"{map_}/aanvullingen", b.bestandsnaam, b.bestand)
                for b in v.bestanden.all()
            ],
        }
        for v in aanvraag.aanvulverzoeken.all()
    ]


def _aanvraag(aanvraag, bestanden: Bestanden) -> dict:
    titel = aanvraag.kenmerk or _("Concept-aanvraag van %(datum)s") % {
        "datum": lange_datum(aanvraag.aangemaakt_op)
    }
    map_ = f"aanvragen/{_map(aanvraag.kenmerk or f'concept-{aanvraag.pk}')}"
    brieven = [
        bestanden.toevoegen(
            "brieven", brief.download_naam, brief.bestand, brief.get_soort_display()
        )
        for brief in brieven_van_aanvraag(aanvraag=aanvraag)
    ]
    return {
        "id": f"aanvraag-{aanvraag.pk}",
        "titel": titel,
        "status": aanvraag.get_status_voor_aanvrager(),
        "aangemaakt_op": aanvraag.aangemaakt_op,
        "ingediend_op": aanvraag.ingediend_op,
        "beslistermijn_einde": aanvraag.beslistermijn_einde,
        "velden": _aanvraag_velden(aanvraag),
        "plafondsignalen": aanvraag.plafondsignalen,
        "kostenposten": _kostenposten(aanvraag, map_, bestanden),
        "aanvulverzoeken": _aanvulverzoeken(aanvraag, map_, bestanden),
        "voornemens": [
            {"verzonden_op": v.verzonden_op, "reden": v.reden, "termijn_tot": v.termijn_tot}
            for v in aanvraag.voornemens.all()
        ],
        "besluiten": _besluiten(aanvraag),
        "statusverloop": _statusverloop(aanvraag),
        "brieven": brieven,
    }


def export_context(*, eigenaar) -> tuple[dict, Bestanden]:
    """Everything index.html shows, and the files the ZIP holds besides it."""
    bestanden = Bestanden()
    meldingen = [_melding(m, bestanden) for m in selectors.meldingen_voor_export(eigenaar=eigenaar)]
    aanvragen = [
        _aanvraag(a, bestanden) for a in selectors.aanvragen_voor_export(eigenaar=eigenaar)
    ]
    context = {
        "gemaakt_op": timezone.now(),
        "profiel": _profiel(eigenaar),
        "meldingen": meldingen,
        "aanvragen": aanvragen,
        "brieven": [b for a in aanvragen for b in a["brieven"]],
        "inzagen": [inzage_regel(r) for r in selectors.inzagen_van(eigenaar=eigenaar)],
    }
    return context, bestanden


def _kopieren(archief: zipfile.ZipFile, bestand: Bestand) -> None:
    """Copy one private file into the ZIP; a file missing from storage is noted, not fatal."""
    try:
        with bestand.bron.open("rb") as bron, archief.open(bestand.pad, "w") as doel:
            shutil.copyfileobj(bron, doel, ZIP_KOPIE_BLOK)
    except FileNotFoundError:
        bestand.aanwezig = False


def export_schrijven(*, eigenaar, doel) -> None:
    """Write the owner's ZIP to the binary file object `doel`."""
    context, bestanden = export_context(eigenaar=eigenaar)
    with zipfile.ZipFile(doel, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        for bestand in bestanden.lijst:
            _kopieren(archief, bestand)
        archief.writestr("stijl.css", render_to_string("gegevens/export/stijl.css"))
        archief.writestr("index.html", render_to_string("gegevens/export/index.html", context))
