"""Retention schedule, legal holds, destruction lists and their items.

Nothing here holds personal data: an item names a record by kind and id and carries the
case reference for the records manager's review; the report counts kinds only.
"""

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import INGANGEN, Ingang, ItemStatus, LijstStatus, Soort


class Bewaartermijn(models.Model):
    """One row of the retention schedule: how long a kind of record is kept, from which event.

    Set by BZK's records manager (the functioneel beheerder edits it in the back office);
    every change is in the model history (django-auditlog). The defaults (migration 0002)
    are proposals, documented in the README with their grounds.
    """

    soort = models.CharField(_("soort gegevens"), max_length=30, choices=Soort.choices, unique=True)
    jaren = models.PositiveSmallIntegerField(_("jaren"), default=0)
    dagen = models.PositiveSmallIntegerField(_("dagen"), default=0)
    ingang = models.CharField(_("gerekend vanaf"), max_length=30, choices=Ingang.choices)
    vanaf_einde_jaar = models.BooleanField(
        _("vanaf het einde van het kalenderjaar"),
        default=False,
        help_text=_("Zoals de fiscale bewaarplicht: de termijn loopt vanaf 31 december."),
    )
    grondslag = models.TextField(
        _("grondslag"),
        help_text=_("Waarom deze termijn: wet, selectielijst of beleid. Komt in het verslag."),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["soort"]
        default_permissions = ("view", "change")
        constraints = [
            models.CheckConstraint(
                condition=Q(jaren__gt=0) | Q(dagen__gt=0), name="bewaartermijn_niet_nul"
            ),
        ]

    def __str__(self):
        return str(self.get_soort_display())

    def clean(self):
        toegestaan = INGANGEN.get(self.soort, ())
        if self.ingang not in toegestaan:
            namen = ", ".join(str(Ingang(i).label) for i in toegestaan)
            raise ValidationError(
                {
                    "ingang": _("Voor deze soort loopt de termijn vanaf: %(namen)s.")
                    % {"namen": namen}
                }
            )

    @property
    def omschrijving(self) -> str:
        delen = []
        if self.jaren:
            delen.append(f"{self.jaren} jaar")
        if self.dagen:
            delen.append(f"{self.dagen} dagen")
        einde_jaar = " (vanaf het einde van dat kalenderjaar)" if self.vanaf_einde_jaar else ""
        return f"{' en '.join(delen)} na {self.get_ingang_display()}{einde_jaar}"

    def grens(self, nu: datetime) -> datetime:
        """The moment before which the event must lie for the period to be over at `nu`."""
        grens = (
            timezone.localtime(nu) - relativedelta(years=self.jaren) - timedelta(days=self.dagen)
        )
        if self.vanaf_einde_jaar:
            # Event in year J: kept until 31 December J + period, so J must be before this year.
            return timezone.make_aware(datetime.combine(date(grens.year, 1, 1), time.min))
        return grens


class Bewaarplicht(models.Model):
    """A legal hold placed by BZK on a case: while active, nothing of the case is listed."""

    aanvraag = models.ForeignKey(
        "aanvragen.Aanvraag",
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    melding = models.ForeignKey(
        "meldingen.Melding",
        verbose_name=_("melding"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    reden = models.CharField(
        _("reden"),
        max_length=200,
        help_text=_("Intern, zonder persoonsgegevens: bijvoorbeeld 'beroep bij de rechtbank'."),
    )
    ingesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingesteld_op = models.DateTimeField(_("ingesteld op"), default=timezone.now)
    opgeheven_op = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeheven door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal hold)")
        ordering = ["-ingesteld_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aanvraag__isnull=False, melding__isnull=True)
                | Q(aanvraag__isnull=True, melding__isnull=False),
                name="bewaarplicht_een_zaak",
            ),
        ]

    def __str__(self):
        zaak = self.aanvraag or self.melding
        return f"{zaak}: {self.reden}"

    @property
    def is_actief(self) -> bool:
        return self.opgeheven_op is None


class Vernietigingslijst(models.Model):
    """What the nightly job found past its retention period, for the records manager to review.

    Made by the system, approved by a person with `bewaring.goedkeuren_vernietigingslijst`;
    only then does the purge job run (the constraint below makes "carried out without an
    approver" impossible in the database too).
    """

    aangemaakt_op = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=LijstStatus.choices, default=LijstStatus.CONCEPT
    )
    # The schedule rows in force when the list was made: the grounds in the report.
    termijnen = models.JSONField(_("bewaartermijnen bij het opstellen"), default=list)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    voltooid_op = models.DateTimeField(_("vernietigd op"), null=True, blank=True)
    # Private storage names of the destruction report (PDF and CSV).
    verslag_pdf = models.CharField(_("verslag (PDF)"), max_length=255, blank=True)
    verslag_csv = models.CharField(_("verslag (CSV)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-aangemaakt_op"]
        default_permissions = ("view",)
        permissions = [
            (
                "goedkeuren_vernietigingslijst",
                _("Kan vernietigingslijsten beoordelen, goedkeuren en verslagen downloaden"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=LijstStatus.CONCEPT)
                | Q(goedgekeurd_door__isnull=False, goedgekeurd_op__isnull=False),
                name="vernietigingslijst_goedgekeurd_voor_uitvoeren",
            ),
        ]

    def __str__(self):
        return _("Vernietigingslijst %(nummer)s van %(datum)s") % {
            "nummer": self.pk,
            "datum": f"{timezone.localtime(self.aangemaakt_op):%d-%m-%Y}",
        }


class Vernietigingsitem(models.Model):
    """One record on a list: kind and id, never its content."""

    lijst = models.ForeignKey(
        Vernietigingslijst, verbose_name=_("lijst"), on_delete=models.CASCADE, related_name="items"
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    object_id = models.BigIntegerField(_("object-id"))
    # A case reference (kenmerk) or a neutral label, for the review; no names, no content.
    omschrijving = models.CharField(_("omschrijving"), max_length=60)
    ingangsdatum = models.DateTimeField(_("termijn gerekend vanaf"))
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.TE_VERNIETIGEN
    )
    uitzonderingsreden = models.CharField(_("reden van uitzondering"), max_length=200, blank=True)
    uitgezonderd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgezonderd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uitgezonderd_op = models.DateTimeField(_("uitgezonderd op"), null=True, blank=True)
    vernietigd_op = models.DateTimeField(_("vernietigd op"), null=True, blank=True)
    bestanden = models.PositiveIntegerField(_("bestanden"), default=0)

    class Meta:
        verbose_name = _("te vernietigen record")
        verbose_name_plural = _("te vernietigen records")
        ordering = ["soort", "ingangsdatum", "id"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["lijst", "soort", "object_id"], name="item_uniek"),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.UITGEZONDERD)
                | (~Q(uitzonderingsreden="") & Q(uitgezonderd_door__isnull=False)),
                name="item_uitzondering_met_reden",
            ),
        ]
        indexes = [
            models.Index(fields=["lijst", "status", "id"]),
            models.Index(fields=["soort", "object_id"]),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.omschrijving}"


class TeWissenBestand(models.Model):
    """A file whose record is gone: written in the transaction that deletes the record.

    The file is deleted after commit and then this row; a crash in between leaves the row, and
    the next run deletes the file again. So a crash can leave a file to delete, never a record
    pointing at a deleted file.
    """

    naam = models.CharField(_("naam"), max_length=255)
    lijst = models.ForeignKey(
        Vernietigingslijst, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("te wissen bestand")
        verbose_name_plural = _("te wissen bestanden")
        default_permissions = ()

    def __str__(self):
        return self.naam
