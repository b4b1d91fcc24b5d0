"""Render a Django template to a PDF with WeasyPrint; knows nothing about what the PDF says.

One entry point, `render_pdf(template_name, context) -> bytes`. WeasyPrint is imported inside
functions only (importing it costs ~0.45 s and needs Pango). Per process we keep one
`FontConfiguration` and one parsed letter stylesheet (`assets/brief.css`, which registers the
shipped Source Sans 3 fonts); `warm_up()` builds them and renders a tiny page, and is
connected to Celery's `worker_process_init` by the app that renders (`aanvragen/brieven/tasks.py`).

Security: every URL WeasyPrint wants (stylesheet, font, image) goes through `AssetFetcher`,
which serves only regular files under `ASSETS_DIR` from disk and raises for everything else
(http(s), ftp, data:, file:// outside the folder, `..` traversal, symlinks out). A refused
fetch stops the render (fail_on_errors): our own templates reference only assets, so a
refusal means injected markup or a template bug, never something to skip silently.

Speed: if WeasyPrint subsets fonts with fontTools instead of HarfBuzz (Debian package
`libharfbuzz-subset0` missing) letters are ~3x slower; we log an error, and raise
`FontSubsetFallbackError` when `settings.BRIEVEN_STRICT_FONTS` is on (tests).
"""

from __future__ import annotations

import atexit
import logging
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string

from fondsbeveiliging.core.geheugen import met_ruime_framestapel

logger = logging.getLogger(__name__)

ASSETS_DIR = (Path(__file__).resolve().parent / "assets").resolve()
STYLESHEET = ASSETS_DIR / "brief.css"
DEFAULT_PDF_VARIANT = "pdf/a-2a"
FONTTOOLS_FALLBACK_MESSAGE = "Using fontTools instead of HarfBuzz-Subset"

_lock = threading.RLock()  # builders nest (stylesheet -> fetcher, fonts)
_cache: dict[str, object] = {}
# Drop WeasyPrint objects before interpreter teardown (FontConfiguration.__del__ needs
# its modules still loaded).
atexit.register(_cache.clear)


class AssetRefusedError(ValueError):
    """WeasyPrint asked for a URL that is not one of our letter assets."""


class FontSubsetFallbackError(RuntimeError):
    """WeasyPrint fell back to fontTools for font subsetting (libharfbuzz-subset missing)."""


def assets_base_url() -> str:
    """Return the file:// URL of the assets folder, with a trailing slash (the base URL)."""
    return ASSETS_DIR.as_uri() + "/"


def resolve_asset(url: str) -> Path:
    """Return the file under ASSETS_DIR that `url` names, or raise AssetRefusedError."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise AssetRefusedError(f"Only letter assets may be fetched, refused: {url[:200]}")
    raw_path = unquote(parts.path)
    if "\x00" in raw_path or ".." in Path(raw_path).parts:
        raise AssetRefusedError(f"Path traversal refused: {url[:200]}")
    path = Path(raw_path).resolve()
    if not path.is_relative_to(ASSETS_DIR) or not path.is_file():
        raise AssetRefusedError(f"Not a letter asset, refused: {url[:200]}")
    return path


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that serves only files under ASSETS_DIR, from disk."""

        def __init__(self):
            # No network handlers are ever used: fetch() below never calls urllib.
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self._fail_on_errors = True

        def fetch(self, url, headers=None):
            path = resolve_asset(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

    return AssetFetcher


def get_fetcher():
    """Return the per-process asset fetcher."""
    return _cached("fetcher", lambda: _fetcher_class()())


def _cached(key: str, build):
    value = _cache.get(key)
    if value is None:
        with _lock:
            value = _cache.get(key)
            if value is None:
                value = _cache[key] = build()
    return value


def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return _cached("font_config", FontConfiguration)


def _stylesheet():
    def build():
        from weasyprint import CSS

        return CSS(
            filename=str(STYLESHEET),
            base_url=assets_base_url(),
            url_fetcher=get_fetcher(),
            font_config=_font_config(),
        )

    return _cached("stylesheet", build)


def pdf_variant() -> str:
    """Return the PDF variant of letters: PDF/A-2a (archival and tagged) unless configured."""
    return getattr(settings, "BRIEVEN_PDF_VARIANT", DEFAULT_PDF_VARIANT)


class _FontToolsFallbackFilter(logging.Filter):
    """Escalate WeasyPrint's fontTools fallback warning to an error (or an exception)."""

    def filter(self, record):
        if str(record.msg).startswith(FONTTOOLS_FALLBACK_MESSAGE):
            logger.error(
                "brieven.font_subset_fallback: WeasyPrint uses fontTools, letters render "
                "~3x slower; install libharfbuzz-subset0 (scripts/system-deps.sh)"
            )
            if getattr(settings, "BRIEVEN_STRICT_FONTS", False):
                raise FontSubsetFallbackError(record.getMessage())
        return True


def _install_fallback_filter() -> None:
    weasyprint_logger = logging.getLogger("weasyprint")
    if not any(isinstance(f, _FontToolsFallbackFilter) for f in weasyprint_logger.filters):
        weasyprint_logger.addFilter(_FontToolsFallbackFilter())


def html_to_pdf(html: str) -> bytes:
    """Return the PDF for letter HTML, with the shared fonts, stylesheet and asset fetcher.

    The HTML must come from our own templates (user text escaped); relative URLs resolve
    against ASSETS_DIR. The layout's deep recursion runs in a frame block of its own, so a
    letter renders as fast whatever the caller's stack depth (`core.geheugen`).
    """
    return met_ruime_framestapel(_html_to_pdf, html)


def _html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    _install_fallback_filter()
    document = HTML(string=html, base_url=assets_base_url(), url_fetcher=get_fetcher())
    return document.write_pdf(
        stylesheets=[_stylesheet()],
        font_config=_font_config(),
        pdf_variant=pdf_variant(),
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template (autoescaped) to HTML and that HTML to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context))


def harfbuzz_subset_available() -> bool:
    """Return True if WeasyPrint can subset fonts with HarfBuzz (fast path)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def warm_up() -> None:
    """Import WeasyPrint, build the per-process fonts and stylesheet, render one tiny page.

    Called once per worker process so that the first real letter costs render time only.
    """
    if not harfbuzz_subset_available():
        logger.error("brieven.harfbuzz_subset_missing: install libharfbuzz-subset0")
    # A document root with a language: a tagged PDF/A page without one is logged as an error.
    html_to_pdf('<html lang="nl"><p class="warm-up">Opwarmen € ĳ</p></html>')
