"""Business actions on accounts: roles (four-eyes for staff roles), reset links, end of office."""

from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.opmaak.formaat import lange_datum

from .ambten import samenvatting_bijwerken
from .constants import STAFF_ROLLEN, Rol
from .models import Ambt, RolToekenning, Toekenningsbesluit, User


class RolFout(Exception):
    """A role change that the rules refuse; the message is shown to the beheerder."""


@transaction.atomic
def rol_toewijzen(*, user: User, rol: str) -> User:
    """Give `user` exactly one role: its group, and admin access only for BZK staff roles."""
    user.rol = rol
    user.is_staff = rol in STAFF_ROLLEN or user.is_superuser
    user.save(update_fields=["rol", "is_staff"])
    user.groups.set([Group.objects.get(name=rol)])
    return user


@transaction.atomic
def rol_wijzigen(
    *, door: User, user: User, rol: str, vorige_rol: str | None
) -> RolToekenning | None:
    """Apply a role chosen in user management, or hold a staff role for a second beheerder.

    `vorige_rol` is the role before this change (None for a new account). Nobody changes
    their own role. A staff role that the person did not have yet waits as an open
    RolToekenning: the person keeps `vorige_rol` (a new account stays inactive) and every
    other functioneel beheerder is notified. Any other role takes effect at once.
    """
    if user.pk == door.pk:
        raise RolFout(_("U kunt uw eigen rol niet wijzigen. Vraag een andere beheerder."))
    if rol not in STAFF_ROLLEN or rol == vorige_rol:
        rol_toewijzen(user=user, rol=rol)
        return None
    if vorige_rol is None:
        user.is_active = False
        user.rol = rol
        user.save(update_fields=["is_active", "rol"])
        user.groups.clear()
    else:
        rol_toewijzen(user=user, rol=vorige_rol)
    RolToekenning.objects.filter(gebruiker=user, besluit=Toekenningsbesluit.OPEN).delete()
    toekenning = RolToekenning.objects.create(gebruiker=user, rol=rol, aangevraagd_door=door)
    _beheerders_melden(toekenning, gebeurtenis="aangevraagd")
    return toekenning


@transaction.atomic
def roltoekenning_beoordelen(*, door: User, toekenning: RolToekenning, goedkeuren: bool) -> None:
    """A second functioneel beheerder approves or refuses a staff role."""
    toekenning = RolToekenning.objects.select_for_update().get(pk=toekenning.pk)
    if toekenning.besluit != Toekenningsbesluit.OPEN:
        raise RolFout(_("Over deze roltoekenning is al besloten."))
    if not door.has_rol(Rol.FUNCTIONEEL_BEHEERDER):
        raise RolFout(_("Alleen een functioneel beheerder beoordeelt een roltoekenning."))
    if door.pk in (toekenning.aangevraagd_door_id, toekenning.gebruiker_id):
        raise RolFout(_("Een tweede beheerder moet dit goedkeuren: niet wie de rol gaf of kreeg."))
    toekenning.besluit = (
        Toekenningsbesluit.GOEDGEKEURD if goedkeuren else Toekenningsbesluit.AFGEWEZEN
    )
    toekenning.beoordeeld_door = door
    toekenning.beoordeeld_op = timezone.now()
    toekenning.save(update_fields=["besluit", "beoordeeld_door", "beoordeeld_op"])
    if goedkeuren:
        user = toekenning.gebruiker
        user.is_active = True
        user.save(update_fields=["is_active"])
        rol_toewijzen(user=user, rol=toekenning.rol)
    _beheerders_melden(toekenning, gebeurtenis=toekenning.besluit)


def _beheerders_melden(toekenning: RolToekenning, *, gebeurtenis: str) -> None:
    """An outbox e-mail to every active functioneel beheerder; no names, only where to look."""
    onderwerp = {
        "aangevraagd": _("Een roltoekenning wacht op goedkeuring"),
        Toekenningsbesluit.GOEDGEKEURD: _("Een roltoekenning is goedgekeurd"),
        Toekenningsbesluit.AFGEWEZEN: _("Een roltoekenning is afgewezen"),
    }[gebeurtenis]
    tekst = _(
        "In het beheer van het Fonds beveiligingsmaatregelen is een BZK-rol (%(rol)s) "
        "toegekend of beoordeeld. Bekijk de roltoekenningen in de backoffice: %(url)s"
    ) % {"rol": toekenning.get_rol_display(), "url": f"{settings.SITE_URL}/backoffice/"}
    beheerders = User.objects.filter(rol=Rol.FUNCTIONEEL_BEHEERDER, is_active=True)
    for beheerder in beheerders.only("pk", "email"):
        bericht_klaarzetten(
            sleutel=f"roltoekenning-{toekenning.pk}-{gebeurtenis}-{beheerder.pk}",
            aan=beheerder.email,
            onderwerp=onderwerp,
            tekst=tekst,
        )


