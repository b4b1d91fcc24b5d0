from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fondsbeveiliging.gemeenten.loader import load_gemeenten, read_gemeenten_csv
from fondsbeveiliging.gemeenten.models import Gemeente


class Command(BaseCommand):
    help = (
        "Load a newer CBS municipality list (CSV with gemeentecode,naam,provincie). "
        "Codes absent from the new list are ended with geldig_tot, never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path)
        parser.add_argument(
            "--geldig-van",
            type=date.fromisoformat,
            required=True,
            help="Date from which the new division applies (YYYY-MM-DD), e.g. 2026-01-01.",
        )

    def handle(self, *args, **options):
        try:
            rows = read_gemeenten_csv(options["csv"])
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"Kan de lijst niet lezen: {exc}") from exc
        with transaction.atomic():
            result = load_gemeenten(Gemeente, rows, options["geldig_van"])
        self.stdout.write(
            f"{len(result.toegevoegd)} toegevoegd, {len(result.bijgewerkt)} bijgewerkt, "
            f"{len(result.beeindigd)} beëindigd ({', '.join(result.beeindigd) or '-'})."
        )
