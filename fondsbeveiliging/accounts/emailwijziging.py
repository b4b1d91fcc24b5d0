"""Changing the login e-mail address: the new address verifies before it takes effect.

The link carries a signed, time-limited token (TimestampSigner through django.core.signing)
naming the account, the new address and the address it replaces: once the change is made
the old address no longer matches, so a link works once. Applying the change tells the old
address (outbox) and ends every other session (the session hash covers the address, see
`User.get_session_auth_hash`).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.opmaak.formaat import datum_tijd

from .models import User
from .registratie import RegistratieFout, mail_direct

ZOUT = "fondsbeveiliging.accounts.emailwijziging"
GELDIG = timedelta(hours=24)


def email_wijziging_aanvragen(*, user: User, nieuw: str) -> None:
    """Mail a verification link to the new address; nothing changes until it is used.

    An address that already belongs to an account gets no mail (and the person is told
    the same as otherwise): the answer does not say which addresses have an account.
    """
    nieuw = User.objects.normalize_email(nieuw).strip()
    token = signing.dumps({"u": user.pk, "n": nieuw, "o": user.email}, salt=ZOUT, compress=True)
    if User.objects.filter(email__iexact=nieuw).exclude(pk=user.pk).exists():
        return
    link = settings.SITE_URL + reverse("gegevens:email_bevestigen", args=[token])
    mail_direct(aan=nieuw, sjabloon="email_wijzigen", context={"link": link})


def _lezen(token: str, user: User) -> dict:
    try:
        data = signing.loads(token, salt=ZOUT, max_age=GELDIG)
    except signing.SignatureExpired:
        raise RegistratieFout(
            _("Deze link is verlopen: een link is 24 uur geldig. Vraag de wijziging opnieuw aan.")
        ) from None
    except signing.BadSignature:
        raise RegistratieFout(_("Deze link is niet geldig.")) from None
    if data.get("u") != user.pk:
        raise RegistratieFout(_("Deze link hoort bij een ander account. Log in met dat account."))
    if data.get("o", "").lower() != user.email.lower():
        raise RegistratieFout(_("Deze link is al gebruikt of hoort bij een eerdere wijziging."))
    return data


def email_wijziging_lezen(*, user: User, token: str) -> str:
    """The new address of a valid link of this user (raises RegistratieFout otherwise)."""
    return _lezen(token, user)["n"]


@transaction.atomic
def email_wijzigen(*, user: User, token: str) -> User:
    """Apply a verified change; the old address gets a notice and other sessions end."""
    user = User.objects.select_for_update().get(pk=user.pk)
    nieuw = _lezen(token, user)["n"]
    if User.objects.filter(email__iexact=nieuw).exclude(pk=user.pk).exists():
        raise RegistratieFout(_("Dit e-mailadres kan niet voor uw account worden gebruikt."))
    oud = user.email
    user.email = nieuw
    user.save(update_fields=["email"])
    bericht_klaarzetten(
        sleutel=f"email-gewijzigd-{user.pk}-{int(timezone.now().timestamp() * 1000)}",
        aan=oud,
        onderwerp=_("Uw e-mailadres is gewijzigd"),
        tekst=_(
            "Het e-mailadres van uw account is gewijzigd (%(moment)s). Berichten gaan vanaf nu "
            "naar het nieuwe adres en u logt daarmee in.\n\n"
            "Heeft u dit zelf gedaan? Dan hoeft u niets te doen.\n"
            "Heeft u dit niet zelf gedaan? Neem dan direct contact op met fonds@bzk.example."
        )
        % {"moment": datum_tijd(timezone.now())},
    )
    return user
