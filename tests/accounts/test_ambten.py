"""Several offices per person (#19 item 5): offices as rows, the account's summary, the
municipality's own offices, and claims and meldingen that name the office they concern."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from aanvragen.models import Aanvraag
from fondsbeveiliging.accounts.ambten import ambt_toevoegen, lopende_ambten
from fondsbeveiliging.accounts.models import Ambt, User
from fondsbeveiliging.accounts.services import ambtseinde_vastleggen
from meldingen.models import Melding
from tests.aanvragen.factories import RegelingFactory
from tests.factories import UserFactory, gemeente

pytestmark = pytest.mark.django_db

UTRECHT = "GM0344"


@pytest.fixture
def twee_ambten(db):
    """A wethouder of Amsterdam who is also raadslid in Utrecht."""
    user = UserFactory(ambtsdrager=True, in_functie_sinds=date(2022, 3, 30))
    ambt_toevoegen(
        user, ambtstype="raadslid", gemeente_id=gemeente(UTRECHT).pk, sinds=date(2024, 1, 1)
    )
    return user


def _ambt(user, code):
    return user.ambten.get(gemeente__code=code)


class TestSamenvatting:
    def test_the_first_office_comes_from_the_account(self):
        user = UserFactory(ambtsdrager=True, in_functie_sinds=date(2022, 3, 30))
        ambt = user.ambten.get()
        assert (ambt.ambtstype, ambt.gemeente_id, ambt.sinds) == (
            "wethouder",
            user.gemeente_id,
            date(2022, 3, 30),
        )
        assert not UserFactory(beoordelaar=True).ambten.exists()

    def test_ending_one_of_two_offices_keeps_the_person_in_office(
        self, twee_ambten, gemeente_medewerker
    ):
        ambtseinde_vastleggen(
            door=gemeente_medewerker,
            ambt=_ambt(twee_ambten, "GM0363"),
            datum=timezone.localdate(),
        )
        twee_ambten.refresh_from_db()
        assert twee_ambten.in_functie_tot is None
        assert not twee_ambten.is_ambt_beeindigd
        assert (twee_ambten.ambtstype, twee_ambten.gemeente.code) == ("raadslid", UTRECHT)
        assert [a.gemeente.code for a in lopende_ambten(twee_ambten)] == [UTRECHT]

    def test_when_the_last_office_ends_the_account_shows_its_end(self, twee_ambten):
        beheerder = UserFactory(functioneel_beheerder=True)
        vandaag = timezone.localdate()
        for code, dag in (("GM0363", vandaag - timedelta(days=3)), (UTRECHT, vandaag)):
            ambtseinde_vastleggen(door=beheerder, ambt=_ambt(twee_ambten, code), datum=dag)
        twee_ambten.refresh_from_db()
        assert twee_ambten.in_functie_tot == vandaag
        assert twee_ambten.is_ambt_beeindigd

    def test_the_migration_makes_one_office_per_existing_office_holder(self):
        """Accounts from before offices were rows (made without the signal)."""
        [oud] = User.objects.bulk_create(
            [
                User(
                    email="oud@example.nl",
                    rol="ambtsdrager",
                    ambtstype="raadslid",
                    gemeente=gemeente(UTRECHT),
                    in_functie_sinds=date(2018, 3, 29),
                )
            ]
        )
        from importlib import import_module

        migratie = import_module("fondsbeveiliging.accounts.migrations.0007_ambten")
        migratie.ambten_uit_accounts(apps, None)
        ambt = Ambt.objects.get(gebruiker=oud)
        assert (ambt.ambtstype, ambt.gemeente.code, ambt.sinds) == (
            "raadslid",
            UTRECHT,
            date(2018, 3, 29),
        )


class TestGemeente:
    def test_each_municipality_sees_and_ends_only_its_own_office(self, client, twee_ambten):
        utrecht = UserFactory(gemeente_medewerker=True, gemeente=gemeente(UTRECHT))
        client.force_login(utrecht)
        html = client.get(reverse("accounts:ambtsdragers")).content.decode()
        eigen = reverse("accounts:ambtseinde", args=[_ambt(twee_ambten, UTRECHT).pk])
        ander = reverse("accounts:ambtseinde", args=[_ambt(twee_ambten, "GM0363").pk])
        assert eigen in html and "raadslid" in html
        assert ander not in html
        assert client.get(ander).status_code == 404


class TestAanvraag:
    def test_a_person_with_two_offices_chooses_and_the_claim_names_it(self, client, twee_ambten):
        RegelingFactory()
        client.force_login(twee_ambten)
        url = reverse("aanvragen:nieuw")
        html = client.get(url).content.decode()
        assert "Voor welk ambt doet u deze aanvraag?" in html
        assert "Raadslid, Utrecht" in html and "Wethouder, Amsterdam" in html

        response = client.post(url)
        assert response.status_code == 400
        assert "Kies voor welk ambt u de aanvraag doet." in response.content.decode()
        assert not Aanvraag.objects.exists()

        utrecht = _ambt(twee_ambten, UTRECHT)
        assert client.post(url, {"ambt": utrecht.pk}).status_code == 302
        aanvraag = Aanvraag.objects.get()
        assert aanvraag.ambt == utrecht
        assert (aanvraag.ambtstype, aanvraag.gemeente.code) == ("raadslid", UTRECHT)
        assert aanvraag.in_functie_sinds == date(2024, 1, 1)

    def test_another_persons_office_is_not_taken(self, client, twee_ambten):
        RegelingFactory()
        ander = UserFactory(ambtsdrager=True).ambten.get()
        client.force_login(twee_ambten)
        response = client.post(reverse("aanvragen:nieuw"), {"ambt": ander.pk})
        assert response.status_code == 400
        assert not Aanvraag.objects.exists()

    def test_after_one_office_ended_the_claim_is_for_the_other_without_asking(
        self, client, twee_ambten, gemeente_medewerker
    ):
        RegelingFactory()
        ambtseinde_vastleggen(
            door=gemeente_medewerker,
            ambt=_ambt(twee_ambten, "GM0363"),
            datum=timezone.localdate(),
        )
        client.force_login(twee_ambten)
        url = reverse("aanvragen:nieuw")
        assert "Voor welk ambt" not in client.get(url).content.decode()
        assert client.post(url).status_code == 302
        assert Aanvraag.objects.get().gemeente.code == UTRECHT

    def test_the_scheme_decides_per_office(self, client, twee_ambten):
        """A scheme for wethouders only: the raadslid office is not offered, no question."""
        RegelingFactory(ambtstypen=["wethouder"])
        client.force_login(twee_ambten)
        url = reverse("aanvragen:nieuw")
        assert "Voor welk ambt" not in client.get(url).content.decode()
        assert client.post(url).status_code == 302
        assert Aanvraag.objects.get().ambtstype == "wethouder"


class TestMelding:
    def test_the_first_step_asks_the_office_and_the_melding_names_it(self, client, twee_ambten):

        client.force_login(twee_ambten)
        html = client.get(reverse("meldingen:nieuw")).content.decode()
        assert "Over welk ambt gaat deze melding?" in html
        utrecht = _ambt(twee_ambten, UTRECHT)
        client.post(reverse("meldingen:nieuw"), {"ambt": utrecht.pk, "actie": "opslaan"})
        assert Melding.objects.get().ambt == utrecht

    def test_a_sent_melding_names_the_chosen_office_not_the_accounts(self, twee_ambten):
        from meldingen import services
        from tests.meldingen.factories import MeldingFactory

        utrecht = _ambt(twee_ambten, UTRECHT)
        melding = MeldingFactory(eigenaar=twee_ambten, ambt=utrecht)
        services.melding_indienen(melding=melding, door=twee_ambten)
        melding.refresh_from_db()
        assert (melding.ambtstype, melding.gemeente.code) == ("raadslid", UTRECHT)
        assert (twee_ambten.ambtstype, twee_ambten.gemeente.code) == ("wethouder", "GM0363")

    def test_one_office_is_not_asked(self, client):
        client.force_login(UserFactory(ambtsdrager=True))
        html = client.get(reverse("meldingen:nieuw")).content.decode()
        assert "Over welk ambt" not in html

    def test_another_persons_office_cannot_be_saved(self, twee_ambten):
        from django.core.exceptions import PermissionDenied

        from meldingen import services

        melding = services.melding_aanmaken(eigenaar=twee_ambten)
        ander = UserFactory(ambtsdrager=True).ambten.get()
        with pytest.raises(PermissionDenied):
            services.melding_concept_opslaan(
                melding=melding, door=twee_ambten, gegevens={"ambt": ander}
            )


def test_mijn_gegevens_lists_every_office_with_its_period(client, twee_ambten):
    client.force_login(twee_ambten)
    html = client.get(reverse("gegevens:overzicht")).content.decode()
    assert "Ambten" in html
    assert "Wethouder, gemeente Amsterdam, sinds 30 maart 2022" in html
    assert "Raadslid, gemeente Utrecht, sinds 1 januari 2024" in html
