"""Demo support requests of the demo municipality (Utrecht), made through the real services.

Three team members (BZK, NCTV, COT), one request waiting for the coordinator and one that
is accepted with a scenario session planned. Idempotent: nothing is added once the demo
municipality has requests.
"""

from datetime import timedelta

from django.utils import timezone

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.accounts.demo import demo_user

from . import services
from .constants import Hulpvorm, Organisatie
from .models import Ondersteuningsverzoek, Teamlid

TEAM = [
    ("Femke Bakker", Organisatie.BZK, "Coördinator ondersteuningsteams", "070 426 60 00"),
    ("Ruben Visser", Organisatie.NCTV, "Adviseur bedreigde bestuurders", "070 751 50 50"),
    ("Noor el Amrani", Organisatie.COT, "Trainer crisisbeheersing", "070 345 00 00"),
]


def _team() -> list[Teamlid]:
    return [
        Teamlid.objects.get_or_create(
            naam=naam,
            defaults={"organisatie": org, "functie": functie, "telefoon": telefoon},
        )[0]
        for naam, org, functie, telefoon in TEAM
    ]


def _verzoek(medewerker, *, titel, dagen, hulpvormen):
    verzoek = services.verzoek_aanmaken(door=medewerker)
    services.verzoek_concept_opslaan(
        verzoek=verzoek,
        door=medewerker,
        gegevens={
            "titel": titel,
            "bijeenkomst_op": timezone.now().replace(hour=18, minute=30, second=0, microsecond=0)
            + timedelta(days=dagen),
            "locatie": "Stadhuis Utrecht, raadzaal",
            "verwacht_aantal": 250,
            "openbaar": True,
            "livestream": True,
            "onderwerp": "Het raadsvoorstel over een nieuwe opvanglocatie voor asielzoekers.",
            "risicosignalen": ["online_oproepen", "eerdere_incidenten"],
            "risico_toelichting": "Oproepen op sociale media om de vergadering te verstoren.",
            "hulpvormen": hulpvormen,
        },
        contactpersonen=[
            {"naam": "Sanne de Vries", "rol": "Griffier", "telefoon": "030 286 00 00"}
        ],
    )
    return services.verzoek_indienen(verzoek=verzoek, door=medewerker)


def demo_data():
    medewerker = demo_user(Rol.GEMEENTE_MEDEWERKER)
    coordinator = demo_user(Rol.TWEEDE_BEOORDELAAR)
    team = _team()
    if Ondersteuningsverzoek.objects.filter(gemeente_id=medewerker.gemeente_id).exists():
        return []
    _verzoek(
        medewerker,
        titel="Informatieavond buurtbewoners",
        dagen=21,
        hulpvormen=[Hulpvorm.ADVIES],
    )
    gepland = _verzoek(
        medewerker,
        titel="Raadsvergadering opvanglocatie",
        dagen=10,
        hulpvormen=[Hulpvorm.ADVIES, Hulpvorm.SCENARIOSESSIE, Hulpvorm.AANWEZIGHEID],
    )
    services.verzoek_accepteren(
        verzoek=gepland, door=coordinator, reden="Het team neemt contact op met de griffier."
    )
    services.team_toewijzen(verzoek=gepland, door=coordinator, teamleden=team)
    services.activiteit_plannen(
        verzoek=gepland,
        door=coordinator,
        soort=Hulpvorm.SCENARIOSESSIE,
        begint_op=gepland.bijeenkomst_op - timedelta(days=5, hours=4),
        eindigt_op=gepland.bijeenkomst_op - timedelta(days=5, hours=1),
        locatie="Stadhuis Utrecht",
        contact=team[1],
        toelichting="Met burgemeester, griffier, politie en de voorzitter van de raad.",
    )
    return ["Ondersteuningsverzoeken: 2 van de gemeente Utrecht (gemeente@..., teamleider@...)."]
