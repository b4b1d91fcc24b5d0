"""Stored letters (`Brief`) and their dispatch log (`Verzending`).

A letter exists once: `bron` names what it is about ("besluit:12", "aanvulverzoek:5",
"voornemen:3", "verdaging:7:2026-04-10", "aanvraag:7") and the unique constraint on
(bron, soort, ontvanger, versie) makes a second `brief_aanmaken` or a re-delivered task a
no-op. The PDF is written under a deterministic name and referenced only after its hash is
verified, so a crash mid-write never leaves a half file behind a `klaar` row.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.files import private_storage


class BriefSoort(models.TextChoices):
    BESLUIT = "besluit", _("Besluit")
    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", _("Ontvangstbevestiging")
    AANVULLING = "aanvulling", _("Verzoek om aanvulling")
    VERDAGING = "verdaging", _("Verdaging")
    VOORNEMEN_AFWIJZING = "voornemen_afwijzing", _("Voornemen tot afwijzing")
    KENNISGEVING = "kennisgeving", _("Kennisgeving aan de gemeente")
    # After the decision (issue 16). The three decisions are kinds of `Besluit` (its soort);
    # the three notices belong to an objection (`Brief.bezwaar`).
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", _("Beslissing op bezwaar")
    HERZIENINGSBESLUIT = "herzieningsbesluit", _("Herzieningsbesluit")
    DWANGSOMBESLUIT = "dwangsombesluit", _("Besluit vaststelling dwangsom")
    VERZUIMHERSTEL = "verzuimherstel", _("Verzoek om herstel van een verzuim in het bezwaar")
    UITNODIGING_HOORZITTING = "uitnodiging_hoorzitting", _("Uitnodiging voor de hoorzitting")
    VERDAGING_BEZWAAR = "verdaging_bezwaar", _("Verdaging van de beslissing op bezwaar")


class Ontvanger(models.TextChoices):
    AANVRAGER = "aanvrager", _("Aanvrager")
    GEMEENTE = "gemeente", _("Gemeente (afschrift)")


class BriefStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wachtend")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class Kanaal(models.TextChoices):
    PORTAAL = "portaal", _("Portaal")
    EMAIL = "email", _("E-mail (bericht dat de brief klaarstaat)")
    POST = "post", _("Post")


class Brief(models.Model):
    """One generated (or pending) letter PDF for one recipient."""

    aanvraag = models.ForeignKey(
        "aanvragen.Aanvraag",
        verbose_name=_("aanvraag"),
        on_delete=models.PROTECT,
        related_name="brieven",
    )
    besluit = models.ForeignKey(
        "aanvragen.Besluit",
        verbose_name=_("besluit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    aanvulverzoek = models.ForeignKey(
        "aanvragen.Aanvulverzoek",
        verbose_name=_("verzoek om aanvulling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    voornemen = models.ForeignKey(
        "aanvragen.Voornemen",
        verbose_name=_("voornemen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    bezwaar = models.ForeignKey(
        "aanvragen.Bezwaar",
        verbose_name=_("bezwaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    bron = models.CharField(_("bron"), max_length=80, editable=False)
    soort = models.CharField(_("soort"), max_length=30, choices=BriefSoort.choices)
    ontvanger = models.CharField(
        _("ontvanger"), max_length=20, choices=Ontvanger.choices, default=Ontvanger.AANVRAGER
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BriefStatus.choices,
        default=BriefStatus.WACHTEND,
        db_index=True,
    )
    bestand = models.FileField(_("bestand"), storage=private_storage, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    gegenereerd_op = models.DateTimeField(_("gegenereerd op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    ingepland_op = models.DateTimeField(
        _("laatst ingepland op"),
        null=True,
        blank=True,
        help_text=_("De nazender plant een wachtende brief opnieuw in als dit te lang geleden is."),
    )

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        permissions = [("opnieuw_proberen_brief", _("Mislukte brief opnieuw proberen"))]
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bron", "soort", "ontvanger", "versie"], name="brief_eenmaal"
            ),
            models.CheckConstraint(
                condition=~Q(status=BriefStatus.KLAAR)
                | (
                    ~Q(bestand="")
                    & Q(sha256__regex=r"^[0-9a-f]{64}$")
                    & Q(gegenereerd_op__isnull=False)
                ),
                name="brief_klaar_heeft_bestand",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "ingepland_op"], name="brief_wachtend_idx"),
            models.Index(
                fields=["ontvanger", "soort", "-gegenereerd_op"], name="brief_portaal_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.bron} ({self.get_ontvanger_display()})"

    @property
    def is_klaar(self) -> bool:
        return self.status == BriefStatus.KLAAR

    @property
    def download_naam(self) -> str:
        """The file name offered on download: kenmerk, type, version; no personal data."""
        kenmerk = self.aanvraag.kenmerk or f"aanvraag-{self.aanvraag_id}"
        afschrift = (
            "-afschrift"
            if self.ontvanger == Ontvanger.GEMEENTE and self.soort == BriefSoort.BESLUIT
            else ""
        )
        return f"{kenmerk}-{self.soort}{afschrift}-v{self.versie}.pdf"


class Verzending(models.Model):
    """Dispatch log: when a letter was sent, to whom and by which channel (append-only)."""

    brief = models.ForeignKey(
        Brief, verbose_name=_("brief"), on_delete=models.PROTECT, related_name="verzendingen"
    )
    verzonden_op = models.DateTimeField(_("verzonden op"))
    aan = models.CharField(_("aan"), max_length=254)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["verzonden_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "kanaal"], name="verzending_eenmaal_per_kanaal"
            )
        ]

    def __str__(self):
        return f"{self.brief_id} {self.kanaal} {self.verzonden_op:%Y-%m-%d %H:%M}"
