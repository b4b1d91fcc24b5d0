"""A small data set whose statistics are counted by hand (numbers in the docstrings).

2025, first quarter for claims and decisions; meldingen in March and May 2025.

Meldingen (14 sent in 2025; a concept and one from 2024 never count):
- 7 in March, Noord-Holland (Amsterdam), wethouder, online via social media, aangifte ja,
  support asked;
- 5 in May, Utrecht, burgemeester, at home in person, aangifte nee, no support;
- 2 in May, Noord-Holland, raadslid, online by e-mail, aangifte nee, no support.

Claims (14 received in February 2025):
- 6 in Noord-Holland, sent decisions granting 800 of 1000 each, decided after 10, 20, 30,
  40, 50 and 70 days (the term is 56 days: 5 of 6 within), 4 of them paid (800 each);
- 3 in Utrecht, in behandeling, 500 each;
- 5 in Zuid-Holland (Rotterdam), ingediend, 200 each.
Plus 6 information requests with a term in February 2025.

Support requests of municipalities (20 sent in 2025; a concept and one from 2024 never count):
- 12 sent in February 2025 by Amsterdam (Noord-Holland): 7 accepted, 5 declined; all ask
  for advice, 6 of them for a scenario session too;
- 2 sent in April 2025 by Utrecht: open, asking for presence on location;
- 6 sent in August 2025 by Rotterdam (Zuid-Holland): open, asking for presence on location.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from aanvragen.constants import AanvraagStatus, BesluitStatus, Uitkomst
from aanvragen.models import Aanvulverzoek, Besluit, Betaling
from fondsbeveiliging.accounts.constants import Ambtstype
from meldingen.constants import Aangifte, Kanaal, Locatie
from ondersteuning.constants import Beslissing, Hulpvorm, VerzoekStatus
from ondersteuning.models import Ondersteuningsverzoek
from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory
from tests.factories import UserFactory, gemeente
from tests.meldingen.factories import MeldingFactory
from tests.ondersteuning.factories import VerzoekFactory

AMSTERDAM, UTRECHT, ROTTERDAM = "GM0363", "GM0344", "GM0599"
DAGEN = [10, 20, 30, 40, 50, 70]


def moment(jaar, maand, dag, uur=10):
    return timezone.make_aware(datetime(jaar, maand, dag, uur))


def _meldingen(aantal, op, code, ambt, locatie, kanaal, aangifte, steun):
    for _ in range(aantal):
        MeldingFactory(
            ingediend=True,
            ingediend_op=op,
            gemeente=gemeente(code),
            ambtstype=ambt,
            locatie=locatie,
            kanaal=kanaal,
            aangifte=aangifte,
            ondersteuning=steun,
        )


def _aanvraag(bedrag: str, **kwargs):
    """A submitted claim with one cost line of `bedrag` (no evidence files)."""
    aanvraag = AanvraagFactory(ingediend=True, kostenpost=None, **kwargs)
    KostenpostFactory(aanvraag=aanvraag, bedrag=Decimal(bedrag), bewijs=False)
    aanvraag.bedrag_aangevraagd = Decimal(bedrag)
    aanvraag.save(update_fields=["bedrag_aangevraagd"])
    return aanvraag


def meldingen_aanmaken():
    maart, mei = moment(2025, 3, 10), moment(2025, 5, 20)
    _meldingen(
        7,
        maart,
        AMSTERDAM,
        Ambtstype.WETHOUDER,
        Locatie.ONLINE,
        Kanaal.SOCIALE_MEDIA,
        Aangifte.JA,
        ["collegiaal"],
    )
    _meldingen(
        5,
        mei,
        UTRECHT,
        Ambtstype.BURGEMEESTER,
        Locatie.WONING,
        Kanaal.PERSOONLIJK,
        Aangifte.NEE,
        [],
    )
    _meldingen(
        2, mei, AMSTERDAM, Ambtstype.RAADSLID, Locatie.ONLINE, Kanaal.EMAIL, Aangifte.NEE, []
    )
    MeldingFactory()  # a concept
    MeldingFactory(ingediend=True, ingediend_op=moment(2024, 12, 31))


def aanvragen_aanmaken():
    beoordelaar = UserFactory(beoordelaar=True)
    tweede = UserFactory(tweede_beoordelaar=True)
    ontvangen = moment(2025, 2, 3)
    for n, dagen in enumerate(DAGEN):
        aanvraag = _aanvraag(
            "1000.00",
            status=AanvraagStatus.VERZONDEN,
            gemeente=gemeente(AMSTERDAM),
            ingediend_op=ontvangen,
            beslistermijn_einde=ontvangen.date() + timedelta(days=56),
        )
        besluit = Besluit.objects.create(
            aanvraag=aanvraag,
            uitkomst=Uitkomst.GEDEELTELIJK_TOEGEKEND,
            motivering="Deels.",
            bedrag_toegekend=Decimal("800.00"),
            status=BesluitStatus.VERZONDEN,
            vierogen_vereist=True,
            opgesteld_door=beoordelaar,
            opgesteld_op=ontvangen,
            goedgekeurd_door=tweede,
            goedgekeurd_op=ontvangen + timedelta(days=dagen - 1),
            verzonden_op=ontvangen + timedelta(days=dagen),
        )
        if n < 4:
            Betaling.objects.create(
                besluit=besluit,
                betaald_op=(ontvangen + timedelta(days=dagen + 5)).date(),
                bedrag=Decimal("800.00"),
                referentie=f"BET-{n}",
                geregistreerd_door=beoordelaar,
            )
        Aanvulverzoek.objects.create(
            aanvraag=aanvraag,
            vraag="Factuur?",
            verzocht_op=ontvangen + timedelta(days=2),
            termijn_tot=ontvangen.date() + timedelta(days=16),
            verzocht_door=beoordelaar,
        )
    for aantal, code, status, bedrag in [
        (3, UTRECHT, AanvraagStatus.IN_BEHANDELING, "500.00"),
        (5, ROTTERDAM, AanvraagStatus.INGEDIEND, "200.00"),
    ]:
        for _ in range(aantal):
            _aanvraag(
                bedrag,
                status=status,
                gemeente=gemeente(code),
                ingediend_op=ontvangen,
                beslistermijn_einde=ontvangen.date() + timedelta(days=56),
            )


def _verzoek(medewerker, op, hulpvormen, beslissing=""):
    """A sent support request of the employee's municipality, received at `op`."""
    verzoek = VerzoekFactory(aangemaakt_door=medewerker, ingediend=True, hulpvormen=hulpvormen)
    status = {
        Beslissing.GEACCEPTEERD: VerzoekStatus.GEACCEPTEERD,
        Beslissing.AFGEWEZEN: VerzoekStatus.AFGEWEZEN,
    }.get(beslissing, VerzoekStatus.INGEDIEND)
    Ondersteuningsverzoek.objects.filter(pk=verzoek.pk).update(
        ingediend_op=op, status=status, beslissing=beslissing
    )
    return verzoek


def ondersteuning_aanmaken():
    medewerkers = {
        code: UserFactory(gemeente_medewerker=True, gemeente=gemeente(code))
        for code in (AMSTERDAM, UTRECHT, ROTTERDAM)
    }
    advies, scenario = [Hulpvorm.ADVIES], [Hulpvorm.ADVIES, Hulpvorm.SCENARIOSESSIE]
    ter_plaatse = [Hulpvorm.AANWEZIGHEID]
    beslissingen = [Beslissing.GEACCEPTEERD] * 7 + [Beslissing.AFGEWEZEN] * 5
    for n, beslissing in enumerate(beslissingen):
        hulp = scenario if n % 2 else advies
        _verzoek(medewerkers[AMSTERDAM], moment(2025, 2, 12), hulp, beslissing)
    for code, aantal, op in [(UTRECHT, 2, moment(2025, 4, 8)), (ROTTERDAM, 6, moment(2025, 8, 4))]:
        for _ in range(aantal):
            _verzoek(medewerkers[code], op, ter_plaatse)
    VerzoekFactory(aangemaakt_door=medewerkers[AMSTERDAM])  # a concept
    _verzoek(medewerkers[AMSTERDAM], moment(2024, 12, 31, 23), advies)
