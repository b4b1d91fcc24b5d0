"""Internal notices: tell a staff user by e-mail that something waits for them (issue 15).

Events and who is told:
- a draft decision waits for approval: every active teamleider except its drafter;
- an applicant answered a request for information, a view was recorded (or its term passed),
  an objection was lodged or registered (the status history rows to aangevuld, zienswijze
  ontvangen and bezwaar), or a view was given online (`Voornemen.zienswijze_ontvangen_op`):
  the case's assessor, unless they made that step themselves;
- a notice of default was registered, or the decision date (of the claim, or on a running
  objection: its 7:10 date) is within 7 days: the assessor.

Rules chosen where the issue is silent:
- The mail holds no case content, not even the kenmerk: only "er wacht iets op u" and a
  link to "Voor mij", which needs a 2FA login.
- Exactly once per event and recipient: the outbox key names both
  (`voor-mij:<event>:<id>:<user id>`). A draft is notified at once (a hook in
  `besluit_opstellen`); every event, including the applicant's online answer (whose service
  is on the applicant's side), is also found by `signaleringen_klaarzetten`, which beat runs
  every 5 minutes and which looks back `TERUGKIJKEN` so a stopped worker loses nothing.
- A case without an assessor tells nobody by mail; the teamleider sees it in the queue.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.services import bericht_klaarzetten

from ..constants import BESLISTERMIJN_LOOPT, BEZWAAR_LOOPT, BesluitStatus
from ..models import Aanvraag, Besluit, StatusWijziging, Voornemen
from .selectors import BINNENKORT_DAGEN, REACTIE_STATUSSEN, lopende_bezwaren

TERUGKIJKEN = timedelta(days=3)


@dataclass(frozen=True)
class Signaal:
    sleutel: str
    aan: str


def signaleringen_klaarzetten(*, vandaag: date | None = None) -> int:
    """Queue one notice per event and recipient not yet notified; return how many were new.

    Idempotent: the keys already in the outbox are skipped (one query), and
    `bericht_klaarzetten` refuses a second row per key should two runs overlap.
    """
    vandaag = vandaag or timezone.localdate()
    sinds = timezone.now() - TERUGKIJKEN
    signalen = [
        *_concept_signalen(Besluit.objects.filter(opgesteld_op__gte=sinds)),
        *_reactie_signalen(sinds),
        *_zienswijze_signalen(sinds),
        *_ingebrekestelling_signalen(vandaag),
        *_termijn_signalen(vandaag),
        *_bezwaartermijn_signalen(vandaag),
    ]
    bestaand = set(
        Bericht.objects.filter(sleutel__in=[s.sleutel for s in signalen]).values_list(
            "sleutel", flat=True
        )
    )
    nieuw = [s for s in signalen if s.sleutel not in bestaand]
    for signaal in nieuw:
        with transaction.atomic():
            _versturen(signaal)
    return len(nieuw)


def concept_signaleren(*, besluit_id: int) -> None:
    """Tell the teamleiders that a draft waits; call inside the drafting transaction."""
    for signaal in _concept_signalen(Besluit.objects.filter(pk=besluit_id)):
        _versturen(signaal)


def _versturen(signaal: Signaal) -> None:
    link = settings.SITE_URL + reverse("admin:aanvragen_aanvraag_voor_mij")
    bericht_klaarzetten(
        sleutel=signaal.sleutel,
        aan=signaal.aan,
        onderwerp=_("Er wacht iets op u in de backoffice"),
        tekst=_(
            "Er wacht iets op u in de backoffice van het fonds.\n\n"
            "Bekijk het in 'Voor mij' (inloggen met tweestapsverificatie):\n%(link)s\n"
        )
        % {"link": link},
    )


def _teamleiders():
    return list(
        get_user_model()
        .objects.filter(is_active=True, rol=Rol.TWEEDE_BEOORDELAAR)
        .exclude(email="")
        .only("pk", "email")
    )


def _concept_signalen(besluiten) -> list[Signaal]:
    concepten = list(besluiten.filter(status=BesluitStatus.CONCEPT).only("pk", "opgesteld_door_id"))
    if not concepten:
        return []
    teamleiders = _teamleiders()
    return [
        Signaal(f"voor-mij:concept:{besluit.pk}:{tl.pk}", tl.email)
        for besluit in concepten
        for tl in teamleiders
        if tl.pk != besluit.opgesteld_door_id
    ]


def _reactie_signalen(sinds) -> list[Signaal]:
    wijzigingen = (
        StatusWijziging.objects.filter(op__gte=sinds, naar__in=REACTIE_STATUSSEN)
        .filter(aanvraag__behandelaar__is_active=True)
        .select_related("aanvraag__behandelaar")
    )
    return [
        Signaal(f"voor-mij:status:{w.pk}:{w.aanvraag.behandelaar.pk}", w.aanvraag.behandelaar.email)
        for w in wijzigingen
        if w.door_id != w.aanvraag.behandelaar.pk
    ]


def _zienswijze_signalen(sinds) -> list[Signaal]:
    # A view given online changes no status (the assessor records it afterwards).
    voornemens = Voornemen.objects.filter(
        zienswijze_ontvangen_op__gte=sinds, aanvraag__behandelaar__is_active=True
    ).select_related("aanvraag__behandelaar")
    return [
        Signaal(
            f"voor-mij:zienswijze:{v.pk}:{v.aanvraag.behandelaar.pk}", v.aanvraag.behandelaar.email
        )
        for v in voornemens
    ]


def _open_zaken_met_behandelaar():
    return Aanvraag.objects.filter(
        status__in=BESLISTERMIJN_LOOPT, behandelaar__is_active=True
    ).select_related("behandelaar")


def _ingebrekestelling_signalen(vandaag: date) -> list[Signaal]:
    zaken = _open_zaken_met_behandelaar().filter(ingebrekestelling_op__gte=vandaag - TERUGKIJKEN)
    return [
        Signaal(
            f"voor-mij:ingebrekestelling:{a.pk}:{a.ingebrekestelling_op.isoformat()}:"
            f"{a.behandelaar_id}",
            a.behandelaar.email,
        )
        for a in zaken
    ]


def _termijn_signalen(vandaag: date) -> list[Signaal]:
    # Once per decision date: a postponement (new date) that again comes near is told again.
    zaken = _open_zaken_met_behandelaar().filter(
        beslistermijn_einde__gte=vandaag,
        beslistermijn_einde__lte=vandaag + timedelta(days=BINNENKORT_DAGEN),
    )
    return [
        Signaal(
            f"voor-mij:termijn:{a.pk}:{a.beslistermijn_einde.isoformat()}:{a.behandelaar_id}",
            a.behandelaar.email,
        )
        for a in zaken
    ]


def _bezwaartermijn_signalen(vandaag: date) -> list[Signaal]:
    # Once per objection and decision date, as for a claim: a postponement is told again.
    bezwaren = (
        lopende_bezwaren()
        .filter(
            besluit__aanvraag__status__in=BEZWAAR_LOOPT,
            besluit__aanvraag__behandelaar__is_active=True,
            beslistermijn_einde__gte=vandaag,
            beslistermijn_einde__lte=vandaag + timedelta(days=BINNENKORT_DAGEN),
        )
        .select_related("besluit__aanvraag__behandelaar")
    )
    return [
        Signaal(
            f"voor-mij:bezwaartermijn:{b.pk}:{b.beslistermijn_einde.isoformat()}:"
            f"{b.besluit.aanvraag.behandelaar_id}",
            b.besluit.aanvraag.behandelaar.email,
        )
        for b in bezwaren
    ]
