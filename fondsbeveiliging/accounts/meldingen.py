"""E-mail notices of security changes to a person's own account, through the outbox.

A changed password, a new authenticator app or two-factor switched off is told to the
account's address, so that someone who did not do it can react. The text names the change
and when, nothing else.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.opmaak.formaat import datum_tijd

WIJZIGINGEN = {
    "wachtwoord": gettext_lazy("Uw wachtwoord is gewijzigd."),
    "app_gekoppeld": gettext_lazy("Er is een nieuwe app voor inlogcodes aan uw account gekoppeld."),
    "tweestaps_uit": gettext_lazy("De tweestapsverificatie van uw account is uitgezet."),
}


def beveiligingswijziging_melden(*, user, wijziging: str, sleutel: str) -> None:
    """Queue one notice per event (`sleutel` makes it exactly once)."""
    tekst = _(
        "%(wijziging)s (%(moment)s)\n\n"
        "Heeft u dit zelf gedaan? Dan hoeft u niets te doen.\n"
        "Heeft u dit niet zelf gedaan? Kies dan direct een nieuw wachtwoord via "
        "%(url)s/wachtwoord-vergeten/ en neem contact op met het team van het fonds."
    ) % {
        "wijziging": WIJZIGINGEN[wijziging],
        "moment": datum_tijd(timezone.now()),
        "url": settings.SITE_URL,
    }
    bericht_klaarzetten(
        sleutel=f"beveiliging-{wijziging}-{user.pk}-{sleutel}",
        aan=user.email,
        onderwerp=_("Wijziging in de beveiliging van uw account"),
        tekst=tekst,
    )
