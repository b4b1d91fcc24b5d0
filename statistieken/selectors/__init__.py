"""The statistics' queries: each returns the tables of one section, already suppressed."""

from .aanvragen import aanvragen_tabellen
from .afhandeling import afhandeling_tabellen
from .meldingen import meldingen_tabellen
from .ondersteuning import ondersteuning_tabellen

__all__ = [
    "aanvragen_tabellen",
    "afhandeling_tabellen",
    "meldingen_tabellen",
    "ondersteuning_tabellen",
]
