"""`VasteQuery`, `VasteUpdate` and `VasteInsert` do what the ORM does: the same rows, related
rows and decrypted fields, the same changes; prepared once per database session."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanvragen.brieven import services
from aanvragen.brieven.models import Brief, BriefSoort, BriefStatus, Kanaal, Ontvanger, Verzending
from aanvragen.models import Kostenpost
from fondsbeveiliging.core.vaste_query import VasteInsert, VasteQuery, _genummerd
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
            uitgevoerd = [q["sql"] for q in vast_sql.captured_queries if "EXECUTE" in q["sql"]]
            assert len(uitgevoerd) == 1
            assert _velden(vast) == _velden(orm)
            assert _velden(vast.aanvraag) == _velden(orm.aanvraag)
            assert _velden(vast.besluit.goedgekeurd_door) == _velden(orm.besluit.goedgekeurd_door)
            assert naam == (orm.aanvraag.regeling.naam, orm.aanvraag.gemeente.naam)
            assert goedkeurder == "Arie Bakker"
            # The encrypted home address comes back decrypted, as through the ORM.
            assert vast.aanvraag.woonadres == zaken.WOONADRES
        # The statement PostgreSQL prepared is the ORM's, lock included.
        assert "FOR UPDATE OF" in _voorbereid(uitgevoerd[0])


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


def _voorbereid(execute_sql: str) -> str:
    """The text of the prepared statement an EXECUTE names, as this session holds it."""
    naam = execute_sql.split()[1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name = %s", [naam])
        return cursor.fetchone()[0]


def _sql(vangst) -> list[str]:
    return [q["sql"].split(" ", 1)[0] for q in vangst.captured_queries]


def test_prepared_once_per_session_and_again_after_a_reconnect():
    aanvraag = zaken.ingediende_aanvraag()
    zaken.beoordelen(aanvraag, aanvraag.aanvrager)
    verwacht = [p.pk for p in aanvraag.kostenposten.order_by("-bedrag")]
    posten = VasteQuery(  # SQL no other test prepares on this session
        lambda aanvraag_id: Kostenpost.objects.filter(aanvraag_id=aanvraag_id).order_by("-bedrag"),
        aanvraag_id=-918_273_646,
    )
    with CaptureQueriesContext(connection) as eerste:
        assert [p.pk for p in posten(aanvraag_id=aanvraag.pk)] == verwacht
    with CaptureQueriesContext(connection) as tweede:
        assert [p.pk for p in posten(aanvraag_id=aanvraag.pk)] == verwacht
    assert _sql(eerste) == ["PREPARE", "EXECUTE"]
    assert _sql(tweede) == ["EXECUTE"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_session_prepares_again():
    brief = _brief(aanvraag=zaken.ingediende_aanvraag())
    for _ in range(2):
        with transaction.atomic(), CaptureQueriesContext(connection) as vangst:
            assert [b.pk for b in BRIEF(pk=brief.pk)] == [brief.pk]
        assert _sql(vangst)[0] in ("PREPARE", "EXECUTE")
        # A reconnect (CONN_MAX_AGE, a restarted server) starts a session without it.
        connection.close()
    with transaction.atomic(), CaptureQueriesContext(connection) as vangst:
        assert [b.pk for b in BRIEF(pk=brief.pk)] == [brief.pk]
    assert _sql(vangst) == ["PREPARE", "EXECUTE"]


def test_without_prepared_statements_the_same_sql_runs_plain(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    brief = _brief(aanvraag=zaken.ingediende_aanvraag())
    with transaction.atomic(), CaptureQueriesContext(connection) as vangst:
        assert [b.pk for b in BRIEF(pk=brief.pk)] == [brief.pk]
    assert len(vangst.captured_queries) == 1
    assert vangst.captured_queries[0]["sql"].startswith("SELECT")
    assert "FOR UPDATE OF" in vangst.captured_queries[0]["sql"]


def test_placeholders_numbered_and_literal_percent_signs_kept():
    assert _genummerd("a = %s AND b LIKE 'x%%' AND c = %s") == "a = $1 AND b LIKE 'x%' AND c = $2"


# The letter task's own update (the pending letter marked klaar with its file).
KLAAR = services._KLAAR


def test_an_update_changes_what_the_orm_update_changes():
    aanvraag = zaken.ingediende_aanvraag()
    vast, orm = _brief(aanvraag=aanvraag), _brief(aanvraag=aanvraag, versie=2)
    Brief.objects.filter(pk__in=[vast.pk, orm.pk]).update(pogingen=2, laatste_fout="oud")
    nu = timezone.now()
    waarden = {"sha256": "ab" * 32, "grootte": 1234, "gegenereerd_op": nu}
    waarden["bestand"] = "brieven/2026/1/v1-abababab.pdf"
    assert KLAAR(pk=vast.pk, **waarden) == 1
    assert (
        Brief.objects.filter(pk=orm.pk, status=BriefStatus.WACHTEND).update(
            status=BriefStatus.KLAAR, pogingen=F("pogingen") + 1, laatste_fout="", **waarden
        )
        == 1
    )
    vast.refresh_from_db()
    orm.refresh_from_db()
    verschil = {"id", "versie", "aangemaakt_op"}
    assert {k: v for k, v in _velden(vast).items() if k not in verschil} == {
        k: v for k, v in _velden(orm).items() if k not in verschil
    }
    assert (vast.status, vast.pogingen, vast.grootte, vast.gegenereerd_op) == (
        BriefStatus.KLAAR, 3, 1234, nu,
    )  # fmt: skip
    # The filter holds: a letter that is no longer pending is not changed again.
    assert KLAAR(pk=vast.pk, **waarden) == 0
    vast.refresh_from_db()
    assert vast.pogingen == 3


def test_an_insert_writes_the_row_create_writes():
    brief = _brief(aanvraag=zaken.ingediende_aanvraag())
    nu = timezone.now()
    VasteInsert(
        Verzending,
        vast={"kanaal": Kanaal.PORTAAL},
        brief_id=-918_273_645,
        verzonden_op=datetime(1901, 1, 1, tzinfo=UTC),
        aan="<aan>",
    )(brief_id=brief.pk, verzonden_op=nu, aan="gemeente 7")
    Verzending.objects.create(brief=brief, kanaal=Kanaal.EMAIL, verzonden_op=nu, aan="gemeente 7")
    vast, orm = Verzending.objects.filter(brief=brief).order_by("kanaal").reverse()
    assert (vast.kanaal, orm.kanaal) == (Kanaal.PORTAAL, Kanaal.EMAIL)
    assert (vast.brief_id, vast.verzonden_op, vast.aan) == (orm.brief_id, orm.verzonden_op, orm.aan)


def test_an_insert_refuses_a_value_that_would_be_fixed_when_compiled():
    """`Brief.aangemaakt_op` (auto_now_add) would get the compile moment on every row."""
    zonder = VasteInsert(
        Brief,
        vast={"soort": BriefSoort.BESLUIT, "ontvanger": Ontvanger.GEMEENTE},
        aanvraag_id=-918_273_645,
        bron="<bron>",
    )
    with pytest.raises(ValueError, match="aangemaakt_op is set at save time"):
        zonder(aanvraag_id=1, bron="x")
