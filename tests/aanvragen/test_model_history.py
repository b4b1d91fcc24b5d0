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


def test_personal_data_and_case_text_are_logged_as_changed_without_their_value(beoordelaar):
    """The history the functioneel beheerder reads says a field changed, not its content."""
    from tests.aanvragen.backoffice.factories import BesluitFactory
    from tests.aanvragen.factories import AanvraagFactory

    aanvraag = AanvraagFactory(iban="NL91ABNA0417164300", aanvrager_naam="Jan Jansen")
    aanvraag.iban = "NL02RABO0123456789"
    aanvraag.rekeninghouder = "J. Jansen"
    aanvraag.behandelaar = beoordelaar
    aanvraag.save()
    besluit = BesluitFactory(aanvraag=aanvraag, motivering="Dreiging via sociale media")
    besluit.motivering = "Bedreiging aan de voordeur"
    besluit.save()
    logs = LogEntry.objects.get_for_object(aanvraag) | LogEntry.objects.get_for_object(besluit)
    tekst = " ".join(str(e.changes) for e in logs)
    for waarde in ("NL91ABNA", "NL02RABO", "Jansen", "Dreiging", "voordeur"):
        assert waarde not in tekst
    wijziging = LogEntry.objects.get_for_object(aanvraag).filter(action=LogEntry.Action.UPDATE)
    assert wijziging.get().changes_dict["iban"] == ["(afgeschermd)", "(afgeschermd)"]
    assert "behandelaar" in wijziging.get().changes_dict  # other fields keep their values
