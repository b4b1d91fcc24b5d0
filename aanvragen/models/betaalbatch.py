"""Payment batches (issue 15, item 4): what finance sends to the bank in one go.

A batch is made from the sent decisions with an amount still to pay that are in no open
batch yet, so the next batch holds only new rows. Each row keeps a copy of what was sent to
the bank (payee, IBAN, amount, reference): the files of a batch can be downloaded again and
are the same, whatever happens to the claim afterwards. A row is paid when finance registers
its payment (`betaling`); a batch is paid when all its rows are.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .aanvraag import BEDRAG
from .besluit import Besluit, Betaling


class Betaalbatch(models.Model):
    nummer = models.PositiveIntegerField(_("nummer"), unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uitvoeringsdatum = models.DateField(_("gewenste uitvoeringsdatum"))
    totaal = models.DecimalField(_("totaal"), **BEDRAG)
    aantal = models.PositiveIntegerField(_("aantal betalingen"))
    # The SEPA file as made once, at creation: a second download is the same file (the
    # bank refuses a message id it has seen, so a re-made file with a new id could pay twice).
    pain001 = models.TextField(_("SEPA-bestand (pain.001)"))
    bericht_id = models.CharField(_("berichtkenmerk (MsgId)"), max_length=35)

    class Meta:
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        ordering = ["-nummer"]

    def __str__(self):
        return _("Betaalbatch %(nummer)s") % {"nummer": self.nummer}


class BetaalbatchRegel(models.Model):
    batch = models.ForeignKey(
        Betaalbatch, verbose_name=_("betaalbatch"), on_delete=models.PROTECT, related_name="regels"
    )
    besluit = models.ForeignKey(
        Besluit, verbose_name=_("besluit"), on_delete=models.PROTECT, related_name="batchregels"
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=20)
    begunstigde = models.CharField(_("begunstigde"), max_length=200)
    iban = models.CharField(_("IBAN"), max_length=34)
    bedrag = models.DecimalField(_("bedrag"), **BEDRAG)
    uiterlijk_betalen_op = models.DateField(_("uiterlijk betalen op"), null=True, blank=True)
    eind_tot_eind_id = models.CharField(_("betalingskenmerk (EndToEndId)"), max_length=35)
    betaling = models.OneToOneField(
        Betaling,
        verbose_name=_("betaling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="batchregel",
    )

    class Meta:
        verbose_name = _("betaalbatchregel")
        verbose_name_plural = _("betaalbatchregels")
        ordering = ["batch", "pk"]
        constraints = [
            # A decision is in at most one batch that is not paid yet: two batches made at
            # the same moment cannot both hold it.
            models.UniqueConstraint(
                fields=["besluit"],
                condition=Q(betaling__isnull=True),
                name="batchregel_een_open_per_besluit",
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="batchregel_bedrag_positief"),
        ]

    def __str__(self):
        return f"{self.kenmerk}: {self.bedrag}"
