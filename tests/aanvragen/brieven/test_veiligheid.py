"""Safe rendering: escaped user text, an asset-only URL fetcher, loud font fallbacks."""

import logging
import select
import socket
from contextlib import contextmanager

import pytest
from django.template.loader import render_to_string
from weasyprint.urls import FatalURLFetchingError

from aanvragen.brieven import voorbeelden
from aanvragen.brieven.context import Geadresseerde, Kostenregel, Zienswijze, render_brief
from fondsbeveiliging.opmaak import pdf as pdf_module
from fondsbeveiliging.opmaak.pdf import (
    ASSETS_DIR,
    AssetRefusedError,
    FontSubsetFallbackError,
    get_fetcher,
    html_to_pdf,
    resolve_asset,
)
from tests.aanvragen.brieven.conftest import pdf_tekst

FONT_URL = (ASSETS_DIR / "fonts" / "SourceSans3-Regular.ttf").as_uri()


@contextmanager
def luisteraar():
    """A local TCP listener on a free port; yields (port, function returning True if hit)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(5)

    def is_benaderd(wachten=0.3):
        leesbaar, _, _ = select.select([server], [], [], wachten)
        return bool(leesbaar)

    try:
        yield server.getsockname()[1], is_benaderd
    finally:
        server.close()


@pytest.fixture
def fetcher_spion(verse_renderer, monkeypatch):
    """Record every URL WeasyPrint asks the (fresh, per-process) fetcher for."""
    fetcher = get_fetcher()
    origineel = fetcher.fetch
    gevraagd = []

    def spion(url, headers=None):
        gevraagd.append(url)
        return origineel(url, headers)

    monkeypatch.setattr(fetcher, "fetch", spion)
    return gevraagd


def kwaadaardig(port: int) -> str:
    return (
        '<img src="file:///etc/passwd"> '
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x"> '
        f"<style>@import url(http://127.0.0.1:{port}/y);</style> "
        f'<img src="http://127.0.0.1:{port}/z.png"> <base href="http://127.0.0.1:{port}/">'
    )


class TestGebruikerstekst:
    def test_html_in_motivation_becomes_plain_text(self, fetcher_spion):
        """Markup in user text is printed literally and nothing outside the assets is fetched."""
        with luisteraar() as (port, is_benaderd):
            tekst = kwaadaardig(port)
            besluit = voorbeelden.besluit(
                motivering=tekst,
                geadresseerde=Geadresseerde(naam=tekst, adresregels=(tekst,)),
                kostenregels=(
                    Kostenregel(
                        categorie=tekst,
                        omschrijving=tekst,
                        aangevraagd=voorbeelden.KOSTENREGELS[0].aangevraagd,
                        toegekend=voorbeelden.KOSTENREGELS[0].toegekend,
                        reden=tekst,
                    ),
                ),
                zienswijze=Zienswijze(
                    gevraagd_op=voorbeelden.besluit().zienswijze.gevraagd_op,
                    gegeven_op=voorbeelden.besluit().zienswijze.gegeven_op,
                    samenvatting=tekst,
                    reactie=tekst,
                ),
            )
            pdf_bytes = render_brief(besluit)
            assert not is_benaderd(), "the renderer connected to the local listener"
        gelezen = pdf_tekst(pdf_bytes)
        assert '<img src="file:///etc/passwd">' in gelezen
        assert f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x">' in gelezen
        assert f"@import url(http://127.0.0.1:{port}/y);" in gelezen
        # The spy works (the fresh stylesheet fetched its fonts) and saw only assets.
        assert fetcher_spion, "the spy recorded nothing: is it wired?"
        assert all(url.startswith(ASSETS_DIR.as_uri() + "/") for url in fetcher_spion)
        assert not [url for url in fetcher_spion if "127.0.0.1" in url or "passwd" in url]

    def test_template_escapes(self):
        """The HTML handed to WeasyPrint holds escaped text, never live tags."""
        html = render_to_string(
            "brieven/besluit.html", {"brief": voorbeelden.besluit(motivering=kwaadaardig(9))}
        )
        assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
        assert "<img" not in html
        assert "<base" not in html
        assert "<link" not in html


class TestFetcherWeigert:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:9/x",
            "https://example.org/logo.svg",
            "ftp://127.0.0.1/x",
            "data:text/css,body{}",
            "data:image/svg+xml;base64,PHN2Zy8+",
            "file:///etc/passwd",
            "file://remotehost/etc/passwd",
            f"{ASSETS_DIR.as_uri()}/../pdf.py",
            f"{ASSETS_DIR.as_uri()}/fonts/../../pdf.py",
            f"{ASSETS_DIR.as_uri()}/%2e%2e/pdf.py",
            f"{ASSETS_DIR.as_uri()}/fonts/%2E%2E/%2E%2E/pdf.py",
            f"{ASSETS_DIR.as_uri()}/fonts/bestaat-niet.ttf",
            f"{ASSETS_DIR.as_uri()}/fonts",
            f"{ASSETS_DIR.as_uri()}x/brief.css",  # a sibling folder whose name starts alike
            "/etc/passwd",
            "brief.css",
        ],
    )
    def test_refuses(self, url):
        """Anything but an existing file inside the assets folder is refused by raising."""
        with pytest.raises(AssetRefusedError):
            resolve_asset(url)
        with pytest.raises(AssetRefusedError):
            get_fetcher().fetch(url)

    def test_symlink_to_outside_is_refused(self, tmp_path, monkeypatch):
        """A symlink inside the assets folder that points outside it is refused."""
        assets = tmp_path / "assets"
        assets.mkdir()
        (tmp_path / "geheim.txt").write_text("geheim")
        (assets / "link.css").symlink_to(tmp_path / "geheim.txt")
        monkeypatch.setattr(pdf_module, "ASSETS_DIR", assets.resolve())
        with pytest.raises(AssetRefusedError):
            resolve_asset((assets / "link.css").as_uri())

    def test_serves_the_shipped_font(self):
        """A shipped asset is served from disk with its type."""
        antwoord = get_fetcher().fetch(FONT_URL)
        try:
            assert antwoord.read(4) == b"\x00\x01\x00\x00"
            assert antwoord.content_type in ("font/ttf", "application/x-font-ttf")
        finally:
            antwoord.close()

    def test_no_http_connection(self):
        """Refusing an http URL opens no connection."""
        with luisteraar() as (port, is_benaderd):
            with pytest.raises(AssetRefusedError):
                get_fetcher().fetch(f"http://127.0.0.1:{port}/x")
            assert not is_benaderd(0.1)

    @pytest.mark.parametrize(
        "markup",
        [
            '<img src="http://127.0.0.1:{port}/a.png">',
            '<link rel="stylesheet" href="http://127.0.0.1:{port}/b.css">',
            "<style>@import url(http://127.0.0.1:{port}/c.css);</style>",
            '<img src="file:///etc/passwd">',
            '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
            '<link rel="stylesheet" href="../pdf.py">',
        ],
    )
    def test_unsafe_markup_stops_the_render(self, markup):
        """Should live markup ever reach WeasyPrint, the fetch is refused and the render stops."""
        with luisteraar() as (port, is_benaderd):
            with pytest.raises(FatalURLFetchingError):
                html_to_pdf(f"<p>Tekst</p>{markup.format(port=port)}")
            assert not is_benaderd(0.1)


class TestFontSubsetting:
    def test_harfbuzz_subset_available(self):
        """libharfbuzz-subset0 is installed (scripts/system-deps.sh): the fast path is used."""
        assert pdf_module.harfbuzz_subset_available()

    def test_fonttools_fallback_is_an_error_in_tests(self):
        """With strict fonts on, WeasyPrint's fontTools fallback warning raises."""
        pdf_module._install_fallback_filter()
        with pytest.raises(FontSubsetFallbackError):
            logging.getLogger("weasyprint").warning(
                'Using fontTools instead of HarfBuzz-Subset for font "%s". This will be '
                "unsupported in future versions of WeasyPrint.",
                "Source Sans 3",
            )

    def test_fonttools_fallback_logs_an_error(self, settings, caplog):
        """In production the fallback is logged as an error, and the letter still renders."""
        settings.BRIEVEN_STRICT_FONTS = False
        pdf_module._install_fallback_filter()
        with caplog.at_level(logging.ERROR, logger="fondsbeveiliging.opmaak.pdf"):
            logging.getLogger("weasyprint").warning(
                'Using fontTools instead of HarfBuzz-Subset for font "%s".', "Source Sans 3"
            )
        assert "brieven.font_subset_fallback" in caplog.text

    def test_real_render_does_not_fall_back(self, caplog):
        """A real render logs no fontTools fallback."""
        with caplog.at_level(logging.WARNING):
            render_brief(voorbeelden.ontvangstbevestiging())
        assert "fontTools" not in caplog.text


