"""Celery tasks for accounts."""

from celery import shared_task

from . import inactiviteit


@shared_task(name="fondsbeveiliging.accounts.tasks.inactieve_accounts_task")
def inactieve_accounts_task() -> dict:
    """Warn office-holder accounts without a login for long, and switch off warned ones."""
    uitkomst = inactiviteit.inactieve_accounts_afhandelen()
    return {"gewaarschuwd": uitkomst.gewaarschuwd, "uitgeschakeld": uitkomst.uitgeschakeld}
