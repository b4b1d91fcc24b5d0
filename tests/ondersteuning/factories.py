"""Factories for support requests: a complete concept by default, traits per status."""

from datetime import timedelta

import factory
from django.utils import timezone

from ondersteuning.constants import Beslissing, Hulpvorm, Organisatie, VerzoekStatus
from ondersteuning.models import Contactpersoon, Ondersteuningsverzoek, Teamlid
from tests.factories import UserFactory

_teller = iter(range(1, 10**6))


class TeamlidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Teamlid

    naam = factory.Faker("name", locale="nl_NL")
    organisatie = Organisatie.NCTV
    functie = "Adviseur crisisbeheersing"
    email = factory.Sequence(lambda n: f"teamlid{n}@example.nl")
    telefoon = "070 123 45 67"


class VerzoekFactory(factory.django.DjangoModelFactory):
    """A complete concept of the creator's municipality; `ingediend=True` etc. for later states.

    The states are set directly (for volume tests); flows go through the services.
    """

    class Meta:
        model = Ondersteuningsverzoek
        skip_postgeneration_save = True

    aangemaakt_door = factory.SubFactory(UserFactory, gemeente_medewerker=True)
    gemeente = factory.LazyAttribute(lambda o: o.aangemaakt_door.gemeente)
    titel = "Informatieavond opvanglocatie"
    bijeenkomst_op = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    locatie = "Sporthal De Wetering"
    verwacht_aantal = 300
    openbaar = True
    livestream = True
    onderwerp = "De komst van een opvanglocatie voor asielzoekers."
    risicosignalen = factory.LazyFunction(lambda: ["online_oproepen"])
    risico_toelichting = "Oproepen op sociale media om de avond te verstoren."
    hulpvormen = factory.LazyFunction(lambda: [Hulpvorm.ADVIES, Hulpvorm.SCENARIOSESSIE])

    class Params:
        ingediend = factory.Trait(
            status=VerzoekStatus.INGEDIEND,
            kenmerk=factory.LazyFunction(lambda: f"O-2099-{next(_teller):06d}"),
            ingediend_op=factory.LazyFunction(timezone.now),
            ingediend_door=factory.SelfAttribute("aangemaakt_door"),
        )
        geaccepteerd = factory.Trait(
            ingediend=True, status=VerzoekStatus.GEACCEPTEERD, beslissing=Beslissing.GEACCEPTEERD
        )

    @factory.post_generation
    def contacten(self, create, extracted, **kwargs):
        if create:
            Contactpersoon.objects.create(
                verzoek=self, naam="Sanne de Vries", rol="Griffier", telefoon="030 286 00 00"
            )
