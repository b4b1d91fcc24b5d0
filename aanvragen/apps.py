from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanvragenConfig(AppConfig):
    name = "aanvragen"
    verbose_name = _("Aanvragen")

    def ready(self):
        register_model_history()
        from . import signalen  # noqa: F401  (connects the receivers)


# Never copy these into the change log: the home address is encrypted at rest and must not
# reappear in plain text in another table.
GEHEIME_VELDEN = ["woonadres", "woon_postcode", "woon_plaats"]
# Personal data and case text: the model history records who changed such a field and when,
# not its value, because the functioneel beheerder reads that history and sees no case
# content (domain.md §9); the case page shows the current value to those who may see it.
AFGESCHERMDE_VELDEN = [
    "aanvrager_naam",
    "correspondentie_adres",
    "correspondentie_postcode",
    "correspondentie_plaats",
    "iban",
    "rekeninghouder",
    "plafondsignalen",
]
AFSCHERMEN = "aanvragen.apps.afgeschermd"


def register_model_history():
    """Record every change to claims, decisions and policy versions with django-auditlog.

    Complements the status history: that one records workflow steps, this one records who
    changed which field (for example an assignment or a policy end date).
    """
    from auditlog.registry import auditlog

    from .models import Aanvraag, Besluit, Betaling, KostenpostBeoordeling, Regeling

    auditlog.register(
        Aanvraag,
        exclude_fields=GEHEIME_VELDEN + ["gewijzigd_op"],
        mask_fields=AFGESCHERMDE_VELDEN,
        mask_callable=AFSCHERMEN,
    )
    for model in (Besluit, KostenpostBeoordeling):
        auditlog.register(model, mask_fields=["motivering"], mask_callable=AFSCHERMEN)
    for model in (Betaling, Regeling):
        auditlog.register(model)


def afgeschermd(waarde: str) -> str:
    """Mask a logged value completely: the log shows that it changed, not what it says."""
    return waarde if waarde in ("", "None") else "(afgeschermd)"
