"""The custom User: one model for office holders, municipal staff and BZK staff."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .constants import STAFF_ROLLEN, Ambtstype, Rol


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("rol", Rol.FUNCTIONEEL_BEHEERDER)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. The e-mail address is the login name.

    `rol` is the single role; the matching auth Group carries the admin permissions
    (kept in sync by `fondsbeveiliging.accounts.services.rol_toewijzen`).
    """

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices)
    ambtstype = models.CharField(_("ambt"), max_length=32, choices=Ambtstype.choices, blank=True)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
    )
    in_functie_sinds = models.DateField(_("in functie sinds"), null=True, blank=True)
    in_functie_tot = models.DateField(_("in functie tot"), null=True, blank=True)
    # Correspondence address: where letters go. Never the home address (that lives,
    # encrypted, on a claim only when a measure is at the home).
    correspondentie_adres = models.CharField(
        _("correspondentieadres (straat en huisnummer)"), max_length=200, blank=True
    )
    correspondentie_postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    correspondentie_plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    functie = models.CharField(
        _("functie"),
        max_length=100,
        blank=True,
        help_text=_("Voor BZK-medewerkers: de functie onder de ondertekening van brieven."),
    )
    # When the inactivity job warned this account (None: not warned, or logged in since).
    inactief_gewaarschuwd_op = models.DateTimeField(
        _("gewaarschuwd wegens inactiviteit op"), null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            # A municipal employee is bound to exactly one municipality.
            models.CheckConstraint(
                condition=~models.Q(rol=Rol.GEMEENTE_MEDEWERKER) | models.Q(gemeente__isnull=False),
                name="gemeente_medewerker_heeft_gemeente",
            ),
            models.CheckConstraint(
                condition=~models.Q(rol=Rol.AMBTSDRAGER)
                | (models.Q(gemeente__isnull=False) & ~models.Q(ambtstype="")),
                name="ambtsdrager_heeft_ambt_en_gemeente",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_ambtsdrager(self) -> bool:
        return self.rol == Rol.AMBTSDRAGER

    @property
    def is_gemeente_medewerker(self) -> bool:
        return self.rol == Rol.GEMEENTE_MEDEWERKER

    @property
    def is_ambt_beeindigd(self) -> bool:
        """The recorded end of office is today or earlier (the one place of this rule)."""
        return self.in_functie_tot is not None and self.in_functie_tot <= timezone.localdate()

    @property
    def is_bzk(self) -> bool:
        """BZK staff (any back-office role)."""
        return self.rol in STAFF_ROLLEN

    def has_rol(self, *rollen: str) -> bool:
        return self.is_active and self.rol in rollen

    # The session hash covers the e-mail address as well as the password: a changed login
    # address ends every other session of the account (the session that made the change
    # keeps going through update_session_auth_hash). It also ends reset links (Django's
    # token covers the address already).
    def get_session_auth_hash(self):
        return self._sessie_hash(settings.SECRET_KEY)

    def get_session_auth_fallback_hash(self):
        for sleutel in settings.SECRET_KEY_FALLBACKS:
            yield self._sessie_hash(sleutel)

    def _sessie_hash(self, geheim: str) -> str:
        return salted_hmac(
            "fondsbeveiliging.accounts.User.get_session_auth_hash",
            f"{self.password}\x00{self.email}",
            secret=geheim,
            algorithm="sha256",
        ).hexdigest()


class Ambt(models.Model):
    """One office a person holds or held: type, municipality and period (issue 19, item 5).

    A person may hold several (raadslid and later wethouder, or offices in two
    municipalities); claims and meldingen name the one they concern. The office fields on
    `User` (ambtstype, gemeente, in_functie_sinds, in_functie_tot) summarise these rows for
    code that needs one office per person; `accounts.ambten.samenvatting_bijwerken` keeps
    them in step, and nothing else writes them for an office holder.
    """

    gebruiker = models.ForeignKey(
        User, verbose_name=_("ambtsdrager"), on_delete=models.CASCADE, related_name="ambten"
    )
    ambtstype = models.CharField(_("ambt"), max_length=32, choices=Ambtstype.choices)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="ambten",
    )
    sinds = models.DateField(_("in functie sinds"), null=True, blank=True)
    tot = models.DateField(_("in functie tot"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ambt")
        verbose_name_plural = _("ambten")
        ordering = ["gebruiker", "sinds", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__isnull=True)
                | models.Q(sinds__isnull=True)
                | models.Q(tot__gte=models.F("sinds")),
                name="ambt_einde_na_begin",
            ),
        ]

    def __str__(self):
        tekst = f"{self.get_ambtstype_display()}, {self.gemeente}"
        return f"{tekst} (tot {self.tot:%d-%m-%Y})" if self.tot else tekst

    @property
    def is_beeindigd(self) -> bool:
        """The recorded last day of this office is today or earlier."""
        return self.tot is not None and self.tot <= timezone.localdate()


class Toekenningsbesluit(models.TextChoices):
    OPEN = "open", _("Wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class RolToekenning(models.Model):
    """A BZK staff role given by one functioneel beheerder, waiting for a second one.

    Staff roles open case files and the back office: no single person hands them out. Until
    a second beheerder approves, the person keeps their previous role (or, new, stays
    inactive). Lower roles take effect at once.
    """

    gebruiker = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="roltoekenningen", verbose_name=_("gebruiker")
    )
    rol = models.CharField(_("rol"), max_length=32, choices=Rol.choices)
    aangevraagd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    besluit = models.CharField(
        _("besluit"),
        max_length=16,
        choices=Toekenningsbesluit.choices,
        default=Toekenningsbesluit.OPEN,
    )
    beoordeeld_door = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("roltoekenning")
        verbose_name_plural = _("roltoekenningen")
        ordering = ["-aangevraagd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker"],
                condition=models.Q(besluit="open"),
                name="een_open_roltoekenning_per_gebruiker",
            ),
        ]

    def __str__(self):
        return f"{self.gebruiker}: {self.get_rol_display()}"


