"""Meldingen (incident reports) by office holders, with attachments and their history.

A melding never holds a street address, a BSN or a party affiliation (domain.md §9).
`psychische_impact` is health data: optional, shown only to the owner and to assessors.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.core.files import PrivateUploadTo, private_storage
from fondsbeveiliging.core.models import PrivateBestand
from fondsbeveiliging.core.tekst import REGEL, TEKST, TOELICHTING

from .constants import (
    Aangifte,
    Categorie,
    Dader,
    Doelwit,
    Gebeurtenis,
    GerichtOp,
    Impact,
    Kanaal,
    Locatie,
    MeldingStatus,
    Ondersteuning,
)


def _keuzelijst(choices, verbose_name):
    """A multi-select stored as a PostgreSQL array of choice values."""
    return ArrayField(
        models.CharField(max_length=32, choices=choices),
        verbose_name=verbose_name,
        default=list,
        blank=True,
    )


def _labels(choices_cls, values) -> list[str]:
    labels = dict(choices_cls.choices)
    return [str(labels.get(value, value)) for value in values]


class Melding(models.Model):
    """One incident report. A concept is private to its owner until it is sent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referentie = models.CharField(
        _("referentie"), max_length=20, unique=True, null=True, blank=True, editable=False
    )
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ambtsdrager"),
        on_delete=models.PROTECT,
        related_name="meldingen",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeldingStatus.choices,
        default=MeldingStatus.CONCEPT,
        editable=False,
        db_index=True,
    )
    # The office the melding is about, when the owner holds more than one (chosen in the
    # first step); None: the owner's only office.
    ambt = models.ForeignKey(
        "accounts.Ambt",
        verbose_name=_("ambt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    # Copied when the melding is sent: the chosen office, or the owner's office then.
    ambtstype = models.CharField(_("ambt"), max_length=32, choices=Ambtstype.choices, blank=True)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    datum_van = models.DateField(_("datum (of begin van de periode)"), null=True, blank=True)
    datum_tot = models.DateField(_("einddatum van de periode"), null=True, blank=True)
    categorieen = _keuzelijst(Categorie.choices, _("soort incident"))
    categorie_anders = models.CharField(_("toelichting bij anders"), max_length=REGEL, blank=True)
    omschrijving = models.TextField(_("wat is er gebeurd"), max_length=TEKST, blank=True)
    locatie = models.CharField(_("waar"), max_length=32, choices=Locatie.choices, blank=True)
    kanaal = models.CharField(_("hoe"), max_length=32, choices=Kanaal.choices, blank=True)
    gericht_op = models.CharField(
        _("gericht op"), max_length=32, choices=GerichtOp.choices, blank=True
    )
    doelwitten = _keuzelijst(Doelwit.choices, _("wie werd getroffen"))
    dader = models.CharField(_("dader"), max_length=32, choices=Dader.choices, blank=True)
    herhaald = models.BooleanField(_("eerder gebeurd"), null=True, blank=True)
    intern_gemeld = models.BooleanField(_("intern gemeld"), null=True, blank=True)
    aangifte = models.CharField(
        _("aangifte bij de politie"), max_length=32, choices=Aangifte.choices, blank=True
    )
    aangifte_kenmerk = models.CharField(_("kenmerk van de aangifte"), max_length=50, blank=True)
    domicilie_gebruikt = models.BooleanField(
        _("adres van de werkgever gebruikt (domicilie)"), null=True, blank=True
    )
    impact = _keuzelijst(Impact.choices, _("gevolgen"))
    psychische_impact = models.TextField(
        _("psychische gevolgen (gevoelig)"), max_length=TOELICHTING, blank=True
    )
    ondersteuning = _keuzelijst(Ondersteuning.choices, _("gewenste ondersteuning"))

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    ingediend_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True, editable=False)
    bzk_geinformeerd_op = models.DateTimeField(
        _("BZK-team geïnformeerd op"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-ingediend_op", "-aangemaakt_op"]
        default_permissions = ("view",)
        permissions = [
            ("behandelen_melding", _("Kan meldingen in behandeling nemen en afhandelen")),
            ("gevoelig_inzien_melding", _("Kan de psychische gevolgen van een melding zien")),
        ]
        indexes = [
            models.Index(fields=["eigenaar", "status"]),
            # Statistics (statistieken/selectors/meldingen.py): sent meldingen of a period,
            # covering every column the aggregates read (an index-only scan).
            models.Index(
                fields=["ingediend_op"],
                include=[
                    "gemeente",
                    "ambtstype",
                    "locatie",
                    "kanaal",
                    "aangifte",
                    "ondersteuning",
                    "categorieen",
                ],
                condition=~models.Q(status=MeldingStatus.CONCEPT),
                name="melding_stat_ingediend_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status=MeldingStatus.CONCEPT,
                        referentie__isnull=True,
                        ingediend_op__isnull=True,
                    )
                    | (
                        ~models.Q(status=MeldingStatus.CONCEPT)
                        & models.Q(referentie__isnull=False, ingediend_op__isnull=False)
                    )
                ),
                name="melding_referentie_bij_indienen",
            ),
            models.CheckConstraint(
                condition=models.Q(datum_tot__isnull=True)
                | models.Q(datum_van__isnull=True)
                | models.Q(datum_tot__gte=models.F("datum_van")),
                name="melding_periode_oplopend",
            ),
        ]

    def __str__(self):
        return self.referentie or str(_("Concept-melding"))

    @property
    def is_concept(self) -> bool:
        return self.status == MeldingStatus.CONCEPT

    def get_categorieen_display(self) -> list[str]:
        return _labels(Categorie, self.categorieen)

    def get_doelwitten_display(self) -> list[str]:
        return _labels(Doelwit, self.doelwitten)

    def get_impact_display(self) -> list[str]:
        return _labels(Impact, self.impact)

    def get_ondersteuning_display(self) -> list[str]:
        return _labels(Ondersteuning, self.ondersteuning)


class Aanvulling(models.Model):
    """Information the owner added after sending. Never changed afterwards."""

    melding = models.ForeignKey(
        Melding, verbose_name=_("melding"), on_delete=models.PROTECT, related_name="aanvullingen"
    )
    tekst = models.TextField(_("aanvulling"), max_length=TEKST)
    aangemaakt_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("aanvulling")
        verbose_name_plural = _("aanvullingen")
        ordering = ["aangemaakt_op", "id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.melding} {self.aangemaakt_op:%Y-%m-%d %H:%M}"


class Bijlage(PrivateBestand):
    """A screenshot, photo or PDF with a melding (or with a later aanvulling)."""

    bestand = models.FileField(
        _("bestand"),
        storage=private_storage,
        upload_to=PrivateUploadTo("meldingen"),
        max_length=255,
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    melding = models.ForeignKey(
        Melding, verbose_name=_("melding"), on_delete=models.PROTECT, related_name="bijlagen"
    )
    aanvulling = models.ForeignKey(
        Aanvulling,
        verbose_name=_("aanvulling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bijlagen",
    )

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["geupload_op", "id"]
        default_permissions = ()


class MeldingHistorie(models.Model):
    """One step in a melding's life: who did what, when, from which status to which.

    Append-only: rows are never updated or deleted (a database trigger refuses it).
    `intern` notes are BZK's and are never shown to the office holder.
    """

    melding = models.ForeignKey(
        Melding, verbose_name=_("melding"), on_delete=models.PROTECT, related_name="historie"
    )
    gebeurtenis = models.CharField(_("gebeurtenis"), max_length=32, choices=Gebeurtenis.choices)
    van_status = models.CharField(
        _("van status"), max_length=20, choices=MeldingStatus.choices, blank=True
    )
    naar_status = models.CharField(_("naar status"), max_length=20, choices=MeldingStatus.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)
    toelichting = models.TextField(_("toelichting"), max_length=TOELICHTING, blank=True)
    intern = models.BooleanField(_("interne notitie"), default=False)

    class Meta:
        verbose_name = _("historieregel")
        verbose_name_plural = _("historie")
        ordering = ["op", "id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.melding} {self.get_gebeurtenis_display()}"


class Referentieteller(models.Model):
    """The last reference number handed out per year.

    A row locked with SELECT ... FOR UPDATE inside the sending transaction, not a
    PostgreSQL sequence: a sequence skips numbers when a transaction rolls back, this row
    rolls back with it, so references have no gaps.
    """

    jaar = models.PositiveSmallIntegerField(_("jaar"), primary_key=True)
    laatste = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("referentieteller")
        verbose_name_plural = _("referentietellers")
        default_permissions = ()

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"
