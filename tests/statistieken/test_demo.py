"""The demo command adds fictitious meldingen and claims that the statistics count."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from aanvragen.models import Aanvraag, Besluit
from meldingen.models import Melding
from statistieken.periode import Periode
from statistieken.secties import secties_vullen

pytestmark = pytest.mark.django_db


def test_demo_command_adds_fictitious_records_every_run(settings):
    settings.DEBUG = True
    call_command("demo_statistieken", meldingen=300, aanvragen=200)
    call_command("demo_statistieken", meldingen=300, aanvragen=200, seed=7)

    assert Melding.objects.filter(referentie__startswith="MD-").count() == 600
    assert Aanvraag.objects.filter(kenmerk__startswith="FD-").count() == 400
    assert Besluit.objects.filter(aanvraag__kenmerk__startswith="FD-").exists()
    assert not Melding.objects.filter(eigenaar__is_active=True).exists()
    jaren = {m.year for m in Melding.objects.values_list("ingediend_op", flat=True)}
    assert len(jaren) == 3
    provincies = set(Melding.objects.values_list("gemeente__provincie", flat=True))
    assert len(provincies) == 12
    assert secties_vullen(periode=Periode(jaar=max(jaren)))


def test_demo_command_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_statistieken", meldingen=1, aanvragen=1)
