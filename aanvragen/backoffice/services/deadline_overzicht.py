"""The daily e-mail to each assessor: near decision deadlines and what else waits for them.

It folds in the "Voor mij" items (drafts to approve, answers, views, objections and notices
of default on their cases) as counts only, with a link; the deadlines keep their kenmerken.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN
from fondsbeveiliging.berichten.services import bericht_klaarzetten
from fondsbeveiliging.opmaak.formaat import lange_datum

from ...models import Aanvraag
from .. import selectors


def deadline_overzicht_versturen(*, vandaag: date | None = None) -> int:
    """Queue one e-mail per assessor listing kenmerken of their cases due within 7 days or late.

    Kenmerken and dates only: no names or content. The other "Voor mij" items are counted;
    an assessor with nothing at all gets no mail. Each mail has the outbox key
    `deadline-overzicht:<user id>:<date>`, so a second run the same day queues nothing.
    Returns the number of assessors with cases listed.
    """
    from django.contrib.auth import get_user_model

    vandaag = vandaag or timezone.localdate()
    beoordelaars = get_user_model().objects.filter(is_active=True, rol__in=BEOORDELAAR_ROLLEN)
    aantal = 0
    for beoordelaar in beoordelaars.order_by("pk"):
        voor_mij = selectors.voor_mij(user=beoordelaar, vandaag=vandaag)
        if not voor_mij.aantal:
            continue
        with transaction.atomic():
            bericht_klaarzetten(
                sleutel=f"deadline-overzicht:{beoordelaar.pk}:{vandaag.isoformat()}",
                aan=beoordelaar.email,
                onderwerp=_("Backoffice: %(aantal)s punten wachten op u")
                % {"aantal": voor_mij.aantal},
                tekst=_deadline_tekst(voor_mij, vandaag),
            )
        aantal += 1
    return aantal


def _deadline_tekst(voor_mij: selectors.VoorMij, vandaag: date) -> str:
    aanvragen: list[Aanvraag] = voor_mij.termijnen
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
    regels += _wacht_op_u(voor_mij)
    regels.append(_("Open 'Voor mij' in de backoffice voor de details:"))
    regels.append(settings.SITE_URL + reverse("admin:aanvragen_aanvraag_voor_mij"))
    return "\n".join(regels)


def _wacht_op_u(voor_mij: selectors.VoorMij) -> list[str]:
    regels = []
    if voor_mij.concepten:
        regels.append(
            _("Conceptbesluiten die wachten op uw goedkeuring: %(aantal)s")
            % {"aantal": len(voor_mij.concepten)}
        )
    if voor_mij.reacties:
        regels.append(
            _("Uw zaken met een aanvulling, zienswijze, bezwaar of ingebrekestelling: %(aantal)s")
            % {"aantal": len(voor_mij.reacties)}
        )
    return [*regels, ""] if regels else []
