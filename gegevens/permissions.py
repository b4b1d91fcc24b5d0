"""Who may see the privacy page and download an export: its owner, an office holder."""

from .constants import ExportStatus


def can_gegevens_bekijken(user) -> bool:
    """Only office holders have a "Mijn gegevens" page (their own file)."""
    return user.is_authenticated and user.is_active and user.is_ambtsdrager


def can_export_aanvragen(user) -> bool:
    return can_gegevens_bekijken(user)


def can_export_downloaden(user, export) -> bool:
    """The owner, while the export is ready and not expired; nobody else, ever."""
    return (
        can_gegevens_bekijken(user)
        and export.eigenaar_id == user.pk
        and export.status == ExportStatus.KLAAR
        and not export.is_verlopen()
    )
