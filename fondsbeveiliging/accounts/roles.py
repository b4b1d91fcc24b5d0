"""The role matrix: which Django permissions each role's Group carries.

This table is the single source; README.md documents it. Each app adds its own models'
permissions here. Object-level rules (own cases, own municipality, four-eyes) live in each
app's `permissions.py`, not here.
"""

from django.apps import apps as global_apps
from django.db import transaction

from .constants import Rol

# What an assessor's group carries; the teamleider has the same plus retrying letters.
BEOORDELAAR_RECHTEN: list[str] = [
    # Letters: status, failures and the dispatch log; downloads are logged.
    "brieven.view_brief",
    "brieven.view_verzending",
    "gemeenten.view_gemeente",
    # Meldingen: triage, including the sensitive mental-impact field.
    "meldingen.view_melding",
    "meldingen.behandelen_melding",
    "meldingen.gevoelig_inzien_melding",
    # Aanvragen: read claim files.
    "aanvragen.view_aanvraag",
    "aanvragen.view_kostenpost",
    "aanvragen.view_bewijsstuk",
    "aanvragen.view_aanvulverzoek",
    "aanvragen.view_statuswijziging",
    "aanvragen.view_regeling",
    "aanvragen.view_kostencategorie",
    # Back office: assessments, intended refusals, decisions, payments, objections
    # (changed only through aanvragen.backoffice.services).
    "aanvragen.view_kostenpostbeoordeling",
    "aanvragen.view_voornemen",
    "aanvragen.view_besluit",
    "aanvragen.view_betaling",
    "aanvragen.view_bezwaar",
    # Statistieken: suppressed figures, CSV and the quarterly report (issue 17).
    "statistieken.view_statistieken",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Rol.AMBTSDRAGER: [],
    Rol.GEMEENTE_MEDEWERKER: [],
    Rol.BEOORDELAAR: BEOORDELAAR_RECHTEN,
    Rol.TWEEDE_BEOORDELAAR: [
        *BEOORDELAAR_RECHTEN,
        "brieven.opnieuw_proberen_brief",
        # Ondersteuningsteams: the coordinator (issue 18) handles the municipalities'
        # support requests and keeps the list of team members.
        "ondersteuning.view_ondersteuningsverzoek",
        "ondersteuning.coordineren_ondersteuningsverzoek",
        "ondersteuning.view_teamlid",
        "ondersteuning.add_teamlid",
        "ondersteuning.change_teamlid",
        # Bewaring: a legal hold on a case under appeal; placed and lifted by the teamleider.
        "bewaring.view_bewaarplicht",
        "bewaring.add_bewaarplicht",
        "bewaring.change_bewaarplicht",
    ],
    Rol.FINANCIEEL_MEDEWERKER: [
        # Letters: status, failures and the dispatch log; downloads are logged.
        "brieven.view_brief",
        "brieven.view_verzending",
        "gemeenten.view_gemeente",
        "aanvragen.view_aanvraag",
        "aanvragen.view_regeling",
        "aanvragen.view_besluit",
        "aanvragen.view_betaling",
    ],
    Rol.FUNCTIONEEL_BEHEERDER: [
        # Letters: status, failures and the dispatch log; downloads are logged.
        "brieven.view_brief",
        "brieven.view_verzending",
        "brieven.opnieuw_proberen_brief",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        # An office holder's offices, edited on the user page (never deleted: ended).
        "accounts.view_ambt",
        "accounts.add_ambt",
        "accounts.change_ambt",
        # A staff role given by one beheerder waits for a second (four-eyes).
        "accounts.view_roltoekenning",
        "accounts.change_roltoekenning",
        "gemeenten.view_gemeente",
        "gemeenten.change_gemeente",
        "auditlog.view_logentry",
        "audit.view_inzage",
        "berichten.view_bericht",
        # Aanvragen: policy versions; a version in use is frozen (RegelingAdmin).
        "aanvragen.view_regeling",
        "aanvragen.add_regeling",
        "aanvragen.change_regeling",
        "aanvragen.view_kostencategorie",
        "aanvragen.add_kostencategorie",
        "aanvragen.change_kostencategorie",
        "aanvragen.delete_kostencategorie",
        "aanvragen.view_statuswijziging",
        # Termijnen: extra holidays by Royal Decree (Atw art. 3(3)), read by every term.
        "termijnen.view_extrafeestdag",
        "termijnen.add_extrafeestdag",
        "termijnen.change_extrafeestdag",
        "termijnen.delete_extrafeestdag",
        # Statistieken: suppressed aggregates only, no case content (issue 17).
        "statistieken.view_statistieken",
        # Bewaring: the records manager (schedule, legal holds, reviewing and approving
        # destruction lists, reports). The approval right can also be granted per person.
        "bewaring.view_bewaartermijn",
        "bewaring.change_bewaartermijn",
        "bewaring.view_bewaarplicht",
        "bewaring.add_bewaarplicht",
        "bewaring.change_bewaarplicht",
        "bewaring.view_vernietigingslijst",
        "bewaring.view_vernietigingsitem",
        "bewaring.goedkeuren_vernietigingslijst",
    ],
}


def ensure_role_groups(apps=global_apps, verbosity: int = 0) -> None:
    """Create one Group per role and set exactly its permissions (idempotent).

    Permissions whose app is not migrated yet are skipped; post_migrate runs this again
    after every app, so the final state is complete.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    with transaction.atomic():
        for rol, perm_names in ROLE_PERMISSIONS.items():
            group, _created = group_model.objects.get_or_create(name=rol)
            wanted = []
            for name in perm_names:
                app_label, codename = name.split(".")
                perm = permission_model.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if perm is not None:
                    wanted.append(perm)
            group.permissions.set(wanted)


def missing_permissions() -> list[str]:
    """Permissions named in the matrix that do not exist (a typo or a removed model)."""
    from django.contrib.auth.models import Permission

    existing = {
        f"{app}.{code}"
        for app, code in Permission.objects.values_list("content_type__app_label", "codename")
    }
    return sorted({name for names in ROLE_PERMISSIONS.values() for name in names} - existing)
