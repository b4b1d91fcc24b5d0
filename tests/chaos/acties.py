"""The chaos tests' actions, run as a subprocess on the private PostgreSQL cluster.

`python tests/chaos/acties.py <actie> [json]` sets Django up with the environment the test
gives (DATABASE_URL of the private cluster, its own Redis, media folder), does one thing
and prints one line of JSON. Test code only.

- indienen: an office holder submits a complete claim (receipt letter and acknowledgement
  e-mail in the outbox); a second claim stays a draft with an empty cost line to upload to.
- uploaden: upload one evidence file to that cost line. With CHAOS_MARKER and CHAOS_DOOR set,
  the first attempt writes the marker after its file is written (inside its transaction)
  and waits for the door file; a failed attempt is retried (the applicant presses again)
  for up to 20 seconds.
- nasturen: run both sweepers once with their age limit at zero.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def indienen(_):
    from aanvragen.services import aanvraag_indienen, ontvangstbevestiging_sleutel
    from fondsbeveiliging.berichten.models import Bericht
    from tests.aanvragen.factories import AanvraagFactory, KostenpostFactory
    from tests.factories import UserFactory

    ambtsdrager = UserFactory(ambtsdrager=True)
    aanvraag = AanvraagFactory(aanvrager=ambtsdrager, compleet=True)
    aanvraag = aanvraag_indienen(aanvraag=aanvraag, door=ambtsdrager)
    concept = AanvraagFactory(aanvrager=ambtsdrager)
    regel = KostenpostFactory(aanvraag=concept, bewijs=False)
    bericht = Bericht.objects.get(sleutel=ontvangstbevestiging_sleutel(aanvraag.pk))
    return {
        "aanvraag": aanvraag.pk,
        "kenmerk": aanvraag.kenmerk,
        "brief": aanvraag.brieven.get().pk,
        "bericht": bericht.pk,
        "onderwerp": bericht.onderwerp,
        "kostenpost": regel.pk,
        "ambtsdrager": ambtsdrager.pk,
    }


def _eerste_keer_wachten(storage):
    """Pause the first upload after its file is written, until the test opens the door."""
    marker, door = os.environ["CHAOS_MARKER"], os.environ["CHAOS_DOOR"]
    origineel = storage.save

    def save(*args, **kwargs):
        naam = origineel(*args, **kwargs)
        storage.save = origineel
        Path(marker).write_text(naam)
        einde = time.monotonic() + 30
        while time.monotonic() < einde and not Path(door).exists():
            time.sleep(0.05)
        return naam

    storage.save = save


def uploaden(gegevens):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import DatabaseError

    from aanvragen.constants import Bewijstype
    from aanvragen.models import Bewijsstuk, Kostenpost
    from aanvragen.services import bewijsstuk_toevoegen
    from tests.aanvragen.factories import pdf_bytes

    regel = Kostenpost.objects.get(pk=gegevens["kostenpost"])
    door = get_user_model().objects.get(pk=gegevens["ambtsdrager"])
    if os.environ.get("CHAOS_MARKER"):
        _eerste_keer_wachten(Bewijsstuk._meta.get_field("bestand").storage)
    pogingen = []
    einde = time.monotonic() + 20
    while time.monotonic() < einde:
        bestand = SimpleUploadedFile("factuur.pdf", pdf_bytes(), content_type="application/pdf")
        try:
            bewijs = bewijsstuk_toevoegen(
                kostenpost=regel, door=door, bestand=bestand, soort=Bewijstype.FACTUUR
            )
        except DatabaseError as exc:
            pogingen.append({"fout": f"{type(exc).__name__}: {exc}".strip()[:200]})
            time.sleep(0.5)
            continue
        pogingen.append({"bewijsstuk": bewijs.pk, "bestand": bewijs.bestand.name})
        break
    return {"pogingen": pogingen}


def nasturen(_):
    from aanvragen.brieven.tasks import brieven_nasturen_task
    from fondsbeveiliging.berichten.tasks import berichten_nasturen_task

    return {"brieven": brieven_nasturen_task(), "berichten": berichten_nasturen_task()}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fondsbeveiliging.settings")
    import django

    django.setup()
    actie = {"indienen": indienen, "uploaden": uploaden, "nasturen": nasturen}[sys.argv[1]]
    gegevens = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(actie(gegevens)))


if __name__ == "__main__":
    main()
