"""Office-holder accounts without a login for a long time: a warning first, then switched off.

An account that nobody uses is a door nobody watches. After ACCOUNT_INACTIEF_NA_DAGEN days
without a login (or since it was made, when never logged in) the person gets one e-mail;
whoever still has not logged in ACCOUNT_INACTIEF_WAARSCHUWING_DAGEN days later is switched
off (`is_active=False`, in the audit log). A login after the warning clears it. Staff
accounts are managed by the functioneel beheerder and are left alone here.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.opmaak.formaat import lange_datum

from .constants import Rol
from .models import User


@dataclass(frozen=True)
class Uitkomst:
    gewaarschuwd: int
    uitgeschakeld: int


def _ambtsdragers():
    return User.objects.filter(rol=Rol.AMBTSDRAGER, is_staff=False, is_active=True).annotate(
        laatst_actief=Coalesce("last_login", "date_joined")
    )


def inactieve_accounts_afhandelen(*, nu: datetime | None = None) -> Uitkomst:
    """Warn accounts past the threshold once and switch off those warned long enough ago.

    Idempotent: a warned account is not warned again (the stored time, and the outbox key
    per period of inactivity), so a second run on the same day sends nothing.
    """
    nu = nu or timezone.now()
    # Logged in after the warning: the warning no longer counts.
    User.objects.filter(
        inactief_gewaarschuwd_op__isnull=False, last_login__gt=F("inactief_gewaarschuwd_op")
    ).update(inactief_gewaarschuwd_op=None)
    grens = nu - timedelta(days=settings.ACCOUNT_INACTIEF_NA_DAGEN)
    te_waarschuwen = _ambtsdragers().filter(
        inactief_gewaarschuwd_op__isnull=True, laatst_actief__lte=grens
    )
    gewaarschuwd = sum(
        _waarschuwen(pk, nu=nu) for pk in te_waarschuwen.values_list("pk", flat=True)
    )
    termijn = nu - timedelta(days=settings.ACCOUNT_INACTIEF_WAARSCHUWING_DAGEN)
    uit_te_schakelen = _ambtsdragers().filter(inactief_gewaarschuwd_op__lte=termijn)
    uitgeschakeld = sum(_uitschakelen(pk) for pk in uit_te_schakelen.values_list("pk", flat=True))
    return Uitkomst(gewaarschuwd=gewaarschuwd, uitgeschakeld=uitgeschakeld)


@transaction.atomic
def _waarschuwen(pk: int, *, nu: datetime) -> bool:
    user = _ambtsdragers().select_for_update(of=("self",)).filter(pk=pk).first()
    if user is None or user.inactief_gewaarschuwd_op is not None:
        return False
    user.inactief_gewaarschuwd_op = nu
    user.save(update_fields=["inactief_gewaarschuwd_op"])
    uiterlijk = nu + timedelta(days=settings.ACCOUNT_INACTIEF_WAARSCHUWING_DAGEN)
    bericht_klaarzetten(
        sleutel=f"inactief-{user.pk}-{int(user.laatst_actief.timestamp())}",
        aan=user.email,
        onderwerp=_("Log in om uw account te behouden"),
        tekst=render_to_string(
            "accounts/mail/inactief.txt",
            {"uiterlijk": lange_datum(uiterlijk), "site_url": settings.SITE_URL},
        ),
    )
    return True


@transaction.atomic
def _uitschakelen(pk: int) -> bool:
    user = User.objects.select_for_update().filter(pk=pk, is_active=True).first()
    if user is None or user.inactief_gewaarschuwd_op is None:
        return False
    if user.last_login and user.last_login > user.inactief_gewaarschuwd_op:
        return False  # logged in after the warning (between the query and the lock)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return True
