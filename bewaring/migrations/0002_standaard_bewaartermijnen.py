"""The default retention schedule (proposals for BZK's records manager, see README) and the
append-only trigger function that lets a destruction transaction delete history rows."""

from django.db import migrations

from fondsbeveiliging.core.db import append_only_functie_bijwerken

# (soort, jaren, dagen, ingang, vanaf einde kalenderjaar, grondslag)
STANDAARD = [
    (
        "melding",
        5,
        0,
        "melding_afgerond",
        False,
        "Voorstel. Archiefwet 1995 art. 3 en 5; in de stijl van de selectielijst: meldingen "
        "zonder aanvraag dienen beleidsinformatie en eventuele opvolging, 5 jaar na "
        "afhandeling volstaat. AVG art. 5 lid 1 onder e: niet langer dan nodig. Een melding "
        "die aan een aanvraag is gekoppeld, volgt de aanvraag.",
    ),
    (
        "aanvraag",
        7,
        0,
        "zaak_afgesloten",
        False,
        "Voorstel. Archiefwet 1995 art. 5; selectielijst-categorie 'verlenen van een "
        "financiële bijdrage': vernietigen 7 jaar na afsluiten van de zaak (na het verstrijken "
        "van bezwaar- en beroepstermijnen en de controle door de Auditdienst Rijk). Geldt voor "
        "het hele dossier: besluiten, brieven, bewijsstukken, aanvullingen en historie.",
    ),
    (
        "betaling",
        7,
        0,
        "laatste_betaling",
        True,
        "Voorstel. Fiscale bewaarplicht (AWR art. 52 lid 4): 7 jaar, gerekend vanaf het einde "
        "van het jaar van de betaling; ook Comptabiliteitswet 2016. Een aanvraag met een "
        "betaling blijft bewaard tot ook deze termijn voorbij is.",
    ),
    (
        "concept_melding",
        0,
        90,
        "laatste_wijziging",
        False,
        "Voorstel. AVG art. 5 lid 1 onder c en e: een nooit verstuurd concept is geen "
        "overheidsdocument dat BZK heeft ontvangen; 90 dagen na de laatste wijziging, met "
        "een waarschuwing per e-mail twee weken vooraf.",
    ),
    (
        "concept_aanvraag",
        0,
        90,
        "laatste_wijziging",
        False,
        "Voorstel. Als concept-melding: 90 dagen na de laatste wijziging, met een "
        "waarschuwing per e-mail twee weken vooraf.",
    ),
    (
        "bericht",
        1,
        0,
        "aangemaakt",
        False,
        "Voorstel. De outbox bewijst dat een bericht is verstuurd; de brieven zelf hebben "
        "hun eigen verzendlog. 1 jaar volstaat (AVG art. 5 lid 1 onder e).",
    ),
    (
        "inzage",
        2,
        0,
        "aangemaakt",
        False,
        "Voorstel. BIO 12.4 (logging): logs bewaren zolang nodig voor onderzoek naar "
        "incidenten en voor het inzagerecht van de ambtsdrager (AVG art. 15); 2 jaar.",
    ),
    (
        "account",
        1,
        0,
        "ambt_beeindigd",
        False,
        "Voorstel. Het account van een ambtsdrager van wie het ambt is beëindigd, 1 jaar na "
        "het einde van het ambt en pas als er geen meldingen of aanvragen meer van hem of "
        "haar zijn (AVG art. 5 lid 1 onder e).",
    ),
    (
        "vernietigingsverslag",
        20,
        0,
        "verslag_gemaakt",
        False,
        "Voorstel. Archiefwet 1995 art. 3 en Archiefbesluit 1995 art. 8: de verklaring van "
        "vernietiging verantwoordt de vernietiging; 20 jaar, de overbrengingstermijn.",
    ),
]


def standaard_aanmaken(apps, schema_editor):
    Bewaartermijn = apps.get_model("bewaring", "Bewaartermijn")
    for soort, jaren, dagen, ingang, einde_jaar, grondslag in STANDAARD:
        Bewaartermijn.objects.get_or_create(
            soort=soort,
            defaults={
                "jaren": jaren,
                "dagen": dagen,
                "ingang": ingang,
                "vanaf_einde_jaar": einde_jaar,
                "grondslag": grondslag,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bewaring", "0001_initial"),
        ("audit", "0002_append_only_trigger"),
        ("aanvragen", "0002_statushistorie_append_only"),
        ("meldingen", "0001_initial"),
    ]

    operations = [
        append_only_functie_bijwerken(),
        migrations.RunPython(standaard_aanmaken, migrations.RunPython.noop),
    ]
