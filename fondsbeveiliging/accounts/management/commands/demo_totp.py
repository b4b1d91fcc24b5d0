from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from fondsbeveiliging.accounts.totp import current_code, seconds_left


class Command(BaseCommand):
    help = "Print the current six-digit TOTP code of a user's confirmed device (demo use)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        devices = TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True)
        # The login asks for the device named "default" (django-two-factor-auth).
        device = devices.filter(name="default").first() or devices.order_by("id").first()
        if device is None:
            raise CommandError(f"Geen bevestigd TOTP-apparaat voor {email}.")
        self.stdout.write(current_code(device))
        self.stderr.write(f"(nog {seconds_left(device)} seconden geldig)")
