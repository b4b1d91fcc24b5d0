"""The site-wide CSP does not replace the stricter one of a private download."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_download_keeps_its_sandbox_policy(client, ambtsdrager, bijlage):
    client.force_login(ambtsdrager)
    response = client.get(reverse("meldingen:bijlage", args=[bijlage.uuid]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
