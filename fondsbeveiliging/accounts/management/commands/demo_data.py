"""Create demo data for every app and print the demo logins.

Idempotent: running it again resets the demo users' passwords and TOTP keys and leaves
everything else as it is.

Extending it: any installed app may have a module `<app>.demo` with a function
`demo_data()` that takes no arguments and creates that app's demo records idempotently
(get_or_create / update_or_create). The command calls them in INSTALLED_APPS order, so the
accounts app's users exist before later apps run; use
`fondsbeveiliging.accounts.demo.demo_user(Rol.X)` to fetch a demo user. A `demo_data()` may
return an iterable of lines; they are printed after the table of logins.
"""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from fondsbeveiliging.accounts.demo import DEMO_DEVICE_NAME, DEMO_PASSWORD, DEMO_USERS
from fondsbeveiliging.accounts.models import User
from fondsbeveiliging.accounts.totp import base32_secret


def demo_modules():
    """Yield the `<app>.demo` modules of installed apps that define `demo_data()`."""
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.demo"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if callable(getattr(module, "demo_data", None)):
            yield module


class Command(BaseCommand):
    help = "Create demo users (one per role) and every app's demo data; print the logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--alleen-tonen",
            action="store_true",
            help="Only print the logins of existing demo users; change nothing.",
        )
        parser.add_argument("--url", default=settings.SITE_URL, help="Site URL to print.")

    def handle(self, *args, alleen_tonen=False, url="", **options):
        extra_lines = [] if alleen_tonen else self._create_all()
        self._print_table(url.rstrip("/") + "/")
        for line in extra_lines:
            self.stdout.write(str(line))

    def _create_all(self) -> list:
        lines = []
        with transaction.atomic():
            for module in demo_modules():
                lines.extend(module.demo_data() or [])
        return lines

    def _print_table(self, url: str) -> None:
        rows = [("e-mailadres", "wachtwoord", "rol", "TOTP-geheim (base32)")]
        for spec in DEMO_USERS:
            user = User.objects.filter(email=spec.email).first()
            if user is None:
                continue
            device = TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE_NAME).first()
            secret = base32_secret(device) if device else "-"
            rows.append((spec.email, DEMO_PASSWORD, user.get_rol_display(), secret))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write(f"\nDemo-omgeving: {url}  (inloggen: {url}account/login/)\n")
        for index, row in enumerate(rows):
            line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            self.stdout.write(line.rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write(
            "\nBZK-medewerkers loggen in met een code uit een authenticator-app: voeg het "
            "TOTP-geheim toe aan de app, of toon de huidige code met\n"
            "  uv run --frozen python manage.py demo_totp <e-mailadres>\n"
        )
