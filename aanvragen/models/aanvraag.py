"""Policy versions (regelingen), claims (aanvragen) with cost lines and evidence.

A claim keeps a link to the policy version in force on its receipt date. A version that
governs a submitted claim is frozen (only its end date may still be set, see
`RegelingAdmin`), and each cost line copies its category cap at submission, so later edits
never change what a submitted claim is governed by.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.core.files import PrivateUploadTo
from fondsbeveiliging.core.models import PrivateBestand
from fondsbeveiliging.core.tekst import REGEL, TEKST, TOELICHTING

from ..constants import (
    BEDRAG_MAXIMUM,
    STATUS_VOOR_AANVRAGER,
    AanvraagStatus,
    Bewijstype,
    KostenAard,
    RekeningSoort,
)

BEDRAG = {"max_digits": 12, "decimal_places": 2}


class DateRange(Func):
    function = "daterange"
    output_field = DateRangeField()


def _default_ambtstypen():
    return [Ambtstype.BURGEMEESTER, Ambtstype.WETHOUDER, Ambtstype.RAADSLID]


class Regeling(models.Model):
    """One version of the policy that governs the fund, valid from/to (inclusive)."""

    code = models.SlugField(_("code"), max_length=30, unique=True, help_text=_("Bijv. 2026-1."))
    naam = models.CharField(_("citeertitel"), max_length=200)
    grondslag = models.CharField(
        _("grondslag in besluiten"),
        max_length=200,
        help_text=_("Artikel dat in besluiten wordt genoemd, bijv. 'artikel 3'."),
    )
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(
        _("geldig tot en met"), null=True, blank=True, help_text=_("Leeg: geen einddatum.")
    )
    ambtstypen = ArrayField(
        models.CharField(max_length=32, choices=Ambtstype.choices),
        verbose_name=_("ambten die mogen aanvragen"),
        default=_default_ambtstypen,
    )
    totaalplafond = models.DecimalField(
        _("maximum per ambtsdrager per periode (incl. btw)"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum. De periode is de geldigheidsduur van deze versie."),
        **BEDRAG,
    )
    beslistermijn_weken = models.PositiveSmallIntegerField(_("beslistermijn (weken)"), default=8)
    hersteltermijn_weken = models.PositiveSmallIntegerField(_("hersteltermijn (weken)"), default=2)
    zienswijzetermijn_weken = models.PositiveSmallIntegerField(
        _("zienswijzetermijn (weken)"), default=2
    )
    betaaltermijn_weken = models.PositiveSmallIntegerField(_("betaaltermijn (weken)"), default=6)
    gemeente_kennisgeving = models.BooleanField(
        _("gemeente krijgt een kennisgeving van het besluit"),
        default=True,
        help_text=_(
            "Een kennisgeving noemt alleen dat het fonds besloot, de uitkomst en het bedrag per "
            "soort kosten: geen omschrijvingen, motivering, adres of rekeningnummer."
        ),
    )
    drempel_tweede_beoordelaar = models.DecimalField(
        _("tweede beoordelaar nodig vanaf (euro)"),
        default=0,
        help_text=_("0: altijd een tweede beoordelaar."),
        **BEDRAG,
    )
    jaarbudget = models.DecimalField(_("budget per jaar"), **BEDRAG)
    buitenlandse_iban_toegestaan = models.BooleanField(
        _("buitenlands IBAN toegestaan"), default=False
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["-geldig_van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="regeling_geldig_tot_na_van",
            ),
            ExclusionConstraint(
                name="regeling_geen_overlap",
                expressions=[
                    (
                        DateRange("geldig_van", "geldig_tot", models.Value("[]")),
                        RangeOperators.OVERLAPS,
                    )
                ],
                violation_error_message=_(
                    "De geldigheid overlapt met een andere versie van de regeling."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.code})"

    def is_ambtstype_toegestaan(self, ambtstype: str) -> bool:
        return ambtstype in self.ambtstypen


def _default_bewijs_betaald():
    return [Bewijstype.FACTUUR, Bewijstype.BETAALBEWIJS]


def _default_bewijs_offerte():
    return [Bewijstype.OFFERTE]


class KostenCategorie(models.Model):
    """A kind of cost a policy version reimburses, with an optional cap and evidence rules."""

    regeling = models.ForeignKey(
        Regeling, verbose_name=_("regeling"), on_delete=models.CASCADE, related_name="categorieen"
    )
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=120)
    toelichting = models.CharField(_("uitleg voor de aanvrager"), max_length=300, blank=True)
    plafond = models.DecimalField(
        _("maximum (incl. btw)"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum."),
        **BEDRAG,
    )
    bewijs_bij_betaald = ArrayField(
        models.CharField(max_length=20, choices=Bewijstype.choices),
        verbose_name=_("verplichte bewijsstukken als al betaald is"),
        default=_default_bewijs_betaald,
        blank=True,
    )
    bewijs_bij_offerte = ArrayField(
        models.CharField(max_length=20, choices=Bewijstype.choices),
        verbose_name=_("verplichte bewijsstukken bij een offerte"),
        default=_default_bewijs_offerte,
        blank=True,
    )
    uitleg_verplicht = models.BooleanField(
        _("uitleg verplicht"), default=False, help_text=_("Bijv. bij 'overige kosten'.")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("kostensoort")
        verbose_name_plural = _("kostensoorten")
        ordering = ["regeling", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["regeling", "code"], name="kostensoort_code_uniek"),
        ]

    def __str__(self):
        return self.naam

    def vereist_bewijs(self, aard: str) -> list[str]:
        """The evidence types a cost line of this category and kind must carry."""
        return list(
            self.bewijs_bij_offerte if aard == KostenAard.OFFERTE else self.bewijs_bij_betaald
        )


class KenmerkTeller(models.Model):
    """The last case reference number issued per year; locked while a claim is submitted."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kenmerkteller")
        verbose_name_plural = _("kenmerktellers")

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"


