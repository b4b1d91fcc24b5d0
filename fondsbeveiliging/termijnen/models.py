"""Configured extra public holidays (added by Royal Decree under Atw art. 3(3))."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtraFeestdag(models.Model):
    """A day the Algemene termijnenwet treats as a public holiday besides the fixed list.

    Atw art. 3(3) lets a Royal Decree declare further days equal to the holidays of art.
    3(1); every term computation reads these rows (`kalender.extra_feestdagen`). The decree's
    reference is required so each day can be traced to its legal basis.
    """

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    koninklijk_besluit = models.CharField(
        _("koninklijk besluit"),
        max_length=200,
        help_text=_(
            "Vindplaats van het koninklijk besluit dat de dag gelijkstelt met een algemeen "
            "erkende feestdag (artikel 3, derde lid, Algemene termijnenwet), bijvoorbeeld "
            "'Besluit van 4 maart 2026, Stb. 2026, 87'."
        ),
    )

    class Meta:
        ordering = ["datum"]
        verbose_name = _("extra feestdag")
        verbose_name_plural = _("extra feestdagen")

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"
