from django import forms
from django.utils.translation import gettext_lazy as _

from aanvragen.constants import Uitkomst

from .selectors import BETAALSTATUS


class PortaalFilterForm(forms.Form):
    """Filters of the municipality portal; invalid input simply means no filter."""

    jaar = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int, empty_value=None)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Alle"))] + list(Uitkomst.choices)
    )
    betaalstatus = forms.ChoiceField(
        label=_("Betaling"), required=False, choices=[("", _("Alle")), *BETAALSTATUS]
    )

    def __init__(self, *args, jaren=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Alle"))] + [(j, str(j)) for j in jaren]
