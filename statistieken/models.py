"""The quarterly report 'Monitor agressie en geweld tegen politieke ambtsdragers'.

The model also carries the permission to see the statistics at all
(`statistieken.view_statistieken`), given to roles in `fondsbeveiliging/accounts/roles.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.files import private_storage


class RapportStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class Kwartaalrapport(models.Model):
    """One produced report PDF for one quarter; made by a Celery task, kept in private storage.

    A quarter can be produced again (figures change as cases progress): each run is a row.
    """

    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    status = models.CharField(
        _("status"), max_length=20, choices=RapportStatus.choices, default=RapportStatus.WACHTEND
    )
    bestand = models.FileField(_("bestand"), storage=private_storage, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kwartaalrapport")
        verbose_name_plural = _("statistieken en kwartaalrapporten")
        ordering = ["-aangevraagd_op", "-pk"]
        default_permissions = ()
        permissions = [("view_statistieken", _("Kan de statistieken en rapporten bekijken"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1) & Q(kwartaal__lte=4), name="rapport_kwartaal_1_4"
            ),
            models.CheckConstraint(
                condition=~Q(status=RapportStatus.KLAAR)
                | (~Q(bestand="") & Q(klaar_op__isnull=False) & Q(sha256__regex=r"^[0-9a-f]{64}$")),
                name="rapport_klaar_heeft_bestand",
            ),
        ]

    def __str__(self):
        return f"Monitor {self.jaar} K{self.kwartaal}"

    @property
    def download_naam(self) -> str:
        return f"monitor-agressie-{self.jaar}-K{self.kwartaal}.pdf"
