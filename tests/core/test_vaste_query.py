"""`VasteQuery` gives what the ORM gives: the same rows, related rows and decrypted fields."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Ontvanger
from aanvragen.models import Kostenpost
from fondsbeveiliging.core.vaste_query import VasteQuery
from tests.aanvragen.brieven import zaken

pytestmark = pytest.mark.django_db

BRIEF = VasteQuery(
    lambda pk: (
        Brief.objects.select_for_update(of=("self",))
        .select_related("aanvraag__regeling", "aanvraag__gemeente", "besluit__goedgekeurd_door")
        .filter(pk=pk, status=BriefStatus.WACHTEND)
        .order_by()
    ),
    pk=-918_273_645,
)
POSTEN = VasteQuery(
    lambda aanvraag_id: Kostenpost.objects.filter(aanvraag_id=aanvraag_id).select_related(
        "categorie", "beoordeling"
    ),
    aanvraag_id=-918_273_645,
)


def _brief(besluit=None, aanvraag=None, versie=1):
    aanvraag = aanvraag or besluit.aanvraag
    return Brief.objects.create(
        aanvraag=aanvraag,
        besluit=besluit,
        bron=f"test:{aanvraag.pk}",
        soort=BriefSoort.BESLUIT,
        ontvanger=Ontvanger.GEMEENTE,
        versie=versie,
    )


def _velden(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_same_objects_and_related_rows_as_the_orm_without_extra_queries():
    besluit = zaken.goedgekeurd_besluit()
    brieven = [_brief(besluit), _brief(besluit, versie=2)]
    with transaction.atomic():
        for brief in brieven:
            with CaptureQueriesContext(connection) as vast_sql:
                (vast,) = BRIEF(pk=brief.pk)
                # Reading the joined rows costs nothing more.
                naam = (vast.aanvraag.regeling.naam, vast.aanvraag.gemeente.naam)
                goedkeurder = vast.besluit.goedgekeurd_door.get_full_name()
            (orm,) = list(
                Brief.objects.select_related(
                    "aanvraag__regeling", "aanvraag__gemeente", "besluit__goedgekeurd_door"
                ).filter(pk=brief.pk)
            )
            assert len(vast_sql.captured_queries) == 1
            assert "FOR UPDATE OF" in vast_sql.captured_queries[0]["sql"]
            assert _velden(vast) == _velden(orm)
            assert _velden(vast.aanvraag) == _velden(orm.aanvraag)
            assert _velden(vast.besluit.goedgekeurd_door) == _velden(orm.besluit.goedgekeurd_door)
            assert naam == (orm.aanvraag.regeling.naam, orm.aanvraag.gemeente.naam)
            assert goedkeurder == "Arie Bakker"
            # The encrypted home address comes back decrypted, as through the ORM.
            assert vast.aanvraag.woonadres == zaken.WOONADRES


def test_a_missing_relation_and_no_row():
    aanvraag = zaken.ingediende_aanvraag()
    brief = _brief(aanvraag=aanvraag)
    with transaction.atomic():
        (vast,) = BRIEF(pk=brief.pk)
        assert vast.besluit is None
        assert BRIEF(pk=brief.pk + 1000) == []
    Brief.objects.filter(pk=brief.pk).update(status=BriefStatus.MISLUKT)
    with transaction.atomic():
        assert BRIEF(pk=brief.pk) == []


def test_many_rows_with_nullable_joins_match_the_orm():
    aanvraag = zaken.ingediende_aanvraag()
    zaken.beoordelen(aanvraag, aanvraag.aanvrager)
    Kostenpost.objects.create(aanvraag=aanvraag, omschrijving="Zonder categorie")
    vast = POSTEN(aanvraag_id=aanvraag.pk)
    orm = list(aanvraag.kostenposten.select_related("categorie", "beoordeling"))
    assert [_velden(p) for p in vast] == [_velden(p) for p in orm]
    assert [getattr(p, "beoordeling", None) and p.beoordeling.pk for p in vast] == [
        getattr(p, "beoordeling", None) and p.beoordeling.pk for p in orm
    ]
    assert any(p.categorie is None for p in vast)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lock_outside_a_transaction_is_refused_like_the_orm():
    brief = _brief(aanvraag=zaken.ingediende_aanvraag())
    with pytest.raises(RuntimeError, match="transaction"):
        BRIEF(pk=brief.pk)


def test_a_placeholder_must_be_unambiguous():
    fout = VasteQuery(lambda pk: Brief.objects.filter(pk=pk, aanvraag_id=pk), pk=-5)
    with pytest.raises(ValueError, match="found 2 times"):
        fout(pk=1)