class TestHergebruik:
    def test_fonts_and_css_once_per_process(self, verse_renderer):
        """Two letters share one FontConfiguration and one parsed stylesheet."""
        render_brief(voorbeelden.ontvangstbevestiging())
        eerste = (pdf_module._font_config(), pdf_module._stylesheet(), get_fetcher())
        render_brief(voorbeelden.verdaging())
        assert (pdf_module._font_config(), pdf_module._stylesheet(), get_fetcher()) == eerste

    def test_warm_up_at_worker_start(self, verse_renderer, caplog):
        """Celery's worker_process_init warms the renderer up in each worker process, without
        an error in the log (the warm-up page is a tagged PDF/A page with a language too)."""
        from celery.signals import worker_process_init

        from aanvragen.brieven.tasks import warm_up_worker

        # Call our receiver only: sending the signal would run other apps' receivers too.
        assert warm_up_worker in [ref() for _, ref in worker_process_init.receivers]
        assert "stylesheet" not in pdf_module._cache
        with caplog.at_level(logging.WARNING):
            warm_up_worker(sender=None)
        assert {"fetcher", "font_config", "stylesheet"} <= set(pdf_module._cache)
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_celery_autodiscovery_connects_warm_up():
    """The worker's task autodiscovery imports brieven.tasks, which connects the warm-up."""
    import sys

    from celery.signals import worker_process_init

    from fondsbeveiliging.celery import app

    app.loader.import_default_modules()
    assert "aanvragen.brieven.tasks" in sys.modules
    assert any(key[0] == "brieven_warm_up" for key, _ in worker_process_init.receivers)
