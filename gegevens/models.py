"""The office holder's request for a copy of all their data (AVG art. 15)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.files import private_storage

from .constants import ExportStatus


class GegevensExport(models.Model):
    """One ZIP with everything the fund holds about its owner, made by a Celery task.

    Downloadable by the owner only, until `verloopt_op`; after that the file is deleted
    (by the download view or the hourly clean-up) and the row stays as "verlopen".
    """

    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.CASCADE,
        related_name="gegevens_exports",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.WACHTEND
    )
    bestand = models.FileField(_("bestand"), storage=private_storage, max_length=255, blank=True)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    ingepland_op = models.DateTimeField(_("laatst ingepland op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    verloopt_op = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("export van gegevens")
        verbose_name_plural = _("exports van gegevens")
        ordering = ["-aangemaakt_op", "-pk"]
        default_permissions = ()
        indexes = [
            models.Index(fields=["eigenaar", "-aangemaakt_op"], name="export_eigenaar_idx"),
            models.Index(fields=["status", "verloopt_op"], name="export_verloop_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.KLAAR)
                | (
                    ~Q(bestand="")
                    & Q(klaar_op__isnull=False)
                    & Q(verloopt_op__isnull=False)
                    & Q(sha256__regex=r"^[0-9a-f]{64}$")
                ),
                name="export_klaar_heeft_bestand",
            ),
        ]

    def __str__(self):
        return f"{self.eigenaar_id} {self.aangemaakt_op:%Y-%m-%d %H:%M} {self.status}"

    def is_verlopen(self, nu=None) -> bool:
        """Expired: marked so, or ready but past its download term."""
        if self.status == ExportStatus.VERLOPEN:
            return True
        nu = nu or timezone.now()
        return (
            self.status == ExportStatus.KLAAR
            and self.verloopt_op is not None
            and self.verloopt_op <= nu
        )

    @property
    def weergave_status(self) -> str:
        """The status the owner sees (an expired ready export shows as verlopen)."""
        return ExportStatus.VERLOPEN if self.is_verlopen() else self.status