class RegistratieStatus(models.TextChoices):
    ONBEVESTIGD = "onbevestigd", _("E-mailadres nog niet bevestigd")
    WACHTEND = "wachtend", _("Wacht op bevestiging van het ambt")
    UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
    BEVESTIGD = "bevestigd", _("Ambt bevestigd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class RegistratieBron(models.TextChoices):
    AANVRAAG = "aanvraag", _("Aangevraagd door de ambtsdrager")
    UITNODIGING = "uitnodiging", _("Uitgenodigd door de gemeente")


class Registratieverzoek(models.Model):
    """A request for an office holder's account, or a municipality's invitation.

    Requests start unverified (a link to the address); once verified, the municipality of
    the office confirms or rejects it. Invitations are confirmed by the inviting employee
    and wait for the invitee's single-use link. Only the SHA-256 of a link's token is
    stored. Unverified requests exist for unknown and known addresses alike (no
    enumeration): an unverified row says nothing about an account.
    """

    bron = models.CharField(
        _("bron"), max_length=16, choices=RegistratieBron.choices, default=RegistratieBron.AANVRAAG
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistratieStatus.choices,
        default=RegistratieStatus.ONBEVESTIGD,
    )
    voornaam = models.CharField(_("voornaam"), max_length=150)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    ambtstype = models.CharField(_("ambt"), max_length=32, choices=Ambtstype.choices)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="registratieverzoeken",
    )
    in_functie_sinds = models.DateField(_("in functie sinds"))
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    token_verloopt_op = models.DateTimeField(_("link geldig tot"), null=True, blank=True)
    token_gebruikt_op = models.DateTimeField(_("link gebruikt op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    email_bevestigd_op = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    beoordeeld_door = models.ForeignKey(
        User,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reden_afwijzing = models.TextField(_("reden van afwijzing"), max_length=1000, blank=True)
    gebruiker = models.ForeignKey(
        User,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registratieverzoeken",
    )

    class Meta:
        verbose_name = _("registratieverzoek")
        verbose_name_plural = _("registratieverzoeken")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="afgewezen") | ~models.Q(reden_afwijzing=""),
                name="registratie_afwijzing_heeft_reden",
            ),
            models.CheckConstraint(
                condition=models.Q(ambtstype__in=["burgemeester", "wethouder", "raadslid"]),
                name="registratie_gemeentelijk_ambt",
            ),
        ]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam} ({self.get_ambtstype_display()})"
