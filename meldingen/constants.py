"""Choices and the status transition table for meldingen (domain.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeldingStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# The only status changes there are. Read it as "from -> may go to".
TOEGESTANE_OVERGANGEN: dict[MeldingStatus, set[MeldingStatus]] = {
    MeldingStatus.CONCEPT: {MeldingStatus.ONTVANGEN},
    MeldingStatus.ONTVANGEN: {MeldingStatus.IN_BEHANDELING, MeldingStatus.INGETROKKEN},
    MeldingStatus.IN_BEHANDELING: {MeldingStatus.AFGEHANDELD, MeldingStatus.INGETROKKEN},
    MeldingStatus.AFGEHANDELD: set(),
    MeldingStatus.INGETROKKEN: set(),
}

# Information can be added while BZK still works on the melding.
AANVULBARE_STATUSSEN = frozenset({MeldingStatus.ONTVANGEN, MeldingStatus.IN_BEHANDELING})


def is_toegestane_overgang(van: str, naar: str) -> bool:
    return naar in TOEGESTANE_OVERGANGEN.get(van, set())


class Gebeurtenis(models.TextChoices):
    """What a history row records: a status change or information added."""

    AANGEMAAKT = "aangemaakt", _("Concept aangemaakt")
    INGEDIEND = "ingediend", _("Melding verstuurd")
    AANGEVULD = "aangevuld", _("Informatie toegevoegd")
    IN_BEHANDELING_GENOMEN = "in_behandeling_genomen", _("In behandeling genomen")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Categorie(models.TextChoices):
    VERBALE_AGRESSIE = "verbale_agressie", _("Verbale agressie")
    ONLINE_AGRESSIE = "online_agressie", _("Online agressie of haat (sociale media, e-mail)")
    BEDREIGING = "bedreiging", _("Bedreiging (ook doodsbedreiging)")
    INTIMIDATIE = "intimidatie", _("Intimidatie (ook bij de woning, demonstratie aan de deur)")
    FYSIEK_GEWELD = "fysiek_geweld", _("Fysiek geweld")
    VERNIELING = "vernieling", _("Vernieling of zaakbeschadiging")
    SEKSUELE_INTIMIDATIE = "seksuele_intimidatie", _("Seksuele intimidatie")
    DISCRIMINATIE = "discriminatie", _("Discriminatie")
    STALKING = "stalking", _("Stalking of belaging")
    DOXING = "doxing", _("Doxing (uw persoonsgegevens publiceren om u te intimideren)")
    BEDREIGING_NAASTEN = "bedreiging_naasten", _("Bedreiging van naasten (familie)")
    ANDERS = "anders", _("Anders")


class Locatie(models.TextChoices):
    WERK = "werk", _("Gemeentehuis of werkplek")
    WONING = "woning", _("Bij of in mijn woning")
    OPENBARE_RUIMTE = "openbare_ruimte", _("Openbare ruimte")
    ONLINE = "online", _("Online")
    ELDERS = "elders", _("Elders")


class Kanaal(models.TextChoices):
    PERSOONLIJK = "persoonlijk", _("Persoonlijk (face to face)")
    TELEFOON = "telefoon", _("Telefoon")
    BRIEF = "brief", _("Brief of kaart")
    EMAIL = "email", _("E-mail")
    SOCIALE_MEDIA = "sociale_media", _("Sociale media")


class GerichtOp(models.TextChoices):
    PERSOON = "persoon", _("Op mij als persoon")
    AMBT = "ambt", _("Op mijn ambt of functie")
    WEET_NIET = "weet_niet", _("Weet ik niet")


class Doelwit(models.TextChoices):
    ZELF = "zelf", _("Ikzelf")
    NAASTEN = "naasten", _("Mijn naasten (partner, kinderen, familie)")
    ORGANISATIE = "organisatie", _("Mijn organisatie (gemeente, raad, fractie)")


class Dader(models.TextChoices):
    BEKEND = "bekend", _("Bekend: ik weet wie het is")
    ONBEKEND = "onbekend", _("Onbekend")
    GROEP = "groep", _("Een groep")


class Aangifte(models.TextChoices):
    JA = "ja", _("Ja, ik heb aangifte gedaan")
    GEPLAND = "gepland", _("Nog niet, maar ik ga aangifte doen")
    NEE = "nee", _("Nee")


class Impact(models.TextChoices):
    FYSIEK = "fysiek", _("Lichamelijk letsel")
    SCHADE = "schade", _("Schade aan spullen of eigendommen")
    WERK = "werk", _("Invloed op mijn werk of besluiten")


class Ondersteuning(models.TextChoices):
    COLLEGIAAL = "collegiaal", _("Collegiale ondersteuning (peer support)")
    PSYCHOSOCIAAL = "psychosociaal", _("Psychosociale hulp")
    JURIDISCH = "juridisch", _("Juridische hulp")


# Fields that must be answered before a melding can be sent. Everything else is optional.
VERPLICHTE_VELDEN = (
    "datum_van",
    "categorieen",
    "omschrijving",
    "locatie",
    "kanaal",
    "gericht_op",
    "doelwitten",
    "dader",
    "herhaald",
    "intern_gemeld",
    "aangifte",
)

REFERENTIE_PREFIX = "M"
