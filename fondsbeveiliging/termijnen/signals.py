"""Keep the per-process extra-holiday cache in step with admin edits in this process.

Other processes pick up a change within the cache lifetime (one minute).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fondsbeveiliging.termijnen.kalender import clear_extra_cache
from fondsbeveiliging.termijnen.models import ExtraFeestdag


@receiver(post_save, sender=ExtraFeestdag, dispatch_uid="termijnen_extra_saved")
@receiver(post_delete, sender=ExtraFeestdag, dispatch_uid="termijnen_extra_deleted")
def forget_extra_feestdagen(**kwargs):
    """Drop the cache so the next calculation reads the new list."""
    clear_extra_cache()
