"""End of office (#19 item 4): the municipality records it, the person is told once."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.accounts.services import AmbtFout, ambtseinde_vastleggen
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import UserFactory, gemeente

pytestmark = pytest.mark.django_db


@pytest.fixture
def wethouder(db):
    return UserFactory(ambtsdrager=True, in_functie_sinds=date(2022, 3, 30))


def _ambt(ambtsdrager):
    """The person's one office (made from the account's fields when the account was made)."""
    return ambtsdrager.ambten.get()


def _url(ambtsdrager):
    return reverse("accounts:ambtseinde", args=[_ambt(ambtsdrager).pk])


def _vastleggen(client, ambtsdrager, datum, **extra):
    url = _url(ambtsdrager)
    return client.post(url, {"datum": datum.isoformat(), "bevestigen": "on", **extra})


class TestGemeente:
    def test_the_list_shows_only_the_municipalitys_office_holders(
        self, client, gemeente_medewerker, wethouder
    ):
        elders = UserFactory(ambtsdrager=True, gemeente=gemeente("GM0344"))
        client.force_login(gemeente_medewerker)
        html = client.get(reverse("accounts:ambtsdragers")).content.decode()
        # Escaped as the template prints it: a generated name may hold an apostrophe.
        assert escape(wethouder.last_name) in html and "30 maart 2022" in html
        assert _url(wethouder) in html
        assert _url(elders) not in html

    def test_recording_the_end_sets_the_date_and_queues_one_neutral_e_mail(
        self, client, gemeente_medewerker, wethouder
    ):
        """The person is told once: saving the same date again sends nothing new."""
        client.force_login(gemeente_medewerker)
        eind = timezone.localdate()
        assert client.get(_url(wethouder)).status_code == 200
        response = _vastleggen(client, wethouder, eind)
        assert response.status_code == 302
        wethouder.refresh_from_db()
        assert wethouder.in_functie_tot == eind
        ambtseinde_vastleggen(door=gemeente_medewerker, ambt=_ambt(wethouder), datum=eind)
        bericht = Bericht.objects.get(aan=wethouder.email)
        assert bericht.onderwerp == "Wijziging in uw account"
        assert "eindigt op" in bericht.tekst and "nieuwe aanvraag" in bericht.tekst
        assert "bedreig" not in (bericht.onderwerp + bericht.tekst).lower()
        wijziging = LogEntry.objects.get_for_object(_ambt(wethouder)).filter(
            actor=gemeente_medewerker
        )
        assert any("tot" in (w.changes_dict or {}) for w in wijziging)

    def test_another_municipalitys_office_holder_is_a_404(self, client, gemeente_medewerker):
        elders = UserFactory(ambtsdrager=True, gemeente=gemeente("GM0344"))
        client.force_login(gemeente_medewerker)
        url = _url(elders)
        assert client.get(url).status_code == 404
        assert _vastleggen(client, elders, timezone.localdate()).status_code == 404
        elders.refresh_from_db()
        assert elders.in_functie_tot is None
        assert not Bericht.objects.filter(aan=elders.email).exists()

    @pytest.mark.parametrize("rol", ["ambtsdrager", "beoordelaar"])
    def test_other_roles_get_404(self, client, verified_client, wethouder, rol):
        verified_client(UserFactory(**{rol: True}))
        assert client.get(reverse("accounts:ambtsdragers")).status_code == 404
        assert client.get(_url(wethouder)).status_code == 404

    def test_a_date_before_the_start_of_office_is_a_form_error(
        self, client, gemeente_medewerker, wethouder
    ):
        client.force_login(gemeente_medewerker)
        response = _vastleggen(client, wethouder, date(2022, 3, 29))
        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="foutmeldingen"' in html and "vóór het begin van het ambt" in html
        wethouder.refresh_from_db()
        assert wethouder.in_functie_tot is None
        assert not Bericht.objects.exists()

    def test_more_than_a_year_ahead_or_unconfirmed_is_refused(
        self, client, gemeente_medewerker, wethouder
    ):
        client.force_login(gemeente_medewerker)
        ver = timezone.localdate() + timedelta(days=400)
        assert _vastleggen(client, wethouder, ver).status_code == 400
        url = _url(wethouder)
        response = client.post(url, {"datum": timezone.localdate().isoformat()})
        assert response.status_code == 400
        assert "Bevestig dat het ambt" in response.content.decode()
        wethouder.refresh_from_db()
        assert wethouder.in_functie_tot is None

    def test_the_service_refuses_another_municipalitys_employee(self, wethouder):
        elders = UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
        with pytest.raises(AmbtFout):
            ambtseinde_vastleggen(door=elders, ambt=_ambt(wethouder), datum=timezone.localdate())


class TestBeheer:
    def test_ending_an_office_in_the_user_admin_tells_the_person(
        self, client, verified_client, functioneel_beheerder, wethouder
    ):
        """The office's last day is entered on the office row; the same service (one e-mail)
        and the account's summary follow."""
        verified_client(functioneel_beheerder)
        url = reverse("admin:accounts_user_change", args=[wethouder.pk])
        form = client.get(url).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
        ambt = _ambt(wethouder)
        data.update(
            {
                "is_active": "on",
                "ambten-TOTAL_FORMS": "1",
                "ambten-INITIAL_FORMS": "1",
                "ambten-MIN_NUM_FORMS": "0",
                "ambten-MAX_NUM_FORMS": "1000",
                "ambten-0-id": ambt.pk,
                "ambten-0-gebruiker": wethouder.pk,
                "ambten-0-ambtstype": ambt.ambtstype,
                "ambten-0-gemeente": ambt.gemeente_id,
                "ambten-0-sinds": "2022-03-30",
                "ambten-0-tot": timezone.localdate().isoformat(),
            }
        )
        for veld in ("groups", "user_permissions", "last_login", "date_joined"):
            data.pop(veld, None)
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert User.objects.get(pk=wethouder.pk).in_functie_tot == timezone.localdate()
        assert Bericht.objects.filter(aan=wethouder.email).count() == 1

    def test_the_office_fields_of_an_office_holder_are_read_only_in_the_admin(
        self, client, verified_client, functioneel_beheerder, wethouder
    ):
        verified_client(functioneel_beheerder)
        form = (
            client.get(reverse("admin:accounts_user_change", args=[wethouder.pk]))
            .context["adminform"]
            .form
        )
        assert not {"ambtstype", "gemeente", "in_functie_sinds", "in_functie_tot"} & set(
            form.fields
        )
