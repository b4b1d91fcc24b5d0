"""Registration of office holders: a request confirmed by their municipality, or an invitation.

The public request answers the same for every address: it always stores an unverified
request and always sends one e-mail (a verification link to a new address, a "you already
have an account" notice to a known one), so status, text and time tell nothing. Mails that
carry a link token are sent directly, like the password reset (the outbox is readable in
the admin); every other mail goes through the outbox. Subjects and sender name are neutral:
nothing in them says that the person is threatened.

Staff roles are never created here: every account made by this module is an ambtsdrager.
"""

import hashlib
import secrets
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from fondsbeveiliging.berichten.services import bericht_klaarzetten

from .ambten import ambt_toevoegen
from .constants import Ambtstype, Rol
from .models import RegistratieBron, RegistratieStatus, Registratieverzoek, User
from .services import rol_toewijzen

# Offices of a municipality: the only ones a municipality can confirm.
GEMEENTELIJKE_AMBTEN = (Ambtstype.BURGEMEESTER, Ambtstype.WETHOUDER, Ambtstype.RAADSLID)
VERIFICATIE_GELDIG = timedelta(hours=24)
UITNODIGING_GELDIG = timedelta(days=7)
ONBEVESTIGD_BEWAREN = timedelta(days=7)


class RegistratieFout(Exception):
    """A step the rules refuse; the message is shown as it is."""


