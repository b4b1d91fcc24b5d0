"""Locust load test: office holders, assessors, municipalities and finance at once.

    make loadtest        # prepares the data set, starts the stack on 127.0.0.1, runs this

Each simulated user logs in once through the real login form (staff with a TOTP code from
their own device, so no two users share a code window) and keeps its session, then works
with think times. The mix of 200 users: 70 % office holders, 17 % assessors, 8 %
municipal staff, 5 % finance. Request names are the page kinds of the README's table.
Reads the manifest of `loadtest/voorbereiden.py` (LOADTEST_MANIFEST): accounts and the
objects each kind of user opens.
"""

import hashlib
import hmac
import io
import json
import os
import random
import re
import struct
import time
from itertools import count
from pathlib import Path

from locust import HttpUser, between, task
from pypdf import PdfWriter

MANIFEST_PAD = Path(
    os.environ.get(
        "LOADTEST_MANIFEST", Path(__file__).resolve().parent.parent / "var/loadtest/fb_load.json"
    )
)
LOGIN = "/account/login/"
WERKVOORRAAD = "/backoffice/aanvragen/aanvraag/"
TE_BETALEN = "/backoffice/aanvragen/betaalbatch/te-betalen/"
# The queue's filters as assessors use them (default view, region, own cases, search).
FILTERS = [
    "",
    "?status=open&provincie=Utrecht",
    "?behandelaar=mij",
    "?behandelaar=mij&termijn=verlopen",
    "?status=alle&p=3",
]


def _manifest() -> dict:
    if not MANIFEST_PAD.exists():  # importing without a data set (the test) still works
        return {"wachtwoord": "", "zaken": [], "concept_besluiten": [], "batches": []}
    return json.loads(MANIFEST_PAD.read_text())


MANIFEST = _manifest()


def _pdf() -> bytes:
    """A small valid one-page PDF (the upload check reads the content, ClamAV scans it)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _pdf()


def totp(key_hex: str, at: float | None = None) -> str:
    """The RFC 6238 code (SHA-1, 30 s, 6 digits) django-otp's TOTPDevice accepts at `at`."""
    teller = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", teller), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    waarde = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{waarde % 1_000_000:06d}"


class Basis(HttpUser):
    """Log in once with the role's next free account; helpers for forms with CSRF."""

    abstract = True
    rol = ""
    _volgnummers: dict[str, count] = {}

    def on_start(self):
        accounts = MANIFEST[self.rol]
        nummer = next(Basis._volgnummers.setdefault(self.rol, count()))
        # One account (and TOTP device) per simulated user while there are enough.
        self.account = accounts[nummer % len(accounts)]
        self.inloggen()

    def denken(self, van: float = 2, tot: float = 6) -> None:
        """Time a person takes to read or fill in a page before the next click."""
        time.sleep(random.uniform(van, tot))  # noqa: S311 - load pattern, not security

    def post(self, url: str, data: dict, name: str, files=None, verwacht=302):
        """POST a form like the browser (CSRF token from the cookie); expect a redirect."""
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            url, data=data, files=files, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != verwacht:
                response.failure(f"{response.status_code} instead of {verwacht}")
            return response

    def get(self, url: str, name: str):
        return self.client.get(url, name=name)

    def inloggen(self) -> None:
        self.get(LOGIN, "login: formulier")
        stap = {"login_view-current_step": "auth"}
        gegevens = {"auth-username": self.account["email"], "auth-password": MANIFEST["wachtwoord"]}
        if not self.account["totp_key"]:
            self.post(LOGIN, {**stap, **gegevens}, "login: wachtwoord")
            return
        self.post(LOGIN, {**stap, **gegevens}, "login: wachtwoord (staf)", verwacht=200)
        self.denken(3, 8)  # reading the code from the app
        self.post(
            LOGIN,
            {"login_view-current_step": "token", "token-otp_token": totp(self.account["totp_key"])},
            "login: 2FA-code",
        )


def _locatie_id(response, patroon: str) -> str:
    gevonden = re.search(patroon, response.headers.get("Location", ""))
    return gevonden.group(1) if gevonden else ""


