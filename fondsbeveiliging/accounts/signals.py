"""Keep role groups in place after every migrate and stamp the login time."""

import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import stapop, vertraging
from .meldingen import beveiligingswijziging_melden
from .models import User
from .roles import ensure_role_groups

SESSION_LOGIN_AT = "fb_login_at"


@receiver(post_migrate)
def create_role_groups(sender, apps=None, using="default", **kwargs):
    if apps is None or "auth" not in {a.label for a in apps.get_app_configs()}:
        return
    ensure_role_groups()


@receiver(user_logged_in)
def stamp_login_time(sender, request, user, **kwargs):
    # Used by SessionExpiryMiddleware for the 12-hour absolute session limit.
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    # Per account over all addresses; a refusal by the throttle itself is not counted again.
    naam = (credentials or {}).get("username")
    if naam and not getattr(request, "fb_wachttijd", None):
        vertraging.mislukt(naam)


@receiver(user_logged_in)
def clear_failed_logins(sender, request, user, **kwargs):
    vertraging.wissen(user.email)
    if request is not None and hasattr(request, "session"):
        stapop.bevestigd(request)  # the password was just entered


@receiver(post_save, sender=TOTPDevice)
def notify_new_authenticator(sender, instance, created, **kwargs):
    if instance.confirmed and (created or "confirmed" in (kwargs.get("update_fields") or ())):
        beveiligingswijziging_melden(
            user=instance.user, wijziging="app_gekoppeld", sleutel=str(instance.pk)
        )


@receiver(post_delete, sender=TOTPDevice)
def notify_two_factor_off(sender, instance, **kwargs):
    if instance.confirmed:
        beveiligingswijziging_melden(
            user=instance.user, wijziging="tweestaps_uit", sleutel=str(instance.pk)
        )


AMBTSVELDEN = {"rol", "ambtstype", "gemeente", "in_functie_sinds", "in_functie_tot"}


@receiver(post_save, sender=User)
def eerste_ambt_vastleggen(sender, instance, update_fields=None, **kwargs):
    """An office holder's first office comes from the account's office fields.

    However the account was made (registration, invitation, the user admin, demo data), its
    office is then an `Ambt` row like any later one. Once a row exists, offices change only
    through `accounts.ambten`, which writes the account's fields as their summary.
    """
    if update_fields is not None and not AMBTSVELDEN & set(update_fields):
        return  # a login or a profile change: no office data touched
    if not (instance.is_ambtsdrager and instance.gemeente_id and instance.ambtstype):
        return
    if not instance.ambten.exists():
        instance.ambten.create(
            ambtstype=instance.ambtstype,
            gemeente_id=instance.gemeente_id,
            sinds=instance.in_functie_sinds,
            tot=instance.in_functie_tot,
        )
