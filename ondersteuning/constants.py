"""Statuses, the transition table and the choices of support requests (issue 18).

A municipality asks BZK, the NCTV and the COT for help with a tense public meeting; a
coordinator (a permission of the teamleider) accepts or declines, assigns a team, plans the
activities and records the debrief afterwards.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

KENMERK_PREFIX = "O"
# Meldingen and claims of the same municipality this many days around the meeting date are
# shown to the coordinator as possibly related.
GERELATEERD_DAGEN = 30


class VerzoekStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    GEPLAND = "gepland", _("Activiteiten gepland")
    AFGEROND = "afgerond", _("Afgerond (debriefing vastgelegd)")


S = VerzoekStatus

# Which status may follow which. Every service that changes a status checks this table.
TRANSITIES: dict[VerzoekStatus, set[VerzoekStatus]] = {
    S.CONCEPT: {S.INGEDIEND},
    S.INGEDIEND: {S.GEACCEPTEERD, S.AFGEWEZEN},
    S.GEACCEPTEERD: {S.GEPLAND},
    S.GEPLAND: {S.AFGEROND},
    S.AFGEWEZEN: set(),
    S.AFGEROND: set(),
}


def is_toegestane_overgang(van: str, naar: str) -> bool:
    return naar in TRANSITIES.get(van, set())


# The statuses in which each action may be taken (a matrix test checks every combination).
# For an action that changes the status, its target must also follow from TRANSITIES.
STATUS_VOOR_ACTIE: dict[str, frozenset[VerzoekStatus]] = {
    # the municipality
    "verzoek_wijzigen": frozenset({S.CONCEPT}),
    "verzoek_indienen": frozenset({S.CONCEPT}),
    "verzoek_aanvullen": frozenset({S.INGEDIEND, S.GEACCEPTEERD, S.GEPLAND}),
    # the coordinator
    "verzoek_accepteren": frozenset({S.INGEDIEND}),
    "verzoek_afwijzen": frozenset({S.INGEDIEND}),
    "team_toewijzen": frozenset({S.GEACCEPTEERD, S.GEPLAND}),
    "activiteit_plannen": frozenset({S.GEACCEPTEERD, S.GEPLAND}),
    "debriefing_vastleggen": frozenset({S.GEPLAND}),
    "notitie_toevoegen": frozenset(set(S) - {S.CONCEPT}),
}

# The status an action leads to (actions not listed keep the status).
NAAR_STATUS: dict[str, VerzoekStatus] = {
    "verzoek_indienen": S.INGEDIEND,
    "verzoek_accepteren": S.GEACCEPTEERD,
    "verzoek_afwijzen": S.AFGEWEZEN,
    "debriefing_vastleggen": S.AFGEROND,
}

# Open requests: the coordinator's queue opens on these.
OPEN_STATUSSEN = frozenset({S.INGEDIEND, S.GEACCEPTEERD, S.GEPLAND})

# Plain Dutch for the municipality.
STATUS_VOOR_GEMEENTE: dict[VerzoekStatus, str] = {
    S.CONCEPT: _("Nog niet verstuurd"),
    S.INGEDIEND: _("Ontvangen, wordt beoordeeld"),
    S.GEACCEPTEERD: _("Geaccepteerd, activiteiten worden gepland"),
    S.AFGEWEZEN: _("Afgewezen"),
    S.GEPLAND: _("Activiteiten gepland"),
    S.AFGEROND: _("Afgerond"),
}


class Beslissing(models.TextChoices):
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Hulpvorm(models.TextChoices):
    """The kinds of help: asked for by the municipality, planned as activities."""

    ADVIES = "advies", _("Advies vooraf")
    SCENARIOSESSIE = "scenariosessie", _("Scenariosessie")
    AANWEZIGHEID = "aanwezigheid", _("Aanwezigheid op locatie")


class Risicosignaal(models.TextChoices):
    EERDERE_INCIDENTEN = (
        "eerdere_incidenten",
        _("Eerdere incidenten bij vergelijkbare bijeenkomsten"),
    )
    ONLINE_OPROEPEN = "online_oproepen", _("Online oproepen tot actie of verstoring")
    BEKENDE_GROEPEN = "bekende_groepen", _("Bekende groepen die hebben aangekondigd te komen")
    DEMONSTRATIE = "demonstratie", _("Aangekondigde demonstratie")
    BEDREIGINGEN = "bedreigingen", _("Bedreigingen van bestuurders of medewerkers")
    MEDIA_AANDACHT = "media_aandacht", _("Veel (landelijke) media-aandacht")


class Organisatie(models.TextChoices):
    BZK = "bzk", _("BZK")
    NCTV = "nctv", _("NCTV")
    COT = "cot", _("COT (Instituut voor Veiligheids- en Crisismanagement)")


class Gebeurtenis(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Concept aangemaakt")
    INGEDIEND = "ingediend", _("Verzoek ingediend")
    AANGEVULD = "aangevuld", _("Informatie toegevoegd door de gemeente")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    TEAM_TOEGEWEZEN = "team_toegewezen", _("Team toegewezen")
    ACTIVITEIT_GEPLAND = "activiteit_gepland", _("Activiteit gepland")
    DEBRIEFING = "debriefing", _("Debriefing vastgelegd")
    NOTITIE = "notitie", _("Interne notitie")


# Fields that must be answered before a request can be sent.
VERPLICHTE_VELDEN = (
    "titel",
    "bijeenkomst_op",
    "locatie",
    "verwacht_aantal",
    "openbaar",
    "livestream",
    "onderwerp",
    "hulpvormen",
)
