"""Append-only access log: every staff read of a case file and every download."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class InzageActie(models.TextChoices):
    BEKEKEN = "bekeken", _("bekeken")
    GEDOWNLOAD = "gedownload", _("gedownload")
    GEZOCHT = "gezocht", _("gezocht")
    GEEXPORTEERD = "geexporteerd", _("geëxporteerd")
    # A page or file refused (404 or 403) to a logged-in person: who tried what, and from where.
    GEWEIGERD = "geweigerd", _("toegang geweigerd")


class Inzage(models.Model):
    """Who read or downloaded what, when and from where.

    Holds no content: only a reference (e.g. a kenmerk) to the object. Rows are never
    updated or deleted: the admin is read-only and a database trigger refuses UPDATE and
    DELETE (migration 0002).
    """

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    actie = models.CharField(_("actie"), max_length=20, choices=InzageActie.choices)
    object_type = models.ForeignKey(
        ContentType, verbose_name=_("soort"), on_delete=models.PROTECT, null=True, blank=True
    )
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-tijdstip"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return (
            f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruiker_id} {self.actie} {self.omschrijving}"
        )
