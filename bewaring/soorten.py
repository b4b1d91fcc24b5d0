"""The record-kind registry: per kind, what is past its period and how it is destroyed.

Each `RecordSoort` answers two questions for the destruction services:
- `kandidaten(termijn, nu)`: a queryset of the records whose period ended at `nu` and that
  are not under a legal hold, as rows `(pk, omschrijving, ingangsdatum)`;
- `vernietigen(ids)`: delete those records with everything that belongs to them (inside the
  caller's transaction) and return the private file names to wipe after commit.

The purge re-checks `kandidaten` for the ids it is about to delete, so a hold placed or a
draft changed after the list was approved still wins. Adding a kind is one `Soort` choice,
one schedule row (data migration), its event in `constants.INGANGEN` and one entry in
`SOORTEN`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from aanvragen.brieven.models import Brief, Verzending
from aanvragen.constants import AanvraagStatus
from aanvragen.models import (
    Aanvraag,
    AanvullingBestand,
    Aanvulverzoek,
    Besluit,
    Betaalbatch,
    BetaalbatchRegel,
    Betaling,
    Bewijsstuk,
    Bezwaar,
    BezwaarBestand,
    Kostenpost,
    KostenpostBeoordeling,
    StatusWijziging,
    Voornemen,
)
from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.audit.models import Inzage
from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.core.db import append_only_vernietigen_toestaan
from gegevens.models import GegevensExport
from meldingen.constants import MeldingStatus
from meldingen.models import Aanvulling, Bijlage, Melding, MeldingHistorie
from ondersteuning import models as ondersteuning
from ondersteuning.constants import VerzoekStatus

from .constants import ItemStatus, Soort
from .models import Bewaarplicht, Bewaartermijn, Vernietigingsitem, Vernietigingslijst

# An exemption keeps a record off new lists for this long; then it is reviewed again.
UITZONDERING_DAGEN = 365

AFGESLOTEN_ZAAK = [AanvraagStatus.AFGESLOTEN, AanvraagStatus.INGETROKKEN]
AFGERONDE_MELDING = [MeldingStatus.AFGEHANDELD, MeldingStatus.INGETROKKEN]


@dataclass(frozen=True)
class RecordSoort:
    soort: Soort
    # Records past their period and not held, annotated with `ingang` (the event's moment).
    kandidaten: Callable[[Bewaartermijn, datetime], QuerySet]
    # The neutral label on the list: a case reference or "<kind> <id>".
    omschrijving: object
    # Delete the records (inside the caller's transaction); return (record id, file name).
    vernietigen: Callable[[list[int]], list[tuple[int, str]]]

    def te_vermelden(self, termijn: Bewaartermijn, nu: datetime) -> QuerySet:
        """Rows (pk, omschrijving, ingang) for a new list: not on an open list, not exempted."""
        return (
            self.kandidaten(termijn, nu)
            .exclude(_al_op_een_lijst(self.soort, nu))
            .annotate(omschrijving_=self.omschrijving)
            .order_by("pk")
            .values_list("pk", "omschrijving_", "ingang")
        )


def _al_op_een_lijst(soort: Soort, nu: datetime) -> Exists:
    """Already waiting on an open list, or recently exempted: not listed again."""
    return Exists(
        Vernietigingsitem.objects.filter(soort=soort, object_id=OuterRef("pk")).filter(
            Q(status=ItemStatus.TE_VERNIETIGEN, lijst__voltooid_op__isnull=True)
            | Q(
                status=ItemStatus.UITGEZONDERD,
                uitgezonderd_op__gt=nu - timedelta(days=UITZONDERING_DAGEN),
            )
        )
    )


def _label(tekst: str):
    return Concat(Value(tekst), Cast("pk", CharField()), output_field=CharField())


def _logboek_wissen(model, ids: list[int]) -> None:
    """Delete the model history (django-auditlog) of destroyed objects: it holds their data."""
    ct = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=ct, object_id__in=ids).delete()
    LogEntry.objects.filter(content_type=ct, object_pk__in=[str(i) for i in ids]).delete()


def _namen(qs: QuerySet, eigenaar: str, veld: str = "bestand") -> list[tuple[int, str]]:
    """(record id, file name) of the files in `qs`; `eigenaar` leads to the record's id."""
    return [(pk, naam) for pk, naam in qs.values_list(eigenaar, veld) if naam]


