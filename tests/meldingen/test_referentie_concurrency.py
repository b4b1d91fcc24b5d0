"""References stay unique and gap-free when many office holders send at the same moment."""

import threading

import pytest
from django.db import connection

from fondsbeveiliging.berichten.models import Bericht
from fondsbeveiliging.berichten.tasks import bericht_versturen_task
from meldingen import services
from meldingen.models import Melding
from tests.factories import UserFactory
from tests.meldingen.factories import MeldingFactory

AANTAL = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_get_unique_consecutive_references(monkeypatch):
    monkeypatch.setattr(bericht_versturen_task, "delay", lambda *a: None)  # off the broker
    meldingen = [MeldingFactory(eigenaar=UserFactory(ambtsdrager=True)) for _ in range(AANTAL)]
    barrier = threading.Barrier(AANTAL)
    errors = []

    def indienen(melding_id):
        try:
            melding = Melding.objects.select_related("eigenaar").get(pk=melding_id)
            barrier.wait(timeout=10)
            services.melding_indienen(melding=melding, door=melding.eigenaar)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=indienen, args=(m.pk,)) for m in meldingen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    refs = sorted(Melding.objects.values_list("referentie", flat=True))
    assert len(set(refs)) == AANTAL
    nummers = [int(ref.rsplit("-", 1)[1]) for ref in refs]
    assert nummers == list(range(nummers[0], nummers[0] + AANTAL))
    # Each sending transaction stored exactly one message to the team.
    sleutels = set(Bericht.objects.values_list("sleutel", flat=True))
    assert sleutels == {f"melding:{m.pk}:bzk_team" for m in meldingen}
