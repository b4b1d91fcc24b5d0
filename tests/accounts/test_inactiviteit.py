"""Inactive office-holder accounts (#19 item 4): one warning, then switched off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fondsbeveiliging.accounts.inactiviteit import inactieve_accounts_afhandelen
from fondsbeveiliging.accounts.tasks import inactieve_accounts_task
from fondsbeveiliging.berichten.models import Bericht
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _termijnen(settings):
    settings.ACCOUNT_INACTIEF_NA_DAGEN = 730
    settings.ACCOUNT_INACTIEF_WAARSCHUWING_DAGEN = 30


def _ambtsdrager(*, laatst_ingelogd_dagen: int | None, aangemaakt_dagen: int = 1000):
    nu = timezone.now()
    user = UserFactory(ambtsdrager=True)
    user.date_joined = nu - timedelta(days=aangemaakt_dagen)
    user.last_login = (
        None if laatst_ingelogd_dagen is None else nu - timedelta(days=laatst_ingelogd_dagen)
    )
    user.save(update_fields=["date_joined", "last_login"])
    return user


def _berichten(user):
    return Bericht.objects.filter(aan=user.email)


def test_an_account_is_warned_once_at_the_threshold_and_not_before():
    """730 days without a login: one warning; 729 days: nothing yet."""
    oud = _ambtsdrager(laatst_ingelogd_dagen=730)
    bijna = _ambtsdrager(laatst_ingelogd_dagen=729)
    uitkomst = inactieve_accounts_afhandelen()
    assert (uitkomst.gewaarschuwd, uitkomst.uitgeschakeld) == (1, 0)
    oud.refresh_from_db()
    bijna.refresh_from_db()
    assert oud.inactief_gewaarschuwd_op is not None and oud.is_active
    assert bijna.inactief_gewaarschuwd_op is None
    bericht = _berichten(oud).get()
    assert bericht.onderwerp == "Log in om uw account te behouden"
    assert not _berichten(bijna).exists()


def test_never_logged_in_counts_from_the_date_the_account_was_made():
    nooit = _ambtsdrager(laatst_ingelogd_dagen=None, aangemaakt_dagen=731)
    nieuw = _ambtsdrager(laatst_ingelogd_dagen=None, aangemaakt_dagen=10)
    assert inactieve_accounts_afhandelen().gewaarschuwd == 1
    assert _berichten(nooit).exists() and not _berichten(nieuw).exists()


def test_staff_accounts_are_left_alone():
    medewerker = UserFactory(beoordelaar=True)
    medewerker.last_login = timezone.now() - timedelta(days=1000)
    medewerker.save(update_fields=["last_login"])
    assert inactieve_accounts_afhandelen().gewaarschuwd == 0


def test_running_the_job_twice_sends_one_e_mail():
    user = _ambtsdrager(laatst_ingelogd_dagen=800)
    assert inactieve_accounts_task() == {"gewaarschuwd": 1, "uitgeschakeld": 0}
    assert inactieve_accounts_task() == {"gewaarschuwd": 0, "uitgeschakeld": 0}
    assert _berichten(user).count() == 1


def test_an_account_is_switched_off_after_the_warning_period():
    user = _ambtsdrager(laatst_ingelogd_dagen=800)
    inactieve_accounts_afhandelen()
    nu = timezone.now()
    assert inactieve_accounts_afhandelen(nu=nu + timedelta(days=29)).uitgeschakeld == 0
    user.refresh_from_db()
    assert user.is_active
    assert inactieve_accounts_afhandelen(nu=nu + timedelta(days=30)).uitgeschakeld == 1
    user.refresh_from_db()
    assert not user.is_active
    assert _berichten(user).count() == 1  # no second warning


def test_a_login_after_the_warning_keeps_the_account():
    user = _ambtsdrager(laatst_ingelogd_dagen=800)
    inactieve_accounts_afhandelen()
    user.refresh_from_db()
    user.last_login = user.inactief_gewaarschuwd_op + timedelta(days=3)
    user.save(update_fields=["last_login"])
    uitkomst = inactieve_accounts_afhandelen(nu=timezone.now() + timedelta(days=31))
    assert uitkomst.uitgeschakeld == 0
    user.refresh_from_db()
    assert user.is_active and user.inactief_gewaarschuwd_op is None