def herstellink_sturen(*, user: User) -> None:
    """Mail the person a link to choose a password themselves (nobody sets it for them).

    The same e-mail as "Wachtwoord vergeten", built from SITE_URL only. Not through
    Django's PasswordResetForm: that skips accounts without a usable password, which is
    every new account (so a new account never got its link).
    """
    if not user.is_active:
        return
    domein = urlsplit(settings.SITE_URL).netloc
    context = {
        "email": user.email,
        "domain": domein,
        "site_name": domein,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": urlsplit(settings.SITE_URL).scheme,
        "site_url": settings.SITE_URL,
    }
    onderwerp = render_to_string("registration/wachtwoord_vergeten_onderwerp.txt", context)
    tekst = render_to_string("registration/wachtwoord_vergeten_email.txt", context)
    send_mail("".join(onderwerp.splitlines()), tekst, settings.DEFAULT_FROM_EMAIL, [user.email])


PROFIEL_VELDEN = (
    "first_name",
    "last_name",
    "correspondentie_adres",
    "correspondentie_postcode",
    "correspondentie_plaats",
    "telefoon",
)


@transaction.atomic
def profiel_wijzigen(*, user: User, **velden: str) -> User:
    """Save the person's own name, correspondence address and phone (nothing else)."""
    onbekend = set(velden) - set(PROFIEL_VELDEN)
    if onbekend:
        raise ValueError(f"not a profile field: {sorted(onbekend)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    for veld, waarde in velden.items():
        setattr(user, veld, waarde)
    user.save(update_fields=list(velden))
    return user


# How far ahead an end of office may be recorded (a known last day, not a guess).
AMBTSEINDE_MAX_VOORUIT = timedelta(days=365)


class AmbtFout(Exception):
    """An end of office that the rules refuse; the message is shown as it is."""


def ambtseinde_fout(*, in_functie_sinds: date | None, datum: date) -> str | None:
    """Why `datum` cannot be the end of office (a Dutch message), or None when it can."""
    if in_functie_sinds is not None and datum < in_functie_sinds:
        return _("De einddatum ligt vóór het begin van het ambt (%(sinds)s).") % {
            "sinds": lange_datum(in_functie_sinds)
        }
    if datum > timezone.localdate() + AMBTSEINDE_MAX_VOORUIT:
        return _("De einddatum ligt meer dan een jaar in de toekomst.")
    return None


def can_ambtseinde_vastleggen(door: User, ambt: Ambt) -> bool:
    """The municipality of the office, or BZK's functioneel beheerder."""
    if not ambt.gebruiker.is_ambtsdrager:
        return False
    if door.has_rol(Rol.FUNCTIONEEL_BEHEERDER):
        return True
    return door.has_rol(Rol.GEMEENTE_MEDEWERKER) and door.gemeente_id == ambt.gemeente_id


@transaction.atomic
def ambtseinde_vastleggen(*, door: User, ambt: Ambt, datum: date) -> Ambt:
    """Record the last day of one office of an office holder and tell the person (outbox).

    From that day the person starts no new claim for that office; when none of their
    offices runs any more, none at all (`User.is_ambt_beeindigd`, from the summary that
    `ambten.samenvatting_bijwerken` writes). Running claims, meldingen and replies go on,
    and the account is removed by the retention schedule once its last office ended
    (`bewaring`, kind "account of an office holder whose office ended"). The change is in
    the audit log (auditlog covers `Ambt` and `in_functie_tot`). One e-mail per recorded
    date: saving the same date again sends nothing new, a corrected date tells the person
    again.
    """
    User.objects.select_for_update().get(pk=ambt.gebruiker_id)  # one office change at a time
    ambt = Ambt.objects.select_related("gebruiker", "gemeente").get(pk=ambt.pk)
    if not can_ambtseinde_vastleggen(door, ambt):
        raise AmbtFout(_("U kunt het einde van dit ambt niet vastleggen."))
    fout = ambtseinde_fout(in_functie_sinds=ambt.sinds, datum=datum)
    if fout:
        raise AmbtFout(fout)
    ambt.tot = datum
    ambt.save(update_fields=["tot"])
    user = samenvatting_bijwerken(ambt.gebruiker)
    bericht_klaarzetten(
        sleutel=f"ambtseinde-{ambt.pk}-{datum.isoformat()}",
        aan=user.email,
        onderwerp=_("Wijziging in uw account"),
        tekst=render_to_string(
            "accounts/mail/ambtseinde.txt",
            {
                "datum": lange_datum(datum),
                "ambt": ambt.get_ambtstype_display().lower(),
                "gemeente": ambt.gemeente.naam,
                "nog_lopend": user.in_functie_tot is None,
                "site_url": settings.SITE_URL,
                "contact": settings.FONDS_CONTACT,
            },
        ),
    )
    return ambt
