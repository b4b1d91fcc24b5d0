"""Receivers that hand a change elsewhere to a claim service (no rule lives here).

A non-working day added by Royal Decree is managed in `fondsbeveiliging.termijnen`, which
must not import the apps; the claims follow it through these receivers.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from fondsbeveiliging.termijnen.models import ExtraFeestdag

from .kern import beslistermijnen_herberekenen_rond


@receiver(pre_save, sender=ExtraFeestdag, dispatch_uid="aanvragen_extra_feestdag_vorige")
def vorige_datum_onthouden(*, instance, **kwargs):
    """Remember the date an edit moves away from: claims near it may move back."""
    vorige = ExtraFeestdag.objects.filter(pk=instance.pk).values_list("datum", flat=True)
    instance.vorige_datum = vorige.first() if instance.pk else None


@receiver(post_save, sender=ExtraFeestdag, dispatch_uid="aanvragen_extra_feestdag_opgeslagen")
@receiver(post_delete, sender=ExtraFeestdag, dispatch_uid="aanvragen_extra_feestdag_verwijderd")
def beslistermijnen_volgen(*, instance, **kwargs):
    """Store again the deadlines of open claims ending near the changed day (old and new)."""
    for datum in {instance.datum, getattr(instance, "vorige_datum", None)} - {None}:
        beslistermijnen_herberekenen_rond(datum=datum)