class Ambtsdrager(Basis):
    """An office holder: looks at their claims, files a melding, works on a claim draft."""

    rol = "ambtsdrager"
    weight = 70
    wait_time = between(5, 20)

    def on_start(self):
        super().on_start()
        self.aanvragen: list[str] = []
        self.concept = ""
        self.kostenposten = 0
        self.mijn_aanvragen()

    @task(4)
    def mijn_aanvragen(self):
        response = self.get("/aanvragen/", "Mijn aanvragen")
        self.aanvragen = sorted(set(re.findall(r'href="/aanvragen/(\d+)/"', response.text)))

    @task(4)
    def statuspagina(self):
        if self.aanvragen:
            self.get(f"/aanvragen/{random.choice(self.aanvragen)}/", "aanvraag: statuspagina")  # noqa: S311

    @task(1)
    def melding_doen(self):
        """The four steps of a melding, a PDF attached in the last, then send it."""
        self.get("/meldingen/nieuw/", "melding: stap (formulier)")
        self.denken()
        response = self.post(
            "/meldingen/nieuw/",
            {
                "actie": "verder",
                "datum_van": time.strftime("%Y-%m-%d"),
                "categorieen": "bedreiging",
                "locatie": "werk",
                "kanaal": "telefoon",
            },
            "melding: stap opslaan",
        )
        uuid = _locatie_id(response, r"/meldingen/([0-9a-f-]{36})/")
        if not uuid:
            return
        stappen = [
            (
                "beschrijving",
                {
                    "omschrijving": "Na de raadsvergadering kreeg ik dreigende telefoontjes.",
                    "gericht_op": "ambt",
                    "doelwitten": "zelf",
                    "dader": "onbekend",
                    "herhaald": "False",
                },
            ),
            ("aangifte", {"intern_gemeld": "True", "aangifte": "gepland"}),
        ]
        for stap, velden in stappen:
            self.denken()
            self.post(
                f"/meldingen/{uuid}/bewerken/{stap}/",
                {"actie": "verder", **velden},
                "melding: stap opslaan",
            )
        self.denken()
        self.post(
            f"/meldingen/{uuid}/bewerken/bijlagen/",
            {"actie": "verder"},
            "melding: bijlage uploaden",
            files={"bestanden": ("screenshot-bericht.pdf", PDF, "application/pdf")},
        )
        self.get(f"/meldingen/{uuid}/controleren/", "melding: controleren")
        self.denken()
        self.post(f"/meldingen/{uuid}/controleren/", {}, "melding: versturen")

    def _concept(self) -> str:
        """The draft this user works on; a new one after ten cost lines."""
        if self.concept and self.kostenposten < 10:
            return self.concept
        response = self.post("/aanvragen/nieuw/", {}, "aanvraag: concept starten")
        self.concept = _locatie_id(response, r"/aanvragen/(\d+)/")
        self.kostenposten = 0
        return self.concept

    @task(1)
    def concept_opslaan(self):
        pk = self._concept()
        if not pk:
            return
        self.get(f"/aanvragen/{pk}/gegevens/", "aanvraag: gegevens (formulier)")
        self.denken()
        self.post(
            f"/aanvragen/{pk}/gegevens/",
            {
                "actie": "concept",
                "correspondentie_adres": "Postbus 1",
                "correspondentie_postcode": "3500 AA",
                "correspondentie_plaats": "Utrecht",
                "maatregel_bij_woning": "False",
            },
            "aanvraag: concept opslaan",
        )

    @task(1)
    def factuur_uploaden(self):
        pk = self._concept()
        if not pk:
            return
        response = self.post(
            f"/aanvragen/{pk}/kosten/", {"actie": "toevoegen"}, "aanvraag: kostenpost toevoegen"
        )
        kp = _locatie_id(response, r"/kosten/(\d+)/")
        if not kp:
            return
        self.kostenposten += 1
        self.get(f"/aanvragen/{pk}/kosten/{kp}/", "aanvraag: kostenpost (formulier)")
        self.denken()
        self.post(
            f"/aanvragen/{pk}/kosten/{kp}/",
            {
                "actie": "uploaden",
                "omschrijving": "Inbraakalarm met doormelding",
                "leverancier": "Veilig Thuis B.V.",
                "bedrag": "1.250,00",
                "aard": "betaald",
                "bewijs-soort": "factuur",
            },
            "aanvraag: factuur uploaden",
            files={"bewijs-bestanden": ("factuur.pdf", PDF, "application/pdf")},
        )


class Beoordelaar(Basis):
    """An assessor: the queue with filters, case pages, the assessment form, a preview."""

    rol = "beoordelaar"
    weight = 17
    wait_time = between(5, 15)

    @task(4)
    def werkvoorraad(self):
        self.get(WERKVOORRAAD + random.choice(FILTERS), "werkvoorraad (filters)")  # noqa: S311

    @task(1)
    def zoeken(self):
        self.get(f"{WERKVOORRAAD}?q=LT-2026-{random.randint(1, 5000):06d}", "werkvoorraad: zoeken")  # noqa: S311

    @task(4)
    def zaakpagina(self):
        if MANIFEST["zaken"]:
            pk = random.choice(MANIFEST["zaken"])  # noqa: S311
            self.get(f"{WERKVOORRAAD}{pk}/change/", "zaakpagina")

    @task(2)
    def beoordelingsformulier(self):
        if self.account.get("zaken"):
            pk = random.choice(self.account["zaken"])  # noqa: S311
            self.get(f"{WERKVOORRAAD}{pk}/actie/beoordelen/", "beoordelingsformulier")

    @task(1)
    def voorbeeld(self):
        if MANIFEST["concept_besluiten"]:
            pk = random.choice(MANIFEST["concept_besluiten"])  # noqa: S311
            self.get(f"/brieven/voorbeeld/besluit/{pk}/", "conceptbesluit: voorbeeld (PDF)")


class Gemeente(Basis):
    """A municipal employee: the letters portal, now and then a download."""

    rol = "gemeente"
    weight = 8
    wait_time = between(10, 30)

    @task(3)
    def portaal(self):
        self.get("/brieven/portaal/", "brievenportaal")

    @task(1)
    def portaal_filter(self):
        self.get("/brieven/portaal/?uitkomst=toegekend", "brievenportaal")

    @task(2)
    def downloaden(self):
        if self.account.get("brieven"):
            pk = random.choice(self.account["brieven"])  # noqa: S311
            self.get(f"/brieven/{pk}/download/", "brief downloaden (PDF)")


class Financien(Basis):
    """Finance: what is still to pay, and a batch's CSV."""

    rol = "financien"
    weight = 5
    wait_time = between(10, 30)

    @task(3)
    def te_betalen(self):
        self.get(TE_BETALEN, "te betalen")

    @task(1)
    def batch_csv(self):
        if MANIFEST["batches"]:
            pk = random.choice(MANIFEST["batches"])  # noqa: S311
            self.get(f"/backoffice/aanvragen/betaalbatch/{pk}/bestand/csv/", "betaalbatch: CSV")
