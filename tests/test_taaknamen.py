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
