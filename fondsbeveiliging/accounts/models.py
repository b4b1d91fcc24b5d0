"""The custom User: one model for office holders, municipal staff and BZK staff."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
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
    functie = models.CharField(
        _("functie"),
        max_length=100,
        blank=True,
        help_text=_("Voor BZK-medewerkers: de functie onder de ondertekening van brieven."),
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
    def is_bzk(self) -> bool:
        """BZK staff (any back-office role)."""
        return self.rol in STAFF_ROLLEN

    def has_rol(self, *rollen: str) -> bool:
        return self.is_active and self.rol in rollen


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
