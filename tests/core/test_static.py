"""Static files build as in production (hashed manifest), and the site's CSS is served."""

import pytest
from django.core.management import call_command


def test_collectstatic_with_the_production_manifest_storage(settings, tmp_path):
    """Every CSS reference resolves: a missing file would break `collectstatic` in the image."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "--clear", verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "css/fondsbeveiliging.css" in manifest
    assert "vendor/bootstrap/bootstrap.min.css" in manifest


@pytest.mark.django_db
def test_login_page_links_the_stylesheets(client):
    """The base layout loads Bootstrap and the house style."""
    html = client.get("/account/login/").content.decode()
    assert "vendor/bootstrap/bootstrap.min.css" in html
    assert "css/fondsbeveiliging.css" in html