def afzender() -> str:
    """A sender name that says nothing about the fund or threats."""
    return getattr(
        settings, "REGISTRATIE_AFZENDER", f"Ministerie van BZK <{settings.DEFAULT_FROM_EMAIL}>"
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _nieuw_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def mail_direct(*, aan: str, sjabloon: str, context: dict) -> None:
    """Send a mail with a link token while the person waits (never stored in the outbox)."""
    context = {"site_url": settings.SITE_URL, **context}
    onderwerp = render_to_string(f"accounts/mail/{sjabloon}_onderwerp.txt", context).strip()
    tekst = render_to_string(f"accounts/mail/{sjabloon}.txt", context)
    send_mail(onderwerp, tekst, afzender(), [aan])


@transaction.atomic
def registratie_aanvragen(
    *,
    voornaam: str,
    achternaam: str,
    email: str,
    ambtstype: str,
    gemeente,
    in_functie_sinds: date,
) -> None:
    """Store an unverified request and mail the address; the same work for every address.

    A known address gets a notice that it has an account already (with the way to a new
    password) instead of a link; an unknown one gets the verification link.
    """
    email = User.objects.normalize_email(email).strip()
    token, digest = _nieuw_token()
    # Unverified requests are kept a week, then go (name and address of someone who may
    # never have asked): cleaned here, on every request alike.
    Registratieverzoek.objects.filter(
        status=RegistratieStatus.ONBEVESTIGD, aangemaakt_op__lt=timezone.now() - ONBEVESTIGD_BEWAREN
    ).delete()
    Registratieverzoek.objects.create(
        voornaam=voornaam,
        achternaam=achternaam,
        email=email,
        ambtstype=ambtstype,
        gemeente=gemeente,
        in_functie_sinds=in_functie_sinds,
        token_hash=digest,
        token_verloopt_op=timezone.now() + VERIFICATIE_GELDIG,
    )
    bekend = User.objects.filter(email__iexact=email).exists()
    link = settings.SITE_URL + reverse("accounts:registratie_bevestigen", args=[token])
    sjabloon = "registratie_bestaand" if bekend else "registratie_verifieren"
    mail_direct(aan=email, sjabloon=sjabloon, context={"link": link})


def _verzoek_bij_token(token: str, *, bron: str) -> Registratieverzoek | None:
    if not token or len(token) > 100:
        return None
    return (
        Registratieverzoek.objects.select_for_update()
        .filter(token_hash=token_hash(token), bron=bron)
        .first()
    )


def token_controleren(verzoek: Registratieverzoek | None) -> str | None:
    """Why a link can no longer be used (a Dutch message), or None when it can."""
    if verzoek is None:
        return _(
            "Deze link is niet geldig. Controleer of u de hele link uit de e-mail heeft gebruikt."
        )
    if verzoek.token_gebruikt_op is not None:
        if verzoek.bron == RegistratieBron.UITNODIGING:
            return _(
                "Deze uitnodiging is al gebruikt. Heeft u nog geen wachtwoord ingesteld? "
                "Kies dan 'Wachtwoord vergeten' op de inlogpagina."
            )
        return _("Uw e-mailadres is al bevestigd. U hoeft niets meer te doen.")
    if verzoek.token_verloopt_op is None or verzoek.token_verloopt_op <= timezone.now():
        if verzoek.bron == RegistratieBron.UITNODIGING:
            return _(
                "Deze uitnodiging is verlopen: een uitnodiging is 7 dagen geldig. "
                "Vraag uw gemeente om een nieuwe uitnodiging."
            )
        return _("Deze link is verlopen: een link is 24 uur geldig. Vraag opnieuw een account aan.")
    return None


def verzoek_bij_token(token: str, *, bron: str) -> tuple[Registratieverzoek | None, str | None]:
    """The request a link belongs to and the reason it cannot be used (read only)."""
    verzoek = None
    if token and len(token) <= 100:
        verzoek = Registratieverzoek.objects.filter(token_hash=token_hash(token), bron=bron).first()
    return verzoek, token_controleren(verzoek)


@transaction.atomic
def email_bevestigen(*, token: str) -> Registratieverzoek:
    """The address is verified: the request goes to its municipality (or to BZK).

    A link of an address that has an account by now confirms nothing (the row stays
    unverified); the answer is the same, so the page tells nothing either.
    """
    verzoek = _verzoek_bij_token(token, bron=RegistratieBron.AANVRAAG)
    fout = token_controleren(verzoek)
    if fout:
        raise RegistratieFout(fout)
    verzoek.token_gebruikt_op = timezone.now()
    if User.objects.filter(email__iexact=verzoek.email).exists():
        verzoek.save(update_fields=["token_gebruikt_op"])
        return verzoek
    verzoek.status = RegistratieStatus.WACHTEND
    verzoek.email_bevestigd_op = verzoek.token_gebruikt_op
    verzoek.save(update_fields=["status", "email_bevestigd_op", "token_gebruikt_op"])
    _beoordelaars_melden(verzoek)
    return verzoek


def heeft_gemeente_medewerker(gemeente) -> bool:
    return User.objects.filter(
        rol=Rol.GEMEENTE_MEDEWERKER, gemeente=gemeente, is_active=True
    ).exists()


def _beoordelaars_melden(verzoek: Registratieverzoek) -> None:
    """Tell the municipality's employees (or, without any, BZK's beheerders): no names."""
    ontvangers = User.objects.filter(
        rol=Rol.GEMEENTE_MEDEWERKER, gemeente=verzoek.gemeente, is_active=True
    )
    if not ontvangers.exists():
        ontvangers = User.objects.filter(rol=Rol.FUNCTIONEEL_BEHEERDER, is_active=True)
    tekst = _(
        "Er wacht een aanvraag voor een account op uw bevestiging. Log in en bekijk de "
        "aanvragen: %(url)s"
    ) % {"url": settings.SITE_URL + reverse("accounts:registraties")}
    for ontvanger in ontvangers.only("pk", "email"):
        bericht_klaarzetten(
            sleutel=f"registratie-{verzoek.pk}-wachtend-{ontvanger.pk}",
            aan=ontvanger.email,
            onderwerp=_("Een aanvraag wacht op uw bevestiging"),
            tekst=tekst,
        )


def is_beoordelaar_van(user: User, verzoek: Registratieverzoek) -> bool:
    """The municipality's employee; BZK's beheerder where the municipality has none."""
    if not user.is_active:
        return False
    if user.rol == Rol.GEMEENTE_MEDEWERKER:
        return user.gemeente_id == verzoek.gemeente_id
    if user.rol == Rol.FUNCTIONEEL_BEHEERDER:
        return not heeft_gemeente_medewerker(verzoek.gemeente)
    return False


def _lock_wachtend(door: User, verzoek: Registratieverzoek) -> Registratieverzoek:
    verzoek = Registratieverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if not is_beoordelaar_van(door, verzoek):
        raise RegistratieFout(_("U kunt deze aanvraag niet beoordelen."))
    if verzoek.status != RegistratieStatus.WACHTEND:
        raise RegistratieFout(_("Over deze aanvraag is al besloten."))
    return verzoek


def _account_maken(verzoek: Registratieverzoek) -> User:
    """An office holder's account without a password; never a staff role."""
    if User.objects.filter(email__iexact=verzoek.email).exists():
        raise RegistratieFout(_("Er bestaat al een account met dit e-mailadres."))
    user = User(
        email=verzoek.email,
        first_name=verzoek.voornaam,
        last_name=verzoek.achternaam,
        rol=Rol.AMBTSDRAGER,
        ambtstype=verzoek.ambtstype,
        gemeente=verzoek.gemeente,
        in_functie_sinds=verzoek.in_functie_sinds,
    )
    user.set_unusable_password()
    user.save()
    return rol_toewijzen(user=user, rol=Rol.AMBTSDRAGER)


@transaction.atomic
def registratie_bevestigen(*, door: User, verzoek: Registratieverzoek) -> User:
    """The municipality confirms the office: the account exists and gets a password link."""
    verzoek = _lock_wachtend(door, verzoek)
    user = _account_maken(verzoek)
    verzoek.status = RegistratieStatus.BEVESTIGD
    verzoek.beoordeeld_door = door
    verzoek.beoordeeld_op = timezone.now()
    verzoek.gebruiker = user
    verzoek.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "gebruiker"])
    transaction.on_commit(lambda: wachtwoordlink_sturen(user=user))
    return user


