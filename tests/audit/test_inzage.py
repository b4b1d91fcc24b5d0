import pytest
from django.db import DatabaseError, transaction
from django.test import RequestFactory

from fondsbeveiliging.audit.models import Inzage, InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = user
    return request


def test_inzage_records_who_what_when_and_where(beoordelaar, ambtsdrager):
    """A staff read is logged with user, object reference, action and address."""
    inzage = inzage_vastleggen(
        request=_request(beoordelaar), obj=ambtsdrager, actie=InzageActie.BEKEKEN
    )
    inzage.refresh_from_db()
    assert inzage.gebruiker == beoordelaar
    assert inzage.object_id == str(ambtsdrager.pk)
    assert inzage.ip_adres == "192.0.2.7"
    assert inzage.tijdstip is not None


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_inzage_rows_cannot_be_changed_or_deleted(beoordelaar, operation):
    """The database refuses UPDATE and DELETE on the access log."""
    inzage = inzage_vastleggen(request=_request(beoordelaar), omschrijving="FB-2026-000001")
    with pytest.raises(DatabaseError), transaction.atomic():
        if operation == "update":
            Inzage.objects.filter(pk=inzage.pk).update(omschrijving="gewijzigd")
        else:
            Inzage.objects.filter(pk=inzage.pk).delete()
    assert Inzage.objects.get(pk=inzage.pk).omschrijving == "FB-2026-000001"
