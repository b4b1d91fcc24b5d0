"""The daily e-mail to each assessor listing their cases whose decision deadline is near."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.opmaak.formaat import lange_datum

from ...models import Aanvraag
from .. import selectors


def deadline_overzicht_versturen(*, vandaag: date | None = None) -> int:
    """Queue one e-mail per assessor listing kenmerken of their cases due within 7 days or late.

    Kenmerken and dates only: no names or content. Each mail has the outbox key
    `deadline-overzicht:<user id>:<date>`, so a second run the same day queues nothing.
    Returns the number of assessors with cases listed.
    """
    from django.contrib.auth import get_user_model

    vandaag = vandaag or timezone.localdate()
    beoordelaars = get_user_model().objects.filter(is_active=True, rol__in=BEOORDELAAR_ROLLEN)
    aantal = 0
    for beoordelaar in beoordelaars.order_by("pk"):
        aanvragen = list(selectors.deadline_aandacht(behandelaar=beoordelaar, vandaag=vandaag))
        if not aanvragen:
            continue
        with transaction.atomic():
            bericht_klaarzetten(
                sleutel=f"deadline-overzicht:{beoordelaar.pk}:{vandaag.isoformat()}",
                aan=beoordelaar.email,
                onderwerp=_("Beslistermijnen: %(aantal)s aanvragen vragen aandacht")
                % {"aantal": len(aanvragen)},
                tekst=_deadline_tekst(aanvragen, vandaag),
            )
        aantal += 1
    return aantal


def _deadline_tekst(aanvragen: list[Aanvraag], vandaag: date) -> str:
    te_laat = [a for a in aanvragen if a.beslistermijn_einde < vandaag]
    binnenkort = [a for a in aanvragen if a.beslistermijn_einde >= vandaag]
    regels = [_("Overzicht van %(datum)s.") % {"datum": lange_datum(vandaag)}, ""]
    for titel, groep in (
        (_("Beslistermijn verstreken:"), te_laat),
        (_("Beslistermijn verstrijkt binnen 7 dagen:"), binnenkort),
    ):
        if groep:
            regels.append(titel)
            regels += [
                f"- {a.kenmerk}: {_('uiterlijk')} {a.beslistermijn_einde:%d-%m-%Y}" for a in groep
            ]
            regels.append("")
    regels.append(_("Open de werkvoorraad in de backoffice voor de details."))
    return "\n".join(regels)
