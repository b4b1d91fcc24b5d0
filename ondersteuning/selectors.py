"""What may this user see: every support-request query for a person goes through here."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.http import Http404
from django.utils import timezone

from aanvragen.selectors import aanvragen_zichtbaar_voor
from meldingen.selectors import meldingen_voor_backoffice

from .constants import GERELATEERD_DAGEN, Beslissing, Hulpvorm, VerzoekStatus
from .models import Bijlage, Ondersteuningsverzoek
from .permissions import can_bijlage_downloaden, is_coordinator, is_gemeente_medewerker


def verzoeken_van_gemeente(*, user):
    """The requests of the employee's own municipality (concepts included), newest first."""
    if not is_gemeente_medewerker(user):
        return Ondersteuningsverzoek.objects.none()
    return Ondersteuningsverzoek.objects.filter(gemeente_id=user.gemeente_id).order_by(
        "-aangemaakt_op", "-id"
    )


def get_eigen_verzoek(*, user, verzoek_uuid) -> Ondersteuningsverzoek:
    """A request of the user's own municipality or 404, whether it exists elsewhere or not."""
    verzoek = verzoeken_van_gemeente(user=user).filter(uuid=verzoek_uuid).first()
    if verzoek is None:
        raise Http404
    return verzoek


def wachtrij(*, fetched_by):
    """The coordinator's queue: sent requests, the soonest meeting first, then arrival.

    A meeting in 3 days comes before one in 3 weeks whatever the order of arrival; the id
    breaks the last ties so that pages never overlap. Covered by the `ov_wachtrij` index.
    """
    if not is_coordinator(fetched_by):
        return Ondersteuningsverzoek.objects.none()
    return (
        Ondersteuningsverzoek.objects.exclude(status=VerzoekStatus.CONCEPT)
        .select_related("gemeente")
        .order_by("bijeenkomst_op", "ingediend_op", "id")
    )


def mogelijk_gerelateerd(*, verzoek, fetched_by) -> dict:
    """Meldingen and claims of office holders of the same municipality around the meeting.

    For the coordinator only (never the municipality): sent meldingen whose incident date
    or receipt lies within GERELATEERD_DAGEN of the meeting date, and submitted claims
    received in that window. Only what the coordinator's role may read anyway (the apps'
    own selectors decide); each list is one query.
    """
    if not is_coordinator(fetched_by) or verzoek.bijeenkomst_op is None:
        return {"meldingen": [], "aanvragen": [], "van": None, "tot": None}
    dag = timezone.localdate(verzoek.bijeenkomst_op)
    van, tot = dag - timedelta(days=GERELATEERD_DAGEN), dag + timedelta(days=GERELATEERD_DAGEN)
    meldingen = (
        meldingen_voor_backoffice(fetched_by=fetched_by)
        .filter(gemeente_id=verzoek.gemeente_id)
        .filter(Q(datum_van__range=(van, tot)) | Q(ingediend_op__date__range=(van, tot)))
        .only("pk", "referentie", "datum_van", "ingediend_op", "status", "ambtstype")
        .order_by("ingediend_op")[:50]
    )
    aanvragen = (
        aanvragen_zichtbaar_voor(user=fetched_by)
        .filter(gemeente_id=verzoek.gemeente_id, ingediend_op__date__range=(van, tot))
        .only("pk", "kenmerk", "ingediend_op", "status")
        .order_by("ingediend_op")[:50]
    )
    return {"meldingen": list(meldingen), "aanvragen": list(aanvragen), "van": van, "tot": tot}


def get_bijlage(*, user, bijlage_uuid) -> Bijlage:
    """An attachment the user may download, or 404 (never 403: that would confirm it)."""
    bijlage = (
        Bijlage.objects.select_related("verzoek").filter(uuid=bijlage_uuid).first()
        if user.is_authenticated
        else None
    )
    if bijlage is None or not can_bijlage_downloaden(user, bijlage):
        raise Http404
    return bijlage


def statistiek_ondersteuningsverzoeken(*, van: date, tot: date) -> dict:
    """Raw counts of sent requests received from `van` to `tot` (inclusive), for statistics.

    No suppression here: the statistics page applies its small-count rule ("<5") to every
    number. Three queries, all aggregated in PostgreSQL. The structure:

        {
            "totaal": int,
            "per_kwartaal": [{"jaar": 2026, "kwartaal": 1, "aantal": 3}, ...],  # ascending
            "per_provincie": {"Utrecht": 2, ...},          # only provinces with requests
            "beslissing": {"geaccepteerd": int, "afgewezen": int, "open": int},
            "hulpvorm": {"advies": int, "scenariosessie": int, "aanwezigheid": int},
        }

    A request asks for one or more kinds of help, so the `hulpvorm` counts may add up to more
    than `totaal`. "open" means not decided yet.
    """
    tz = timezone.get_current_timezone()
    begin = datetime.combine(van, time.min, tzinfo=tz)
    einde = datetime.combine(tot + timedelta(days=1), time.min, tzinfo=tz)
    verzoeken = Ondersteuningsverzoek.objects.exclude(status=VerzoekStatus.CONCEPT).filter(
        ingediend_op__gte=begin, ingediend_op__lt=einde
    )
    kwartalen = (
        verzoeken.annotate(
            jaar=ExtractYear("ingediend_op", tzinfo=tz),
            kwartaal=ExtractQuarter("ingediend_op", tzinfo=tz),
        )
        .values("jaar", "kwartaal")
        .annotate(aantal=Count("id"))
        .order_by("jaar", "kwartaal")
    )
    provincies = verzoeken.values("gemeente__provincie").annotate(aantal=Count("id")).order_by()
    tellingen = verzoeken.aggregate(
        totaal=Count("id"),
        geaccepteerd=Count("id", filter=Q(beslissing=Beslissing.GEACCEPTEERD)),
        afgewezen=Count("id", filter=Q(beslissing=Beslissing.AFGEWEZEN)),
        open=Count("id", filter=Q(beslissing="")),
        **{
            f"hulp_{vorm.value}": Count("id", filter=Q(hulpvormen__contains=[vorm.value]))
            for vorm in Hulpvorm
        },
    )
    return {
        "totaal": tellingen["totaal"],
        "per_kwartaal": [dict(rij) for rij in kwartalen],
        "per_provincie": {rij["gemeente__provincie"]: rij["aantal"] for rij in provincies},
        "beslissing": {
            "geaccepteerd": tellingen["geaccepteerd"],
            "afgewezen": tellingen["afgewezen"],
            "open": tellingen["open"],
        },
        "hulpvorm": {vorm.value: tellingen[f"hulp_{vorm.value}"] for vorm in Hulpvorm},
    }
