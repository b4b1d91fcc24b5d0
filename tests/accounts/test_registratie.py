"""Registration: the public request, the verification link and the municipality's decision."""

import re
import statistics
import time
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.models import (
    RegistratieStatus,
    Registratieverzoek,
    User,
)
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import UserFactory, gemeente

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _eigen_limieten(settings):
    """Counters of this test only; no minimum fill time (the test client is fast)."""
    settings.REGISTRATIE_LIMIET_SLEUTEL = f"test-registratie-{uuid.uuid4().hex}"
    settings.REGISTRATIE_MIN_INVULTIJD = 0


def _gegevens(email, **extra):
    return {
        "voornaam": "Anna",
        "achternaam": "de Vries",
        "email": email,
        "ambtstype": "wethouder",
        "gemeente": "GM0344",  # Utrecht
        "in_functie_sinds": "2022-06-01",
        "website": "",
        **extra,
    }


def _aanvragen(client, email, **extra):
    return client.post(reverse("accounts:registreren"), _gegevens(email, **extra), follow=True)


def _link(bericht):
    return re.search(r"https?://[^/\s]+(/\S+)", bericht.body).group(1)


def _geverifieerd(client, email="nieuw@example.nl"):
    _aanvragen(client, email)
    client.post(_link(mail.outbox[-1]))
    return Registratieverzoek.objects.get(email=email)


