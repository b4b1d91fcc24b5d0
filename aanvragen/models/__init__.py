"""Models of the aanvragen app, split by entity (claims; assessment and decisions)."""

# The migrations refer to these helpers by their old path (aanvragen.models.<name>).
from .aanvraag import (  # noqa: F401
    Aanvraag,
    AanvullingBestand,
    Aanvulverzoek,
    Bewijsstuk,
    DateRange,
    KenmerkTeller,
    KostenCategorie,
    Kostenpost,
    Regeling,
    StatusWijziging,
    _default_ambtstypen,
    _default_bewijs_betaald,
    _default_bewijs_offerte,
)
from .besluit import (
    Besluit,
    Betaling,
    Bezwaar,
    BezwaarBestand,
    KostenpostBeoordeling,
    Voornemen,
)
from .betaalbatch import Betaalbatch, BetaalbatchRegel
from .dubbel import SignaalAfweging

__all__ = [
    "Aanvraag",
    "Betaalbatch",
    "BetaalbatchRegel",
    "AanvullingBestand",
    "Aanvulverzoek",
    "Besluit",
    "Betaling",
    "Bewijsstuk",
    "Bezwaar",
    "BezwaarBestand",
    "KenmerkTeller",
    "KostenCategorie",
    "Kostenpost",
    "KostenpostBeoordeling",
    "Regeling",
    "SignaalAfweging",
    "StatusWijziging",
    "Voornemen",
]
