"""The quarterly report 'Monitor agressie en geweld tegen politieke ambtsdragers' and the
stored snapshots of the page's tables.

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


class Momentopname(models.Model):
    """One section's published tables for one period, as computed at `berekend_op`.

    Stored already suppressed (`Tabel.naar_json` of what the section's selector returned), so
    a snapshot holds only aggregates that may be published: no person, no case, no count
    from 1 to 4. Refreshed by `statistieken.tasks.momentopnamen_verversen_task`; the page
    and the CSV read it, the quarterly report never does (it computes fresh).
    """

    periode = models.CharField(_("periode"), max_length=7)  # Periode.slug: 2026, 2026-K4, 2026-12
    sectie = models.CharField(_("sectie"), max_length=40)  # Sectie.sleutel
    taal = models.CharField(_("taal"), max_length=10)
    versie = models.PositiveSmallIntegerField(_("versie"))  # secties.VERSIE when computed
    tabellen = models.JSONField(_("tabellen"))
    berekend_op = models.DateTimeField(_("berekend op"))

    class Meta:
        verbose_name = _("momentopname")
        verbose_name_plural = _("momentopnamen")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "sectie", "taal"], name="momentopname_uniek_per_periode"
            ),
        ]

    def __str__(self):
        return f"{self.sectie} {self.periode} ({self.taal})"
