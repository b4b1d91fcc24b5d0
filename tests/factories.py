"""factory_boy factories with Dutch fake data and traits for roles."""

import factory
from django.contrib.auth.models import Group

from fondsbeveiliging.accounts.constants import STAFF_ROLLEN, Ambtstype, Rol
from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.gemeenten.models import Gemeente

DEFAULT_PASSWORD = "Correct-paard-batterij-7"


def gemeente(code="GM0363"):
    """An existing municipality from the bundled CBS list (Amsterdam by default)."""
    return Gemeente.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)
    rol = Rol.AMBTSDRAGER
    ambtstype = Ambtstype.WETHOUDER
    gemeente = factory.LazyFunction(gemeente)
    correspondentie_adres = "Postbus 1234"
    correspondentie_postcode = "1000 AB"
    correspondentie_plaats = "Amsterdam"

    class Params:
        ambtsdrager = factory.Trait(rol=Rol.AMBTSDRAGER)
        gemeente_medewerker = factory.Trait(rol=Rol.GEMEENTE_MEDEWERKER, ambtstype="")
        beoordelaar = factory.Trait(rol=Rol.BEOORDELAAR, ambtstype="", gemeente=None)
        tweede_beoordelaar = factory.Trait(rol=Rol.TWEEDE_BEOORDELAAR, ambtstype="", gemeente=None)
        financieel_medewerker = factory.Trait(
            rol=Rol.FINANCIEEL_MEDEWERKER, ambtstype="", gemeente=None
        )
        functioneel_beheerder = factory.Trait(
            rol=Rol.FUNCTIONEEL_BEHEERDER, ambtstype="", gemeente=None
        )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        self.is_staff = self.rol in STAFF_ROLLEN
        if create:
            self.save()
            self.groups.set([Group.objects.get(name=self.rol)])
