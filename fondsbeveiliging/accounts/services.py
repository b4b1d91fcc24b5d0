"""Business actions on accounts: roles (with four-eyes for staff roles) and reset links."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.services import bericht_klaarzetten

from .constants import STAFF_ROLLEN, Rol
from .models import RolToekenning, Toekenningsbesluit, User


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

    The same e-mail as "Wachtwoord vergeten", built from SITE_URL only.
    """
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(
            domain_override=urlsplit(settings.SITE_URL).netloc,
            subject_template_name="registration/wachtwoord_vergeten_onderwerp.txt",
            email_template_name="registration/wachtwoord_vergeten_email.txt",
            extra_email_context={"site_url": settings.SITE_URL},
        )
