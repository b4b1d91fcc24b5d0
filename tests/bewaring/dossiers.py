"""Records in the database for retention tests, each with real files in private storage.

Event moments are the real "now" of creation (auto_now_add); tests move the clock by
passing `nu=` to the services instead.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Ontvanger, Verzending
from aanvragen.constants import AanvraagStatus, BesluitStatus, Uitkomst
from aanvragen.models import Betaling, StatusWijziging
from fondsbeveiliging.audit.models import Inzage, InzageActie
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.core.files import private_storage
from meldingen.constants import Gebeurtenis, MeldingStatus
from meldingen.models import Bijlage, MeldingHistorie
from tests.aanvragen.brieven import zaken
from tests.factories import UserFactory
from tests.meldingen.factories import MeldingFactory


def bestand(prefix: str) -> str:
    return private_storage().save(f"{prefix}/test.pdf", ContentFile(b"%PDF-1.4 test"))


def bestaat(naam: str) -> bool:
    return private_storage().exists(naam)


def afgehandelde_melding(**velden):
    """A handled melding with one attachment and its history."""
    melding = MeldingFactory(afgehandeld=True, **velden)
    MeldingHistorie.objects.create(
        melding=melding,
        gebeurtenis=Gebeurtenis.AFGEHANDELD,
        van_status=MeldingStatus.IN_BEHANDELING,
        naar_status=MeldingStatus.AFGEHANDELD,
        door=melding.eigenaar,
    )
    Bijlage.objects.create(
        melding=melding,
        bestand=bestand("meldingen"),
        bestandsnaam="foto.pdf",
        content_type="application/pdf",
        grootte=10,
        sha256="0" * 64,
        geupload_door=melding.eigenaar,
    )
    return melding


def afgesloten_aanvraag(*, status=AanvraagStatus.AFGESLOTEN, betaald_op=None):
    """A claim closed after a sent decision with a letter, evidence, a payment and history."""
    besluit = zaken.goedgekeurd_besluit(uitkomst=Uitkomst.TOEGEKEND)
    aanvraag = besluit.aanvraag
    besluit.status = BesluitStatus.VERZONDEN
    besluit.verzonden_op = timezone.now()
    besluit.bezwaartermijn_einde = timezone.localdate() + timedelta(weeks=6)
    besluit.save(update_fields=["status", "verzonden_op", "bezwaartermijn_einde"])
    brief = Brief.objects.create(
        aanvraag=aanvraag,
        besluit=besluit,
        bron=f"besluit:{besluit.pk}",
        soort=BriefSoort.BESLUIT,
        ontvanger=Ontvanger.AANVRAGER,
        status=BriefStatus.KLAAR,
        bestand=bestand("brieven"),
        sha256="a" * 64,
        gegenereerd_op=timezone.now(),
    )
    Verzending.objects.create(
        brief=brief, verzonden_op=timezone.now(), aan="aanvrager@example.nl", kanaal="email"
    )
    kostenpost = aanvraag.kostenposten.first()
    from aanvragen.models import Bewijsstuk

    Bewijsstuk.objects.create(
        kostenpost=kostenpost,
        soort="factuur",
        bestand=bestand("bewijs"),
        bestandsnaam="factuur.pdf",
        content_type="application/pdf",
        grootte=10,
        sha256="0" * 64,
        geupload_door=aanvraag.aanvrager,
    )
    Betaling.objects.create(
        besluit=besluit,
        betaald_op=betaald_op or date(2000, 1, 1),
        bedrag=Decimal("10.00"),
        referentie="BET-1",
        geregistreerd_door=besluit.goedgekeurd_door,
    )
    aanvraag.status = status
    aanvraag.save()  # through auditlog: the claim has model history
    StatusWijziging.objects.create(
        aanvraag=aanvraag, van=AanvraagStatus.VERZONDEN, naar=status, door=besluit.opgesteld_door
    )
    return aanvraag


def betaalbatch(nummer, aanvragen, *, door, betaald):
    """A payment batch with one row per claim (their payments linked when `betaald`); its
    stored SEPA file names the payees, as a real one does."""
    from aanvragen.models import Betaalbatch, BetaalbatchRegel

    batch = Betaalbatch.objects.create(
        nummer=nummer,
        aangemaakt_op=timezone.now(),
        aangemaakt_door=door,
        uitvoeringsdatum=timezone.localdate(),
        totaal=10 * len(aanvragen),
        aantal=len(aanvragen),
        pain001="".join(f"<Nm>{a.rekeninghouder}</Nm>" for a in aanvragen),
        bericht_id=f"B{nummer}",
    )
    for aanvraag in aanvragen:
        besluit = aanvraag.besluiten.get()
        BetaalbatchRegel.objects.create(
            batch=batch,
            besluit=besluit,
            kenmerk=aanvraag.kenmerk,
            begunstigde=aanvraag.rekeninghouder,
            iban=aanvraag.iban,
            bedrag=10,
            eind_tot_eind_id=f"{aanvraag.kenmerk}-B{nummer}",
            betaling=besluit.betalingen.get() if betaald else None,
        )
    return batch


def bericht(sleutel="test:1"):
    return Bericht.objects.create(sleutel=sleutel, aan="a@example.nl", onderwerp="x", tekst="y")


def inzage():
    return Inzage.objects.create(
        gebruiker=UserFactory(beoordelaar=True), actie=InzageActie.BEKEKEN, omschrijving="x"
    )
