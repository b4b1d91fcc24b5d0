"""Assessment and decision models: per-line assessment, intended refusal, decision,
payment and objection (domain.md §5).

A decision is never edited after it is sent: a correction is a new Besluit with a higher
`versie` that points at the one it replaces (`vervangt`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.files import PrivateUploadTo
from fondsbeveiliging.core.models import PrivateBestand
from fondsbeveiliging.termijnen.berekening import bezwaar_tijdig

from ..constants import (
    BesluitSoort,
    BesluitStatus,
    BezwaarUitkomst,
    HerzieningGrond,
    Hoorzitting,
    Indiener,
    RedenCode,
    Uitkomst,
)
from .aanvraag import BEDRAG, Aanvraag, Kostenpost


class KostenpostBeoordeling(models.Model):
    """The assessor's verdict on one cost line: approved amount ≤ claimed, with a reason."""

    kostenpost = models.OneToOneField(
        Kostenpost,
        verbose_name=_("kostenpost"),
        on_delete=models.PROTECT,
        related_name="beoordeling",
    )
    bedrag_toegekend = models.DecimalField(_("toegekend bedrag"), **BEDRAG)
    reden_code = models.CharField(_("reden"), max_length=30, choices=RedenCode.choices)
    motivering = models.TextField(_("motivering"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), auto_now=True)

    class Meta:
        verbose_name = _("beoordeling kostenpost")
        verbose_name_plural = _("beoordelingen kostenposten")
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag_toegekend__gte=0), name="beoordeling_bedrag_niet_negatief"
            ),
        ]

    def __str__(self):
        return f"{self.kostenpost_id}: {self.bedrag_toegekend}"