class Aanvraag(models.Model):
    """A claim by an office holder for reimbursement of security costs."""

    aanvrager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aanvrager"),
        on_delete=models.PROTECT,
        related_name="aanvragen",
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=AanvraagStatus.choices,
        default=AanvraagStatus.CONCEPT,
        db_index=True,
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=20, unique=True, null=True, blank=True)
    uw_kenmerk = models.CharField(
        _("uw kenmerk"),
        max_length=40,
        blank=True,
        help_text=_("Optioneel: uw eigen kenmerk. Wij noemen het in onze brieven."),
    )
    regeling = models.ForeignKey(
        Regeling,
        verbose_name=_("regeling"),
        on_delete=models.PROTECT,
        related_name="aanvragen",
        help_text=_(
            "Bij een concept de huidige versie; bij indiening de versie op de datum van ontvangst."
        ),
    )
    # The applicant's data, copied from the account when the claim is created.
    aanvrager_naam = models.CharField(_("naam"), max_length=200)
    # The office the claim is for (a person may hold several); its type, municipality and
    # start are copied below, as they were when the claim was started.
    ambt = models.ForeignKey(
        "accounts.Ambt",
        verbose_name=_("ambt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanvragen",
    )
    ambtstype = models.CharField(_("ambt"), max_length=32, choices=Ambtstype.choices)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="aanvragen",
    )
    in_functie_sinds = models.DateField(_("in functie sinds"), null=True, blank=True)
    correspondentie_adres = models.CharField(
        _("correspondentieadres (straat en huisnummer of postbus)"), max_length=200, blank=True
    )
    correspondentie_postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    correspondentie_plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    # Home address: only when a measure is at the home; encrypted; assessors only.
    maatregel_bij_woning = models.BooleanField(_("maatregel bij de woning"), null=True)
    woonadres = EncryptedCharField(
        _("woonadres (straat en huisnummer)"), max_length=200, null=True, blank=True
    )
    woon_postcode = EncryptedCharField(_("postcode woonadres"), max_length=7, null=True, blank=True)
    woon_plaats = EncryptedCharField(_("woonplaats"), max_length=100, null=True, blank=True)
    meldingen = models.ManyToManyField(
        "meldingen.Melding", verbose_name=_("meldingen"), related_name="aanvragen", blank=True
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    rekeninghouder = models.CharField(_("tenaamstelling rekening"), max_length=200, blank=True)
    rekening_soort = models.CharField(
        _("soort rekening"), max_length=10, choices=RekeningSoort.choices, blank=True
    )
    verklaring_akkoord = models.BooleanField(_("verklaring naar waarheid"), default=False)
    bedrag_aangevraagd = models.DecimalField(_("aangevraagd bedrag"), default=0, **BEDRAG)
    plafond_overschreden = models.BooleanField(_("maximum overschreden"), default=False)
    plafondsignalen = models.JSONField(_("signalen over maxima"), default=list, blank=True)
    ingediend_op = models.DateTimeField(_("ontvangen op"), null=True, blank=True)
    beslistermijn_einde = models.DateField(_("uiterste beslisdatum"), null=True, blank=True)
    ontvangstbevestiging_verzonden_op = models.DateTimeField(
        _("ontvangstbevestiging verzonden op"), null=True, blank=True
    )
    # Back office (issue: assessment workflow).
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toegewezen_aanvragen",
    )
    verdaagd_op = models.DateField(_("verdaagd op"), null=True, blank=True)
    verdaagd_tot = models.DateField(_("verdaagd tot"), null=True, blank=True)
    verdaging_reden = models.TextField(_("reden verdaging"), blank=True)
    ingebrekestelling_op = models.DateField(
        _("ingebrekestelling ontvangen op"),
        null=True,
        blank=True,
        help_text=_("Start van de dwangsomtermijn bij niet tijdig beslissen (Awb 4:17)."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=AanvraagStatus.CONCEPT)
                | (
                    Q(kenmerk__isnull=False)
                    & Q(ingediend_op__isnull=False)
                    & Q(beslistermijn_einde__isnull=False)
                ),
                name="aanvraag_ingediend_heeft_kenmerk",
            ),
        ]
        indexes = [
            models.Index(fields=["beslistermijn_einde"]),
            models.Index(fields=["status", "beslistermijn_einde"]),
            # The work queue: submitted claims in deadline order, paged deep.
            models.Index(
                fields=["beslistermijn_einde", "id"],
                condition=~Q(status=AanvraagStatus.CONCEPT),
                name="aanvraag_werkvoorraad_idx",
            ),
            # Statistics (statistieken/selectors): submitted claims of a period, covering
            # the columns the aggregates read (an index-only scan instead of the wide table).
            models.Index(
                fields=["ingediend_op"],
                include=["id", "status", "gemeente", "bedrag_aangevraagd", "beslistermijn_einde"],
                condition=~Q(status=AanvraagStatus.CONCEPT),
                name="aanvraag_stat_ingediend_idx",
            ),
            models.Index(
                fields=["verdaagd_op"],
                condition=Q(verdaagd_op__isnull=False),
                name="aanvraag_stat_verdaagd_idx",
            ),
            models.Index(
                fields=["ingebrekestelling_op"],
                condition=Q(ingebrekestelling_op__isnull=False),
                name="aanvraag_stat_ingebreke_idx",
            ),
            # Double claims (backoffice/dubbel.py): the same account on another claim.
            models.Index(fields=["iban"], condition=~Q(iban=""), name="aanvraag_dubbel_iban_idx"),
            # Plus a trigram index for the admin's name search (migration 0004, raw SQL).
        ]

    def __str__(self):
        return self.kenmerk or _("Concept-aanvraag %(pk)s") % {"pk": self.pk}

    @property
    def is_concept(self) -> bool:
        return self.status == AanvraagStatus.CONCEPT

    def get_status_voor_aanvrager(self) -> str:
        return STATUS_VOOR_AANVRAGER[AanvraagStatus(self.status)]


