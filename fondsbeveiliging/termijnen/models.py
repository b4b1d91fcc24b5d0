"""Configured extra public holidays (added by Royal Decree under Atw art. 3(3))."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtraFeestdag(models.Model):
    """A day the Algemene termijnenwet treats as a public holiday besides the fixed list."""

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        ordering = ["datum"]
        verbose_name = _("extra feestdag")
        verbose_name_plural = _("extra feestdagen")

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"