class TestAanvragen:
    def test_an_unknown_address_gets_a_verification_link_with_a_neutral_subject(self, client):
        """The mail's subject and sender say nothing about threats or the fund."""
        response = _aanvragen(client, "nieuw@example.nl")
        assert response.status_code == 200
        assert len(mail.outbox) == 1
        bericht = mail.outbox[0]
        assert bericht.subject == "Bevestig uw e-mailadres"
        assert bericht.from_email.startswith("Ministerie van BZK <")
        naam = bericht.from_email.split("<")[0]
        for woord in ("bedreig", "agressie", "beveilig", "fonds"):
            assert woord not in (bericht.subject + naam).lower()
        assert "/registreren/bevestigen/" in bericht.body
        verzoek = Registratieverzoek.objects.get()
        assert verzoek.status == RegistratieStatus.ONBEVESTIGD
        assert _link(bericht).split("/")[-2] not in verzoek.token_hash  # only the hash is kept

    def test_known_and_unknown_addresses_get_the_same_answer(self, client, ambtsdrager):
        """Same redirect, same page; a known address gets a notice, never a link."""
        bekend = _aanvragen(client, ambtsdrager.email)
        onbekend = _aanvragen(client, "niemand@example.nl")
        assert bekend.status_code == onbekend.status_code == 200
        assert bekend.redirect_chain == onbekend.redirect_chain
        assert CSRF.sub("", bekend.content.decode()) == CSRF.sub("", onbekend.content.decode())
        assert [m.subject for m in mail.outbox] == ["Bevestig uw e-mailadres"] * 2
        assert "/registreren/bevestigen/" not in mail.outbox[0].body
        assert "al een account" in mail.outbox[0].body
        assert Registratieverzoek.objects.count() == 2  # the same work in both paths

    def test_known_and_unknown_addresses_take_the_same_time(self, client, ambtsdrager, settings):
        """50 requests each: the median times differ by less than the tolerance."""
        settings.REGISTRATIE_MAX_PER_IP = 10_000
        settings.REGISTRATIE_MAX_PER_ADRES = 10_000

        def meten(email):
            start = time.perf_counter()
            response = client.post(reverse("accounts:registreren"), _gegevens(email))
            assert response.status_code == 302
            return time.perf_counter() - start

        _aanvragen(client, "opwarmen@example.nl")  # templates and queries warmed up
        bekend, onbekend = [], []
        for i in range(50):  # interleaved, so load on the machine hits both alike
            bekend.append(meten(ambtsdrager.email))
            onbekend.append(meten(f"onbekend{i}@example.nl"))
        mediaan_bekend, mediaan_onbekend = statistics.median(bekend), statistics.median(onbekend)
        verschil = abs(mediaan_bekend - mediaan_onbekend)
        assert verschil < max(0.25 * min(mediaan_bekend, mediaan_onbekend), 0.003), (
            mediaan_bekend,
            mediaan_onbekend,
        )

    def test_the_form_is_rate_limited_per_address(self, client, settings):
        """After N requests for one address the next is refused (429), from any IP."""
        settings.REGISTRATIE_MAX_PER_ADRES = 3
        for i in range(3):
            response = client.post(
                reverse("accounts:registreren"),
                _gegevens("doelwit@example.nl"),
                REMOTE_ADDR=f"10.0.0.{i}",
            )
            assert response.status_code == 302
        response = client.post(
            reverse("accounts:registreren"), _gegevens("doelwit@example.nl"), REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code == 429
        assert "te veel aanvragen" in response.content.decode().lower()
        assert len(mail.outbox) == 3

    def test_the_form_is_rate_limited_per_ip(self, client, settings):
        settings.REGISTRATIE_MAX_PER_IP = 5
        codes = [
            client.post(reverse("accounts:registreren"), _gegevens(f"a{i}@example.nl")).status_code
            for i in range(6)
        ]
        assert codes == [302] * 5 + [429]

    def test_a_filled_honeypot_answers_the_same_but_sends_nothing(self, client):
        response = _aanvragen(client, "bot@example.nl", website="https://spam.example")
        assert response.redirect_chain[-1][0] == reverse("accounts:registratie_verstuurd")
        assert not mail.outbox
        assert not Registratieverzoek.objects.exists()

    def test_a_form_sent_faster_than_a_person_types_sends_nothing(self, client, settings):
        settings.REGISTRATIE_MIN_INVULTIJD = 3
        pagina = client.get(reverse("accounts:registreren")).content.decode()
        begin = re.search(r'name="begin" value="([^"]+)"', pagina).group(1)
        _aanvragen(client, "snel@example.nl", begin=begin)
        assert not mail.outbox

    def test_the_honeypot_is_hidden_from_screen_readers_and_the_keyboard(self, client):
        pagina = client.get(reverse("accounts:registreren")).content.decode()
        assert re.search(r'<div class="visually-hidden" aria-hidden="true">', pagina)
        assert re.search(r'<input[^>]*name="website"[^>]*tabindex="-1"', pagina)

    def test_only_offices_of_a_municipality_can_be_asked_for(self, client):
        response = client.post(
            reverse("accounts:registreren"), _gegevens("x@example.nl", ambtstype="gedeputeerde")
        )
        assert response.status_code == 400
        assert not mail.outbox


class TestVerificatie:
    def test_the_link_sends_the_request_to_the_municipalitys_employees(self, client):
        medewerker = UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
        UserFactory(gemeente_medewerker=True)  # Amsterdam: not told
        verzoek = _geverifieerd(client)
        assert verzoek.status == RegistratieStatus.WACHTEND
        assert list(Bericht.objects.values_list("aan", flat=True)) == [medewerker.email]
        assert "Anna" not in Bericht.objects.get().tekst  # no names in the mail

    def test_without_an_employee_the_request_goes_to_bzk(self, client, functioneel_beheerder):
        _geverifieerd(client)
        assert list(Bericht.objects.values_list("aan", flat=True)) == [functioneel_beheerder.email]

    def test_a_get_changes_nothing_and_a_used_link_says_so(self, client):
        _aanvragen(client, "nieuw@example.nl")
        link = _link(mail.outbox[0])
        assert client.get(link).status_code == 200
        assert Registratieverzoek.objects.get().status == RegistratieStatus.ONBEVESTIGD
        client.post(link)
        response = client.get(link)
        assert response.status_code == 410
        assert "al bevestigd" in response.content.decode()

    def test_an_expired_link_is_refused(self, client):
        _aanvragen(client, "nieuw@example.nl")
        Registratieverzoek.objects.update(token_verloopt_op="2020-01-01T00:00:00Z")
        response = client.post(_link(mail.outbox[0]))
        assert response.status_code == 410
        assert "verlopen" in response.content.decode()
        assert Registratieverzoek.objects.get().status == RegistratieStatus.ONBEVESTIGD


class TestBeoordelen:
    @pytest.fixture
    def utrecht(self, db):
        return UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))

    def test_the_municipality_sees_and_confirms_the_request(
        self, client, utrecht, django_capture_on_commit_callbacks
    ):
        verzoek = _geverifieerd(client)
        client.force_login(utrecht)
        assert "Anna de Vries" in client.get(reverse("accounts:registraties")).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:registratie_beoordelen", args=[verzoek.pk]),
                {"besluit": "bevestigen"},
            )
        assert response.status_code == 302
        user = User.objects.get(email="nieuw@example.nl")
        assert (user.rol, user.ambtstype, user.gemeente_id) == (
            Rol.AMBTSDRAGER,
            "wethouder",
            "GM0344",
        )
        assert not user.is_staff and not user.has_usable_password()
        assert list(user.groups.values_list("name", flat=True)) == [Rol.AMBTSDRAGER]
        assert mail.outbox[-1].subject == "Stel uw wachtwoord in"
        assert "/account-activeren/" in mail.outbox[-1].body

    def test_an_employee_of_another_municipality_gets_404(
        self, client, utrecht, gemeente_medewerker
    ):
        """Amsterdam's employee can neither see nor confirm Utrecht's request."""
        verzoek = _geverifieerd(client)
        client.force_login(gemeente_medewerker)
        assert "Anna" not in client.get(reverse("accounts:registraties")).content.decode()
        url = reverse("accounts:registratie_beoordelen", args=[verzoek.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"besluit": "bevestigen"}).status_code == 404
        verzoek.refresh_from_db()
        assert verzoek.status == RegistratieStatus.WACHTEND

    @pytest.mark.parametrize("rol", ["ambtsdrager", "beoordelaar"])
    def test_other_roles_get_404(self, client, verified_client, utrecht, rol):
        verzoek = _geverifieerd(client)
        verified_client(UserFactory(**{rol: True}))
        assert client.get(reverse("accounts:registraties")).status_code == 404
        url = reverse("accounts:registratie_beoordelen", args=[verzoek.pk])
        assert client.get(url).status_code == 404

    def test_bzk_decides_only_where_the_municipality_has_no_employee(
        self, client, verified_client, functioneel_beheerder
    ):
        verzoek = _geverifieerd(client)
        verified_client(functioneel_beheerder)
        url = reverse("accounts:registratie_beoordelen", args=[verzoek.pk])
        assert client.get(url).status_code == 200
        UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
        assert client.get(url).status_code == 404

    def test_rejecting_needs_a_reason_which_the_person_is_told(self, client, utrecht):
        verzoek = _geverifieerd(client)
        client.force_login(utrecht)
        url = reverse("accounts:registratie_beoordelen", args=[verzoek.pk])
        assert client.post(url, {"besluit": "afwijzen", "reden": ""}).status_code == 400
        client.post(url, {"besluit": "afwijzen", "reden": "Geen raadslid van Utrecht."})
        verzoek.refresh_from_db()
        assert verzoek.status == RegistratieStatus.AFGEWEZEN
        bericht = Bericht.objects.get(aan="nieuw@example.nl")
        assert "Geen raadslid van Utrecht." in bericht.tekst
        assert not User.objects.filter(email="nieuw@example.nl").exists()

    def test_a_decided_request_cannot_be_decided_again(self, client, utrecht):
        verzoek = _geverifieerd(client)
        client.force_login(utrecht)
        url = reverse("accounts:registratie_beoordelen", args=[verzoek.pk])
        client.post(url, {"besluit": "bevestigen"})
        assert client.post(url, {"besluit": "bevestigen"}).status_code == 404
        assert User.objects.filter(email="nieuw@example.nl").count() == 1