class Kostenpost(models.Model):
    """One cost line. Fields may be empty while the claim is a draft; submission checks them."""

    aanvraag = models.ForeignKey(
        Aanvraag, verbose_name=_("aanvraag"), on_delete=models.CASCADE, related_name="kostenposten"
    )
    categorie = models.ForeignKey(
        KostenCategorie,
        verbose_name=_("soort kosten"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kostenposten",
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=TOELICHTING, blank=True)
    leverancier = models.CharField(_("leverancier"), max_length=REGEL, blank=True)
    # Optional: a quotation has none yet. With the supplier it identifies an invoice, so the
    # same invoice claimed twice is flagged (backoffice/dubbel.py, pattern b).
    factuurnummer = models.CharField(_("factuurnummer"), max_length=50, blank=True)
    bedrag = models.DecimalField(_("bedrag incl. btw"), null=True, blank=True, **BEDRAG)
    aard = models.CharField(
        _("al betaald of offerte"), max_length=10, choices=KostenAard.choices, blank=True
    )
    # Copied from the category at submission: what the claim was checked against.
    plafond_bij_indiening = models.DecimalField(
        _("maximum bij indiening"), null=True, blank=True, **BEDRAG
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__isnull=True)
                | (Q(bedrag__gt=0) & Q(bedrag__lte=BEDRAG_MAXIMUM)),
                name="kostenpost_bedrag_binnen_grenzen",
            ),
        ]
        indexes = [
            # Double claims (backoffice/dubbel.py): the same supplier (case and outer spaces
            # ignored) and amount on another claim.
            models.Index(
                Lower(Trim("leverancier")),
                "bedrag",
                condition=~Q(leverancier=""),
                name="kostenpost_dubbel_lev_idx",
            ),
            models.Index(
                Lower(Trim("leverancier")),
                Lower(Trim("factuurnummer")),
                condition=~Q(factuurnummer=""),
                name="kostenpost_dubbel_factuur_idx",
            ),
        ]

    def __str__(self):
        return self.omschrijving or str(_("Kostenpost"))


