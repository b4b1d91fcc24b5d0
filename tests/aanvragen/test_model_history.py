import pytest
from auditlog.models import LogEntry

from aanvragen.models import Aanvraag

pytestmark = pytest.mark.django_db


def test_change_to_a_claim_is_in_the_audit_log_without_the_home_address(beoordelaar):
    """Field changes are logged by django-auditlog; the encrypted home address never is."""
    from tests.aanvragen.factories import AanvraagFactory

    aanvraag = AanvraagFactory()
    aanvraag.behandelaar = beoordelaar
    aanvraag.woonadres = "Geheimstraat 1"
    aanvraag.save()
    entries = LogEntry.objects.get_for_object(Aanvraag.objects.get(pk=aanvraag.pk))
    assert entries.exists()
    alle_wijzigingen = " ".join(str(e.changes) for e in entries)
    assert "behandelaar" in alle_wijzigingen
    assert "Geheimstraat" not in alle_wijzigingen
    assert "woonadres" not in alle_wijzigingen
