"""Statuses and terms of the data export (AVG art. 15)."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

# How long a finished export can be downloaded; the file is deleted after that.
BEWAARTERMIJN = timedelta(days=7)
# A pending export older than this is queued again when the owner asks once more (Redis runs
# without persistence, so a queued message can be lost).
OPNIEUW_INPLANNEN_NA = timedelta(minutes=2)
# Rows per page of the access log.
INZAGEN_PER_PAGINA = 50

EXPORT_MAKEN_TASK = "gegevens.tasks.export_maken_task"
EXPORTS_OPRUIMEN_TASK = "gegevens.tasks.exports_opruimen_task"


class ExportStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")
    VERLOPEN = "verlopen", _("Verlopen")
