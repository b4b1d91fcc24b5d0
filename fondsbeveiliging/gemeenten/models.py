"""Municipalities (reference data from CBS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Provincie(models.TextChoices):
    DRENTHE = "Drenthe", "Drenthe"
    FLEVOLAND = "Flevoland", "Flevoland"
    FRYSLAN = "Fryslân", "Fryslân"
    GELDERLAND = "Gelderland", "Gelderland"
    GRONINGEN = "Groningen", "Groningen"
    LIMBURG = "Limburg", "Limburg"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    OVERIJSSEL = "Overijssel", "Overijssel"
    UTRECHT = "Utrecht", "Utrecht"
    ZEELAND = "Zeeland", "Zeeland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"


class GemeenteQuerySet(models.QuerySet):
    def actief(self, op_datum=None):
        """Municipalities that exist on the given date (today when omitted)."""
        from django.utils import timezone

        op_datum = op_datum or timezone.localdate()
        return self.filter(geldig_van__lte=op_datum).filter(
            models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gt=op_datum)
        )


class Gemeente(models.Model):
    """A Dutch municipality, keyed by its CBS code (GM + 4 digits).

    Codes are never deleted: a merged municipality gets a `geldig_tot` so that old cases
    keep pointing at it.
    """

    code = models.CharField(_("CBS-code"), max_length=6, primary_key=True)
    naam = models.CharField(_("naam"), max_length=100)
    provincie = models.CharField(_("provincie"), max_length=20, choices=Provincie.choices)
    veiligheidsregio = models.CharField(_("veiligheidsregio"), max_length=100, blank=True)
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(_("geldig tot"), null=True, blank=True)
    contact_email = models.EmailField(
        _("e-mailadres voor berichten"),
        blank=True,
        help_text=_("Krijgt een bericht (zonder inhoud) als er een nieuw besluit klaarstaat."),
    )

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^GM[0-9]{4}$"), name="gemeente_code_cbs"
            ),
        ]

    def __str__(self):
        return self.naam

    def natural_key(self):
        return (self.code,)
