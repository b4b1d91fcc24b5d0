"""Queries for the office holder's own data: the reads of their records and their exports.

Every query starts from the owner (`eigenaar`), so nobody else's records can come in.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast

from aanvragen.brieven.models import Brief
from aanvragen.models import Aanvraag, AanvullingBestand, Besluit, Bewijsstuk, BezwaarBestand
from aanvragen.selectors import aanvragen_van
from fondsbeveiliging.audit.models import Inzage
from meldingen.models import Melding
from meldingen.selectors import meldingen_van_eigenaar

from .models import GegevensExport

# The object types the views log for an office holder's records (audit.Inzage.object_type),
# with the field that names the record (reference or kenmerk) and, for files, the file name.
#   meldingen.Melding            melding viewed in the back office; attachment downloaded
#   aanvragen.Aanvraag           claim viewed in the back office
#   aanvragen.Bewijsstuk         evidence downloaded
#   aanvragen.AanvullingBestand  file sent with an answer downloaded
#   aanvragen.BezwaarBestand     file sent with an objection downloaded
#   aanvragen.Besluit            draft decision previewed
#   brieven.Brief                letter downloaded (by staff or by the municipality)
# Searches and the finance CSV are logged without an object and name nobody in particular.
REFERENTIE = {
    Melding: "referentie",
    Aanvraag: "kenmerk",
    Bewijsstuk: "kostenpost__aanvraag__kenmerk",
    AanvullingBestand: "aanvulverzoek__aanvraag__kenmerk",
    BezwaarBestand: "bezwaar__besluit__aanvraag__kenmerk",
    Besluit: "aanvraag__kenmerk",
    Brief: "aanvraag__kenmerk",
}
INZAGE_VELDEN = (
    "pk",
    "tijdstip",
    "actie",
    "soort",
    "referentie",
    "bestandsnaam",
    "brief_soort",
    "brief_ontvanger",
    "rol",
    "gemeente",
)


def _eigen_objecten(eigenaar) -> dict[type, QuerySet]:
    """The owner's records of each logged type, with their pk as text (like object_id)."""
    querysets = {
        Melding: Melding.objects.filter(eigenaar=eigenaar),
        Aanvraag: Aanvraag.objects.filter(aanvrager=eigenaar),
        Bewijsstuk: Bewijsstuk.objects.filter(kostenpost__aanvraag__aanvrager=eigenaar),
        AanvullingBestand: AanvullingBestand.objects.filter(
            aanvulverzoek__aanvraag__aanvrager=eigenaar
        ),
        BezwaarBestand: BezwaarBestand.objects.filter(
            bezwaar__besluit__aanvraag__aanvrager=eigenaar
        ),
        Besluit: Besluit.objects.filter(aanvraag__aanvrager=eigenaar),
        Brief: Brief.objects.filter(aanvraag__aanvrager=eigenaar),
    }
    return {
        model: qs.annotate(pk_tekst=Cast("pk", CharField())).order_by()
        for model, qs in querysets.items()
    }


def _per_soort(objecten, soorten, velden: dict[type, str]) -> Case:
    """One column filled from the logged record, per object type (a correlated subquery)."""
    return Case(
        *(
            When(
                object_type_id=soorten[model].pk,
                then=Subquery(
                    objecten[model].filter(pk_tekst=OuterRef("object_id")).values(veld)[:1]
                ),
            )
            for model, veld in velden.items()
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _eigen_sleutels(objecten, soorten) -> Q:
    """The owner's records as (object_type, object_id) pairs, read in one UNION query.

    Literal lists, not subqueries: PostgreSQL then reads the access log through its
    (object_type, object_id) index instead of scanning it whole.
    """
    delen = [
        qs.annotate(soort_id=Value(soorten[model].pk)).values_list("soort_id", "pk_tekst")
        for model, qs in objecten.items()
    ]
    ids: dict[int, list[str]] = {}
    for soort_id, pk_tekst in delen[0].union(*delen[1:], all=True):
        ids.setdefault(soort_id, []).append(pk_tekst)
    sleutels = Q(pk__in=[])
    for soort_id, lijst in ids.items():
        sleutels |= Q(object_type_id=soort_id, object_id__in=lijst)
    return sleutels


def inzagen_van(*, eigenaar) -> QuerySet:
    """Every logged read of the owner's records by someone else, newest first.

    Two queries whatever the number of rows (the owner's records, then the log), as dicts:
    when, what was done, what was read (type, reference, file name, letter kind and
    recipient), and the reader's role and municipality. Never the reader's name or e-mail:
    those columns are not selected at all. The owner's own downloads are left out (they are
    logged as every download is, but they are not someone else looking).
    """
    if not (eigenaar.is_authenticated and eigenaar.is_ambtsdrager):
        return Inzage.objects.none()
    objecten = _eigen_objecten(eigenaar)
    soorten = ContentType.objects.get_for_models(*objecten)
    soort = Case(
        *(
            When(object_type_id=ct.pk, then=Value(model._meta.label_lower))
            for model, ct in soorten.items()
        ),
        default=Value(""),
        output_field=CharField(),
    )
    return (
        Inzage.objects.filter(_eigen_sleutels(objecten, soorten))
        .exclude(gebruiker=eigenaar)
        .annotate(
            soort=soort,
            referentie=_per_soort(objecten, soorten, REFERENTIE),
            bestandsnaam=_per_soort(
                objecten,
                soorten,
                {
                    Bewijsstuk: "bestandsnaam",
                    AanvullingBestand: "bestandsnaam",
                    BezwaarBestand: "bestandsnaam",
                },
            ),
            brief_soort=_per_soort(objecten, soorten, {Brief: "soort"}),
            brief_ontvanger=_per_soort(objecten, soorten, {Brief: "ontvanger"}),
            rol=F("gebruiker__rol"),
            gemeente=F("gebruiker__gemeente__naam"),
        )
        .order_by("-tijdstip", "-pk")
        .values(*INZAGE_VELDEN)
    )


def exports_van(*, eigenaar) -> QuerySet[GegevensExport]:
    """The owner's export requests, newest first."""
    if not (eigenaar.is_authenticated and eigenaar.is_ambtsdrager):
        return GegevensExport.objects.none()
    return GegevensExport.objects.filter(eigenaar=eigenaar).order_by("-aangemaakt_op", "-pk")


def laatste_export(*, eigenaar) -> GegevensExport | None:
    return exports_van(eigenaar=eigenaar).first()


def meldingen_voor_export(*, eigenaar) -> QuerySet[Melding]:
    """The owner's meldingen (drafts too) with attachments, additions and history."""
    return (
        meldingen_van_eigenaar(eigenaar=eigenaar)
        .select_related("gemeente")
        .prefetch_related("bijlagen", "aanvullingen__bijlagen", "historie")
        .order_by("aangemaakt_op", "pk")
    )


def aanvragen_voor_export(*, eigenaar) -> QuerySet[Aanvraag]:
    """The owner's claims (drafts too) with everything the export shows of them."""
    return (
        aanvragen_van(user=eigenaar)
        .select_related("gemeente")
        .prefetch_related(
            "meldingen",
            "kostenposten__categorie",
            "kostenposten__bewijsstukken",
            "aanvulverzoeken__bestanden",
            "voornemens",
            "besluiten__betalingen",
            "statushistorie",
        )
        .order_by("aangemaakt_op", "pk")
    )
