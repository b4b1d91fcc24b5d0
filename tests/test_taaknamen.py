"""Celery task names are part of the interface: queued messages and beat name them."""

from django.conf import settings

from fondsbeveiliging.celery import app

# Names that messages already in the broker may carry; moving a module must not change them.
STABIELE_NAMEN = {
    "fondsbeveiliging.brieven.tasks.brief_genereren_task",
    "fondsbeveiliging.brieven.tasks.brieven_nasturen_task",
    "fondsbeveiliging.berichten.tasks.bericht_versturen_task",
    "fondsbeveiliging.berichten.tasks.berichten_nasturen_task",
    "aanvragen.backoffice.tasks.deadline_overzicht_versturen_task",
    "aanvragen.backoffice.tasks.zaken_afsluiten_task",
    "aanvragen.backoffice.tasks.signaleringen_klaarzetten_task",
    "gegevens.tasks.export_maken_task",
    "gegevens.tasks.exports_opruimen_task",
    "statistieken.tasks.kwartaalrapport_maken_task",
    "statistieken.tasks.momentopnamen_verversen_task",
    "bewaring.tasks.bewaring_nachtelijk_task",
    "bewaring.tasks.vernietigingslijst_uitvoeren_task",
    "fondsbeveiliging.accounts.tasks.inactieve_accounts_task",
}


def _geregistreerd() -> set[str]:
    app.loader.import_default_modules()  # what a worker imports at start (autodiscovery)
    return {naam for naam in app.tasks if not naam.startswith("celery.")}


def test_the_letter_tasks_keep_their_names_after_moving_to_aanvragen():
    """A worker of this version still runs a letter task queued by the previous one."""
    assert _geregistreerd() == STABIELE_NAMEN


def test_every_beat_entry_names_a_registered_task():
    """Beat never schedules a name that no worker knows."""
    geregistreerd = _geregistreerd()
    for naam, regel in settings.CELERY_BEAT_SCHEDULE.items():
        assert regel["task"] in geregistreerd, naam


def test_a_web_process_knows_the_tasks_its_services_queue_by_name():
    """Without a worker's autodiscovery, Django's start alone registers the queued tasks
    (a fresh process: the test process has long imported every task module)."""
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from celery import current_app; "
        "print(sorted(n for n in current_app.tasks if not n.startswith('celery.')))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "fondsbeveiliging.brieven.tasks.brief_genereren_task" in uit
    assert "fondsbeveiliging.berichten.tasks.bericht_versturen_task" in uit
