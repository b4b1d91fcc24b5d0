"""The offices of an office holder (issue 19, item 5): which run, and the summary on `User`.

Rules chosen where the issue is silent:
- An office runs until its recorded last day `tot`: from that day on it no longer counts
  for new claims (the same rule as `User.is_ambt_beeindigd`, "today or earlier").
- The summary on `User` is the running office that started first (ties: the oldest row),
  or, when none runs, the office that ended last. `in_functie_tot` is empty while any
  office runs: it is the end of the person's last office, which is what the retention
  schedule ("account of an office holder whose office ended") and the refusal of new claims
  read.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Ambt, User


def lopende_ambten(user: User) -> QuerySet[Ambt]:
    """The offices of `user` that run today, the earliest started first."""
    return (
        user.ambten.select_related("gemeente")
        .filter(Q(tot__isnull=True) | Q(tot__gt=timezone.localdate()))
        .order_by("sinds", "pk")
    )


def hoofdambt(user: User) -> Ambt | None:
    """The office that the summary on `User` shows (rules: module docstring)."""
    lopend = lopende_ambten(user).first()
    if lopend is not None:
        return lopend
    return user.ambten.select_related("gemeente").order_by("-tot", "-pk").first()


def samenvatting_bijwerken(user: User) -> User:
    """Write the summary of `user`'s offices to its office fields (call after any change)."""
    ambt = hoofdambt(user)
    if ambt is None:
        return user
    user.ambtstype = ambt.ambtstype
    user.gemeente_id = ambt.gemeente_id
    user.in_functie_sinds = ambt.sinds
    user.in_functie_tot = None if lopende_ambten(user).exists() else ambt.tot
    user.save(update_fields=["ambtstype", "gemeente", "in_functie_sinds", "in_functie_tot"])
    return user


def ambt_toevoegen(user: User, *, ambtstype: str, gemeente_id: int, sinds) -> Ambt:
    """Add an office to an office holder's account (the same running office only once)."""
    ambt, _nieuw = user.ambten.get_or_create(
        ambtstype=ambtstype, gemeente_id=gemeente_id, tot__isnull=True, defaults={"sinds": sinds}
    )
    samenvatting_bijwerken(user)
    return ambt
