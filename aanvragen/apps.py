from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanvragenConfig(AppConfig):
    name = "aanvragen"
    verbose_name = _("Aanvragen")

    def ready(self):
        register_model_history()


# Never copy these into the change log: the home address is encrypted at rest and must not
# reappear in plain text in another table.
GEHEIME_VELDEN = ["woonadres", "woon_postcode", "woon_plaats"]


def register_model_history():
    """Record every change to claims, decisions and policy versions with django-auditlog.

    Complements the status history: that one records workflow steps, this one records who
    changed which field (for example an assignment or a policy end date).
    """
    from auditlog.registry import auditlog

    from .models import Aanvraag, Besluit, Betaling, KostenpostBeoordeling, Regeling

    auditlog.register(Aanvraag, exclude_fields=GEHEIME_VELDEN + ["gewijzigd_op"])
    for model in (Besluit, Betaling, KostenpostBeoordeling, Regeling):
        auditlog.register(model)
