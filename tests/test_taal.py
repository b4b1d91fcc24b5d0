"""The site speaks Dutch whatever language the browser asks for (no translation exists yet)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("taal", ["en", "en-GB,en;q=0.9", "de", "nl-NL"])
def test_page_is_dutch_and_marked_as_such(client, taal):
    html = client.get(reverse("two_factor:login"), HTTP_ACCEPT_LANGUAGE=taal).content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
