"""Support requests (ondersteuningsverzoeken) of municipalities, and what BZK plans for them.

The municipality owns the request's content and sees the plan (activities, their dates and
contacts) and the reason of the decision; the team's internal notes, the team list and the
debriefing stay with the coordinators (`ondersteuning.permissions`).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.files import PrivateUploadTo, private_storage
from fondsbeveiliging.core.models import PrivateBestand
from fondsbeveiliging.core.tekst import REGEL, TEKST, TOELICHTING

from .constants import (
    STATUS_VOOR_GEMEENTE,
    Beslissing,
    Gebeurtenis,
    Hulpvorm,
    Organisatie,
    Risicosignaal,
    VerzoekStatus,
)


def _labels(choices_cls, values) -> list[str]:
    labels = dict(choices_cls.choices)
    return [str(labels.get(value, value)) for value in values]


class Teamlid(models.Model):
    """A member of a support team: BZK, NCTV or COT staff; not necessarily a user here."""

    naam = models.CharField(_("naam"), max_length=100)
    organisatie = models.CharField(_("organisatie"), max_length=10, choices=Organisatie.choices)
    functie = models.CharField(_("functie"), max_length=100, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["organisatie", "naam"]

    def __str__(self):
        return f"{self.naam} ({self.get_organisatie_display()})"


class Ondersteuningsverzoek(models.Model):
    """A municipality's request for help with one public meeting."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kenmerk = models.CharField(
        _("kenmerk"), max_length=20, unique=True, null=True, blank=True, editable=False
    )
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VerzoekStatus.choices,
        default=VerzoekStatus.CONCEPT,
        editable=False,
        db_index=True,
    )

    # The meeting
    titel = models.CharField(_("titel van de bijeenkomst"), max_length=REGEL, blank=True)
    bijeenkomst_op = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    locatie = models.CharField(_("locatie"), max_length=REGEL, blank=True)
    verwacht_aantal = models.PositiveIntegerField(
        _("verwacht aantal bezoekers"), null=True, blank=True
    )
    openbaar = models.BooleanField(_("openbaar"), null=True, blank=True)
    livestream = models.BooleanField(_("live uitgezonden"), null=True, blank=True)
    onderwerp = models.TextField(_("onderwerp"), max_length=TOELICHTING, blank=True)
    # Risk signals
    risicosignalen = ArrayField(
        models.CharField(max_length=32, choices=Risicosignaal.choices),
        verbose_name=_("risicosignalen"),
        default=list,
        blank=True,
    )
    risico_toelichting = models.TextField(
        _("toelichting op de risico's"), max_length=TEKST, blank=True
    )
    # The help asked for
    hulpvormen = ArrayField(
        models.CharField(max_length=32, choices=Hulpvorm.choices),
        verbose_name=_("gevraagde hulp"),
        default=list,
        blank=True,
    )
    hulp_toelichting = models.TextField(
        _("toelichting op de vraag"), max_length=TOELICHTING, blank=True
    )

    # BZK's decision; `reden` is written for the municipality.
    beslissing = models.CharField(
        _("beslissing"), max_length=20, choices=Beslissing.choices, blank=True, editable=False
    )
    reden = models.TextField(_("reden (voor de gemeente)"), max_length=TOELICHTING, blank=True)
    beslist_op = models.DateTimeField(_("beslist op"), null=True, blank=True, editable=False)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinator"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    teamleden = models.ManyToManyField(
        Teamlid, verbose_name=_("team"), blank=True, related_name="verzoeken"
    )
    # The debriefing: internal to the team.
    debrief_verloop = models.TextField(_("wat er gebeurde"), max_length=TEKST, blank=True)
    debrief_incidenten = models.TextField(_("incidenten"), max_length=TEKST, blank=True)
    debrief_lessen = models.TextField(_("lessen"), max_length=TEKST, blank=True)
    debrief_op = models.DateTimeField(_("debriefing vastgelegd op"), null=True, blank=True)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    ingediend_op = models.DateTimeField(_("ontvangen op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ondersteuningsverzoek")
        verbose_name_plural = _("ondersteuningsverzoeken")
        ordering = ["bijeenkomst_op", "ingediend_op", "id"]
        default_permissions = ("view",)
        permissions = [
            (
                "coordineren_ondersteuningsverzoek",
                _("Kan ondersteuningsverzoeken beoordelen, teams toewijzen en plannen"),
            ),
        ]
        indexes = [
            models.Index(fields=["bijeenkomst_op", "ingediend_op", "id"], name="ov_wachtrij"),
            models.Index(fields=["gemeente", "status"], name="ov_gemeente_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status=VerzoekStatus.CONCEPT,
                        kenmerk__isnull=True,
                        ingediend_op__isnull=True,
                    )
                    | (
                        ~models.Q(status=VerzoekStatus.CONCEPT)
                        & models.Q(kenmerk__isnull=False, ingediend_op__isnull=False)
                    )
                ),
                name="ondersteuningsverzoek_kenmerk_bij_indienen",
            ),
        ]

    def __str__(self):
        return self.kenmerk or str(_("Concept-verzoek"))

    @property
    def is_concept(self) -> bool:
        return self.status == VerzoekStatus.CONCEPT

    @property
    def status_voor_gemeente(self) -> str:
        return str(STATUS_VOOR_GEMEENTE[self.status])

    def get_hulpvormen_display(self) -> list[str]:
        return _labels(Hulpvorm, self.hulpvormen)

    def get_risicosignalen_display(self) -> list[str]:
        return _labels(Risicosignaal, self.risicosignalen)


