"""Destruction against S3: a real S3-compatible server (moto in standalone server mode,
spoken to over HTTP by django-storages and boto3, as a bucket in production would be)."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

from bewaring import services
from bewaring.constants import ItemStatus, LijstStatus, Soort
from meldingen.models import Melding
from tests import procs
from tests.bewaring import dossiers

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

BUCKET = "fonds-prive"


@pytest.fixture
def s3_server():
    server = procs.MotoS3()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def s3_opslag(s3_server, monkeypatch):
    """The private storage is an S3 bucket on the local server for this test."""
    client = s3_server.client()
    client.create_bucket(Bucket=BUCKET)
    opslag = S3Storage(
        bucket_name=BUCKET,
        endpoint_url=s3_server.url,
        access_key="test",
        secret_key="test",
        region_name="us-east-1",
        default_acl="private",
        file_overwrite=False,
    )
    storages._storages  # noqa: B018 (make sure the cache dict exists)
    monkeypatch.setitem(storages._storages, "private", opslag)
    return client


def _sleutels(client) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_approved_melding_is_gone_from_the_s3_bucket_and_the_report_lands_there(
    s3_opslag, archiefbeheerder
):
    melding = dossiers.afgehandelde_melding()
    naam = melding.bijlagen.get().bestand.name
    assert naam in _sleutels(s3_opslag)
    ander = storages["private"].save("meldingen/ander.pdf", ContentFile(b"blijft"))
    nu = melding.historie.latest("op").op + relativedelta(years=6)
    lijst = services.vernietigingslijst_opstellen(nu=nu)
    services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder, nu=nu)
    services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)

    assert not Melding.objects.filter(pk=melding.pk).exists()
    sleutels = _sleutels(s3_opslag)
    assert naam not in sleutels
    assert ander in sleutels  # only what was listed goes
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.VOLTOOID
    assert {lijst.verslag_pdf, lijst.verslag_csv} <= sleutels
    item = lijst.items.get(soort=Soort.MELDING)
    assert (item.status, item.bestanden) == (ItemStatus.VERNIETIGD, 1)