class Voornemen(models.Model):
    """An intended (partial) refusal with an invitation to give a view (Awb 4:7)."""

    aanvraag = models.ForeignKey(
        Aanvraag, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="voornemens"
    )
    reden = models.TextField(_("reden van het voornemen"))
    termijn_tot = models.DateField(_("zienswijze uiterlijk op"))
    verzonden_op = models.DateTimeField(_("verzonden op"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    zienswijze = models.TextField(
        _("zienswijze (interne notitie)"),
        blank=True,
        help_text=_("Intern: komt nooit in een brief of op een scherm van de aanvrager."),
    )
    zienswijze_in_brief = models.TextField(
        _("zienswijze in de brief"),
        blank=True,
        help_text=_(
            "Komt in de brief: wat de aanvrager naar voren bracht en wat u ermee doet, "
            "geschreven aan de aanvrager (u-vorm)."
        ),
    )
    zienswijze_ingediend = models.BooleanField(
        _("zienswijze ingediend"),
        null=True,
        help_text=_("Leeg: nog open. Nee: termijn verstreken zonder zienswijze."),
    )
    # The applicant's own words, given online (`aanvragen.reacties.zienswijze_geven`); the
    # assessor still records the view above (note and letter text) as for one by post.
    zienswijze_aanvrager = models.TextField(
        _("zienswijze van de aanvrager (online)"),
        blank=True,
        help_text=_("Wat de aanvrager zelf online schreef."),
    )
    zienswijze_ontvangen_op = models.DateTimeField(
        _("zienswijze online ontvangen op"), null=True, blank=True
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voornemen tot afwijzing")
        verbose_name_plural = _("voornemens tot afwijzing")
        ordering = ["verzonden_op", "pk"]

    def __str__(self):
        return _("Voornemen van %(datum)s") % {"datum": f"{self.verzonden_op:%d-%m-%Y}"}

    @property
    def is_open(self) -> bool:
        return self.zienswijze_ingediend is None


class Besluit(models.Model):
    """A decision on a claim, drafted by one assessor and, where required, approved by another."""

    aanvraag = models.ForeignKey(
        Aanvraag, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="besluiten"
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    vervangt = models.OneToOneField(
        "self",
        verbose_name=_("vervangt besluit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangen_door",
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=30, choices=Uitkomst.choices)
    motivering = models.TextField(_("motivering"))
    bedrag_toegekend = models.DecimalField(_("toegekend bedrag"), **BEDRAG)
    status = models.CharField(
        _("status"), max_length=20, choices=BesluitStatus.choices, default=BesluitStatus.CONCEPT
    )
    vierogen_vereist = models.BooleanField(
        _("tweede beoordelaar vereist"),
        help_text=_("Vastgesteld bij het opstellen, volgens de drempel van de regeling."),
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opgesteld_op = models.DateTimeField(_("opgesteld op"))
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    budget_overschrijding_bevestigd = models.BooleanField(
        _("budgetoverschrijding bevestigd"), default=False
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    # Computed once at dispatch (Atw calendar) so that letter and screen always agree.
    betaaltermijn_einde = models.DateField(_("uiterlijk betalen op"), null=True, blank=True)
    bezwaartermijn_einde = models.DateField(_("bezwaar uiterlijk op"), null=True, blank=True)

    # --- After the decision (issue 16) ---------------------------------------------------
    soort = models.CharField(
        _("soort besluit"),
        max_length=20,
        choices=BesluitSoort.choices,
        default=BesluitSoort.AANVRAAG,
    )
    # True for the decisions that fix the claim's outcome and amount (see BesluitSoort): the
    # claim's current decision is its highest version with this flag.
    regelt_aanvraag = models.BooleanField(
        _("bepaalt uitkomst en bedrag van de aanvraag"), default=True
    )
    bezwaar = models.ForeignKey(
        "Bezwaar",
        verbose_name=_("bezwaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beslissingen",
        help_text=_("De beslissing op dit bezwaar, of de dwangsom bij te laat beslissen erop."),
    )
    bezwaar_uitkomst = models.CharField(
        _("uitkomst van het bezwaar"), max_length=30, choices=BezwaarUitkomst.choices, blank=True
    )
    herziening_grond = models.CharField(
        _("grond van de herziening"), max_length=30, choices=HerzieningGrond.choices, blank=True
    )
    # What was paid on the replaced decisions above the new amount (Awb 4:57).
    terugvordering = models.DecimalField(_("terug te vorderen"), default=0, **BEDRAG)
    terugbetaaltermijn_einde = models.DateField(
        _("uiterlijk terugbetalen op"), null=True, blank=True
    )
    terugbetaald_op = models.DateField(_("terugbetaling ontvangen op"), null=True, blank=True)
    # A decision on objection: appeal to the court within six weeks (8:1, 6:7, 6:8).
    beroepstermijn_einde = models.DateField(_("beroep uiterlijk op"), null=True, blank=True)
    # A dwangsom decision (4:18): the last day the penalty accrued, and its days.
    dwangsom_laatste_dag = models.DateField(
        _("laatste dag waarover de dwangsom liep"), null=True, blank=True
    )
    dwangsom_dagen = models.PositiveSmallIntegerField(_("dwangsomdagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["aanvraag", "versie"]
        indexes = [
            # Statistics (statistieken/selectors): sent decisions of a period, covering the
            # columns the aggregates read, so a month or quarter reads only its own rows.
            models.Index(
                fields=["verzonden_op"],
                include=["aanvraag", "uitkomst", "bedrag_toegekend", "vervangt"],
                condition=Q(status=BesluitStatus.VERZONDEN),
                name="besluit_stat_verzonden_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "versie"], name="besluit_versie_uniek"),
            models.CheckConstraint(
                condition=Q(bedrag_toegekend__gte=0), name="besluit_bedrag_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(terugvordering__gte=0), name="besluit_terugvordering_niet_negatief"
            ),
            models.CheckConstraint(
                condition=~Q(soort=BesluitSoort.BEZWAAR)
                | (Q(bezwaar__isnull=False) & ~Q(bezwaar_uitkomst="")),
                name="besluit_op_bezwaar_heeft_bezwaar",
            ),
            # Four-eyes principle, enforced by the database as well as the service.
            models.CheckConstraint(
                condition=Q(vierogen_vereist=False)
                | Q(goedgekeurd_door__isnull=True)
                | ~Q(goedgekeurd_door=F("opgesteld_door")),
                name="besluit_vierogen",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[BesluitStatus.GOEDGEKEURD, BesluitStatus.VERZONDEN])
                | (Q(goedgekeurd_door__isnull=False) & Q(goedgekeurd_op__isnull=False)),
                name="besluit_goedgekeurd_heeft_goedkeurder",
            ),
            models.CheckConstraint(
                condition=~Q(status=BesluitStatus.VERZONDEN) | Q(verzonden_op__isnull=False),
                name="besluit_verzonden_heeft_datum",
            ),
        ]

    def __str__(self):
        return f"{self.aanvraag.kenmerk or self.aanvraag_id} v{self.versie}"


class Betaling(models.Model):
    """A payment of a granted amount, registered by finance."""

    besluit = models.ForeignKey(
        Besluit, verbose_name=_("besluit"), on_delete=models.PROTECT, related_name="betalingen"
    )
    betaald_op = models.DateField(_("betaald op"))
    bedrag = models.DecimalField(_("bedrag"), **BEDRAG)
    referentie = models.CharField(_("betalingskenmerk"), max_length=100)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["betaald_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="betaling_bedrag_positief"),
        ]

    def __str__(self):
        return f"{self.referentie}: {self.bedrag}"


class Bezwaar(models.Model):
    """An objection against a sent decision (Awb 6:4), handled as its own small case.

    Who lodged it, whether it is admissible (on time per 6:7/6:9, signed, grounds given; a
    repair term per 6:6), the hearing (7:2/7:3) and the decision term of 7:10 (stored, with
    a postponement and an extension with consent) live here; the decision on it is a
    `Besluit` of soort "bezwaar" pointing at it.
    """

    besluit = models.ForeignKey(
        Besluit, verbose_name=_("besluit"), on_delete=models.PROTECT, related_name="bezwaren"
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    gronden = models.TextField(
        _("gronden (door de indiener)"),
        blank=True,
        help_text=_("Wat de indiener zelf online als gronden van het bezwaar schreef."),
    )
    online_ingediend = models.BooleanField(_("online ingediend"), default=False)
    # Who lodged it: the applicant or a representative with an authorisation (2:1 Awb).
    indiener = models.CharField(
        _("ingediend door"), max_length=20, choices=Indiener.choices, default=Indiener.AANVRAGER
    )
    gemachtigde_naam = models.CharField(_("naam gemachtigde"), max_length=200, blank=True)
    machtiging_ontvangen = models.BooleanField(_("machtiging ontvangen"), default=False)
    # Posted on (postmark): an objection posted by the last day counts if it arrives within
    # a week after the term (6:9(2)).
    verzonden_op = models.DateField(_("op de post gedaan op"), null=True, blank=True)
    ondertekend = models.BooleanField(_("ondertekend"), default=True)
    gronden_vermeld = models.BooleanField(_("gronden vermeld"), default=True)
    # A repair term for what is missing (6:6); it suspends the 7:10 term (7:10(2)).
    verzuim = models.TextField(_("wat ontbreekt (verzuim)"), blank=True)
    verzuim_gevraagd_op = models.DateField(_("herstel gevraagd op"), null=True, blank=True)
    hersteltermijn_tot = models.DateField(_("herstellen uiterlijk op"), null=True, blank=True)
    verzuim_hersteld_op = models.DateField(_("verzuim hersteld op"), null=True, blank=True)
    # The hearing (7:2), or why there is none (7:3).
    hoorzitting = models.CharField(
        _("hoorzitting"),
        max_length=20,
        choices=Hoorzitting.choices,
        default=Hoorzitting.NIET_GEPLAND,
    )
    hoorzitting_op = models.DateTimeField(_("hoorzitting op"), null=True, blank=True)
    hoorzitting_plaats = models.CharField(_("plaats of link"), max_length=200, blank=True)
    hoorzitting_verslag = models.TextField(_("verslag van de hoorzitting"), blank=True)
    # The decision term (7:10): stored, so the letter, the queue and the screen agree.
    beslistermijn_einde = models.DateField(_("beslissen uiterlijk op"), null=True, blank=True)
    verdaagd_op = models.DateField(_("verdaagd op"), null=True, blank=True)
    verdaagd_tot = models.DateField(_("verdaagd tot"), null=True, blank=True)
    # Printed in the postponement notice (7:10(3)): written to the objector.
    verdaging_reden = models.TextField(_("reden verdaging"), blank=True)
    uitstel_tot = models.DateField(_("uitgesteld met instemming tot"), null=True, blank=True)
    uitstel_instemming = models.TextField(_("instemming van de indiener"), blank=True)
    # A notice of default for a late decision on the objection (4:17 applies as well).
    ingebrekestelling_op = models.DateField(
        _("ingebrekestelling ontvangen op"), null=True, blank=True
    )
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["ontvangen_op", "pk"]

    def __str__(self):
        return _("Bezwaar van %(datum)s") % {"datum": f"{self.ontvangen_op:%d-%m-%Y}"}

    @property
    def is_na_termijn(self) -> bool:
        """Late (Awb 6:7-6:9, the postal week included): accepted, but flagged (6:11 is for BZK)."""
        einde = self.besluit.bezwaartermijn_einde
        return einde is not None and not bezwaar_tijdig(self.ontvangen_op, einde, self.verzonden_op)


class BezwaarBestand(PrivateBestand):
    """A file the applicant sent with an objection lodged online."""

    bezwaar = models.ForeignKey(
        Bezwaar, verbose_name=_("bezwaar"), on_delete=models.PROTECT, related_name="bestanden"
    )

    class Meta:
        verbose_name = _("bestand bij bezwaar")
        verbose_name_plural = _("bestanden bij bezwaren")
        ordering = ["geupload_op", "pk"]


BezwaarBestand._meta.get_field("bestand").upload_to = PrivateUploadTo("aanvragen")
