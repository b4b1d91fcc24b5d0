"""The destruction report: counts per kind, grounds, approver and time; no personal data."""

import io

import pytest
from dateutil.relativedelta import relativedelta
from pdfminer.high_level import extract_text

from aanvragen.brieven.models import Brief
from aanvragen.models import Bewijsstuk
from bewaring import services
from bewaring.constants import Soort
from fondsbeveiliging.core.files import private_storage
from tests.bewaring import dossiers

pytestmark = pytest.mark.django_db


@pytest.fixture
def voltooide_lijst(archiefbeheerder):
    archiefbeheerder.first_name, archiefbeheerder.last_name = "Rika", "Archiefbeheer"
    archiefbeheerder.save()
    aanvraag = dossiers.afgesloten_aanvraag()
    aanvraag.bestanden = (
        Bewijsstuk.objects.filter(kostenpost__aanvraag=aanvraag).count()
        + Brief.objects.filter(aanvraag=aanvraag).count()
    )
    melding = dossiers.afgehandelde_melding(omschrijving="Geheime-omschrijving-42")
    nu = aanvraag.besluiten.get().verzonden_op + relativedelta(years=8)
    lijst = services.vernietigingslijst_opstellen(nu=nu)
    services.item_uitzonderen(
        item=lijst.items.get(soort=Soort.MELDING), door=archiefbeheerder, reden="beroep", nu=nu
    )
    services.vernietigingslijst_goedkeuren(lijst=lijst, door=archiefbeheerder, nu=nu)
    services.vernietigingslijst_uitvoeren(lijst_id=lijst.pk, nu=nu)
    lijst.refresh_from_db()
    return lijst, aanvraag, melding


def test_pdf_states_kinds_counts_grounds_and_approval_without_personal_data(voltooide_lijst):
    lijst, aanvraag, melding = voltooide_lijst
    with private_storage().open(lijst.verslag_pdf, "rb") as bestand:
        tekst = " ".join(extract_text(io.BytesIO(bestand.read())).split())
    assert "Vernietigingsverslag" in tekst
    assert "Aanvraag met besluiten" in tekst
    assert "AWR art. 52" in tekst or "Archiefwet" in tekst
    assert "Rika Archiefbeheer" in tekst
    for geheim in (
        aanvraag.kenmerk,
        aanvraag.aanvrager_naam,
        melding.referentie,
        "Geheime-omschrijving-42",
        aanvraag.aanvrager.email,
    ):
        assert geheim not in tekst


def test_csv_counts_destroyed_records_and_files_per_kind(voltooide_lijst):
    lijst, aanvraag, _melding = voltooide_lijst
    with private_storage().open(lijst.verslag_csv, "rb") as bestand:
        tekst = bestand.read().decode("utf-8-sig")
    regels = {r.split(";")[0]: r.split(";") for r in tekst.splitlines() if r}
    aanvraag_regel = regels[str(Soort.AANVRAAG.label)]
    assert aanvraag_regel[1:5] == ["1", str(aanvraag.bestanden), "0", "0"]
    melding_regel = regels[str(Soort.MELDING.label)]
    assert melding_regel[1:5] == ["0", "0", "1", "0"]  # exempted
    assert aanvraag.kenmerk not in tekst
