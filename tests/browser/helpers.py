"""Building blocks for browser tests: the real login form, TOTP codes, axe-core, page width
and screenshots."""

import os
import time
from pathlib import Path

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fondsbeveiliging.accounts.middleware import requires_two_factor
from tests.factories import DEFAULT_PASSWORD

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
LOGIN_PATH = "/account/login/"


def default_device(user) -> TOTPDevice:
    """The user's confirmed "default" device (the one two_factor asks for), created if none."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": True}
    )
    return device


def fresh_totp_code(device: TOTPDevice) -> str:
    """A code the device will accept now: never one already used (django-otp refuses reuse).

    Uses the next time step (within the default tolerance of one step) when the current one
    was already used, and waits only if even that one is taken.
    """
    device.refresh_from_db()
    now = time.time()
    current_t = int((now - device.t0) // device.step)
    wanted_t = max(current_t, device.last_t + 1)
    if wanted_t > current_t + device.tolerance:
        time.sleep((wanted_t - device.tolerance) * device.step + device.t0 - now + 0.1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = device.t0 + wanted_t * device.step
    return f"{totp.token():0{device.digits}d}"


def submit_password(page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Open the login page and submit the password step."""
    page.goto(LOGIN_PATH)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()


def submit_token(page, device: TOTPDevice) -> None:
    """Fill in the current TOTP code on the token step."""
    page.get_by_label("Token").fill(fresh_totp_code(device))
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state()


def login_through_form(page, user, password: str = DEFAULT_PASSWORD):
    """Log in through the real form; users who need 2FA also enter a real TOTP code."""
    device = default_device(user) if requires_two_factor(user) else None
    submit_password(page, user.email, password)
    if device is not None or page.locator('[name="token-otp_token"]').count():
        submit_token(page, device or default_device(user))
    return page


def axe_violations(page, impacts=BLOCKING_IMPACTS) -> list[dict]:
    """Run axe-core on the page; return the violations with one of `impacts`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not added as a <script>: the site's CSP refuses inline
        # scripts, and a refused test helper would read as a CSP violation of the page.
        page.evaluate(AXE_JS.read_text() + "\n;0")
    seen = getattr(page, "csp_violations", None)
    before = len(seen) if seen is not None else 0
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    if seen is not None:
        # axe's CSSOM preload copies @import-ed stylesheets into <style> elements, which the
        # site's CSP rightly refuses: those reports are the test tool's, not the page's.
        del seen[before:]
    return [v for v in results["violations"] if v["impact"] in impacts]


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe: {len(violations)} serious/critical violation(s) on {url}"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


CSP_WATCH_JS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
});
"""


def watch_csp_violations(page) -> list[str]:
    """Collect every CSP violation the page reports (console and securitypolicyviolation).

    Chromium logs a refused inline script or style to the console; the init script also turns
    the DOM event into a console message, so nothing refused goes unnoticed.
    """
    violations: list[str] = []
    page.add_init_script(CSP_WATCH_JS)
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def past_in_breedte(page) -> None:
    """WCAG 1.4.10: the page does not scroll sideways at its viewport's width."""
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= page.viewport_size["width"], (page.url, breedte)


def schermafdruk(page, naam: str) -> None:
    """A full-page screenshot in $SCHERMAFDRUK_MAP when it is set (to look at pages by hand)."""
    if map_ := os.environ.get("SCHERMAFDRUK_MAP"):
        Path(map_).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(map_) / f"{naam}.png"), full_page=True)
