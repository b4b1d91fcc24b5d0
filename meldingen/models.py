"""Meldingen (incident reports). Minimal skeleton; the meldingen issue fills it in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Melding(models.Model):
    referentie = models.CharField(_("referentie"), max_length=20, unique=True, null=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ambtsdrager"),
        on_delete=models.PROTECT,
        related_name="meldingen",
    )
    status = models.CharField(_("status"), max_length=20, default="concept")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.referentie or _("Concept-melding")
