"""Template filters for Dutch amounts and dates: `{% load opmaak %}`."""

from django import template

from fondsbeveiliging.opmaak import formaat

register = template.Library()

for _naam in ("lange_datum", "datum_tijd", "euro", "iban"):
    register.filter(_naam, getattr(formaat, _naam))
