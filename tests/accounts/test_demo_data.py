"""The demo_data command: one user per role, idempotent, staff with a working TOTP device."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from fondsbeveiliging.accounts.constants import STAFF_ROLLEN, Rol
from fondsbeveiliging.accounts.demo import DEMO_PASSWORD, DEMO_USERS, demo_user
from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.accounts.totp import base32_secret, current_code

pytestmark = pytest.mark.django_db


def _run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("demo_data", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_one_user_per_role_with_printed_logins():
    """Every role gets a user; the table shows address, password and staff TOTP secrets."""
    output = _run()
    assert {u.rol for u in User.objects.all()} == set(Rol)
    for spec in DEMO_USERS:
        user = User.objects.get(email=spec.email)
        assert user.check_password(DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == [spec.rol]
        assert spec.email in output
        if spec.rol in STAFF_ROLLEN:
            device = TOTPDevice.objects.get(user=user, name="default", confirmed=True)
            assert base32_secret(device) in output
            assert user.is_staff
        else:
            assert not TOTPDevice.objects.filter(user=user).exists()
    assert DEMO_PASSWORD in output
    beheerder = demo_user(Rol.FUNCTIONEEL_BEHEERDER)
    assert beheerder.is_superuser
    ambtsdrager = demo_user(Rol.AMBTSDRAGER)
    assert ambtsdrager.ambtstype and ambtsdrager.correspondentie_adres
    assert demo_user(Rol.GEMEENTE_MEDEWERKER).gemeente == ambtsdrager.gemeente


def _logins_table(output):
    # Other apps' demo lines follow the table and may say "already there" the second time.
    return output.split("BZK-medewerkers loggen in")[0]


def test_running_twice_changes_nothing():
    """Idempotent: same users, same devices, same secrets."""
    first = _run()
    counts = (User.objects.count(), TOTPDevice.objects.count(), Group.objects.count())
    keys = sorted(TOTPDevice.objects.values_list("key", flat=True))
    second = _run()
    assert counts == (User.objects.count(), TOTPDevice.objects.count(), Group.objects.count())
    assert keys == sorted(TOTPDevice.objects.values_list("key", flat=True))
    assert _logins_table(first) == _logins_table(second)


def test_printed_password_and_code_log_a_staff_user_in(client):
    """The demo login for staff works through the real wizard with the TOTP code."""
    _run()
    user = demo_user(Rol.BEOORDELAAR)
    device = TOTPDevice.objects.get(user=user, name="default")
    client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": user.email,
            "auth-password": DEMO_PASSWORD,
        },
    )
    response = client.post(
        "/account/login/",
        {"login_view-current_step": "token", "token-otp_token": current_code(device)},
    )
    assert response.status_code == 302
    assert client.get("/backoffice/").status_code == 200


def test_demo_totp_prints_the_current_code(capsys):
    """`demo_totp <email>` prints the code the device accepts now."""
    _run()
    user = demo_user(Rol.TWEEDE_BEOORDELAAR)
    call_command("demo_totp", user.email)
    printed = capsys.readouterr().out.strip()
    assert printed == current_code(TOTPDevice.objects.get(user=user, name="default"))
    assert len(printed) == 6 and printed.isdigit()


def test_list_only_changes_nothing():
    """--alleen-tonen prints the logins without creating users."""
    _run("--alleen-tonen")
    assert not User.objects.exists()


def test_other_apps_demo_modules_are_called(monkeypatch):
    """Apps hook in with a `<app>.demo.demo_data()`; returned lines are printed."""
    import sys
    import types

    from fondsbeveiliging.accounts.management.commands import demo_data as command

    fake = types.ModuleType("fake_app.demo")
    fake.demo_data = lambda: ["beleid: versie 2026 aangemaakt"]
    original = list(command.demo_modules())
    monkeypatch.setattr(command, "demo_modules", lambda: iter([*original, fake]))
    monkeypatch.setitem(sys.modules, "fake_app.demo", fake)
    assert "beleid: versie 2026 aangemaakt" in _run()
