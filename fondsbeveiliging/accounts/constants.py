from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    AMBTSDRAGER = "ambtsdrager", _("Ambtsdrager")
    BEOORDELAAR = "beoordelaar", _("Beoordelaar")
    TWEEDE_BEOORDELAAR = "tweede_beoordelaar", _("Tweede beoordelaar / teamleider")
    FINANCIEEL_MEDEWERKER = "financieel_medewerker", _("Financieel medewerker")
    GEMEENTE_MEDEWERKER = "gemeente_medewerker", _("Gemeentemedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")


# BZK staff work in the admin back office and must always use two-factor login.
STAFF_ROLLEN = frozenset(
    {
        Rol.BEOORDELAAR,
        Rol.TWEEDE_BEOORDELAAR,
        Rol.FINANCIEEL_MEDEWERKER,
        Rol.FUNCTIONEEL_BEHEERDER,
    }
)


# BZK's assessors: the beoordelaar and the tweede beoordelaar (teamleider). They handle cases
# and meldingen; only they read the home address and the mental-health impact field.
BEOORDELAAR_ROLLEN = frozenset({Rol.BEOORDELAAR, Rol.TWEEDE_BEOORDELAAR})


class Ambtstype(models.TextChoices):
    """Office types. Which ones may apply is decided per policy version (regeling)."""

    BURGEMEESTER = "burgemeester", _("Burgemeester")
    WETHOUDER = "wethouder", _("Wethouder")
    RAADSLID = "raadslid", _("Raadslid")
    GEDEPUTEERDE = "gedeputeerde", _("Gedeputeerde")
    STATENLID = "statenlid", _("Statenlid")
    COMMISSARIS_VAN_DE_KONING = "commissaris_van_de_koning", _("Commissaris van de Koning")
    WATERSCHAPSBESTUURDER = "waterschapsbestuurder", _("Waterschapsbestuurder")
