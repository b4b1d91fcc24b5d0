"""The coordinator's queue: the soonest meeting first, then arrival; constant query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ondersteuning.constants import VerzoekStatus
from tests.ondersteuning.factories import VerzoekFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:ondersteuning_ondersteuningsverzoek_changelist")


def _kenmerken(response) -> list[str]:
    return [row.kenmerk for row in response.context["cl"].result_list]


def test_meeting_in_3_days_comes_before_one_in_3_weeks(coordinator, verified_client):
    """Arrival order does not matter; equal meeting times keep arrival order."""
    nu = timezone.now()
    later = VerzoekFactory(ingediend=True, bijeenkomst_op=nu + timedelta(weeks=3))
    later.ingediend_op = nu - timedelta(days=5)
    later.save()
    zelfde_eerst = VerzoekFactory(
        ingediend=True, bijeenkomst_op=nu + timedelta(days=10), ingediend_op=nu - timedelta(days=2)
    )
    zelfde_later = VerzoekFactory(
        ingediend=True, bijeenkomst_op=nu + timedelta(days=10), ingediend_op=nu - timedelta(days=1)
    )
    snel = VerzoekFactory(ingediend=True, bijeenkomst_op=nu + timedelta(days=3))
    VerzoekFactory()  # a concept never shows
    afgewezen = VerzoekFactory(ingediend=True, bijeenkomst_op=nu + timedelta(days=1))
    type(afgewezen).objects.filter(pk=afgewezen.pk).update(status=VerzoekStatus.AFGEWEZEN)

    response = verified_client(coordinator).get(URL)
    assert _kenmerken(response) == [
        snel.kenmerk,
        zelfde_eerst.kenmerk,
        zelfde_later.kenmerk,
        later.kenmerk,
    ]
    alle = verified_client(coordinator).get(URL, {"status": "alle"})
    assert _kenmerken(alle)[0] == afgewezen.kenmerk


def test_the_query_count_does_not_grow_with_the_number_of_requests(
    coordinator, verified_client, django_assert_num_queries
):
    """3 requests or 40 on the page: the same number of queries."""
    client = verified_client(coordinator)
    VerzoekFactory.create_batch(3, ingediend=True)
    client.get(URL)  # warm the session and content types
    with CaptureQueriesContext(connection) as weinig:
        assert len(_kenmerken(client.get(URL))) == 3
    VerzoekFactory.create_batch(37, ingediend=True)
    with django_assert_num_queries(len(weinig.captured_queries)):
        assert len(_kenmerken(client.get(URL))) == 40