class Contactpersoon(models.Model):
    """A contact at the municipality for this request (name, role, phone)."""

    verzoek = models.ForeignKey(
        Ondersteuningsverzoek, on_delete=models.CASCADE, related_name="contactpersonen"
    )
    naam = models.CharField(_("naam"), max_length=100)
    rol = models.CharField(_("rol"), max_length=100)
    telefoon = models.CharField(_("telefoon"), max_length=20)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["volgorde", "id"]
        default_permissions = ()

    def __str__(self):
        return self.naam


class Activiteit(models.Model):
    """One planned activity of the team, with its date and a contact; seen by the municipality."""

    verzoek = models.ForeignKey(
        Ondersteuningsverzoek,
        verbose_name=_("verzoek"),
        on_delete=models.PROTECT,
        related_name="activiteiten",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Hulpvorm.choices)
    begint_op = models.DateTimeField(_("begint op"))
    eindigt_op = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    locatie = models.CharField(_("locatie"), max_length=REGEL, blank=True)
    contact = models.ForeignKey(
        Teamlid,
        verbose_name=_("contactpersoon van het team"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    toelichting = models.TextField(
        _("toelichting (voor de gemeente)"), max_length=TOELICHTING, blank=True
    )
    gepland_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["begint_op", "id"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eindigt_op__isnull=True)
                | models.Q(eindigt_op__gte=models.F("begint_op")),
                name="activiteit_eindigt_na_begin",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {timezone.localtime(self.begint_op):%d-%m-%Y %H:%M}"


class Aanvulling(models.Model):
    """Information the municipality added after sending. Never changed afterwards."""

    verzoek = models.ForeignKey(
        Ondersteuningsverzoek, on_delete=models.PROTECT, related_name="aanvullingen"
    )
    tekst = models.TextField(_("aanvulling"), max_length=TEKST)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanvulling")
        verbose_name_plural = _("aanvullingen")
        ordering = ["aangemaakt_op", "id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.verzoek} {self.aangemaakt_op:%Y-%m-%d %H:%M}"


class Bijlage(PrivateBestand):
    """A file with a request (or with a later addition): agenda, screenshots, a risk scan."""

    bestand = models.FileField(
        _("bestand"),
        storage=private_storage,
        upload_to=PrivateUploadTo("ondersteuning"),
        max_length=255,
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    verzoek = models.ForeignKey(
        Ondersteuningsverzoek, on_delete=models.PROTECT, related_name="bijlagen"
    )
    aanvulling = models.ForeignKey(
        Aanvulling, on_delete=models.PROTECT, null=True, blank=True, related_name="bijlagen"
    )

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["geupload_op", "id"]
        default_permissions = ()


class VerzoekHistorie(models.Model):
    """One step in a request's life. Append-only (a database trigger refuses changes).

    `intern` rows (notes, team changes) are the team's and never shown to the municipality.
    """

    verzoek = models.ForeignKey(
        Ondersteuningsverzoek, on_delete=models.PROTECT, related_name="historie"
    )
    gebeurtenis = models.CharField(_("gebeurtenis"), max_length=32, choices=Gebeurtenis.choices)
    van_status = models.CharField(
        _("van status"), max_length=20, choices=VerzoekStatus.choices, blank=True
    )
    naar_status = models.CharField(_("naar status"), max_length=20, choices=VerzoekStatus.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("op"), auto_now_add=True)
    toelichting = models.TextField(_("toelichting"), max_length=TOELICHTING, blank=True)
    intern = models.BooleanField(_("intern"), default=False)

    class Meta:
        verbose_name = _("historieregel")
        verbose_name_plural = _("historie")
        ordering = ["op", "id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.verzoek} {self.get_gebeurtenis_display()}"


class Kenmerkteller(models.Model):
    """The last O-number handed out per year: a locked row, so numbers have no gaps."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), primary_key=True)
    laatste = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("kenmerkteller")
        verbose_name_plural = _("kenmerktellers")
        default_permissions = ()

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"
