"""A complete file of one office holder, like the demo's: every kind of record the export has.

Built with the ORM and the factories (the services have their own tests). `merk` goes into
every internal field (BZK's notes), so a test can prove none of it leaves in an export.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Ontvanger
from aanvragen.constants import AanvraagStatus, Bewijstype, RedenCode, Uitkomst
from aanvragen.models import (
    AanvullingBestand,
    Aanvulverzoek,
    Betaling,
    Bezwaar,
    KostenpostBeoordeling,
    StatusWijziging,
    Voornemen,
)
from meldingen.constants import Gebeurtenis, MeldingStatus
from meldingen.models import Aanvulling, MeldingHistorie
from tests.aanvragen.backoffice.factories import BesluitFactory
from tests.aanvragen.factories import (
    AanvraagFactory,
    BewijsstukFactory,
    KostenpostFactory,
    pdf_bytes,
)
from tests.meldingen.factories import BijlageFactory, MeldingFactory

_PDF = pdf_bytes()


@dataclass
class Dossier:
    melding: object
    concept_melding: object
    bijlage: object
    aanvraag: object
    bewijsstukken: list
    aanvullingbestand: object
    besluit: object
    brief_aanvrager: object
    brief_gemeente: object

    @property
    def brieven_aanvrager(self) -> list:
        return list(Brief.objects.filter(aanvraag=self.aanvraag, ontvanger=Ontvanger.AANVRAGER))


def opgeslagen_brief(*, aanvraag, soort, ontvanger, besluit=None, bron=None) -> Brief:
    """A stored letter without rendering: the export copies the file, it does not read it."""
    brief = Brief(
        aanvraag=aanvraag,
        besluit=besluit,
        bron=bron or f"besluit:{besluit.pk}",
        soort=soort,
        ontvanger=ontvanger,
        status=BriefStatus.KLAAR,
        sha256=hashlib.sha256(_PDF).hexdigest(),
        grootte=len(_PDF),
        gegenereerd_op=timezone.now(),
    )
    brief.bestand.save(f"brieven/test/{soort}-{ontvanger}.pdf", ContentFile(_PDF), save=False)
    brief.save()
    return brief


def _melding(eigenaar, omschrijving):
    melding = MeldingFactory(eigenaar=eigenaar, ingediend=True, omschrijving=omschrijving)
    bijlage = BijlageFactory(melding=melding, bestandsnaam=f"screenshot-{eigenaar.pk}.png")
    aanvulling = Aanvulling.objects.create(melding=melding, tekst="Nog een bericht.", door=eigenaar)
    BijlageFactory(melding=melding, aanvulling=aanvulling, bestandsnaam="later.png")
    MeldingHistorie.objects.create(
        melding=melding,
        gebeurtenis=Gebeurtenis.INGEDIEND,
        van_status=MeldingStatus.CONCEPT,
        naar_status=MeldingStatus.ONTVANGEN,
        door=eigenaar,
    )
    return melding, bijlage


def _behandelen(melding, beoordelaar, merk):
    """BZK takes the melding up with an internal note."""
    MeldingHistorie.objects.create(
        melding=melding,
        gebeurtenis=Gebeurtenis.IN_BEHANDELING_GENOMEN,
        van_status=MeldingStatus.ONTVANGEN,
        naar_status=MeldingStatus.IN_BEHANDELING,
        door=beoordelaar,
        toelichting=f"Interne notitie melding {merk}",
        intern=True,
    )


def _aanvraag(eigenaar, melding):
    aanvraag = AanvraagFactory(aanvrager=eigenaar, ingediend=True, kostenpost=None)
    aanvraag.meldingen.add(melding)
    KostenpostFactory(aanvraag=aanvraag, omschrijving="Alarm met doormelding", bewijs=False)
    camera = KostenpostFactory(
        aanvraag=aanvraag,
        categorie=aanvraag.regeling.categorieen.get(code="camera"),
        omschrijving="Camera bij de voordeur",
        factuurnummer="CAM-2026-7",
        bedrag=Decimal("800.00"),
        bewijs=False,
    )
    bewijsstukken = [
        BewijsstukFactory(kostenpost=post, soort=Bewijstype.FACTUUR, bestandsnaam=naam)
        for post, naam in zip(
            aanvraag.kostenposten.order_by("pk"),
            (f"factuur-alarm-{eigenaar.pk}.pdf", f"factuur-camera-{eigenaar.pk}.pdf"),
            strict=True,
        )
    ]
    return aanvraag, camera, bewijsstukken


def _aanvulling(aanvraag, beoordelaar, merk):
    verzoek = Aanvulverzoek.objects.create(
        aanvraag=aanvraag,
        vraag="Wilt u de offerte sturen?",
        verzocht_op=timezone.now() - timedelta(days=10),
        termijn_tot=timezone.localdate() + timedelta(days=4),
        verzocht_door=beoordelaar,
        antwoord="Hierbij de offerte.",
        notitie=f"Interne notitie aanvulling {merk}",
        beantwoord_op=timezone.now() - timedelta(days=8),
    )
    bestand = AanvullingBestand(
        aanvulverzoek=verzoek,
        bestandsnaam=f"offerte-{aanvraag.aanvrager_id}.pdf",
        content_type="application/pdf",
        grootte=len(_PDF),
        sha256=hashlib.sha256(_PDF).hexdigest(),
        geupload_door=aanvraag.aanvrager,
    )
    bestand.bestand.save("offerte.pdf", ContentFile(_PDF), save=False)
    bestand.save()
    return bestand


def _besluit(aanvraag, camera, beoordelaar, merk):
    Voornemen.objects.create(
        aanvraag=aanvraag,
        reden="De camera gaat boven het maximum.",
        termijn_tot=timezone.localdate() - timedelta(days=3),
        verzonden_op=timezone.now() - timedelta(days=7),
        door=beoordelaar,
        zienswijze=f"Telefonisch: interne zienswijze {merk}",
        zienswijze_ingediend=True,
    )
    for post in aanvraag.kostenposten.all():
        KostenpostBeoordeling.objects.create(
            kostenpost=post,
            bedrag_toegekend=post.bedrag if post != camera else Decimal("500.00"),
            reden_code=RedenCode.VOLLEDIG if post != camera else RedenCode.BOVEN_MAXIMUM,
            motivering=f"Motivering beoordelaar {merk}",
            beoordeeld_door=beoordelaar,
        )
    besluit = BesluitFactory(
        aanvraag=aanvraag,
        verzonden=True,
        uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
        bedrag_toegekend=Decimal("1734.56"),
        motivering=f"Motivering besluit {merk}",
        opgesteld_door=beoordelaar,
    )
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=timezone.localdate(),
        bedrag=Decimal("1734.56"),
        referentie="BET-1",
        geregistreerd_door=beoordelaar,
    )
    Bezwaar.objects.create(
        besluit=besluit,
        ontvangen_op=timezone.localdate(),
        toelichting=f"Interne notitie bezwaar {merk}",
        geregistreerd_door=beoordelaar,
    )
    return besluit


def _statushistorie(aanvraag, beoordelaar, merk):
    stappen = [
        ("", AanvraagStatus.INGEDIEND, aanvraag.aanvrager),
        (AanvraagStatus.INGEDIEND, AanvraagStatus.IN_BEHANDELING, beoordelaar),
        (AanvraagStatus.IN_BEHANDELING, AanvraagStatus.BESLUIT_CONCEPT, beoordelaar),
        (AanvraagStatus.BESLUIT_CONCEPT, AanvraagStatus.VERZONDEN, None),
    ]
    for van, naar, door in stappen:
        StatusWijziging.objects.create(
            aanvraag=aanvraag, van=van, naar=naar, door=door, toelichting=f"Toelichting {merk}"
        )
    aanvraag.status = AanvraagStatus.VERZONDEN
    aanvraag.save(update_fields=["status"])


def volledig_dossier(eigenaar, beoordelaar, *, merk: str, omschrijving: str) -> Dossier:
    """A sent and a draft melding, a decided claim with letters, files and BZK's notes."""
    melding, bijlage = _melding(eigenaar, omschrijving)
    _behandelen(melding, beoordelaar, merk)
    concept_melding = MeldingFactory(eigenaar=eigenaar, omschrijving="Nog niet verstuurd.")
    aanvraag, camera, bewijsstukken = _aanvraag(eigenaar, melding)
    aanvullingbestand = _aanvulling(aanvraag, beoordelaar, merk)
    besluit = _besluit(aanvraag, camera, beoordelaar, merk)
    _statushistorie(aanvraag, beoordelaar, merk)
    opgeslagen_brief(
        aanvraag=aanvraag,
        soort=BriefSoort.ONTVANGSTBEVESTIGING,
        ontvanger=Ontvanger.AANVRAGER,
        bron=f"aanvraag:{aanvraag.pk}",
    )
    return Dossier(
        melding=melding,
        concept_melding=concept_melding,
        bijlage=bijlage,
        aanvraag=aanvraag,
        bewijsstukken=bewijsstukken,
        aanvullingbestand=aanvullingbestand,
        besluit=besluit,
        brief_aanvrager=opgeslagen_brief(
            aanvraag=aanvraag,
            besluit=besluit,
            soort=BriefSoort.BESLUIT,
            ontvanger=Ontvanger.AANVRAGER,
        ),
        brief_gemeente=opgeslagen_brief(
            aanvraag=aanvraag,
            besluit=besluit,
            soort=BriefSoort.KENNISGEVING,
            ontvanger=Ontvanger.GEMEENTE,
        ),
    )