@transaction.atomic
def registratie_afwijzen(*, door: User, verzoek: Registratieverzoek, reden: str) -> None:
    """The municipality does not confirm the office; the person is told why (outbox)."""
    if not reden.strip():
        raise RegistratieFout(_("Geef een reden voor de afwijzing."))
    verzoek = _lock_wachtend(door, verzoek)
    verzoek.status = RegistratieStatus.AFGEWEZEN
    verzoek.beoordeeld_door = door
    verzoek.beoordeeld_op = timezone.now()
    verzoek.reden_afwijzing = reden.strip()
    verzoek.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "reden_afwijzing"])
    bericht_klaarzetten(
        sleutel=f"registratie-{verzoek.pk}-afgewezen",
        aan=verzoek.email,
        onderwerp=_("Uw aanvraag voor een account"),
        tekst=render_to_string(
            "accounts/mail/registratie_afgewezen.txt",
            {"verzoek": verzoek, "site_url": settings.SITE_URL},
        ),
    )


def wachtwoordlink_sturen(*, user: User) -> None:
    """Mail a new account the link to choose its first password (then it is logged in)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL + reverse("accounts:account_activeren", args=[uid, token])
    mail_direct(
        aan=user.email,
        sjabloon="account_activeren",
        context={"link": link, "domein": urlsplit(settings.SITE_URL).netloc},
    )


@transaction.atomic
def ambtsdrager_uitnodigen(
    *,
    door: User,
    voornaam: str,
    achternaam: str,
    email: str,
    ambtstype: str,
    in_functie_sinds: date,
) -> Registratieverzoek:
    """A municipal employee invites an office holder of their own municipality (7 days)."""
    if not door.has_rol(Rol.GEMEENTE_MEDEWERKER):
        raise RegistratieFout(_("Alleen een medewerker van de gemeente nodigt uit."))
    token, digest = _nieuw_token()
    nu = timezone.now()
    verzoek = Registratieverzoek.objects.create(
        bron=RegistratieBron.UITNODIGING,
        status=RegistratieStatus.UITGENODIGD,
        voornaam=voornaam,
        achternaam=achternaam,
        email=User.objects.normalize_email(email).strip(),
        ambtstype=ambtstype,
        gemeente_id=door.gemeente_id,
        in_functie_sinds=in_functie_sinds,
        token_hash=digest,
        token_verloopt_op=nu + UITNODIGING_GELDIG,
        beoordeeld_door=door,
        beoordeeld_op=nu,
    )
    link = settings.SITE_URL + reverse("accounts:uitnodiging", args=[token])
    transaction.on_commit(
        lambda: mail_direct(aan=verzoek.email, sjabloon="uitnodiging", context={"link": link})
    )
    return verzoek


@transaction.atomic
def uitnodiging_aannemen(*, token: str) -> User | None:
    """Use the invitation once: a new account, or the office added to the address's existing
    office-holder account; None when the address belongs to another kind of account."""
    verzoek = _verzoek_bij_token(token, bron=RegistratieBron.UITNODIGING)
    fout = token_controleren(verzoek)
    if fout:
        raise RegistratieFout(fout)
    verzoek.token_gebruikt_op = timezone.now()
    bestaand = User.objects.filter(email__iexact=verzoek.email).first()
    if bestaand is not None and not (bestaand.is_ambtsdrager and bestaand.is_active):
        verzoek.save(update_fields=["token_gebruikt_op"])
        return None
    if bestaand is not None:
        # An office holder with an account takes up another office (raadslid and later
        # wethouder, or an office in a second municipality): the office is added to the
        # account the invitation's address belongs to; the person logs in as before.
        user = bestaand
        ambt_toevoegen(
            user,
            ambtstype=verzoek.ambtstype,
            gemeente_id=verzoek.gemeente_id,
            sinds=verzoek.in_functie_sinds,
        )
    else:
        user = _account_maken(verzoek)
    verzoek.status = RegistratieStatus.BEVESTIGD
    verzoek.email_bevestigd_op = verzoek.token_gebruikt_op
    verzoek.gebruiker = user
    verzoek.save(update_fields=["status", "token_gebruikt_op", "email_bevestigd_op", "gebruiker"])
    return user


def activeerlink_pad(user: User) -> str:
    """The path where a new account chooses its first password (a fresh token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "accounts:account_activeren", args=[uid, default_token_generator.make_token(user)]
    )
