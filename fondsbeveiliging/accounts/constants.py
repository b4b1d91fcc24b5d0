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
    """The offices an account can hold; which ones may apply is decided per policy version.

    Only the offices of a municipality: an office holder belongs to one municipality (a
    database constraint) and that municipality confirms the office. Gedeputeerde, Statenlid,
    commissaris van de Koning (a province) and waterschapsbestuurder (a water board) are left
    out until the system models provinces and water boards and who confirms those offices;
    add them here then (domain.md §2 calls the list extensible; see the README).
    """

    BURGEMEESTER = "burgemeester", _("Burgemeester")
    WETHOUDER = "wethouder", _("Wethouder")
    RAADSLID = "raadslid", _("Raadslid")
