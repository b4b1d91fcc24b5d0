"""Browser test harness: Playwright (sync API) driving Debian's Chromium against live_server.

Fixtures for every app's browser tests (names are a contract, keep them):
- `page`: a desktop page (1280x900) whose relative URLs go to the live server;
- `mobile_page`: the same at 375x812 with touch;
- `login_as(page, user, password=DEFAULT_PASSWORD)`: log in through the real login form,
  for users who need 2FA (staff) with a real TOTP code from their "default" device
  (created when missing); returns the page on the landing page;
- `assert_no_axe_violations(page)`: run axe-core on the current page and fail with a list
  of every serious or critical violation;
- `csp_violations`: what the Content-Security-Policy refused on `page` so far; every test
  using `page` or `mobile_page` also fails when any page it opened reported a violation.
Mark browser tests `@pytest.mark.browser`. They use transactional database access (the live
server runs in another thread) with serialized rollback, so the data migrations' rows
(municipalities, role groups) are there in every test.
"""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import (
    AXE_JS,
    axe_violations,
    format_violations,
    login_through_form,
    watch_csp_violations,
)

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls
# unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser(serialized_db_contents):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (scripts/browser-deps.sh)")
    if not AXE_JS.exists():
        pytest.fail("axe-core missing: run `npm ci --prefix tests/browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        _keep_serialized_contents(serialized_db_contents)
        yield browser
        browser.close()


SERIALIZED = "_test_serialized_contents"


@pytest.fixture(scope="session")
def serialized_db_contents(django_db_setup, django_db_blocker):
    """The migrated data that Django serialized at test-database creation (None if not)."""
    from django.db import connections

    return getattr(connections["default"], SERIALIZED, None)


def _keep_serialized_contents(contents):
    # Playwright's sync API leaves its event loop registered as the running loop of this
    # thread, so Django's thread-critical `connections` switches to context-local storage
    # and hands out a new connection object: one without the serialized copy of the
    # migrated data that Django keeps on the original. Without it a flush re-runs
    # post_migrate and every later serialized-rollback test, in any app, restores nothing
    # (no municipalities). Put the copy on the connection object now in use.
    from django.db import connections

    connection = connections["default"]
    if contents is not None and not hasattr(connection, SERIALIZED):
        setattr(connection, SERIALIZED, contents)


@pytest.fixture
def reference_data(django_db_serialized_rollback, transactional_db, serialized_db_contents):
    """Reference data (municipalities, role groups) as after migrate.

    Live-server tests need transactional database access, and Django flushes the tables
    after each such test. Serialized rollback puts the migrated data back before the next
    one; every transactional test must use it, or content types recreated by a plain flush
    clash with the restored ones. The explicit load below is a safety net.
    """
    from fondsbeveiliging.accounts.roles import ensure_role_groups
    from fondsbeveiliging.gemeenten.loader import (
        DEFAULT_CSV,
        DEFAULT_GELDIG_VAN,
        load_gemeenten,
        read_gemeenten_csv,
    )
    from fondsbeveiliging.gemeenten.models import Gemeente

    _keep_serialized_contents(serialized_db_contents)
    if not Gemeente.objects.exists():
        load_gemeenten(Gemeente, read_gemeenten_csv(DEFAULT_CSV), DEFAULT_GELDIG_VAN)
    ensure_role_groups()
    yield
    _keep_serialized_contents(serialized_db_contents)


def _new_page(browser, live_server, viewport, **options):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="nl-NL", **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.csp_violations = watch_csp_violations(page)
    return context, page


def _close(context, page):
    violations = list(page.csp_violations)
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(browser, live_server, reference_data):
    context, page = _new_page(browser, live_server, DESKTOP)
    yield page
    _close(context, page)


@pytest.fixture
def mobile_page(browser, live_server, reference_data):
    context, page = _new_page(browser, live_server, MOBILE, is_mobile=True, has_touch=True)
    yield page
    _close(context, page)


@pytest.fixture
def csp_violations(page):
    return page.csp_violations


@pytest.fixture
def login_as(live_server):
    return login_through_form


@pytest.fixture
def assert_no_axe_violations():
    def check(page):
        violations = axe_violations(page)
        assert not violations, format_violations(page.url, violations)

    return check