class Bewijsstuk(PrivateBestand):
    """Evidence for a cost line: invoice, quote, proof of payment or security advice."""

    kostenpost = models.ForeignKey(
        Kostenpost,
        verbose_name=_("kostenpost"),
        on_delete=models.CASCADE,
        related_name="bewijsstukken",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Bewijstype.choices)

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")
        ordering = ["geupload_op", "pk"]
        # Double claims (backoffice/dubbel.py): the same stored file on another cost line.
        indexes = [models.Index(fields=["sha256"], name="bewijsstuk_sha256_idx")]


Bewijsstuk._meta.get_field("bestand").upload_to = PrivateUploadTo("aanvragen")


class Aanvulverzoek(models.Model):
    """A request from BZK for more information (Awb 4:5), and the applicant's answer.

    A request with `termijn_tot` suspends the decision term from the day after `verzocht_op`
    until the answer or the end of that term; one without does not suspend (4:15).
    """

    aanvraag = models.ForeignKey(
        Aanvraag,
        verbose_name=_("aanvraag"),
        on_delete=models.PROTECT,
        related_name="aanvulverzoeken",
    )
    vraag = models.TextField(_("vraag"))
    termijn_tot = models.DateField(_("reageren uiterlijk op"), null=True, blank=True)
    verzocht_op = models.DateTimeField(_("verzocht op"))
    verzocht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verzocht door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    antwoord = models.TextField(
        _("antwoord van de aanvrager"),
        blank=True,
        help_text=_("Wat de aanvrager zelf online antwoordde; de aanvrager ziet het terug."),
    )
    notitie = models.TextField(
        _("interne notitie bij de aanvulling"),
        blank=True,
        help_text=_("Intern: hoe een aanvulling per post of e-mail binnenkwam."),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek om aanvulling")
        verbose_name_plural = _("verzoeken om aanvulling")
        ordering = ["verzocht_op", "pk"]

    def __str__(self):
        return _("Verzoek om aanvulling van %(datum)s") % {"datum": f"{self.verzocht_op:%d-%m-%Y}"}

    @property
    def is_open(self) -> bool:
        return self.beantwoord_op is None


class AanvullingBestand(PrivateBestand):
    """A file the applicant sent with an answer to an Aanvulverzoek."""

    aanvulverzoek = models.ForeignKey(
        Aanvulverzoek, verbose_name=_("verzoek"), on_delete=models.PROTECT, related_name="bestanden"
    )

    class Meta:
        verbose_name = _("bestand bij aanvulling")
        verbose_name_plural = _("bestanden bij aanvullingen")
        ordering = ["geupload_op", "pk"]


AanvullingBestand._meta.get_field("bestand").upload_to = PrivateUploadTo("aanvragen")


class StatusWijziging(models.Model):
    """Append-only status history of a claim (a database trigger refuses UPDATE/DELETE)."""

    aanvraag = models.ForeignKey(
        Aanvraag,
        verbose_name=_("aanvraag"),
        on_delete=models.PROTECT,
        related_name="statushistorie",
    )
    van = models.CharField(_("van"), max_length=30, choices=AanvraagStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=30, choices=AanvraagStatus.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    op = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    # Room for a generated sentence around a user's reason (at most `TOELICHTING`).
    toelichting = models.CharField(_("toelichting"), max_length=TEKST, blank=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statushistorie")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.van or '-'} -> {self.naar}"

    @property
    def door_weergave(self) -> str:
        """Who took the step; no person means the system did (sending a decision, closing)."""
        return str(self.door) if self.door else str(_("Systeem (automatisch)"))
