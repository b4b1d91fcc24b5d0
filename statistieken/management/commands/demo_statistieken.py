"""Add a few thousand fictitious meldingen and claims so the statistics page shows something.

    python manage.py demo_statistieken [--meldingen 3000] [--aanvragen 2000]

Additive (each run adds more), fast (bulk inserts), never part of `make run`; see
`statistieken/voorbeelddata.py`. Development and demo databases only.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from statistieken.voorbeelddata import voorbeelddata_aanmaken


class Command(BaseCommand):
    help = "Voeg fictieve meldingen en aanvragen toe voor de statistiekenpagina (demo)."

    def add_arguments(self, parser):
        parser.add_argument("--meldingen", type=int, default=3000)
        parser.add_argument("--aanvragen", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            help="Ook draaien als DEBUG uit staat (nooit op productie).",
        )

    def handle(self, *args, meldingen, aanvragen, seed, ook_zonder_debug, **options):
        if not settings.DEBUG and not ook_zonder_debug:
            raise CommandError(
                "DEBUG staat uit: dit lijkt geen ontwikkelomgeving. Gebruik --ook-zonder-debug "
                "alleen op een demo-database."
            )
        voorbeelddata_aanmaken(
            meldingen=meldingen, aanvragen=aanvragen, seed=seed, uitvoer=self.stdout.write
        )
        self.stdout.write(self.style.SUCCESS("Klaar: zie Backoffice → Statistieken."))
