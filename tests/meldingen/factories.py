"""Factories for meldingen, with a trait per status."""

import hashlib
import io
from datetime import timedelta

import factory
from django.utils import timezone
from PIL import Image

from meldingen.constants import (
    Aangifte,
    Dader,
    GerichtOp,
    Kanaal,
    Locatie,
    MeldingStatus,
)
from meldingen.models import Bijlage, Melding
from tests.factories import UserFactory


def png_bytes(size=(40, 30), noise=False) -> bytes:
    """A real PNG; with `noise` it does not compress, so truncating it really cuts data."""
    image = Image.new("RGB", size, (200, 30, 30))
    if noise:
        import os

        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class MeldingFactory(factory.django.DjangoModelFactory):
    """A complete concept by default; `ingediend=True` etc. give sent meldingen."""

    class Meta:
        model = Melding

    eigenaar = factory.SubFactory(UserFactory, ambtsdrager=True)
    datum_van = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    categorieen = factory.LazyFunction(lambda: ["bedreiging", "online_agressie"])
    omschrijving = factory.Faker("paragraph", locale="nl_NL")
    locatie = Locatie.ONLINE
    kanaal = Kanaal.SOCIALE_MEDIA
    gericht_op = GerichtOp.AMBT
    doelwitten = factory.LazyFunction(lambda: ["zelf"])
    dader = Dader.ONBEKEND
    herhaald = False
    intern_gemeld = True
    aangifte = Aangifte.NEE
    psychische_impact = "Ik slaap er slecht van (gevoelig-test-tekst)."
    ondersteuning = factory.LazyFunction(lambda: ["collegiaal"])

    class Params:
        leeg = factory.Trait(
            datum_van=None,
            categorieen=factory.LazyFunction(list),
            omschrijving="",
            locatie="",
            kanaal="",
            gericht_op="",
            doelwitten=factory.LazyFunction(list),
            dader="",
            herhaald=None,
            intern_gemeld=None,
            aangifte="",
            psychische_impact="",
            ondersteuning=factory.LazyFunction(list),
        )
        ingediend = factory.Trait(
            status=MeldingStatus.ONTVANGEN,
            referentie=factory.Sequence(lambda n: f"M-2000-{n + 1:06d}"),
            ingediend_op=factory.LazyFunction(timezone.now),
            gemeente=factory.SelfAttribute("eigenaar.gemeente"),
            ambtstype=factory.SelfAttribute("eigenaar.ambtstype"),
        )
        in_behandeling = factory.Trait(ingediend=True, status=MeldingStatus.IN_BEHANDELING)
        afgehandeld = factory.Trait(ingediend=True, status=MeldingStatus.AFGEHANDELD)
        ingetrokken = factory.Trait(ingediend=True, status=MeldingStatus.INGETROKKEN)


def melding_met_status(status: str, **kwargs) -> Melding:
    traits = {
        MeldingStatus.CONCEPT: {},
        MeldingStatus.ONTVANGEN: {"ingediend": True},
        MeldingStatus.IN_BEHANDELING: {"in_behandeling": True},
        MeldingStatus.AFGEHANDELD: {"afgehandeld": True},
        MeldingStatus.INGETROKKEN: {"ingetrokken": True},
    }[status]
    return MeldingFactory(**traits, **kwargs)


_PNG = png_bytes()


class BijlageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijlage

    melding = factory.SubFactory(MeldingFactory, ingediend=True)
    bestand = factory.django.FileField(data=_PNG, filename="foto.png")
    bestandsnaam = "foto.png"
    content_type = "image/png"
    grootte = len(_PNG)
    sha256 = hashlib.sha256(_PNG).hexdigest()
    geupload_door = factory.SelfAttribute("melding.eigenaar")