class TestAccountActiveren:
    def test_the_first_password_logs_the_person_in_on_the_start_page(
        self, client, django_capture_on_commit_callbacks
    ):
        utrecht = UserFactory(gemeente_medewerker=True, gemeente=gemeente("GM0344"))
        verzoek = _geverifieerd(client)
        client.force_login(utrecht)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("accounts:registratie_beoordelen", args=[verzoek.pk]),
                {"besluit": "bevestigen"},
            )
        client.logout()
        formulier = client.get(_link(mail.outbox[-1]), follow=True).redirect_chain[-1][0]
        nieuw = "Een-heel-nieuw-wachtwoord-42"
        response = client.post(
            formulier, {"new_password1": nieuw, "new_password2": nieuw}, follow=True
        )
        assert response.redirect_chain[-1][0] == reverse("accounts:start")
        assert response.context["user"].email == "nieuw@example.nl"
        # The link worked once: the account has a password now.
        opnieuw = client.get(_link(mail.outbox[-1]), follow=True)
        assert opnieuw.context["validlink"] is False

    def test_an_account_with_a_password_or_an_app_cannot_use_it(self, client, ambtsdrager):
        """A mailed link never logs in past a password or a second factor."""
        from fondsbeveiliging.accounts.registratie import activeerlink_pad

        response = client.get(activeerlink_pad(ambtsdrager), follow=True)
        assert response.context["validlink"] is False
