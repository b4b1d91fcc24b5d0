"""Factories for policy versions, claims, cost lines, evidence and information requests."""

import io
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from aanvragen.constants import AanvraagStatus, Bewijstype, KostenAard, RekeningSoort
from aanvragen.models import (
    Aanvraag,
    Aanvulverzoek,
    Bewijsstuk,
    KostenCategorie,
    Kostenpost,
    Regeling,
)
from tests.factories import UserFactory


def pdf_bytes() -> bytes:
    """A minimal valid one-page PDF."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


_melding_nummer = iter(range(1, 10**6))


def melding(eigenaar, status="ontvangen"):
    """A melding of `eigenaar` (sent unless status='concept'), made directly for linking."""
    from meldingen.models import Melding

    if status == "concept":
        return Melding.objects.create(eigenaar=eigenaar)
    return Melding.objects.create(
        eigenaar=eigenaar,
        status=status,
        referentie=f"M-T-{next(_melding_nummer):06d}",
        ingediend_op=timezone.now(),
    )


class RegelingFactory(factory.django.DjangoModelFactory):
    """A version valid from 2020 without end date, with three categories."""

    class Meta:
        model = Regeling
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"test-{n}")
    naam = "Regeling beveiligingsmaatregelen politieke ambtsdragers (test)"
    grondslag = "artikel 3"
    geldig_van = date(2020, 1, 1)
    geldig_tot = None
    totaalplafond = Decimal("2400.00")
    jaarbudget = Decimal("1000000.00")

    @factory.post_generation
    def categorieen(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        KostenCategorieFactory(
            regeling=self,
            code="alarm",
            naam="Alarmsysteem",
            plafond=1500,
            bewijs_bij_betaald=[Bewijstype.FACTUUR, Bewijstype.BETAALBEWIJS],
        )
        KostenCategorieFactory(
            regeling=self,
            code="camera",
            naam="Camerabewaking",
            plafond=1000,
            bewijs_bij_betaald=[Bewijstype.FACTUUR, Bewijstype.BEVEILIGINGSADVIES],
        )
        KostenCategorieFactory(
            regeling=self, code="overig", naam="Overige kosten", plafond=None, uitleg_verplicht=True
        )


class KostenCategorieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KostenCategorie

    regeling = factory.SubFactory(RegelingFactory, categorieen=False)
    code = factory.Sequence(lambda n: f"cat-{n}")
    naam = factory.Sequence(lambda n: f"Kostensoort {n}")
    plafond = None
    bewijs_bij_betaald = factory.LazyFunction(lambda: [Bewijstype.FACTUUR])
    bewijs_bij_offerte = factory.LazyFunction(lambda: [Bewijstype.OFFERTE])


def _regeling():
    return Regeling.objects.order_by("pk").first() or RegelingFactory()


class AanvraagFactory(factory.django.DjangoModelFactory):
    """A draft claim with payee data; traits `compleet` (a line with evidence) and `ingediend`."""

    class Meta:
        model = Aanvraag
        skip_postgeneration_save = True

    aanvrager = factory.SubFactory(UserFactory, ambtsdrager=True)
    regeling = factory.LazyFunction(_regeling)
    aanvrager_naam = factory.LazyAttribute(lambda o: o.aanvrager.get_full_name())
    ambtstype = factory.LazyAttribute(lambda o: o.aanvrager.ambtstype)
    gemeente = factory.LazyAttribute(lambda o: o.aanvrager.gemeente)
    correspondentie_adres = "Postbus 1234"
    correspondentie_postcode = "1000 AB"
    correspondentie_plaats = "Amsterdam"
    maatregel_bij_woning = False
    iban = "NL91ABNA0417164300"
    rekeninghouder = factory.LazyAttribute(lambda o: o.aanvrager_naam)
    rekening_soort = RekeningSoort.EIGEN

    class Params:
        compleet = factory.Trait(
            kostenpost=factory.RelatedFactory(
                "tests.aanvragen.factories.KostenpostFactory", factory_related_name="aanvraag"
            )
        )
        ingediend = factory.Trait(
            compleet=True,
            status=AanvraagStatus.INGEDIEND,
            kenmerk=factory.Sequence(lambda n: f"FB-2026-{900000 + n:06d}"),
            ingediend_op=factory.LazyFunction(timezone.now),
            beslistermijn_einde=factory.LazyFunction(
                lambda: timezone.localdate() + timedelta(weeks=8)
            ),
            verklaring_akkoord=True,
        )
        aanvulling_gevraagd = factory.Trait(
            ingediend=True,
            status=AanvraagStatus.AANVULLING_GEVRAAGD,
            verzoek=factory.RelatedFactory(
                "tests.aanvragen.factories.AanvulverzoekFactory", factory_related_name="aanvraag"
            ),
        )


class KostenpostFactory(factory.django.DjangoModelFactory):
    """A complete paid alarm line with invoice and proof of payment."""

    class Meta:
        model = Kostenpost
        skip_postgeneration_save = True

    aanvraag = factory.SubFactory(AanvraagFactory)
    categorie = factory.LazyAttribute(lambda o: o.aanvraag.regeling.categorieen.get(code="alarm"))
    omschrijving = "Inbraakalarm met doormelding"
    leverancier = "Veilig Thuis B.V."
    bedrag = Decimal("1234.56")
    aard = KostenAard.BETAALD

    @factory.post_generation
    def bewijs(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for soort in self.categorie.vereist_bewijs(self.aard):
            BewijsstukFactory(kostenpost=self, soort=soort)
        self.aanvraag.bedrag_aangevraagd = sum(
            k.bedrag or 0 for k in self.aanvraag.kostenposten.all()
        )
        self.aanvraag.save(update_fields=["bedrag_aangevraagd"])


class BewijsstukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bewijsstuk

    kostenpost = factory.SubFactory(KostenpostFactory, bewijs=False)
    soort = Bewijstype.FACTUUR
    bestand = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="factuur.pdf"))
    bestandsnaam = "factuur.pdf"
    content_type = "application/pdf"
    grootte = 500
    # Every file its own hash, as real files have (the same hash is a double-claim signal).
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    geupload_door = factory.LazyAttribute(lambda o: o.kostenpost.aanvraag.aanvrager)


class AanvulverzoekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanvulverzoek

    aanvraag = factory.SubFactory(AanvraagFactory, ingediend=True)
    vraag = "Wilt u de offerte van de leverancier sturen?"
    verzocht_op = factory.LazyFunction(timezone.now)
    termijn_tot = factory.LazyFunction(lambda: timezone.localdate() + timedelta(weeks=2))
