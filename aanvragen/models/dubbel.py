"""What an assessor decided about double-claim signals (issue 15, item 5).

The signals themselves are not stored: `aanvragen.backoffice.dubbel` computes them when the
case page or the assessment form is opened, so they always reflect the other claims as they
are now (a later claim with the same invoice flags the earlier one too; a grant decided
later counts at once). What is stored is the assessor's reason for going on despite them,
with the signals it covered (`signalen`: key and text per signal, as shown at that moment).
The table is append-only (a database trigger); destroying the claim removes its rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .aanvraag import Aanvraag


class SignaalAfweging(models.Model):
    """An assessor's reason to go on with a claim despite double-claim signals."""

    aanvraag = models.ForeignKey(
        Aanvraag,
        verbose_name=_("aanvraag"),
        # The retention purge removes a claim with everything under it; the trigger allows
        # that inside `append_only_vernietigen_toestaan`.
        on_delete=models.CASCADE,
        related_name="signaalafwegingen",
    )
    reden = models.TextField(_("reden om door te gaan"))
    # [{"sleutel": "...", "tekst": "..."}]: the signals this reason covers.
    signalen = models.JSONField(_("afgewogen signalen"), default=list)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    op = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("afweging signaal dubbele declaratie")
        verbose_name_plural = _("afwegingen signalen dubbele declaratie")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.aanvraag_id}: {self.op:%d-%m-%Y %H:%M}"

    @property
    def sleutels(self) -> set[str]:
        return {s["sleutel"] for s in self.signalen}
