"""Record kinds, the events a retention period counts from, and the states of a list."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Celery task names (stable: beat and queued messages name them).
NACHTELIJK_TASK = "bewaring.tasks.bewaring_nachtelijk_task"
UITVOEREN_TASK = "bewaring.tasks.vernietigingslijst_uitvoeren_task"

PERM_GOEDKEUREN = "bewaring.goedkeuren_vernietigingslijst"

# A draft's author is warned this long before the draft goes on a destruction list.
CONCEPT_WAARSCHUWING_DAGEN = 14


class Soort(models.TextChoices):
    """A kind of record with its own retention period (one schedule row each)."""

    MELDING = "melding", _("Melding (met bijlagen, aanvullingen en historie)")
    AANVRAAG = (
        "aanvraag",
        _("Aanvraag met besluiten, brieven, bewijsstukken, aanvullingen en historie"),
    )
    BETALING = "betaling", _("Betalingen bij een aanvraag (financiële administratie)")
    CONCEPT_MELDING = "concept_melding", _("Nooit verstuurde concept-melding")
    CONCEPT_AANVRAAG = "concept_aanvraag", _("Nooit verstuurde concept-aanvraag")
    BERICHT = "bericht", _("E-mail in de outbox")
    INZAGE = "inzage", _("Regel van het inzagelog")
    ACCOUNT = "account", _("Account van een ambtsdrager van wie het ambt is beëindigd")
    ONDERSTEUNINGSVERZOEK = (
        "ondersteuningsverzoek",
        _("Ondersteuningsverzoek (met bijlagen, activiteiten, debriefing en historie)"),
    )
    VERNIETIGINGSVERSLAG = "vernietigingsverslag", _("Vernietigingslijst met verslag")


class Ingang(models.TextChoices):
    """The event a retention period counts from."""

    ZAAK_AFGESLOTEN = "zaak_afgesloten", _("afsluiten of intrekken van de zaak")
    MELDING_AFGEROND = "melding_afgerond", _("afhandelen of intrekken van de melding")
    LAATSTE_BETALING = "laatste_betaling", _("laatste betaling")
    LAATSTE_WIJZIGING = "laatste_wijziging", _("laatste wijziging van het concept")
    AANGEMAAKT = "aangemaakt", _("aanmaken van de regel")
    AMBT_BEEINDIGD = "ambt_beeindigd", _("einde van het ambt")
    VERZOEK_AFGEROND = "verzoek_afgerond", _("afronden of afwijzen van het verzoek")
    VERSLAG_GEMAAKT = "verslag_gemaakt", _("maken van het vernietigingsverslag")


# The event(s) each kind's period may count from: what `soorten.py` knows how to compute.
INGANGEN: dict[str, tuple[str, ...]] = {
    Soort.MELDING: (Ingang.MELDING_AFGEROND,),
    Soort.AANVRAAG: (Ingang.ZAAK_AFGESLOTEN,),
    Soort.BETALING: (Ingang.LAATSTE_BETALING,),
    Soort.CONCEPT_MELDING: (Ingang.LAATSTE_WIJZIGING,),
    Soort.CONCEPT_AANVRAAG: (Ingang.LAATSTE_WIJZIGING,),
    Soort.BERICHT: (Ingang.AANGEMAAKT,),
    Soort.INZAGE: (Ingang.AANGEMAAKT,),
    Soort.ACCOUNT: (Ingang.AMBT_BEEINDIGD,),
    Soort.ONDERSTEUNINGSVERZOEK: (Ingang.VERZOEK_AFGEROND,),
    Soort.VERNIETIGINGSVERSLAG: (Ingang.VERSLAG_GEMAAKT,),
}


class LijstStatus(models.TextChoices):
    CONCEPT = "concept", _("Ter beoordeling")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd, vernietiging gepland")
    BEZIG = "bezig", _("Vernietiging bezig")
    VOLTOOID = "voltooid", _("Vernietigd, verslag gemaakt")


# Only an approved list is ever carried out (also a database constraint on the list).
UITVOERBAAR = frozenset({LijstStatus.GOEDGEKEURD, LijstStatus.BEZIG})


class ItemStatus(models.TextChoices):
    TE_VERNIETIGEN = "te_vernietigen", _("Te vernietigen")
    VERNIETIGD = "vernietigd", _("Vernietigd")
    UITGEZONDERD = "uitgezonderd", _("Uitgezonderd")
    OVERGESLAGEN = "overgeslagen", _("Overgeslagen (niet meer vernietigbaar)")