# -- meldingen -----------------------------------------------------------------------------


def _actieve_hold(**zaak) -> Exists:
    return Exists(Bewaarplicht.objects.filter(opgeheven_op__isnull=True, **zaak))


def _meldingen(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    afgerond = (
        MeldingHistorie.objects.filter(melding=OuterRef("pk"), naar_status__in=AFGERONDE_MELDING)
        .order_by("-op")
        .values("op")[:1]
    )
    gekoppeld = Aanvraag.meldingen.through.objects.filter(melding_id=OuterRef("pk"))
    return (
        Melding.objects.filter(status__in=AFGERONDE_MELDING)
        # A melding linked to a claim is part of that case file: kept while the claim is.
        .exclude(Exists(gekoppeld))
        .exclude(_actieve_hold(melding=OuterRef("pk")))
        .annotate(ingang=Subquery(afgerond))
        .filter(ingang__lt=termijn.grens(nu))
    )


def _concept_meldingen(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    qs = Melding.objects.filter(status=MeldingStatus.CONCEPT, gewijzigd_op__lt=termijn.grens(nu))
    return qs.annotate(ingang=F("gewijzigd_op"))


def meldingen_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    """Delete meldingen with their attachments, additions and history."""
    append_only_vernietigen_toestaan()
    bijlagen = Bijlage.objects.filter(melding_id__in=ids)
    namen = _namen(bijlagen, "melding_id")
    bijlagen.delete()
    Aanvulling.objects.filter(melding_id__in=ids).delete()
    MeldingHistorie.objects.filter(melding_id__in=ids).delete()
    Aanvraag.meldingen.through.objects.filter(melding_id__in=ids).delete()
    Bewaarplicht.objects.filter(melding_id__in=ids).delete()
    Melding.objects.filter(pk__in=ids).delete()
    _logboek_wissen(Melding, ids)
    return namen


# -- aanvragen -----------------------------------------------------------------------------


def _aanvragen(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    afgesloten = (
        StatusWijziging.objects.filter(aanvraag=OuterRef("pk"), naar__in=AFGESLOTEN_ZAAK)
        .order_by("-op")
        .values("op")[:1]
    )
    vandaag = timezone.localdate(nu)
    bezwaartermijn_loopt = Besluit.objects.filter(
        aanvraag=OuterRef("pk"), bezwaartermijn_einde__gte=vandaag
    )
    # A claim under objection has status bezwaar, so it is not in AFGESLOTEN_ZAAK.
    qs = (
        Aanvraag.objects.filter(status__in=AFGESLOTEN_ZAAK)
        .exclude(_actieve_hold(aanvraag=OuterRef("pk")))
        .exclude(Exists(bezwaartermijn_loopt))
    )
    betaling = Bewaartermijn.objects.filter(soort=Soort.BETALING).first()
    if betaling is not None:
        # Payments are financial records: the claim stays until their own period is over.
        recent = Betaling.objects.filter(
            besluit__aanvraag=OuterRef("pk"), betaald_op__gte=betaling.grens(nu).date()
        )
        qs = qs.exclude(Exists(recent))
    return qs.annotate(ingang=Subquery(afgesloten)).filter(ingang__lt=termijn.grens(nu))


def _concept_aanvragen(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    return Aanvraag.objects.filter(
        status=AanvraagStatus.CONCEPT, gewijzigd_op__lt=termijn.grens(nu)
    ).annotate(ingang=F("gewijzigd_op"))


def aanvragen_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    """Delete claims with cost lines, evidence, requests, decisions, payments and letters.

    Children first: every foreign key into a claim protects it (PROTECT), so a forgotten
    kind of child makes the whole batch fail instead of leaving an orphan.
    """
    append_only_vernietigen_toestaan()
    brieven = Brief.objects.filter(aanvraag_id__in=ids)
    bewijs = Bewijsstuk.objects.filter(kostenpost__aanvraag_id__in=ids)
    aanvulling = AanvullingBestand.objects.filter(aanvulverzoek__aanvraag_id__in=ids)
    bij_bezwaar = BezwaarBestand.objects.filter(bezwaar__besluit__aanvraag_id__in=ids)
    namen = (
        _namen(brieven, "aanvraag_id")
        + _namen(bewijs, "kostenpost__aanvraag_id")
        + _namen(aanvulling, "aanvulverzoek__aanvraag_id")
        + _namen(bij_bezwaar, "bezwaar__besluit__aanvraag_id")
    )
    besluit_ids = list(Besluit.objects.filter(aanvraag_id__in=ids).values_list("pk", flat=True))
    beoordeling_ids = list(
        KostenpostBeoordeling.objects.filter(kostenpost__aanvraag_id__in=ids).values_list(
            "pk", flat=True
        )
    )
    betaling_ids = list(
        Betaling.objects.filter(besluit_id__in=besluit_ids).values_list("pk", flat=True)
    )
    Verzending.objects.filter(brief__aanvraag_id__in=ids).delete()
    brieven.delete()
    _batchregels_vernietigen(besluit_ids)
    Betaling.objects.filter(pk__in=betaling_ids).delete()
    bij_bezwaar.delete()
    Bezwaar.objects.filter(besluit_id__in=besluit_ids).delete()
    Besluit.objects.filter(pk__in=besluit_ids).update(vervangt=None)
    Besluit.objects.filter(pk__in=besluit_ids).delete()
    KostenpostBeoordeling.objects.filter(pk__in=beoordeling_ids).delete()
    bewijs.delete()
    Kostenpost.objects.filter(aanvraag_id__in=ids).delete()
    aanvulling.delete()
    Aanvulverzoek.objects.filter(aanvraag_id__in=ids).delete()
    Voornemen.objects.filter(aanvraag_id__in=ids).delete()
    StatusWijziging.objects.filter(aanvraag_id__in=ids).delete()
    Bewaarplicht.objects.filter(aanvraag_id__in=ids).delete()
    Aanvraag.meldingen.through.objects.filter(aanvraag_id__in=ids).delete()
    Aanvraag.objects.filter(pk__in=ids).delete()
    _logboek_wissen(Aanvraag, ids)
    _logboek_wissen(Besluit, besluit_ids)
    _logboek_wissen(Betaling, betaling_ids)
    _logboek_wissen(KostenpostBeoordeling, beoordeling_ids)
    return namen


def _batchregels_vernietigen(besluit_ids: list[int]) -> None:
    """Delete the claims' payment-batch rows, and the names and IBANs in their batches' files.

    A batch's stored SEPA file holds every payee of the batch, so it is emptied as soon as
    one of them is destroyed (the batch is years old by then: claims are kept ten years
    after payment); the remaining rows and the totals stay for the other claims. A batch
    left without rows goes.
    """
    regels = BetaalbatchRegel.objects.filter(besluit_id__in=besluit_ids)
    batch_ids = set(regels.values_list("batch_id", flat=True))
    regels.delete()
    Betaalbatch.objects.filter(pk__in=batch_ids).update(pain001="")
    Betaalbatch.objects.filter(pk__in=batch_ids, regels__isnull=True).delete()


# -- support requests --------------------------------------------------------------------

AFGERONDE_VERZOEKEN = [VerzoekStatus.AFGEROND, VerzoekStatus.AFGEWEZEN]


def _verzoeken(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    afgerond = (
        ondersteuning.VerzoekHistorie.objects.filter(
            verzoek=OuterRef("pk"), naar_status__in=AFGERONDE_VERZOEKEN
        )
        .order_by("-op")
        .values("op")[:1]
    )
    return (
        ondersteuning.Ondersteuningsverzoek.objects.filter(status__in=AFGERONDE_VERZOEKEN)
        .annotate(ingang=Subquery(afgerond))
        .filter(ingang__lt=termijn.grens(nu))
    )


def verzoeken_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    """Delete support requests with attachments, additions, activities, contacts and history."""
    append_only_vernietigen_toestaan()
    bijlagen = ondersteuning.Bijlage.objects.filter(verzoek_id__in=ids)
    namen = _namen(bijlagen, "verzoek_id")
    bijlagen.delete()
    ondersteuning.Aanvulling.objects.filter(verzoek_id__in=ids).delete()
    ondersteuning.Activiteit.objects.filter(verzoek_id__in=ids).delete()
    ondersteuning.VerzoekHistorie.objects.filter(verzoek_id__in=ids).delete()
    # Contact persons and the team assignment (many-to-many rows) go with the request.
    ondersteuning.Ondersteuningsverzoek.objects.filter(pk__in=ids).delete()
    _logboek_wissen(ondersteuning.Ondersteuningsverzoek, ids)
    return namen


# -- logs, outbox, accounts, reports -------------------------------------------------------


def _berichten(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    qs = Bericht.objects.filter(aangemaakt_op__lt=termijn.grens(nu))
    return qs.annotate(ingang=F("aangemaakt_op"))


def berichten_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    Bericht.objects.filter(pk__in=ids).delete()
    return []


def _inzages(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    return Inzage.objects.filter(tijdstip__lt=termijn.grens(nu)).annotate(ingang=F("tijdstip"))


def inzages_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    append_only_vernietigen_toestaan()
    Inzage.objects.filter(pk__in=ids).delete()
    return []


def _accounts(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    user = get_user_model()
    return (
        user.objects.filter(
            rol=Rol.AMBTSDRAGER, in_functie_tot__lt=termijn.grens(nu).date(), is_staff=False
        )
        # Kept while any record of theirs is: the account goes after the last case.
        .exclude(Exists(Melding.objects.filter(eigenaar=OuterRef("pk"))))
        .exclude(Exists(Aanvraag.objects.filter(aanvrager=OuterRef("pk"))))
        .annotate(ingang=Cast("in_functie_tot", output_field=DateTimeField()))
    )


def accounts_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    """Delete accounts (and their data exports); a still referenced account raises."""
    user = get_user_model()
    exports = GegevensExport.objects.filter(eigenaar_id__in=ids)
    namen = _namen(exports, "eigenaar_id")
    exports.delete()
    user.objects.filter(pk__in=ids).delete()
    _logboek_wissen(user, ids)
    return namen


def _verslagen(termijn: Bewaartermijn, nu: datetime) -> QuerySet:
    qs = Vernietigingslijst.objects.filter(voltooid_op__lt=termijn.grens(nu))
    return qs.annotate(ingang=F("voltooid_op"))


def verslagen_vernietigen(ids: list[int]) -> list[tuple[int, str]]:
    lijsten = Vernietigingslijst.objects.filter(pk__in=ids)
    namen = _namen(lijsten, "pk", "verslag_pdf") + _namen(lijsten, "pk", "verslag_csv")
    lijsten.delete()
    return namen


SOORTEN: dict[str, RecordSoort] = {
    r.soort: r
    for r in [
        RecordSoort(Soort.MELDING, _meldingen, F("referentie"), meldingen_vernietigen),
        RecordSoort(Soort.AANVRAAG, _aanvragen, F("kenmerk"), aanvragen_vernietigen),
        RecordSoort(
            Soort.CONCEPT_MELDING,
            _concept_meldingen,
            _label("concept-melding "),
            meldingen_vernietigen,
        ),
        RecordSoort(
            Soort.CONCEPT_AANVRAAG,
            _concept_aanvragen,
            _label("concept-aanvraag "),
            aanvragen_vernietigen,
        ),
        RecordSoort(Soort.BERICHT, _berichten, _label("bericht "), berichten_vernietigen),
        RecordSoort(Soort.INZAGE, _inzages, _label("inzage "), inzages_vernietigen),
        RecordSoort(Soort.ACCOUNT, _accounts, _label("account "), accounts_vernietigen),
        RecordSoort(Soort.ONDERSTEUNINGSVERZOEK, _verzoeken, F("kenmerk"), verzoeken_vernietigen),
        RecordSoort(
            Soort.VERNIETIGINGSVERSLAG,
            _verslagen,
            _label("vernietigingslijst "),
            verslagen_vernietigen,
        ),
    ]
}
# Payments have a schedule row (their fiscal period) but no entry here: they hold a claim
# back (see `_aanvragen`) and go with it.
