"""Forms of registration, invitation, the municipality's decision and the end of office."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.gemeenten.models import Gemeente

from .registratie import GEMEENTELIJKE_AMBTEN
from .services import ambtseinde_fout

# An empty first choice: a preselected office would be confirmed by mistake.
AMBT_KEUZES = [("", _("Kies uw ambt"))] + [
    (ambt.value, ambt.label) for ambt in GEMEENTELIJKE_AMBTEN
]
INVULTIJD_ZOUT = "fondsbeveiliging.accounts.registratie.invultijd"


class _AmbtsdragerVelden(forms.Form):
    voornaam = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    achternaam = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    ambtstype = forms.ChoiceField(label=_("Ambt"), choices=AMBT_KEUZES)
    in_functie_sinds = forms.DateField(
        label=_("In functie sinds"),
        help_text=_("De eerste dag van uw huidige ambtstermijn."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_in_functie_sinds(self):
        datum = self.cleaned_data["in_functie_sinds"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return datum


class RegistratieForm(_AmbtsdragerVelden):
    """The public request. `website` is a honeypot; `begin` a signed start time."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        empty_label=_("Kies uw gemeente"),
    )
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))
    begin = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["voornaam", "achternaam", "email", "ambtstype", "gemeente", "in_functie_sinds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.actief()
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["begin"] = signing.dumps(time.time(), salt=INVULTIJD_ZOUT)

    def is_bot(self) -> bool:
        """Filled the honeypot, or sent faster than a person can type (after is_valid)."""
        if self.cleaned_data.get("website"):
            return True
        minimum = getattr(settings, "REGISTRATIE_MIN_INVULTIJD", 3)
        try:
            begin = signing.loads(self.cleaned_data.get("begin", ""), salt=INVULTIJD_ZOUT)
        except signing.BadSignature:
            return minimum > 0
        return time.time() - float(begin) < minimum

    def zichtbare_velden(self):
        return [self[naam] for naam in self.field_order]


class UitnodigingForm(_AmbtsdragerVelden):
    pass


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van afwijzing"),
        max_length=1000,
        help_text=_("De aanvrager krijgt deze reden per e-mail."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AmbtseindeForm(forms.Form):
    """The municipality records the last day of an office holder's office."""

    datum = forms.DateField(
        label=_("Laatste dag van het ambt"),
        help_text=_("Niet vóór het begin van het ambt en niet meer dan een jaar vooruit."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bevestigen = forms.BooleanField(
        label=_(
            "Ik bevestig dat het ambt op deze datum eindigt. De ambtsdrager krijgt hierover "
            "een e-mail."
        ),
        error_messages={"required": _("Bevestig dat het ambt op deze datum eindigt.")},
    )

    def __init__(self, *args, ambt, **kwargs):
        super().__init__(*args, **kwargs)
        self.ambt = ambt

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        fout = ambtseinde_fout(in_functie_sinds=self.ambt.sinds, datum=datum)
        if fout:
            raise forms.ValidationError(fout)
        return datum
