"""Outbox for e-mail: a message is a row first, sent afterwards.

Writing the row in the same transaction as the business change means a crash between
commit and sending cannot lose the message; the unique `sleutel` means the same message is
never queued twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bericht(models.Model):
    sleutel = models.CharField(
        _("sleutel"),
        max_length=200,
        unique=True,
        help_text=_("Eén bericht per sleutel, bijvoorbeeld 'brief-klaar:123:aanvrager'."),
    )
    aan = models.EmailField(_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=models.Q(verstuurd_op__isnull=True),
                name="bericht_onverstuurd_idx",
            )
        ]

    def __str__(self):
        return self.sleutel
