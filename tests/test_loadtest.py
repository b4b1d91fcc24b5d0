"""The load test stays runnable: its data set at a tiny scale, and every URL the locustfile
requests exists. The 200-user run itself is `make loadtest`, never part of the suite."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanvragen.brieven.models import Brief, BriefStatus
from aanvragen.models import Aanvraag, Betaalbatch
from fondsbeveiliging.accounts.totp import current_code
from loadtest import gegevens
from meldingen.models import Melding

ROOT = Path(__file__).resolve().parent.parent
KLEIN = gegevens.Schaal(
    aanvragen=20,
    meldingen=5,
    besluiten=2,
    concepten=1,
    ambtsdragers=6,
    ambtsdrager_logins=3,
    beoordelaars=2,
    gemeente_medewerkers=2,
    financieel=1,
)
# Imports the locustfile in a child process (Locust patches the standard library with
# gevent on import), runs every user's login and tasks against a recording client that
# answers like the site, and prints the requests; also the locustfile's TOTP code at t=1234567890.
OPNAME = """
import json, sys
sys.path.insert(0, "loadtest")
import locustfile as lf

UUID = "12345678-1234-1234-1234-123456789abc"
VOLGENDE = {
    "/meldingen/nieuw/": f"/meldingen/{UUID}/bewerken/beschrijving/",
    "/aanvragen/nieuw/": "/aanvragen/7/gegevens/",
    "/aanvragen/7/kosten/": "/aanvragen/7/kosten/8/",
}

class Antwoord:
    def __init__(self, url, status):
        self.status_code = status
        self.headers = {"Location": VOLGENDE.get(url, "")}
        self.text = '<a href="/aanvragen/7/">'
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def failure(self, reden):
        pass

class Client:
    cookies = {"csrftoken": "token"}
    def __init__(self):
        self.verzoeken = []
    def get(self, url, name=None, **kwargs):
        self.verzoeken.append(["GET", url, name])
        return Antwoord(url, 200)
    def post(self, url, name=None, **kwargs):
        self.verzoeken.append(["POST", url, name])
        return Antwoord(url, 302)

uitvoer = {"totp": lf.totp("3132333435363738393031323334353637383930", at=1234567890)}
for cls in (lf.Ambtsdrager, lf.Beoordelaar, lf.Gemeente, lf.Financien):
    user = cls.__new__(cls)
    user.client = Client()
    user.denken = lambda *a: None
    user.on_start()
    for taak in dict.fromkeys(cls.tasks):
        taak(user)
    uitvoer[cls.rol] = user.client.verzoeken
print(json.dumps(uitvoer))
"""


@pytest.fixture(autouse=True)
def private_media(tmp_path):
    """Letters of the tiny data set go under tmp_path instead of var/private."""
    from fondsbeveiliging.core.files import private_storage

    storage = private_storage()
    before = (storage.__dict__.get("base_location"), storage.__dict__.get("location"))
    storage.__dict__["base_location"] = storage.__dict__["location"] = str(tmp_path)
    yield tmp_path
    for key, value in zip(("base_location", "location"), before, strict=True):
        if value is None:
            storage.__dict__.pop(key, None)
        else:
            storage.__dict__[key] = value


@pytest.fixture
def manifest(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return gegevens.voorbereiden(KLEIN, log=lambda regel: None)


def test_data_set_has_every_kind_of_object_the_users_open(manifest):
    """At a tiny scale: claims, meldingen, sent letters, drafts to preview and a batch."""
    assert Aanvraag.objects.filter(kenmerk__startswith="LT-").count() == 20
    assert Melding.objects.count() == 5
    # Two sent decisions: each the applicant's letter and the municipality's notice.
    assert Brief.objects.filter(status=BriefStatus.KLAAR).count() == 4
    assert Betaalbatch.objects.count() == 1
    assert len(manifest["ambtsdrager"]) == 3
    assert len(manifest["concept_besluiten"]) == 1
    assert manifest["batches"] and manifest["zaken"]
    assert sum(len(a["brieven"]) for a in manifest["gemeente"]) == 2
    # Staff have their own device; office holders and municipal staff log in without one.
    for account in manifest["beoordelaar"] + manifest["financien"]:
        assert TOTPDevice.objects.get(user__email=account["email"]).key == account["totp_key"]
    assert all(not a["totp_key"] for a in manifest["ambtsdrager"] + manifest["gemeente"])
    assert gegevens.voorbereiden(KLEIN) == manifest  # a second run only reads


def test_an_assessor_of_the_data_set_logs_in_through_the_form(manifest, client):
    """The manifest's password and TOTP key pass the real two-step login."""
    account = manifest["beoordelaar"][0]
    client.post(
        "/account/login/",
        {
            "login_view-current_step": "auth",
            "auth-username": account["email"],
            "auth-password": manifest["wachtwoord"],
        },
    )
    device = TOTPDevice.objects.get(user__email=account["email"])
    response = client.post(
        "/account/login/",
        {"login_view-current_step": "token", "token-otp_token": current_code(device)},
    )
    assert response.status_code == 302
    assert client.get("/backoffice/aanvragen/aanvraag/").status_code == 200


def test_every_url_the_locustfile_requests_exists(manifest, tmp_path):
    """Each user class's login and tasks request URLs of the site; its TOTP is RFC 6238's."""
    pad = tmp_path / "manifest.json"
    pad.write_text(json.dumps(manifest))
    result = subprocess.run(
        [sys.executable, "-c", OPNAME],
        cwd=ROOT,
        env={**os.environ, "LOADTEST_MANIFEST": str(pad)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    uitvoer = json.loads(result.stdout.strip().splitlines()[-1])
    # RFC 6238's SHA-1 test vector at T = 1,234,567,890 s (last six digits of 89005924).
    assert uitvoer.pop("totp") == "005924"
    namen = set()
    for rol, verzoeken in uitvoer.items():
        assert len(verzoeken) >= 3, rol
        for _methode, url, _naam in verzoeken:
            namen.add(resolve(url.split("?")[0]).view_name)
    assert {
        "two_factor:login",
        "aanvragen:lijst",
        "aanvragen:detail",
        "aanvragen:kostenpost",
        "meldingen:bewerken",
        "meldingen:controleren",
        "admin:aanvragen_aanvraag_changelist",
        "admin:aanvragen_aanvraag_change",
        "admin:aanvragen_aanvraag_actie",
        "brieven:besluit_voorbeeld",
        "brieven:portaal",
        "brieven:download",
        "admin:aanvragen_betaalbatch_te_betalen",
        "admin:aanvragen_betaalbatch_bestand",
    } <= namen
