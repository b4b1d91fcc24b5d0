from django.core.management.base import BaseCommand, CommandError

from fondsbeveiliging.accounts.roles import ensure_role_groups, missing_permissions


class Command(BaseCommand):
    help = "Create or update one group per role with exactly the permissions of the role matrix."

    def handle(self, *args, **options):
        ensure_role_groups()
        missing = missing_permissions()
        if missing:
            raise CommandError(f"Unknown permissions in the role matrix: {', '.join(missing)}")
        self.stdout.write("Rolgroepen en rechten zijn bijgewerkt.")
