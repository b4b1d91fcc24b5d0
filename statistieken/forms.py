"""The period filter of the statistics page and the report request."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.opmaak.formaat import MAANDEN

from .periode import EERSTE_JAAR, Periode


def _jaren():
    huidig = timezone.localdate().year
    return [(j, str(j)) for j in range(huidig, EERSTE_JAAR - 1, -1)]


KWARTALEN = [(k, _("%(k)se kwartaal") % {"k": k}) for k in range(1, 5)]


class PeriodeForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, choices=_jaren)
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Heel het jaar")), *KWARTALEN],
    )
    maand = forms.TypedChoiceField(
        label=_("Maand"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Alle maanden")), *[(n, m) for n, m in enumerate(MAANDEN, start=1)]],
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["periode"] = Periode(
                jaar=data["jaar"], kwartaal=data.get("kwartaal"), maand=data.get("maand")
            )
        except ValueError:
            raise forms.ValidationError(
                _("Deze maand valt niet in het gekozen kwartaal. Kies een maand of een kwartaal.")
            ) from None
        return data


class RapportForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, choices=_jaren)
    kwartaal = forms.TypedChoiceField(label=_("Kwartaal"), coerce=int, choices=KWARTALEN)
