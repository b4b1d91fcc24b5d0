"""Selectors: possibly related meldingen and claims, and the raw statistics counts."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ondersteuning import selectors
from ondersteuning.constants import Beslissing, VerzoekStatus
from ondersteuning.models import Ondersteuningsverzoek
from tests.aanvragen.factories import AanvraagFactory
from tests.factories import UserFactory, gemeente
from tests.meldingen.factories import MeldingFactory
from tests.ondersteuning.factories import VerzoekFactory

pytestmark = pytest.mark.django_db


class TestMogelijkGerelateerd:
    @pytest.fixture
    def situatie(self, gemeente_medewerker):
        """A meeting in Amsterdam in 14 days; meldingen and claims in and out of the window."""
        verzoek = VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True)
        dag = timezone.localdate(verzoek.bijeenkomst_op)
        wethouder = UserFactory(ambtsdrager=True)  # Amsterdam
        utrecht = UserFactory(ambtsdrager=True, gemeente=gemeente("GM0344"))
        binnen = MeldingFactory(eigenaar=wethouder, ingediend=True, datum_van=dag - timedelta(5))
        ver_weg = MeldingFactory(eigenaar=wethouder, ingediend=True, datum_van=dag - timedelta(60))
        type(ver_weg).objects.filter(pk=ver_weg.pk).update(
            ingediend_op=timezone.now() - timedelta(days=60)
        )
        elders = MeldingFactory(eigenaar=utrecht, ingediend=True, datum_van=dag)
        concept = MeldingFactory(eigenaar=wethouder, datum_van=dag)
        aanvraag = AanvraagFactory(aanvrager=wethouder, ingediend=True)
        return {
            "verzoek": verzoek,
            "zichtbaar": {binnen.referentie, aanvraag.kenmerk},
            "onzichtbaar": {ver_weg.referentie, elders.referentie, str(concept.pk)},
        }

    def test_same_municipality_around_the_meeting_date(self, situatie, coordinator):
        gevonden = selectors.mogelijk_gerelateerd(
            verzoek=situatie["verzoek"], fetched_by=coordinator
        )
        kenmerken = {m.referentie for m in gevonden["meldingen"]} | {
            a.kenmerk for a in gevonden["aanvragen"]
        }
        assert kenmerken == situatie["zichtbaar"]

    def test_only_for_the_coordinator(self, situatie, gemeente_medewerker, beoordelaar):
        for user in (gemeente_medewerker, beoordelaar):
            gevonden = selectors.mogelijk_gerelateerd(verzoek=situatie["verzoek"], fetched_by=user)
            assert gevonden["meldingen"] == [] and gevonden["aanvragen"] == []

    def test_shown_on_the_coordinators_page_never_the_municipalitys(
        self, situatie, coordinator, gemeente_medewerker, client_for
    ):
        verzoek = situatie["verzoek"]
        admin = client_for(coordinator).get(
            reverse("admin:ondersteuning_ondersteuningsverzoek_change", args=[verzoek.pk])
        )
        gemeente_pagina = client_for(gemeente_medewerker).get(
            reverse("ondersteuning:detail", args=[verzoek.uuid])
        )
        for kenmerk in situatie["zichtbaar"]:
            assert kenmerk.encode() in admin.content
            assert kenmerk.encode() not in gemeente_pagina.content


class TestStatistiek:
    def _op(self, verzoek, moment, **velden):
        Ondersteuningsverzoek.objects.filter(pk=verzoek.pk).update(ingediend_op=moment, **velden)

    def test_counts_per_quarter_province_decision_and_kind_of_help(
        self, gemeente_medewerker, andere_gemeente_medewerker
    ):
        tz = timezone.get_current_timezone()
        amsterdam = [
            VerzoekFactory(aangemaakt_door=gemeente_medewerker, ingediend=True) for _ in range(3)
        ]
        utrecht = VerzoekFactory(
            aangemaakt_door=andere_gemeente_medewerker, ingediend=True, hulpvormen=["aanwezigheid"]
        )
        self._op(
            amsterdam[0],
            datetime(2026, 2, 1, 12, tzinfo=tz),
            status=VerzoekStatus.GEACCEPTEERD,
            beslissing=Beslissing.GEACCEPTEERD,
        )
        self._op(
            amsterdam[1],
            datetime(2026, 3, 31, 23, 30, tzinfo=tz),
            status=VerzoekStatus.AFGEWEZEN,
            beslissing=Beslissing.AFGEWEZEN,
        )
        self._op(amsterdam[2], datetime(2026, 4, 1, 0, 30, tzinfo=tz))
        self._op(utrecht, datetime(2026, 7, 1, 9, tzinfo=tz))
        VerzoekFactory()  # a concept is never counted
        buiten = VerzoekFactory(ingediend=True)
        self._op(buiten, datetime(2025, 12, 31, 23, 59, tzinfo=tz))

        stats = selectors.statistiek_ondersteuningsverzoeken(
            van=date(2026, 1, 1), tot=date(2026, 12, 31)
        )

        assert stats == {
            "totaal": 4,
            "per_kwartaal": [
                {"jaar": 2026, "kwartaal": 1, "aantal": 2},
                {"jaar": 2026, "kwartaal": 2, "aantal": 1},
                {"jaar": 2026, "kwartaal": 3, "aantal": 1},
            ],
            "per_provincie": {"Noord-Holland": 3, "Utrecht": 1},
            "beslissing": {"geaccepteerd": 1, "afgewezen": 1, "open": 2},
            "hulpvorm": {"advies": 3, "scenariosessie": 3, "aanwezigheid": 1},
        }

    def test_three_queries_whatever_the_number(
        self, gemeente_medewerker, django_assert_num_queries
    ):
        VerzoekFactory.create_batch(5, aangemaakt_door=gemeente_medewerker, ingediend=True)
        with django_assert_num_queries(3):
            selectors.statistiek_ondersteuningsverzoeken(
                van=timezone.localdate() - timedelta(days=1), tot=timezone.localdate()
            )
